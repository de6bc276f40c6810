"""Keep documents that carry their page's state in step with publishing, through the outbox."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .outbox import enqueue_many
from .registry import DOCUMENT_TYPES


def requeue_page(page_id):
    """Queue the page's documents and those that carry its state (a comment's)."""
    for documents in DOCUMENT_TYPES.values():
        if documents.follows_page:
            enqueue_many(documents.name, documents.records_of_page(page_id))


def _page_changed(sender, instance, **kwargs):
    # Published, unpublished, moved or deleted: the page's own document and those that
    # say whether their page is live (a comment's) follow it in or out of public results.
    requeue_page(instance.pk)


def connect():
    page_published.connect(_page_changed, dispatch_uid="bokrao_search_published")
    page_unpublished.connect(_page_changed, dispatch_uid="bokrao_search_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="bokrao_search_moved")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="bokrao_search_deleted")
