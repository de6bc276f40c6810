"""A participant's proposals and the proposals they follow, in the data download and the
account deletion (privacy/registry.py).

Their supports are votes (widget "proposal-<id>" of the call page): the votes holder
downloads and erases them, and describes each with the proposal's title
(proposal_title, registered as the title of the call's item widgets). Their comments
on a proposal are comments: the comments holder's, described the same way.
"""

from pathlib import PurePosixPath

from django.db import transaction

from search.outbox import enqueue_many

from ..comments.models import Comment
from ..privacy.export import counted_as, on_site, when
from ..privacy.registry import Holder
from ..widgets.models import Vote
from .choices import ProposalState
from .models import Follower, Proposal, proposal_id_of, widget_id_of
from .rules import is_public
from .widgets import proposal_comments


def proposal_title(page, widget_id):
    """The title of the public proposal of call `page` that `widget_id` is the widget of
    (its supports and comments), or None: registered with privacy/registry.py."""
    if proposal_comments(page, widget_id) is None:  # not a public proposal of this call
        return None
    # proposal_comments has just loaded it (widgets.py keeps it on the page): no query.
    return page.__dict__["_bokrao_proposals"][proposal_id_of(widget_id)].title


def _proposals_of(person):
    if person.participant is None:
        return Proposal.objects.none()
    return Proposal.objects.filter(participant=person.participant)


def _file_name(field):
    # The name they uploaded (storage may have added a suffix), not the storage path.
    return PurePosixPath(field.name).name if field else ""


def _link(proposal, pages):
    """The call's title and the address of the proposal's page under it."""
    if proposal.call_id is None:
        return {"call": None, "url": None}
    described = pages.describe(proposal.call_id, f"p/{proposal.pk}/")
    return {"call": described["title"], "url": described["url"]}


def _category(proposal, pages):
    call = pages.page(proposal.call_id) if proposal.call_id else None
    choices = dict(call.category_choices()) if hasattr(call, "category_choices") else {}
    return choices.get(proposal.category, proposal.category)


def _proposal(proposal, pages):
    return {
        "id": proposal.pk,
        "page": _link(proposal, pages),
        "title": proposal.title,
        "summary": proposal.summary,
        "description": proposal.description,
        "category": _category(proposal, pages),
        "area": proposal.concerned_area.name if proposal.concerned_area else "",
        "within_powers": proposal.get_within_powers_display(),
        "image": _file_name(proposal.image),
        "document": _file_name(proposal.document),
        "status": proposal.get_state_display(),
        "history": [
            {
                "status": change.get_to_state_display(),
                # The municipality's answer, given as a role (never a person's name).
                "answer": change.answer,
                "answered_as": change.answered_as,
                "at": when(change.at),
            }
            for change in proposal.history.all()
        ],
        "counted_as": counted_as(proposal),
        **on_site(proposal),
        "created_at": when(proposal.created_at),
        "submitted_at": when(proposal.submitted_at),
        "published_at": when(proposal.published_at),
        "updated_at": when(proposal.updated_at),
    }


def _export_proposals(person, pages):
    proposals = list(
        _proposals_of(person)
        .select_related("concerned_area")
        .prefetch_related("history")
        .order_by("created_at", "pk")
    )
    pages.load(proposal.call_id for proposal in proposals)
    return [_proposal(proposal, pages) for proposal in proposals]


def _plan_proposals(person):
    rows = list(_proposals_of(person).values_list("pk", "municipality_id"))
    return {
        "proposals": len(rows),
        "municipalities": {municipality for _pk, municipality in rows},
    }


def _erase_proposals(person, policy):
    """Each proposal as its municipality's rules for comments say (policy.of): a
    proposal is what its author wrote, as a comment is. Kept, it stays where it is,
    counted as before, without its author; deleted, its history, followers and uploaded
    files go with it, and the supports it had. What others built on is kept (without its
    author) whatever the rule: a proposal merged into it, others' comments on it. A draft
    was never given to anyone: it always goes."""
    kept, deleted = [], []
    theirs = list(_proposals_of(person).values_list("pk", "municipality_id", "state"))
    # What others built on stays, without its author, whatever the rule: a proposal merged
    # into it (it would come back as a duplicate) and other people's comments on it.
    built_on = set(
        Proposal.objects.filter(merged_into__in=[pk for pk, _, _ in theirs]).values_list(
            "merged_into", flat=True
        )
    ) | {
        proposal_id_of(widget)
        for widget in Comment.objects.filter(widget__in=[widget_id_of(pk) for pk, _, _ in theirs])
        .exclude(participant=person.participant)
        .values_list("widget", flat=True)
    }
    for pk, municipality_id, state in theirs:
        keep = state != ProposalState.DRAFT and (
            policy.of(municipality_id).keeps_comments or pk in built_on
        )
        (kept if keep else deleted).append(pk)
    Proposal.objects.filter(pk__in=kept).update(participant=None)
    # The supports of a proposal that goes: counted for nothing any more.
    gone = Vote.objects.filter(widget__in=[widget_id_of(pk) for pk in deleted])
    gone_votes = list(gone.values_list("pk", flat=True))
    gone.delete()
    enqueue_many("vote", gone_votes)
    _delete(Proposal.objects.filter(pk__in=deleted))
    return [("proposal", pk) for pk in kept + deleted]


def _delete(proposals):
    files = []
    for image, document in proposals.values_list("image", "document"):
        files += [name for name in (image, document) if name]
    proposals.delete()  # their status history and followers go with them (CASCADE)
    storage_image = Proposal._meta.get_field("image").storage
    storage_document = Proposal._meta.get_field("document").storage

    def delete_files():
        # Once the deletion is committed: a deletion that fails keeps its files.
        for name in files:
            for storage in {storage_image, storage_document}:
                if storage.exists(name):
                    storage.delete(name)

    transaction.on_commit(delete_files)


PROPOSALS = Holder(
    name="proposals",
    claims=("bokrao_blocks.Proposal.participant",),
    export=_export_proposals,
    erase=_erase_proposals,
    plan=_plan_proposals,
)


# -- Proposals they follow -------------------------------------------------------------


def _follows_of(person):
    if person.participant is None:
        return Follower.objects.none()
    return Follower.objects.filter(participant=person.participant)


def _follow(follow, person, pages):
    proposal = follow.proposal
    # Another author's proposal that is no longer public is theirs: only its number.
    shown = is_public(proposal) or proposal.participant_id == person.participant.pk
    return {
        "proposal": proposal.pk,
        "title": proposal.title if shown else None,
        "page": _link(proposal, pages) if shown else {"call": None, "url": None},
        "since": when(follow.since),
    }


def _export_follows(person, pages):
    follows = list(_follows_of(person).select_related("proposal").order_by("since", "pk"))
    pages.load(follow.proposal.call_id for follow in follows)
    return [_follow(follow, person, pages) for follow in follows]


def _erase_follows(person, policy):
    # Nothing to keep: a follow is only whom to email, and they will have no address.
    _follows_of(person).delete()
    return []


FOLLOWS = Holder(
    name="followed_proposals",
    claims=("bokrao_blocks.Follower.participant",),
    export=_export_follows,
    erase=_erase_follows,
    plan=lambda person: {"followed_proposals": _follows_of(person).count()},
)
