"""Comment widgets: posting, replies, plain text, limits, reactions, flags and holds."""

import html
import json
import re
from datetime import timedelta

import pytest
from django.utils import translation
from django_comments.models import CommentFlag
from wagtail.models import Locale

from consultation_blocks.comments import moderation
from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.comments.services import CommentRefused, post_comment, react, thread
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.models import Comment, ModerationAction, ModerationSettings
from consultation_blocks.participants.choices import VerificationLevel
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The services answer in the active language; these tests read the English.
    with translation.override("en"):
        yield


@pytest.fixture
def ordinance(home):
    section = make_section(home, "legislation", slug="regulations")
    page = make_consultation(
        section,
        slug="street-lights",
        body=json.dumps(
            [{"type": "paragraph", "value": "<p>ข้อ 1 ไฟส่องสว่าง</p>", "id": "para-1"}]
            + json.loads(
                widget_body(
                    comment_widget("w-talk"),
                    comment_widget("w-first", premoderate_first_post=True),
                    widget("agree_disagree", "w-agree"),
                )
            )
        ),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def somchai(db):
    return make_participant("somchai")


def test_a_comment_is_published_with_its_consultation_widget_and_anchor(ordinance, somchai):
    comment = post_comment(somchai, ordinance, "w-talk", "ถนนในซอยมืดมาก", anchor="para-1")

    stored = Comment.objects.get()
    assert stored.pk == comment.pk
    assert stored.state == CommentState.PUBLISHED and stored.is_public
    assert stored.consultation == ordinance.translation_key
    assert (stored.widget, stored.anchor) == ("w-talk", "para-1")
    assert stored.voter_group == somchai.voter_group
    assert stored.ip_address is None and stored.user_email == ""


def test_comments_on_the_thai_and_english_pages_are_one_thread(ordinance, somchai):
    english = ordinance.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    post_comment(somchai, ordinance, "w-talk", "ภาษาไทย")
    post_comment(make_participant("john"), english, "w-talk", "In English")

    texts = [node["comment"].comment for node in thread(ordinance.translation_key, "w-talk")]
    assert texts == ["ภาษาไทย", "In English"]


def test_replies_nest_up_to_the_maximum_depth(ordinance, somchai, settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 2
    top = post_comment(somchai, ordinance, "w-talk", "ระดับ 0")
    reply = post_comment(somchai, ordinance, "w-talk", "ระดับ 1", parent_id=top.pk)
    deepest = post_comment(somchai, ordinance, "w-talk", "ระดับ 2", parent_id=reply.pk)

    with pytest.raises(CommentRefused, match="at most 2 levels"):
        post_comment(somchai, ordinance, "w-talk", "ระดับ 3", parent_id=deepest.pk)

    [root] = thread(ordinance.translation_key, "w-talk")
    assert root["children"][0]["children"][0]["comment"].pk == deepest.pk
    assert Comment.objects.count() == 3


def test_a_reply_must_be_in_the_same_widget(ordinance, somchai):
    other = post_comment(somchai, ordinance, "w-first", "อีกกล่องหนึ่ง")
    with pytest.raises(CommentRefused, match="not available"):
        post_comment(somchai, ordinance, "w-talk", "ตอบ", parent_id=other.pk)


def test_empty_and_too_long_comments_are_refused_with_the_limit(ordinance, somchai, settings):
    settings.COMMENT_MAX_LENGTH = 20
    with pytest.raises(CommentRefused, match="Write your comment"):
        post_comment(somchai, ordinance, "w-talk", "   \n ")
    with pytest.raises(CommentRefused, match="21 characters long; the limit is 20"):
        post_comment(somchai, ordinance, "w-talk", "ก" * 21)
    assert not Comment.objects.exists()


def test_an_anchor_must_be_a_part_of_the_page(ordinance, somchai):
    with pytest.raises(CommentRefused, match="no longer exists"):
        post_comment(somchai, ordinance, "w-talk", "ข้อนี้", anchor="para-gone")


def test_comments_only_in_comment_widgets_and_only_for_eligible_participants(ordinance):
    with pytest.raises(CommentRefused, match="not taken here"):
        post_comment(make_participant("a"), ordinance, "w-agree", "ข้อความ")
    unverified = make_participant("b", verification_level=VerificationLevel.UNVERIFIED)
    with pytest.raises(CommentRefused) as refused:
        post_comment(unverified, ordinance, "w-talk", "ข้อความ")
    assert "Confirm your email" in refused.value.decision.remedy


def test_text_is_plain_and_links_are_made_safe():
    html = comments.comment_html(
        "<script>alert(1)</script> ดู https://saensuk.go.th/a?b=1&c=2\nบรรทัดใหม่ mail@x.th"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://saensuk.go.th/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in html
    assert "<br>" in html
    assert "mailto:" not in html
    assert (
        "javascript:" not in comments.comment_html('<a href="javascript:x">x</a>').split("&lt;")[0]
    )


def test_banned_words_hold_a_comment_even_inside_a_thai_sentence(ordinance, somchai):
    rules = ModerationSettings.load()
    rules.banned_words = "ไอ้บ้า\nidiot"
    rules.save()

    held = post_comment(somchai, ordinance, "w-talk", "นายกฯไอ้บ้าไม่ทำงาน")
    fine = post_comment(somchai, ordinance, "w-talk", "idiomatic English is fine")
    english = post_comment(somchai, ordinance, "w-talk", "what an Idiot.")

    assert held.state == CommentState.HELD and "banned" in held.held_because
    assert not held.is_public
    assert fine.state == CommentState.PUBLISHED
    assert english.state == CommentState.HELD


def test_too_many_links_hold_a_comment(ordinance, somchai):
    rules = ModerationSettings.load()
    rules.links_to_hold = 1
    rules.save()
    one = post_comment(somchai, ordinance, "w-talk", "https://a.example")
    two = post_comment(somchai, ordinance, "w-talk", "https://a.example www.b.example")
    assert one.state == CommentState.PUBLISHED
    assert two.state == CommentState.HELD


def test_premoderation_holds_only_a_new_participants_first_comment(ordinance, somchai):
    first = post_comment(somchai, ordinance, "w-first", "ครั้งแรก")
    second = post_comment(somchai, ordinance, "w-first", "ครั้งที่สอง")
    assert first.state == second.state == CommentState.HELD  # nothing published yet

    moderation.approve(None, first)
    third = post_comment(somchai, ordinance, "w-first", "ครั้งที่สาม")
    assert third.state == CommentState.PUBLISHED


def test_a_held_comment_is_shown_to_its_author_only(ordinance, somchai):
    rules = ModerationSettings.load()
    rules.banned_words = "โกง"
    rules.save()
    post_comment(somchai, ordinance, "w-talk", "มีการโกง")

    assert thread(ordinance.translation_key, "w-talk") == []
    assert len(thread(ordinance.translation_key, "w-talk", viewer=somchai)) == 1
    other = make_participant("other")
    assert thread(ordinance.translation_key, "w-talk", viewer=other) == []


def test_up_and_down_votes_toggle_and_never_on_ones_own_comment(ordinance, somchai):
    comment = post_comment(somchai, ordinance, "w-talk", "ความเห็น")
    reader = make_participant("reader")

    assert react(reader, comment.pk, "like") == {"like": 1, "dislike": 0}
    assert react(reader, comment.pk, "dislike") == {"like": 0, "dislike": 1}
    assert react(reader, comment.pk, "dislike") == {"like": 0, "dislike": 0}
    with pytest.raises(CommentRefused, match="your own comment"):
        react(somchai, comment.pk, "like")


def test_flags_need_a_reason_and_enough_of_them_hold_the_comment(ordinance, somchai):
    rules = ModerationSettings.load()
    rules.flags_to_hold = 2
    rules.save()
    comment = post_comment(somchai, ordinance, "w-talk", "ความเห็นที่มีปัญหา")
    first, second = make_participant("f1"), make_participant("f2")

    with pytest.raises(CommentRefused, match="Choose why"):
        comments.flag(first, comment.pk, "because")
    with pytest.raises(CommentRefused, match="Say in a few words"):
        comments.flag(first, comment.pk, "other", "")
    assert not comments.flag(first, comment.pk, "abuse").held
    with pytest.raises(CommentRefused, match="already reported"):
        comments.flag(first, comment.pk, "spam")
    assert comments.flag(second, comment.pk, "other", "ข้อมูลส่วนตัวของคนอื่น").held

    comment.refresh_from_db()
    assert comment.state == CommentState.HELD
    assert "2" in comment.held_because
    reasons = sorted(
        flag.reason.reason
        for flag in CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL)
    )
    assert reasons == ["abuse", "other"]


def test_hiding_keeps_the_replies_and_shows_the_reason(ordinance, somchai, client):
    top = post_comment(somchai, ordinance, "w-talk", "ข้อความที่ไม่เหมาะสม")
    reply = post_comment(make_participant("b"), ordinance, "w-talk", "คำตอบ", parent_id=top.pk)
    staff = make_participant("staff").user

    with pytest.raises(moderation.ModerationError):
        moderation.hide(staff, top, "  ")
    moderation.hide(staff, top, "ใช้ถ้อยคำหยาบคาย")

    html = client.get("/en" + ordinance.url[3:]).content.decode()
    assert "Hidden by a moderator: ใช้ถ้อยคำหยาบคาย" in html
    assert "ข้อความที่ไม่เหมาะสม" not in html
    assert "คำตอบ" in html
    reply.refresh_from_db()
    assert reply.state == CommentState.PUBLISHED and reply.is_public
    log = ModerationAction.objects.get()
    assert (log.action, log.moderator, log.reason, log.comment) == (
        "hide",
        staff,
        "ใช้ถ้อยคำหยาบคาย",
        top,
    )


def test_a_blocked_participant_is_told_why_and_cannot_comment_or_react(ordinance, somchai):
    comment = post_comment(make_participant("a"), ordinance, "w-talk", "ความเห็น")
    moderation.block(None, somchai, "สแปมซ้ำหลายครั้ง")

    with pytest.raises(CommentRefused, match="สแปมซ้ำหลายครั้ง"):
        post_comment(somchai, ordinance, "w-talk", "อีกครั้ง")
    with pytest.raises(CommentRefused, match="blocked"):
        react(somchai, comment.pk, "like")
    moderation.unblock(None, somchai)
    post_comment(somchai, ordinance, "w-talk", "กลับมาแล้ว")
    assert [entry.action for entry in ModerationAction.objects.order_by("pk")] == [
        "block",
        "unblock",
    ]


def test_form_without_javascript_posts_and_returns_to_the_comment(ordinance, somchai, client):
    client.force_login(somchai.user)
    response = client.post(
        "/th/participate/comment/",
        {"page": ordinance.pk, "widget": "w-talk", "text": "ไม่ใช้จาวาสคริปต์"},
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ordinance.url}#comment-{comment.pk}"
    page = client.get(ordinance.url).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert "ไม่ใช้จาวาสคริปต์" in page


def test_json_endpoint_answers_with_the_new_comment(ordinance, somchai, client):
    response = client.post(
        "/en/participate/comment/",
        {"page": ordinance.pk, "widget": "w-talk", "text": "hello"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Sign in to take part."

    client.force_login(somchai.user)
    response = client.post(
        "/en/participate/comment/",
        {"page": ordinance.pk, "widget": "w-talk", "text": "<b>hello</b>"},
        HTTP_ACCEPT="application/json",
    )
    answer = response.json()
    assert response.status_code == 201
    assert answer["ok"] and answer["state"] == "published"
    assert answer["id"] == Comment.objects.get().pk
    assert "&lt;b&gt;hello&lt;/b&gt;" in answer["html"]
    assert 'maxlength="3000"' in answer["html"]  # its reply box has the limit, as on the page

    response = client.post(
        "/en/participate/comment/",
        {"page": ordinance.pk, "widget": "w-talk", "text": ""},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Write your comment first."


def test_commenting_too_fast_is_told_to_wait(ordinance, somchai, client, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"comment": (2, 60)}}
    client.force_login(somchai.user)
    form = {"page": ordinance.pk, "widget": "w-talk"}
    for attempt in range(2):
        client.post(
            "/en/participate/comment/",
            {**form, "text": f"เร็ว {attempt}"},
            HTTP_ACCEPT="application/json",
        )
    response = client.post(
        "/en/participate/comment/", {**form, "text": "เร็ว 3"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.json()["message"]
    assert Comment.objects.count() == 2


def test_the_page_renders_threads_without_outside_requests(ordinance, somchai, client):
    post_comment(somchai, ordinance, "w-talk", "ความเห็นแรก")
    html = client.get(ordinance.url).content.decode()
    assert "gravatar" not in html.lower()
    assert "ความเห็นแรก" in html
    assert "data-comment-form" not in html  # anonymous: told to sign in instead


def test_the_same_text_sent_twice_in_a_row_is_stored_once(ordinance, somchai):
    first = post_comment(somchai, ordinance, "w-talk", "กดส่งสองครั้ง")
    again = post_comment(somchai, ordinance, "w-talk", "กดส่งสองครั้ง")
    reply = post_comment(somchai, ordinance, "w-talk", "กดส่งสองครั้ง", parent_id=first.pk)
    reply_again = post_comment(somchai, ordinance, "w-talk", "กดส่งสองครั้ง", parent_id=first.pk)

    assert again.pk == first.pk and reply_again.pk == reply.pk != first.pk
    assert Comment.objects.count() == 2
    # Later, the same words are a new comment.
    later = post_comment(
        somchai, ordinance, "w-talk", "กดส่งสองครั้ง", at=first.submit_date + timedelta(minutes=5)
    )
    assert later.pk != first.pk


def _more_link(page_html):
    """(href, label) of the first "Show more comments" link, or None."""
    found = re.search(r'<p class="comments__more"><a href="([^"]+)"[^>]*>([^<]+)</a>', page_html)
    return (html.unescape(found[1]), found[2]) if found else None


def test_show_more_comments_is_a_plain_link_to_the_next_threads(ordinance, client, settings):
    settings.BOKRAO_PARTICIPATION = {"COMMENT_THREADS_PER_PAGE": 3}
    writers = [make_participant(f"writer{n}") for n in range(3)]
    threads = [post_comment(writers[n % 3], ordinance, "w-talk", f"กระทู้ที่ {n}") for n in range(8)]
    post_comment(writers[1], ordinance, "w-talk", "คำตอบในกระทู้ที่ 4", parent_id=threads[4].pk)
    Comment.objects.filter(pk=threads[2].pk).update(state=CommentState.HELD, is_public=False)
    post_comment(writers[0], ordinance, "w-first", "อีกกล่องหนึ่ง")

    first = client.get(ordinance.url).content.decode()
    shown = [n for n in range(8) if f"กระทู้ที่ {n}<" in first]
    assert shown == [0, 1, 3]  # three threads; the held one is not counted
    href, label = _more_link(first)
    assert label == "แสดงความคิดเห็นเพิ่มเติม (แสดงแล้ว 3 จาก 7 รายการ)"
    assert href == "?comments-w-talk=2#widget-w-talk"
    assert first.count('class="comments__more"') == 1  # the other widget has one thread

    second = client.get(ordinance.url + href.split("#")[0]).content.decode()
    assert [n for n in range(8) if f"กระทู้ที่ {n}<" in second] == [0, 1, 3, 4, 5, 6]
    assert "คำตอบในกระทู้ที่ 4" in second  # a thread comes with its replies
    assert _more_link(second) == (
        "?comments-w-talk=3#widget-w-talk",
        "แสดงความคิดเห็นเพิ่มเติม (แสดงแล้ว 6 จาก 7 รายการ)",
    )

    last = client.get(ordinance.url + "?comments-w-talk=3").content.decode()
    assert [n for n in range(8) if f"กระทู้ที่ {n}<" in last] == [0, 1, 3, 4, 5, 6, 7]
    assert _more_link(last) is None
