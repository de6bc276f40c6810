"""A municipality joins the platform: its part of the page tree, its staff groups, its
hostname. One function, used by the management command, the admin's form and the demo.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Locale, Page, Site

from consultation_blocks.conf import host_setting
from consultation_blocks.municipalities.models import Area
from consultation_blocks.municipalities.services import ensure_for_home_page
from consultation_blocks.staff import permissions as staff

from .models import HomePage, PlatformHomePage, ProcessIndexPage
from .processes import PROCESS_DESCRIPTIONS, ProcessType
from .slugs import ASCII_SLUG

PLATFORM_SLUG = "bokrao"
PLATFORM_TITLE = {"th": "บอกเรา ถึงรัฐ", "en": "Bokrao: tell us, to the state"}
PLATFORM_INTRO = {
    "th": "ร่วมแสดงความคิดเห็น เสนอโครงการ และลงคะแนนเสียงกับท้องถิ่นของท่าน",
    "en": "Comment, propose projects and vote with your local government.",
}

# The sections every new municipality starts with, in the seeds' order (their slugs as
# in the demo, so that the address of a debate reads the same everywhere).
SECTION_SLUGS = {
    ProcessType.DEBATE: "debates",
    ProcessType.PROPOSALS: "proposals",
    ProcessType.VOTE: "votes",
    ProcessType.LEGISLATION: "draft-regulations",
    ProcessType.BUDGET: "budget",
}

# The staff groups of a municipality: (key, name, Django permissions, page permissions
# on its home page). Editors write and publish; moderators handle the comment queue;
# report readers read the participation reports of the municipality's pages only (the
# view permission on the home page is what ties the report permission to them).
ROLES = [
    # Editors also keep the municipality's details and areas (its settings screen), and
    # review, answer and feature its citizens' proposals.
    (
        "editors",
        _("editors"),
        [staff.CHANGE_MUNICIPALITY, staff.REVIEW_PROPOSALS],
        ["add_page", "change_page", "publish_page"],
    ),
    ("moderators", _("moderators"), [staff.MODERATE], []),
    ("report_readers", _("report readers"), [staff.SEE_REPORTS], ["view_page"]),
    # The office: people who take part at the counter or a meeting, and the register.
    ("office", _("office staff"), [staff.ENTER_ON_SITE, staff.UPLOAD_REGISTER], []),
]
ACCESS_ADMIN = "wagtailadmin.access_admin"


class MunicipalityExists(ValueError):
    pass


def _locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def _publish(page):
    page.save_revision().publish()
    return page


def _translated(page, locale, **fields):
    """`page` in `locale` (made now, as a published copy, when missing), with `fields`."""
    found = page.get_translations().filter(locale=locale).first()
    if found is not None:
        return found.specific
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    return _publish(copy)


def platform_home():
    """The platform's front page in the first language, made when missing.

    A new front page becomes the default site's root unless that root is a
    municipality's home page already (an install from before there were many
    municipalities keeps its address; its new municipalities need a hostname)."""
    first = _locale(host_setting("LANGUAGE_CODE"))
    platform = PlatformHomePage.objects.filter(locale=first).first()
    if platform is None:
        platform = Page.get_first_root_node().add_child(
            instance=PlatformHomePage(
                title=PLATFORM_TITLE["th"],
                slug=PLATFORM_SLUG,
                intro=PLATFORM_INTRO["th"],
                locale=first,
            )
        )
        _publish(platform)
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=platform,
                is_default_site=True,
                site_name="บอกเรา",
            )
        elif not isinstance(site.root_page.specific, HomePage):
            previous = site.root_page
            site.root_page = platform
            site.save()
            # Wagtail's migrations leave a "Welcome to Wagtail" page: the platform replaces it.
            if previous.specific_class is Page and previous.depth > 1 and previous.is_leaf():
                previous.delete()
    for code, _name in host_setting("LANGUAGES"):
        if code != first.language_code and code in PLATFORM_TITLE:
            _translated(
                platform, _locale(code), title=PLATFORM_TITLE[code], intro=PLATFORM_INTRO[code]
            )
    return platform


def create_municipality(
    name,
    name_en,
    province,
    province_en,
    kind,
    slug,
    hostname=None,
    areas=(),
    intro="",
    intro_en="",
):
    """A new municipality on the platform, all at once or not at all: its Thai home page
    under the platform's front page and the English translation, one section per
    process, its editors', moderators' and report readers' groups, its areas (dicts of
    Area fields) and, with `hostname`, a site of its own whose root is its home page."""
    if not ASCII_SLUG.match(slug):
        raise ValueError(f"{slug!r}: use Latin letters, digits and hyphens")
    with transaction.atomic():
        platform = platform_home()
        if platform.get_children().filter(slug=slug).exists():
            raise MunicipalityExists(slug)
        thai, english = _locale("th"), _locale("en")
        home = _publish(
            platform.add_child(instance=HomePage(title=name, slug=slug, intro=intro, locale=thai))
        )
        details = {
            "name": name,
            "name_en": name_en,
            "province": province,
            "province_en": province_en,
            "kind": kind,
        }
        municipality = describe_municipality(home, **details)
        _translated(home, english, title=name_en or name, intro=intro_en or intro)

        for process in ProcessType:
            section = {}
            for locale in (thai, english):
                with translation.override(locale.language_code):
                    section[locale.language_code] = {
                        "title": str(process.label),
                        "intro": f"<p>{PROCESS_DESCRIPTIONS[process]}</p>",
                    }
            page = _publish(
                home.add_child(
                    instance=ProcessIndexPage(
                        slug=SECTION_SLUGS[process],
                        process_type=process,
                        show_in_menus=True,
                        locale=thai,
                        **section["th"],
                    )
                )
            )
            _translated(page, english, **section["en"])

        make_staff_groups(municipality, home)
        for area in areas:
            Area.objects.create(municipality=municipality, **area)
        if hostname:
            Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name[:255])
    return municipality


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def describe_municipality(home, **details):
    """The municipality of `home` with `details` (Municipality fields) saved on it."""
    municipality = ensure_for_home_page(home, **details)
    # Saving the home page made the municipality with its title only: now its details.
    for field, value in details.items():
        setattr(municipality, field, value)
    municipality.save()
    return municipality


def make_staff_groups(municipality, home):
    """Its editors', moderators' and report readers' groups, with their permissions on
    its home page and below."""
    access_admin = _permission(ACCESS_ADMIN)
    with translation.override(host_setting("LANGUAGE_CODE")):
        for _key, role, permissions, page_permissions in ROLES:
            group = Group.objects.create(name=_group_name(municipality, role))
            group.permissions.add(access_admin, *[_permission(name) for name in permissions])
            for codename in page_permissions:
                GroupPagePermission.objects.create(
                    group=group, page=home, permission=_permission(f"wagtailcore.{codename}")
                )
            municipality.staff_groups.add(group)


def _group_name(municipality, role):
    # Named after the municipality, with its province: Thailand has many a
    # เทศบาลตำบลบ้านใหม่, and a group's name is unique.
    return f"{municipality.name} ({municipality.province}): {role}"[:150]


def staff_group(municipality, key):
    """The municipality's group for role `key` ("editors", "moderators", "report_readers")."""
    with translation.override(host_setting("LANGUAGE_CODE")):
        role = {found: str(name) for found, name, *_rest in ROLES}[key]
        return municipality.staff_groups.get(name=_group_name(municipality, role))
