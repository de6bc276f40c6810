"""A copy of everything the site holds about a participant (PDPA right of access).

`my_data` builds plain data from every registered holder (registry.py); the view in
views.py sends it as a JSON file. Nothing of another person goes in: not the text or
author of a comment they reacted to, not the staff member who entered a vote for them.
The helpers below are shared by the holders' sections.
"""

from django.utils import timezone
from wagtail.models import Page

from ..timing import now
from ..widgets.blocks import NotAWidget, find_widget
from .registry import HOLDERS, item_title, person_of


def when(value):
    """A date and time as ISO 8601 in the site's time zone (machines read it, people too)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


class Pages:
    """Titles, addresses and widgets of the pages a participant took part on, looked up once.

    A section loads the pages of its records first (`load`), so that a download costs
    the same queries however many pages the participant took part on.
    """

    def __init__(self, request=None):
        self.request = request
        self.pages = {}
        self.widgets = {}

    def load(self, page_ids):
        """Look up the pages among `page_ids` not seen yet: one query, and one per page type."""
        missing = {page_id for page_id in page_ids if page_id and page_id not in self.pages}
        if missing:
            found = {page.pk: page for page in Page.objects.filter(pk__in=missing).specific()}
            for page_id in missing:
                self.pages[page_id] = found.get(page_id)  # None: deleted by an editor

    def page(self, page_id):
        if page_id not in self.pages:
            page = Page.objects.filter(pk=page_id).first() if page_id else None
            self.pages[page_id] = page.specific if page else None
        return self.pages[page_id]

    def describe(self, page_id, fragment=""):
        page = self.page(page_id)
        if page is None:
            return {"title": None, "url": None}  # the page was deleted by an editor
        url = None
        if page.live:
            url = page.get_full_url(self.request) + fragment
        return {"title": page.title, "url": url}

    def widget(self, page_id, widget_id):
        """(question, {option key: label}) of a widget, or (None, {}) if it is gone."""
        key = (page_id, widget_id)
        if key not in self.widgets:
            page = self.page(page_id)
            try:
                block, value = find_widget(page, widget_id) if page else (None, None)
            except NotAWidget:
                block = None
            if block is None:
                self.widgets[key] = (None, {})
            else:
                options = {key: str(label) for key, label in block.choices(value)}
                # A widget of an item (a proposal) is described by the item's title.
                question = item_title(page, widget_id) or value.get("question")
                self.widgets[key] = (question, options)
        return self.widgets[key]


def counted_as(record):
    """Who the participant was when they voted or wrote: results are split by these."""
    return {
        "voter_group": record.get_voter_group_display(),
        "area": record.get_area_display(),
        "verification_level": record.get_verification_level_display(),
    }


def on_site(record):
    return {
        # Who on the staff entered it is the staff member's data, not the participant's.
        "entered_on_site_by_staff": bool(record.entered_by_id or record.entered_at_place),
        "place": record.entered_at_place,
    }


def my_data(user, request=None):
    """Everything the site holds about `user` and their participant, as plain data for JSON.

    One section per registered holder, in their order. Labels are in the active
    language; dates are ISO 8601 in the site's time zone.
    """
    person = person_of(user)
    pages = Pages(request)
    data = {"exported_at": when(now())}
    for holder in HOLDERS:
        data[holder.name] = holder.export(person, pages)
    return data
