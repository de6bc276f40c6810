"""Pages for tests and for host projects' tests: a municipality in a few lines."""

from datetime import timedelta

from wagtail.models import Locale, Page, Site

from consultation_blocks.timing import now

from .models import DebatePage, HomePage, ProcessIndexPage


def make_home(title="เทศบาลทดสอบ", slug="test-municipality"):
    """A Thai home page that is the default site's root, with an English locale ready."""
    thai, _ = Locale.objects.get_or_create(language_code="th")
    Locale.objects.get_or_create(language_code="en")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=title, slug=slug, locale=thai)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    return home


def make_section(home, process_type="debate", title=None, slug=None):
    return home.add_child(
        instance=ProcessIndexPage(
            title=title or f"หมวด {process_type}",
            slug=slug or process_type,
            process_type=process_type,
            show_in_menus=True,
        )
    )


def make_consultation(
    section, page_class=DebatePage, opens_in_days=-1, closes_in_days=30, **fields
):
    at = now()
    fields.setdefault("title", "การรับฟังความคิดเห็นทดสอบ")
    fields.setdefault("summary", "สรุปย่อ")
    page = page_class(
        opens_at=at + timedelta(days=opens_in_days),
        closes_at=at + timedelta(days=closes_in_days),
        **fields,
    )
    return section.add_child(instance=page)
