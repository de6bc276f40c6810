"""What the widgets of a page show one visitor, built once per page and request.

The first widget rendered builds it for all of them: the visitor's participant and the
source page whose rules apply, then the tallies of every vote widget together with the
visitor's own votes in one query, and the comment threads in another (comments/context.py).
A page with forty widgets costs what a page with one does.
"""

from django.urls import reverse
from django.utils.functional import cached_property

from ..participants.services import participant_of
from ..staff.permissions import may_moderate_on
from ..tally import _empty, vote_tallies
from . import rules
from .blocks import CommentBlock, page_widgets

_CACHE = "_bokrao_page_participation"


class PageParticipation:
    """One visitor's view of one page's widgets; see the module docstring."""

    def __init__(self, page, request):
        self.page = page
        self.request = request
        self.participant = participant_of(request)
        self.source = rules.source_page(page)
        self.rules_values = {found.id: found.value for found in page_widgets(self.source)}
        self.widgets = {found.id: found for found in page_widgets(page)}
        self._items = set()
        self._comments = None

    def include(self, widget_id, block, value):
        """A widget of one of the page's items, not of its body (a proposal's comments on
        its call page), that this request shows: it is served with the body's widgets."""
        from ..walker import Found

        self.widgets[widget_id] = Found(widget_id, block, value, (widget_id,))
        self.rules_values[widget_id] = value
        self._items.add(widget_id)

    def rules_value(self, widget_id, value):
        return self.rules_values.get(widget_id, value)

    def decision(self, block, value, widget_id):
        return rules.may_take_part(
            self.participant, block, self.rules_value(widget_id, value), self.page
        )

    def results_visible(self, block, value, widget_id):
        return rules.results_visible(block, self.rules_value(widget_id, value), self.page)

    @cached_property
    def staff(self):
        """May the visitor moderate this page's comments (a moderator of its
        municipality)? Then they also see held comments, and the comments of a widget
        whose results are not public yet."""
        return may_moderate_on(self.request.user, self.page)

    @cached_property
    def _tallies(self):
        vote_ids = [
            widget_id
            for widget_id, found in self.widgets.items()
            if not isinstance(found.block, CommentBlock)
        ]
        body = [widget_id for widget_id in vote_ids if widget_id not in self._items]
        tallies = vote_tallies(self.page.translation_key, body, visitor=self.participant)
        items = [widget_id for widget_id in vote_ids if widget_id in self._items]
        if items:
            # An item's widget is about that item (a draft's paragraph names it as its
            # anchor): all its votes count, whatever anchor they carry.
            tallies.update(
                vote_tallies(
                    self.page.translation_key, items, anchor=None, visitor=self.participant
                )
            )
        return tallies

    def tally(self, widget_id):
        return self._tallies.get(widget_id, _empty())

    def my_vote(self, widget_id):
        """The visitor's own vote on the widget ({"choices", "other_text"}), or None."""
        if self.participant is None:
            return None
        return self.tally(widget_id).get("mine")

    def comments(self):
        """The comment threads of every comment widget of the page (comments/context.py)."""
        if self._comments is None:
            from ..comments.context import PageThreads

            self._comments = PageThreads(self)
        return self._comments


def page_participation(page, request):
    cache = request.__dict__.setdefault(_CACHE, {})
    if page.pk not in cache:
        cache[page.pk] = PageParticipation(page, request)
    return cache[page.pk]


def visitor_context(block, value, parent_context):
    """What every widget's template knows: the visitor, and whether they may take part now.

    None when the block is rendered outside a page request (a preview of the block alone).
    """
    page = parent_context.get("page")
    request = parent_context.get("request")
    if page is None or request is None:
        return None
    widget_id = parent_context.get("block_id", "")
    seen = page_participation(page, request)
    return {
        "widget_id": widget_id,
        "participant": seen.participant,
        "decision": seen.decision(block, value, widget_id),
        "sign_in_url": f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}",
        "_seen": seen,
    }


def widget_context(block, value, parent_context):
    """What a vote widget's template shows to the visitor of `page`."""
    visitor = visitor_context(block, value, parent_context)
    if visitor is None:
        return {}
    seen, widget_id = visitor.pop("_seen"), visitor["widget_id"]
    mine = seen.my_vote(widget_id)
    results = None
    counted = {"total": 0}
    if seen.results_visible(block, value, widget_id):
        counted = seen.tally(widget_id)
        results = [
            {"choice": key, "label": label, "count": counted["choices"].get(key, 0)}
            for key, label in block.choices(value)
        ]
    return {
        **visitor,
        "choices": block.choices(value),
        "my_choices": mine["choices"] if mine else [],
        "my_other_text": mine["other_text"] if mine else "",
        "withdraw_label": block.withdraw_label,
        "results": results,
        "total_votes": counted["total"],
        "goal": value.get("goal"),
        "action": reverse("bokrao_vote"),
    }
