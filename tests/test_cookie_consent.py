import pytest
from django.test import override_settings
from wagtail.models import Site

from theme.consent import Consent, read_consent
from theme.models import CookieConsentSettings

pytestmark = pytest.mark.django_db

COOKIE = "bokrao_consent"
ANALYTICS = {"CONSENT_SCRIPTS": {"performance": ["theme/js/consent.js"], "targeting": []}}


def _banner_hidden(html):
    start = html.index('id="consent-banner"')
    tag = html[html.rindex("<section", 0, start) : html.index(">", start)]
    return " hidden" in tag


def test_first_visit_shows_the_banner_with_the_three_categories(home, client):
    html = client.get("/th/").content.decode()
    assert not _banner_hidden(html)
    assert "เราใช้คุกกี้" in html
    for label in ["คุกกี้ที่จำเป็น", "คุกกี้เพื่อการวิเคราะห์และประเมินผล", "คุกกี้เพื่อการกำหนดเป้าหมาย"]:
        assert label in html


def test_accept_all_without_javascript_stores_every_category_and_returns(home, client):
    response = client.post("/th/cookies/", {"choice": "all", "next": "/th/debates/"})

    assert response.status_code == 302
    assert response["Location"] == "/th/debates/"
    assert response.cookies[COOKIE].value == "1.performance.targeting"
    assert response.cookies[COOKIE]["samesite"] == "Lax"


def test_essential_only_stores_no_optional_category(home, client):
    response = client.post("/th/cookies/", {"choice": "essential"})
    assert response.cookies[COOKIE].value == "1"


def test_chosen_categories_are_stored_and_unknown_ones_ignored(home, client):
    response = client.post(
        "/th/cookies/", {"choice": "selected", "category": ["targeting", "marketing-x"]}
    )
    assert response.cookies[COOKIE].value == "1.targeting"


def test_redirect_after_choice_never_leaves_the_site(home, client):
    response = client.post("/th/cookies/", {"choice": "all", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_banner_stays_hidden_once_chosen_and_returns_when_the_policy_changes(home, client):
    client.cookies[COOKIE] = "1"
    assert _banner_hidden(client.get("/th/").content.decode())

    settings = CookieConsentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.policy_version = 2
    settings.save()

    assert not _banner_hidden(client.get("/th/").content.decode())


def test_garbled_cookie_counts_as_no_choice(rf):
    request = rf.get("/", HTTP_COOKIE=f"{COOKIE}=performance")
    assert read_consent(request) is None
    request = rf.get("/", HTTP_COOKIE=f"{COOKIE}=3.performance.spyware")
    assert read_consent(request) == Consent(3, frozenset({"performance"}))


@override_settings(BOKRAO_THEME=ANALYTICS)
def test_optional_scripts_stay_inert_until_their_category_is_accepted(home, client):
    html = client.get("/th/").content.decode()
    assert '<script type="text/plain" data-consent-category="performance"' in html
    assert 'defer data-consent-category="performance"' not in html

    client.cookies[COOKIE] = "1.targeting"
    html = client.get("/th/").content.decode()
    assert '<script type="text/plain" data-consent-category="performance"' in html

    client.cookies[COOKIE] = "1.performance"
    html = client.get("/th/").content.decode()
    assert 'defer data-consent-category="performance"' in html
    assert 'type="text/plain" data-consent-category="performance"' not in html


def test_editors_texts_appear_in_each_language(home, client):
    settings = CookieConsentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.title_th = "เว็บไซต์นี้ใช้คุกกี้ของเทศบาล"
    settings.title_en = "This site uses the municipality's cookies"
    settings.save()

    assert "เว็บไซต์นี้ใช้คุกกี้ของเทศบาล" in client.get("/th/").content.decode()
    assert "This site uses the municipality&#x27;s cookies" in client.get("/en/").content.decode()


def test_settings_page_works_without_javascript_and_shows_the_current_choice(home, client):
    client.cookies[COOKIE] = "1.performance"
    html = client.get("/en/cookies/?next=/en/").content.decode()
    assert 'name="category" value="performance" checked' in html
    assert 'name="category" value="targeting">' in html
    assert 'id="consent-banner"' not in html
