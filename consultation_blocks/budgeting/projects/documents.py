"""A round's projects in the participation index, registered with search in apps.py
(as proposals/documents.py registers proposals).

Every project is public (staff review in the open) except one whose author is blocked,
on a round that is live and not private. Found by the words of its title and
description; its result links to its page under the round. The services re-queue it on
every change (services._reindex), and a round going offline re-queues its projects."""

from functools import partial

from django.db.models import Q
from django.utils.text import capfirst
from wagtail.models import Page

from search.registry import UNPUBLISHED, DocumentType, int_ids

from ..models import Project

SHOWN = "published"
NOT_SHOWN = "hidden"


def found_publicly():
    return Project.objects.filter(
        Q(participant__isnull=True) | Q(participant__blocked_at__isnull=True),
        round__in=Page.objects.live().public().values("pk"),
    )


class ProjectDocuments(DocumentType):
    name = "project"
    label = capfirst(Project._meta.verbose_name)
    public = True
    staff = True
    follows_page = True

    def records(self):
        return Project.objects.select_related("participant").order_by("pk")

    def records_of_page(self, page_id):
        return Project.objects.filter(round_id=page_id).values_list("pk", flat=True)

    def builder(self):
        return partial(self.document, rounds={})

    def still_public(self, object_ids):
        projects = found_publicly().filter(pk__in=int_ids(object_ids))
        return {str(pk) for pk in projects.values_list("pk", flat=True)}

    def _round_facts(self, round_id, rounds):
        if round_id not in rounds:
            page = Page.objects.filter(pk=round_id).first() if round_id else None
            page = page.specific if page else None
            rounds[round_id] = {
                "page": page,
                "title": page.title if page else "",
                "process_type": getattr(page, "process_type", ""),
                "status": getattr(page, "state", "") if page and page.live else UNPUBLISHED,
            }
        return rounds[round_id]

    def document(self, project, rounds=None):
        facts = self._round_facts(project.round_id, {} if rounds is None else rounds)
        page = facts["page"]
        blocked = project.participant is not None and project.participant.blocked_at
        url = None
        if page is not None and page.live and page.url:
            url = page.url + page.reverse_subpage("project", args=[project.pk])
        document = {
            "doc_type": self.name,
            "object_id": str(project.pk),
            "page_id": project.round_id,
            "page_title": facts["title"],
            "consultation": str(project.consultation),
            "municipality": str(project.municipality_id or ""),
            "widget": project.widget_id,
            "title": project.title,
            "text": "\n\n".join(part for part in (project.description, project.location) if part),
            "url": url,
            "voter_group": project.voter_group,
            "area": project.area,
            "home_area": str(project.home_area_id or ""),
            "verification_level": str(project.verification_level),
            "locale": project.language,
            "participant": str(project.participant.pseudonym) if project.participant else "",
            "moderation_state": NOT_SHOWN if blocked else SHOWN,
            "created_at": project.created_at,
            "updated_at": project.updated_at,
        }
        if facts["process_type"]:
            document["process_type"] = facts["process_type"]
        if facts["status"]:
            document["status"] = facts["status"]
        return document
