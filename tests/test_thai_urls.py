import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pb_pages.factories import make_section
from pb_pages.models import DebatePage, InformationPage
from pb_pages.slugs import readable_slug

pytestmark = pytest.mark.django_db

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_readable_slug_spells_thai_words_in_latin_letters_with_hyphens():
    assert readable_slug("เทศบาลเมืองแสนสุข") == "thetbanmueang-saen-suk"
    assert readable_slug("ถนนในซอยมืด") == "thanon-nai-soi-muet"


def test_readable_slug_keeps_latin_words_and_digits():
    assert readable_slug("งบประมาณ Nong Mon 2571") == "ngabapraman-nong-mon-2571"


def test_readable_slug_is_empty_only_when_nothing_can_be_spelled():
    assert readable_slug("!!!") == ""
    assert ASCII_SLUG.match(readable_slug("ไฟส่องสว่าง"))


def test_thai_only_page_gets_a_readable_ascii_url_that_serves(home, client):
    page = home.add_child(instance=InformationPage(title="ไฟส่องสว่างในซอย"))

    assert ASCII_SLUG.match(page.slug), page.slug
    assert page.slug.startswith("fai-")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "ไฟส่องสว่างในซอย" in response.content.decode()


def test_two_pages_with_one_thai_title_get_two_urls(home):
    first = home.add_child(instance=InformationPage(title="ประกาศ"))
    second = home.add_child(instance=InformationPage(title="ประกาศ"))
    assert first.slug != second.slug
    assert second.slug == f"{first.slug}-2"


@pytest.fixture
def editor_client(client, home):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(editor)
    return client


def _create_debate(client, section, **data):
    url = reverse("wagtailadmin_pages:add", args=("bokrao_pages", "debatepage", section.pk))
    form = {
        "title": "การพัฒนาหนองมน",
        "slug": "",
        "summary": "สรุป",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "1",
        "phases-MAX_NUM_FORMS": "1000",
        "phases-0-kind": "listening",
        "phases-0-starts_at": "2026-12-01 09:00",
        "phases-0-ends_at": "2027-01-31 17:00",
        "phases-0-ORDER": "1",
        "phases-0-DELETE": "",
        "phases-0-id": "",
        "body-count": "0",
        "comment_notifications": "on",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "publish",
    }
    form.update(data)
    return client.post(url, form)


def test_editor_saves_a_thai_titled_page_with_the_slug_left_empty(editor_client, home):
    section = make_section(home, "debate")

    response = _create_debate(editor_client, section)

    assert response.status_code == 302, response.content.decode()[:2000]
    page = DebatePage.objects.get()
    assert page.slug == "kanphatna-nong-mon"
    assert page.live


def test_editor_typed_thai_slug_is_refused_with_a_message(editor_client, home):
    section = make_section(home, "debate")

    response = _create_debate(editor_client, section, slug="หนองมน")

    assert response.status_code == 200
    assert DebatePage.objects.count() == 0
    errors = response.context["form"].errors
    # The admin speaks the editor's language: Thai by default.
    assert "ใช้ได้เฉพาะอักษรละติน ตัวเลข และขีดกลาง" in str(errors["slug"])
