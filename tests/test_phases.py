"""Phases: a consultation runs in steps, each allowing some actions; rules ask the
current phase, staff may hold or advance it with a reason, and the editor refuses
widget dates outside the phases that allow the widget's action."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from consultation_blocks.comments.services import CommentRefused, post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.timing import WindowState, frozen_at, now
from consultation_blocks.widgets.votes import VoteRefused, cast_vote
from pb_pages.factories import in_phase, make_consultation, make_section
from pb_pages.phases import services
from pb_pages.phases.models import PhaseShift
from pb_pages.phases.tasks import reindex_crossed_boundaries
from pb_pages.phases.timeline import ADVANCE, HOLD, RELEASE, Shift, Timeline
from search.models import OutboxEntry

pytestmark = pytest.mark.django_db

T0 = now().replace(microsecond=0)


def day(n):
    return T0 + timedelta(days=n)


THREE_STEPS = [
    ("discussion", day(0), day(10)),
    ("voting", day(10), day(20)),
    ("results", day(20), None),
]


# The timeline on its own


def test_the_current_phase_follows_the_dates():
    timeline = Timeline(THREE_STEPS)
    assert timeline.current(day(-1)) is None
    assert timeline.state(day(-1)) == WindowState.UPCOMING
    assert timeline.current(day(5)).kind.key == "discussion"
    assert timeline.current(day(10)).kind.key == "voting"  # a phase starts at its start
    assert timeline.current(day(25)).kind.key == "results"
    assert timeline.state(day(400)) == WindowState.OPEN  # the last phase has no end


def test_each_phase_allows_its_actions_and_says_when_the_next_opening_is():
    timeline = Timeline(THREE_STEPS)
    assert timeline.allows("comment", day(5)) and not timeline.allows("vote", day(5))
    assert timeline.allows("vote", day(15)) and not timeline.allows("comment", day(15))
    assert timeline.next_opening("vote", day(5)) == day(10)
    assert timeline.closing("vote", day(15)) == day(20)
    assert timeline.last_closing("vote", day(25)) == day(20)
    assert timeline.next_opening("comment", day(15)) == day(20)


def test_a_consultation_closes_when_its_last_phase_ends():
    timeline = Timeline([("listening", day(0), day(10))])
    assert timeline.state(day(10) - timedelta(seconds=1)) == WindowState.OPEN
    assert timeline.state(day(10)) == WindowState.CLOSED
    assert timeline.frame() == (day(0), day(10))


def test_a_held_phase_goes_on_past_its_end_and_the_next_waits_for_the_release():
    held = Timeline(THREE_STEPS, [Shift(HOLD, 0, day(8))])
    assert held.current(day(15)).kind.key == "discussion"
    assert held.current(day(15)).held
    assert not held.allows("vote", day(15))
    assert held.frame(day(15)) == (day(0), None)  # listings keep it open

    released = Timeline(THREE_STEPS, [Shift(HOLD, 0, day(8)), Shift(RELEASE, 0, day(12))])
    assert released.current(day(13)).kind.key == "voting"  # it starts at the release
    assert released.spans(day(13))[1].starts_at == day(12)
    assert released.current(day(11)).kind.key == "discussion"  # the log is replayed in time


def test_moving_to_the_next_phase_ends_the_current_one_now():
    timeline = Timeline(THREE_STEPS, [Shift(ADVANCE, 1, day(4))])
    assert timeline.current(day(5)).kind.key == "voting"
    assert timeline.current(day(3)).kind.key == "discussion"
    assert timeline.closing("vote", day(5)) == day(20)
    ended = Timeline([("listening", day(0), day(10))], [Shift(ADVANCE, 1, day(4))])
    assert ended.state(day(5)) == WindowState.CLOSED


# Rules ask the phase: before, during and after, for every role


@pytest.fixture
def staged(home):
    """Discuss for ten days, vote for ten, then results: a comment and a vote widget."""
    section = make_section(home, "debate")
    return make_consultation(
        section,
        phases=[("discussion", 0, 10), ("voting", 10, 20), ("results", 20, None)],
        body=widget_body(widget("agree_disagree", "w-vote"), comment_widget("w-talk")),
    )


@pytest.mark.parametrize(
    "moment, may_vote, may_comment",
    [
        ("before", False, False),
        ("discussion", False, True),
        ("voting", True, False),
        ("results", False, True),
    ],
)
def test_a_confirmed_participant_may_do_what_the_phase_allows(
    staged, moment, may_vote, may_comment
):
    somchai = make_participant()
    clock = frozen_at(now() - timedelta(days=1)) if moment == "before" else in_phase(staged, moment)
    with clock:
        for allowed, act, refused in [
            (may_vote, lambda: cast_vote(somchai, staged, "w-vote", "agree"), VoteRefused),
            (
                may_comment,
                lambda: post_comment(somchai, staged, "w-talk", "ความเห็น"),
                CommentRefused,
            ),
        ]:
            if allowed:
                act()
            else:
                with pytest.raises(refused):
                    act()


def test_the_refusal_says_when_voting_opens_and_when_it_closed(staged):
    somchai = make_participant()
    with in_phase(staged, "discussion"), pytest.raises(VoteRefused) as refused:
        cast_vote(somchai, staged, "w-vote", "agree")
    assert "เปิดรับ" in refused.value.decision.reason  # "this opens on <the voting start>"
    with in_phase(staged, "results"), pytest.raises(VoteRefused) as refused:
        cast_vote(somchai, staged, "w-vote", "agree")
    assert "ปิดรับแล้ว" in refused.value.decision.reason


@pytest.mark.parametrize(
    "who", ["anonymous", "unverified", "blocked"], ids=["anonymous", "unverified", "blocked"]
)
def test_in_the_voting_phase_only_eligible_participants_vote(staged, who):
    participant = None
    if who != "anonymous":
        participant = make_participant(
            verification_level=VerificationLevel.UNVERIFIED
            if who == "unverified"
            else VerificationLevel.EMAIL
        )
    if who == "blocked":
        participant.blocked_at, participant.blocked_reason = now(), "spam"
        participant.save()
    with in_phase(staged, "voting"), pytest.raises(VoteRefused):
        cast_vote(participant, staged, "w-vote", "agree")


# Staff move phases by hand, with a reason in the log


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")


def test_staff_hold_the_voting_phase_past_its_end_and_the_log_keeps_why(staged, editor, client):
    client.force_login(editor)
    url = reverse("bokrao_phases", args=[staged.pk])
    with in_phase(staged, "voting"):
        response = client.post(url, {"action": "hold", "reason": "น้ำท่วม ประชาชนมาไม่ได้"})
        assert response.status_code == 302
    somchai = make_participant()
    staged = type(staged).objects.get(pk=staged.pk)  # as the next request reads it
    with frozen_at(now() + timedelta(days=25)):
        cast_vote(somchai, staged, "w-vote", "agree")  # voting goes on after its end date
        assert staged.closes_at is None and staged.state == WindowState.OPEN
    shift = PhaseShift.objects.get()
    assert (shift.action, shift.position, shift.by, shift.reason) == (
        "hold",
        1,
        editor,
        "น้ำท่วม ประชาชนมาไม่ได้",
    )
    assert "น้ำท่วม ประชาชนมาไม่ได้" in client.get(url).content.decode()


def test_staff_move_to_the_next_phase_early(staged, editor):
    with in_phase(staged, "discussion"):
        services.advance(staged, editor, "คุยกันครบแล้ว")
        cast_vote(make_participant(), staged, "w-vote", "agree")
        with pytest.raises(CommentRefused):
            post_comment(make_participant("other"), staged, "w-talk", "ยังคุยได้ไหม")


def test_a_change_without_a_reason_is_refused_and_nothing_is_logged(staged, editor, client):
    client.force_login(editor)
    with in_phase(staged, "voting"):
        response = client.post(reverse("bokrao_phases", args=[staged.pk]), {"action": "hold"})
    assert response.status_code == 200
    assert PhaseShift.objects.count() == 0
    with pytest.raises(services.PhaseChangeRefused):
        services.hold(staged, editor, "  ")


def test_someone_who_may_not_publish_the_page_may_not_move_its_phases(staged, client):
    from django.contrib.auth.models import Group, Permission

    clerk = get_user_model().objects.create_user("clerk", "clerk@example.com", "pw")
    group = Group.objects.create(name="Office")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    clerk.groups.add(group)
    client.force_login(clerk)
    response = client.post(
        reverse("bokrao_phases", args=[staged.pk]), {"action": "advance", "reason": "ลอง"}
    )
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert PhaseShift.objects.count() == 0


# The editor


def _edit(client, page, phases, body):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = {"title": page.title, "slug": page.slug, "summary": page.summary}
    form.update(
        body=streamfield(body),
        comments=inline_formset([]),
        phases=inline_formset(
            [{"kind": kind, "starts_at": starts, "ends_at": ends} for kind, starts, ends in phases]
        ),
    )
    return client.post(url, nested_form_data(form))


def _fmt(moment):
    return moment.strftime("%Y-%m-%d %H:%M")


def test_the_editor_refuses_a_vote_widget_dated_outside_the_voting_phase(staged, editor, client):
    client.force_login(editor)
    phases = [
        ("discussion", _fmt(day(0)), _fmt(day(10))),
        ("voting", _fmt(day(10)), _fmt(day(20))),
    ]
    vote = {
        "question": "เห็นด้วยไหม",
        "minimum_verification": "1",
        "results": "live",
        "opens_at": _fmt(day(2)),  # in the discussion, which allows no vote
        "closes_at": _fmt(day(12)),
    }
    response = _edit(client, staged, phases, [("agree_disagree", vote)])
    assert response.status_code == 200
    # The message above the form names the widget and what its phase must allow.
    assert "ส่วนร่วม “เห็นด้วยไหม” กำหนดวันเวลาของตนเอง" in response.content.decode()
    assert "เปิดให้ประชาชนลงคะแนน" in response.content.decode()
    staged.refresh_from_db()
    assert [span.kind.key for span in staged.timeline().spans()] == [
        "discussion",
        "voting",
        "results",
    ]  # nothing saved

    vote.update(opens_at=_fmt(day(11)), closes_at=_fmt(day(19)))
    response = _edit(client, staged, phases, [("agree_disagree", vote)])
    assert response.status_code == 302, response.content.decode()[-3000:]


def test_the_editor_refuses_phases_that_overlap(staged, editor, client):
    client.force_login(editor)
    response = _edit(
        client,
        staged,
        [("discussion", _fmt(day(0)), _fmt(day(10))), ("voting", _fmt(day(5)), _fmt(day(20)))],
        [],
    )
    assert response.status_code == 200
    assert "เริ่มก่อนช่วงที่ 1 สิ้นสุด" in response.content.decode()


# The scheduled re-index


def test_the_clock_job_queues_consultations_whose_phase_just_began(staged, settings):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}
    voting_starts = staged.timeline().spans()[1].starts_at
    OutboxEntry.objects.all().delete()

    reindex_crossed_boundaries(at=voting_starts - timedelta(minutes=10))
    assert not OutboxEntry.objects.filter(document_type="page", object_id=str(staged.pk)).exists()

    reindex_crossed_boundaries(at=voting_starts + timedelta(seconds=30))
    assert OutboxEntry.objects.filter(document_type="page", object_id=str(staged.pk)).exists()


def test_the_clock_command_runs_the_phase_job(staged, settings):
    """`manage.py bokrao_clock --once` (immediate task backend in tests) queues the
    consultation whose first phase began a moment ago."""
    from django.core.management import call_command

    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}
    OutboxEntry.objects.all().delete()
    call_command("bokrao_clock", "--once")
    assert OutboxEntry.objects.filter(document_type="page", object_id=str(staged.pk)).exists()
