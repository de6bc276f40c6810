"""Keep page documents in step with publishing, through the outbox."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .outbox import enqueue, enqueue_many


def _page_changed(sender, instance, **kwargs):
    enqueue("page", instance.pk)
    # The page's comments carry whether it is live: published, unpublished or deleted,
    # they follow it in or out of the public results.
    from consultation_blocks.models import Comment

    enqueue_many(
        "comment",
        Comment.objects.filter(object_pk=str(instance.pk)).values_list("pk", flat=True),
    )


def connect():
    page_published.connect(_page_changed, dispatch_uid="bokrao_search_published")
    page_unpublished.connect(_page_changed, dispatch_uid="bokrao_search_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="bokrao_search_moved")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="bokrao_search_deleted")
