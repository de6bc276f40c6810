"""A proposal's comment thread is a comment widget of its call page, named after the
proposal (`proposal-<id>`): find_widget finds it through the finder registered here,
so posting, replying, reacting, flagging, moderation, search and the personal-data
download treat it as every other comment widget."""

from django.utils.translation import gettext

from ..participants.choices import VerificationLevel
from ..widgets.blocks import CommentBlock
from .models import Proposal, proposal_id_of
from .rules import is_public

_COMMENTS = CommentBlock()


def comments_value(proposal):
    return _COMMENTS.to_python(
        {
            "question": gettext("Comments on this proposal"),
            "minimum_verification": str(VerificationLevel.EMAIL.value),
            "voter_groups": [],
            "results": "live",
            "premoderate_first_post": False,
            "opens_at": None,
            "closes_at": None,
        }
    )


def proposal_comments(page, widget_id):
    """(block, value) of the comment widget of the proposal `widget_id` names, if it is
    a public proposal of the call `page`; else None."""
    proposal_id = proposal_id_of(widget_id)
    if proposal_id is None or not page.translation_key:
        return None
    cache = page.__dict__.setdefault("_bokrao_proposals", {})
    if proposal_id not in cache:
        cache[proposal_id] = (
            Proposal.objects.select_related("participant")
            .filter(pk=proposal_id, consultation=page.translation_key)
            .first()
        )
    proposal = cache[proposal_id]
    if proposal is None or not is_public(proposal):
        return None
    return _COMMENTS, comments_value(proposal)


def remember(page, proposal):
    """The proposal a view has loaded: finding its widget costs no second query."""
    page.__dict__.setdefault("_bokrao_proposals", {})[proposal.pk] = proposal
