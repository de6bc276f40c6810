"""Comments in the participation index, registered with search in apps.py."""

from functools import partial

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.text import capfirst
from wagtail.models import Page

from search.registry import UNPUBLISHED, DocumentType, int_ids

from ..tally import comment_counts_by_anchor
from ..widgets.blocks import NotAWidget, find_widget
from ..widgets.rules import results_public_from
from .choices import CommentState
from .models import Comment

# Widgets that are parts of a text (a draft's paragraphs) say what a comment on them is
# about: each app registers, from its AppConfig.ready(), a factory called once per batch
# of documents that returns describe(page, comment) -> fields for the comment's document
# (anchor_label, anchor_version, anchor_text, quote, url) or None if not its widget. The
# factory's function keeps what the batch shares (a draft's texts), so a batch costs the
# same queries whatever its number of comments.
_ANCHOR_DESCRIBERS = []


def register_anchor_describer(factory):
    _ANCHOR_DESCRIBERS.append(factory)
    return factory


class CommentDocuments(DocumentType):
    """Comments in every moderation state: the public query asks for published ones only,
    staff search sees held, hidden and withheld ones (their author blocked) too. The author
    is a pseudonym, never a name. Moderation re-queues a comment whenever its state
    changes (comments/moderation.py), blocking and unblocking all of a participant's.

    The comments of a widget whose results are not public (never, or after closing while
    it is open) are not shown on the page: a document says from when the public may read
    it (`public_from`), and the public query leaves it out until then."""

    name = "comment"
    label = capfirst(Comment._meta.verbose_name)  # translated with the model's name
    public = True
    staff = True
    # A comment carries whether its page is live and its state (open, closed).
    follows_page = True
    tally_fields = ("anchor", "moderation_state")

    def records(self):
        return Comment.objects.select_related("participant").order_by("pk")

    def records_of_page(self, page_id):
        return Comment.objects.filter(object_pk=str(page_id)).values_list("pk", flat=True)

    def builder(self):
        return partial(
            self.document, pages={}, describers=[factory() for factory in _ANCHOR_DESCRIBERS]
        )

    def still_public(self, object_ids):
        """Published now (not held, hidden or withheld), by a participant who is not
        blocked, on a page that is live and not private: one query, and Wagtail's one
        for its view restrictions."""
        public_pages = (
            Page.objects.live()
            .public()
            .annotate(key=Cast("pk", output_field=CharField()))
            .values("key")
        )
        comments = Comment.objects.filter(
            Q(participant__isnull=True) | Q(participant__blocked_at__isnull=True),
            pk__in=int_ids(object_ids),
            state=CommentState.PUBLISHED,
            object_pk__in=public_pages,
        )
        return {str(pk) for pk in comments.values_list("pk", flat=True)}

    def _page_facts(self, page_id, pages):
        if page_id not in pages:
            page = Page.objects.filter(pk=page_id).select_related("locale").first()
            page = page.specific if page else None
            pages[page_id] = {
                "page_title": page.title if page else "",
                "url": page.url if page and page.live else None,
                "locale": page.locale.language_code if page else "",
                "process_type": getattr(page, "process_type", ""),
                # A comment on a page that is not live is not public, whatever its state;
                # on a live one it has the page's own state (upcoming, open, closed).
                "status": (getattr(page, "state", "") if page and page.live else UNPUBLISHED),
                "page": page,
            }
        return pages[page_id]

    def _public_from(self, facts, widget_id, pages):
        """When the widget's results (its comments) are public: None if now."""
        key = (facts["page"] and facts["page"].pk, widget_id)
        if key not in pages:
            public_from = None
            if facts["page"] is not None:
                try:
                    block, value = find_widget(facts["page"], widget_id)
                except NotAWidget:
                    pass  # a widget an editor removed: its comments are no longer shown
                else:
                    public_from = results_public_from(
                        block, value, facts["page"], widget_id=widget_id
                    )
            pages[key] = public_from
        return pages[key]

    def document(self, comment, pages=None, describers=None):
        page_id = int(comment.object_pk)
        pages = {} if pages is None else pages
        if describers is None:
            describers = [factory() for factory in _ANCHOR_DESCRIBERS]
        facts = self._page_facts(page_id, pages)
        document = {
            "doc_type": self.name,
            "object_id": str(comment.pk),
            "page_id": page_id,
            "page_title": facts["page_title"],
            "consultation": str(comment.consultation),
            # Staff find only their municipalities' comments (staff/municipalities.py).
            "municipality": str(comment.municipality_id or ""),
            "widget": comment.widget,
            "anchor": comment.anchor,
            "text": comment.comment,
            "url": f"{facts['url']}#comment-{comment.pk}" if facts["url"] else None,
            "voter_group": comment.voter_group,
            "area": comment.area,
            "home_area": str(comment.home_area_id or ""),
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
        for describe in describers:
            described = describe(facts["page"], comment)
            if described:
                document.update(described)
                break
        public_from = self._public_from(facts, comment.widget, pages)
        if public_from is not None:
            document["public_from"] = public_from
        return document

    def tally(self, consultation=None):
        return comment_counts_by_anchor(consultation)
