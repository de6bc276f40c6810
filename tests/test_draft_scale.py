"""A long draft with a great deal said about it: 300 paragraphs and 20,000 comments, then
600 and 40,000. The reading page and an opened paragraph cost the same number of
queries at both sizes as on a draft of six paragraphs and a handful of comments, for a
visitor and for a signed-in participant; and the counts the reader shows are right.

The comments go in with bulk inserts (drafts.factories.bulk_paragraph_comments), as
post_comment stores a first comment, so the test takes seconds, not the minutes posting
them one by one would. Its time goes to bench/draft_reader.py, never into a test."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks.drafts import anchoring, versions
from consultation_blocks.drafts import factories as f
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import Residence, VoterGroup
from pb_pages.factories import make_draft, make_section

pytestmark = pytest.mark.django_db

SECTIONS_PER_CHAPTER = 10


def _draft(home, paragraphs, comments, slug, authors):
    """A draft of `paragraphs` paragraphs (three a section, ten sections a chapter) in
    version 2, with `comments` comments made on version 1: those on the paragraph that
    version 2 reworded answer an older text, the others count on the current one."""
    sections = paragraphs // 3
    section = make_section(home, "legislation", slug=f"s-{slug}")
    text = f.long_text(sections, 3, chapters=max(1, sections // SECTIONS_PER_CHAPTER))
    page = make_draft(section, text, slug=slug, title=f"ร่าง {slug}")
    keys = [
        entry["key"]
        for entry in anchoring.commentable(versions.entries_of(versions.latest(page), "th")[0])
    ]
    assert len(keys) == paragraphs
    f.bulk_paragraph_comments(page, keys, comments, authors, version=1)
    changed = copy.deepcopy(text)
    first = changed[0]["value"]["sections"][0]["value"]["paragraphs"][0]["value"]
    first["text"] += " ทั้งนี้ ให้มีผลตั้งแต่ปีงบประมาณถัดไป"
    page.text = changed
    page.save_revision().publish()
    versions.publish_version(page, None, "แก้ไขวรรคแรก")
    return page, keys


def _queries(client, url):
    client.get(url)  # warm: the site, the page tree, the compiled queries
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


def _costs(client, page, keys):
    reader, response = _queries(client, page.url)
    panel, _ = _queries(client, f"{page.url}p/{keys[-1]}/?fragment=1")
    return {"reader": reader, "panel": panel}, response


def test_the_reader_costs_the_same_queries_with_300_or_600_paragraphs_and_20000_or_40000_comments(
    home, client
):
    authors = [
        make_participant(f"writer{n}", voter_group=group, area=area)
        for n, (group, area) in enumerate(
            [(group, area) for group in VoterGroup.values for area in Residence.values][:6]
        )
    ]
    tiny, tiny_keys = _draft(home, 6, 12, "tiny", authors)
    small, small_keys = _draft(home, 300, 20_000, "small", authors)
    large, large_keys = _draft(home, 600, 40_000, "large", authors)

    for signed_in in (False, True):
        if signed_in:
            client.force_login(authors[0].user)
        tiny_cost, _ = _costs(client, tiny, tiny_keys)
        small_cost, small_page = _costs(client, small, small_keys)
        large_cost, large_page = _costs(client, large, large_keys)
        assert tiny_cost == small_cost == large_cost, (signed_in, tiny_cost, small_cost, large_cost)

    # What the reader shows at that size: 20,000 comments over 300 paragraphs are 67 on
    # each of the first 200 and 66 on the others; the first paragraph was reworded in
    # version 2, so its 67 answered version 1 and count "on another version".
    html = small_page.content.decode()
    first, second, last = small_keys[0], small_keys[1], small_keys[-1]
    assert 'data-comments="0" aria-label' in _paragraph_html(html, first)
    assert "67" in _paragraph_html(html, first).split("draft__open", 1)[1]
    assert 'data-comments="67"' in _paragraph_html(html, second)
    assert 'data-comments="66"' in _paragraph_html(html, last)
    assert html.count('class="draft__paragraph ') == 300
    # The bulk comments are threads as posted ones are: the panel pages them.
    panel = client.get(f"{small.url}p/{second}/?fragment=1").content.decode()
    assert panel.count('<li class="comment comment--published"') == 20
    assert "20 จาก 67" in panel
    assert large_page.content.decode().count('class="draft__paragraph ') == 600


def _paragraph_html(html, key):
    start = html.index(f'id="p-{key}"')
    return html[start : html.index("</div>", start)]
