"""What the comment widgets of a page show one visitor: threads, a page at a time.

Every comment widget of the page is served by one query (the first threads of each
widget with their replies and reactions, and each widget's number of threads), whatever
the number of widgets and comments: widgets/context.py builds this once per page and
request.

Threads are shown `threads_per_page` at a time, in the order the visitor chose for that
widget (oldest first unless asked: choices.ThreadOrder); "Show more comments" and the
orders are plain links (`?comments-<widget>=2`, `?sort-<widget>=newest`), so they work
with and without JavaScript.
"""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, DenseRank, Least
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from ..conf import blocks_setting, host_setting
from ..widgets.blocks import CommentBlock
from .choices import SHOWN_IN_PLACE, CommentState, FlagReason, ThreadOrder
from .models import Comment
from .services import max_depth

MORE_PARAMETER = "comments-{widget}"
SORT_PARAMETER = "sort-{widget}"


def visible_to(viewer, include_held=False):
    """Published comments, and hidden and withheld ones as a line in place (a hidden one
    with the moderator's reason); a held one only to its author, or to staff."""
    visible = Q(state__in=SHOWN_IN_PLACE)
    if include_held:
        visible |= Q(state=CommentState.HELD)
    elif viewer is not None:
        visible |= Q(state=CommentState.HELD, participant=viewer)
    return visible


def _pages_asked(request, widget_id):
    try:
        pages = int(request.GET.get(MORE_PARAMETER.format(widget=widget_id), 1))
    except (TypeError, ValueError):
        pages = 1
    return min(max(pages, 1), 1000)


def _order_asked(request, widget_id):
    """The order the visitor chose for this widget; anything else reads as the default."""
    asked = request.GET.get(SORT_PARAMETER.format(widget=widget_id))
    return asked if asked in ThreadOrder.values else ThreadOrder.OLDEST


def _first_comment_reactions(flag):
    """The number of `flag` reactions on the first comment of each row's thread (in
    xtd's tree a thread's id is its first comment's id): a thread is agreed with, or
    disputed, for what its opening argument says, not for its replies."""
    counted = (
        CommentFlag.objects.filter(comment_id=OuterRef("thread_id"), flag=flag)
        .order_by()
        .values("comment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _sort_keys(order):
    """Three keys, each read largest first, that put a widget's threads in `order`; the
    thread id comes last so that every thread has a place of its own (DenseRank gives
    the rows of one thread, and only them, the same rank)."""
    newer, older = F("thread_id"), -F("thread_id")
    if order == ThreadOrder.NEWEST:
        return Value(0), Value(0), newer
    if order in (ThreadOrder.AGREED, ThreadOrder.CONTROVERSIAL):
        likes = _first_comment_reactions(LIKEDIT_FLAG)
        if order == ThreadOrder.AGREED:
            return likes, Value(0), older
        dislikes = _first_comment_reactions(DISLIKEDIT_FLAG)
        # Most controversial: many agree AND many disagree. The smaller of the two counts
        # says how divided people are (50 against 50 before 90 against 2), then the
        # number of reactions says how many cared; ties stay oldest first.
        return Least(likes, dislikes), likes + dislikes, older
    return Value(0), Value(0), older


class PageThreads:
    """The threads of every comment widget of one page, for one visitor."""

    def __init__(self, seen):
        page, request = seen.page, seen.request
        self.per_page = blocks_setting("COMMENT_THREADS_PER_PAGE")
        widget_ids = [
            widget_id
            for widget_id, found in seen.widgets.items()
            if isinstance(found.block, CommentBlock)
        ]
        self.limits = {
            widget_id: self.per_page * _pages_asked(request, widget_id) for widget_id in widget_ids
        }
        self.orders = {widget_id: _order_asked(request, widget_id) for widget_id in widget_ids}
        visible = visible_to(seen.participant, include_held=seen.staff)
        comments = self._shown(
            Comment.objects.filter(
                visible, consultation=page.translation_key, widget__in=widget_ids
            )
        )
        self.totals = {comment.widget: comment.in_widget for comment in comments}
        nodes, self.threads = {}, {widget_id: [] for widget_id in widget_ids}
        for comment in comments:
            comment.reactions = {"like": comment.like, "dislike": comment.dislike}
            node = {"comment": comment, "children": []}
            nodes[comment.pk] = node
            if comment.level == 0:
                self.threads[comment.widget].append(node)
            elif comment.parent_id in nodes:
                nodes[comment.parent_id]["children"].append(node)
            # A reply whose parent is not visible (held) waits with it.

    def _shown(self, comments):
        """The comments of the threads asked for, in reading order, with their reactions,
        each thread's place in its widget and each widget's number of threads."""
        if not self.limits:
            return []
        asked = Case(
            *[When(widget=widget_id, then=Value(n)) for widget_id, n in self.limits.items()],
            output_field=IntegerField(),
        )
        return list(
            # A thread is shown when its first comment is; its visible replies come with it.
            comments.filter(thread_id__in=comments.filter(level=0).values("thread_id"))
            .annotate(
                like=Count("flags", filter=Q(flags__flag=LIKEDIT_FLAG)),
                dislike=Count("flags", filter=Q(flags__flag=DISLIKEDIT_FLAG)),
            )
            .annotate(
                thread_rank=Window(
                    DenseRank(), partition_by=[F("widget")], order_by=self._thread_order()
                ),
                in_widget=Window(
                    Sum(Case(When(level=0, then=1), default=0)), partition_by=[F("widget")]
                ),
            )
            .filter(thread_rank__lte=asked)
            .select_related("participant")
            .order_by("widget", "thread_rank", "order")
        )

    def _thread_order(self):
        """Each widget's threads in the order asked for it, in the one window of the one
        query: with one order for all widgets (the usual case) its keys directly, else
        each key chosen by widget."""
        by_order = {}
        for widget_id, order in self.orders.items():
            by_order.setdefault(order, []).append(widget_id)
        if len(by_order) == 1:
            # A constant key orders nothing: left out.
            keys = [key for key in _sort_keys(next(iter(by_order))) if not isinstance(key, Value)]
        else:
            keys = [
                Case(
                    *[
                        When(widget__in=widget_ids, then=_sort_keys(order)[position])
                        for order, widget_ids in by_order.items()
                    ],
                    output_field=IntegerField(),
                )
                for position in range(3)
            ]
        return [key.desc() for key in keys]

    def for_widget(self, widget_id):
        shown = self.threads.get(widget_id, [])
        total = self.totals.get(widget_id, 0)
        more = None
        if total > len(shown):
            more = self.limits.get(widget_id, self.per_page) // self.per_page + 1
        return shown, total, more


def _order_links(request, widget_id):
    """A plain link per order, keeping the rest of the address (the other widgets' orders
    and pages); a new order starts again at its first page of threads."""
    chosen = _order_asked(request, widget_id)
    links = []
    for order in ThreadOrder:
        query = request.GET.copy()
        query.pop(MORE_PARAMETER.format(widget=widget_id), None)
        query[SORT_PARAMETER.format(widget=widget_id)] = order.value
        links.append(
            {
                "value": order.value,
                "label": order.label,
                "url": f"?{query.urlencode()}#widget-{widget_id}",
                "current": order == chosen,
            }
        )
    return links


def comments_context(block, value, parent_context):
    """What a comment widget's template shows to the visitor of `page`."""
    from ..widgets.context import visitor_context

    visitor = visitor_context(block, value, parent_context)
    if visitor is None:
        return {}
    seen, widget_id = visitor.pop("_seen"), visitor["widget_id"]
    request = parent_context["request"]
    shown = seen.results_visible(block, value, widget_id) or seen.staff
    threads, total, more = seen.comments().for_widget(widget_id) if shown else (None, 0, None)
    more_url = None
    if more:
        query = request.GET.copy()
        query[MORE_PARAMETER.format(widget=widget_id)] = str(more)
        more_url = f"?{query.urlencode()}#widget-{widget_id}"
    return {
        **visitor,
        "threads": threads,
        "threads_total": total,
        "more_url": more_url,
        "thread_orders": _order_links(request, widget_id) if threads and total > 1 else [],
        "max_depth": max_depth(),
        "max_length": host_setting("COMMENT_MAX_LENGTH"),
        "flag_reasons": FlagReason.choices,
        "action": reverse("bokrao_comment"),
    }
