"""Pages in the participation index: consultations, sections and information pages.

Registered with search in apps.py; search/ itself knows no page type.
"""

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.municipalities.services import municipality_of
from search.registry import DocumentType, int_ids

from .models import ConsultationPage, InformationPage, ProcessIndexPage


class PageDocuments(DocumentType):
    """Published consultation, section and information pages, in every language."""

    name = "page"
    label = _("Page")
    public = True
    staff = True
    # A page's document is the page: publishing, unpublishing or deleting it re-queues it.
    follows_page = True

    def records(self):
        return (
            Page.objects.live()
            .public()
            .type(ConsultationPage, InformationPage, ProcessIndexPage)
            .select_related("locale")
            .specific()
            .order_by("pk")
        )

    def records_of_page(self, page_id):
        # The page itself, even once deleted: its entry then removes the document.
        return [page_id]

    def still_public(self, object_ids):
        """Live and not private (no view restriction on it or above it) now."""
        pages = Page.objects.live().public().filter(pk__in=int_ids(object_ids))
        return {str(pk) for pk in pages.values_list("pk", flat=True)}

    def document(self, page):
        municipality = municipality_of(page)
        text = [getattr(page, "summary", "")]
        body = getattr(page, "body", None)
        if body is not None:
            text += body.stream_block.get_searchable_content(body)
        intro = getattr(page, "intro", "")
        if intro:
            text.append(strip_tags(intro))
        document = {
            "doc_type": self.name,
            "object_id": str(page.pk),
            "page_id": page.pk,
            "consultation": str(page.translation_key),
            # Staff search finds the pages of the staff member's municipalities only.
            "municipality": str(municipality.pk) if municipality else "",
            "locale": page.locale.language_code,
            "title": page.title,
            "text": "\n".join(part for part in text if part),
            "url": page.url,
            "moderation_state": "published",
            "created_at": page.first_published_at,
            "updated_at": page.last_published_at,
        }
        process_type = getattr(page, "process_type", "")
        if process_type:
            document["process_type"] = process_type
        if isinstance(page, ConsultationPage):
            # The page says whether it is upcoming, open or closed (its phases decide).
            document.update(opens_at=page.opens_at, closes_at=page.closes_at, status=page.state)
        return document


def consultation_choices(language_code, municipalities=None):
    """(translation key, title) of every consultation, titled in `language_code` if it
    can be: staff search's consultation filter. `municipalities` (ids): only the
    consultations below their home pages (in any language); None: every one."""
    titles = {}
    pages = ConsultationPage.objects.select_related("locale").order_by("title")
    if municipalities is not None:
        pages = pages.filter(_below_homes_of(municipalities))
    for page in pages:
        key = str(page.translation_key)
        if key not in titles or page.locale.language_code == language_code:
            titles[key] = page.title
    return sorted(titles.items(), key=lambda item: item[1])


def _below_homes_of(municipalities):
    """A Q of the pages in the tree of the municipalities (ids): below their home pages
    and the home pages' translations."""
    keys = Municipality.objects.filter(pk__in=list(municipalities)).values(
        "home_page__translation_key"
    )
    below = Q(pk__in=[])
    for path in Page.objects.filter(translation_key__in=keys).values_list("path", flat=True):
        below |= Q(path__startswith=path)
    return below
