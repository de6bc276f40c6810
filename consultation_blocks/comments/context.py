"""What the comment widgets of a page show one visitor: threads, a page at a time.

Every comment widget of the page is served by one query (the first threads of each
widget with their replies and reactions, and each widget's number of threads), whatever
the number of widgets and comments: widgets/context.py builds this once per page and
request.

Threads are shown oldest first, `threads_per_page` at a time; "Show more comments" is
a plain link (`?comments-<widget>=2`), so it works with and without JavaScript.
"""

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When, Window
from django.db.models.functions import DenseRank
from django.urls import reverse
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from ..conf import blocks_setting, host_setting
from ..widgets.blocks import CommentBlock
from .choices import SHOWN_IN_PLACE, CommentState, FlagReason
from .models import Comment
from .services import max_depth

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
                    DenseRank(), partition_by=[F("widget")], order_by=[F("thread_id")]
                ),
                in_widget=Window(
                    Sum(Case(When(level=0, then=1), default=0)), partition_by=[F("widget")]
                ),
            )
            .filter(thread_rank__lte=asked)
            .select_related("participant")
            .order_by("widget", "thread_id", "order")
        )

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
        "max_depth": max_depth(),
        "max_length": host_setting("COMMENT_MAX_LENGTH"),
        "flag_reasons": FlagReason.choices,
        "action": reverse("bokrao_comment"),
    }
