"""Staff's screens of a budget round in the Wagtail admin: paper ballots, the count, the
follow-up of selected projects and adding projects (issue 14).

Who may: a round's editors (review_proposal and page editing in its municipality) count,
follow up and add projects; its office staff (add_vote) enter paper ballots. Staff of
another municipality are refused (the views' 403, which the admin shows as its
"no permission" message on its home); a citizen, who may not use the admin at all, is
sent to its sign-in page."""

import io
import uuid
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from PIL import Image
from wagtail.models import Locale, Page

from consultation_blocks.budgeting.ballots import rules as ballot_rules
from consultation_blocks.budgeting.ballots import services as ballots
from consultation_blocks.budgeting.choices import Channel, Implementation, MilestoneStatus
from consultation_blocks.budgeting.counting import services as counting
from consultation_blocks.budgeting.counting.factories import make_ballot
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.implementation import services as follow_up
from consultation_blocks.budgeting.models import (
    Ballot,
    BallotLine,
    Milestone,
    Project,
    RoundCount,
    RoundVoter,
    Spending,
)
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.participants.models import ResidentVerification
from consultation_blocks.proposals.choices import ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.staff.factories import join_staff
from consultation_blocks.timing import now
from consultation_blocks.wagtail_hooks import budget_round_staff_buttons
from pb_pages.factories import in_phase, make_call, make_home, make_round, make_section
from pb_pages.models import HomePage
from pb_pages.municipalities import make_staff_groups, staff_group

from .refusals import assert_refused_in_admin, assert_sent_to_admin_sign_in

pytestmark = pytest.mark.django_db


def _second_home(title, slug):
    return Page.get_first_root_node().add_child(
        instance=HomePage(title=title, slug=slug, locale=Locale.objects.get(language_code="th"))
    )


def _member(name, group, municipality):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
    join_staff(user, group, municipality)
    return user


class World:
    """Saen Suk's round (balloting now) with its editor and office clerk; Ratchathewi's
    editor and clerk beside; a citizen."""

    def __init__(self):
        self.home = make_home("เทศบาลเมืองแสนสุข", "saensuk")
        self.town = municipality_of(self.home)
        make_staff_groups(self.town, self.home)
        other_home = _second_home("เขตราชเทวี", "ratchathewi")
        self.other = municipality_of(other_home)
        make_staff_groups(self.other, other_home)
        self.section = make_section(self.home, "budget", slug="budget")
        self.round = make_round(self.section, slug="pb")
        self.editor = _member("editor", staff_group(self.town, "editors"), self.town)
        self.clerk = _member("clerk", staff_group(self.town, "office"), self.town)
        self.other_editor = _member("editor-b", staff_group(self.other, "editors"), self.other)
        self.other_clerk = _member("clerk-b", staff_group(self.other, "office"), self.other)
        self.citizen = make_participant("citizen", verification_level=VerificationLevel.RESIDENT)

    def url(self, screen, *more):
        tail = "/".join(str(part) for part in more)
        return f"/admin/bokrao/budget/{self.round.pk}/{screen}/" + (f"{tail}/" if tail else "")


@pytest.fixture
def world(db):
    return World()


def _messages(response):
    return [(m.level_tag, str(m).strip()) for m in get_messages(response.wsgi_request)]


def _in_admin_language(function, *args):
    # The admin speaks Thai: the services' refusals read as it shows them.
    with translation.override("th"):
        return str(function(*args))


def _refused(world, client, user, url):
    client.force_login(user)
    return client.get(url)


def _same_queries(client, url, double):
    """The number of queries of GET `url` before and after `double()` adds as much data."""
    client.get(url)  # warm: the session and Wagtail's site lookups
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    double()
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    return len(before.captured_queries), len(after.captured_queries)


# Paper ballots --------------------------------------------------------------------------


def _new_person(**more):
    person = {"place": "ที่ว่าการเทศบาล", "who": "new", "voter_group": "resident", "area": "inside"}
    return person | more


def test_office_staff_enter_a_paper_ballot_for_a_new_person(world, client):
    road = make_project(world.round, "north", "ซ่อมถนนซอยหนึ่ง", cost=400)
    make_project(world.round, "south", "สวนสาธารณะ", cost=900)
    client.force_login(world.clerk)
    screen = client.get(world.url("paper-ballots")).content.decode()
    assert "ซ่อมถนนซอยหนึ่ง" in screen and "สวนสาธารณะ" in screen

    answer = client.post(world.url("paper-ballots"), _new_person(part="north", projects=[road.pk]))

    assert answer.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.part, ballot.entered_by, ballot.entered_at_place) == (
        Channel.PAPER,
        "north",
        world.clerk,
        "ที่ว่าการเทศบาล",
    )
    assert list(BallotLine.objects.values_list("project", "counted")) == [(road.pk, True)]
    listed = client.get(world.url("paper-ballots")).content.decode()
    assert "ที่ว่าการเทศบาล" in listed and "clerk" in listed


def test_a_paper_ballot_of_someone_with_an_account_is_theirs_and_staff_verify_them(world, client):
    road = make_project(world.round, "north", cost=400)
    person = make_participant("somsri", verification_level=VerificationLevel.EMAIL)
    client.force_login(world.clerk)

    answer = client.post(
        world.url("paper-ballots"),
        {
            "place": "ศาลาประชาคม",
            "who": "existing",
            "email": person.user.email,
            "part": "north",
            "projects": [road.pk],
        },
    )

    assert answer.status_code == 302
    assert Ballot.objects.get().participant == person
    assert RoundVoter.objects.get(participant=person).channel == Channel.PAPER
    assert ResidentVerification.objects.get(participant=person, municipality=world.town).level == (
        VerificationLevel.STAFF
    )


def test_a_paper_ballot_for_an_unknown_email_is_not_stored(world, client):
    road = make_project(world.round, "north", cost=400)
    client.force_login(world.clerk)

    answer = client.post(
        world.url("paper-ballots"),
        {
            "place": "ศาลาประชาคม",
            "who": "existing",
            "email": "nobody@example.com",
            "part": "north",
            "projects": [road.pk],
        },
    )

    assert answer.status_code == 200
    assert not Ballot.objects.exists()


def test_a_paper_ballot_keeps_the_time_it_was_cast(world, client):
    road = make_project(world.round, "north", cost=400)
    client.force_login(world.clerk)
    cast = (now() - timedelta(hours=5)).replace(second=0, microsecond=0)

    client.post(
        world.url("paper-ballots"),
        _new_person(
            part="north",
            projects=[road.pk],
            took_part_at=timezone.localtime(cast).strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    assert Ballot.objects.get().cast_at == cast


def test_a_paper_ballot_of_someone_who_balloted_online_is_refused_on_screen(world, client):
    road = make_project(world.round, "north", cost=400)
    ballots.add_line(world.citizen, world.round, "north", road)
    client.force_login(world.clerk)

    answer = client.post(
        world.url("paper-ballots"),
        {
            "place": "ศาลาประชาคม",
            "who": "existing",
            "email": world.citizen.user.email,
            "part": "south",
            "projects": [make_project(world.round, "south", cost=500).pk],
        },
    )

    assert answer.status_code == 200
    reason = _in_admin_language(
        lambda: ballot_rules.channel_decision(Channel.ONLINE, Channel.PAPER).reason
    )
    assert any(level == "error" and reason in text for level, text in _messages(answer))
    assert not Ballot.objects.filter(channel=Channel.PAPER).exists()
    # What staff typed is kept for them to correct.
    assert "ศาลาประชาคม" in answer.content.decode()


def test_a_paper_ballot_over_the_parts_money_is_refused_and_nothing_is_stored(world, client):
    big = make_project(world.round, "north", "ถนน", cost=600)
    other = make_project(world.round, "north", "สวน", cost=500)
    client.force_login(world.clerk)

    answer = client.post(
        world.url("paper-ballots"), _new_person(part="north", projects=[big.pk, other.pk])
    )

    assert answer.status_code == 200
    assert [level for level, _text in _messages(answer)] == ["error"]
    assert not Ballot.objects.exists()
    page = answer.content.decode()
    assert f'value="{big.pk}" checked' in page and f'value="{other.pk}" checked' in page


def test_a_paper_ballot_without_a_place_is_not_stored(world, client):
    road = make_project(world.round, "north", cost=400)
    client.force_login(world.clerk)

    answer = client.post(
        world.url("paper-ballots"), _new_person(place="", part="north", projects=[road.pk])
    )

    assert answer.status_code == 200
    assert not Ballot.objects.exists()


def test_paper_ballots_are_for_the_rounds_own_office_staff(world, client):
    url = world.url("paper-ballots")
    assert_refused_in_admin(_refused(world, client, world.other_clerk, url))
    assert_refused_in_admin(_refused(world, client, world.editor, url))
    assert_sent_to_admin_sign_in(_refused(world, client, world.citizen.user, url))


def _paper_ballots(world, project, count):
    for _ in range(count):
        ballot = make_ballot(world.round, "north", [project], channel=Channel.PAPER)
        Ballot.objects.filter(pk=ballot.pk).update(
            entered_by=world.clerk, entered_at_place="ศาลาประชาคม", cast_at=ballot.created_at
        )


def test_the_list_of_paper_ballots_costs_the_same_queries_when_they_double(world, client):
    road = make_project(world.round, "north", cost=400)
    _paper_ballots(world, road, 3)
    client.force_login(world.clerk)

    before, after = _same_queries(
        client, world.url("paper-ballots"), lambda: _paper_ballots(world, road, 3)
    )

    assert before == after


# Counting -------------------------------------------------------------------------------


def test_editors_recount_the_round_once_the_ballot_closed(world, client):
    road = make_project(world.round, "north", cost=400)
    make_ballot(world.round, "north", [road])
    client.force_login(world.editor)

    with in_phase(world.round, "results"):
        answer = client.post(world.url("counts"))

    assert answer.status_code == 302
    assert RoundCount.objects.filter(by=world.editor).count() == 2
    assert Project.objects.get(pk=road.pk).selected
    screen = client.get(world.url("counts")).content.decode()
    assert "editor" in screen


def test_a_recount_while_the_ballot_is_open_is_refused_on_screen(world, client):
    client.force_login(world.editor)

    answer = client.post(world.url("counts"), follow=True)

    reason = _in_admin_language(lambda: counting.may_count(world.round).reason)
    assert ("error", reason) in _messages(answer)
    assert not RoundCount.objects.exists()


def test_the_count_screen_is_for_the_rounds_own_editors(world, client):
    url = world.url("counts")
    assert_refused_in_admin(_refused(world, client, world.other_editor, url))
    assert_refused_in_admin(_refused(world, client, world.clerk, url))
    assert_sent_to_admin_sign_in(_refused(world, client, world.citizen.user, url))
    with in_phase(world.round, "results"):
        client.force_login(world.other_editor)
        assert_refused_in_admin(client.post(url))
    assert not RoundCount.objects.exists()


def test_the_count_screen_costs_the_same_queries_when_the_counts_double(world, client):
    road = make_project(world.round, "north", cost=400)
    make_ballot(world.round, "north", [road])

    def recount():
        with in_phase(world.round, "results"):
            counting.count_round(world.round, by=world.editor)
            counting.count_round(world.round, by=world.editor)

    recount()
    client.force_login(world.editor)
    before, after = _same_queries(client, world.url("counts"), recount)

    assert before == after


# Follow-up of selected projects ---------------------------------------------------------


def _png():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 160, 90)).save(out, "PNG")
    return SimpleUploadedFile("site.png", out.getvalue(), content_type="image/png")


def test_editors_add_a_milestone_with_a_photo(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    project = make_project(world.round, "north", "ลานกีฬา", cost=600, selected=True)
    client.force_login(world.editor)

    answer = client.post(
        world.url("follow-up", project.pk),
        {
            "form": "milestone",
            "date": "2026-11-01",
            "text": "เทพื้นคอนกรีตแล้ว",
            "status": MilestoneStatus.DONE,
            "photo": _png(),
        },
    )

    assert answer.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.project, milestone.text, milestone.by) == (
        project,
        "เทพื้นคอนกรีตแล้ว",
        world.editor,
    )
    assert milestone.photo.name.startswith("budgeting/milestones/")
    assert "เทพื้นคอนกรีตแล้ว" in client.get(world.url("follow-up", project.pk)).content.decode()


def test_editors_record_money_spent_and_set_progress(world, client):
    project = make_project(world.round, "north", cost=600_000, selected=True)
    client.force_login(world.editor)
    url = world.url("follow-up", project.pk)

    client.post(
        url, {"form": "spending", "amount": "150000", "spent_on": "2026-11-02", "note": "ปูน"}
    )
    client.post(
        url, {"form": "progress", "progress": "40", "implementation": Implementation.IN_PROGRESS}
    )

    spending = Spending.objects.get()
    assert (spending.amount, spending.spent_on, spending.note, spending.by) == (
        150_000,
        date(2026, 11, 2),
        "ปูน",
        world.editor,
    )
    project.refresh_from_db()
    assert (project.progress, project.implementation) == (40, Implementation.IN_PROGRESS)
    screen = client.get(url).content.decode()
    assert "600,000" in screen and "150,000" in screen


def test_follow_up_of_a_project_the_round_did_not_select_is_refused_on_screen(world, client):
    project = make_project(world.round, "north", cost=600, selected=False)
    client.force_login(world.editor)

    answer = client.post(
        world.url("follow-up", project.pk),
        {"form": "spending", "amount": "100", "spent_on": "2026-11-02"},
    )

    assert answer.status_code == 200
    reason = _in_admin_language(lambda: _refusal_of(follow_up.record_spending, project))
    assert ("error", reason) in _messages(answer)
    assert not Spending.objects.exists()
    assert 'value="100"' in answer.content.decode()  # kept as typed


def _refusal_of(action, project):
    try:
        action(project, 100, date(2026, 11, 2))
    except follow_up.ImplementationRefused as refusal:
        return refusal.decision.reason
    raise AssertionError("not refused")


def test_a_milestone_without_a_date_is_not_stored(world, client):
    project = make_project(world.round, "north", cost=600, selected=True)
    client.force_login(world.editor)

    answer = client.post(
        world.url("follow-up", project.pk),
        {"form": "milestone", "text": "เริ่มงาน", "status": MilestoneStatus.PLANNED},
    )

    assert answer.status_code == 200
    assert not Milestone.objects.exists()


def test_the_follow_up_screens_are_for_the_rounds_own_editors(world, client):
    project = make_project(world.round, "north", cost=600, selected=True)
    for url in (world.url("follow-up"), world.url("follow-up", project.pk)):
        assert_refused_in_admin(_refused(world, client, world.other_editor, url))
        assert_refused_in_admin(_refused(world, client, world.clerk, url))
        assert_sent_to_admin_sign_in(_refused(world, client, world.citizen.user, url))
    client.force_login(world.other_editor)
    client.post(world.url("follow-up", project.pk), {"form": "progress", "progress": "90"})
    project.refresh_from_db()
    assert project.progress == 0


def test_the_selected_projects_list_links_each_and_sums_the_money(world, client):
    chosen = make_project(world.round, "north", "ลานกีฬา", cost=600, selected=True)
    make_project(world.round, "south", "ไม่ได้รับเลือก", cost=700, selected=False)
    follow_up.record_spending(chosen, 250, date(2026, 11, 2))
    client.force_login(world.editor)

    screen = client.get(world.url("follow-up")).content.decode()

    assert world.url("follow-up", chosen.pk) in screen
    assert "ไม่ได้รับเลือก" not in screen
    assert "250" in screen and "600" in screen


def _selected_projects(world, count):
    for number in range(count):
        project = make_project(world.round, "east", f"โครงการที่ {number}", cost=10, selected=True)
        follow_up.record_spending(project, 5, date(2026, 11, 2))
        follow_up.add_milestone(project, date(2026, 11, 3), "เริ่มงาน")


def test_the_selected_projects_list_costs_the_same_queries_when_they_double(world, client):
    _selected_projects(world, 3)
    client.force_login(world.editor)

    before, after = _same_queries(
        client, world.url("follow-up"), lambda: _selected_projects(world, 3)
    )

    assert before == after


def test_a_projects_follow_up_costs_the_same_queries_when_its_records_double(world, client):
    project = make_project(world.round, "north", cost=600, selected=True)

    def record():
        for day in range(1, 4):
            follow_up.record_spending(project, 10, date(2026, 11, day), by=world.editor)
            follow_up.add_milestone(project, date(2026, 11, day), "งานคืบหน้า", by=world.editor)

    record()
    client.force_login(world.editor)
    before, after = _same_queries(client, world.url("follow-up", project.pk), record)

    assert before == after


# Adding projects ------------------------------------------------------------------------


def _accepted(world, title, author=None):
    call = getattr(world, "call", None) or make_call(
        make_section(world.home, "proposals", slug="proposals")
    )
    world.call = call
    author = author or make_participant(f"author-{uuid.uuid4().hex[:8]}")
    return make_proposal(call, author, title, state=ProposalState.ACCEPTED)


def test_editors_add_a_project_of_the_municipality(world, client):
    client.force_login(world.editor)

    answer = client.post(
        world.url("projects/new"),
        {
            "title": "ไฟส่องสว่างริมคลอง",
            "description": "ติดตั้งไฟส่องสว่างตลอดทางเดินริมคลองแสนแสบ",
            "part": "south",
            "estimated_cost": "1500",
        },
    )

    assert answer.status_code == 302
    project = Project.objects.get()
    assert (project.title, project.part, project.estimated_cost, project.created_by) == (
        "ไฟส่องสว่างริมคลอง",
        "south",
        1500,
        world.editor,
    )
    assert project.participant is None and project.municipality == world.town


def test_a_project_without_its_fields_is_not_added(world, client):
    client.force_login(world.editor)

    answer = client.post(world.url("projects/new"), {"title": "ไฟ", "part": "south"})

    assert answer.status_code == 200
    assert [level for level, _text in _messages(answer)] == ["error"]
    assert not Project.objects.exists()


def test_editors_turn_an_accepted_proposal_into_a_project(world, client):
    proposal = _accepted(world, "ขุดลอกคูระบายน้ำ")
    waiting = _accepted(world, "ซ่อมศาลาประชาคม")
    make_proposal(world.call, make_participant("p"), "ยังไม่รับ", state=ProposalState.PUBLISHED)
    client.force_login(world.editor)
    screen = client.get(world.url("projects/new")).content.decode()
    assert "ขุดลอกคูระบายน้ำ" in screen and "ยังไม่รับ" not in screen

    answer = client.post(
        world.url("projects/new"),
        {"proposal": proposal.pk, "part": "east", "estimated_cost": "2500"},
    )

    assert answer.status_code == 302
    project = Project.objects.get()
    assert (project.proposal, project.part, project.estimated_cost) == (proposal, "east", 2500)
    assert project.participant == proposal.participant
    screen = client.get(world.url("projects/new")).content.decode()
    assert f'name="proposal" value="{proposal.pk}"' not in screen
    assert f'name="proposal" value="{waiting.pk}"' in screen


def test_a_proposal_already_a_project_is_refused_on_screen(world, client):
    proposal = _accepted(world, "ขุดลอกคูระบายน้ำ")
    client.force_login(world.editor)
    data = {"proposal": proposal.pk, "part": "east", "estimated_cost": "2500"}
    client.post(world.url("projects/new"), data, follow=True)

    answer = client.post(world.url("projects/new"), data)

    assert [level for level, _text in _messages(answer)] == ["error"]
    assert Project.objects.count() == 1


def test_a_proposal_without_a_cost_is_refused_on_screen(world, client):
    proposal = _accepted(world, "ขุดลอกคูระบายน้ำ")
    client.force_login(world.editor)

    answer = client.post(world.url("projects/new"), {"proposal": proposal.pk, "part": "east"})

    assert [level for level, _text in _messages(answer)] == ["error"]
    assert not Project.objects.exists()


def test_adding_projects_is_for_the_rounds_own_editors(world, client):
    proposal = _accepted(world, "ขุดลอกคูระบายน้ำ")
    url = world.url("projects/new")
    assert_refused_in_admin(_refused(world, client, world.other_editor, url))
    assert_refused_in_admin(_refused(world, client, world.clerk, url))
    assert_sent_to_admin_sign_in(_refused(world, client, world.citizen.user, url))
    client.force_login(world.other_editor)
    client.post(url, {"proposal": proposal.pk, "part": "east", "estimated_cost": "10"})
    assert not Project.objects.exists()


def test_the_proposals_offered_cost_the_same_queries_when_they_double(world, client):
    for number in range(3):
        _accepted(world, f"ข้อเสนอที่ {number}")
    client.force_login(world.editor)

    def double():
        for number in range(3, 6):
            _accepted(world, f"ข้อเสนอที่ {number}")

    before, after = _same_queries(client, world.url("projects/new"), double)

    assert before == after


# The page listing's buttons -------------------------------------------------------------


def _listing(client, user, world):
    client.force_login(user)
    return client.get(f"/admin/pages/{world.section.pk}/").content.decode()


def test_the_rounds_listing_offers_each_screen_to_who_may_use_it(world, client):
    editor = _listing(client, world.editor, world)
    for screen in ("counts", "follow-up", "projects/new"):
        assert world.url(screen) in editor
    assert world.url("paper-ballots") not in editor

    # Office staff edit no pages, so they meet the buttons where a page's menu is built.
    clerk = [button.url for button in budget_round_staff_buttons(world.round, world.clerk)]
    assert clerk == [world.url("paper-ballots")]
    assert not list(budget_round_staff_buttons(world.round, world.other_editor))


# Transactional: the worker takes an exclusive transaction of its own. serialized_rollback:
# the test starts from the migrated data (the root page, the admin permission), which an
# earlier transactional test's flush removed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_recount_is_counted_by_the_worker_and_the_screen_says_so_until_it_is_done(
    signal_handlers,
):
    from django.core.management import call_command
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    world = World()
    road = make_project(world.round, "north", cost=400)
    make_ballot(world.round, "north", [road])
    client = Client()
    client.force_login(world.editor)
    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with in_phase(world.round, "results"), override_settings(TASKS=database):
        answer = client.post(world.url("counts"), follow=True)
        begun = _in_admin_language(
            lambda: gettext(
                "The count has begun. A large round takes a few minutes; this screen "
                "shows it when it is done."
            )
        )
        assert ("success", begun) in _messages(answer)
        # Nothing counted in the request: the count waits for the worker.
        assert not RoundCount.objects.exists()
        assert DBTaskResult.objects.get().status == "READY"
        screen = answer.content.decode()
        running = _in_admin_language(
            lambda: gettext(
                "The count you asked for is running. Reload this screen in a minute to see it."
            )
        )
        assert running in screen and "<button" not in screen.split(running, 1)[1][:200]

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

        answer = client.get(world.url("counts"))
    assert RoundCount.objects.filter(by=world.editor).count() == 2
    counted = _in_admin_language(
        lambda: (
            ngettext(
                "The round is counted again: %(count)d ballot.",
                "The round is counted again: %(count)d ballots.",
                1,
            )
            % {"count": 1}
        )
    )
    assert ("success", counted) in _messages(answer)
    assert running not in answer.content.decode()
