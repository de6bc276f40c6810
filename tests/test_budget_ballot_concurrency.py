"""Ballots under parallel requests (PostgreSQL): every action of one person in a round
locks their RoundVoter row, then checks again (docs/decisions/015-locks.md)."""

import threading

import pytest
from django.db import connection

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.ballots import services
from consultation_blocks.budgeting.models import Ballot, BallotLine, RoundVoter
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import make_round, make_section

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"), slug="pb")


@pytest.fixture
def voter(home):
    return make_participant("somsri", verification_level=VerificationLevel.RESIDENT)


def _at_once(actions):
    barrier = threading.Barrier(len(actions))
    results, refusals, errors = [], [], []

    def run(action):
        barrier.wait()
        try:
            results.append(action())
        except services.BallotRefused as refusal:
            refusals.append(refusal)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    assert errors == []
    return results, refusals


def test_parallel_adds_that_together_overspend_a_part_store_only_what_fits(round_page, voter):
    # North has 1,000 baht: any two of these fit, no three do.
    projects = [budget.make_project(round_page, "north", f"p{i}", cost=400) for i in range(5)]

    results, refusals = _at_once(
        [
            lambda project=project: services.add_line(voter, round_page, "north", project)
            for project in projects
        ]
    )

    assert len(results) == 2 and len(refusals) == 3
    assert BallotLine.objects.count() == 2
    assert Ballot.objects.count() == 1


def test_parallel_paper_and_online_ballots_for_one_person_store_one(round_page, voter, home):
    town = Municipality.objects.get(home_page=home)
    clerk = make_staff("clerk", "bokrao_blocks.add_vote", municipality=town)
    north = budget.make_project(round_page, "north", "ไฟ", cost=400)
    south = budget.make_project(round_page, "south", "ทาง", cost=400)

    results, refusals = _at_once(
        [
            lambda: services.add_line(voter, round_page, "north", north),
            lambda: services.enter_paper_ballot(
                clerk, round_page, voter, "south", [south.pk], "สำนักงาน"
            ),
        ]
    )

    assert len(results) == 1 and len(refusals) == 1
    assert Ballot.objects.count() == 1
    assert RoundVoter.objects.get().channel == Ballot.objects.get().channel
