"""Hidden results stay hidden in every answer.

A widget shows its results while open ("live"), only after closing, or never (staff read
them in the participation report, tests/test_permission_matrix.py). While they are
hidden, no answer carries them: not the page, not the JSON answer to a vote or to a
reaction, not public search (its hits nor its facet counts), not a participant's data
download (their own answers, never totals).
"""

import json
from datetime import timedelta

import pytest

from consultation_blocks.comments.documents import CommentDocuments
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.privacy.export import my_data
from consultation_blocks.timing import frozen_at, now
from consultation_blocks.widgets import rules
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section
from search.outbox import send_all_due
from search.public import search_participation
from search.staff import search_for_staff

pytestmark = pytest.mark.django_db

HIDDEN = ["never", "after_closing"]


def _consultation(home, results, closes_at=None, slug="lamps"):
    section = make_section(home, "debate", slug=f"debates-{slug}")
    page = make_consultation(
        section,
        slug=slug,
        title=f"ไฟส่องสว่าง {slug}",
        body=widget_body(
            widget("agree_disagree", "vote", results=results, closes_at=closes_at),
            comment_widget("talk", results=results, closes_at=closes_at),
        ),
    )
    page.save_revision().publish()
    return page


def _two_votes(page):
    cast_vote(make_participant("voter1"), page, "vote", "agree")
    cast_vote(make_participant("voter2"), page, "vote", "disagree")


def _vote_json(client, page):
    return client.post(
        "/en/participate/vote/",
        {"page": page.pk, "widget": "vote", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )


# The page and the JSON answer to a vote


@pytest.mark.parametrize("results", HIDDEN)
def test_the_page_shows_no_counts_while_results_are_hidden(results, home, client):
    page = _consultation(home, results)
    _two_votes(page)
    client.force_login(make_participant("reader").user)
    html = client.get(page.url).content.decode()
    assert "data-result=" not in html and "widget__results" not in html


def test_the_page_shows_the_counts_of_live_results(home, client):
    page = _consultation(home, "live")
    _two_votes(page)
    html = client.get(page.url).content.decode()
    assert 'data-result="agree">1<' in html and 'data-result="disagree">1<' in html


def test_results_after_closing_show_once_the_widget_has_closed(home, client):
    closes = now() + timedelta(days=1)
    page = _consultation(home, "after_closing", closes_at=closes.isoformat())
    _two_votes(page)
    assert "data-result=" not in client.get(page.url).content.decode()
    with frozen_at(closes + timedelta(hours=1)):
        html = client.get(page.url).content.decode()
    assert 'data-result="agree">1<' in html


@pytest.mark.parametrize("results", HIDDEN)
def test_the_json_answer_to_a_vote_carries_no_counts_while_results_are_hidden(
    results, home, client
):
    page = _consultation(home, results)
    _two_votes(page)
    client.force_login(make_participant("voter3").user)
    answer = _vote_json(client, page).json()
    assert answer == {
        "ok": True,
        "message": "Your vote was saved. You can change it while voting is open.",
    }


def test_the_json_answer_to_a_vote_carries_live_counts(home, client):
    page = _consultation(home, "live")
    _two_votes(page)
    client.force_login(make_participant("voter3").user)
    assert _vote_json(client, page).json()["choices"] == {"agree": 2, "disagree": 1}


# Reactions to the comments of a widget whose results are hidden


@pytest.mark.parametrize("results, counted", [("never", False), ("live", True)])
def test_the_json_answer_to_a_reaction_carries_counts_only_when_comments_are_shown(
    results, counted, home, client
):
    page = _consultation(home, results)
    comment = post_comment(make_participant("author"), page, "talk", "ซอยมืดมาก")
    client.force_login(make_participant("reader").user)
    response = client.post(
        f"/en/participate/comment/{comment.pk}/react/",
        {"kind": "like"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    expected = {"ok": True, "like": 1, "dislike": 0} if counted else {"ok": True}
    assert response.json() == expected


# The participation index: what public search reads


def test_a_comment_document_says_from_when_the_public_may_read_it(home):
    closes = now() + timedelta(days=3)
    documents = CommentDocuments()
    for results, slug, expected in [
        ("live", "live", None),
        ("never", "never", rules.NEVER),
        ("after_closing", "after", closes),
    ]:
        page = _consultation(home, results, closes_at=closes.isoformat(), slug=slug)
        comment = post_comment(make_participant(f"author-{slug}"), page, "talk", "ซอยมืดมาก")
        assert documents.document(comment).get("public_from") == expected, results


def test_public_search_leaves_out_comments_of_a_widget_whose_results_are_hidden(
    home, participation_index
):
    shown = _consultation(home, "live", slug="shown")
    never = _consultation(home, "never", slug="never")
    later = _consultation(
        home, "after_closing", closes_at=(now() + timedelta(days=3)).isoformat(), slug="later"
    )
    closed_at = now() - timedelta(hours=1)
    closed = _consultation(home, "after_closing", closes_at=closed_at.isoformat(), slug="closed")
    for number, page in enumerate([shown, never, later]):
        post_comment(make_participant(f"author{number}"), page, "talk", "ถนนหนองมนมืดมาก")
    with frozen_at(closed_at - timedelta(hours=1)):
        # Indexed while the widget was open: the document says it is public from closing.
        post_comment(make_participant("early"), closed, "talk", "ถนนหนองมนมืดมาก")
        send_all_due(participation_index)
    send_all_due(participation_index)
    participation_index.refresh()

    found = search_participation(participation_index, "หนองมน", {}, "th")
    assert sorted(hit["url"].split("#")[0] for hit in found.hits) == sorted([shown.url, closed.url])
    consultations = {o["key"]: o["count"] for o in found.facets["consultation"]["options"]}
    assert consultations == {str(shown.translation_key): 1, str(closed.translation_key): 1}

    # Staff still find every one of them.
    assert search_for_staff(participation_index, "หนองมน", {}).total == 4


def test_an_index_made_before_public_from_existed_gets_the_field(participation_index):
    """Its mapping is strict: without the field, every comment document would be refused."""
    from search.index import ParticipationIndex
    from search.mapping import index_body

    body = index_body()
    del body["mappings"]["properties"]["public_from"]
    client, name = participation_index.client, participation_index.name
    concrete = f"{name}-old"
    client.indices.create(index=concrete, body=body)
    client.indices.update_aliases(body={"actions": [{"add": {"index": concrete, "alias": name}}]})

    upgraded = ParticipationIndex(participation_index.url, name)
    upgraded.bulk(
        [{"_index": name, "_id": "c-1", "_source": {"doc_type": "comment", "public_from": now()}}]
    )

    assert client.indices.get_mapping(index=concrete)[concrete]["mappings"]["properties"][
        "public_from"
    ] == {"type": "date"}
    upgraded.refresh()
    assert upgraded.count() == 1


# A participant's data download


@pytest.mark.parametrize("results", ["never", "after_closing", "live"])
def test_the_data_download_holds_the_participants_own_vote_and_no_totals(results, home):
    page = _consultation(home, results)
    _two_votes(page)
    me = make_participant("me")
    cast_vote(me, page, "vote", "agree")

    data = my_data(me.user)

    [vote] = data["votes"]
    assert [choice["key"] for choice in vote["choices"]] == ["agree"]
    assert set(vote) == {
        "page",
        "widget",
        "question",
        "about",
        "version",
        "choices",
        "other_text",
        "counted_as",
        "entered_on_site_by_staff",
        "place",
        "created_at",
        "updated_at",
    }
    text = json.dumps(data)
    assert '"count"' not in text and '"total"' not in text and '"results"' not in text
