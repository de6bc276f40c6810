"""One platform, many municipalities (issue 11): the front page lists them by province
with what is open; each municipality is served under a path of the platform or under a
hostname of its own, with its own home page and consultations."""

import pytest
from wagtail.models import Locale, Page

from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.municipalities.services import municipality_of
from pb_pages.factories import make_consultation, make_home, make_platform, make_section
from pb_pages.models import DebatePage, HomePage, InformationPage, PlatformHomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform():
    return make_platform()


@pytest.fixture
def saensuk(platform):
    home = make_home(
        "เทศบาลเมืองแสนสุข",
        "saensuk",
        platform=platform,
        province="ชลบุรี",
        province_en="Chonburi",
        name_en="Saen Suk Town Municipality",
    )
    debates = make_section(home, "debate", slug="debates")
    make_consultation(debates, title="การพัฒนาหนองมน", slug="nong-mon")
    make_consultation(debates, title="ตลาดริมหาด", slug="beach-market", closes_in_days=3)
    make_consultation(debates, title="ปิดแล้ว", slug="closed", opens_in_days=-30, closes_in_days=-1)
    return home


@pytest.fixture
def ratchathewi(platform, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "ratchathewi.example"]
    home = make_home(
        "เขตราชเทวี",
        "ratchathewi",
        platform=platform,
        hostname="ratchathewi.example",
        province="กรุงเทพมหานคร",
        province_en="Bangkok",
        kind=Municipality.Kind.BANGKOK_DISTRICT,
    )
    votes = make_section(home, "vote", slug="votes")
    make_consultation(votes, title="ทางเท้าถนนพญาไท", slug="phaya-thai-pavements")
    return home


def test_platform_front_page_holds_municipalities_and_information_pages():
    assert PlatformHomePage.allowed_subpage_models() == [HomePage, InformationPage]
    root = Page.get_first_root_node()
    assert PlatformHomePage.can_create_at(root)
    assert HomePage.can_create_at(root)  # an install from before the platform page


def test_only_one_platform_front_page_per_parent(platform):
    assert not PlatformHomePage.can_create_at(Page.get_first_root_node())


def test_a_platform_holds_many_municipality_home_pages(platform, saensuk):
    assert HomePage.can_create_at(platform)


def test_front_page_lists_municipalities_by_province_with_open_consultations(
    client, saensuk, ratchathewi
):
    response = client.get("/th/")
    assert response.status_code == 200
    provinces = response.context["provinces"]
    assert [group["province"] for group in provinces] == ["กรุงเทพมหานคร", "ชลบุรี"]
    chonburi = provinces[1]["municipalities"][0]
    assert chonburi["municipality"].home_page_id == saensuk.pk
    assert chonburi["url"] == "/th/saensuk/"
    assert chonburi["open_count"] == 2
    # Closing soonest first; a closed consultation is not open.
    assert [page["title"] for page in chonburi["open_consultations"]] == [
        "ตลาดริมหาด",
        "การพัฒนาหนองมน",
    ]
    html = response.content.decode()
    assert 'href="/th/saensuk/debates/beach-market/"' in html
    assert "2 การรับฟังความคิดเห็นที่เปิดอยู่" in html
    # A municipality with a hostname of its own is linked under the platform's path,
    # which keeps the visitor on the site they came to.
    assert 'href="/th/ratchathewi/votes/phaya-thai-pavements/"' in html
    assert '<p class="badge">เขตในกรุงเทพมหานคร</p>' in html


def test_front_page_in_english_names_provinces_and_counts_english_consultations(client, saensuk):
    from pb_pages.municipalities import platform_home

    platform_home()  # makes the English front page
    english = Locale.objects.get(language_code="en")
    debate = DebatePage.objects.get(slug="nong-mon")
    for page in (saensuk, debate.get_parent(), debate):
        page.specific.copy_for_translation(english).save_revision().publish()
    response = client.get("/en/")
    assert response.status_code == 200
    [chonburi] = response.context["provinces"]
    assert chonburi["province"] == "Chonburi"
    [entry] = chonburi["municipalities"]
    assert entry["url"] == "/en/saensuk/" and entry["title"] == saensuk.title
    # What is open in English: the one consultation translated.
    assert entry["open_count"] == 1
    assert "1 open consultation<" in response.content.decode()


def test_a_municipality_under_a_path_serves_its_home_and_consultations(client, saensuk):
    home = client.get("/th/saensuk/")
    assert home.status_code == 200 and home.context["page"].pk == saensuk.pk
    assert "เทศบาลเมืองแสนสุข" in home.content.decode()
    debate = client.get("/th/saensuk/debates/nong-mon/")
    assert debate.status_code == 200
    assert municipality_of(debate.context["page"]).home_page_id == saensuk.pk


def test_a_municipality_under_its_own_hostname_serves_its_home_and_consultations(
    client, saensuk, ratchathewi
):
    home = client.get("/th/", HTTP_HOST="ratchathewi.example")
    assert home.status_code == 200 and home.context["page"].pk == ratchathewi.pk
    vote = client.get("/th/votes/phaya-thai-pavements/", HTTP_HOST="ratchathewi.example")
    assert vote.status_code == 200
    assert municipality_of(vote.context["page"]).home_page_id == ratchathewi.pk
    # Its own hostname serves its part of the tree only, not another municipality's.
    assert client.get("/th/saensuk/", HTTP_HOST="ratchathewi.example").status_code == 404
    # It stays reachable under the platform's path too.
    assert client.get("/th/ratchathewi/votes/phaya-thai-pavements/").status_code == 200


def test_each_home_page_lists_only_its_own_consultations(client, saensuk, ratchathewi):
    saensuk_titles = {
        page.title
        for process in client.get("/th/saensuk/").context["processes"]
        for page in process["consultations"]
    }
    ratchathewi_titles = {
        page.title
        for process in client.get("/th/", HTTP_HOST="ratchathewi.example").context["processes"]
        for page in process["consultations"]
    }
    assert saensuk_titles == {"การพัฒนาหนองมน", "ตลาดริมหาด"}
    assert ratchathewi_titles == {"ทางเท้าถนนพญาไท"}


def test_the_header_names_the_municipality_and_its_sections(client, saensuk, ratchathewi):
    html = client.get("/th/saensuk/debates/nong-mon/").content.decode()
    assert '<span class="brand__place">เทศบาลเมืองแสนสุข</span>' in html
    assert 'href="/th/saensuk/debates/" aria-current="page"' in html
    # On the front page, above every municipality, no municipality is named.
    assert "brand__place" not in client.get("/th/").content.decode()
    html = client.get("/th/votes/", HTTP_HOST="ratchathewi.example").content.decode()
    assert '<span class="brand__place">เขตราชเทวี</span>' in html


def test_front_page_queries_do_not_grow_with_municipalities(
    client, platform, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count, start):
        for number in range(start, start + count):
            home = make_home(f"เทศบาล {number}", f"m-{number}", platform=platform, province="ชลบุรี")
            make_consultation(make_section(home, "debate", slug="debates"), slug=f"d-{number}")

    add(2, 0)
    client.get("/th/")  # the site and the root paths, cached afterwards
    with CaptureQueriesContext(connection) as few:
        assert client.get("/th/").status_code == 200
    add(4, 2)
    with CaptureQueriesContext(connection) as more:
        response = client.get("/th/")
    assert (
        sum(entry["open_count"] for entry in response.context["provinces"][0]["municipalities"])
        == 6
    )
    assert len(more) == len(few)
