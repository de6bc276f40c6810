"""The moderation queue in the Wagtail admin: held and flagged comments, actions with
reasons, the log; who may moderate."""

from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Comment, ModerationAction, ModerationSettings
from consultation_blocks.staff.factories import join_staff
from pb_pages.factories import make_consultation, make_section

from .refusals import assert_refused_in_admin

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
def moderator(home):
    user = get_user_model().objects.create_user("mod", "mod@saensuk.example", "pw")
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_comment", content_type__app_label="bokrao_blocks"),
    )
    join_staff(user, group)  # a moderator of the home page's municipality
    return user


@pytest.fixture
def held(debate):
    rules = ModerationSettings.load()
    rules.banned_words = "ขี้โกง"
    rules.save()
    return comments.post_comment(make_participant("somchai"), debate, "w-talk", "นายกขี้โกง")


def test_the_queue_shows_held_comments_with_why_and_the_flags(held, moderator, client):
    reader = make_participant("reader")
    flagged = comments.post_comment(reader, held.content_object, "w-talk", "ความเห็นที่ถูกแจ้ง")
    comments.flag(make_participant("f"), flagged.pk, "spam")
    comments.post_comment(reader, held.content_object, "w-talk", "ความเห็นปกติ")
    client.force_login(moderator)

    html = client.get("/admin/bokrao/moderation/").content.decode()
    assert "นายกขี้โกง" in html
    assert "คำต้องห้าม" in html  # why it is held: a word on the banned list
    assert "ความเห็นที่ถูกแจ้ง" in html and "สแปมหรือโฆษณา" in html  # flagged, with the reason
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
    # Refused with the reason, and the comment is still listed, waiting.
    assert [str(message).strip() for message in response.context["messages"]] == [
        "โปรดระบุเหตุผล เหตุผลนี้จะแสดงแทนความคิดเห็น"
    ]
    assert [row["comment"].pk for row in response.context["rows"]] == [held.pk]
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
    assert_refused_in_admin(client.get("/admin/bokrao/moderation/"))
    assert_refused_in_admin(
        client.post(f"/admin/bokrao/moderation/{held.pk}/", {"action": "approve"})
    )
    assert Comment.objects.get().state == CommentState.HELD
    assert not ModerationAction.objects.exists()


def test_wagtails_moderators_group_may_moderate(held, client):
    """The group Wagtail's migrations create gets MODERATE from our migration 0004."""
    moderators = Group.objects.get(name="Moderators")
    assert set(moderators.permissions.values_list("content_type__app_label", "codename")) >= {
        ("wagtailadmin", "access_admin"),
        ("bokrao_blocks", "change_comment"),
    }
    user = get_user_model().objects.create_user("wichai", "wichai@saensuk.example", "pw")
    join_staff(user, moderators)  # Wagtail's group, working for the municipality
    client.force_login(user)

    queue = client.get("/admin/bokrao/moderation/")
    assert queue.status_code == 200
    assert [row["comment"].pk for row in queue.context["rows"]] == [held.pk]
    assert "/admin/bokrao/moderation/" in client.get("/admin/").content.decode()  # the menu

    client.post(f"/admin/bokrao/moderation/{held.pk}/", {"action": "approve", "reason": ""})
    held.refresh_from_db()
    assert held.state == CommentState.PUBLISHED
    assert ModerationAction.objects.get().moderator == user


def _migration_0004():
    """The migration's module, and the models as they were when it ran."""
    name = "0004_moderators_may_moderate"
    state = MigrationLoader(connection).project_state(("bokrao_blocks", name))
    return import_module(f"consultation_blocks.migrations.{name}"), state.apps


def test_the_moderators_migration_is_reversible(db):
    migration, apps = _migration_0004()
    moderators = Group.objects.get(name="Moderators")

    migration.moderators_may_not_moderate(apps, None)
    assert not moderators.permissions.filter(codename="change_comment").exists()
    migration.moderators_may_moderate(apps, None)
    assert moderators.permissions.filter(
        codename="change_comment", content_type__app_label="bokrao_blocks"
    ).exists()


def test_the_moderators_migration_skips_a_site_without_the_group(db):
    migration, apps = _migration_0004()
    Group.objects.filter(name="Moderators").delete()

    migration.moderators_may_moderate(apps, None)  # nothing to give, nothing fails

    assert not Group.objects.filter(name="Moderators").exists()
