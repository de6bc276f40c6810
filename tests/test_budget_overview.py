"""Staff's round overview (participation per step, per part, per voter group) and its CSV
downloads of projects, supports and anonymised ballots: right numbers, no personal
data, only for who runs the round, and the same number of queries when data doubles."""

import csv
import io
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks.budgeting.choices import Channel
from consultation_blocks.budgeting.counting.factories import make_ballot
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.models import Ballot
from consultation_blocks.budgeting.overview import exports, queries
from consultation_blocks.budgeting.projects import services as projects
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import Residence, VoterGroup
from pb_pages.factories import in_phase

from .refusals import assert_refused_in_admin, assert_sent_to_admin_sign_in
from .test_budget_staff_screens import World

pytestmark = pytest.mark.django_db

NAMES = itertools.count()


@pytest.fixture
def world(db):
    return World()


def _voter(group=VoterGroup.RESIDENT, area=Residence.INSIDE):
    return make_participant(f"voter-{next(NAMES)}", voter_group=group, area=area)


def _fill(world, scale=1):
    """Projects, supports and ballots in two parts, from several voter groups."""
    page = world.round
    road = make_project(page, "north", "ซ่อมถนนซอยหนึ่ง", cost=400)
    lights = make_project(page, "north", "ไฟส่องสว่าง", cost=300)
    park = make_project(page, "south", "สวนสาธารณะ", cost=900)
    make_project(page, "south", "สะพานลอย", cost=None, review="unfeasible", shortlisted=False)
    for _ in range(scale):
        with in_phase(page, "supporting_projects"):
            for project in (road, lights):
                projects.support(_voter(), project, page)
            projects.support(_voter(VoterGroup.INTERESTED, Residence.OUTSIDE), park, page)
        make_ballot(page, "north", [road, lights], participant=_voter())
        make_ballot(
            page,
            "north",
            [road],
            participant=_voter(VoterGroup.CONCERNED, Residence.OUTSIDE),
            voter_group=VoterGroup.CONCERNED,
            area=Residence.OUTSIDE,
        )
        make_ballot(page, "south", [park], participant=_voter(), channel=Channel.PAPER)
    return road, lights, park


def test_the_overview_counts_per_part_and_per_voter_group(world):
    road, lights, park = _fill(world)
    parts = {row.part.key: row for row in queries.by_part(world.round)}
    north, south = parts["north"], parts["south"]
    assert (north.projects, north.feasible, north.shortlisted) == (2, 2, 2)
    assert (south.projects, south.feasible, south.unfeasible) == (2, 1, 1)
    assert (north.supports, south.supports) == (2, 1)
    assert (north.online, north.paper, south.online, south.paper) == (2, 0, 0, 1)
    assert north.on_ballots == 400 + 300 + 400 and south.on_ballots == 900
    assert parts["east"].ballots == 0

    groups = {row.label: row for row in queries.by_voter_group(world.round)}
    resident = groups[VoterGroup.RESIDENT.label]
    assert resident.ballots == {Residence.INSIDE: 2} and resident.total_supporters == 2
    concerned = groups[VoterGroup.CONCERNED.label]
    assert concerned.ballots == {Residence.OUTSIDE: 1}
    assert groups[VoterGroup.INTERESTED.label].supporters == {Residence.OUTSIDE: 1}


def test_the_overview_counts_per_step_what_was_done_while_it_ran(world):
    _fill(world)
    steps = {row.span.kind.key: row for row in queries.by_step(world.round)}
    # The factories' supports are made "in" supporting but stored now; the ballots now.
    assert steps["ballot"].current
    assert steps["ballot"].online + steps["supporting_projects"].online == 2
    assert sum(row.online for row in steps.values()) == 2
    assert sum(row.paper for row in steps.values()) <= 1


def test_the_screen_shows_the_numbers_to_the_round_s_editor(world, client):
    _fill(world)
    client.force_login(world.editor)
    response = client.get(world.url("overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ซ่อมถนน" not in html  # numbers, not the projects themselves
    assert [row.part.key for row in response.context["parts"]] == ["north", "south", "east"]
    for kind, url in response.context["exports"]:
        assert url.endswith(f"/export/{kind}.csv") and url in html


def test_the_overview_is_refused_to_others(world, client):
    export = f"/admin/bokrao/budget/{world.round.pk}/export/ballots.csv"
    client.force_login(world.citizen.user)
    assert_sent_to_admin_sign_in(client.get(world.url("overview")))
    for user, url in itertools.product(
        (world.other_editor, world.clerk), (world.url("overview"), export)
    ):
        client.force_login(user)
        assert_refused_in_admin(client.get(url))


def _download(client, world, kind):
    response = client.get(f"/admin/bokrao/budget/{world.round.pk}/export/{kind}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_exports_hold_the_round_without_who_took_part(world, client):
    road, lights, park = _fill(world)
    client.force_login(world.editor)
    listed = _download(client, world, "projects")
    by_title = {row["title"]: row for row in listed}
    assert by_title["ซ่อมถนนซอยหนึ่ง"]["votes"] == "2" and by_title["ไฟส่องสว่าง"]["supports"] == "1"
    assert by_title["สะพานลอย"]["review"] == "unfeasible"
    supports = _download(client, world, "supports")
    assert sorted(row["project_id"] for row in supports) == sorted(
        str(pk) for pk in (road.pk, lights.pk, park.pk)
    )
    assert {row["residence"] for row in supports} == {"inside", "outside"}
    ballots = _download(client, world, "ballots")
    assert sorted(row["projects"] for row in ballots) == sorted(
        [f"{min(road.pk, lights.pk)} {max(road.pk, lights.pk)}", str(road.pk), str(park.pk)]
    )
    assert {row["channel"] for row in ballots} == {"online", "paper"}
    # Nobody is named: no participant id, name or email, no time of day, and the token
    # is neither the ballot's number nor its person's.
    everything = str(listed) + str(supports) + str(ballots)
    for ballot in Ballot.objects.select_related("participant__user"):
        person = ballot.participant
        assert person.user.email not in everything
        assert not person.display_name or person.display_name not in everything
        row = next(
            r
            for r in ballots
            if r["ballot"] == exports.ballot_token(ballot.consultation, ballot.pk)
        )
        assert row["ballot"] not in (str(ballot.pk), str(person.pk))
    assert not {"participant", "participant_id", "email", "name"} & set(ballots[0])
    assert all(len(row["day"]) == 10 for row in supports)


def test_the_screen_and_the_exports_ask_the_same_queries_when_data_doubles(world, client):
    _fill(world)
    client.force_login(world.editor)
    urls = [world.url("overview")] + [
        f"/admin/bokrao/budget/{world.round.pk}/export/{kind}.csv" for kind in exports.KINDS
    ]

    def asked():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries_asked:
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
            counts.append(len(queries_asked.captured_queries))
        return counts

    asked()  # warm: the session and the site
    before = asked()
    _fill(world, scale=2)
    assert asked() == before


def test_a_person_balloting_in_two_parts_counts_once_and_a_deleted_account_still_counts(world):
    page = world.round
    road = make_project(page, "north", "ซ่อมถนนซอยหนึ่ง", cost=400)
    park = make_project(page, "south", "สวนสาธารณะ", cost=900)
    both = _voter()
    make_ballot(page, "north", [road], participant=both)
    make_ballot(page, "south", [park], participant=both)
    # Kept after its person deleted their account: counted, with nobody behind it.
    make_ballot(page, "north", [road], participant=None)
    make_ballot(page, "south", [park], participant=None)

    groups = {row.label: row for row in queries.by_voter_group(page)}
    assert groups[VoterGroup.RESIDENT.label].ballots == {Residence.INSIDE: 3}
    parts = {row.part.key: row for row in queries.by_part(page)}
    assert parts["north"].ballots == 2 and parts["south"].ballots == 2


def test_each_step_counts_what_was_done_between_its_dates(world):
    page = world.round
    spans = {span.kind.key: span for span in page.timeline().spans()}

    def inside(step):
        span = spans[step]
        return span.starts_at + (span.ends_at - span.starts_at) / 2

    submitted = make_project(page, "north", "ซ่อมถนนซอยหนึ่ง", cost=400, author=_voter())
    Project = type(submitted)
    Project.objects.filter(pk=submitted.pk).update(created_at=inside("submitting_projects"))
    early = make_ballot(page, "north", [submitted], participant=_voter())
    late = make_ballot(page, "north", [submitted], participant=_voter())
    paper = make_ballot(page, "north", [submitted], participant=_voter(), channel=Channel.PAPER)
    Ballot.objects.filter(pk=early.pk).update(submitted_at=inside("supporting_projects"))
    Ballot.objects.filter(pk=late.pk).update(submitted_at=inside("ballot"))
    # A paper ballot counts when it was cast, whenever staff typed it in.
    Ballot.objects.filter(pk=paper.pk).update(
        cast_at=inside("supporting_projects"), submitted_at=inside("ballot")
    )

    steps = {row.span.kind.key: row for row in queries.by_step(page, at=spans["ballot"].ends_at)}
    assert steps["submitting_projects"].projects == 1
    assert sum(row.projects for row in steps.values()) == 1
    assert (steps["supporting_projects"].online, steps["ballot"].online) == (1, 1)
    assert (steps["supporting_projects"].paper, steps["ballot"].paper) == (1, 0)
