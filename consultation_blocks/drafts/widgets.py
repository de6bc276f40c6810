"""Each paragraph of a draft is a widget of its page: its comments are the comment
widget `para-<key>` and its agree / disagree the vote widget `agree-<key>`. find_widget
finds them through the finder registered here, so posting, replying, reacting, flagging,
moderation, the index and the personal-data download treat them as every other widget,
and a paragraph's thread is sorted and paged as any thread is.

The rules of a paragraph's widgets are the draft's: who may comment (a page field), in
the phases that allow commenting or voting (the hearing). A paragraph removed in a later
version keeps its widgets, closed since that version, so what was said stays readable.
"""

from django.utils.translation import gettext

from ..widgets.blocks import AgreeDisagreeBlock, CommentBlock
from . import anchoring

COMMENTS_PREFIX = "para-"
VOTES_PREFIX = "agree-"


def comments_widget(key):
    return f"{COMMENTS_PREFIX}{key}"


def votes_widget(key):
    return f"{VOTES_PREFIX}{key}"


def key_of(widget_id):
    """The paragraph key a paragraph widget's id names, or None."""
    for prefix in (COMMENTS_PREFIX, VOTES_PREFIX):
        if widget_id.startswith(prefix) and len(widget_id) > len(prefix):
            return widget_id[len(prefix) :]
    return None


class _OfAParagraph:
    """What a paragraph's widgets share: they are about that paragraph, as the latest
    version has it (people answer the text they read; a newer one replaces it)."""

    def names_part(self, page, widget_id, anchor):
        return key_of(widget_id) == anchor

    def anchor_version(self, page, widget_id, anchor):
        return latest_number(page)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # The plain forms name the paragraph, so that the generic views store it.
        context["anchor"] = key_of(context.get("widget_id") or "") or ""
        return context


class ParagraphComments(_OfAParagraph, CommentBlock):
    def clean_quote(self, page, widget_id, anchor, quote):
        from .versions import latest_texts

        quoted = next(
            (
                found
                for text in latest_texts(page, anchor)
                if (found := anchoring.quote_in(text, quote)) is not None
            ),
            None,
        )
        if quoted is None:
            raise ValueError(
                gettext(
                    "The words you quoted are not in this paragraph. Select them again "
                    "in the text, or leave the quote empty."
                )
            )
        return quoted[:1000]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["takes_quote"] = True
        return context


class ParagraphVotes(_OfAParagraph, AgreeDisagreeBlock):
    pass


COMMENTS = ParagraphComments()
VOTES = ParagraphVotes()


def _settings(page, closes_at):
    return {
        "minimum_verification": str(page.comment_verification),
        "voter_groups": [],
        "results": "live",
        "opens_at": None,
        "closes_at": closes_at,
    }


def comments_value(page, closes_at=None):
    return COMMENTS.to_python(
        {
            **_settings(page, closes_at),
            "question": gettext("Comments on this paragraph"),
            "premoderate_first_post": False,
        }
    )


def votes_value(page, closes_at=None):
    return VOTES.to_python(
        {
            **_settings(page, closes_at),
            "question": gettext("Do you agree with this paragraph?"),
            "allow_neutral": False,
        }
    )


def latest_number(page):
    """The number of the draft's latest version (None before the first), from the same
    query as known_keys."""
    known_keys(page)
    return page.__dict__["_bokrao_draft_latest"]


def known_keys(page):
    """{key: None if in the latest version, else when the version that removed it was
    published}: every paragraph the draft has had, from its versions (one query, kept on
    the page for the request)."""
    cache = page.__dict__
    if "_bokrao_draft_keys" not in cache:
        from .models import DraftVersion

        remember(
            page,
            DraftVersion.objects.filter(consultation=page.translation_key).order_by("number"),
        )
    return cache["_bokrao_draft_keys"]


def remember(page, versions):
    """Keep on `page` what its versions (oldest first) say of its paragraphs, for
    known_keys: a view that has loaded them costs no second query."""
    keys, previous, latest = {}, set(), None
    for found in versions:
        current = set(found.since)
        for gone in previous - current:
            keys[gone] = found.published_at  # closed since this version
        for key in current:
            keys[key] = None
        previous, latest = current, found.number
    page.__dict__["_bokrao_draft_keys"] = keys
    page.__dict__["_bokrao_draft_latest"] = latest


def paragraph_widgets(page, widget_id):
    """(block, value) of the paragraph widget `widget_id` of draft `page`, or None."""
    if not hasattr(page, "comment_verification") or not page.translation_key:
        return None
    key = key_of(widget_id)
    if key is None:
        return None
    keys = known_keys(page)
    if key not in keys:
        return None
    removed_at = keys[key]
    if widget_id.startswith(COMMENTS_PREFIX):
        return COMMENTS, comments_value(page, removed_at)
    if not page.paragraph_votes:
        return None
    return VOTES, votes_value(page, removed_at)


def on_site_items(page):
    """(walker.Found, question, anchor) of each paragraph's widgets, for staff who enter
    what people said at an on-site hearing (staff/on_site.py): the latest version's
    paragraphs, each with its comment box and, if offered, agree / disagree."""
    from ..walker import Found
    from .versions import entries_of, latest

    found = latest(page)
    if found is None:
        return []
    items = []
    for entry in anchoring.commentable(entries_of(found, "th")[0]):
        question = f"{entry['label']}: {entry['text'][:120]}"
        key = entry["key"]
        items.append(
            (Found(comments_widget(key), COMMENTS, comments_value(page), ()), question, key)
        )
        if page.paragraph_votes:
            items.append((Found(votes_widget(key), VOTES, votes_value(page), ()), question, key))
    return items
