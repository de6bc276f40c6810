"""Which consultations a visitor sees where, in the visitor's language."""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.models import Page

from consultation_blocks.municipalities.models import in_visitor_language
from consultation_blocks.timing import WindowState, now, open_window_q, window_state

from .processes import PROCESS_DESCRIPTIONS, ProcessType

# What a visitor of a section can still act on comes first.
SECTION_ORDER = [WindowState.OPEN, WindowState.UPCOMING, WindowState.CLOSED]


def open_consultations_by_process(home, at=None):
    """For each process type in the seeds' order: its section and open consultations."""
    from .models import ConsultationPage, ProcessIndexPage

    at = at or now()
    sections = {
        section.process_type: section
        for section in ProcessIndexPage.objects.child_of(home).live().public()
    }
    consultations = (
        ConsultationPage.objects.descendant_of(home)
        .live()
        .public()
        .filter(open_window_q(at))
        .order_by("closes_at")
    )
    by_process = {process: [] for process in ProcessType}
    for consultation in consultations:
        by_process[consultation.process_type].append(consultation)
    return [
        {
            "type": process,
            "label": process.label,
            "description": PROCESS_DESCRIPTIONS[process],
            "section": sections.get(process),
            "consultations": by_process[process],
        }
        for process in ProcessType
    ]


def consultations_by_state(section, at=None):
    """A section's consultations: open ones closing soonest first, then upcoming, then closed."""
    from .models import ConsultationPage

    at = at or now()
    groups = {state: [] for state in SECTION_ORDER}
    for consultation in ConsultationPage.objects.child_of(section).live().public():
        groups[window_state(consultation.opens_at, consultation.closes_at, at)].append(consultation)
    # A consultation whose last phase has no end (a budget round's implementation) has
    # no closing date: it comes after those that close.
    groups[WindowState.OPEN].sort(
        key=lambda page: (page.closes_at is None, page.closes_at or at, page.pk)
    )
    groups[WindowState.UPCOMING].sort(key=lambda page: page.opens_at)
    groups[WindowState.CLOSED].sort(key=lambda page: page.closes_at, reverse=True)
    return [
        {"state": state, "label": state.label, "pages": groups[state]} for state in SECTION_ORDER
    ]


# How many of a municipality's open consultations the platform's front page names.
OPEN_SHOWN_PER_MUNICIPALITY = 3


def municipalities_by_province(platform, request=None, at=None, province=None):
    """The municipalities under the platform's front page, by province: each with the
    title and address of its home page (in the front page's language), its number of
    open consultations and the few closing soonest (title and address).

    Four queries whatever the number of municipalities: the home pages, their
    municipalities, the counts and the few. A consultation's municipality is the home
    page its path begins with: home pages sit one level below the front page, so the
    first `steplen * (depth + 1)` characters of a path name the home page above it.
    Rows, not page objects, and each address is the front page's followed by the rest
    of the page's url_path: a thousand municipalities are a thousand rows, not a thousand
    pages built and routed back to their URLs (bench/municipalities.py).

    With `province` (its Thai name), the municipalities of that province only.
    """
    from consultation_blocks.municipalities.models import Municipality

    from .models import ConsultationPage, HomePage

    at = at or now()
    base_url, base_path = platform.get_url(request), platform.url_path

    def address(url_path):
        return base_url + url_path[len(base_path) :]

    home_pages = HomePage.objects.child_of(platform).live().public()
    if province is not None:
        home_pages = home_pages.filter(
            translation_key__in=Municipality.objects.filter(province=province).values(
                "home_page__translation_key"
            )
        )
    homes = {
        home["path"]: home
        for home in home_pages.order_by("path").values(
            "path", "title", "url_path", "translation_key"
        )
    }
    municipalities = {
        municipality.home_key: municipality
        for municipality in Municipality.objects.filter(
            home_page__translation_key__in=[home["translation_key"] for home in homes.values()]
        ).annotate(home_key=F("home_page__translation_key"))
    }
    home_path = Substr("path", 1, Page.steplen * (platform.depth + 1))
    open_pages = (
        ConsultationPage.objects.descendant_of(platform)
        .live()
        .public()
        .filter(open_window_q(at))
        .annotate(home_path=home_path)
    )
    if province is not None:
        open_pages = open_pages.filter(home_path__in=list(homes))
    counts = dict(
        open_pages.order_by()
        .values("home_path")
        .annotate(n=Count("pk"))
        .values_list("home_path", "n")
    )
    shown = {path: [] for path in homes}
    soonest = (
        open_pages.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[home_path],
                order_by=[F("closes_at").asc(nulls_last=True), F("pk").asc()],
            )
        )
        .filter(rank__lte=OPEN_SHOWN_PER_MUNICIPALITY)
        .values("home_path", "rank", "title", "url_path")
    )
    for consultation in soonest:
        if consultation["home_path"] in shown:
            shown[consultation["home_path"]].append(consultation)

    provinces = {}
    for path, home in homes.items():
        municipality = municipalities.get(home["translation_key"])
        if municipality is None:  # a home page whose municipality was deleted
            continue
        consultations = sorted(shown[path], key=lambda row: row["rank"])
        provinces.setdefault(municipality.province_name, []).append(
            {
                "municipality": municipality,
                "title": home["title"],
                "url": address(home["url_path"]),
                "open_count": counts.get(path, 0),
                "open_consultations": [
                    {"title": row["title"], "url": address(row["url_path"])}
                    for row in consultations
                ],
            }
        )
    return [
        {
            "province": province,
            "municipalities": sorted(entries, key=lambda entry: entry["municipality"].display_name),
        }
        for province, entries in sorted(provinces.items())
    ]


def provinces_of(platform, at=None):
    """The provinces of the platform's municipalities, each with how many municipalities
    and open consultations it has: the front page's list once the municipalities are too
    many for one page (7,850 local authorities would be megabytes on a phone). Three
    queries whatever the number: home pages, their municipalities, open consultations
    counted per home page."""
    from consultation_blocks.municipalities.models import Municipality

    from .models import ConsultationPage, HomePage

    at = at or now()
    keys = dict(
        HomePage.objects.child_of(platform).live().public().values_list("path", "translation_key")
    )
    provinces = {}
    province_of_key = {}
    for key, thai, english in Municipality.objects.filter(
        home_page__translation_key__in=list(keys.values())
    ).values_list("home_page__translation_key", "province", "province_en"):
        province_of_key[key] = thai
        entry = provinces.setdefault(
            thai, {"province": thai, "name": in_visitor_language(thai, english), "count": 0}
        )
        entry["count"] += 1
        entry["open_count"] = 0
    home_path = Substr("path", 1, Page.steplen * (platform.depth + 1))
    counted = (
        ConsultationPage.objects.descendant_of(platform)
        .live()
        .public()
        .filter(open_window_q(at))
        .annotate(home_path=home_path)
        .order_by()
        .values("home_path")
        .annotate(n=Count("pk"))
        .values_list("home_path", "n")
    )
    for path, n in counted:
        thai = province_of_key.get(keys.get(path))
        if thai is not None:
            provinces[thai]["open_count"] += n
    return sorted(provinces.values(), key=lambda entry: entry["name"])
