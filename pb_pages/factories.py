"""Pages for tests and for host projects' tests: a municipality in a few lines."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from consultation_blocks.timing import frozen_at, now

from .models import DebatePage, HomePage, PlatformHomePage, ProcessIndexPage
from .phases.models import Phase


def _thai():
    thai, _ = Locale.objects.get_or_create(language_code="th")
    Locale.objects.get_or_create(language_code="en")
    return thai


def tree_root():
    """The page tree's root. A migration made it, but a transactional test empties every
    table when it ends: the next one to make pages puts it back first. The flush made the
    content types again under new ids, so the ids this process cached are forgotten."""
    root = Page.get_first_root_node()
    if root is None:
        ContentType.objects.clear_cache()
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=_thai()))
    return root


def make_platform(title="บอกเรา", slug="bokrao"):
    """A Thai platform front page that is the default site's root: municipalities made
    with make_home(platform=...) are under it, at /th/<slug>/."""
    platform = tree_root().add_child(
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
    parent = platform or tree_root()
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


def _insert_pages(pages):
    """Insert already-placed pages (path, depth, url_path and id set) of one class in
    bulk, table by table up their class chain: Django's bulk_create refuses multi-table
    models, and treebeard's add_child costs several queries a page."""
    from django.contrib.contenttypes.models import ContentType

    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    for page in pages:
        page.content_type = content_type
    chain = [model, *[parent for parent in model._meta.get_parent_list()]]
    for cls in reversed(chain):
        fields = [field for field in cls._meta.local_concrete_fields]
        cls._base_manager._insert(pages, fields=fields, raw=True)


def bulk_municipalities(platform, count, consultations=1, start=0, open_every=1):
    """`count` municipalities under `platform`, each with a debate section holding
    `consultations` debates (every `open_every`-th open, the others closed), in a handful
    of queries per thousand pages: for the scale test and bench/municipalities.py.

    Thai pages only, published, without revisions or search index entries; the
    municipalities get their name and a province (ten provinces in turn)."""
    import uuid

    from consultation_blocks.municipalities.models import Municipality

    from .demo_content import _comments_widget, _p

    at = now()
    thai = platform.locale
    steplen = Page.steplen
    last = platform.get_last_child()
    first_step = Page._str2int(last.path[-steplen:]) + 1 if last else 1
    next_id = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    body = DebatePage(body=[("paragraph", _p("ร่วมแสดงความคิดเห็น")), _comments_widget()]).body

    def place(page, parent_path, parent_url, depth, step, slug):
        nonlocal next_id
        # Every table of the chain gets the same id: Page's own and each parent link.
        page.id = page.page_ptr_id = next_id
        next_id += 1
        page.path = parent_path + Page._int2str(step).rjust(steplen, "0")
        page.depth, page.slug = depth, slug
        page.url_path = f"{parent_url}{slug}/"
        page.locale = thai
        page.translation_key = uuid.uuid4()
        page.live, page.has_unpublished_changes = True, False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = at
        return page

    homes, sections, debates = [], [], []
    for number in range(start, start + count):
        slug = f"m{number}"
        home = place(
            HomePage(title=f"เทศบาลตำบลทดสอบ {number}", numchild=1),
            platform.path,
            platform.url_path,
            platform.depth + 1,
            first_step + number - start,
            slug,
        )
        homes.append(home)
        section = place(
            ProcessIndexPage(
                title="การอภิปราย", process_type="debate", show_in_menus=True, numchild=consultations
            ),
            home.path,
            home.url_path,
            home.depth + 1,
            1,
            "debates",
        )
        sections.append(section)
        for position in range(consultations):
            opened = position % open_every == 0
            debate = place(
                DebatePage(
                    title=f"การรับฟังความคิดเห็น {number}-{position}",
                    summary="สรุปย่อ",
                    process_type="debate",
                    opens_at=at - timedelta(days=10),
                    closes_at=at + timedelta(days=(30 + position) if opened else -1),
                    body=body,
                    numchild=0,
                ),
                section.path,
                section.url_path,
                section.depth + 1,
                position + 1,
                f"d{position}",
            )
            debate.consultationpage_ptr_id = debate.id
            debates.append(debate)
    for batch in (homes, sections, debates):
        for begin in range(0, len(batch), 300):  # within SQLite's variables per query
            _insert_pages(batch[begin : begin + 300])
    Phase.objects.bulk_create(
        [
            Phase(
                page_id=debate.id,
                kind="listening",
                sort_order=0,
                starts_at=debate.opens_at,
                ends_at=debate.closes_at,
            )
            for debate in debates
        ],
        batch_size=1000,
    )
    Municipality.objects.bulk_create(
        [
            Municipality(
                home_page_id=home.pk,
                name=home.title,
                province=f"จังหวัดทดสอบ {number % 10}",
            )
            for number, home in zip(range(start, start + count), homes, strict=True)
        ],
        batch_size=1000,
    )
    # treebeard's own count reads numchild, which is what is being set here.
    children = Page.objects.filter(path__startswith=platform.path, depth=platform.depth + 1)
    Page.objects.filter(pk=platform.pk).update(numchild=children.count())
    platform.refresh_from_db()
    return homes


def make_call(section, categories=None, phases=None, **fields):
    """A published call for proposals, collecting proposals (and supports) from yesterday
    for 30 days unless `phases` says otherwise. `categories` maps a category's fixed id to
    its label."""
    import json

    from .models import ProposalIndexPage

    categories = categories or {"roads": "ถนนและทางเท้า", "water": "น้ำและการระบายน้ำ"}
    fields.setdefault("title", "ข้อเสนอของชาวบ้าน")
    return make_consultation(
        section,
        ProposalIndexPage,
        phases=phases or [("proposals", -1, 30)],
        categories=json.dumps(
            [{"type": "category", "value": label, "id": key} for key, label in categories.items()]
        ),
        **fields,
    )


def make_draft(section, text, user=None, publish=True, **fields):
    """A published draft regulation with `text` (raw stream data, see
    consultation_blocks/drafts/factories.py), its hearing open now (unless `phases` say
    otherwise) and, with `publish`, its version 1 published."""
    from consultation_blocks.drafts import versions

    from .models import DraftRegulationPage

    fields.setdefault("title", "ร่างเทศบัญญัติทดสอบ")
    fields.setdefault("phases", [("hearing", -1, 20)])
    page = make_consultation(section, page_class=DraftRegulationPage, text=text, **fields)
    if publish:
        versions.publish_version(page, user, "ฉบับแรก")
    return page


def make_round(section, parts=None, total_money=None, **fields):
    """A published budget round. `parts` is raw stream data (budgeting/factories.py's
    part() and group()); by default three areas of 1,000, 2,000 and 3,000 baht; the money
    is theirs unless `total_money` says more. Its ballot runs now unless `phases` say
    otherwise (budgeting/factories.BALLOTING_NOW)."""
    from consultation_blocks.budgeting import factories as budget

    from .models import BudgetRoundPage

    parts = parts or [
        budget.part("north", "ชุมชนเหนือ", 1000),
        budget.part("south", "ชุมชนใต้", 2000),
        budget.part("east", "ชุมชนตะวันออก", 3000),
    ]
    if total_money is None:
        total_money = sum(_money_of(item) for item in parts)
    fields.setdefault("title", "งบประมาณแบบมีส่วนร่วม ๒๕๗๐")
    fields.setdefault("phases", budget.BALLOTING_NOW)
    return make_consultation(
        section, BudgetRoundPage, parts=parts, total_money=total_money, **fields
    )


def _money_of(item):
    if item["type"] == "part":
        return item["value"]["money"]
    return sum(_money_of(child) for child in item["value"]["parts"])
