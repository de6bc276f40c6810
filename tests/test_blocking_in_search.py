"""A blocked participant's comments in the participation index (a real OpenSearch node):
out of public search, still found by staff, back in public search on unblocking."""

import pytest

from consultation_blocks.comments import moderation
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from pb_pages.factories import make_consultation, make_section
from search.outbox import send_all_due
from search.public import search_participation
from search.staff import search_for_staff

pytestmark = pytest.mark.django_db

POTHOLE = "ถนนหน้าตลาดเป็นหลุมใหญ่มาก"
HIDDEN = "ถนนหน้าตลาดเป็นหลุมเพราะเทศบาลขี้เกียจ"


@pytest.fixture
def said(home, participation_index):
    section = make_section(home, "debate", slug="debates")
    section.save_revision().publish()
    page = make_consultation(section, slug="market", body=widget_body(comment_widget("w-talk")))
    page.save_revision().publish()
    somchai = make_participant("somchai")
    said = {
        "published": post_comment(somchai, page, "w-talk", POTHOLE),
        "hidden": post_comment(somchai, page, "w-talk", HIDDEN),
    }
    moderation.hide(None, said["hidden"], "ไม่สุภาพ")
    _send(participation_index)
    return said


def _send(index):
    send_all_due(index)
    index.refresh()


def _public(index):
    found = search_participation(index, "หลุม", {}, "th")
    return {hit["url"].split("#comment-")[1] for hit in found.hits if "#comment-" in hit["url"]}


def _staff(index):
    found = search_for_staff(index, "หลุม", {})
    return {hit["object_id"]: hit["state"] for hit in found.hits if hit["doc_type"] == "comment"}


def test_blocking_takes_the_comments_out_of_public_search_and_unblocking_back(
    said, participation_index
):
    published, hidden = str(said["published"].pk), str(said["hidden"].pk)
    assert _public(participation_index) == {published}

    moderation.block(None, said["published"].participant, "สแปม")
    _send(participation_index)

    assert _public(participation_index) == set()
    assert _staff(participation_index) == {published: "withheld", hidden: "hidden"}

    moderation.unblock(None, said["published"].participant)
    _send(participation_index)

    assert _public(participation_index) == {published}
    assert _staff(participation_index) == {published: "published", hidden: "hidden"}
