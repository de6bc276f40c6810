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

# Queries of a comment once the page is known to the process (bench/README.md).
COMMENT_BUDGET = 40


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
    # The page's municipality (municipalities.services.municipality_of) joins the page
    # table to find the home page among the ancestors: not a fetch of the page.
    return [
        sql
        for sql in queries
        if '"wagtailcore_page"' in sql and '"bokrao_blocks_municipality"' not in sql
    ]


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


def _comment(page, participant, text, parent=None):
    from django.contrib.contenttypes.models import ContentType

    from consultation_blocks.models import Comment

    return Comment(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        object_pk=str(page.pk),
        site_id=1,
        user=participant.user,
        comment=text,
        parent_id=parent.pk if parent else 0,
        consultation=page.translation_key,
        widget="w-comments",
        participant=participant,
        verification_level=participant.verification_level,
    )


def _thread_shape(comments):
    """Each comment's place in its thread, by text: what django-comments-xtd keeps."""
    from django_comments_xtd.models import XtdComment

    rows = {row.pk: row for row in XtdComment.objects.filter(pk__in=[c.pk for c in comments])}
    text = {c.pk: c.comment for c in comments}
    return sorted(
        (
            text[pk],
            text[row.thread_id],
            text[row.parent_id],
            row.level,
            row.order,
            row.nested_count,
        )
        for pk, row in rows.items()
    )


def test_a_new_comment_takes_the_place_in_its_thread_that_django_comments_xtd_gives_it(debate):
    """Our save inserts a comment with its thread data in fewer statements; the tree must
    be exactly the one xtd's own save builds, replies between earlier replies included."""
    from django_comments_xtd.models import XtdComment

    somchai = make_participant()

    def post(save, texts):
        made = {}
        for text, parent in texts:
            comment = _comment(debate, somchai, text, made.get(parent))
            save(comment)
            made[text] = comment
        return list(made.values())

    # A reply to an earlier reply goes before the later replies (xtd moves their order).
    conversation = [
        ("A", None),
        ("B", None),
        ("A1", "A"),
        ("A2", "A"),
        ("A1a", "A1"),
        ("B1", "B"),
        ("A1b", "A1"),
        ("A3", "A"),
    ]
    ours = post(lambda comment: comment.save(), conversation)
    by_xtd = post(
        lambda comment: XtdComment.save(comment),
        [(f"x{t}", p and f"x{p}") for t, p in conversation],
    )

    assert _thread_shape(ours) == [
        (text[1:], thread[1:], parent[1:], level, order, nested)
        for text, thread, parent, level, order, nested in _thread_shape(by_xtd)
    ]
    assert [row[3:] for row in _thread_shape(ours) if row[0] == "A"] == [(0, 1, 5)]


def test_posting_a_comment_and_a_reply_stays_within_its_query_budget(debate, client):
    client.force_login(make_participant().user)
    form = {"page": debate.pk, "widget": "w-comments", "text": "ขอไฟส่องสว่างในซอย"}
    pages.live_page(debate.pk)  # as after the first request of a server process

    posted, first = _post(client, "/th/participate/comment/", form)
    replied, reply = _post(
        client,
        "/th/participate/comment/",
        {**form, "text": "เห็นด้วยครับ", "parent": posted.json()["id"]},
    )

    assert posted.status_code == replied.status_code == 201
    # xtd's own save: 3 INSERTs, then 3 queries of its pre_save handler and 3 UPDATEs.
    xtd_updates = [sql for sql in first if sql.startswith('UPDATE "django_comments_xtd')]
    assert len(xtd_updates) == 1, _listing(first)
    # One transaction (here a savepoint inside the test's): xtd's own atomic() is gone.
    assert sum(sql.startswith("SAVEPOINT") for sql in reply) == 1, _listing(reply)
    assert len(first) <= COMMENT_BUDGET, _listing(first)
    assert len(reply) <= COMMENT_BUDGET + 5, _listing(reply)


def test_finding_a_widget_does_not_build_the_rest_of_a_long_body(home, monkeypatch):
    import json

    from consultation_blocks import walker
    from consultation_blocks.widgets.blocks import find_widget

    paragraphs = [
        {"type": "paragraph", "value": f"<p>ข้อ {n}</p>", "id": f"p-{n}"} for n in range(200)
    ]
    body = paragraphs + json.loads(widget_body(widget("agree_disagree", "w-agree")))
    page = make_consultation(make_section(home, "debate", slug="debates"), body=json.dumps(body))
    page = DebatePage.objects.get(pk=page.pk)
    paragraph = page.body.stream_block.child_blocks["paragraph"]

    def built(values):
        raise AssertionError("the paragraphs were built to find the widget")

    monkeypatch.setattr(paragraph, "bulk_to_python", built)
    block, value = find_widget(page, "w-agree")

    assert value["question"] == "เห็นด้วยหรือไม่"
    monkeypatch.undo()
    # An anchor is a paragraph: found the same way, and the walk still finds any block.
    assert walker.find(page, "p-150").path == ("p-150",)
    assert [found.id for found in walker.walk(page.body) if found.id][-1] == "w-agree"
