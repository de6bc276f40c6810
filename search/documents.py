"""What the participation index holds, built from the database (the source of truth).

Each document type knows how to find its records and turn one into a document.
Pages, votes and comments are indexed; proposals and budget projects join as their
apps store them.
"""

from functools import partial

from django.utils.html import strip_tags
from wagtail.models import Page

from consultation_blocks.timing import window_state

UNPUBLISHED = "unpublished"


def document_id(document_type, object_id):
    return f"{document_type}-{object_id}"


class DocumentType:
    name = ""

    def records(self):
        raise NotImplementedError

    def get(self, object_id):
        return self.records().filter(pk=object_id).first()

    def document(self, record):
        raise NotImplementedError

    def builder(self):
        """A function from record to document, used for one batch (a rebuild, an outbox round).

        Types whose documents share facts (a comment's page) keep them for the batch.
        """
        return self.document


class PageDocuments(DocumentType):
    """Published consultation, section and information pages, in every language."""

    name = "page"

    def records(self):
        from pb_pages.models import ConsultationPage, InformationPage, ProcessIndexPage

        return (
            Page.objects.live()
            .public()
            .type(ConsultationPage, InformationPage, ProcessIndexPage)
            .select_related("locale")
            .specific()
            .order_by("pk")
        )

    def document(self, page):
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
        if hasattr(page, "opens_at"):
            document.update(
                opens_at=page.opens_at,
                closes_at=page.closes_at,
                status=window_state(page.opens_at, page.closes_at),
            )
        return document


class VoteDocuments(DocumentType):
    """Votes and supports: for tallies by voter group and area; no text, no person."""

    name = "vote"

    def records(self):
        from consultation_blocks.models import Vote

        return Vote.objects.select_related("participant", "page__locale").order_by("pk")

    def document(self, vote):
        return {
            "doc_type": self.name,
            "object_id": str(vote.pk),
            "consultation": str(vote.consultation),
            "page_id": vote.page_id,
            "widget": vote.widget,
            "anchor": vote.anchor,
            "option": vote.choices,
            "voter_group": vote.voter_group,
            "area": vote.area,
            "verification_level": str(vote.verification_level),
            "locale": vote.page.locale.language_code if vote.page else "",
            "participant": str(vote.participant.pseudonym) if vote.participant else "",
            "moderation_state": "published",
            "created_at": vote.created_at,
            "updated_at": vote.updated_at,
        }


class CommentDocuments(DocumentType):
    """Comments in every moderation state: the public query asks for published ones only,
    staff search sees held and hidden ones too. The author is a pseudonym, never a name."""

    name = "comment"

    def records(self):
        from consultation_blocks.models import Comment

        return Comment.objects.select_related("participant").order_by("pk")

    def builder(self):
        return partial(self.document, pages={})

    def _page_facts(self, page_id, pages):
        if page_id not in pages:
            page = Page.objects.filter(pk=page_id).select_related("locale").first()
            page = page.specific if page else None
            pages[page_id] = {
                "page_title": page.title if page else "",
                "url": page.url if page and page.live else None,
                "locale": page.locale.language_code if page else "",
                "process_type": getattr(page, "process_type", ""),
                # A comment on a page that is not live is not public, whatever its state.
                "status": (
                    (
                        window_state(page.opens_at, page.closes_at)
                        if hasattr(page, "opens_at")
                        else ""
                    )
                    if page and page.live
                    else UNPUBLISHED
                ),
            }
        return pages[page_id]

    def document(self, comment, pages=None):
        page_id = int(comment.object_pk)
        facts = self._page_facts(page_id, {} if pages is None else pages)
        document = {
            "doc_type": self.name,
            "object_id": str(comment.pk),
            "page_id": page_id,
            "page_title": facts["page_title"],
            "consultation": str(comment.consultation),
            "widget": comment.widget,
            "anchor": comment.anchor,
            "text": comment.comment,
            "url": f"{facts['url']}#comment-{comment.pk}" if facts["url"] else None,
            "voter_group": comment.voter_group,
            "area": comment.area,
            "verification_level": str(comment.verification_level),
            "locale": facts["locale"],
            "participant": str(comment.participant.pseudonym) if comment.participant else "",
            "moderation_state": comment.state,
            "created_at": comment.submit_date,
        }
        if facts["process_type"]:
            document["process_type"] = facts["process_type"]
        if facts["status"]:
            document["status"] = facts["status"]
        return document


DOCUMENT_TYPES = {
    documents.name: documents
    for documents in [PageDocuments(), VoteDocuments(), CommentDocuments()]
}


def actions_for(keys, index_name):
    """Bulk actions for (document_type, object_id) keys: index what exists, delete the rest."""
    actions, builders = [], {}
    for document_type, object_id in keys:
        documents = DOCUMENT_TYPES[document_type]
        record = documents.get(object_id)
        _id = document_id(document_type, object_id)
        if record is None:
            actions.append({"_op_type": "delete", "_index": index_name, "_id": _id})
        else:
            if document_type not in builders:
                builders[document_type] = documents.builder()
            source = builders[document_type](record)
            actions.append({"_index": index_name, "_id": _id, "_source": source})
    return actions


def all_documents(index_name):
    """Index actions for every record of every type, for a rebuild."""
    for documents in DOCUMENT_TYPES.values():
        build = documents.builder()
        for record in documents.records().iterator(chunk_size=500):
            yield {
                "_index": index_name,
                "_id": document_id(documents.name, record.pk),
                "_source": build(record),
            }


def count_records():
    return {name: documents.records().count() for name, documents in DOCUMENT_TYPES.items()}
