"""A copy of everything the site holds about a participant (PDPA right of access).

`my_data` builds plain data; the view in personal_data.py sends it as a JSON file.
Nothing of another person goes in: not the text or author of a comment they reacted
to, not the staff member who entered a vote for them.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG
from wagtail.models import Page

from ..comments.choices import CommentState
from ..comments.models import Comment, ModerationAction
from ..participants.models import Participant
from ..timing import now
from ..widgets.blocks import NotAWidget, find_widget
from ..widgets.models import Vote


def _when(value):
    """A date and time as ISO 8601 in the site's time zone (machines read it, people too)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


class _Pages:
    """Titles, addresses and widgets of the pages a participant took part on, looked up once."""

    def __init__(self, request=None):
        self.request = request
        self.pages = {}
        self.widgets = {}

    def page(self, page_id):
        if page_id not in self.pages:
            page = Page.objects.filter(pk=page_id).first() if page_id else None
            self.pages[page_id] = page.specific if page else None
        return self.pages[page_id]

    def describe(self, page_id, fragment=""):
        page = self.page(page_id)
        if page is None:
            return {"title": None, "url": None}  # the page was deleted by an editor
        url = None
        if page.live:
            url = page.get_full_url(self.request) + fragment
        return {"title": page.title, "url": url}

    def widget(self, page_id, widget_id):
        """(question, {option key: label}) of a widget, or (None, {}) if it is gone."""
        key = (page_id, widget_id)
        if key not in self.widgets:
            page = self.page(page_id)
            try:
                block, value = find_widget(page, widget_id) if page else (None, None)
            except NotAWidget:
                block = None
            if block is None:
                self.widgets[key] = (None, {})
            else:
                options = {key: str(label) for key, label in block.choices(value)}
                self.widgets[key] = (value.get("question"), options)
        return self.widgets[key]


def _counted_as(record):
    """Who the participant was when they voted or wrote: results are split by these."""
    return {
        "voter_group": record.get_voter_group_display(),
        "area": record.get_area_display(),
        "verification_level": record.get_verification_level_display(),
    }


def _on_site(record):
    return {
        # Who on the staff entered it is the staff member's data, not the participant's.
        "entered_on_site_by_staff": bool(record.entered_by_id or record.entered_at_place),
        "place": record.entered_at_place,
    }


def _vote(vote, pages):
    question, options = pages.widget(vote.page_id, vote.widget)
    return {
        "page": pages.describe(vote.page_id),
        "widget": vote.widget,
        "question": question,
        "about": vote.anchor,
        "choices": [{"key": key, "label": options.get(key)} for key in vote.choices],
        "other_text": vote.other_text,
        "counted_as": _counted_as(vote),
        **_on_site(vote),
        "created_at": _when(vote.created_at),
        "updated_at": _when(vote.updated_at),
    }


def _comment(comment, pages):
    page_id = int(comment.object_pk)
    question, _options = pages.widget(page_id, comment.widget)
    return {
        "id": comment.pk,
        "page": pages.describe(page_id, f"#comment-{comment.pk}"),
        "widget": comment.widget,
        "question": question,
        "about": comment.anchor,
        "in_reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
        "text": comment.comment,
        "public_name": comment.user_name,
        "state": comment.get_state_display(),
        "held_because": comment.held_because if comment.state == CommentState.HELD else "",
        "moderator_reason": (
            comment.moderation_reason if comment.state == CommentState.HIDDEN else ""
        ),
        "counted_as": _counted_as(comment),
        **_on_site(comment),
        "written_at": _when(comment.submit_date),
    }


def _flag_kind(flag):
    kinds = {
        LIKEDIT_FLAG: _("Agree"),
        DISLIKEDIT_FLAG: _("Disagree"),
        CommentFlag.SUGGEST_REMOVAL: _("Reported to the moderators"),
    }
    return str(kinds.get(flag.flag, flag.flag))


def _reaction(flag, pages):
    # Only which comment and where: its text and author are someone else's data.
    page_id = int(flag.comment.object_pk)
    reason = getattr(flag, "reason", None)
    return {
        "comment": flag.comment_id,
        "page": pages.describe(page_id, f"#comment-{flag.comment_id}"),
        "kind": _flag_kind(flag),
        "reason": reason.get_reason_display() if reason else "",
        "details": reason.note if reason else "",
        "at": _when(flag.flag_date),
    }


def _participant(participant):
    return {
        # The number the search index and exports know you by, instead of your name.
        "pseudonym": str(participant.pseudonym),
        "public_name": participant.display_name,
        "voter_group": participant.get_voter_group_display(),
        "area": participant.get_area_display(),
        "verification_level": participant.get_verification_level_display(),
        # Whether a national ID number verified the account; its hash never leaves the site.
        "resident_verified": bool(participant.resident_id_hash),
        "blocked": participant.blocked_at is not None,
        "blocked_at": _when(participant.blocked_at),
        "blocked_reason": participant.blocked_reason,
        "created_at": _when(participant.created_at),
    }


def comments_of(user, participant):
    mine = Q(user=user)
    if participant is not None:
        mine |= Q(participant=participant)
    return Comment.objects.filter(mine)


def my_data(user, request=None):
    """Everything the site holds about `user` and their participant, as plain data for JSON.

    Labels are in the active language; dates are ISO 8601 in the site's time zone.
    """
    participant = Participant.objects.filter(user=user).first()
    pages = _Pages(request)
    votes = Vote.objects.filter(participant=participant) if participant else Vote.objects.none()
    moderation = (
        ModerationAction.objects.filter(participant=participant).order_by("created_at", "pk")
        if participant
        else []
    )
    return {
        "exported_at": _when(now()),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "name": user.get_full_name(),
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "participant": _participant(participant) if participant else None,
        "votes": [_vote(vote, pages) for vote in votes.order_by("created_at", "pk")],
        "comments": [
            _comment(comment, pages)
            for comment in comments_of(user, participant).order_by("submit_date", "pk")
        ],
        "reactions_and_reports": [
            _reaction(flag, pages)
            for flag in CommentFlag.objects.filter(user=user)
            .select_related("reason", "comment")
            .order_by("flag_date", "pk")
        ],
        # Moderators' decisions about you and your comments (who decided is theirs).
        "moderation": [
            {
                "action": action.get_action_display(),
                "comment": action.comment_id,
                "reason": action.reason,
                "at": _when(action.created_at),
            }
            for action in moderation
        ],
    }
