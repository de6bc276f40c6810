"""What the comment widgets of a page show one visitor: threads, a page at a time.

Every comment widget of the page is served by the same three queries (first threads
of each widget, their replies, their reactions), whatever the number of widgets and
comments: widgets/context.py builds this once per page and request.

Threads are shown oldest first, `threads_per_page` at a time; "Show more comments" is
a plain link (`?comments-<widget>=2`), so it works with and without JavaScript.
"""

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from ..conf import blocks_setting, host_setting
from ..widgets.blocks import CommentBlock
from .choices import SHOWN_IN_PLACE, CommentState, FlagReason
from .models import Comment
from .services import max_depth, reaction_counts

MORE_PARAMETER = "comments-{widget}"


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
        staff = request.user.has_perm("bokrao_blocks.change_comment")
        visible = visible_to(seen.participant, include_held=staff)
        roots = list(
            Comment.objects.filter(
                visible, consultation=page.translation_key, widget__in=widget_ids, level=0
            )
            .annotate(
                rank=Window(RowNumber(), partition_by=[F("widget")], order_by=[F("thread_id")]),
                in_widget=Window(Count("pk"), partition_by=[F("widget")]),
            )
            .filter(rank__lte=max(self.limits.values(), default=0))
            .select_related("participant")
            .order_by("widget", "thread_id")
        )
        roots = [root for root in roots if root.rank <= self.limits[root.widget]]
        self.totals = {root.widget: root.in_widget for root in roots}
        replies = list(
            Comment.objects.filter(visible, thread_id__in=[root.thread_id for root in roots])
            .exclude(level=0)
            .select_related("participant")
            .order_by("thread_id", "order")
        )
        counts = reaction_counts([comment.pk for comment in roots + replies])
        nodes, self.threads = {}, {widget_id: [] for widget_id in widget_ids}
        for comment in roots + replies:
            comment.reactions = counts.get(comment.pk, {"like": 0, "dislike": 0})
            node = {"comment": comment, "children": []}
            nodes[comment.pk] = node
            if comment.level == 0:
                self.threads[comment.widget].append(node)
            elif comment.parent_id in nodes:
                nodes[comment.parent_id]["children"].append(node)
            # A reply whose parent is not visible (held) waits with it.

    def for_widget(self, widget_id):
        shown = self.threads.get(widget_id, [])
        total = self.totals.get(widget_id, 0)
        more = None
        if total > len(shown):
            more = self.limits.get(widget_id, self.per_page) // self.per_page + 1
        return shown, total, more


def comments_context(block, value, parent_context):
    """What a comment widget's template shows to the visitor of `page`."""
    from ..widgets.context import visitor_context

    visitor = visitor_context(block, value, parent_context)
    if visitor is None:
        return {}
    seen, widget_id = visitor.pop("_seen"), visitor["widget_id"]
    request = parent_context["request"]
    shown = seen.results_visible(block, value, widget_id) or request.user.has_perm(
        "bokrao_blocks.change_comment"
    )
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
        "max_depth": max_depth(),
        "max_length": host_setting("COMMENT_MAX_LENGTH"),
        "flag_reasons": FlagReason.choices,
        "action": reverse("bokrao_comment"),
    }
