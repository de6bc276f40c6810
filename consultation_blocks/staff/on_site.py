"""On-site participation (R9): staff enter what a person said at the office or a meeting.

People who take part at the municipal office or at a community meeting often have
no email address or phone. Staff enter one person's answers at a time; each answer
goes through the same services as the web form (cast_vote, post_comment) with the
staff member and the place, and a person's answers are stored together or not at all.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from theme.user_input import clean_user_text

from ..comments.choices import CommentState
from ..comments.services import CommentRefused, post_comment
from ..municipalities.services import municipality_of
from ..participants import services as participants
from ..participants.choices import Residence, VerificationLevel
from ..participants.models import Participant
from ..timing import WindowState
from ..widgets import rules
from ..widgets.blocks import OTHER, CommentBlock, PollBlock, SupportBlock, page_widgets
from ..widgets.votes import VoteRefused, cast_vote

PLACE_SESSION_KEY = "bokrao_on_site_place"


def entered_on_site():
    """Votes and comments staff entered on site: they carry a place (and the staff member
    until that account is deleted)."""
    return ~Q(entered_at_place="") | Q(entered_by__isnull=False)


@dataclass(frozen=True)
class NewParticipant:
    """Someone without an account: known by what they tell staff, verified by staff."""

    voter_group: str
    area: str
    display_name: str = ""


@dataclass(frozen=True)
class Answer:
    widget_id: str
    choices: list = field(default_factory=list)
    other_text: str = ""
    text: str = ""  # a comment widget's answer
    anchor: str = ""  # the part of the page it is about (a draft's paragraph)


@dataclass
class Entered:
    participant: Participant
    created: bool
    votes: list
    comments: list

    @property
    def held(self):
        return [comment for comment in self.comments if comment.state == CommentState.HELD]


class SubmissionRefused(Exception):
    """Nothing of the person's submission was stored; `refusals` maps widget id -> reason.

    The key "" holds a reason that belongs to no single widget.
    """

    def __init__(self, refusals):
        super().__init__("; ".join(refusals.values()))
        self.refusals = refusals


class NoSuchParticipant(Exception):
    pass


def widgets(page):
    """What the entry form shows for each participation widget of `page`, in page order."""
    found = []
    # A page's items with widgets of their own (a draft's paragraphs) follow its body's.
    items = getattr(page, "on_site_items", None)
    for child, question, anchor in [
        *((child, None, "") for child in page_widgets(page)),
        *(items() if items else []),
    ]:
        block, value = child.block, child.value
        if isinstance(block, CommentBlock):
            kind = "comment"
        elif isinstance(block, PollBlock):
            kind = "poll"
        elif isinstance(block, SupportBlock):
            kind = "support"
        else:
            kind = "choice"
        state = rules.widget_state(block, rules.rules_value(page, child.id, value), page)
        found.append(
            {
                "id": child.id,
                "kind": kind,
                "label": block.meta.label,
                "question": question or value.get("question", ""),
                "anchor": anchor,
                "choices": block.choices(value),
                "multiple": bool(kind == "poll" and value.get("multiple")),
                "allow_other": bool(kind == "poll" and value.get("allow_other")),
                "state": state,
                "open": state == WindowState.OPEN,
            }
        )
    return found


def answers_from(data, page_widgets):
    """The answers a submitted form holds (a QueryDict); widgets left empty are skipped.

    Field names: `w-<id>` for the chosen keys or a comment's text, `w-<id>-other` for
    a poll's other answer.
    """
    answers = []
    for widget in page_widgets:
        name = f"w-{widget['id']}"
        if widget["kind"] == "comment":
            text = clean_user_text(data.get(name)).strip()
            if text:
                answers.append(Answer(widget["id"], text=text, anchor=widget["anchor"]))
            continue
        chosen = [clean_user_text(key)[:64] for key in data.getlist(name)[:50] if key]
        other_text = clean_user_text(data.get(f"{name}-other")).strip()[:1000]
        if not widget["allow_other"]:
            other_text = ""
        if other_text and OTHER not in chosen:
            # Typing an other answer is choosing "other", even if its box was left unticked.
            chosen.append(OTHER)
        if chosen:
            answers.append(Answer(widget["id"], chosen, other_text, anchor=widget["anchor"]))
    return answers


def find_participant(email):
    """The participant whose account has this email address (the username of citizens)."""
    email = clean_user_text(email).strip()
    found = list(
        Participant.objects.filter(
            Q(user__username__iexact=email) | Q(user__email__iexact=email)
        ).distinct()[:2]
    )
    if not email or not found:
        raise NoSuchParticipant(_("No participant has an account with this email address."))
    if len(found) > 1:
        raise NoSuchParticipant(
            _("Several accounts have this email address. Ask an administrator which one to use.")
        )
    return found[0]


def enter(staff, page, person, answers, place, at=None):
    """Store one person's answers as entered by `staff` at `place`, all or nothing.

    `person` is an existing Participant (raised to staff-verified, never lowered) or a
    NewParticipant (created without an account, staff-verified). Raises
    SubmissionRefused with every refusal when any answer is refused.
    """
    place = " ".join(clean_user_text(place).split())
    if not place:
        raise SubmissionRefused({"": _("Say where this person took part.")})
    if not answers:
        raise SubmissionRefused({"": _("Enter at least one answer.")})
    refusals = {}
    with transaction.atomic():
        participant, created = _on_site_participant(person, page)
        votes, comments = [], []
        for answer in answers:
            try:
                if answer.text:
                    comment = post_comment(
                        participant,
                        page,
                        answer.widget_id,
                        answer.text,
                        anchor=answer.anchor,
                        entered_by=staff,
                        place=place,
                        at=at,
                    )
                    comments.append(comment)
                else:
                    vote = cast_vote(
                        participant,
                        page,
                        answer.widget_id,
                        answer.choices,
                        answer.anchor,
                        other_text=answer.other_text,
                        entered_by=staff,
                        place=place,
                        at=at,
                    )
                    votes.append(vote)
            except (VoteRefused, CommentRefused) as refused:
                # The reason only: the remedies speak to a visitor of the site, not to staff.
                refusals[answer.widget_id] = refused.decision.reason
        if refusals:
            # Leaving the block with an exception rolls back the participant and every answer.
            raise SubmissionRefused(refusals)
    return Entered(participant, created, votes, comments)


def _on_site_participant(person, page):
    """The participant, verified by this municipality's staff (STAFF, there only)."""
    municipality = municipality_of(page)
    if isinstance(person, NewParticipant):
        inside = person.area == Residence.INSIDE and municipality is not None
        participant = participants.create_participant(
            display_name=person.display_name,
            voter_group=person.voter_group,
            home=participants.Home(municipality.pk) if inside else participants.ELSEWHERE,
        )
        participants.answer_relation(participant, page, person.voter_group)
        created = True
    else:
        # A fresh row, so the caller's instance keeps its level if the submission is
        # refused.
        participant = Participant.objects.get(pk=person.pk)
        created = False
    if municipality is not None:
        participants.verify_in(participant, municipality, VerificationLevel.STAFF)
    return participant, created
