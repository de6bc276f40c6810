"""Drafts in the participation index (a real OpenSearch node): staff find comments on a
draft with the paragraph they belong to, as it read in the version they answered; the
public finds a draft by a Thai word of one of its paragraphs and opens that paragraph,
until a version removes it or the draft goes offline; a rebuild restores the paragraphs;
the comment builder's batch costs the same queries for 10 or 20 comments."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from consultation_blocks.comments.services import post_comment
from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts import versions, widgets
from consultation_blocks.drafts.documents import PARAGRAPH, paragraph_id
from consultation_blocks.factories import make_participant
from consultation_blocks.models import Comment
from pb_pages.factories import make_draft, make_section
from search import registry
from search.documents import DOCUMENT_TYPES, count_records
from search.outbox import send_all_due
from search.public import search_participation
from search.rebuild import rebuild_participation_index
from search.staff import search_for_staff

pytestmark = pytest.mark.django_db

TITLE = "ร่างเทศบัญญัติตลาดนัดเทศบาล"
# Paragraph 7 (ข้อ ๔ วรรคหนึ่ง), one run of Thai without spaces: only it says ลูกชิ้น.
STALLS = (
    "ห้ามผู้ใดนำรถเข็นขายลูกชิ้นปิ้งเข้ามาตั้งวางในบริเวณตลาดนัดเทศบาลก่อนเวลาหกนาฬิกาและหลังเวลาสิบแปดนาฬิกาของทุกวัน"
)
FEE = "ผู้ขายในตลาดนัดต้องชำระค่าธรรมเนียมแผงละยี่สิบบาทต่อวัน"
EARLY = "ควรให้ตั้งแผงได้ตั้งแต่ห้านาฬิกาเพราะแม่ค้าต้องเตรียมของ"


def _text(with_stalls=True):
    sections = [
        f.section(
            f"ข้อความวรรคที่ {2 * n + 1} ว่าด้วยการจัดระเบียบตลาดนัดในชุมชน",
            f.paragraph(FEE if n == 1 else f"ข้อความวรรคที่ {2 * n + 2} ว่าด้วยความสะอาด"),
        )
        for n in range(3)
    ]
    sections[1]["value"]["paragraphs"][1]["id"] = "fee"
    if with_stalls:
        sections.append(
            f.section(f.paragraph(STALLS, key="stalls"), "ให้เจ้าพนักงานท้องถิ่นประกาศเวลาเปิดตลาด")
        )
    return [f.chapter("บททั่วไป", *sections)]


@pytest.fixture
def draft(home, participation_index):
    section = make_section(home, "legislation", slug="drafts")
    page = make_draft(section, _text(), slug="market", title=TITLE)
    send_all_due(participation_index)
    participation_index.refresh()
    return page


def _send(index):
    send_all_due(index)
    index.refresh()


def _paragraph_hits(found):
    return [hit for hit in found.hits if hit["kind"] == registry.label_of_type(PARAGRAPH)]


def _paragraph_documents(index, page):
    query = {
        "bool": {"filter": [{"term": {"doc_type": PARAGRAPH}}, {"term": {"page_id": page.pk}}]}
    }
    return index.count(query)


def _comment(name, page, key, text, quote=""):
    return post_comment(
        make_participant(name), page, widgets.comments_widget(key), text, anchor=key, quote=quote
    )


def _version_2_without_stalls(page):
    page.text = _text(with_stalls=False)
    page.save_revision().publish()
    return versions.publish_version(page, None, "ตัดข้อ ๔ ออก")


# Staff: comments with their paragraph


def test_staff_find_a_comment_with_its_paragraph_label_version_and_text(
    draft, participation_index, client
):
    comment = _comment("somchai", draft, "fee", "ยี่สิบบาทแพงไปสำหรับแม่ค้ารายย่อย", quote="แผงละยี่สิบบาท")
    _send(participation_index)

    found = search_for_staff(participation_index, "แม่ค้ารายย่อย", {})

    assert [hit["object_id"] for hit in found.hits] == [str(comment.pk)]
    hit = found.hits[0]
    assert (hit["anchor_label"], hit["anchor_version"]) == ("ข้อ ๒ วรรคสอง", 1)
    assert hit["url"] == f"{draft.url}p/fee/#comment-{comment.pk}"
    # The paragraph as it read in version 1, the quoted words marked.
    assert "<mark>แผงละยี่สิบบาท</mark>" in hit["anchor_text_html"]
    assert hit["title"] == TITLE

    admin = get_user_model().objects.create_superuser("staff", "staff@saensuk.example", "pw")
    client.force_login(admin)
    with translation.override("th"):
        response = client.get(reverse("bokrao_staff_search"), {"q": "แม่ค้ารายย่อย"})
    page = response.content.decode()
    assert "ข้อ ๒ วรรคสอง (ฉบับที่ 1)" in page
    assert f'href="{draft.url}p/fee/#comment-{comment.pk}"' in page
    assert "<mark>แผงละยี่สิบบาท</mark>" in page


def test_a_paragraphs_text_does_not_find_every_comment_on_it(draft, participation_index):
    _comment("somchai", draft, "fee", "แพงไปสำหรับแม่ค้ารายย่อย")
    _send(participation_index)

    # ยี่สิบบาท is in the paragraph, not in the comment: the comment is not a hit.
    assert search_for_staff(participation_index, "ยี่สิบบาท", {}).total == 0


# Public: a draft found by a word of one paragraph opens that paragraph


def test_public_search_finds_a_word_of_paragraph_7_and_opens_that_paragraph(
    draft, participation_index, client
):
    found = search_participation(participation_index, "ลูกชิ้น", {}, "th")

    assert found.total == 1
    hit = found.hits[0]
    assert hit["url"] == f"{draft.url}p/stalls/"
    assert hit["title"] == f"{TITLE} · ข้อ ๔ วรรคหนึ่ง"
    assert hit["snippets"] == [STALLS.replace("ลูกชิ้น", "<mark>ลูกชิ้น</mark>")]
    assert hit["status"] == "open"
    # The search page links the paragraph under the draft's title and its label.
    page = client.get("/th/search/", {"q": "ลูกชิ้น"}).content.decode()
    assert f'href="{draft.url}p/stalls/"' in page
    assert f"{TITLE} · ข้อ ๔ วรรคหนึ่ง" in page
    assert "<mark>ลูกชิ้น</mark>" in page
    # The address opens the paragraph's own page.
    response = client.get(hit["url"])
    assert response.status_code == 200
    assert STALLS in response.content.decode()


def test_after_version_2_removes_the_paragraph_the_word_is_not_found_but_the_comment_is(
    draft, participation_index
):
    comment = _comment("somchai", draft, "stalls", EARLY)
    _send(participation_index)
    assert _paragraph_hits(search_participation(participation_index, "ลูกชิ้น", {}, "th"))

    _version_2_without_stalls(draft)
    # Before the worker's round the index still has it; the results page does not show it.
    assert search_participation(participation_index, "ลูกชิ้น", {}, "th").total == 0
    _send(participation_index)

    assert search_participation(participation_index, "ลูกชิ้น", {}, "th").total == 0
    # Its document is gone from the index, the others are there as version 2 has them.
    assert _paragraph_documents(participation_index, draft) == 6
    found = search_participation(participation_index, "ยี่สิบบาท", {}, "th")
    assert [hit["url"] for hit in found.hits] == [f"{draft.url}p/fee/"]
    # Staff still find the comment, on the paragraph as version 1 had it.
    staff = search_for_staff(participation_index, "ห้านาฬิกา", {})
    assert [hit["object_id"] for hit in staff.hits] == [str(comment.pk)]
    assert (staff.hits[0]["anchor_label"], staff.hits[0]["anchor_version"]) == (
        "ข้อ ๔ วรรคหนึ่ง",
        1,
    )
    assert "ลูกชิ้น" in staff.hits[0]["anchor_text_html"]


def test_a_changed_paragraph_is_found_by_its_new_words_only(draft, participation_index):
    text = _text()
    text[0]["value"]["sections"][3]["value"]["paragraphs"][0]["value"]["text"] = STALLS.replace(
        "ลูกชิ้นปิ้ง", "ไก่ย่าง"
    )
    draft.text = text
    draft.save_revision().publish()
    versions.publish_version(draft, None, "เปลี่ยนตัวอย่างสินค้า")
    _send(participation_index)

    assert search_participation(participation_index, "ลูกชิ้น", {}, "th").total == 0
    found = search_participation(participation_index, "ไก่ย่าง", {}, "th")
    assert [hit["url"] for hit in found.hits] == [f"{draft.url}p/stalls/"]


def test_an_unpublished_draft_is_not_found(draft, participation_index):
    draft.unpublish()

    # The index has not caught up yet: the database says the draft is offline.
    assert search_participation(participation_index, "ลูกชิ้น", {}, "th").total == 0
    _send(participation_index)
    assert _paragraph_documents(participation_index, draft) == 0

    draft.save_revision().publish()
    _send(participation_index)
    assert search_participation(participation_index, "ลูกชิ้น", {}, "th").total == 1


def test_still_public_asks_the_database_once_for_a_page_of_paragraphs(draft):
    ids = [paragraph_id(draft.pk, key) for key in ("stalls", "fee", "no-such-paragraph")]
    ids.append("not-a-paragraph-id")

    with CaptureQueriesContext(connection) as queries:
        public = DOCUMENT_TYPES[PARAGRAPH].still_public(ids)

    assert public == {paragraph_id(draft.pk, "stalls"), paragraph_id(draft.pk, "fee")}
    assert len(queries) <= 2  # the pages with their latest texts, and view restrictions


# The index check and rebuild


def test_a_rebuild_from_the_database_restores_the_paragraphs(draft, participation_index):
    comment = _comment("somchai", draft, "stalls", EARLY)
    _send(participation_index)
    participation_index.drop()

    rebuild_participation_index(participation_index)
    participation_index.refresh()

    assert count_records()[PARAGRAPH] == 8
    assert _paragraph_documents(participation_index, draft) == 8
    found = search_participation(participation_index, "ลูกชิ้น", {}, "th")
    assert [hit["url"] for hit in found.hits] == [f"{draft.url}p/stalls/"]
    staff = search_for_staff(participation_index, "ห้านาฬิกา", {})
    assert staff.hits[0]["anchor_label"] == "ข้อ ๔ วรรคหนึ่ง"
    assert staff.hits[0]["url"] == f"{draft.url}p/stalls/#comment-{comment.pk}"
    out = io.StringIO()
    call_command("search_compare", stdout=out)
    assert re.search(rf"{PARAGRAPH}\s+database\s+8\s+index\s+8\s+ok", out.getvalue())


# The comment builder's batch


def test_the_comment_builder_runs_the_same_queries_for_10_and_20_comments(draft):
    keys = ["fee", "stalls"]
    for n in range(20):
        _comment(f"p{n}", draft, keys[n % 2], f"ความเห็นที่ {n}", quote="ตลาดนัด")
    comments = list(DOCUMENT_TYPES["comment"].records())
    assert len(comments) == 20

    def queries_for(batch):
        build = DOCUMENT_TYPES["comment"].builder()
        with CaptureQueriesContext(connection) as queries:
            documents = [build(comment) for comment in batch]
        assert all(document["anchor_label"] for document in documents)
        return len(queries)

    assert queries_for(comments[:10]) == queries_for(comments)


def test_a_comment_in_english_is_described_from_the_english_text(draft, participation_index):
    from wagtail.models import Locale

    english = draft.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Draft ordinance on the municipal market"
    english.save_revision().publish()  # joins version 1 (follow_translation)
    _send(participation_index)
    comment = _comment("john", english, "fee", "Twenty baht is too much for small vendors")
    _send(participation_index)

    staff = search_for_staff(participation_index, "vendors", {})

    assert [hit["object_id"] for hit in staff.hits] == [str(comment.pk)]
    assert staff.hits[0]["anchor_label"] == "Clause 2 paragraph 2"
    assert staff.hits[0]["url"].startswith(f"{english.url}p/fee/")
    # The English draft's paragraphs are documents of their own.
    assert _paragraph_documents(participation_index, english) == 8
    assert Comment.objects.get().anchor_version == 1
