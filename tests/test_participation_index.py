"""The participation index on real engines: OpenSearch 2 (Thai) and Elasticsearch 8 (core)."""

import io
import subprocess
import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from consultation_blocks.timing import now
from pb_pages.factories import make_round, make_section
from pb_pages.models import InformationPage
from search.engines import ELASTICSEARCH, OPENSEARCH
from search.index import ParticipationIndex
from search.mapping import MAPPING_VERSION
from search.models import OutboxEntry
from search.outbox import send_all_due
from search.public import text_query
from search.thai import index_text

from .conftest import REPO

pytestmark = pytest.mark.django_db

DARK_LANE = "ถนนในซอยมืดมากควรติดไฟส่องสว่าง"


def _index_at(url, settings):
    name = f"bokrao-test-{uuid.uuid4().hex[:10]}"
    settings.BOKRAO_SEARCH = {"URL": url, "INDEX": name}
    return ParticipationIndex(url, name)


@pytest.fixture
def elasticsearch_index(elasticsearch_url, settings):
    index = _index_at(elasticsearch_url, settings)
    yield index
    index.drop()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _hits(index, query, field=None):
    """Titles of the documents whose `field` (title or text; both without one) has every
    word of `query`, as the public and staff search ask."""
    index.refresh()
    words = text_query(query)
    if field:
        words["multi_match"]["fields"] = [f"{field}_words"]
    result = index.search({"query": words})
    return [hit["_source"]["title"] for hit in result["hits"]["hits"]]


def test_thai_word_in_the_middle_of_a_sentence_is_found(home, participation_index):
    _publish(home, InformationPage(title="ไฟฟ้าในซอย", body=[("paragraph", f"<p>{DARK_LANE}</p>")]))
    _publish(home, InformationPage(title="ตลาดหนองมน", body=[("paragraph", "<p>ขนมหวาน</p>")]))

    assert send_all_due(participation_index) == 2

    assert _hits(participation_index, "ไฟส่องสว่าง") == ["ไฟฟ้าในซอย"]
    assert _hits(participation_index, "ซอย") == ["ไฟฟ้าในซอย"]
    assert _hits(participation_index, "หนองมน", field="title") == ["ตลาดหนองมน"]


@pytest.mark.parametrize("node", ["opensearch", "elasticsearch"])
def test_each_node_kind_indexes_thai_as_the_words_of_the_one_analysis(node, request, settings):
    """OpenSearch 2.19 and the Elasticsearch 8.19 node, which has no Thai tokenizer, keep
    the same words: search/thai.py splits the Thai, the engine only cuts at spaces."""
    index = _index_at(request.getfixturevalue(f"{node}_url"), settings)
    try:
        index.ensure()
        assert index.mapping_version() == MAPPING_VERSION
        words = index_text(DARK_LANE)
        result = index.client.indices.analyze(
            index=index.name, body={"field": "text_words", "text": words}
        )
        tokens = [token["token"] for token in result["tokens"]]
        assert tokens == words.split()
        assert {"ถนน", "ซอย", "มืด", "ไฟส่องสว่าง", "ไฟ", "สว่าง"} <= set(tokens)
        index.bulk([{"_index": index.name, "_id": "c-1", "_source": {"text": DARK_LANE}}])
        index.refresh()
        found = index.search({"query": text_query("ไฟ"), "_source": ["text"]})["hits"]["hits"]
        assert [hit["_id"] for hit in found] == ["c-1"]
        assert index.search({"query": text_query("ฟส่")})["hits"]["hits"] == []
    finally:
        index.drop()


def test_english_query_finds_english_text_through_stemming(home, participation_index):
    _publish(
        home,
        InformationPage(
            title="Dark lanes", body=[("paragraph", "<p>Residents asked for lights.</p>")]
        ),
    )
    send_all_due(participation_index)
    assert _hits(participation_index, "lighting residents") == ["Dark lanes"]
    assert _hits(participation_index, "parking") == []


def test_unpublished_and_deleted_pages_leave_the_index(home, participation_index):
    kept = _publish(home, InformationPage(title="ประกาศหนึ่ง", body=[]))
    withdrawn = _publish(home, InformationPage(title="ประกาศสอง", body=[]))
    removed = _publish(home, InformationPage(title="ประกาศสาม", body=[]))
    send_all_due(participation_index)
    participation_index.refresh()
    assert participation_index.count() == 3

    withdrawn.unpublish()
    removed.delete()
    send_all_due(participation_index)
    participation_index.refresh()

    assert _hits(participation_index, "ประกาศ", field="title") == [kept.title]
    assert participation_index.count() == 1


def test_consultation_documents_carry_their_process_status_and_consultation(
    home, participation_index
):
    section = make_section(home, "budget")
    page = make_round(section, title="งบประมาณ 2571")
    page.save_revision().publish()
    send_all_due(participation_index)
    participation_index.refresh()

    source = participation_index.search({"query": {"term": {"object_id": str(page.pk)}}})["hits"][
        "hits"
    ][0]["_source"]
    assert source["process_type"] == "budget"
    assert source["status"] == "open"
    assert source["consultation"] == str(page.translation_key)
    assert source["locale"] == "th"
    assert "participant" not in source


def _node(command):
    result = subprocess.run(
        ["bash", str(REPO / "search" / "engine" / "node.sh"), command, "opensearch"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.alone  # it stops the node the other tests use
def test_nothing_is_lost_or_doubled_while_the_engine_is_down(home, participation_index):
    _publish(home, InformationPage(title="ก่อนหยุด", body=[]))
    send_all_due(participation_index)

    _node("stop")
    try:
        for number in range(5):
            _publish(home, InformationPage(title=f"ระหว่างหยุด {number}", body=[]))
        failed_at = now()
        index = ParticipationIndex(participation_index.url, participation_index.name)
        sent = send_all_due(index, at=failed_at)
        waiting = list(OutboxEntry.objects.all())
    finally:
        _node("start")

    assert sent == 0
    assert len(waiting) == 5
    assert [entry.attempts for entry in waiting] == [1] * 5, [e.last_error for e in waiting]
    assert all(entry.last_error for entry in waiting)
    assert all(entry.next_attempt_at == failed_at + timedelta(seconds=2) for entry in waiting)

    # Back up, but the backoff holds them until they are due.
    assert send_all_due(index, at=failed_at + timedelta(seconds=1)) == 0
    assert send_all_due(index, at=failed_at + timedelta(seconds=2)) == 5
    assert not OutboxEntry.objects.exists()
    index.refresh()
    assert index.count() == 6

    # Sending a record again replaces its document: stable ids, never two copies.
    for page in InformationPage.objects.all():
        page.save_revision().publish()
    send_all_due(index)
    index.refresh()
    assert index.count() == 6


def test_rebuild_swaps_in_a_new_index_while_search_keeps_answering(demo_home, participation_index):
    call_command("search_rebuild", stdout=io.StringIO())
    before = participation_index.count()
    # 18 Thai and 18 English pages (sections, consultations, information: Saen Suk's 16,
    # Ratchathewi's 2), 59 comments (49 on the drafts' paragraphs), 125 votes (25 supports
    # of proposals, 39 of budget projects, 61 agree / disagree on paragraphs), 9 proposals
    # (the tenth is a draft, never indexed), the 22 projects of the two budget rounds
    # (ballots are secret: never indexed), and the 83 paragraphs of the two drafts'
    # latest versions in Thai and in English (166)
    assert before == 417

    answers, errors, stop = [], [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                answers.append(participation_index.count())
            except Exception as error:  # any failure during the swap is the bug
                errors.append(error)

    def slow_documents(name):
        from search.documents import all_documents

        for action in all_documents(name):
            time.sleep(0.02)
            yield action

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        written = participation_index.rebuild(slow_documents)
    finally:
        stop.set()
        reader.join()

    assert written == before
    assert errors == []
    assert len(answers) > 10
    assert set(answers) == {before}
    assert len(participation_index._indices_behind_alias()) == 1


def test_rebuild_command_reports_progress_and_count(demo_home, participation_index):
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    assert "417/417" in out.getvalue()
    assert "Indexed 417 documents" in out.getvalue()


def test_compare_agrees_after_indexing_and_reports_a_gap(home, participation_index):
    _publish(home, InformationPage(title="หนึ่ง", body=[]))
    send_all_due(participation_index)
    out = io.StringIO()
    call_command("search_compare", stdout=out)
    assert "The index matches the database." in out.getvalue()

    # A page published while the outbox is not drained: the compare shows the gap.
    _publish(home, InformationPage(title="สอง", body=[]))
    with pytest.raises(CommandError, match="differ"):
        call_command("search_compare", stdout=io.StringIO())


def test_aggregations_equal_the_database_counts(demo_home, participation_index):
    from pb_pages.models import ConsultationPage

    call_command("search_rebuild", stdout=io.StringIO())
    result = participation_index.search(
        {
            "size": 0,
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"doc_type": "page"}},
                        {"term": {"locale": "th"}},
                        {"exists": {"field": "status"}},
                    ]
                }
            },
            "aggs": {"processes": {"terms": {"field": "process_type"}}},
        }
    )
    in_index = {b["key"]: b["doc_count"] for b in result["aggregations"]["processes"]["buckets"]}
    in_database = {}
    for page in ConsultationPage.objects.live().filter(locale__language_code="th"):
        in_database[page.process_type] = in_database.get(page.process_type, 0) + 1
    assert in_index == in_database


def test_product_detection_names_each_engine(participation_index, elasticsearch_index):
    assert participation_index.product.name == OPENSEARCH
    assert participation_index.product.wagtail_backend == "modelsearch.backends.opensearch2"
    assert elasticsearch_index.product.name == ELASTICSEARCH
    assert elasticsearch_index.product.wagtail_backend == "modelsearch.backends.elasticsearch8"


def test_elasticsearch_client_path(demo_home, elasticsearch_index):
    """Mapping, bulk, alias swap and aggregations through elasticsearch-py."""
    call_command("search_rebuild", stdout=io.StringIO())
    # 36 pages, 59 comments, 125 votes, 9 proposals (the draft is not indexed), 22
    # budget projects, 166 paragraphs of drafts
    assert elasticsearch_index.count() == 417
    assert _hits(elasticsearch_index, "Nong Mon creative economy", field="title") == [
        "Developing Nong Mon as a creative economy"
    ]
    call_command("search_rebuild", stdout=io.StringIO())
    assert len(elasticsearch_index._indices_behind_alias()) == 1
    out = io.StringIO()
    call_command("search_compare", stdout=out)
    assert "page" in out.getvalue() and "ok" in out.getvalue()


def test_outbox_is_written_in_the_transaction_of_the_change(home, settings):
    """The engine does not even have to exist for a change to be kept for it."""
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}
    page = _publish(home, InformationPage(title="เก็บไว้ก่อน", body=[]))
    assert OutboxEntry.objects.filter(document_type="page", object_id=str(page.pk)).exists()


def test_an_index_of_an_older_mapping_version_asks_for_a_rebuild(home, participation_index):
    """Made before one Thai analysis (no version in its mapping): it keeps answering, and
    search_compare says it differs until search_rebuild makes one of this version."""
    from search.mapping import index_body

    body = index_body()
    del body["mappings"]["_meta"]
    client, name = participation_index.client, participation_index.name
    client.indices.create(index=f"{name}-old", body=body)
    client.indices.update_aliases(
        body={"actions": [{"add": {"index": f"{name}-old", "alias": name}}]}
    )
    assert participation_index.mapping_version() == 1

    out = io.StringIO()
    with pytest.raises(CommandError, match="run search_rebuild"):
        call_command("search_compare", stdout=out)
    assert f"version 1 in the index, {MAPPING_VERSION} in the code" in out.getvalue()

    call_command("search_rebuild", stdout=io.StringIO())
    assert participation_index.mapping_version() == MAPPING_VERSION
    call_command("search_compare", stdout=io.StringIO())
