"""Search while the engine is down and once it is back, and hidden means hidden.

A real OpenSearch node (tests/conftest.py); an outage is an address where nothing
listens, or an index the engine does not have. Nothing of the engine is replaced: the
worker's waits are recorded instead of slept, as in test_search_worker.py.
"""

import io
import socket
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import now
from wagtail.models import PageViewRestriction

from consultation_blocks.comments import moderation
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import InformationPage
from search import health
from search.index import ParticipationIndex
from search.management.commands import search_worker
from search.models import OutboxEntry
from search.outbox import ENGINE_AWAY, send_all_due, send_due, send_waiting
from search.public import search_participation

pytestmark = pytest.mark.django_db

NOTICE_TH = "ขณะนี้ระบบค้นหาทำงานในโหมดแบบง่าย"
POTHOLE = "ถนนหน้าตลาดเป็นหลุมใหญ่มาก"
RUDE = "ถนนหน้าตลาดเป็นหลุมเพราะเทศบาลขี้เกียจ"


@pytest.fixture
def nobody_listens():
    """The address of a port nothing listens on: connection refused."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{free.getsockname()[1]}"


def _published(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _send(index):
    send_all_due(index)
    index.refresh()


def _page_search_on_the_engine(settings, url, prefix):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.engine", "URLS": [url], "INDEX_PREFIX": prefix}
    }


# --- Public search never answers 500 ----------------------------------------------


def test_with_the_engine_unreachable_public_search_answers_database_pages_with_a_notice(
    home, nobody_listens, settings, client
):
    settings.BOKRAO_SEARCH = {"URL": nobody_listens, "INDEX": "unreachable"}
    # As a site with ELASTICSEARCH_URL is set up: Wagtail's page search on the engine too.
    _page_search_on_the_engine(settings, nobody_listens, "bokrao-test-down-")
    _published(home, InformationPage(title="ไฟส่องสว่างซอยวัด", body=[]))
    _published(home, InformationPage(title="ตลาดนัดวันเสาร์", body=[]))

    response = client.get("/th/search/", {"q": "ไฟส่องสว่าง"})

    assert response.status_code == 200
    assert response.context["engine_down"] is True
    assert NOTICE_TH in response.content.decode()
    assert [page.title for page in response.context["results"]] == ["ไฟส่องสว่างซอยวัด"]
    assert health.marked_down(nobody_listens)


def test_the_fallback_finds_whole_words_of_titles_not_letters_inside_other_words(
    home, nobody_listens, settings, client
):
    settings.BOKRAO_SEARCH = {"URL": nobody_listens, "INDEX": "unreachable"}
    _page_search_on_the_engine(settings, nobody_listens, "bokrao-test-down-")
    _published(home, InformationPage(title="ส่งเสริมการท่องเที่ยวชุมชน", body=[]))
    _published(home, InformationPage(title="ลอกท่อระบายน้ำซอย ๕", body=[]))
    _published(home, InformationPage(title="รถรับส่งนักเรียน", body=[]))

    def titles(query):
        response = client.get("/th/search/", {"q": query})
        assert response.status_code == 200 and response.context["engine_down"] is True
        return [page.title for page in response.context["results"]]

    # ท่อ's letters begin ท่องเที่ยว: only whole words of a title count; ๕ is 5.
    assert titles("ท่อ") == ["ลอกท่อระบายน้ำซอย ๕"]
    assert titles("ท่องเที่ยว") == ["ส่งเสริมการท่องเที่ยวชุมชน"]
    assert titles("ซอย 5") == ["ลอกท่อระบายน้ำซอย ๕"]
    assert titles("รถ นักเรียน") == ["รถรับส่งนักเรียน"]
    assert titles("รถ ท่อ") == []


def test_english_visitors_read_the_notice_in_english(home, nobody_listens, settings, client):
    settings.BOKRAO_SEARCH = {"URL": nobody_listens, "INDEX": "unreachable"}

    html = client.get("/en/search/", {"q": "lights"}).content.decode()

    assert "Search is running in a simpler mode for now; results may be less precise." in html


def test_an_index_the_engine_does_not_have_gives_database_pages_not_an_error(
    home, opensearch_url, settings, client
):
    _published(home, InformationPage(title="ไฟส่องสว่างซอยวัด", body=[]))
    # The engine answers, but neither the participation index nor Wagtail's page index
    # is there (deleted, never made): before, the page search fallback failed with a 500.
    settings.BOKRAO_SEARCH = {"URL": opensearch_url, "INDEX": "bokrao-test-no-such-index"}
    _page_search_on_the_engine(settings, opensearch_url, "bokrao-test-no-such-prefix-")

    response = client.get("/th/search/", {"q": "ไฟส่องสว่าง"})

    assert response.status_code == 200
    assert response.context["engine_down"] is True
    assert NOTICE_TH in response.content.decode()
    assert [page.title for page in response.context["results"]] == ["ไฟส่องสว่างซอยวัด"]


def test_a_failed_engine_is_left_alone_for_a_moment_then_asked_again(
    home, participation_index, client
):
    _published(home, InformationPage(title="ประกาศเทศบาล", body=[]))
    _send(participation_index)
    url = participation_index.url

    health.mark_down(url, "failed just now")
    moments_ago = client.get("/th/search/", {"q": "ประกาศ"})
    # The engine would answer, but is not asked while the mark is fresh: the database is.
    assert moments_ago.context["engine_down"] is True
    assert "found" not in moments_ago.context
    assert [page.title for page in moments_ago.context["results"]] == ["ประกาศเทศบาล"]

    health.mark_down(url, "failed a while ago", at=now() - timedelta(seconds=6))
    later = client.get("/th/search/", {"q": "ประกาศ"})

    assert later.context["engine_down"] is False
    assert [hit["title"] for hit in later.context["found"].hits] == ["ประกาศเทศบาล"]
    assert not health.marked_down(url)


def test_staff_search_uses_the_same_down_mark(participation_index, client):
    staff = get_user_model().objects.create_superuser("staff", "staff@saensuk.example", "pw")
    client.force_login(staff)
    health.mark_down(participation_index.url, "failed just now")

    response = client.get(reverse("bokrao_staff_search"), {"q": "หลุม"})

    assert response.status_code == 200
    assert response.context["engine_down"] is True
    assert response.context["found"] is None


# --- The worker after an outage ------------------------------------------------------


def _backed_off_to_the_ceiling(url, name):
    """Fail against `url` until every entry waits the longest back-off (300 s)."""
    index, due = ParticipationIndex(url, name), now()
    for _attempt in range(9):
        tried_at = due
        assert send_due(index, at=tried_at) == 0
        due = min(entry.next_attempt_at for entry in OutboxEntry.objects.all())
    return tried_at


def test_the_worker_sends_entries_backed_off_for_300_s_the_round_the_engine_answers(
    home, participation_index, nobody_listens, settings, monkeypatch
):
    real = settings.BOKRAO_SEARCH
    for number in range(3):
        _published(home, InformationPage(title=f"ระหว่างหยุด {number}", body=[]))
    last_try = _backed_off_to_the_ceiling(nobody_listens, participation_index.name)
    waiting = list(OutboxEntry.objects.all())
    assert len(waiting) == 3
    assert all(entry.next_attempt_at - last_try == timedelta(seconds=300) for entry in waiting)
    assert all(entry.last_error.startswith(ENGINE_AWAY) for entry in waiting)

    # The worker's first round finds the engine still away; before its second, the
    # engine answers (at the test node's address).
    settings.BOKRAO_SEARCH = {**real, "URL": nobody_listens}
    rounds = []

    def sleep(seconds):
        rounds.append(OutboxEntry.objects.count())
        if len(rounds) == 1:
            settings.BOKRAO_SEARCH = real
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(search_worker.time, "sleep", sleep)
    out = io.StringIO()
    call_command("search_worker", stdout=out, stderr=io.StringIO())

    assert rounds == [3, 0]
    assert "Sent 3 index updates." in out.getvalue()
    participation_index.refresh()
    assert participation_index.count() == 3


def test_once_sends_every_waiting_entry_in_every_batch_when_the_engine_answers(
    home, participation_index, nobody_listens, settings
):
    real = {**settings.BOKRAO_SEARCH, "OUTBOX_BATCH": 2}
    for number in range(5):
        _published(home, InformationPage(title=f"ประกาศ {number}", body=[]))
    # Backed off after a refusal (the engine answered): --once sends them anyway.
    OutboxEntry.objects.update(
        attempts=9, next_attempt_at=now() + timedelta(seconds=300), last_error="refused"
    )

    settings.BOKRAO_SEARCH = {**real, "URL": nobody_listens}
    call_command("search_worker", "--once", stdout=io.StringIO(), stderr=io.StringIO())
    assert OutboxEntry.objects.filter(attempts=9).count() == 5  # away: kept as they were

    settings.BOKRAO_SEARCH = real
    out = io.StringIO()
    call_command("search_worker", "--once", stdout=out, stderr=io.StringIO())

    assert "Sent 5 index updates." in out.getvalue()
    assert not OutboxEntry.objects.exists()
    participation_index.refresh()
    assert participation_index.count() == 5


def test_entries_an_answering_engine_refused_keep_their_back_off(
    home, participation_index, settings
):
    _published(home, InformationPage(title="ประกาศ", body=[]))
    OutboxEntry.objects.update(
        attempts=3, next_attempt_at=now() + timedelta(seconds=8), last_error="refused"
    )

    assert send_waiting(participation_index) == 0
    assert OutboxEntry.objects.get().attempts == 3


# --- Hidden means hidden, before the worker has sent the change ---------------------


@pytest.fixture
def talk(home, participation_index):
    section = make_section(home, "debate", slug="debates")
    section.save_revision().publish()
    page = make_consultation(
        section, slug="market", title="ตลาดสด", body=widget_body(comment_widget("w-talk"))
    )
    page.save_revision().publish()
    somchai, malee = make_participant("somchai"), make_participant("malee")
    comments = {
        "pothole": post_comment(somchai, page, "w-talk", POTHOLE),
        "rude": post_comment(malee, page, "w-talk", RUDE),
    }
    _send(participation_index)
    return {"page": page, **comments}


def _found(client, query="หลุม"):
    return client.get("/th/search/", {"q": query}).context["found"]


def _comment_ids(found):
    return {hit["url"].split("#comment-")[1] for hit in found.hits if "#comment-" in hit["url"]}


def test_a_comment_hidden_by_a_moderator_is_absent_from_public_search_before_the_worker_runs(
    talk, client
):
    pothole, rude = str(talk["pothole"].pk), str(talk["rude"].pk)
    assert _comment_ids(_found(client)) == {pothole, rude}

    moderation.hide(None, talk["rude"], "ไม่สุภาพ")
    assert OutboxEntry.objects.filter(object_id=rude).exists()  # not sent: the index has it

    found = _found(client)
    assert _comment_ids(found) == {pothole}
    assert RUDE not in " ".join(snippet for hit in found.hits for snippet in hit["snippets"])
    assert found.total == 1
    counts = {o["key"]: o["count"] for o in found.facets["process_type"]["options"]}
    assert counts == {"debate": 1}


def test_the_comments_of_a_blocked_participant_are_absent_before_the_worker_runs(talk, client):
    moderation.block(None, talk["rude"].participant, "สแปม")

    assert _comment_ids(_found(client)) == {str(talk["pothole"].pk)}


def test_a_page_unpublished_or_made_private_leaves_public_search_with_its_comments(
    talk, home, client
):
    notice = _published(home, InformationPage(title="ประกาศตลาดสด", body=[]))
    call_command("search_worker", "--once", stdout=io.StringIO(), stderr=io.StringIO())
    ParticipationIndex().refresh()
    assert {hit["title"] for hit in _found(client, "ตลาดสด").hits} == {"ตลาดสด", "ประกาศตลาดสด"}

    PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    talk["page"].unpublish()

    assert _found(client, "ตลาดสด").hits == []
    assert _comment_ids(_found(client)) == set()


def test_checking_the_hits_costs_the_same_queries_for_two_hits_or_twenty(home, participation_index):
    for number in range(2):
        _published(home, InformationPage(title=f"ประกาศน้อย {number}", body=[]))
    for number in range(20):
        _published(home, InformationPage(title=f"ข่าวมาก {number}", body=[]))
    _send(participation_index)

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            found = search_participation(participation_index, query, {}, "th")
        return len(found.hits), len(captured)

    (few, few_queries), (many, many_queries) = queries("ประกาศน้อย"), queries("ข่าวมาก")

    assert (few, many) == (2, 20)
    assert few_queries == many_queries


def test_every_public_document_type_says_what_is_still_public(monkeypatch):
    from search import checks, registry

    assert registry.lacks_still_public() == []
    assert checks.check_public_types_say_what_is_still_public() == []

    class Proposals(registry.DocumentType):
        name, public = "proposal", True

    monkeypatch.setitem(registry.DOCUMENT_TYPES, "proposal", Proposals())

    errors = checks.check_public_types_say_what_is_still_public()
    assert [error.id for error in errors] == ["bokrao_search.E001"]
    assert "'proposal'" in errors[0].msg
    # Until its app says, nothing of it is shown.
    assert registry.still_public([("proposal", "1"), ("vote", "2")]) == set()
