"""A participant's ballots in the data download and the account deletion."""

import pytest

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.ballots import personal_data, services
from consultation_blocks.budgeting.models import Ballot, BallotLine, RoundVoter
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.privacy.registry import Person
from pb_pages.factories import make_round, make_section

pytestmark = pytest.mark.django_db


class _Policy:
    def __init__(self, keeps):
        self.keeps_votes = keeps

    def of(self, municipality_id):
        return self


@pytest.fixture
def balloted(home):
    page = make_round(make_section(home, "budget", slug="budget"), slug="pb")
    voter = make_participant("somsri", verification_level=VerificationLevel.RESIDENT)
    project = budget.make_project(page, "north", "ไฟทาง", cost=100)
    services.add_line(voter, page, "north", project)
    services.submit_ballot(voter, page, "north")
    return Person(user=voter.user, participant=voter)


def test_ballots_are_downloaded_with_their_projects(balloted):
    [ballot] = personal_data.BALLOTS.export(balloted, None)
    assert ballot["part"] == "north"
    assert [project["title"] for project in ballot["projects"]] == ["ไฟทาง"]
    assert ballot["submitted_at"]


def test_kept_ballots_stay_counted_without_their_person(balloted):
    personal_data.BALLOTS.erase(balloted, _Policy(keeps=True))
    assert Ballot.objects.get().participant is None
    assert BallotLine.objects.filter(counted=True).count() == 1
    assert not RoundVoter.objects.exists()


def test_ballots_go_when_the_municipality_keeps_no_votes(balloted):
    personal_data.BALLOTS.erase(balloted, _Policy(keeps=False))
    assert not Ballot.objects.exists() and not BallotLine.objects.exists()
