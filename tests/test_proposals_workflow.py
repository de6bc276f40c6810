"""A proposal's life: written and submitted by its author (the call's phase and rules
decide), then answered by the municipality's staff along choices.TRANSITIONS only, each
step kept in its public history and told to its followers by email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.participants.models import MatterRelation
from consultation_blocks.proposals import services
from consultation_blocks.proposals.choices import (
    ANSWER_REQUIRED,
    STAFF_STATES,
    TRANSITIONS,
    ProposalState,
)
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Agency, Follower, Proposal, StatusChange
from consultation_blocks.staff.factories import make_staff
from consultation_blocks.timing import frozen_at, now
from pb_pages.factories import make_call, make_section
from theme.dates import format_datetime

S = ProposalState
REVIEW = "bokrao_blocks.review_proposal"

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(home):
    return Municipality.objects.get(home_page=home)


@pytest.fixture
def section(home):
    return make_section(home, "proposals", slug="proposals")


@pytest.fixture
def call(section):
    return make_call(section, slug="ideas")


@pytest.fixture
def editor(town):
    return make_staff("editor", REVIEW, municipality=town)


@pytest.fixture
def author(town):
    return make_participant("somchai")


@pytest.fixture
def district(town):
    return Agency.objects.create(municipality=town, name="ที่ว่าการอำเภอ", kind="district")


def _fields(**changes):
    fields = {
        "title": "ซ่อมถนนหน้าโรงเรียน",
        "summary": "ถนนหน้าโรงเรียนเป็นหลุมเป็นบ่อ",
        "description": "ขอให้เทศบาลซ่อมถนนหน้าโรงเรียนก่อนเปิดเทอม",
        "category": "roads",
        "within_powers": "yes",
    }
    fields.update(changes)
    return fields


def _answer_for(to_state, agency):
    answer = {"answer": "เทศบาลได้พิจารณาแล้ว", "answered_as": "กองช่าง"}
    if to_state == S.FORWARDED:
        answer["agency"] = agency
    return answer


def _history(proposal):
    return [
        (change.from_state, change.to_state)
        for change in StatusChange.objects.filter(proposal=proposal)
    ]


# Staff's moves ------------------------------------------------------------------------

STAFF_MOVES = [
    (source, target)
    for source, targets in TRANSITIONS.items()
    if source != S.DRAFT
    for target in sorted(targets)
]
REFUSED_MOVES = [
    (source, target)
    for source in S
    if source != S.DRAFT
    for target in sorted(set(S) - TRANSITIONS[source])
]


@pytest.mark.parametrize(("source", "target"), STAFF_MOVES)
def test_every_allowed_move_is_made_and_kept_in_the_history(
    call, author, editor, district, source, target
):
    proposal = make_proposal(call, author, state=source)
    at = now() + timedelta(hours=1)

    change = services.change_state(editor, proposal, target, at=at, **_answer_for(target, district))

    assert proposal.state == target
    assert Proposal.objects.get(pk=proposal.pk).state == target
    last = StatusChange.objects.filter(proposal=proposal).last()
    assert last == change
    assert (last.from_state, last.to_state) == (source, target)
    assert (last.answer, last.answered_as) == ("เทศบาลได้พิจารณาแล้ว", "กองช่าง")
    assert (last.at, last.by) == (at, editor)
    assert last.agency == (district if target == S.FORWARDED else None)


@pytest.mark.parametrize(("source", "target"), REFUSED_MOVES)
def test_every_move_not_allowed_is_refused_and_changes_nothing(
    call, author, editor, district, source, target, django_capture_on_commit_callbacks
):
    proposal = make_proposal(call, author, state=source)
    services.follow(author, proposal)
    before = _history(proposal)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(services.ProposalRefused) as refused,
    ):
        services.change_state(editor, proposal, target, **_answer_for(target, district))
    assert callbacks == []

    assert refused.value.status == 400
    if target in STAFF_STATES:
        assert str(refused.value) == _("A proposal that is “%(from)s” cannot become “%(to)s”.") % {
            "from": S(source).label,
            "to": S(target).label,
        }
    else:
        assert str(refused.value) == _("Choose a status.")
    assert Proposal.objects.get(pk=proposal.pk).state == source
    assert _history(proposal) == before
    assert mail.outbox == []


def test_staff_cannot_publish_or_answer_a_draft_its_author_is_still_writing(call, author, editor):
    draft = make_proposal(call, author, state=S.DRAFT)

    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(editor, draft, S.PUBLISHED)
    assert refused.value.status == 400
    assert str(refused.value) == _(
        "This proposal is still its author's draft: it can be answered once submitted."
    )
    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(editor, draft, S.SUBMITTED)
    assert (refused.value.status, str(refused.value)) == (400, _("Choose a status."))

    assert Proposal.objects.get(pk=draft.pk).state == S.DRAFT
    assert StatusChange.objects.filter(proposal=draft).count() == 0


def test_a_walk_through_the_states_is_kept_in_order_with_its_answers(call, author, editor):
    proposal = make_proposal(call, author, state=S.SUBMITTED)
    start = now()
    steps = [
        (S.PUBLISHED, ""),
        (S.UNDER_REVIEW, "กำลังสำรวจพื้นที่"),
        (S.ACCEPTED, "อนุมัติงบประมาณแล้ว"),
        (S.IN_PROGRESS, ""),
        (S.DONE, "ซ่อมเสร็จแล้ว"),
    ]
    for day, (target, answer) in enumerate(steps, start=1):
        services.change_state(
            editor,
            proposal,
            target,
            answer=answer,
            answered_as="กองช่าง" if answer else "",
            at=start + timedelta(days=day),
        )

    history = list(StatusChange.objects.filter(proposal=proposal))
    assert [(c.from_state, c.to_state) for c in history] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.PUBLISHED),
        (S.PUBLISHED, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, S.ACCEPTED),
        (S.ACCEPTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.DONE),
    ]
    assert [c.answer for c in history[1:]] == [answer for _target, answer in steps]
    assert [c.at for c in history[1:]] == [start + timedelta(days=d) for d in range(1, 6)]


@pytest.mark.parametrize("target", sorted(ANSWER_REQUIRED))
@pytest.mark.parametrize("answer", ["", "   \n "])
def test_rejecting_forwarding_or_hiding_without_an_answer_is_refused(
    call, author, editor, district, target, answer
):
    proposal = make_proposal(call, author, state=S.PUBLISHED)

    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(
            editor, proposal, target, answer=answer, answered_as="กองช่าง", agency=district
        )

    assert refused.value.status == 400
    assert str(refused.value) == _("Write the official answer: it is shown with the new status.")
    assert Proposal.objects.get(pk=proposal.pk).state == S.PUBLISHED


def test_an_answer_without_the_office_that_gives_it_is_refused(call, author, editor):
    proposal = make_proposal(call, author, state=S.PUBLISHED)

    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(editor, proposal, S.REJECTED, answer="ซ้ำกับโครงการเดิม")

    assert refused.value.status == 400
    assert str(refused.value) == _("Say which office answers (a role, not a person's name).")
    assert Proposal.objects.get(pk=proposal.pk).state == S.PUBLISHED


def test_forwarding_needs_an_agency_of_the_municipality_or_of_the_platform(
    call, author, editor, district
):
    proposal = make_proposal(call, author, state=S.PUBLISHED)
    elsewhere = Municipality.objects.create(name="เทศบาลเมืองอื่น", province="ชลบุรี")
    theirs = Agency.objects.create(municipality=elsewhere, name="อำเภออื่น", kind="district")
    platform = Agency.objects.create(name="กรมทางหลวงชนบท", kind="national")
    answer = {"answer": "อยู่นอกอำนาจของเทศบาล", "answered_as": "สำนักปลัด"}

    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(editor, proposal, S.FORWARDED, **answer)
    assert (refused.value.status, str(refused.value)) == (
        400,
        _("Choose the agency the proposal goes to."),
    )
    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(editor, proposal, S.FORWARDED, agency=theirs, **answer)
    assert (refused.value.status, str(refused.value)) == (
        400,
        _("This agency is not on the municipality's list."),
    )
    assert Proposal.objects.get(pk=proposal.pk).state == S.PUBLISHED
    assert list(services.agencies_for(proposal.municipality_id)) == [district, platform]

    at = now()
    services.change_state(editor, proposal, S.FORWARDED, agency=platform, at=at, **answer)

    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.state, stored.agency, stored.outside_powers, stored.forwarded_at) == (
        S.FORWARDED,
        platform,
        True,
        at,
    )


def test_a_reviewer_of_another_municipality_may_not_answer(call, author):
    elsewhere = Municipality.objects.create(name="เทศบาลเมืองอื่น", province="ชลบุรี")
    stranger = make_staff("stranger", REVIEW, municipality=elsewhere)
    proposal = make_proposal(call, author, state=S.PUBLISHED)

    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(stranger, proposal, S.ACCEPTED)
    assert refused.value.status == 403
    assert str(refused.value) == _("You do not review the proposals of this municipality.")
    with pytest.raises(services.ProposalRefused) as refused:
        services.change_state(make_participant("somsri").user, proposal, S.ACCEPTED)
    assert refused.value.status == 403

    assert Proposal.objects.get(pk=proposal.pk).state == S.PUBLISHED
    assert _history(proposal) == [(S.DRAFT, S.PUBLISHED)]


def test_the_author_and_followers_are_emailed_in_the_proposals_language(
    call, author, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.save_proposal(author, call, _fields(), submit=True)
    assert mail.outbox == []  # the author's own submitting is not news to them
    follower = make_participant("somsri")
    services.follow(follower, proposal)
    make_participant("somying")  # follows nothing: hears nothing

    # The editor works in English: the email is in the proposal's Thai.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.change_state(
            editor, proposal, S.ACCEPTED, answer="จะซ่อมในเดือนหน้า", answered_as="กองช่าง"
        )

    assert sorted(message.to for message in mail.outbox) == [
        ["somchai@example.com"],
        ["somsri@example.com"],
    ]
    with translation.override("th"):
        state = str(S.ACCEPTED.label)
    assert state != "Accepted"
    for message in mail.outbox:
        assert message.subject == f"ข้อเสนอ “ซ่อมถนนหน้าโรงเรียน”: {state}"
        assert "จะซ่อมในเดือนหน้า" in message.body
        assert "กองช่าง" in message.body
        assert f"/p/{proposal.pk}/" in message.body


def test_an_english_proposal_is_answered_by_email_in_english(
    section, editor, django_capture_on_commit_callbacks
):
    english_call = make_call(section, slug="ideas-en")
    english_call.locale = english_call.locale.__class__.objects.get(language_code="en")
    english_call.save()
    author = make_participant("john")
    proposal = services.save_proposal(
        author, english_call, _fields(title="Fix the road"), submit=True
    )
    assert proposal.language == "en"

    with django_capture_on_commit_callbacks(execute=True):
        services.change_state(
            editor, proposal, S.REJECTED, answer="Already planned", answered_as="Public works"
        )

    [message] = mail.outbox
    assert message.subject == "Proposal “Fix the road”: Rejected"


def test_the_agencys_answer_is_kept_for_a_forwarded_proposal_only(call, author, editor, district):
    accepted = make_proposal(call, author, state=S.ACCEPTED)
    with pytest.raises(services.ProposalRefused) as refused:
        services.record_agency_answer(editor, accepted, "อำเภอรับเรื่องแล้ว")
    assert (refused.value.status, str(refused.value)) == (
        400,
        _("Only a forwarded proposal has an agency's answer."),
    )
    assert Proposal.objects.get(pk=accepted.pk).agency_answer == ""

    forwarded = make_proposal(call, author, title="สร้างสะพาน", state=S.PUBLISHED)
    services.change_state(
        editor, forwarded, S.FORWARDED, answer="ส่งต่อ", answered_as="สำนักปลัด", agency=district
    )
    with pytest.raises(services.ProposalRefused):
        services.record_agency_answer(editor, forwarded, "  ")
    at = now()
    services.record_agency_answer(editor, forwarded, "อำเภอรับเรื่องแล้ว", at=at)

    stored = Proposal.objects.get(pk=forwarded.pk)
    assert (stored.agency_answer, stored.agency_answered_at) == ("อำเภอรับเรื่องแล้ว", at)
    stranger = make_staff(
        "stranger", REVIEW, municipality=Municipality.objects.create(name="อื่น", province="ตาก")
    )
    with pytest.raises(services.ProposalRefused) as refused:
        services.record_agency_answer(stranger, forwarded, "แก้คำตอบ")
    assert refused.value.status == 403


# Writing and submitting ---------------------------------------------------------------


def test_a_draft_submitted_is_published_at_once_when_the_call_does_not_review_first(call, author):
    draft = services.save_proposal(author, call, _fields())
    assert (draft.state, draft.submitted_at, draft.published_at) == (S.DRAFT, None, None)
    assert list(Follower.objects.values_list("participant", flat=True)) == [author.pk]

    at = now()
    with frozen_at(at):
        submitted = services.save_proposal(
            author, call, _fields(title="ซ่อมถนนหน้าวัด"), proposal=draft, submit=True
        )

    stored = Proposal.objects.get(pk=draft.pk)
    assert submitted.pk == draft.pk
    assert (stored.title, stored.state, stored.submitted_at, stored.published_at) == (
        "ซ่อมถนนหน้าวัด",
        S.PUBLISHED,
        at,
        at,
    )
    [change] = StatusChange.objects.filter(proposal=draft)
    assert (change.from_state, change.to_state, change.by, change.at) == (
        S.DRAFT,
        S.PUBLISHED,
        None,
        at,
    )
    assert Follower.objects.filter(proposal=draft).count() == 1
    assert mail.outbox == []


def test_a_submitted_proposal_waits_for_review_when_the_call_reviews_first(
    section, author, django_capture_on_commit_callbacks
):
    call = make_call(section, slug="reviewed", review_first=True)

    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.save_proposal(author, call, _fields(), submit=True)
    assert mail.outbox == []

    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.state == S.SUBMITTED
    assert stored.submitted_at is not None and stored.published_at is None
    assert _history(proposal) == [(S.DRAFT, S.SUBMITTED)]


def _nothing_stored():
    assert Proposal.objects.count() == 0
    assert Follower.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert MatterRelation.objects.count() == 0


def test_submitting_after_the_proposals_phase_is_refused_with_the_phases_message(section, author):
    call = make_call(section, slug="closed", phases=[("proposals", -10, -5), ("support", -5, 30)])
    ended = call.timeline().spans()[0].ends_at

    with pytest.raises(services.ProposalRefused) as refused:
        services.save_proposal(author, call, _fields(), submit=True)

    assert refused.value.status == 403
    assert str(refused.value) == _("This closed on %(date)s.") % {"date": format_datetime(ended)}
    _nothing_stored()


def test_submitting_before_the_proposals_phase_is_refused_with_the_phases_message(section, author):
    call = make_call(section, slug="later", phases=[("information", -1, 5), ("proposals", 5, 30)])
    opens = call.timeline().spans()[1].starts_at

    with pytest.raises(services.ProposalRefused) as refused:
        services.save_proposal(author, call, _fields())

    assert refused.value.status == 403
    assert str(refused.value) == _("This opens on %(date)s.") % {"date": format_datetime(opens)}
    _nothing_stored()


def test_a_participant_below_the_calls_submit_verification_is_refused(section, author):
    call = make_call(section, slug="residents", submit_verification=VerificationLevel.RESIDENT)

    with pytest.raises(services.ProposalRefused) as refused:
        services.save_proposal(author, call, _fields(), submit=True)

    assert refused.value.status == 403
    assert str(refused.value) == _("This is open to participants who are: %(level)s.") % {
        "level": VerificationLevel.RESIDENT.label
    }
    _nothing_stored()

    resident = make_participant("somsri", verification_level=VerificationLevel.RESIDENT)
    proposal = services.save_proposal(resident, call, _fields(), submit=True)
    assert proposal.state == S.PUBLISHED


def test_no_one_edits_someone_elses_proposal(call, author):
    draft = services.save_proposal(author, call, _fields())
    other = make_participant("somsri")

    with pytest.raises(services.ProposalRefused) as refused:
        services.save_proposal(other, call, _fields(title="ของฉัน"), proposal=draft, submit=True)

    assert str(refused.value) == _("Only the author can change this proposal.")
    stored = Proposal.objects.get(pk=draft.pk)
    assert (stored.title, stored.state) == ("ซ่อมถนนหน้าโรงเรียน", S.DRAFT)
    assert StatusChange.objects.count() == 0
    assert not Follower.objects.filter(participant=other).exists()


def test_a_submitted_proposal_cannot_be_edited_even_from_an_old_copy(call, author):
    draft = services.save_proposal(author, call, _fields())
    stale = Proposal.objects.get(pk=draft.pk)
    services.save_proposal(author, call, _fields(), proposal=draft, submit=True)

    # A second tab still holds the draft: the row under the lock says it was submitted.
    with pytest.raises(services.ProposalRefused) as refused:
        services.save_proposal(author, call, _fields(title="แก้ทีหลัง"), proposal=stale)
    assert refused.value.status == 403
    assert str(refused.value) == _("A submitted proposal cannot be changed any more.")
    with pytest.raises(services.ProposalRefused):
        services.save_proposal(author, call, _fields(title="แก้ทีหลัง"), proposal=draft)

    stored = Proposal.objects.get(pk=draft.pk)
    assert (stored.title, stored.state) == ("ซ่อมถนนหน้าโรงเรียน", S.PUBLISHED)
    assert _history(draft) == [(S.DRAFT, S.PUBLISHED)]
