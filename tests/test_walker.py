"""One walker finds a block by its id at any depth: widgets inside a section (body →
section → its content → widget) take votes, comments, on-site entries and reports like
widgets at the top of the page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultation_blocks import walker
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.models import Comment, Vote
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.tally import tally
from consultation_blocks.widgets.blocks import AgreeDisagreeBlock, CommentBlock, page_widgets
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db


def section(block_id, title, *content):
    return {"type": "section", "id": block_id, "value": {"title": title, "content": list(content)}}


def paragraph(block_id, html):
    return {"type": "paragraph", "id": block_id, "value": html}


@pytest.fixture
def nested(home):
    """A draft whose second chapter holds a paragraph, a vote and a comment widget."""
    page = make_consultation(
        make_section(home, "legislation", slug="drafts"),
        title="ร่างเทศบัญญัติตลาด",
        body=widget_body(
            paragraph("p-intro", "<p>บทนำ</p>"),
            section(
                "chapter-2",
                "หมวด 2 การจัดการตลาด",
                paragraph("p-2-1", "<p>ข้อ 5 ให้ผู้ค้าจัดการขยะ</p>"),
                widget("agree_disagree", "w-deep-vote", question="เห็นด้วยกับหมวด 2 ไหม"),
                comment_widget("w-deep-talk"),
            ),
        ),
    )
    page.save_revision().publish()
    return page


def test_the_walker_finds_nested_blocks_with_their_path(nested):
    found = walker.find(nested, "w-deep-vote")
    assert isinstance(found.block, AgreeDisagreeBlock)
    assert found.path == ("chapter-2", "content", "w-deep-vote")
    assert walker.find(nested, "p-2-1").path == ("chapter-2", "content", "p-2-1")
    assert walker.find(nested, "nowhere") is None
    assert walker.find(nested, "p-2-1", of_type=CommentBlock) is None
    assert [f.id for f in page_widgets(nested)] == ["w-deep-vote", "w-deep-talk"]


def test_a_nested_widget_takes_votes_and_comments_about_a_nested_paragraph(nested):
    somchai = make_participant()
    cast_vote(somchai, nested, "w-deep-vote", "agree")
    cast_vote(somchai, nested, "w-deep-vote", "disagree", anchor="p-2-1")
    comment = post_comment(somchai, nested, "w-deep-talk", "ข้อ 5 ควรมีถังแยกขยะ", anchor="p-2-1")

    assert tally(nested.translation_key, "w-deep-vote")["choices"] == {"agree": 1}
    assert tally(nested.translation_key, "w-deep-vote", "p-2-1")["choices"] == {"disagree": 1}
    assert (comment.widget, comment.anchor) == ("w-deep-talk", "p-2-1")


def test_the_page_renders_nested_widgets_that_work_without_javascript(nested, client):
    somchai = make_participant()
    client.force_login(somchai.user)
    html = client.get(nested.url).content.decode()
    assert "หมวด 2 การจัดการตลาด" in html
    assert 'name="widget" value="w-deep-vote"' in html
    assert 'name="widget" value="w-deep-talk"' in html

    client.post(
        reverse("bokrao_vote"),
        {"page": nested.pk, "widget": "w-deep-vote", "choice": "agree", "next": nested.url},
    )
    client.post(
        reverse("bokrao_comment"),
        {"page": nested.pk, "widget": "w-deep-talk", "text": "เห็นด้วยทั้งหมวด"},
    )
    assert Vote.objects.get().widget == "w-deep-vote"
    assert Comment.objects.get().widget == "w-deep-talk"
    assert "เห็นด้วยทั้งหมวด" in client.get(nested.url).content.decode()


def test_staff_enter_nested_widgets_on_site_and_the_report_counts_them(nested, client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        reverse("bokrao_on_site", args=[nested.pk]),
        {
            "place": "ศาลาประชาคมหมู่ 3",
            "who": "new",
            "display_name": "ลุงสมปอง",
            "voter_group": VoterGroup.RESIDENT,
            "area": Residence.INSIDE,
            "w-w-deep-vote": "disagree",
            "w-w-deep-talk": "หมวด 2 ดีแล้ว",
        },
    )
    assert response.status_code == 302
    assert Vote.objects.get().entered_at_place == "ศาลาประชาคมหมู่ 3"
    assert Comment.objects.get().comment == "หมวด 2 ดีแล้ว"

    report = client.get(reverse("bokrao_report", args=[nested.pk]))
    widgets = {w["id"]: w for w in report.context["widgets"]}
    assert (widgets["w-deep-vote"]["total"], widgets["w-deep-vote"]["on_site"]) == (1, 1)
    assert widgets["w-deep-talk"]["total"] == 1
