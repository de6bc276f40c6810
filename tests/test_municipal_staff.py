"""One municipality's staff on another's: the permission matrix across municipalities.

Two municipalities, แสนสุข (A) and ราชเทวี (B), each with a consultation, comments in the
states moderation starts from, and a register. A's staff member holds every staff
permission through a group of A: on A's objects everything works, on B's nothing, by
the admin menu or by direct URL, and nothing is stored. A platform administrator (a
superuser) works on both. The rule: consultation_blocks/staff/municipalities.py.
"""

from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Locale, Page

from consultation_blocks.comments import moderation
from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.models import (
    Comment,
    ModerationAction,
    ModerationSettings,
    Participant,
    ResidentRecord,
    Vote,
)
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import Residence
from consultation_blocks.staff.factories import join_staff, make_staff
from consultation_blocks.staff.municipalities import (
    contributions_for,
    municipalities_of,
    works_for,
)
from consultation_blocks.wagtail_hooks import participation_buttons
from pb_pages.factories import make_consultation, make_home, make_section
from pb_pages.models import HomePage
from search.outbox import send_all_due

from .refusals import assert_refused_in_admin

pytestmark = pytest.mark.django_db

STAFF_PERMISSIONS = (
    "bokrao_blocks.change_comment",
    "bokrao_blocks.add_vote",
    "bokrao_blocks.add_residentrecord",
    "bokrao_blocks.view_participation_report",
)
QUEUE = "/admin/bokrao/moderation/"
REGISTER = "/admin/bokrao/resident-register/"
ID_A, ID_B = "1101700203450", "3100600123450"  # valid checksums


def second_home(title, slug):
    """Another municipality's home page beside the first (make_home would also point
    the default site at it)."""
    return Page.get_first_root_node().add_child(
        instance=HomePage(title=title, slug=slug, locale=Locale.objects.get(language_code="th"))
    )


class Municipal:
    """One municipality's consultation and comments: held, published, hidden, and one of
    a participant its moderators blocked (from that comment)."""

    def __init__(self, home, name, boss):
        self.home = home
        self.municipality = municipality_of(home)
        section = make_section(home, "debate", slug=f"debates-{name}")
        body = widget_body(comment_widget("talk"), widget("agree_disagree", "agree"))
        self.page = make_consultation(section, slug=f"consultation-{name}", body=body)
        self.page.save_revision().publish()
        author = make_participant(f"author-{name}", municipality=self.municipality)
        self.author = author
        self.held = comments.post_comment(author, self.page, "talk", f"นายกขี้โกง {name}")
        self.published = comments.post_comment(author, self.page, "talk", f"ซ่อมถนน {name}")
        self.hidden = comments.post_comment(author, self.page, "talk", f"ซ่อนแล้ว {name}")
        moderation.hide(boss, self.hidden, "กล่าวหาบุคคล")
        self.blocked_author = make_participant(f"spammer-{name}", municipality=self.municipality)
        self.of_blocked = comments.post_comment(
            self.blocked_author, self.page, "talk", f"สแปม {name}"
        )
        moderation.block(boss, self.blocked_author, "สแปม", self.of_blocked)


class World:
    def __init__(self):
        rules = ModerationSettings.load()
        rules.banned_words = "ขี้โกง"
        rules.save()
        self.boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
        self.a = Municipal(make_home("เทศบาลเมืองแสนสุข", "saensuk"), "a", self.boss)
        self.b = Municipal(second_home("เขตราชเทวี", "ratchathewi"), "b", self.boss)
        # A's staff member: every staff permission, through a group of A, and page
        # permissions on A's tree (the report asks for both).
        self.staff = make_staff("staff-a", *STAFF_PERMISSIONS, municipality=self.a.municipality)
        GroupPagePermission.objects.create(
            group=self.staff.groups.get(),
            page=self.a.home,
            permission=Permission.objects.get(
                codename="change_page", content_type__app_label="wagtailcore"
            ),
        )

    def stored(self):
        return {
            "comments": dict(Comment.objects.values_list("pk", "state")),
            "blocked": set(
                Participant.objects.filter(blocked_at__isnull=False).values_list("pk", flat=True)
            ),
            "moderation log": ModerationAction.objects.count(),
            "votes": Vote.objects.count(),
            "participants": Participant.objects.count(),
            "register": sorted(
                ResidentRecord.objects.values_list("municipality_id", flat=True).distinct()
            ),
        }


@pytest.fixture
def world(db):
    return World()


def _as(client, user):
    client.force_login(user)
    return client


# The rule itself


def test_staff_work_for_the_municipalities_of_their_groups_and_a_superuser_for_all(world):
    a, b = world.a.municipality, world.b.municipality
    assert list(municipalities_of(world.staff)) == [a]
    assert works_for(world.staff, a) and not works_for(world.staff, b)
    assert set(municipalities_of(world.boss)) == {a, b}
    assert works_for(world.boss, b)
    both = contributions_for(world.staff, Comment.objects.all())
    assert set(both.values_list("municipality", flat=True)) == {a.pk}


def test_a_permission_counts_only_in_the_municipality_whose_group_gives_it(world):
    """A moderator of A who reads B's reports does not moderate B."""
    user = make_staff("two-hats", "bokrao_blocks.change_comment", municipality=world.a.municipality)
    readers = Group.objects.create(name="B's report readers")
    readers.permissions.add(Permission.objects.get(codename="view_participation_report"))
    join_staff(user, readers, world.b.municipality)
    user = get_user_model().objects.get(pk=user.pk)

    assert list(municipalities_of(user, "bokrao_blocks.change_comment")) == [world.a.municipality]
    assert list(municipalities_of(user, "bokrao_blocks.view_participation_report")) == [
        world.b.municipality
    ]
    assert set(municipalities_of(user)) == {world.a.municipality, world.b.municipality}


def test_a_group_of_no_municipality_gives_nothing(world, client):
    loose = get_user_model().objects.create_user("loose", "loose@example.com", "pw")
    group = Group.objects.create(name="Staff of nowhere")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for name in STAFF_PERMISSIONS:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label=app_label)
        )
    loose.groups.add(group)
    _as(client, loose)

    for url in (QUEUE, REGISTER, reverse("bokrao_on_site", args=[world.a.page.pk])):
        assert_refused_in_admin(client.get(url))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert QUEUE not in html and REGISTER not in html


# By the admin menu and the page buttons


def test_the_menu_offers_staff_screens_to_the_municipalitys_staff(world, client):
    html = _as(client, world.staff).get(reverse("wagtailadmin_home")).content.decode()
    assert QUEUE in html and REGISTER in html and reverse("bokrao_staff_search") in html


def test_page_buttons_show_on_the_staff_members_municipality_only(world):
    def links(page, user):
        return {button.url for button in participation_buttons(page, user)}

    report_a = reverse("bokrao_report", args=[world.a.page.pk])
    on_site_a = reverse("bokrao_on_site", args=[world.a.page.pk])
    assert links(world.a.page, world.staff) == {report_a, on_site_a}
    assert links(world.b.page, world.staff) == set()
    assert links(world.b.page, world.boss) == {
        reverse("bokrao_report", args=[world.b.page.pk]),
        reverse("bokrao_on_site", args=[world.b.page.pk]),
    }


# The moderation queue


@pytest.mark.parametrize("state", ["review", "held", "hidden", "withheld"])
def test_the_queue_lists_the_staff_members_municipality_only(world, client, state):
    rows = _as(client, world.staff).get(QUEUE, {"state": state}).context["rows"]
    municipalities = {row["comment"].municipality_id for row in rows}
    assert municipalities == {world.a.municipality.pk}
    tabs = {tab["key"]: tab["count"] for tab in client.get(QUEUE).context["tabs"]}
    assert tabs["held"] == 1  # A's held comment, not B's


def test_the_superuser_queue_lists_every_municipality(world, client):
    rows = _as(client, world.boss).get(QUEUE, {"state": "held"}).context["rows"]
    assert {row["comment"].pk for row in rows} == {world.a.held.pk, world.b.held.pk}


def test_the_moderation_log_shows_the_staff_members_municipality_only(world, client):
    log = _as(client, world.staff).get(QUEUE).context["log"]
    assert {entry.comment.municipality_id for entry in log} == {world.a.municipality.pk}
    assert len(_as(client, world.boss).get(QUEUE).context["log"]) == 4  # hide, block per town


# Moderation actions by id

ACTIONS = [
    ("held", "approve", "", CommentState.PUBLISHED),
    ("published", "hide", "นอกเรื่อง", CommentState.HIDDEN),
    ("hidden", "restore", "", CommentState.PUBLISHED),
    ("published", "block", "สแปม", CommentState.WITHHELD),
]


@pytest.mark.parametrize("comment_name, action, reason, state", ACTIONS)
def test_a_moderation_action_on_another_municipalitys_comment_is_refused(
    world, client, comment_name, action, reason, state
):
    comment = getattr(world.b, comment_name)
    before = world.stored()
    response = _as(client, world.staff).post(
        reverse("bokrao_moderate", args=[comment.pk]), {"action": action, "reason": reason}
    )
    assert_refused_in_admin(response)
    assert world.stored() == before


@pytest.mark.parametrize("comment_name, action, reason, state", ACTIONS)
def test_a_moderation_action_on_the_own_municipalitys_comment_acts(
    world, client, comment_name, action, reason, state
):
    comment = getattr(world.a, comment_name)
    response = _as(client, world.staff).post(
        reverse("bokrao_moderate", args=[comment.pk]), {"action": action, "reason": reason}
    )
    assert (response.status_code, response["Location"]) == (302, QUEUE)
    assert Comment.objects.get(pk=comment.pk).state == state


@pytest.mark.parametrize("municipal", ["a", "b"])
def test_the_superuser_acts_in_every_municipality(world, client, municipal):
    comment = getattr(world, municipal).held
    _as(client, world.boss).post(
        reverse("bokrao_moderate", args=[comment.pk]), {"action": "approve"}
    )
    assert Comment.objects.get(pk=comment.pk).state == CommentState.PUBLISHED


def test_unblocking_from_another_municipalitys_comment_is_refused(world, client):
    before = world.stored()
    response = _as(client, world.staff).post(
        reverse("bokrao_moderate", args=[world.b.of_blocked.pk]), {"action": "unblock"}
    )
    assert_refused_in_admin(response)
    assert world.stored() == before


def test_a_block_made_by_another_municipality_is_lifted_by_it_only(world, client):
    """B blocked its spammer, who also wrote in A: A's moderator sees the comment in A
    (withheld) but cannot lift B's block; B's moderator or a superuser can."""
    spammer = world.b.blocked_author
    moderation.unblock(world.boss, spammer, "", world.b.of_blocked)
    in_a = comments.post_comment(spammer, world.a.page, "talk", "สแปมใน A")
    moderation.block(world.boss, spammer, "สแปม", world.b.of_blocked)
    response = _as(client, world.staff).post(
        reverse("bokrao_moderate", args=[in_a.pk]),
        {"action": "unblock", "next": QUEUE},
        follow=True,
    )
    assert _messages(response) == [
        thai(
            "Another municipality blocked this person: its moderators or a "
            "platform administrator can unblock them."
        )
    ]
    spammer.refresh_from_db()
    assert spammer.blocked_at is not None

    moderator_b = make_staff(
        "moderator-b", "bokrao_blocks.change_comment", municipality=world.b.municipality
    )
    _as(client, moderator_b).post(
        reverse("bokrao_moderate", args=[world.b.of_blocked.pk]), {"action": "unblock"}
    )
    spammer.refresh_from_db()
    assert spammer.blocked_at is None


def test_a_block_is_platform_wide_and_made_from_a_comment_of_the_moderators_municipality(
    world, client
):
    """The decision: one person, one account, one block. A's moderator blocks from A's
    comment, and the person's comments in B are withheld from the public too."""
    in_b = comments.post_comment(world.a.author, world.b.page, "talk", "ความเห็นใน B")
    _as(client, world.staff).post(
        reverse("bokrao_moderate", args=[world.a.published.pk]),
        {"action": "block", "reason": "สแปม"},
    )
    assert Comment.objects.get(pk=in_b.pk).state == CommentState.WITHHELD
    logged = ModerationAction.objects.latest("pk")
    assert (logged.action, logged.comment, logged.moderator) == (
        "block",
        world.a.published,
        world.staff,
    )


def _messages(response):
    return [str(message).strip() for message in response.context["messages"]]


def thai(message):
    with translation.override("th"):
        return translation.gettext(message)


# Reports and their CSV


@pytest.mark.parametrize("csv", [False, True])
def test_the_report_of_another_municipality_is_refused(world, client, csv):
    url = reverse("bokrao_report", args=[world.b.page.pk]) + ("?format=csv" if csv else "")
    assert_refused_in_admin(_as(client, world.staff).get(url))


@pytest.mark.parametrize("csv", [False, True])
def test_the_report_of_the_own_municipality_opens(world, client, csv):
    url = reverse("bokrao_report", args=[world.a.page.pk]) + ("?format=csv" if csv else "")
    response = _as(client, world.staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv" if csv else "text/html")


def test_a_report_counts_inside_and_outside_by_the_pages_municipality(world, client):
    """The citizen who lives in A is inside in A's report and outside in B's."""
    citizen = make_participant("citizen", municipality=world.a.municipality)
    for municipal in (world.a, world.b):
        comments.post_comment(citizen, municipal.page, "talk", "ขอไฟส่องสว่าง")
    _as(client, world.boss)
    for municipal, expected in ((world.a, [1, 0]), (world.b, [0, 1])):
        report = client.get(reverse("bokrao_report", args=[municipal.page.pk])).context
        # The citizen, and the two authors of the municipality (who live there).
        authors = [2, 0]
        assert report["participants_by_area"] == [
            count + extra for count, extra in zip(expected, authors, strict=True)
        ]


# On-site entry


def _entry(world_page):
    return reverse("bokrao_on_site", args=[world_page.pk])


PERSON = {
    "place": "ศาลาประชาคม",
    "who": "new",
    "voter_group": "resident",
    "area": Residence.INSIDE,
    "w-talk": "ต้องการไฟส่องสว่าง",
}


def test_on_site_entry_on_another_municipalitys_page_is_refused(world, client):
    before = world.stored()
    _as(client, world.staff)
    assert_refused_in_admin(client.get(_entry(world.b.page)))
    assert_refused_in_admin(client.post(_entry(world.b.page), PERSON))
    assert world.stored() == before


def test_on_site_entry_on_the_own_municipalitys_page_stores(world, client):
    _as(client, world.staff)
    assert client.get(_entry(world.a.page)).status_code == 200
    response = client.post(_entry(world.a.page), PERSON)
    assert (response.status_code, response["Location"]) == (302, _entry(world.a.page))
    entered = Comment.objects.get(comment="ต้องการไฟส่องสว่าง")
    assert (entered.municipality, entered.entered_by) == (world.a.municipality, world.staff)


# The resident register


def _register_file(national_id):
    csv = f"national_id,birth_date,area\n{national_id},15/03/2528,\n"
    return SimpleUploadedFile("register.csv", csv.encode("utf-8"), "text/csv")


def test_staff_of_one_municipality_upload_its_register_without_a_choice(world, client):
    _as(client, world.staff)
    page = client.get(REGISTER)
    assert "municipality" not in page.context["form"].fields
    html = page.content.decode()
    assert 'name="municipality"' not in html
    assert "area" in str(page.context["form"].fields["register"].help_text)

    # A forged choice of B is not a field: the register stored is A's.
    response = client.post(
        REGISTER, {"register": _register_file(ID_A), "municipality": world.b.municipality.pk}
    )
    assert (response.status_code, response["Location"]) == (302, REGISTER)
    assert world.stored()["register"] == [world.a.municipality.pk]


def test_the_superuser_chooses_the_municipality_of_the_register(world, client):
    _as(client, world.boss)
    form = client.get(REGISTER).context["form"]
    assert set(form.fields["municipality"].queryset) == {world.a.municipality, world.b.municipality}

    response = client.post(
        REGISTER, {"register": _register_file(ID_B), "municipality": world.b.municipality.pk}
    )
    assert response["Location"] == f"{REGISTER}?municipality={world.b.municipality.pk}"
    assert world.stored()["register"] == [world.b.municipality.pk]
    shown = client.get(REGISTER, {"municipality": world.b.municipality.pk}).context
    assert (shown["municipality"], shown["count"]) == (world.b.municipality, 1)


def test_staff_of_two_municipalities_choose_among_theirs_only(world, client):
    third = municipality_of(second_home("เทศบาลตำบลบางพระ", "bangphra"))
    join_staff(world.staff, world.staff.groups.get(), world.b.municipality)
    form = _as(client, world.staff).get(REGISTER).context["form"]
    assert set(form.fields["municipality"].queryset) == {world.a.municipality, world.b.municipality}

    response = client.post(REGISTER, {"register": _register_file(ID_A), "municipality": third.pk})
    assert response.status_code == 200  # not a choice of theirs: refused by the form
    assert world.stored()["register"] == []


def test_without_a_municipality_the_register_page_says_to_create_one(db, client):
    boss = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    html = _as(client, boss).get(REGISTER).content.decode()
    with translation.override("th"):
        expected = translation.gettext(
            "There is no municipality yet: a register belongs to one. Create its home page first."
        )
    assert expected in html


# Staff participation search (a real OpenSearch node)


@pytest.fixture
def indexed(participation_index, world):
    send_all_due(participation_index)
    participation_index.refresh()
    return participation_index


def _found(client, **params):
    response = client.get(reverse("bokrao_staff_search"), {"q": "", **params})
    assert response.status_code == 200
    return {
        hit["object_id"] for hit in response.context["found"].hits if hit["doc_type"] == "comment"
    }


def _comment_ids(municipal):
    return {
        str(pk)
        for pk in Comment.objects.filter(municipality=municipal.municipality).values_list(
            "pk", flat=True
        )
    }


def test_staff_search_finds_the_staff_members_municipality_only(indexed, world, client):
    found = _found(_as(client, world.staff))
    assert found == _comment_ids(world.a)
    # Asking for B's municipality by URL finds nothing of it.
    assert _found(client, municipality=str(world.b.municipality.pk)) == set()
    assert client.get(reverse("bokrao_staff_search")).context["municipalities"] == []


def test_the_superuser_searches_every_municipality_and_may_narrow_to_one(indexed, world, client):
    _as(client, world.boss)
    assert _found(client) == _comment_ids(world.a) | _comment_ids(world.b)
    assert _found(client, municipality=str(world.b.municipality.pk)) == _comment_ids(world.b)
    choices = dict(client.get(reverse("bokrao_staff_search")).context["municipalities"])
    assert set(choices) == {str(world.a.municipality.pk), str(world.b.municipality.pk)}


def test_the_consultation_filter_offers_the_staff_members_municipality_only(
    world, client, settings
):
    settings.BOKRAO_SEARCH = {"URL": ""}  # the form is shown without an engine too
    keys = dict(
        _as(client, world.staff).get(reverse("bokrao_staff_search")).context["consultations"]
    )
    assert set(keys) == {str(world.a.page.translation_key)}
    keys = dict(
        _as(client, world.boss).get(reverse("bokrao_staff_search")).context["consultations"]
    )
    assert set(keys) == {str(world.a.page.translation_key), str(world.b.page.translation_key)}


def test_analytics_of_a_consultation_count_its_municipality_only(indexed, world):
    from search import analytics

    key = world.a.page.translation_key
    mine = analytics.comments_per_paragraph(indexed, key, world.a.municipality.pk)
    assert sum(mine[""].values()) == 4
    assert analytics.comments_per_paragraph(indexed, key, world.b.municipality.pk) == {}


# Constant queries, for a municipality's moderator too


def _count(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_the_queue_and_report_cost_as_many_queries_for_a_moderator_with_twice_the_comments(
    world, client
):
    _as(client, world.staff)
    client.get(QUEUE)  # the first request of a session does more (the admin's profile)
    queue_before = _count(client, QUEUE, state="held")
    report_url = reverse("bokrao_report", args=[world.a.page.pk])
    report_before = _count(client, report_url)
    for n in range(4):
        author = make_participant(f"more-{n}", municipality=world.a.municipality)
        comments.post_comment(author, world.a.page, "talk", f"ขี้โกง {n}")  # held
        comments.post_comment(author, world.b.page, "talk", f"ขี้โกง B {n}")
    assert _count(client, QUEUE, state="held") == queue_before
    assert _count(client, report_url) == report_before


# Migration 0008: an installation of one municipality keeps its staff


def _migration_0008():
    name = "0008_staff_of_the_first_municipality"
    state = MigrationLoader(connection).project_state(("bokrao_blocks", name))
    return import_module(f"consultation_blocks.migrations.{name}"), state.apps


def test_the_migration_gives_the_one_municipality_every_group(db):
    home = make_home()
    migration, apps = _migration_0008()
    migration.groups_work_for_the_one_municipality(apps, None)
    assert set(municipality_of(home).staff_groups.all()) == set(Group.objects.all())
    assert Group.objects.filter(name="Moderators").exists()


def test_the_migration_leaves_several_municipalities_to_their_administrator(world):
    migration, apps = _migration_0008()
    migration.groups_work_for_the_one_municipality(apps, None)
    assert not world.b.municipality.staff_groups.exists()
    assert list(world.a.municipality.staff_groups.all()) == [world.staff.groups.get()]
