"""Proposals in the participation index, registered with search in apps.py.

A proposal is found by the words of its title, summary and description (the one Thai
analysis, search/thai.py, as comments and pages are), and its result links to its own
page under its call. The services re-queue it on every change (services._reindex).
"""

from collections import Counter
from functools import partial

from django.apps import apps
from django.db.models import Count, Q
from django.utils.text import capfirst
from wagtail.models import Page

from search.registry import UNPUBLISHED, DocumentType, int_ids

from .choices import PUBLIC_STATES, ProposalState
from .models import Proposal

# The index's moderation_state of a proposal: "published" when public search shows it
# (the public query asks for that value only), otherwise why not. The proposal's own
# state goes in "proposal_state", which staff filter by.
SHOWN = "published"
WAITING = "held"  # submitted, waiting for review
NOT_SHOWN = "hidden"  # hidden by a moderator, merged, or rejected and the call hides those


def _calls_hiding_rejected():
    # pb_pages builds on this app: its model is looked up when asked, not imported.
    call_model = apps.get_model("bokrao_pages", "ProposalIndexPage")
    return call_model.objects.filter(hide_rejected_from_search=True).values("pk")


def proposal_url(call, proposal_id):
    """The address of a proposal's page under its (specific) call, or None if the call
    is not live."""
    if call is None or not call.live or not call.url:
        return None
    return call.url + call.reverse_subpage("proposal", args=[proposal_id])


def found_publicly():
    """The proposals public search may show, as the database says: public now (a public
    state, not merged: rules.is_public), on a call that is live and not private, and not
    a rejected one on a call that hides those. Similar proposals (similar.py) ask the
    same when the engine is away."""
    return Proposal.objects.filter(
        Q(participant__isnull=True) | Q(participant__blocked_at__isnull=True),
        state__in=PUBLIC_STATES,
        merged_into__isnull=True,
        call__in=Page.objects.live().public().values("pk"),
    ).exclude(Q(state=ProposalState.REJECTED) & Q(call__in=_calls_hiding_rejected()))


class ProposalDocuments(DocumentType):
    """Every proposal but drafts (a draft is its author's until they submit it): the
    public query finds the public ones (rules.is_public), and not the rejected ones when
    their call says rejected proposals leave public search; staff find every state.

    The author is a pseudonym, never a name. A proposal carries its call's state (live or
    not, open or closed), so taking the call offline takes its proposals out of public
    search, and publishing it again (perhaps with hide_rejected_from_search changed)
    re-queues them (follows_page)."""

    name = "proposal"
    label = capfirst(Proposal._meta.verbose_name)  # translated with the model's name
    public = True
    staff = True
    follows_page = True
    # The staff report's index check counts proposals per state, as the database does.
    tally_fields = ("proposal_state",)

    def records(self):
        return (
            Proposal.objects.exclude(state=ProposalState.DRAFT)
            .select_related("participant")
            .order_by("pk")
        )

    def tally(self, consultation=None):
        """Counter of (consultation, state) -> proposals but drafts (those indexed)."""
        proposals = Proposal.objects.exclude(state=ProposalState.DRAFT)
        if consultation is not None:
            proposals = proposals.filter(consultation=consultation)
        rows = proposals.values_list("consultation", "state").annotate(n=Count("pk"))
        return Counter({(str(key), state): n for key, state, n in rows.order_by()})

    def records_of_page(self, page_id):
        return Proposal.objects.filter(call_id=page_id).values_list("pk", flat=True)

    def builder(self):
        return partial(self.document, calls={})

    def still_public(self, object_ids):
        """Those of `object_ids` public search may show now (found_publicly): one query,
        and Wagtail's one for its view restrictions."""
        proposals = found_publicly().filter(pk__in=int_ids(object_ids))
        return {str(pk) for pk in proposals.values_list("pk", flat=True)}

    def _call_facts(self, call_id, calls):
        if call_id not in calls:
            page = Page.objects.filter(pk=call_id).select_related("locale").first()
            call = page.specific if page else None
            calls[call_id] = {
                "call": call,
                "title": call.title if call else "",
                "process_type": getattr(call, "process_type", ""),
                # A proposal of a call that is not live is not public, whatever its state.
                "status": getattr(call, "state", "") if call and call.live else UNPUBLISHED,
                "hides_rejected": bool(getattr(call, "hide_rejected_from_search", False)),
            }
        return calls[call_id]

    def _moderation_state(self, proposal, facts):
        if proposal.state == ProposalState.SUBMITTED:
            return WAITING
        if proposal.state not in PUBLIC_STATES or proposal.merged_into_id is not None:
            return NOT_SHOWN
        if proposal.participant is not None and proposal.participant.blocked_at:
            return NOT_SHOWN  # withheld while its author is blocked, as their comments are
        if proposal.state == ProposalState.REJECTED and facts["hides_rejected"]:
            return NOT_SHOWN
        return SHOWN

    def document(self, proposal, calls=None):
        calls = {} if calls is None else calls
        facts = self._call_facts(proposal.call_id, calls)
        document = {
            "doc_type": self.name,
            "object_id": str(proposal.pk),
            "page_id": proposal.call_id,
            "page_title": facts["title"],
            "consultation": str(proposal.consultation),
            # Staff find only their municipalities' proposals; similar.py narrows by it.
            "municipality": str(proposal.municipality_id or ""),
            "widget": proposal.widget_id,
            "title": proposal.title,
            "text": "\n\n".join(part for part in (proposal.summary, proposal.description) if part),
            "url": proposal_url(facts["call"], proposal.pk),
            "voter_group": proposal.voter_group,
            "area": proposal.area,
            "home_area": str(proposal.home_area_id or ""),
            "concerned_area": str(proposal.concerned_area_id or ""),
            "category": proposal.category,
            "verification_level": str(proposal.verification_level),
            "locale": proposal.language,
            "participant": str(proposal.participant.pseudonym) if proposal.participant else "",
            "moderation_state": self._moderation_state(proposal, facts),
            "proposal_state": proposal.state,
            "created_at": proposal.created_at,
            "updated_at": proposal.updated_at,
        }
        if proposal.published_at:
            document["published_at"] = proposal.published_at
        if facts["process_type"]:
            document["process_type"] = facts["process_type"]
        if facts["status"]:
            document["status"] = facts["status"]
        return document
