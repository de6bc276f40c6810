"""Security headers, caching of personal pages, production mail settings and the idle
timeout of staff sessions (issue 9, "Headers")."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse
from django.utils import timezone

from consultation_blocks.factories import make_participant
from consultation_blocks.staff.sessions import LAST_SEEN
from consultation_blocks.timing import frozen_at
from tests.test_project import PRODUCTION, _manage

pytestmark = pytest.mark.django_db

CONSULTATION = "/th/saensuk/debates/nong-mon-creative-economy/"
# Script types a browser does not run: data, or a placeholder consent.js fills in.
INERT_SCRIPT_TYPES = {"text/plain", "application/json", "application/ld+json"}


class _InlineCode(HTMLParser):
    """What in a page would need 'unsafe-inline': scripts, handlers, javascript: URLs, styles."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "script":
            self._script = attributes
            self._text = ""

    def handle_data(self, data):
        if self._script is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        kind = (self._script.get("type") or "text/javascript").lower()
        if kind in INERT_SCRIPT_TYPES:
            if kind == "text/plain" and self._text.strip():
                self.found.append("<script type=text/plain> with code in it")
        elif "src" not in self._script or self._text.strip():
            self.found.append(f"inline <script>: {self._text.strip()[:60]!r}")
        self._script = None


def inline_code(response):
    parser = _InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def public_pages(demo_home):
    return {
        "platform": "/th/",
        "home": "/th/saensuk/",
        "consultation": CONSULTATION,
        "sign-in": reverse("bokrao_sign_in"),
        "sign-up": reverse("bokrao_sign_up"),
        "search": reverse("bokrao_search") + "?q=หนองมน",
        "cookies": reverse("bokrao_cookie_settings"),
        "english home": "/en/saensuk/",
    }


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staff", "staff@saensuk.example", "pw")
    client.force_login(user)
    return client


# -- Content-Security-Policy -----------------------------------------------------------


def test_public_pages_have_a_policy_without_unsafe_inline(client, public_pages):
    for name, url in public_pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_public_pages_hold_no_inline_script_handler_or_style(client, public_pages):
    consultation = client.get(CONSULTATION).content.decode()
    # The page the check reads has widgets and comments on it (the demo's).
    assert 'name="choice"' in consultation and "comment" in consultation
    for name, url in public_pages.items():
        assert inline_code(client.get(url)) == [], name


def test_a_signed_in_participants_pages_hold_no_inline_code_either(client, public_pages):
    client.force_login(make_participant("somchai").user)
    for url in (CONSULTATION, reverse("bokrao_profile"), reverse("bokrao_privacy")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response) == [], url
        assert directives(response)["script-src"] == ["'self'"]


def test_the_parser_finds_inline_code():
    class Page:
        content = (
            b'<script>alert(1)</script><a href="javascript:go()">x</a>'
            b'<button onclick="go()">x</button><p style="color: red">x</p>'
            b'<script src="/static/x.js"></script><script type="text/plain" data-src="y"></script>'
        )

    assert len(inline_code(Page)) == 4


def test_the_admin_has_its_own_looser_policy(staff):
    response = staff.get(reverse("wagtailadmin_home"))

    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail 7.4's inline panels
    assert policy["frame-ancestors"] == ["'none'"]
    assert "https:" not in response["Content-Security-Policy"]


def test_a_site_adds_a_source_and_keeps_the_other_directives(client, demo_home, settings):
    settings.BOKRAO_THEME = {
        "CONTENT_SECURITY_POLICY": {"img-src": ["'self'", "https://media.example.org"]}
    }
    policy = directives(client.get("/th/"))
    assert policy["img-src"] == ["'self'", "https://media.example.org"]
    assert policy["script-src"] == ["'self'"]


def test_a_served_document_keeps_wagtails_own_policy(client, db, settings, tmp_path):
    # Wagtail gives documents a policy of their own (nothing inside may run); a view's own
    # policy is never replaced.
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(
        title="ร่างข้อบัญญัติ", file=SimpleUploadedFile("draft.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    response = client.get(document.url)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "Permissions-Policy" in response


# -- Permissions-Policy ----------------------------------------------------------------


def test_permissions_policy_turns_off_features_no_page_uses(client, demo_home):
    policy = client.get("/th/")["Permissions-Policy"]
    features = dict(part.strip().split("=") for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert features[feature] == "()", feature


# -- Cache-Control ---------------------------------------------------------------------


def test_public_pages_for_an_anonymous_visitor_stay_cacheable(client, demo_home):
    for url in ("/th/", CONSULTATION, reverse("bokrao_search") + "?q=หนองมน"):
        assert not no_store(client.get(url)), url


def test_account_forms_are_never_stored_even_for_anonymous_visitors(client, demo_home):
    for name in ("bokrao_sign_in", "bokrao_sign_up", "bokrao_password_reset"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert no_store(response) and "private" in response["Cache-Control"], name
    reset = client.get(reverse("bokrao_password_reset_confirm", args=["MQ", "set-password"]))
    assert no_store(reset)


def test_every_page_for_a_signed_in_participant_is_never_stored(client, demo_home):
    client.force_login(make_participant("somchai").user)
    for name in (
        "bokrao_profile",
        "bokrao_verify_resident",
        "bokrao_privacy",
        "bokrao_my_data",
        "bokrao_delete_account",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert no_store(response) and "private" in response["Cache-Control"], name
    # Their own votes and reply forms are on the consultation page.
    assert no_store(client.get(CONSULTATION))
    assert no_store(client.get("/th/"))


def test_staff_screens_are_never_stored(demo_home, staff):
    from pb_pages.models import DebatePage

    page = DebatePage.objects.get(
        url_path__endswith="/nong-mon-creative-economy/", locale__language_code="th"
    )
    for url in (
        reverse("wagtailadmin_home"),
        reverse("bokrao_moderation"),
        reverse("bokrao_on_site", args=[page.pk]),
        reverse("bokrao_resident_register"),
        reverse("bokrao_report", args=[page.pk]),
        reverse("bokrao_report", args=[page.pk]) + "?format=csv",
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_the_admin_sign_in_is_never_stored(client, db):
    assert no_store(client.get(reverse("wagtailadmin_login")))


# -- Production mail settings ----------------------------------------------------------

MAIL = (
    "from django.conf import settings as s; print(repr([s.EMAIL_HOST, s.EMAIL_PORT, "
    "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, "
    "s.EMAIL_TIMEOUT, s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL]))"
)


def _mail_settings(**env):
    result = _manage("shell", "-c", MAIL, env={**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307  (our own repr)


def test_production_reads_the_mail_server_from_the_environment():
    assert _mail_settings(
        EMAIL_HOST="smtp.saensuk.go.th",
        EMAIL_HOST_USER="bokrao",
        EMAIL_HOST_PASSWORD=" pass word ",
        EMAIL_PORT="2525",
        EMAIL_TIMEOUT="5",
        DEFAULT_FROM_EMAIL="บอกเรา <bokrao@saensuk.go.th>",
        SERVER_EMAIL="errors@saensuk.go.th",
    ) == [
        "smtp.saensuk.go.th",
        2525,
        "bokrao",
        " pass word ",
        True,  # a server that takes a password gets STARTTLS unless told otherwise
        False,
        5,
        "บอกเรา <bokrao@saensuk.go.th>",
        "errors@saensuk.go.th",
    ]


def test_production_mail_defaults_to_the_local_mail_server_and_the_site_address():
    assert _mail_settings() == [
        "localhost",
        25,
        "",
        "",
        False,
        False,
        20,
        "noreply@bokrao.saensuk.go.th",
        "noreply@bokrao.saensuk.go.th",
    ]
    ssl = _mail_settings(EMAIL_HOST="smtp.example.org", EMAIL_HOST_USER="u", EMAIL_USE_SSL="yes")
    assert ssl[1] == 465 and ssl[4:6] == [False, True]


def test_production_refuses_unclear_mail_settings():
    for env, message in (
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS must be true or false"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a whole number"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "not both"),
    ):
        result = _manage("check", env={**PRODUCTION, **env})
        assert result.returncode != 0 and message in result.stderr, env


# -- Staff sessions end after a short time without a request ----------------------------


def _at(minutes):
    return frozen_at(START + timedelta(minutes=minutes))


START = timezone.now().replace(microsecond=0)


def test_a_staff_session_ends_after_thirty_idle_minutes(staff):
    home = reverse("wagtailadmin_home")
    with _at(0):
        assert staff.get(home).status_code == 200
    with _at(29):
        assert staff.get(home).status_code == 200
    with _at(59):  # 30 minutes after the last request
        assert staff.get(home).status_code == 200
    with _at(90):
        response = staff.get(reverse("bokrao_moderation") + "?state=held")

    login = reverse("wagtailadmin_login")
    assert response.status_code == 302
    assert response["Location"] == login + "?next=%2Fadmin%2Fbokrao%2Fmoderation%2F%3Fstate%3Dheld"
    assert SESSION_KEY not in staff.session
    page = staff.get(response["Location"])
    assert "ระบบได้ออกจากระบบให้ท่านแล้ว เนื่องจากไม่มีการใช้งานเป็นเวลา 30 นาที" in (page.content.decode())


def test_a_staff_session_ends_on_public_pages_too(demo_home, staff):
    with _at(0):
        staff.get("/th/")
    with _at(31):
        response = staff.get(CONSULTATION)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_last_request_is_written_to_the_session_at_most_once_a_minute(staff):
    home = reverse("wagtailadmin_home")
    with _at(0):
        staff.get(home)
    first = staff.session[LAST_SEEN]
    with _at(0.5):
        staff.get(home)
    assert staff.session[LAST_SEEN] == first
    with _at(1.5):
        staff.get(home)
    assert staff.session[LAST_SEEN] == first + 90


def test_a_citizen_keeps_the_normal_session(client, demo_home):
    client.force_login(make_participant("somchai").user)
    with _at(0):
        client.get(reverse("bokrao_profile"))
    with _at(600):
        response = client.get(reverse("bokrao_profile"))
    assert response.status_code == 200
    assert client.session[LAST_SEEN] == 0  # asked once: not staff


def test_the_idle_time_is_a_setting(staff, settings):
    settings.BOKRAO_THEME = {"STAFF_IDLE_MINUTES": 5}
    home = reverse("wagtailadmin_home")
    with _at(0):
        staff.get(home)
    with _at(6):
        assert staff.get(home).status_code == 302
