"""Staff's actions on a hearing: answer a paragraph or a comment, publish the report.
One path for the admin screen and the tests; the PDF is printed by a task, never in
the request (tasks.py)."""

from django.db import transaction
from django.utils.translation import gettext as _

from theme.user_input import parse_id

from ...comments.choices import CommentState
from ...comments.models import Comment
from ...participants.rules import Decision
from ...timing import now
from ..hearing import hearing_of
from ..versions import latest
from ..widgets import COMMENTS_PREFIX, known_keys
from .models import NEEDS_REASON, HearingReport, HearingResponse, Verdict
from .rules import may_respond


class HearingRefused(Exception):
    """Nothing was stored; `decision.reason` says why (in the staff member's language).
    `status` is 403 when they may not do this, 400 when what they sent is wrong."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.decision = Decision(False, message)
        self.status = status


def _check_staff(user, page):
    if not may_respond(user, page):
        raise HearingRefused(
            _("Only the editors of this draft's municipality answer its hearing."), status=403
        )


def respond(user, page, key=None, comment=None, verdict="", reason="", answered_as=""):
    """The municipality's answer to paragraph `key` of the draft, or to `comment` (a
    Comment or its id) on one of its paragraphs. Answering again replaces the answer."""
    _check_staff(user, page)
    if (key is None) == (comment is None):
        raise HearingRefused(_("Answer either a paragraph or a comment."))
    if verdict not in Verdict.values:
        raise HearingRefused(_("Choose accepted, partly accepted or not accepted."))
    reason = (reason or "").strip()
    answered_as = " ".join((answered_as or "").split())
    if verdict in NEEDS_REASON and not reason:
        raise HearingRefused(
            _("Say why, when a comment or paragraph is only partly accepted or not accepted.")
        )
    if not answered_as:
        raise HearingRefused(_("Say which office answers (a role, not a person's name)."))
    if len(answered_as) > 150 or len(reason) > 4000:
        raise HearingRefused(_("The reason or the answering office is too long."))

    consultation = page.translation_key
    if comment is not None:
        comment_id = comment.pk if isinstance(comment, Comment) else parse_id(comment)
        comment = (
            Comment.objects.filter(
                pk=comment_id,
                consultation=consultation,
                widget__startswith=COMMENTS_PREFIX,
                state=CommentState.PUBLISHED,
            ).first()
            if comment_id is not None
            else None
        )
        if comment is None:
            raise HearingRefused(_("That comment is not a published comment on this draft."))
        target = {"comment": comment}
        key = comment.anchor
    else:
        # Any paragraph the draft has had: one removed since keeps what was said on it.
        if key not in known_keys(page):
            raise HearingRefused(_("This draft has no such paragraph."))
        target = {"consultation": consultation, "paragraph": key, "comment": None}
    fields = {
        "consultation": consultation,
        "paragraph": key,
        "verdict": verdict,
        "reason": reason,
        "answered_as": answered_as,
        "by": user,
        "at": now(),
    }
    with transaction.atomic():
        response, _created = HearingResponse.objects.update_or_create(**target, defaults=fields)
    return response


def publish_report(user, page, summary):
    """Publish the hearing report on the draft's latest version; its PDF is printed
    by the task worker once the report is stored."""
    _check_staff(user, page)
    summary = (summary or "").strip()
    if not summary:
        raise HearingRefused(
            _("Write the report's summary: what the hearing said and what follows.")
        )
    if len(summary) > 20000:
        raise HearingRefused(_("The summary is too long (at most 20,000 characters)."))
    # The report says what the hearing said: once it is over (the draft's page then
    # shows "hearing closed, report published"). Answers may be written before.
    hearing = hearing_of(page.timeline())
    if hearing is not None and hearing.state != "closed":
        raise HearingRefused(
            _("The public hearing is not over yet: publish its report once it has closed.")
        )
    reported = latest(page)
    if reported is None:
        raise HearingRefused(_("Publish a version of the draft first: the report is about one."))
    report = HearingReport.objects.create(
        consultation=page.translation_key,
        version_number=reported.number,
        summary=summary,
        published_at=now(),
        published_by=user,
        page=page,
    )
    from .tasks import print_report

    transaction.on_commit(lambda: print_report.enqueue(report.pk))
    return report


def published_report(page):
    """The draft's latest published report, or None (one query)."""
    return HearingReport.objects.filter(consultation=page.translation_key).first()
