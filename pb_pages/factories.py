"""Pages for tests and for host projects' tests: a municipality in a few lines."""

from datetime import timedelta

from wagtail.models import Locale, Page, Site

from consultation_blocks.timing import frozen_at, now

from .models import DebatePage, HomePage, PlatformHomePage, ProcessIndexPage
from .phases.models import Phase


def _thai():
    thai, _ = Locale.objects.get_or_create(language_code="th")
    Locale.objects.get_or_create(language_code="en")
    return thai


def make_platform(title="บอกเรา", slug="bokrao"):
    """A Thai platform front page that is the default site's root: municipalities made
    with make_home(platform=...) are under it, at /th/<slug>/."""
    platform = Page.get_first_root_node().add_child(
        instance=PlatformHomePage(title=title, slug=slug, locale=_thai())
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": platform, "hostname": "localhost", "port": 80}
    )
    return platform


def make_home(
    title="เทศบาลทดสอบ", slug="test-municipality", platform=None, hostname=None, **details
):
    """A Thai home page, with an English locale ready, and its municipality.

    Without `platform` it is the default site's root (one municipality, at /th/); with
    it, it is under the platform's front page (/th/<slug>/). With `hostname` it is also
    the root of a site of its own. `details` are the municipality's fields."""
    thai = _thai()
    parent = platform or Page.get_first_root_node()
    home = parent.add_child(instance=HomePage(title=title, slug=slug, locale=thai))
    if platform is None:
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
        )
    if hostname:
        Site.objects.create(hostname=hostname, port=80, root_page=home)
    if details:
        from consultation_blocks.municipalities.services import municipality_of

        municipality = municipality_of(home)
        for field, value in details.items():
            setattr(municipality, field, value)
        municipality.save()
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
    section, page_class=DebatePage, opens_in_days=-1, closes_in_days=30, phases=None, **fields
):
    """A published consultation. Without `phases` it has one listening phase from
    `opens_in_days` to `closes_in_days`; with `phases`, a list of (kind, starts in days,
    ends in days or None), it runs those phases in that order."""
    at = now()
    fields.setdefault("title", "การรับฟังความคิดเห็นทดสอบ")
    fields.setdefault("summary", "สรุปย่อ")
    page = page_class(
        opens_at=at + timedelta(days=opens_in_days),
        closes_at=at + timedelta(days=closes_in_days),
        **fields,
    )
    if phases:
        page.phases = [
            Phase(
                kind=kind,
                sort_order=position,
                starts_at=at + timedelta(days=starts),
                ends_at=None if ends is None else at + timedelta(days=ends),
            )
            for position, (kind, starts, ends) in enumerate(phases)
        ]
    return section.add_child(instance=page)


def in_phase(page, kind):
    """`with in_phase(page, "voting"):` the clock stands in the middle of that phase
    (the first of that kind), for everything that asks consultation_blocks.timing.now()."""
    for span in page.timeline().spans():
        if span.kind.key == kind and span.starts_at is not None:
            end = span.ends_at or span.starts_at + timedelta(days=2)
            return frozen_at(span.starts_at + (end - span.starts_at) / 2)
    raise ValueError(f"{page} has no phase {kind!r}")
