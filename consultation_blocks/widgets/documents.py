"""Votes and supports in the participation index, registered with search in apps.py."""

from django.utils.text import capfirst

from search.registry import DocumentType

from ..tally import vote_counts_by_group
from .models import Vote


class VoteDocuments(DocumentType):
    """Votes and supports: for tallies by voter group and area; no text, no person.

    Neither public nor in staff search: votes are counted (reports, analytics), never read.
    """

    name = "vote"
    label = capfirst(Vote._meta.verbose_name)  # translated with the model's name
    tally_fields = ("widget", "option", "voter_group")

    def records(self):
        return Vote.objects.select_related("participant", "page__locale").order_by("pk")

    def document(self, vote):
        return {
            "doc_type": self.name,
            "object_id": str(vote.pk),
            "consultation": str(vote.consultation),
            # Staff search and analytics narrow by it (staff/municipalities.py).
            "municipality": str(vote.municipality_id or ""),
            "page_id": vote.page_id,
            "widget": vote.widget,
            "anchor": vote.anchor,
            "option": vote.choices,
            "voter_group": vote.voter_group,
            "area": vote.area,
            "home_area": str(vote.home_area_id or ""),
            "verification_level": str(vote.verification_level),
            "locale": vote.page.locale.language_code if vote.page else "",
            "participant": str(vote.participant.pseudonym) if vote.participant else "",
            "moderation_state": "published",
            "created_at": vote.created_at,
            "updated_at": vote.updated_at,
        }

    def tally(self, consultation=None):
        return vote_counts_by_group(consultation)
