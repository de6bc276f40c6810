"""Flags and blocks: no self-flag, one flag puts a comment in the queue, blocking withholds
a participant's published comments (restored on unblocking) and refuses their sign-in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django_comments.models import CommentFlag

from consultation_blocks.comments import moderation
from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Comment, ModerationSettings
from consultation_blocks.staff.factories import join_staff
from pb_pages.factories import make_consultation, make_section
from search.models import OutboxEntry

pytestmark = pytest.mark.django_db

QUEUE = "/admin/bokrao/moderation/"


@pytest.fixture
def debate(home):
    page = make_consultation(
        make_section(home, "debate", slug="debates"),
        slug="market",
        body=widget_body(comment_widget("w-talk")),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def somchai(home):  # lives in the home page's municipality
    return make_participant("somchai")


@pytest.fixture
def moderator(home):
    user = get_user_model().objects.create_user("mod", "mod@saensuk.example", "pw")
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_comment", content_type__app_label="bokrao_blocks"),
    )
    join_staff(user, group)  # a moderator of the home page's municipality
    return user


def _flags_to_hold(count):
    rules = ModerationSettings.load()
    rules.flags_to_hold = count
    rules.save()


def _queue_ids(client, state=None):
    response = client.get(QUEUE, {"state": state} if state else {})
    assert response.status_code == 200
    return [row["comment"].pk for row in response.context["rows"]]


# No self-flag


def test_a_participant_cannot_report_their_own_comment_and_it_never_counts(debate, somchai):
    _flags_to_hold(1)
    comment = comments.post_comment(somchai, debate, "w-talk", "ความเห็นของสมชาย")

    with translation.override("en"), pytest.raises(comments.CommentRefused) as refused:
        comments.flag(somchai, comment.pk, "spam")

    assert refused.value.status == 403
    assert refused.value.decision.reason == "You cannot report your own comment."
    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED
    assert not CommentFlag.objects.filter(comment=comment).exists()
    assert comment.pk not in moderation.queue().values_list("pk", flat=True)


def test_reporting_or_voting_on_ones_own_comment_is_a_403_with_the_reason(debate, somchai, client):
    comment = comments.post_comment(somchai, debate, "w-talk", "ความเห็นของสมชาย")
    client.force_login(somchai.user)

    flagged = client.post(
        f"/th/participate/comment/{comment.pk}/flag/",
        {"reason": "spam"},
        HTTP_ACCEPT="application/json",
    )
    reacted = client.post(
        f"/en/participate/comment/{comment.pk}/react/",
        {"kind": "like"},
        HTTP_ACCEPT="application/json",
    )

    assert flagged.status_code == 403
    assert flagged.json()["message"] == "ท่านไม่สามารถแจ้งปัญหาความคิดเห็นของตนเองได้"
    assert reacted.status_code == 403
    assert reacted.json()["message"] == "You cannot vote on your own comment."
    assert not CommentFlag.objects.exists()


# One flag: in the queue, still public


def test_one_flag_puts_a_published_comment_in_the_queue_still_public(
    debate, somchai, moderator, client
):
    _flags_to_hold(3)
    comment = comments.post_comment(somchai, debate, "w-talk", "ตลาดสกปรกมาก")
    untouched = comments.post_comment(somchai, debate, "w-talk", "ขอบคุณเทศบาล")

    held = comments.flag(make_participant("nok"), comment.pk, "personal")

    assert not held.held
    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED and comment.is_public
    assert "ตลาดสกปรกมาก" in client.get(debate.url).content.decode()
    client.force_login(moderator)
    assert _queue_ids(client) == [comment.pk]
    assert _queue_ids(client, "flagged") == [comment.pk]
    assert _queue_ids(client, "held") == []
    html = client.get(QUEUE).content.decode()
    assert "ถูกแจ้งปัญหา ยังแสดงต่อสาธารณะ" in html  # flagged, still public
    assert "เปิดเผยข้อมูลส่วนบุคคลของผู้อื่น" in html  # its reason
    assert untouched.pk not in _queue_ids(client)


def test_at_the_threshold_the_flagged_comment_is_held_and_hidden(debate, somchai, client):
    _flags_to_hold(2)
    comment = comments.post_comment(somchai, debate, "w-talk", "ตลาดสกปรกมาก")

    assert not comments.flag(make_participant("nok"), comment.pk, "spam").held
    assert comments.flag(make_participant("dang"), comment.pk, "abuse").held

    comment.refresh_from_db()
    assert comment.state == CommentState.HELD
    assert comment.held_because == "ผู้มีส่วนร่วม 2 คนแจ้งปัญหา"  # flagged by 2 participants
    assert "ตลาดสกปรกมาก" not in client.get(debate.url).content.decode()
    assert list(moderation.queue("flagged")) == []
    assert list(moderation.queue("held")) == [comment]


def test_the_queue_lists_held_and_flagged_comments_oldest_first(debate, somchai, moderator, client):
    rules = ModerationSettings.load()
    rules.banned_words = "ขี้โกง"
    rules.flags_to_hold = 3
    rules.save()
    first = comments.post_comment(somchai, debate, "w-talk", "ความเห็นแรก")
    second = comments.post_comment(somchai, debate, "w-talk", "นายกขี้โกง")  # held
    third = comments.post_comment(somchai, debate, "w-talk", "ความเห็นที่สาม")
    comments.flag(make_participant("nok"), third.pk, "spam")
    comments.flag(make_participant("dang"), first.pk, "spam")
    client.force_login(moderator)

    assert _queue_ids(client) == [first.pk, second.pk, third.pk]


def test_approving_a_flagged_comment_clears_its_flags_and_it_leaves_the_queue(
    debate, somchai, moderator, client
):
    comment = comments.post_comment(somchai, debate, "w-talk", "ตลาดสกปรกมาก")
    comments.flag(make_participant("nok"), comment.pk, "spam")
    client.force_login(moderator)

    client.post(f"{QUEUE}{comment.pk}/", {"action": "approve", "reason": "ไม่ผิดกติกา"})

    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED
    assert not moderation.removal_flags(comment).exists()
    assert _queue_ids(client) == []


# Blocking


@pytest.fixture
def said(debate, somchai):
    """Somchai's published, hidden and held comments, and someone else's reply."""
    rules = ModerationSettings.load()
    rules.banned_words = "ขี้โกง"
    rules.save()
    said = {
        "published": comments.post_comment(somchai, debate, "w-talk", "ถนนหน้าตลาดเป็นหลุม"),
        "hidden": comments.post_comment(somchai, debate, "w-talk", "ข้อความที่ผู้ดูแลซ่อน"),
        "held": comments.post_comment(somchai, debate, "w-talk", "นายกขี้โกง"),
    }
    said["reply"] = comments.post_comment(
        make_participant("nok"), debate, "w-talk", "เห็นด้วยครับ", parent_id=said["published"].pk
    )
    moderation.hide(None, said["hidden"], "ไม่สุภาพ")
    return said


def _states(said):
    return {name: Comment.objects.get(pk=comment.pk).state for name, comment in said.items()}


def test_blocking_withholds_published_comments_from_the_public_but_not_from_staff(
    debate, somchai, said, moderator, client
):
    client.force_login(moderator)
    client.post(f"{QUEUE}{said['published'].pk}/", {"action": "block", "reason": "สแปม"})

    assert _states(said) == {
        "published": CommentState.WITHHELD,
        "hidden": CommentState.HIDDEN,
        "held": CommentState.HELD,
        "reply": CommentState.PUBLISHED,
    }
    assert not Comment.objects.get(pk=said["published"].pk).is_public
    client.logout()
    page = client.get(debate.url).content.decode()
    assert "ถนนหน้าตลาดเป็นหลุม" not in page
    assert "ไม่แสดงความคิดเห็นนี้ระหว่างที่ผู้ดูแลระงับสิทธิ์ผู้เขียน" in page
    assert "เห็นด้วยครับ" in page  # someone else's reply still reads in place
    client.force_login(moderator)
    assert _queue_ids(client, "withheld") == [said["published"].pk]
    assert "ถนนหน้าตลาดเป็นหลุม" in client.get(QUEUE, {"state": "withheld"}).content.decode()


def test_a_withheld_comment_cannot_be_replied_to_reacted_to_or_reported(debate, somchai, said):
    moderation.block(None, somchai, "สแปม")
    nok = make_participant("dang")

    with translation.override("en"):
        with pytest.raises(comments.CommentRefused, match="not available"):
            comments.post_comment(nok, debate, "w-talk", "ตอบ", parent_id=said["published"].pk)
        with pytest.raises(comments.CommentRefused, match="not available"):
            comments.react(nok, said["published"].pk, "like")
        with pytest.raises(comments.CommentRefused, match="not available"):
            comments.flag(nok, said["published"].pk, "spam")


def test_unblocking_restores_exactly_the_comments_blocking_withheld(somchai, said):
    moderation.block(None, somchai, "สแปม")
    moderation.unblock(None, somchai, "ตกลงกันแล้ว")

    assert _states(said) == {
        "published": CommentState.PUBLISHED,
        "hidden": CommentState.HIDDEN,  # a moderator hid it for its own reason
        "held": CommentState.HELD,
        "reply": CommentState.PUBLISHED,
    }
    assert Comment.objects.get(pk=said["published"].pk).is_public


def test_a_withheld_comment_hidden_meanwhile_stays_hidden_after_unblocking(somchai, said):
    moderation.block(None, somchai, "สแปม")
    moderation.hide(None, Comment.objects.get(pk=said["published"].pk), "ข้อมูลเท็จ")
    moderation.unblock(None, somchai)

    assert _states(said)["published"] == CommentState.HIDDEN


def test_approving_a_blocked_participants_held_comment_withholds_it(somchai, said):
    moderation.block(None, somchai, "สแปม")
    moderation.approve(None, Comment.objects.get(pk=said["held"].pk))

    assert _states(said)["held"] == CommentState.WITHHELD
    moderation.unblock(None, somchai)
    assert _states(said)["held"] == CommentState.PUBLISHED


def test_blocking_and_unblocking_requeue_the_comments_in_the_same_transaction(
    somchai, said, settings, monkeypatch
):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unreachable"}
    OutboxEntry.objects.all().delete()

    moderation.block(None, somchai, "สแปม")
    assert list(OutboxEntry.objects.values_list("document_type", "object_id")) == [
        ("comment", str(said["published"].pk))
    ]

    OutboxEntry.objects.all().delete()

    def log_fails(*args, **kwargs):
        raise RuntimeError("the log could not be written")

    monkeypatch.setattr(moderation, "_log", log_fails)
    with pytest.raises(RuntimeError):
        moderation.unblock(None, somchai)
    # The last step failed, so nothing happened: no state change, no outbox entry.
    assert _states(said)["published"] == CommentState.WITHHELD
    assert not OutboxEntry.objects.exists()
    somchai.refresh_from_db()
    assert somchai.blocked_at is not None


# Signing in while blocked


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "th",
            "ท่านไม่สามารถเข้าสู่ระบบได้ เนื่องจากผู้ดูแลได้ระงับสิทธิ์บัญชีของท่าน เหตุผล: โฆษณาขายของซ้ำ ๆ",
        ),
        (
            "en",
            "You cannot sign in: a moderator has blocked your account. Reason: โฆษณาขายของซ้ำ ๆ.",
        ),
    ],
)
def test_a_blocked_participant_cannot_sign_in_and_is_told_the_reason(
    somchai, client, language, message
):
    moderation.block(None, somchai, "โฆษณาขายของซ้ำ ๆ")

    response = client.post(
        f"/{language}/participate/account/sign-in/",
        {"username": "somchai", "password": "pw"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_blocked_participant_with_a_wrong_password_learns_nothing_of_the_block(somchai, client):
    moderation.block(None, somchai, "โฆษณาขายของซ้ำ ๆ")

    response = client.post(
        "/en/participate/account/sign-in/", {"username": "somchai", "password": "wrong"}
    )

    assert "โฆษณาขายของซ้ำ" not in response.content.decode()


def test_an_unblocked_participant_signs_in_again(somchai, client):
    moderation.block(None, somchai, "สแปม")
    moderation.unblock(None, somchai)

    response = client.post(
        "/en/participate/account/sign-in/", {"username": "somchai", "password": "pw"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(somchai.user.pk)
