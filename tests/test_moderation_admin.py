"""The moderation queue in the Wagtail admin: held comments, actions with reasons, the log."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Comment, ModerationAction, ModerationSettings
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db


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
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@saensuk.example", "pw")
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_comment", content_type__app_label="bokrao_blocks"),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def held(debate):
    rules = ModerationSettings.load()
    rules.banned_words = "ขี้โกง"
    rules.save()
    return comments.post_comment(make_participant("somchai"), debate, "w-talk", "นายกขี้โกง")


def test_the_queue_shows_held_comments_with_why_and_the_flags(held, moderator, client):
    reader = make_participant("reader")
    published = comments.post_comment(reader, held.content_object, "w-talk", "ความเห็นปกติ")
    comments.flag(make_participant("f"), published.pk, "spam")
    client.force_login(moderator)

    html = client.get("/admin/bokrao/moderation/").content.decode()
    assert "นายกขี้โกง" in html
    assert "ความเห็นปกติ" not in html  # published comments are under their own tab

    html = client.get("/admin/bokrao/moderation/?state=published").content.decode()
    assert "ความเห็นปกติ" in html


def test_a_moderator_approves_and_the_comment_is_public(held, moderator, client):
    client.force_login(moderator)
    client.post(f"/admin/bokrao/moderation/{held.pk}/", {"action": "approve", "reason": ""})
    held.refresh_from_db()
    assert held.state == CommentState.PUBLISHED
    assert "นายกขี้โกง" in client.get(held.content_object.url).content.decode()
    assert ModerationAction.objects.get().moderator == moderator


def test_hiding_needs_a_reason_and_the_page_shows_it(held, moderator, client):
    client.force_login(moderator)
    response = client.post(
        f"/admin/bokrao/moderation/{held.pk}/", {"action": "hide", "reason": ""}, follow=True
    )
    assert "Give a reason" in response.content.decode() or "เหตุผล" in response.content.decode()
    held.refresh_from_db()
    assert held.state == CommentState.HELD

    client.post(f"/admin/bokrao/moderation/{held.pk}/", {"action": "hide", "reason": "กล่าวหาบุคคล"})
    held.refresh_from_db()
    assert held.state == CommentState.HIDDEN
    page_html = client.get(held.content_object.url).content.decode()
    assert "กล่าวหาบุคคล" in page_html and "นายกขี้โกง" not in page_html
    log = ModerationAction.objects.get()
    assert (log.action, log.reason, log.moderator) == ("hide", "กล่าวหาบุคคล", moderator)


def test_blocking_the_author_is_logged_and_stops_them(held, moderator, client):
    client.force_login(moderator)
    client.post(f"/admin/bokrao/moderation/{held.pk}/", {"action": "block", "reason": "สแปม"})
    author = held.participant
    author.refresh_from_db()
    assert author.blocked_at is not None and author.blocked_reason == "สแปม"
    with pytest.raises(comments.CommentRefused):
        comments.post_comment(author, held.content_object, "w-talk", "อีกครั้ง")
    assert ModerationAction.objects.get().participant == author


def test_people_who_may_not_moderate_are_refused(held, client):
    editor = get_user_model().objects.create_user("editor", "e@saensuk.example", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/bokrao/moderation/").status_code in (302, 403)
    client.post(f"/admin/bokrao/moderation/{held.pk}/", {"action": "approve"})
    assert Comment.objects.get().state == CommentState.HELD
    assert not ModerationAction.objects.exists()
