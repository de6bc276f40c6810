"""One query, one answer, on every search path (decision 022).

A small set written here (not bench/thai_eval's): each text is a document on every path
— a comment in the participation index on OpenSearch and on the Elasticsearch node, a
page in Wagtail's page index on OpenSearch and in the database backend (SQLite, or
PostgreSQL when DATABASE_URL names it) — and each query must find exactly the texts the
set says, the same on all of them.
"""

import io
import uuid

import pytest
from django.core.management import call_command
from modelsearch.backends import get_search_backend

from pb_pages.factories import make_home
from pb_pages.models import InformationPage
from search.engines import client_for
from search.index import ParticipationIndex
from search.public import text_query
from search.queries import search_pages

pytestmark = pytest.mark.django_db

TEXTS = {
    "market": "อยากให้เทศบาลจัดตลาดนัดทุกวันพุธหน้าวัด",
    "lane": "ถนนในซอย ๕ มืดมากควรติดไฟส่องสว่าง",
    "tourism": "ส่งเสริมการท่องเที่ยวชุมชนริมหาด",
    "law": "ร้านค้าต้องทำตามกฎหมายเรื่องขยะ",
    "moto": "เด็กขับมอเตอร์ไซค์เสียงดังตอนกลางคืน",
    "homestay": "โฮมสเตย์ในหมู่บ้านไม่มีไวไฟ",
    "budget": "งบประมาณปี 2567 ของชุมชน",
    "english": "Residents asked for more street lights",
}

# query -> the texts it finds; every other text must not be found.
EXPECTED = {
    "ตลาด": {"market"},  # a word inside a compound
    "ตลาดนัด": {"market"},
    "ไฟ": {"lane"},  # not inside ไวไฟ
    "ไฟส่องสว่าง": {"lane"},
    "ซอย 5": {"lane"},  # Thai digits in the text
    "๒๕๖๗": {"budget"},  # Thai digits in the query
    "ท่อ": set(),  # only inside ท่องเที่ยว
    "ท่องเที่ยว": {"tourism"},
    "หมา": set(),  # only inside กฎหมาย
    "กฎหมาย": {"law"},
    "มอเตอร์ไซค์": {"moto"},  # loanwords
    "โฮมสเตย์": {"homestay"},
    "ไม่มี": {"homestay"},  # common words only: still a query
    "ขยะ ถนน ไฟ": set(),  # two of three words in an unrelated text
    "ชุมชน ริมหาด": {"tourism"},
    "light": {"english"},
    "streets": {"english"},
}


def _answers(find):
    return {query: find(query) for query in EXPECTED}


@pytest.fixture
def pages(db):
    home = make_home()
    made = {}
    for key, text in TEXTS.items():
        page = InformationPage(
            title=f"คำร้อง {len(made) + 1}", body=[("paragraph", f"<p>{text}</p>")]
        )
        made[key] = home.add_child(instance=page)
    return made


def _pages_finder(pages):
    keys = {page.pk: key for key, page in pages.items()}
    return lambda query: {keys[page.pk] for page in search_pages(query, "th") if page.pk in keys}


def test_the_database_backend_gives_the_expected_answers(pages, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert _answers(_pages_finder(pages)) == EXPECTED


def test_the_page_index_on_opensearch_gives_the_same_answers(opensearch_url, settings, db):
    prefix = f"bokrao-test-{uuid.uuid4().hex[:12]}-"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.engine",
            "URLS": [opensearch_url],
            "INDEX_PREFIX": prefix,
        }
    }
    client = client_for(opensearch_url)
    try:
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        pages = {}
        home = make_home()
        for key, text in TEXTS.items():
            page = InformationPage(
                title=f"คำร้อง {len(pages) + 1}", body=[("paragraph", f"<p>{text}</p>")]
            )
            pages[key] = home.add_child(instance=page)
        get_search_backend().refresh_indexes()
        assert _answers(_pages_finder(pages)) == EXPECTED
    finally:
        for name in client.indices.get(index=f"{prefix}*"):
            client.indices.delete(index=name)


@pytest.mark.parametrize("node", ["opensearch", "elasticsearch"])
def test_the_participation_index_gives_the_same_answers_on_each_node_kind(node, request):
    index = ParticipationIndex(
        request.getfixturevalue(f"{node}_url"), f"bokrao-test-{uuid.uuid4().hex[:10]}"
    )
    try:
        index.bulk(
            [
                {"_index": index.name, "_id": key, "_source": {"doc_type": "comment", "text": text}}
                for key, text in TEXTS.items()
            ]
        )
        index.refresh()

        def find(query):
            result = index.search({"query": text_query(query), "size": len(TEXTS)})
            return {hit["_id"] for hit in result["hits"]["hits"]}

        assert _answers(find) == EXPECTED
    finally:
        index.drop()
