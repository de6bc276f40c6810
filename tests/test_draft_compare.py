"""The page that shows what changed between two versions of a draft (issue 13)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts import versions
from pb_pages.factories import make_draft, make_section

pytestmark = pytest.mark.django_db

FINE = "ผู้ใดทิ้งขยะมูลฝอยในที่สาธารณะต้องระวางโทษปรับไม่เกินหนึ่งพันบาท"
FINE_RAISED = "ผู้ใดทิ้งขยะมูลฝอยในที่สาธารณะต้องระวางโทษปรับไม่เกินสองพันบาท"
COLLECTION = "เทศบาลเก็บขยะทุกวันจันทร์และวันพฤหัสบดี"
MARKET = "ตลาดนัดหนองมนเปิดทุกวันเสาร์"
FEE = "ค่าธรรมเนียมเก็บขนขยะเดือนละ ๕๐ บาท"


def _text(paragraphs):
    """One section per (key, text): ข้อ ๑, ข้อ ๒, ... in that order."""
    return [f.section(f.paragraph(text, key=key), key=f"s-{key}") for key, text in paragraphs]


def _draft(home, paragraphs):
    return make_draft(make_section(home, "legislation"), _text(paragraphs))


def _publish(page, paragraphs, note="ฉบับแก้ไข"):
    page = type(page).objects.get(pk=page.pk)
    page.text = json.dumps(_text(paragraphs))
    page.save_revision().publish()
    return versions.publish_version(page, None, note)


def _compare(client, page, query=""):
    return client.get(page.url + "compare/" + query)


def test_the_page_marks_the_changed_word_between_the_previous_and_the_latest_version(home, client):
    page = _draft(home, [("fine", FINE), ("days", COLLECTION)])
    _publish(page, [("fine", FINE_RAISED), ("days", COLLECTION)])

    response = _compare(client, page)

    html = response.content.decode()
    assert response.status_code == 200
    assert "ไม่เกิน<del>หนึ่ง</del><ins>สอง</ins>พันบาท" in html
    assert "จากฉบับที่ 1 ถึงฉบับที่ 2" in html
    assert html.count('data-change="changed"') == 1
    assert 'data-change="unchanged"' not in html  # unchanged ones only on request
    assert COLLECTION not in html


def test_a_paragraph_inserted_above_renumbers_the_one_below_without_changing_it(home, client):
    page = _draft(home, [("fine", FINE)])
    _publish(page, [("market", MARKET), ("fine", FINE)])

    html = _compare(client, page, "?from=1&to=2&all=1").content.decode()

    assert html.count('data-change="added"') == 1
    assert html.count('data-change="unchanged"') == 1
    assert 'data-change="changed"' not in html
    assert "เดิมคือ ข้อ ๑" in html  # the paragraph is ข้อ ๒ now


def test_a_removed_paragraph_links_to_the_version_that_had_it(home, client):
    page = _draft(home, [("fine", FINE), ("days", COLLECTION)])
    _publish(page, [("fine", FINE)])

    html = _compare(client, page).content.decode()

    assert f"<del>{COLLECTION}</del>" in html
    assert f'href="{page.url}p/days/?v=1"' in html
    assert "ในฉบับที่ 1" in html  # its label is version 1's


def test_the_counts_per_kind_head_the_page(home, client):
    page = _draft(home, [("fine", FINE), ("days", COLLECTION), ("fee", FEE)])
    _publish(page, [("days", COLLECTION), ("fee", FEE), ("fine", FINE_RAISED), ("market", MARKET)])

    response = _compare(client, page)

    kinds = [(kind, count) for kind, _name, count in response.context["counts"]]
    assert kinds == [("unchanged", 2), ("changed", 0), ("moved", 1), ("added", 1), ("removed", 0)]
    html = response.content.decode()
    assert "ย้ายตำแหน่งและแก้ไข" in html
    assert '<span class="change-kind change-kind--moved">ย้ายตำแหน่ง</span> 1' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=abc&to=2", "ฉบับต้องระบุเป็นเลขจำนวนเต็ม เช่น 1 หรือ 2 ไม่ใช่ “abc”"),
        ("?from=1&to=9", "ร่างนี้ไม่มีฉบับที่ 9 มีเพียงฉบับที่ 1 ถึง 2"),
        ("?from=-1", "ไม่ใช่ “-1”"),
    ],
)
def test_a_bad_version_number_is_refused_in_thai_with_the_pickers(home, client, query, message):
    page = _draft(home, [("fine", FINE)])
    _publish(page, [("fine", FINE_RAISED)])
    assert page.url.startswith("/th/")

    response = _compare(client, page, query)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'name="from"' in html and 'name="to"' in html


def test_a_version_compared_with_itself_has_no_change(home, client):
    page = _draft(home, [("fine", FINE)])
    _publish(page, [("fine", FINE_RAISED)])

    response = _compare(client, page, "?from=2&to=2")

    assert response.status_code == 200
    assert "ไม่มีวรรคใดเปลี่ยนแปลงระหว่างสองฉบับนี้" in response.content.decode()


def _queries_to_compare(client, page):
    _compare(client, page)  # caches of the first request (site, locales) are not the point
    with CaptureQueriesContext(connection) as queries:
        response = _compare(client, page)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_paragraphs(home, client):
    short, long = ([(f"p{n}", f"{COLLECTION} ข้อที่ {n}") for n in range(count)] for count in (10, 20))
    short_page = _draft(home, short)
    _publish(short_page, [(key, text + "แก้ไข") for key, text in short])
    section = make_section(home, "legislation", slug="drafts-2")
    long_page = make_draft(section, _text(long))
    _publish(long_page, [(key, text + "แก้ไข") for key, text in long])

    assert _compare(client, long_page).content.decode().count('data-change="changed"') == 20
    assert _queries_to_compare(client, short_page) == _queries_to_compare(client, long_page)


def test_a_draft_without_a_published_version_says_so(home, client):
    page = make_draft(make_section(home, "legislation"), [], publish=False)

    response = _compare(client, page)

    assert response.status_code == 404
    assert "ร่างนี้ยังไม่มีฉบับที่เผยแพร่" in response.content.decode()
