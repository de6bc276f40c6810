"""The site's own error pages, its icon, and counts that stay apart from their labels."""

import re

import pytest
from bokrao_site import urls as site_urls
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.templatetags.static import static
from django.test import Client
from django.urls import path, reverse
from django.utils import translation
from django.views.defaults import server_error

from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from pb_pages.factories import make_consultation, make_section

THEME_TEMPLATES = django_settings.REPO_DIR / "theme" / "templates"


def _a_bug(request):
    raise RuntimeError("a bug in a view")


# The site's URLs and one view that fails, for the 500 tests (@pytest.mark.urls(__name__)).
urlpatterns = [*i18n_patterns(path("broken/", _a_bug)), *site_urls.urlpatterns]


def _text(html, selector):
    return [element.get_text() for element in BeautifulSoup(html, "html.parser").select(selector)]


# -- 404 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_missing_thai_address_answers_our_thai_404_with_the_way_home_and_to_search(
    home, client, settings
):
    settings.DEBUG = False
    response = client.get("/th/no-such-consultation/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "django-comments-xtd" not in html
    assert _text(html, "h1") == ["ไม่พบหน้าที่ท่านต้องการ"]
    assert 'href="/static/theme/css/bokrao.css"' in html  # the site's look
    links = {a.get_text(): a["href"] for a in BeautifulSoup(html, "html.parser").select("main a")}
    assert links == {"ไปที่หน้าแรก": "/th/", "ค้นหาการรับฟังความคิดเห็น": "/th/search/"}


@pytest.mark.django_db
def test_missing_english_address_answers_our_english_404(demo_home, client, settings):
    settings.DEBUG = False
    response = client.get("/en/debates/nothing-here/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert _text(html, "h1") == ["Page not found"]
    links = {a.get_text(): a["href"] for a in BeautifulSoup(html, "html.parser").select("main a")}
    assert links == {"Go to the home page": "/en/", "Search consultations": "/en/search/"}


def test_error_pages_come_from_the_theme_app_so_a_host_site_gets_them_too():
    # django-comments-xtd ships a bare 404.html; the theme comes first in INSTALLED_APPS.
    apps = django_settings.INSTALLED_APPS
    assert apps.index("theme") < apps.index("django_comments_xtd")
    for name in ("404.html", "500.html"):
        assert get_template(name).origin.name == str(THEME_TEMPLATES / name)


# -- 500 ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "heading"), [("th", "ระบบขัดข้อง"), ("en", "Something went wrong")]
)
def test_a_failing_view_answers_our_500_in_the_language_of_the_address(settings, language, heading):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get(f"/{language}/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert _text(html, "h1") == [heading]
    assert 'href="/static/theme/css/bokrao.css"' in html
    assert f'href="/{language}/"' in html  # back to the home page


def test_the_500_page_renders_without_a_request_context_or_the_database(rf):
    # No django_db mark: any query would fail this test.
    with translation.override("en"):
        response = server_error(rf.get("/en/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert _text(html, "h1") == ["Something went wrong"]
    assert "Bokrao" in html


# -- Favicon -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_link_the_sites_own_svg_icon_and_an_ico_fallback(home, client):
    html = client.get("/th/").content.decode()
    icons = {
        link.get("type", "image/x-icon"): link["href"]
        for link in BeautifulSoup(html, "html.parser").select('link[rel="icon"]')
    }
    assert icons == {
        "image/svg+xml": static("theme/icons/favicon.svg"),
        "image/x-icon": static("theme/icons/favicon.ico"),
    }
    svg = finders.find("theme/icons/favicon.svg")
    ico = finders.find("theme/icons/favicon.ico")
    assert open(svg, encoding="utf-8").read().startswith("<svg")
    assert open(ico, "rb").read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_favicon_ico_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("theme/icons/favicon.ico")


# -- Counts apart from their labels -------------------------------------------------------


def _squeezed(text):
    """The text as a reader that drops white space would get it ("Agree 3" -> "Agree3")."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def voted(home, client):
    section = make_section(home, "vote", slug="votes")
    page = make_consultation(
        section,
        slug="street-lights",
        body=widget_body(
            widget("agree_disagree", "w-lights", question="ติดไฟในซอยก่อนไหม"),
            comment_widget("w-talk"),
        ),
    )
    page.save_revision().publish()
    voter = make_participant("somsri")
    client.force_login(voter.user)
    client.post("/th/participate/vote/", {"page": page.pk, "widget": "w-lights", "choice": "agree"})
    client.post("/th/participate/comment/", {"page": page.pk, "widget": "w-talk", "text": "ดีมาก"})
    client.logout()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "agree", "disagree"),
    [("th", "เห็นด้วย", "ไม่เห็นด้วย"), ("en", "Agree", "Disagree")],
)
def test_results_keep_each_count_apart_from_its_label(voted, client, language, agree, disagree):
    url = f"/{language}/votes/street-lights/"
    html = client.get(url).content.decode()

    results = _text(html, ".widget__results li")
    assert [" ".join(item.split()) for item in results[:2]] == [f"{agree}: 1", f"{disagree}: 0"]
    assert f"{agree}1" not in _squeezed(results[0])
    assert f"{disagree}0" not in _squeezed(results[1])
    # The numbers that participate.js updates are still on their own.
    soup = BeautifulSoup(html, "html.parser")
    assert [(s["data-result"], s.get_text()) for s in soup.select("[data-result]")][:2] == [
        ("agree", "1"),
        ("disagree", "0"),
    ]


@pytest.mark.django_db
def test_comment_reactions_keep_their_counts_apart_from_agree_and_disagree(voted, client):
    html = client.get("/th/votes/street-lights/").content.decode()
    soup = BeautifulSoup(html, "html.parser")

    buttons = [" ".join(b.get_text().split()) for b in soup.select(".comment__react button")]
    assert buttons == ["เห็นด้วย (0)", "ไม่เห็นด้วย (0)"]
    assert [c["data-count"] for c in soup.select(".comment__react [data-count]")] == [
        "like",
        "dislike",
    ]
    assert all(c.get_text() == "0" for c in soup.select(".comment__react [data-count]"))


@pytest.mark.django_db
def test_the_reports_chart_legend_keeps_its_voter_groups_apart(voted, client):
    staff = get_user_model().objects.create_superuser("staff", "staff@saensuk.example", "pw")
    client.force_login(staff)

    html = client.get(reverse("bokrao_report", args=[voted.pk])).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    keys = [key.get_text() for key in soup.select(".bokrao-chart__key")]
    assert len(keys) > 1
    caption = soup.select_one(".bokrao-chart figcaption").get_text()
    for first, second in zip(keys, keys[1:], strict=False):
        assert first + second not in caption
