"""What casting a vote and posting a comment ask of the database.

bench/participation_http.py measures the throughput; these tests hold the queries that
the benchmark's profile (bench/README.md) showed to be the cost: the page fetched once,
its translation source known from that fetch, and a budget of queries per request, so
that a change which adds one shows here with the queries it sent.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.models import Vote
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import ConsultationPage, DebatePage
from theme import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate(home):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(
        section,
        slug="nong-mon",
        body=widget_body(
            widget("agree_disagree", "w-agree", allow_neutral=True),
            comment_widget("w-comments"),
        ),
    )
    page.save_revision().publish()
    return page


def _post(client, path, form):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, form, HTTP_ACCEPT="application/json")
    return response, [query["sql"] for query in captured.captured_queries]


def _listing(queries):
    return "\n".join(f"  {sql[:160]}" for sql in queries)


def _page_queries(queries):
    return [sql for sql in queries if '"wagtailcore_page"' in sql]


def test_a_page_met_before_is_fetched_in_one_query_as_its_specific_class(debate, client):
    pages._page_classes.clear()
    client.force_login(make_participant().user)
    form = {"page": debate.pk, "widget": "w-agree", "choice": "agree"}

    first, first_queries = _post(client, "/th/participate/vote/", form)
    again, again_queries = _post(client, "/th/participate/vote/", {**form, "choice": "disagree"})

    assert first.status_code == again.status_code == 200
    # Wagtail's specific() asks the page's type, then its row; the next time, only the row.
    assert len(_page_queries(first_queries)) == 2, _listing(first_queries)
    assert len(_page_queries(again_queries)) == 1, _listing(again_queries)
    assert Vote.objects.get().choices == ["disagree"]


def test_a_remembered_class_that_is_not_the_page_s_own_is_not_taken_for_it(debate):
    # An id can come back with another page type (SQLite reuses the highest id); a
    # debate's row is also in its parent classes' tables, so only its type tells.
    pages._page_classes[debate.pk] = ConsultationPage

    found = pages.live_page(debate.pk)

    assert type(found) is DebatePage
    assert found.pk == debate.pk
    assert pages._page_classes[debate.pk] is DebatePage


def test_a_page_that_is_no_longer_live_is_not_found_though_remembered(debate):
    assert pages.live_page(debate.pk) is not None
    debate.unpublish()

    assert pages.live_page(debate.pk) is None


def test_the_source_page_is_known_as_its_own_source_without_asking_its_translations(debate):
    page = pages.live_page(debate.pk)

    with CaptureQueriesContext(connection) as captured:
        assert pages.source_of(page) is page

    assert captured.captured_queries == []
