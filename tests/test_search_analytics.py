"""Staff analytics from the engine agree with the database's own counts."""

import io

import pytest
from django.core.management import CommandError, call_command

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.models import Vote
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.tally import tally, vote_tallies
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section
from search import analytics
from search.outbox import send_all_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(home, participation_index):
    section = make_section(home, "vote", slug="votes")
    section.save_revision().publish()
    page = make_consultation(
        section,
        body=widget_body(widget("agree_disagree", "w-lights", allow_neutral=True)),
    )
    page.save_revision().publish()
    people = [
        ("a", VoterGroup.RESIDENT, Residence.INSIDE, "agree"),
        ("b", VoterGroup.RESIDENT, Residence.INSIDE, "agree"),
        ("c", VoterGroup.RESIDENT, Residence.INSIDE, "disagree"),
        ("d", VoterGroup.INTERESTED, Residence.OUTSIDE, "agree"),
        ("e", VoterGroup.CONCERNED, Residence.OUTSIDE, "neutral"),
    ]
    for name, group, area, choice in people:
        cast_vote(make_participant(name, voter_group=group, area=area), page, "w-lights", choice)
    return page


def test_votes_per_option_per_voter_group_equal_the_database(voted, participation_index):
    send_all_due(participation_index)
    participation_index.refresh()

    from_index = analytics.votes_by_option_and_group(participation_index, voted.translation_key)

    by_group = tally(voted.translation_key, "w-lights")["by_group"]
    from_database = {}
    for group, choices in by_group.items():
        for choice, count in choices.items():
            from_database.setdefault(choice, {})[group] = count
    assert from_index == {"w-lights": from_database}
    assert from_index["w-lights"]["agree"] == {"resident": 2, "interested": 1}


def test_residents_votes_by_area_equal_the_database(home, participation_index):
    from consultation_blocks.models import Area
    from consultation_blocks.municipalities.services import municipality_of

    town = municipality_of(home)
    beach = Area.objects.create(municipality=town, name="ชุมชนบางแสน", code="01")
    hill = Area.objects.create(municipality=town, name="ชุมชนเขาสามมุข", code="02")
    section = make_section(home, "vote", slug="area-votes")
    page = make_consultation(section, body=widget_body(widget("agree_disagree", "w-beach")))
    page.save_revision().publish()
    for name, area, choice in [
        ("a", beach, "agree"),
        ("b", beach, "agree"),
        ("c", hill, "disagree"),
    ]:
        cast_vote(make_participant(name, home_area=area), page, "w-beach", choice)
    cast_vote(make_participant("d", area=Residence.OUTSIDE), page, "w-beach", "agree")
    send_all_due(participation_index)
    participation_index.refresh()

    from_index = analytics.votes_by_option_and_area(
        participation_index, page.translation_key, town.pk
    )

    counted = vote_tallies(page.translation_key, ["w-beach"])["w-beach"]
    from_database = counted["by_home_area"]
    assert from_index == {"w-beach": {"agree": {str(beach.pk): 2}, "disagree": {str(hill.pk): 1}}}
    assert from_database == {beach.pk: {"agree": 2}, hill.pk: {"disagree": 1}}


def test_activity_per_day_counts_every_vote_once(voted, participation_index):
    send_all_due(participation_index)
    participation_index.refresh()

    days = analytics.activity_per_day(participation_index, voted.translation_key)

    assert sum(kinds.get("vote", 0) for kinds in days.values()) == Vote.objects.count() == 5


def test_a_changed_vote_moves_in_the_index_too(voted, participation_index):
    send_all_due(participation_index)
    vote = Vote.objects.filter(choices=["disagree"]).get()
    cast_vote(vote.participant, voted, "w-lights", "agree")
    send_all_due(participation_index)
    participation_index.refresh()

    from_index = analytics.votes_by_option_and_group(participation_index, voted.translation_key)

    assert from_index["w-lights"]["agree"]["resident"] == 3
    assert "disagree" not in from_index["w-lights"]


def test_compare_checks_vote_tallies_and_reports_a_difference(voted, participation_index):
    send_all_due(participation_index)
    out = io.StringIO()
    call_command("search_compare", stdout=out)
    # agree (resident, interested), disagree, neutral: per voter group, as the report shows.
    assert "vote tallies: 4 compared, 0 different" in out.getvalue()

    # A vote changed behind the outbox's back (say, a restore from backup).
    Vote.objects.filter(choices=["neutral"]).update(choices=["agree"])
    with pytest.raises(CommandError):
        call_command("search_compare", stdout=io.StringIO())
