"""The lists of proposals: a call's, filtered, sorted and a page at a time, and the
featured ones. Supports and comments are counted in SQL with the list (one query for
the page of proposals, one for the number of them), whatever their number.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

from ..comments.choices import CommentState
from ..comments.models import Comment
from ..participants.choices import VoterGroup
from ..widgets.models import Vote
from .choices import PUBLIC_STATES, ProposalOrder, ProposalState
from .models import WIDGET_PREFIX, Proposal
from .thresholds import goals_for

PER_PAGE = 20


def _widget_of_row():
    return Concat(Value(WIDGET_PREFIX), Cast(OuterRef("pk"), CharField()))


def _count(rows):
    counted = rows.order_by().values("consultation").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(proposals, voter_group=""):
    """`proposals` with `supports` (of one voter group, if given) and `comments`."""
    supports = Vote.objects.filter(consultation=OuterRef("consultation"), widget=_widget_of_row())
    if voter_group:
        supports = supports.filter(voter_group=voter_group)
    comments = Comment.objects.filter(
        consultation=OuterRef("consultation"),
        widget=_widget_of_row(),
        state=CommentState.PUBLISHED,
    )
    return proposals.annotate(supports=_count(supports), comments=_count(comments))


def public_proposals(consultation=None):
    """The proposals the public sees (of one call, or of every call): published or
    answered, not merged away, not withheld while their author is blocked."""
    proposals = Proposal.objects.filter(
        Q(participant__isnull=True) | Q(participant__blocked_at__isnull=True),
        state__in=PUBLIC_STATES,
        merged_into=None,
    )
    return proposals if consultation is None else proposals.filter(consultation=consultation)


@dataclass
class Filters:
    category: str = ""
    area: int | None = None
    state: str = ""
    voter_group: str = ""
    order: str = ProposalOrder.SUPPORTED

    @classmethod
    def from_query(cls, query, call):
        """What the visitor asked for; anything not offered is ignored, not an error."""
        categories = {key for key, _ in call.category_choices()}
        category = (query.get("category") or "")[:64]
        area = (query.get("area") or "")[:12]
        state = (query.get("state") or "")[:20]
        group = (query.get("group") or "")[:20]
        order = (query.get("order") or "")[:20]
        return cls(
            category=category if category in categories else "",
            area=int(area) if area.isdigit() and area.isascii() else None,
            state=state if state in PUBLIC_STATES else "",
            voter_group=group if group in VoterGroup.values else "",
            order=order if order in ProposalOrder.values else ProposalOrder.SUPPORTED,
        )


_ORDERS = {
    ProposalOrder.SUPPORTED: ["-supports", "-published_at", "-pk"],
    ProposalOrder.NEWEST: ["-published_at", "-pk"],
    ProposalOrder.COMMENTED: ["-comments", "-published_at", "-pk"],
}


@dataclass
class Card:
    """One proposal as a list shows it."""

    proposal: Proposal
    supports: int
    comments: int
    goal: int | None
    category: str
    url: str = ""

    @property
    def progress(self):
        """Percent of the goal reached (at most 100), or None without a goal."""
        if not self.goal:
            return None
        return min(100, self.supports * 100 // self.goal)


def cards(call, proposals):
    """Cards of `proposals`, read on `call`; without one (a municipality's featured
    proposals from several calls), each on its call in the visitor's language, if it has
    one there, and without goals or categories."""
    proposals = list(proposals)
    goals = goals_for(call, proposals) if proposals and call is not None else {}
    labels = dict(call.category_choices()) if call is not None else {}
    calls = {} if call is not None else _calls_in_visitor_language(proposals)
    result = []
    for proposal in proposals:
        shown_on = call or calls.get(proposal.consultation) or proposal.call
        url = f"{shown_on.url}p/{proposal.pk}/" if shown_on is not None and shown_on.url else ""
        result.append(
            Card(
                proposal,
                proposal.supports,
                proposal.comments,
                goals.get(proposal.pk),
                labels.get(proposal.category, ""),
                url,
            )
        )
    return result


def _calls_in_visitor_language(proposals):
    """{call's translation key: its live page in the active language}: one query."""
    from wagtail.models import Locale, Page

    keys = {proposal.consultation for proposal in proposals}
    if not keys:
        return {}
    pages = Page.objects.live().filter(translation_key__in=keys, locale=Locale.get_active())
    return {page.translation_key: page for page in pages}


def call_list(call, filters, page_number=1):
    """(Paginator page of Cards, filters) of the call's public proposals."""
    proposals = public_proposals(call.translation_key).select_related("concerned_area")
    if filters.category:
        proposals = proposals.filter(category=filters.category)
    if filters.area:
        proposals = proposals.filter(concerned_area_id=filters.area)
    if filters.state:
        proposals = proposals.filter(state=filters.state)
    proposals = with_counts(proposals, filters.voter_group).order_by(*_ORDERS[filters.order])
    page = Paginator(proposals, PER_PAGE).get_page(page_number)
    page.object_list = cards(call, page.object_list)
    return page


def featured_cards(call, consultation=None, municipality_id=None, count=3):
    """The featured proposals still public, as cards: of one call, or of a municipality."""
    proposals = public_proposals(consultation).filter(featured_order__isnull=False)
    proposals = proposals.select_related("concerned_area", "call")
    if municipality_id is not None:
        proposals = proposals.filter(municipality_id=municipality_id)
    proposals = with_counts(proposals).order_by("featured_order", "-published_at", "pk")[:count]
    return cards(call, proposals)


def states_offered():
    return [(state, label) for state, label in ProposalState.choices if state in PUBLIC_STATES]
