import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from pb_pages.models import ConsultationPage, ProcessIndexPage
from pb_pages.processes import ProcessType
from theme.models import CookieConsentSettings

pytestmark = pytest.mark.django_db


def test_demo_has_one_open_consultation_of_each_process_in_thai_and_english(demo_home):
    for language in ["th", "en"]:
        consultations = ConsultationPage.objects.live().filter(locale__language_code=language)
        assert sorted(c.process_type for c in consultations) == sorted(ProcessType.values)
        assert all(c.specific.state == "open" for c in consultations)
    sections = ProcessIndexPage.objects.live().filter(locale__language_code="th")
    assert sorted(s.process_type for s in sections) == sorted(ProcessType.values)
    assert all(s.show_in_menus for s in sections)


def test_every_thai_demo_page_has_a_live_english_translation_that_serves(demo_home, client):
    english_locale = Locale.objects.get(language_code="en")
    thai_pages = Page.objects.live().filter(locale__language_code="th").exclude(depth=1)
    assert thai_pages.count() == 13  # home, 5 sections, 5 consultations, 2 information pages
    for page in thai_pages:
        english = page.get_translation_or_none(english_locale)
        assert english is not None and english.live, page.title
        assert english.title.isascii(), english.title
        assert english.url == page.url.replace("/th/", "/en/", 1)
        response = client.get(english.url)
        assert response.status_code == 200, english.url
        assert english.title.replace("'", "&#x27;") in response.content.decode()


def test_demo_site_root_is_the_municipality_and_the_cookie_banner_links_to_privacy(demo_home):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == demo_home.pk
    assert Site.objects.count() == 1
    assert not Page.objects.filter(depth=2).exclude(translation_key=demo_home.translation_key)
    consent = CookieConsentSettings.for_site(site)
    assert consent.policy_page.slug == "privacy"


def test_loading_the_demo_again_changes_nothing(demo_home):
    pages_before = Page.objects.count()
    out = io.StringIO()

    call_command("load_demo_content", stdout=out)

    assert Page.objects.count() == pages_before
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert "already loaded" in out.getvalue()


def test_demo_admin_can_sign_in_and_uses_the_admin_in_thai(demo_home, client):
    assert client.login(username="admin", password="bokrao-demo")
    html = client.get("/admin/").content.decode()
    assert '<html lang="th"' in html


def test_demo_text_comes_from_the_seeds(demo_home, client):
    html = client.get("/th/debates/nong-mon-creative-economy/").content.decode()
    assert "การพัฒนาหนองมนในเชิงเศรษฐกิจสร้างสรรค์เป็นประเด็นยุทธศาสตร์" in html
    html = client.get("/en/debates/nong-mon-creative-economy/").content.decode()
    assert "creative-economy development of Nong Mon as a strategic issue" in html


def test_the_demo_budget_round_shows_its_phases_with_the_current_one(demo_home, client):
    """Support now, then the municipality's review, then voting: in Thai and in English."""
    budget = ConsultationPage.objects.get(
        process_type=ProcessType.BUDGET, locale__language_code="th"
    )
    assert [span.kind.key for span in budget.timeline().spans()] == ["support", "review", "voting"]
    thai = client.get(budget.url).content.decode()
    assert 'aria-current="step"' in thai
    assert "ลงคะแนน" in thai and "เทศบาลพิจารณา" in thai
    english = budget.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()
    assert "Review by the municipality" in html and "Voting" in html
