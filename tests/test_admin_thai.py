"""The Wagtail admin reads in Thai for an editor whose admin language is Thai.

Wagtail's own Thai catalogue leaves most of the admin in English; the gaps are
filled by theme/admin_locale (LOCALE_PATHS). These tests open the screens
communications staff use every day and fail if any text on them is still the
English msgid of a Wagtail or wagtail-localize catalogue message.
"""

import ast
import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail
import wagtail.admin
import wagtail_localize
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

import theme
from consultation_blocks.budgeting.factories import make_project
from pb_pages.factories import make_round, make_section
from pb_pages.models import DebatePage, HomePage, ProcessIndexPage

pytestmark = pytest.mark.django_db

OUR_CATALOGUE = Path(theme.ADMIN_LOCALE_DIR) / "th" / "LC_MESSAGES"

# English msgids that are also correct Thai interface text.
SAME_IN_THAI = {
    "Wagtail": "product name, kept in Latin letters",
    "URL": "technical term Thai editors use as is",
    "ID": "technical term Thai editors use as is",
    "CSV": "file format",
    "XLSX": "file format",
    "JSON": "file format",
}

# English that Wagtail puts on screen without going through a catalogue at
# render time: no LOCALE_PATHS catalogue can change it, so it is reported
# upstream instead of failing here. Each excuse is limited to where the text
# comes from: (screens or None for any screen, "text"/"hidden text"/"attribute"
# or None for any, the English, why).
_IMPORT_TIME = (
    "built with gettext() (not gettext_lazy) when the module is imported, "
    "before any request activates a language"
)


def _upstream(why, *texts, screens=None, kind=None):
    return [(screens, kind, text, why) for text in texts]


NOT_TRANSLATABLE_UPSTREAM = [
    *_upstream(
        'wagtailadmin/home.html and shared/header.html hard-code value="Search" on the '
        "screen-reader-only submit button of the search form",
        "Search",
        kind="attribute",
    ),
    *_upstream(
        'wagtailadmin/shared/headers/_actions.html hard-codes aria-label="Actions"',
        "Actions",
        kind="attribute",
    ),
    *_upstream(
        "wagtailadmin/shared/side_panel_toggle.html prints an unset counter as None inside "
        "the hidden counter of a side panel button; scripts replace it",
        "None",
        kind="hidden text",
    ),
    *_upstream(
        "wagtail.admin.forms.auth.LoginForm.password has no label, so Django derives "
        "'Password' from the field name",
        "Password",
        screens={"login"},
    ),
    *_upstream(
        "the 'Search' tab label of wagtail/admin/viewsets/chooser.py is " + _IMPORT_TIME,
        "Search",
        screens={"image chooser", "document chooser"},
    ),
    *_upstream(
        "the collection field and collection permission labels of "
        "wagtail/admin/forms/collections.py and wagtail/images/forms.py are " + _IMPORT_TIME,
        "Collection",
        "Add",
        "Edit",
        "Delete",
        "Choose",
        "Add collections",
        "Edit collections",
        "Delete collections",
        "Add/edit images you own",
        "Edit any image",
        "Select images in choosers",
        screens={"group editor"},
    ),
    *_upstream(
        "wagtail.users.forms.PagePermissionsForm.page has no label, so Django derives 'Page' "
        "from the field name",
        "Page",
        screens={"group editor"},
    ),
    *_upstream(
        "wagtail.models.Locale has no verbose_name, so its content type is named 'locale' "
        "without gettext",
        "Locale",
        screens={"group editor"},
    ),
    *_upstream(
        "the filters of wagtail/contrib/redirects/filters.py are " + _IMPORT_TIME,
        "Type",
        "Permanent",
        "Temporary",
        "All",
        screens={"redirects"},
    ),
]


def _excused(screen, kind, text):
    return any(
        (screens is None or screen in screens)
        and (excused_kind is None or excused_kind == kind)
        and excused_text == text
        for screens, excused_kind, excused_text, _why in NOT_TRANSLATABLE_UPSTREAM
    )


# --- the English interface strings ------------------------------------------

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def _po_entries(path):
    """Entries of a .po file as dicts of keyword -> text (stdlib only)."""
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")):
        entry, key = {}, None
        for line in block.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            match = _KEYWORD.match(line)
            if match:
                key = match[1]
                entry[key] = ast.literal_eval(match[2])
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        if entry.get("msgid"):
            yield entry


def _normalise(text):
    return " ".join(text.split())


def _english_catalogue_files():
    for package in (wagtail, wagtail_localize):
        yield from Path(package.__file__).parent.glob("**/locale/en/LC_MESSAGES/*.po")


def _english_msgids():
    msgids = set()
    for path in _english_catalogue_files():
        for entry in _po_entries(path):
            for key in ("msgid", "msgid_plural"):
                if entry.get(key):
                    msgids.add(_normalise(entry[key]))
    return msgids


_PLACEHOLDER = re.compile(r"%\([a-zA-Z_0-9]+\)[sdif]|%[sdif]|\{[a-zA-Z_0-9]*\}")


def _msgid_patterns(msgids):
    """Msgids with placeholders (no markup) as regexes over one text node.

    Only those with enough literal English to identify the message, so that a
    bare "%(label)s:" does not match every label on the screen.
    """
    patterns = []
    for msgid in msgids:
        if not _PLACEHOLDER.search(msgid) or "<" in msgid:
            continue
        literal = _PLACEHOLDER.sub("", msgid)
        if len(re.findall(r"[A-Za-z]{3,}", literal)) < 2:
            continue
        parts = [re.escape(part) for part in _PLACEHOLDER.split(msgid)]
        patterns.append((msgid, re.compile(r"\s*(?:.+?)\s*".join(parts) + r"\Z", re.S)))
    return patterns


ENGLISH_MSGIDS = _english_msgids()
ENGLISH_PATTERNS = _msgid_patterns(ENGLISH_MSGIDS)


# --- what a person sees on a screen -----------------------------------------


class VisibleText(HTMLParser):
    """What a person gets from a screen: text nodes outside <script>, <style>
    and <template>, and the texts browsers show or read out from attributes
    (placeholders, button values, tooltips, labels for screen readers,
    alternative texts).

    Elements marked `hidden` count: Wagtail's scripts reveal them (editor tabs,
    dropdowns, counters), so their text is reported as "hidden text"."""

    HIDDEN_TAGS = {"script", "style", "template"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
    SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "data-w-tooltip-content-value")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, hides its content, marked hidden)
        self.texts = []  # (kind, text): "text", "hidden text" or "attribute"

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        hides = tag in self.HIDDEN_TAGS
        if not self._hidden() and not hides:
            for name in self.SHOWN_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(("attribute", attributes[name]))
            if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
                if attributes.get("value"):
                    self.texts.append(("attribute", attributes["value"]))
        if tag not in self.VOID:
            self.stack.append((tag, hides, "hidden" in attributes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if any(entry[0] == tag for entry in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not self._hidden():
            marked = any(entry[2] for entry in self.stack)
            self.texts.append(("hidden text" if marked else "text", data))

    def _hidden(self):
        return any(entry[1] for entry in self.stack)


def visible_texts(html):
    """(kind, text) pairs, whitespace collapsed, empty ones dropped."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return [(kind, _normalise(text)) for kind, text in parser.texts if _normalise(text)]


def untranslated(html, screen=None):
    """The texts of a screen that are still the English of a Wagtail message."""
    found = []
    for kind, text in visible_texts(html):
        if text in SAME_IN_THAI or _excused(screen, kind, text):
            continue
        if text in ENGLISH_MSGIDS:
            found.append(text)
            continue
        for msgid, pattern in ENGLISH_PATTERNS:
            if pattern.match(text):
                found.append(f"{text}  [msgid: {msgid}]")
                break
    return found


# --- fixtures ------------------------------------------------------------------


@pytest.fixture
def thai_editor(db):
    user = get_user_model().objects.create_superuser(
        username="somchai",
        email="somchai@saensuk.go.th",
        password="รหัสผ่านทดสอบ",
        first_name="สมชาย",
        last_name="ใจดี",
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "th"
    profile.save()
    return user


@pytest.fixture
def client_th(client, thai_editor):
    client.force_login(thai_editor)
    return client


@pytest.fixture
def pages(db, thai_editor):
    Locale.objects.get_or_create(language_code="th")
    Locale.objects.get_or_create(language_code="en")  # something to translate into
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="เทศบาลเมืองแสนสุข", slug="saensuk"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "site_name": "เทศบาลเมืองแสนสุข"},
    )
    index = home.add_child(
        instance=ProcessIndexPage(title="เวทีรับฟังความคิดเห็น", slug="debates", process_type="debate")
    )
    now = timezone.now()
    debate = index.add_child(
        instance=DebatePage(
            title="ปรับปรุงสวนสาธารณะริมหาด",
            slug="beach-park",
            summary="ร่วมเสนอความเห็นต่อแผนปรับปรุงสวนสาธารณะริมหาดบางแสน",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
        )
    )
    for page in (home, index, debate):
        page.save_revision(user=thai_editor).publish(user=thai_editor)
    budget = make_section(home, "budget", title="งบประมาณแบบมีส่วนร่วม", slug="budget")
    budget_round = make_round(budget, slug="round-2570")
    project = make_project(budget_round, "north", "ลานกีฬาชุมชน", 800, selected=True)
    return {
        "root": root,
        "home": home,
        "index": index,
        "debate": debate,
        "round": budget_round,
        "project": project,
    }


@pytest.fixture
def media(db, thai_editor):
    image = get_image_model().objects.create(
        title="ภาพหาดบางแสน", file=get_test_image_file(), uploaded_by_user=thai_editor
    )
    document = get_document_model().objects.create(
        title="ประกาศเทศบาล", uploaded_by_user=thai_editor
    )
    document.file.save("prakat.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    group = Group.objects.get(name="Editors")
    group.name = "บรรณาธิการ"
    group.save()
    yield {
        "image": image,
        "document": document,
        "editor": thai_editor,
        "group": group,
        "thai": Locale.objects.get(language_code="th"),
    }
    image.file.delete(save=False)
    document.file.delete(save=False)


# The screens the brief names, then the rest of a communications officer's day.
# Each builds its URL from the fixtures; modal choosers answer with JSON whose
# "html" is the dialog.
SCREENS = {
    "dashboard": lambda p, m: reverse("wagtailadmin_home"),
    "explorer of the root page": lambda p, m: reverse("wagtailadmin_explore_root"),
    "explorer of a page with children": lambda p, m: reverse(
        "wagtailadmin_explore", args=[p["home"].id]
    ),
    "explorer of a process section": lambda p, m: reverse(
        "wagtailadmin_explore", args=[p["index"].id]
    ),
    "page editor": lambda p, m: reverse("wagtailadmin_pages:edit", args=[p["debate"].id]),
    "page editor of a section": lambda p, m: reverse(
        "wagtailadmin_pages:edit", args=[p["index"].id]
    ),
    "add subpage (type chooser)": lambda p, m: reverse(
        "wagtailadmin_pages:add_subpage", args=[p["home"].id]
    ),
    "create page": lambda p, m: reverse(
        "wagtailadmin_pages:add", args=["bokrao_pages", "debatepage", p["index"].id]
    ),
    "image library": lambda p, m: reverse("wagtailimages:index"),
    "document library": lambda p, m: reverse("wagtaildocs:index"),
    "cookie consent settings": lambda p, m: "/admin/settings/bokrao_theme/cookieconsentsettings/",
    "account": lambda p, m: reverse("wagtailadmin_account"),
    # Publishing, history and moderation.
    "page history": lambda p, m: reverse("wagtailadmin_pages:history", args=[p["debate"].id]),
    "page revisions compare": lambda p, m: reverse(
        "wagtailadmin_pages:revisions_compare", args=[p["debate"].id, "earliest", "latest"]
    ),
    "page move": lambda p, m: reverse("wagtailadmin_pages:move", args=[p["debate"].id]),
    "page copy": lambda p, m: reverse("wagtailadmin_pages:copy", args=[p["debate"].id]),
    "page delete": lambda p, m: reverse("wagtailadmin_pages:delete", args=[p["index"].id]),
    "page unpublish": lambda p, m: reverse("wagtailadmin_pages:unpublish", args=[p["debate"].id]),
    "page search": lambda p, m: reverse("wagtailadmin_pages:search") + "?q=สวน",
    "workflows": lambda p, m: reverse("wagtailadmin_workflows:index"),
    "workflow tasks": lambda p, m: reverse("wagtailadmin_workflows:task_index"),
    "report: locked pages": lambda p, m: reverse("wagtailadmin_reports:locked_pages"),
    "report: aging pages": lambda p, m: reverse("wagtailadmin_reports:aging_pages"),
    "report: site history": lambda p, m: reverse("wagtailadmin_reports:site_history"),
    "report: workflows": lambda p, m: reverse("wagtailadmin_reports:workflow"),
    "report: page types": lambda p, m: reverse("wagtailadmin_reports:page_types_usage"),
    # Choosers.
    "page chooser": lambda p, m: reverse("wagtailadmin_choose_page"),
    "page chooser, one level down": lambda p, m: reverse(
        "wagtailadmin_choose_page_child", args=[p["home"].id]
    ),
    "external link chooser": lambda p, m: reverse("wagtailadmin_choose_page_external_link"),
    "image chooser": lambda p, m: reverse("wagtailimages_chooser:choose"),
    "document chooser": lambda p, m: reverse("wagtaildocs_chooser:choose"),
    "embed chooser": lambda p, m: reverse("wagtailembeds:chooser"),
    # Media.
    "image editor": lambda p, m: reverse("wagtailimages:edit", args=[m["image"].id]),
    "image upload": lambda p, m: reverse("wagtailimages:add_multiple"),
    "document editor": lambda p, m: reverse("wagtaildocs:edit", args=[m["document"].id]),
    "document upload": lambda p, m: reverse("wagtaildocs:add_multiple"),
    "collections": lambda p, m: reverse("wagtailadmin_collections:index"),
    # Settings and people.
    "snippets": lambda p, m: reverse("wagtailsnippets:index"),
    "users": lambda p, m: reverse("wagtailusers_users:index"),
    "user editor": lambda p, m: reverse("wagtailusers_users:edit", args=[m["editor"].pk]),
    "groups": lambda p, m: reverse("wagtailusers_groups:index"),
    "group editor": lambda p, m: reverse("wagtailusers_groups:edit", args=[m["group"].pk]),
    "sites": lambda p, m: reverse("wagtailsites:index"),
    "redirects": lambda p, m: reverse("wagtailredirects:index"),
    "locales": lambda p, m: reverse("wagtaillocales:index"),
    "locale editor": lambda p, m: reverse("wagtaillocales:edit", args=[m["thai"].pk]),
    # wagtail-localize.
    "translate a page": lambda p, m: reverse(
        "wagtail_localize:submit_page_translation", args=[p["debate"].id]
    ),
    "translations report": lambda p, m: reverse("wagtail_localize:translations_report"),
    # A budget round's screens.
    "budget: review projects": lambda p, m: reverse("bokrao_budget_review", args=[p["round"].pk]),
    "budget: shortlist": lambda p, m: reverse("bokrao_budget_shortlist", args=[p["round"].pk]),
    "budget: add a project": lambda p, m: reverse(
        "bokrao_budget_new_project", args=[p["round"].pk]
    ),
    "budget: paper ballots": lambda p, m: reverse("bokrao_budget_paper", args=[p["round"].pk]),
    "budget: counts": lambda p, m: reverse("bokrao_budget_counts", args=[p["round"].pk]),
    "budget: follow-up": lambda p, m: reverse("bokrao_budget_selected", args=[p["round"].pk]),
    "budget: follow-up of a project": lambda p, m: reverse(
        "bokrao_budget_follow_up", args=[p["round"].pk, p["project"].pk]
    ),
}


def screen_html(response):
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def assert_thai(screen, html):
    leftover = untranslated(html, screen)
    assert not leftover, f"English Wagtail text on the {screen} screen:\n" + "\n".join(
        sorted(set(leftover))
    )


# --- tests ---------------------------------------------------------------------


def test_our_catalogue_is_compiled():
    for domain in ("django", "djangojs"):
        assert (OUR_CATALOGUE / f"{domain}.mo").is_file(), f"{domain}.mo is missing"


def test_the_check_sees_english():
    """The detector itself: English Wagtail text is found, Thai is not."""
    html = (
        "<main><h1>Pages</h1><button>Sync translated pages</button>"
        "<p>Page 'x' has been published.</p><p>ซิงค์หน้าที่แปลแล้ว</p>"
        '<input placeholder="Search all pages…"><span title="Toggle sidebar"></span>'
        "<div hidden>Locked</div><template><p>Unlock</p></template>"
        "<script>var s = 'Publish';</script></main>"
    )
    found = untranslated(html)
    assert "Pages" in found
    assert "Sync translated pages" in found
    assert "Search all pages…" in found
    assert "Toggle sidebar" in found
    assert any(text.startswith("Page 'x' has been published.") for text in found)
    assert "Locked" in found  # revealed by scripts
    assert "Unlock" not in found
    assert not any(text == "Publish" or "ซิงค์" in text for text in found)


# wagtail-localize's translations report paginates an unordered queryset.
@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_admin_screen_is_thai(client_th, pages, media, screen):
    response = client_th.get(SCREENS[screen](pages, media), follow=True)
    assert response.status_code == 200
    html = screen_html(response)
    if "<html" in html:
        assert 'lang="th"' in html, "the admin did not render in Thai"
    assert re.search("[\u0e00-\u0e7f]", html), "no Thai at all on the screen"
    assert_thai(screen, html)


def test_login_screen_is_thai(client, db):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    assert_thai("login", response.content.decode())


def test_password_reset_screen_is_thai(client, db):
    response = client.get(reverse("wagtailadmin_password_reset"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    assert_thai("password reset", response.content.decode())


def test_translation_screens_are_thai(client_th, demo_home):
    """The translation editor and "Sync translated pages" of wagtail-localize."""
    from wagtail_localize.models import TranslationSource

    english = demo_home.get_translation(Locale.objects.get(language_code="en"))
    source = TranslationSource.objects.get_for_instance(demo_home)
    for screen, url in {
        "translation editor": reverse("wagtailadmin_pages:edit", args=[english.id]),
        "sync translated pages": reverse("wagtail_localize:update_translations", args=[source.id]),
        "explorer of a translated page": reverse("wagtailadmin_explore", args=[english.id]),
    }.items():
        response = client_th.get(url)
        assert response.status_code == 200, screen
        assert_thai(screen, response.content.decode())


def test_validation_errors_are_thai(client_th, pages):
    """Saving a page with errors: the message and the field errors."""
    index = pages["index"]
    url = reverse("wagtailadmin_pages:add", args=["bokrao_pages", "debatepage", index.id])
    form = {"title": "", "slug": "", "summary": ""}
    form.update(
        body=streamfield([]),
        comments=inline_formset([]),
        phases=inline_formset([{"kind": "listening", "starts_at": "", "ends_at": ""}]),
    )
    response = client_th.post(url, nested_form_data(form))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ไม่สามารถสร้างหน้าได้เนื่องจากข้อมูลไม่ถูกต้อง" in html
    assert_thai("create page with errors", html)


def _js_catalogue(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    assert match, "no catalogue in the JavaScript response"
    return json.loads(match[1])


def _has_thai(value):
    values = value if isinstance(value, list) else [value]
    return all(re.search("[\u0e00-\u0e7f]", v) for v in values)


@pytest.mark.parametrize(
    "url_name, package",
    [
        ("wagtailadmin_javascript_catalog", wagtail.admin),
        ("wagtail_localize:javascript_catalog", wagtail_localize),
    ],
)
def test_javascript_catalogue_is_all_thai(client_th, url_name, package):
    """Every message of the admin's scripts (sidebar, page explorer, comments,
    StreamField, translation editor) is served in Thai."""
    catalogue = _js_catalogue(client_th, url_name)
    english = Path(package.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    missing = [
        entry["msgid"]
        for entry in _po_entries(english)
        if entry["msgid"] not in SAME_IN_THAI
        and re.search("[A-Za-z]{2,}", _PLACEHOLDER.sub("", entry["msgid"]))  # words to translate
        and not _has_thai(catalogue.get(entry["msgid"], ""))
    ]
    assert not missing, "JavaScript messages without Thai:\n" + "\n".join(missing)


def test_javascript_catalogue_has_our_thai(client_th):
    """Strings Wagtail's own Thai djangojs catalogue leaves in English."""
    catalogue = _js_catalogue(client_th, "wagtailadmin_javascript_catalog")
    assert catalogue["Page explorer"] == "ตัวสำรวจหน้า"
    assert catalogue["Main menu"] == "เมนูหลัก"
    assert catalogue["Write something or type ‘/’ to insert a block"] == (
        "เขียนข้อความ หรือพิมพ์ ‘/’ เพื่อแทรกบล็อก"
    )
    # Plural messages keep Thai's single form.
    assert catalogue["%(num)s error"] == ["ข้อผิดพลาด %(num)s รายการ"]
    localize = _js_catalogue(client_th, "wagtail_localize:javascript_catalog")
    assert localize["Download PO file"] == "ดาวน์โหลดไฟล์ PO"


def test_admin_draws_thai_with_the_self_hosted_font(client_th, pages):
    html = client_th.get(reverse("wagtailadmin_home")).content.decode()
    assert '<link rel="stylesheet" href="/static/theme/css/fonts.css">' in html
    assert '<link rel="stylesheet" href="/static/theme/css/admin.css">' in html
    css_dir = Path(theme.__file__).parent / "static" / "theme" / "css"
    assert 'url("../fonts/sarabun-thai-400-normal.woff2")' in (css_dir / "fonts.css").read_text()
    assert '--w-font-sans: "Sarabun"' in (css_dir / "admin.css").read_text()


def test_admin_fetches_no_avatar_from_outside(client_th, pages):
    html = client_th.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()
    assert not re.search(r'<img[^>]+src="https?://', html)
