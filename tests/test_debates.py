"""Debates: the arguments (a comment widget's threads) in the order the visitor picks,
agree and disagree on each argument, the dates, and the municipality's summary once the
debate has closed."""

import html
import json
import re
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation_blocks.comments.services import post_comment, react
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.participants.choices import VoterGroup
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db

AUTHORS = count()

# (likes, dislikes) on each thread's first comment, threads in the order they were posted.
REACTIONS = [(1, 0), (3, 3), (4, 0), (2, 2)]
ORDERS = {
    "oldest": [0, 1, 2, 3],
    "newest": [3, 2, 1, 0],
    # Most likes on the first comment; the five likes on a reply in thread 0 do not count.
    "agreed": [2, 1, 3, 0],
    # The smaller of likes and dislikes first (3:3, then 2:2), then the most reactions
    # (4:0 before 1:0).
    "controversial": [1, 3, 2, 0],
}


@pytest.fixture
def debate(home):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(
        section,
        slug="night-market",
        title="ควรย้ายตลาดนัดกลางคืนหรือไม่",
        body=json.dumps(
            [{"type": "paragraph", "value": "<p>ความเป็นมาของตลาดนัด</p>", "id": "background"}]
            + json.loads(
                widget_body(widget("agree_disagree", "w-agree"), comment_widget("w-arguments"))
            )
        ),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def readers(db):
    return [make_participant(f"reader{n}") for n in range(6)]


def _argue(page, readers, widget_id="w-arguments", prefix="ข้อโต้แย้งที่"):
    """Four threads with the reactions of REACTIONS on their first comments, and a reply
    in the first thread that many agree with."""
    authors = [
        make_participant(f"author{next(AUTHORS)}", voter_group=group)
        for n, group in enumerate(
            [VoterGroup.RESIDENT, VoterGroup.CONCERNED, VoterGroup.INTERESTED, VoterGroup.RESIDENT]
        )
    ]
    threads = []
    for n, (likes, dislikes) in enumerate(REACTIONS):
        thread = post_comment(authors[n], page, widget_id, f"{prefix} {n}")
        for reader in readers[:likes]:
            react(reader, thread.pk, "like")
        for reader in readers[likes : likes + dislikes]:
            react(reader, thread.pk, "dislike")
        threads.append(thread)
    reply = post_comment(authors[1], page, widget_id, "คำตอบในกระทู้แรก", parent_id=threads[0].pk)
    for reader in readers[:5]:
        react(reader, reply.pk, "like")
    return threads


def _shown(page_html, prefix="ข้อโต้แย้งที่"):
    return [int(n) for n in re.findall(rf"{prefix} (\d)<", page_html)]


def _more_link(page_html):
    found = re.search(r'<p class="comments__more"><a href="([^"]+)"', page_html)
    return html.unescape(found[1]) if found else None


@pytest.mark.parametrize("order", ORDERS)
def test_the_arguments_are_listed_in_the_order_asked(debate, readers, client, order):
    _argue(debate, readers)
    page_html = client.get(f"{debate.url}?sort-w-arguments={order}").content.decode()
    assert _shown(page_html) == ORDERS[order]
    # The chosen order is marked, and each order is a plain link.
    current = re.search(r'<a href="([^"]+)" rel="nofollow" aria-current="true">', page_html)
    assert html.unescape(current[1]) == f"?sort-w-arguments={order}#widget-w-arguments"


@pytest.mark.parametrize("order", ORDERS)
def test_show_more_keeps_the_order_and_goes_on_from_where_it_stopped(
    debate, readers, client, settings, order
):
    settings.BOKRAO_PARTICIPATION = {"COMMENT_THREADS_PER_PAGE": 3}
    _argue(debate, readers)
    first = client.get(f"{debate.url}?sort-w-arguments={order}").content.decode()
    assert _shown(first) == ORDERS[order][:3]
    more = _more_link(first)
    assert f"sort-w-arguments={order}" in more and "comments-w-arguments=2" in more

    second = client.get(debate.url + more.split("#")[0]).content.decode()
    assert _shown(second) == ORDERS[order]
    assert _more_link(second) is None
    # Another order starts again from its first page.
    newest = re.search(r'<a href="(\?[^"]*sort-w-arguments=newest[^"]*)" rel', second)
    assert "comments-w-arguments" not in html.unescape(newest[1])


def test_oldest_first_unless_asked_and_an_unknown_order_reads_as_oldest(debate, readers, client):
    _argue(debate, readers)
    assert _shown(client.get(debate.url).content.decode()) == ORDERS["oldest"]
    response = client.get(f"{debate.url}?sort-w-arguments=loudest&comments-w-arguments=x")
    assert response.status_code == 200
    assert _shown(response.content.decode()) == ORDERS["oldest"]


def test_each_argument_has_agree_and_disagree_buttons_with_counts_that_work_without_javascript(
    debate, readers, client
):
    threads = _argue(debate, readers)
    page_html = client.get(debate.url).content.decode()
    article = page_html.split(f'id="comment-{threads[1].pk}"')[1].split("</form>")[0]
    assert "เห็นด้วย</span>" in article and "ไม่เห็นด้วย</span>" in article
    assert '<span data-count="like">3</span>' in article
    assert '<span data-count="dislike">3</span>' in article

    # A plain form post, as a browser without JavaScript sends it, then back to the page.
    client.force_login(readers[5].user)
    response = client.post(
        reverse("bokrao_comment_react", args=[threads[0].pk]),
        {"kind": "dislike", "next": debate.url},
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"#comment-{threads[0].pk}"
    )
    again = client.get(debate.url).content.decode()
    article = again.split(f'id="comment-{threads[0].pk}"')[1].split("</form>")[0]
    assert '<span data-count="dislike">1</span>' in article


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_debate_costs_as_many_queries_with_twice_the_arguments_in_any_order(
    home, readers, client
):
    """Two comment widgets in two different orders: still one query for both."""
    section = make_section(home, "debate", slug="debates")
    debate = make_consultation(
        section,
        slug="two-questions",
        body=widget_body(
            widget("agree_disagree", "w-agree"), comment_widget("w-for"), comment_widget("w-how")
        ),
    )
    debate.save_revision().publish()
    url = f"{debate.url}?sort-w-for=controversial&sort-w-how=agreed"
    _argue(debate, readers, "w-for", "เหตุผล")
    _argue(debate, readers, "w-how", "วิธีการ")
    client.get(url)  # the site's settings rows are made on the first visit
    first = _queries(client, url)

    _argue(debate, readers, "w-for", "เหตุผลเพิ่ม")
    _argue(debate, readers, "w-how", "วิธีการเพิ่ม")
    again = _queries(client, url)

    assert len(again) == len(first), "\n".join(["before:", *first, "after:", *again])
    comment_queries = [sql for sql in again if "django_comments_xtd_xtdcomment" in sql]
    assert len(comment_queries) == 1
    page_html = client.get(url).content.decode()
    # Each widget in its own order (the first round's threads; ties stay oldest first).
    assert _shown(page_html, "เหตุผล") == ORDERS["controversial"]
    assert _shown(page_html, "วิธีการ") == ORDERS["agreed"]


def _closed_debate(home, **fields):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(
        section,
        slug="closed-debate",
        opens_in_days=-60,
        closes_in_days=-2,
        body=widget_body(comment_widget("w-arguments")),
        outcome="<p>ผู้เข้าร่วมส่วนใหญ่ต้องการให้ตลาดอยู่ที่เดิม</p>",
        next_steps="<p>เทศบาลจะจัดระเบียบที่จอดรถภายในเดือนหน้า</p>",
        **fields,
    )
    page.save_revision().publish()
    return page


def test_a_closed_debate_shows_its_summary_and_what_comes_next(home, client):
    page = _closed_debate(home)
    assert page.state == "closed"
    page_html = client.get(page.url).content.decode()
    assert "ผู้เข้าร่วมส่วนใหญ่ต้องการให้ตลาดอยู่ที่เดิม" in page_html
    assert "เทศบาลจะจัดระเบียบที่จอดรถภายในเดือนหน้า" in page_html


def test_an_open_debate_does_not_show_a_summary_written_in_advance(debate, client):
    debate.outcome = "<p>สรุปที่เขียนไว้ล่วงหน้า</p>"
    debate.next_steps = "<p>ขั้นตอนต่อไปที่เขียนไว้ล่วงหน้า</p>"
    debate.save_revision().publish()
    assert debate.state == "open"
    page_html = client.get(debate.url).content.decode()
    assert "สรุปที่เขียนไว้ล่วงหน้า" not in page_html
    assert "ขั้นตอนต่อไปที่เขียนไว้ล่วงหน้า" not in page_html


def test_a_debate_shows_when_it_opens_and_closes_in_the_buddhist_era(debate, client):
    page_html = client.get(debate.url).content.decode()
    dates = page_html.split('class="debate__dates"')[1].split("</dl>")[0]
    assert f"{debate.opens_at.year + 543}" in dates and f"{debate.closes_at.year + 543}" in dates
    assert "เปิด" in dates and "ปิด" in dates
