"""Page search finds Thai words inside sentences.

Thai has no spaces between words. Without an engine, Wagtail's database backend
searches it (fallback mode, shown on the dashboard); with one, Elasticsearch or
OpenSearch (whichever answers). Both get the words of the one Thai analysis
(search/thai.py, tested in test_thai_analysis.py). The same queries are asked of both.
"""

import io
import socket
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend
from wagtail.models import Page
from wagtail.users.models import UserProfile

from pb_pages.factories import make_home
from pb_pages.models import InformationPage
from search.backends import engine
from search.engines import ELASTICSEARCH, OPENSEARCH, client_for, product_for
from search.queries import search_pages
from search.thai import index_text, query_text

pytestmark = pytest.mark.django_db

DARK_LANE = "ถนนในซอยมืดมากควรติดไฟส่องสว่าง"  # "the lane is very dark, it needs street lights"
FALLBACK_NOTICE_TH = "การค้นหาใช้ฐานข้อมูล (โหมดสำรอง)"
FALLBACK_NOTICE_EN = "Search runs on the database (fallback mode)"


def _publish_pages():
    home = make_home()

    def page(title, *paragraphs):
        body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
        return home.add_child(instance=InformationPage(title=title, body=body))

    return {
        "lane": page("คำร้องจากชาวบ้าน", DARK_LANE, "Residents asked for street lights."),
        "park": page("แผนปรับปรุงสวนสาธารณะริมหาดบางแสน", "เชิญร่วมแสดงความคิดเห็น"),
        "market": page("ตลาดหนองมน", "ขนมหวานและอาหารทะเล"),
    }


def found(query):
    return {page.title for page in search_pages(query, "th")}


# --- the database (fallback mode) ------------------------------------------------


@pytest.fixture
def on_database(settings):
    """Pages indexed by the database backend, whatever the environment configures."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    return _publish_pages()


def test_thai_word_inside_a_sentence_finds_the_page_on_the_database(on_database):
    assert found("ไฟส่องสว่าง") == {"คำร้องจากชาวบ้าน"}


def test_thai_word_from_the_middle_of_a_title_finds_the_page_on_the_database(on_database):
    assert found("สวนสาธารณะ") == {"แผนปรับปรุงสวนสาธารณะริมหาดบางแสน"}


def test_thai_word_inside_a_compound_word_finds_the_page_on_the_database(on_database):
    # PyThaiNLP keeps ริมหาด (beachside) as one word; หาด (beach) is indexed too.
    assert found("หาด") == {"แผนปรับปรุงสวนสาธารณะริมหาดบางแสน"}


def test_english_word_finds_the_page_on_the_database(on_database):
    assert found("lights") == {"คำร้องจากชาวบ้าน"}


def test_page_without_the_word_is_not_found_on_the_database(on_database):
    assert found("ขนมหวาน") == {"ตลาดหนองมน"}
    assert "ตลาดหนองมน" not in found("ไฟส่องสว่าง")
    assert found("ไฟฉาย") == set()  # a torch: ไฟ is there, ฉาย is not


def test_autocomplete_finds_a_thai_word_being_typed_on_the_database(on_database):
    titles = {page.title for page in Page.objects.live().autocomplete("สวนสา")}
    assert titles == {"แผนปรับปรุงสวนสาธารณะริมหาดบางแสน"}


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("somsri", "somsri@example.org", "pw")
    client.force_login(user)
    return user


def _speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_admin_page_search_finds_a_thai_word_inside_a_title(on_database, client, staff):
    # The admin searches titles as they are typed (autocomplete).
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "หาด"})
    html = response.content.decode()
    assert "แผนปรับปรุงสวนสาธารณะริมหาดบางแสน" in html
    assert "ตลาดหนองมน" not in html


def test_dashboard_tells_staff_search_runs_on_the_database(on_database, client, staff):
    _speaks(staff, "th")
    assert FALLBACK_NOTICE_TH in client.get(reverse("wagtailadmin_home")).content.decode()
    _speaks(staff, "en")
    assert FALLBACK_NOTICE_EN in client.get(reverse("wagtailadmin_home")).content.decode()


# --- a real OpenSearch node ------------------------------------------------------


@pytest.fixture
def on_opensearch(opensearch_url, settings, db):
    """Pages indexed on the local OpenSearch node, in indexes of their own."""
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
        # Creates the (empty) indexes with our analysis; publishing then indexes each page.
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        pages = _publish_pages()
        get_search_backend().refresh_indexes()
        yield {"pages": pages, "client": client, "page_index": f"{prefix}wagtailcore_page"}
    finally:
        for name in client.indices.get(index=f"{prefix}*"):
            client.indices.delete(index=name)


def test_engine_analyzer_splits_a_thai_sentence_into_words(on_opensearch):
    client, index = on_opensearch["client"], on_opensearch["page_index"]
    # The analyzer Wagtail's catch-all text field uses in our index, when indexing...
    # is given the words of search/thai.py and keeps them as they are ...
    words = index_text(DARK_LANE)
    indexed = client.indices.analyze(index=index, body={"field": "_all_text", "text": words})
    tokens = [token["token"] for token in indexed["tokens"]]
    assert tokens == words.split()
    assert {"ถนน", "ซอย", "ไฟส่องสว่าง", "ไฟ", "ส่อง", "สว่าง"} <= set(tokens)
    # ... and so does the search analyzer with a query's words.
    query = client.indices.analyze(
        index=index, body={"analyzer": "default_search", "text": query_text("ไฟ สว่าง")}
    )
    assert [token["token"] for token in query["tokens"]] == ["ไฟ", "สว่าง"]


def test_thai_word_inside_a_sentence_finds_the_page_on_opensearch(on_opensearch):
    assert found("ไฟส่องสว่าง") == {"คำร้องจากชาวบ้าน"}


def test_thai_word_from_the_middle_of_a_title_finds_the_page_on_opensearch(on_opensearch):
    assert found("สวนสาธารณะ") == {"แผนปรับปรุงสวนสาธารณะริมหาดบางแสน"}
    assert found("หาด") == {"แผนปรับปรุงสวนสาธารณะริมหาดบางแสน"}


def test_english_word_finds_the_page_on_opensearch_stemmed(on_opensearch):
    assert found("lights") == {"คำร้องจากชาวบ้าน"}
    assert found("light") == {"คำร้องจากชาวบ้าน"}


def test_page_without_the_word_is_not_found_on_opensearch(on_opensearch):
    assert found("ขนมหวาน") == {"ตลาดหนองมน"}
    assert "ตลาดหนองมน" not in found("ไฟส่องสว่าง")
    assert found("ไฟฉาย") == set()


def test_autocomplete_finds_a_thai_word_being_typed_on_opensearch(on_opensearch):
    titles = {page.title for page in Page.objects.live().autocomplete("สวนสา")}
    assert titles == {"แผนปรับปรุงสวนสาธารณะริมหาดบางแสน"}


def test_dashboard_has_no_fallback_notice_with_an_engine(on_opensearch, client, staff):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert FALLBACK_NOTICE_TH not in html and FALLBACK_NOTICE_EN not in html


# --- which backend for which engine ----------------------------------------------


def test_opensearch_node_gets_wagtails_opensearch_backend(opensearch_url):
    product = product_for(opensearch_url)
    assert (product.name, product.major) == (OPENSEARCH, 2)
    backend = engine.SearchBackend({"URLS": [opensearch_url]})
    # An OpenSearch 2 server, but we pin opensearch-py 3, which only modelsearch's
    # opensearch3 backend speaks (its opensearch2 backend calls the opensearch-py 2 API).
    # (Ours in front of it: it creates its index with our analysis, search/backends/engine.py.)
    assert isinstance(backend, OpenSearch3SearchBackend)


def test_elasticsearch_node_gets_wagtails_elasticsearch8_backend(elasticsearch_url):
    product = product_for(elasticsearch_url)
    assert (product.name, product.major) == (ELASTICSEARCH, 8)
    backend = engine.SearchBackend({"URLS": [elasticsearch_url]})
    assert isinstance(backend, Elasticsearch8SearchBackend)


def test_engine_backend_cuts_the_words_of_the_one_analysis_at_spaces(opensearch_url):
    analysis = engine.SearchBackend({"URLS": [opensearch_url]}).settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {"type": "whitespace"}
    assert analysis["analyzer"]["edgengram_analyzer"]["tokenizer"] == "whitespace"


def test_search_falls_back_to_the_database_when_no_engine_answers(caplog):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}"
    backend = engine.SearchBackend({"URLS": [url]})
    assert not isinstance(backend, ElasticsearchBaseSearchBackend)
    assert backend.segments_thai
    assert "runs on the database" in caplog.text
