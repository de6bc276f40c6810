"""A draft in the participation index: each paragraph of its latest version as a public
document, so that a word of one paragraph finds that paragraph; and what a comment on a
paragraph is about (its label, version and text then), for staff search. Registered with
search in apps.py (decision 030).

A paragraph is an entry of a version's text, not a row: its document's id is
"<page id>:<key>", one per language (each translation is its own page). Publishing a
version queues the paragraphs of that version and of the one before it (`queue_version`):
those still there are indexed again, those removed are deleted. The page's publishing,
unpublishing and phases re-queue them as for every document that follows its page.
"""

from dataclasses import dataclass

from django.db.models import JSONField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from search.outbox import enqueue_many
from search.registry import DocumentType

from ..municipalities.services import municipality_of
from . import anchoring
from .models import DraftText, DraftVersion
from .widgets import COMMENTS_PREFIX, key_of

PARAGRAPH = "draft_paragraph"


def paragraph_id(page_id, key):
    return f"{page_id}:{key}"


def _split(object_id):
    """(page id, key) of a paragraph document's id, or None for one that is not."""
    page_id, sep, key = str(object_id).partition(":")
    if not sep or not key or not (page_id.isascii() and page_id.isdigit()):
        return None
    return int(page_id), key


def paragraph_address(page, key, page_url):
    """The paragraph's own page (the reader without JavaScript); `page_url`: the page's
    URL, looked up once per batch."""
    return f"{page_url}{page.reverse_subpage('paragraph', args=[key])}"


def _latest_number(consultation):
    return Subquery(
        DraftVersion.objects.filter(consultation=consultation)
        .order_by("-number")
        .values("number")[:1]
    )


def _latest_texts():
    """The texts of each draft's latest version (a queryset of DraftText)."""
    return DraftText.objects.filter(
        version__number=_latest_number(OuterRef("version__consultation"))
    ).select_related("version")


def _drafts():
    from pb_pages.models import DraftRegulationPage

    return DraftRegulationPage.objects.live().public().select_related("locale")


def _keys_of(texts):
    """Every paragraph key of `texts` (DraftText rows)."""
    return {
        entry["key"]
        for entries in texts.values_list("entries", flat=True)
        for entry in anchoring.commentable(entries)
    }


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a draft's latest version, in the language of `page`."""

    pk: str
    page: object
    version: object
    entry: dict


def _paragraphs(pages, wanted=None):
    """The paragraphs of the latest versions of `pages` (live drafts), in each page's
    language: one query for the texts whatever the number of pages and paragraphs.
    `wanted`: {page id: keys} to keep only those."""
    by_text = {(page.translation_key, page.locale_id): page for page in pages}
    if not by_text:
        return []
    texts = _latest_texts().filter(
        version__consultation__in={key for key, _locale in by_text},
        locale_id__in={locale for _key, locale in by_text},
    )
    found = []
    for text in texts:
        page = by_text.get((text.version.consultation, text.locale_id))
        if page is None:
            continue
        for entry in anchoring.commentable(text.entries):
            if wanted is None or entry["key"] in wanted.get(page.pk, ()):
                found.append(
                    Paragraph(paragraph_id(page.pk, entry["key"]), page, text.version, entry)
                )
    return found


class Paragraphs:
    """Every paragraph of every live draft, for a rebuild (records that are not rows:
    iterator() and count() as search/documents.py asks of records())."""

    def __iter__(self):
        return self.iterator()

    def iterator(self, chunk_size=500):
        # Drafts in chunks: a chunk's texts are one query.
        ids = list(_drafts().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), 50):
            yield from _paragraphs(_drafts().filter(pk__in=ids[start : start + 50]))

    def count(self):
        return sum(1 for _paragraph in self.iterator())


class ParagraphDocuments(DocumentType):
    """The paragraphs (and items) of each draft's latest version, in every language it
    is published in: public search finds a draft by a word of one of its paragraphs and
    opens that paragraph. Older versions are not searched: their paragraphs are read
    from the paragraph page, one click from the latest."""

    name = PARAGRAPH
    label = _("Paragraph of a draft")
    public = True
    staff = False  # staff search is about what people said; the text is the reader's
    # A paragraph carries its page's state (open, closed); an unpublished draft's go.
    follows_page = True

    def records(self):
        return Paragraphs()

    def get(self, object_id):
        return self.records_by_id([object_id]).get(object_id)

    def records_by_id(self, object_ids):
        wanted = {}
        for object_id in object_ids:
            parsed = _split(object_id)
            if parsed is not None:
                wanted.setdefault(parsed[0], set()).add(parsed[1])
        found = _paragraphs(_drafts().filter(pk__in=list(wanted)), wanted)
        by_id = {paragraph.pk: paragraph for paragraph in found}
        return {
            object_id: by_id[str(object_id)] for object_id in object_ids if str(object_id) in by_id
        }

    def records_of_page(self, page_id):
        """The paragraphs of the page's latest version (of the draft, in any language):
        also once it is unpublished, so that their documents go."""
        page = Page.objects.filter(pk=page_id).values("translation_key").first()
        if page is None:
            return []
        texts = _latest_texts().filter(version__consultation=page["translation_key"])
        return [paragraph_id(page_id, key) for key in sorted(_keys_of(texts))]

    def still_public(self, object_ids):
        """Of a live, public draft and in its latest version now: one query (and
        Wagtail's one for view restrictions)."""
        wanted = {}
        for object_id in object_ids:
            parsed = _split(object_id)
            if parsed is not None:
                wanted.setdefault(parsed[0], set()).add(parsed[1])
        entries = Subquery(
            DraftText.objects.filter(
                version__consultation=OuterRef("translation_key"),
                locale_id=OuterRef("locale_id"),
                version__number=_latest_number(OuterRef("version__consultation")),
            ).values("entries")[:1],
            output_field=JSONField(),
        )
        rows = (
            Page.objects.live()
            .public()
            .filter(pk__in=list(wanted))
            .annotate(entries=entries)
            .values_list("pk", "entries")
        )
        public = set()
        for page_id, found in rows:
            keys = {entry["key"] for entry in anchoring.commentable(found or [])}
            public |= {paragraph_id(page_id, key) for key in wanted[page_id] & keys}
        return public

    def builder(self):
        pages = {}

        def build(paragraph):
            return self.document(paragraph, pages)

        return build

    def _page_facts(self, page, pages):
        if page.pk not in pages:
            municipality = municipality_of(page)
            pages[page.pk] = {
                "url": page.url,
                "municipality": str(municipality.pk) if municipality else "",
                "status": page.state,  # records are of live drafts only
            }
        return pages[page.pk]

    def document(self, paragraph, pages=None):
        page, entry = paragraph.page, paragraph.entry
        facts = self._page_facts(page, {} if pages is None else pages)
        return {
            "doc_type": self.name,
            "object_id": paragraph.pk,
            "page_id": page.pk,
            # The draft's title is shown, not searched: a query for the title finds the
            # draft's page, not each of its paragraphs.
            "page_title": page.title,
            "consultation": str(page.translation_key),
            "municipality": facts["municipality"],
            "locale": page.locale.language_code,
            "anchor": entry["key"],
            "anchor_label": entry["label"],
            "anchor_version": paragraph.version.number,
            "text": entry["text"],
            "url": paragraph_address(page, entry["key"], facts["url"]),
            "moderation_state": "published",
            "process_type": page.process_type,
            "status": facts["status"],
            "created_at": paragraph.version.published_at,
        }


def queue_version(version):
    """Queue the draft's paragraphs in every language when `version` is published, or a
    translation joins it: those of `version` are indexed, those of the version before it
    that it no longer has are deleted (in the caller's transaction, as every outbox
    entry)."""
    texts = DraftText.objects.filter(
        version__consultation=version.consultation,
        version__number__in=[version.number - 1, version.number],
    )
    keys = sorted(_keys_of(texts))
    pages = Page.objects.filter(translation_key=version.consultation).values_list("pk", flat=True)
    enqueue_many(PARAGRAPH, [paragraph_id(page_id, key) for page_id in pages for key in keys])


def comment_describer():
    """For one batch of comment documents: what a comment on a draft's paragraph is
    about, from the text of the version it answered, in its page's language (else the
    draft's first language). Each draft's texts are loaded once per batch (one query)."""
    texts = {}

    def _texts_of(page):
        key = page.translation_key
        if key not in texts:
            rows = DraftText.objects.filter(version__consultation=key).values_list(
                "version__number", "locale_id", "entries"
            )
            texts[key] = {
                "urls": {},
                "entries": {(n, locale): e for n, locale, e in rows},
                "default": Locale.get_default().pk,
            }
        return texts[key]

    def describe(page, comment):
        key = key_of(comment.widget or "")
        if page is None or key is None or not comment.widget.startswith(COMMENTS_PREFIX):
            return None
        if not hasattr(page, "section_word"):
            return None  # not a draft: a widget that only looks like a paragraph's
        draft = _texts_of(page)
        number = comment.anchor_version
        entries = draft["entries"].get((number, page.locale_id))
        if entries is None:
            # The version has no text in this language: the draft's own language's.
            entries = draft["entries"].get((number, draft["default"]), [])
        entry = anchoring.entry(entries, comment.anchor or key) or {}
        described = {
            "anchor_label": entry.get("label", ""),
            "anchor_text": entry.get("text", ""),
            "quote": comment.quote,
        }
        if number is not None:
            described["anchor_version"] = number
        if page.live:
            if page.pk not in draft["urls"]:
                draft["urls"][page.pk] = page.url
            address = paragraph_address(page, key, draft["urls"][page.pk])
            described["url"] = f"{address}#comment-{comment.pk}"
        return described

    return describe
