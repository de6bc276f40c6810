import gettext
from pathlib import Path

import polib
import pytest
from django.utils import translation

from pb_pages.models import InformationPage

REPO = Path(__file__).resolve().parents[1]
OUR_APPS = ["pb_pages", "consultation_blocks", "search", "theme"]

pytestmark = pytest.mark.django_db


def test_site_root_sends_visitors_to_the_thai_home_page(demo_home, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/th/"


def test_english_browsers_are_sent_to_the_english_home_page(demo_home, client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


def test_thai_home_page_reads_in_thai(demo_home, client):
    html = client.get("/th/saensuk/").content.decode()
    assert '<html lang="th">' in html
    assert "เทศบาลเมืองแสนสุข" in html
    assert "ข้ามไปยังเนื้อหา" in html  # skip link
    assert "การพัฒนาหนองมนในเชิงเศรษฐกิจสร้างสรรค์" in html
    assert "Skip to content" not in html


def test_english_home_page_reads_in_english(demo_home, client):
    html = client.get("/en/saensuk/").content.decode()
    assert '<html lang="en">' in html
    assert "Saen Suk Town Municipality" in html
    assert "Skip to content" in html
    assert "Developing Nong Mon as a creative economy" in html
    assert "การพัฒนาหนองมน" not in html


def test_platform_front_page_reads_in_thai_and_in_english(demo_home, client):
    thai = client.get("/th/").content.decode()
    assert '<html lang="th">' in thai and "เทศบาลเมืองแสนสุข" in thai and "ชลบุรี" in thai
    english = client.get("/en/").content.decode()
    assert '<html lang="en">' in english
    assert "Saen Suk Town Municipality" in english and "Chonburi" in english
    assert "เทศบาลเมืองแสนสุข" not in english


def test_language_switcher_links_to_the_same_page_in_the_other_language(demo_home, client):
    html = client.get("/th/saensuk/debates/nong-mon-creative-economy/").content.decode()
    assert 'href="/en/saensuk/debates/nong-mon-creative-economy/" hreflang="en"' in html
    assert (
        'href="/th/saensuk/debates/nong-mon-creative-economy/" hreflang="th" lang="th" '
        'aria-current="true"' in html
    )


def test_language_switcher_on_a_page_without_translation_offers_the_other_home(demo_home, client):
    page = demo_home.add_child(instance=InformationPage(title="เฉพาะภาษาไทย", slug="thai-only"))
    page.save_revision().publish()

    html = client.get("/th/saensuk/thai-only/").content.decode()

    assert 'href="/en/" hreflang="en"' in html


def test_search_page_switches_language_keeping_the_query(demo_home, client):
    html = client.get("/th/search/?q=nong").content.decode()
    assert 'href="/en/search/?q=nong" hreflang="en"' in html


@pytest.mark.parametrize("app", OUR_APPS)
def test_every_interface_string_of_ours_has_thai_and_is_compiled(app):
    po_path = REPO / app / "locale" / "th" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []

    compiled = gettext.GNUTranslations(open(po_path.with_suffix(".mo"), "rb"))
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, "run compilemessages"


def test_process_names_are_translated_for_thai_visitors():
    from pb_pages.processes import ProcessType

    with translation.override("th"):
        assert [str(p.label) for p in ProcessType] == [
            "การอภิปราย",
            "ข้อเสนอของประชาชน",
            "การลงคะแนนเสียง",
            "ร่างข้อบัญญัติ",
            "งบประมาณแบบมีส่วนร่วม",
        ]
