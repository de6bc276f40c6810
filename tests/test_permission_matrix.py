"""Who may open every staff screen and do every staff action, by direct URL.

The table below is the whole matrix: one row per screen or action (GET or POST), one
column per role. Each cell is a test that asserts the exact answer, and for a POST what
was stored: the action's effect when allowed, nothing at all when refused.

How the admin refuses (tests/refusals.py): a visitor who is not signed in is sent to the
admin's sign-in page and comes back to what they asked for; a signed-in citizen (no admin
access) is sent there too, with Wagtail's "no admin access" message; a staff member
without the permission is sent to the admin's home with Wagtail's "no permission"
message. (A 403 is only the answer to the admin's own scripts, XMLHttpRequest.)

The roles:
- citizen: a signed-in participant, no admin access;
- editor: admin access, add, edit and publish on the debates section only, and the
  report permission (granted per section: it opens the reports of that section only);
- moderator: in Wagtail's own "Moderators" group (which may moderate comments,
  consultation_blocks migration 0004, and edit and publish every page);
- superuser.
Editor and moderator work for the municipality of the world's pages (its staff groups);
tests/test_municipal_staff.py has the matrix of one municipality's staff on another's.

To add a screen: a row in MATRIX and its Screen in SCREENS.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission

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
from consultation_blocks.privacy.models import PersonalDataSettings
from consultation_blocks.staff.factories import join_staff
from pb_pages.factories import make_consultation, make_section
from pb_pages.phases import services as phases
from pb_pages.phases.models import PhaseShift

from .refusals import assert_refused_in_admin, assert_sent_to_admin_sign_in

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "editor", "moderator", "superuser")
Y, N = "allowed", "refused"

# fmt: off
MATRIX = {
    #                                        anonymous citizen editor moderator superuser
    "moderation queue":                         (N, N, N, Y, Y),
    "moderation: approve a held comment":       (N, N, N, Y, Y),
    "moderation: hide a comment":               (N, N, N, Y, Y),
    "moderation: restore a hidden comment":     (N, N, N, Y, Y),
    "moderation: block the author":             (N, N, N, Y, Y),
    "moderation: unblock the author":           (N, N, N, Y, Y),
    "on-site entry form":                       (N, N, N, N, Y),
    "on-site entry: submit":                    (N, N, N, N, Y),
    "resident register":                        (N, N, N, N, Y),
    "resident register: upload":                (N, N, N, N, Y),
    "report, inside the editor's section":      (N, N, Y, N, Y),
    "report CSV, inside the editor's section":  (N, N, Y, N, Y),
    "report, outside the editor's section":     (N, N, N, N, Y),
    "report CSV, outside the editor's section": (N, N, N, N, Y),
    "phases, inside":                           (N, N, Y, Y, Y),
    "phases, inside: hold":                     (N, N, Y, Y, Y),
    "phases, inside: release":                  (N, N, Y, Y, Y),
    "phases, inside: advance":                  (N, N, Y, Y, Y),
    "phases, outside":                          (N, N, N, Y, Y),
    "phases, outside: hold":                    (N, N, N, Y, Y),
    "phases, outside: advance":                 (N, N, N, Y, Y),
    "staff search":                             (N, N, N, Y, Y),
    "settings: moderation rules":               (N, N, N, N, Y),
    "settings: moderation rules: save":         (N, N, N, N, Y),
    "settings: personal data":                  (N, N, N, N, Y),
    "settings: personal data: save":            (N, N, N, N, Y),
}
# fmt: on

PHASES = [("discussion", -1, 10), ("voting", 10, 20), ("results", 20, None)]


class World:
    """Two consultations (one in the editor's debates section, one in the votes section)
    and comments in the states the moderation actions start from."""

    def __init__(self, home):
        self.debates = make_section(home, "debate", slug="debates")
        self.votes = make_section(home, "vote", slug="votes")
        body = widget_body(comment_widget("talk"), widget("agree_disagree", "agree"))
        self.inside = make_consultation(self.debates, slug="inside", phases=PHASES, body=body)
        self.outside = make_consultation(self.votes, slug="outside", phases=PHASES, body=body)
        for page in (self.inside, self.outside):
            page.save_revision().publish()
        rules = ModerationSettings.load()
        rules.banned_words = "ขี้โกง"
        rules.save()
        self.author = make_participant("author")
        self.held = comments.post_comment(self.author, self.inside, "talk", "นายกขี้โกง")
        self.published = comments.post_comment(self.author, self.inside, "talk", "ซ่อมถนนก่อน")
        self.hidden = comments.post_comment(self.author, self.inside, "talk", "ถูกซ่อนแล้ว")
        self.blocked_author = make_participant("blocked")
        self.of_blocked = comments.post_comment(self.blocked_author, self.inside, "talk", "สแปม")
        boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
        moderation.hide(boss, self.hidden, "กล่าวหาบุคคล")
        moderation.block(boss, self.blocked_author, "สแปม", self.of_blocked)
        self.boss = boss

    def stored(self):
        """Everything a staff action can change, to compare before and after."""
        return {
            "comments": dict(Comment.objects.values_list("pk", "state")),
            "blocked": set(
                Participant.objects.filter(blocked_at__isnull=False).values_list("pk", flat=True)
            ),
            "moderation log": ModerationAction.objects.count(),
            "votes": Vote.objects.count(),
            "participants": Participant.objects.count(),
            "phase shifts": PhaseShift.objects.count(),
            "register": ResidentRecord.objects.count(),
            "moderation rules": ModerationSettings.load().flags_to_hold,
            "personal data": PersonalDataSettings.load().votes_after_deletion,
        }


def _changed(before, after):
    return {name: (before[name], after[name]) for name in before if before[name] != after[name]}


@dataclass
class Screen:
    method: str
    url: Callable
    data: Callable = lambda world: {}
    # For an allowed POST: where it sends the user, and what it changed (the names of
    # World.stored() that change, with their values after).
    goes_to: Callable | None = None
    effect: Callable = lambda world, before, after: None
    prepare: Callable = lambda world: None
    content_type: str = "text/html; charset=utf-8"
    changes: tuple = field(default=())


QUEUE = "/admin/bokrao/moderation/"
HELD_TAB = QUEUE + "?state=held"


def _act(comment_name, action, reason=""):
    def data(world):
        return {"action": action, "reason": reason, "next": HELD_TAB}

    def url(world):
        return reverse("bokrao_moderate", args=[getattr(world, comment_name).pk])

    return url, data


def _comment_state(comment_name, state):
    def effect(world, before, after):
        comment = getattr(world, comment_name)
        assert after["comments"][comment.pk] == state
        assert after["moderation log"] == before["moderation log"] + 1

    return effect


def _moderation(comment_name, action, reason, effect, changes=("comments", "moderation log")):
    url, data = _act(comment_name, action, reason)
    return Screen("POST", url, data, goes_to=lambda world: HELD_TAB, effect=effect, changes=changes)


def _blocked(world, before, after):
    assert after["blocked"] == before["blocked"] | {world.author.pk}
    assert after["comments"][world.published.pk] == CommentState.WITHHELD


def _unblocked(world, before, after):
    assert after["blocked"] == before["blocked"] - {world.blocked_author.pk}
    assert after["comments"][world.of_blocked.pk] == CommentState.PUBLISHED


def _on_site_url(world):
    return reverse("bokrao_on_site", args=[world.inside.pk])


def _on_site_entered(world, before, after):
    assert after["participants"] == before["participants"] + 1
    entered = Comment.objects.get(comment="ต้องการไฟส่องสว่าง")
    assert (entered.entered_by, entered.entered_at_place) == (world.user, "ศาลาประชาคม")


def _register_upload(world):
    csv = "national_id,birth_date\n1101700203450,15/03/2528\n"
    return {
        "register": SimpleUploadedFile("register.csv", csv.encode("utf-8"), "text/csv"),
    }


def _report(page_name, csv=False):
    def url(world):
        path = reverse("bokrao_report", args=[getattr(world, page_name).pk])
        return path + ("?format=csv" if csv else "")

    return url


def _phases_url(page_name):
    return lambda world: reverse("bokrao_phases", args=[getattr(world, page_name).pk])


def _shift(page_name, action):
    def effect(world, before, after):
        shift = PhaseShift.objects.get()
        page = getattr(world, page_name)
        assert (shift.action, shift.page_id, shift.by) == (action, page.pk, world.user)

    return Screen(
        "POST",
        _phases_url(page_name),
        lambda world: {"action": action, "reason": "น้ำท่วม"},
        goes_to=_phases_url(page_name),
        effect=effect if action != "release" else _released(page_name),
        prepare=_held(page_name) if action == "release" else lambda world: None,
        changes=("phase shifts",),
    )


def _held(page_name):
    def prepare(world):
        phases.hold(getattr(world, page_name), world.boss, "รอ")

    return prepare


def _released(page_name):
    def effect(world, before, after):
        shift = PhaseShift.objects.latest("pk")
        assert (shift.action, shift.by) == ("release", world.user)

    return effect


def _setting_url(model):
    def url(world):
        return reverse(
            "wagtailsettings:edit", args=["bokrao_blocks", model._meta.model_name, model.load().pk]
        )

    return url


SCREENS = {
    "moderation queue": Screen("GET", lambda world: QUEUE),
    "moderation: approve a held comment": _moderation(
        "held", "approve", "", _comment_state("held", CommentState.PUBLISHED)
    ),
    "moderation: hide a comment": _moderation(
        "published", "hide", "นอกเรื่อง", _comment_state("published", CommentState.HIDDEN)
    ),
    "moderation: restore a hidden comment": _moderation(
        "hidden", "restore", "", _comment_state("hidden", CommentState.PUBLISHED)
    ),
    "moderation: block the author": _moderation(
        "published", "block", "สแปม", _blocked, ("comments", "blocked", "moderation log")
    ),
    "moderation: unblock the author": _moderation(
        "of_blocked", "unblock", "", _unblocked, ("comments", "blocked", "moderation log")
    ),
    "on-site entry form": Screen("GET", _on_site_url),
    "on-site entry: submit": Screen(
        "POST",
        _on_site_url,
        lambda world: {
            "place": "ศาลาประชาคม",
            "who": "new",
            "voter_group": "resident",
            "area": "inside",
            "w-talk": "ต้องการไฟส่องสว่าง",
        },
        goes_to=_on_site_url,
        effect=_on_site_entered,
        changes=("comments", "participants"),
    ),
    "resident register": Screen("GET", lambda world: reverse("bokrao_resident_register")),
    "resident register: upload": Screen(
        "POST",
        lambda world: reverse("bokrao_resident_register"),
        _register_upload,
        goes_to=lambda world: reverse("bokrao_resident_register"),
        effect=lambda world, before, after: None,
        changes=("register",),
    ),
    "report, inside the editor's section": Screen("GET", _report("inside")),
    "report CSV, inside the editor's section": Screen(
        "GET", _report("inside", csv=True), content_type="text/csv; charset=utf-8"
    ),
    "report, outside the editor's section": Screen("GET", _report("outside")),
    "report CSV, outside the editor's section": Screen(
        "GET", _report("outside", csv=True), content_type="text/csv; charset=utf-8"
    ),
    "phases, inside": Screen("GET", _phases_url("inside")),
    "phases, inside: hold": _shift("inside", "hold"),
    "phases, inside: release": _shift("inside", "release"),
    "phases, inside: advance": _shift("inside", "advance"),
    "phases, outside": Screen("GET", _phases_url("outside")),
    "phases, outside: hold": _shift("outside", "hold"),
    "phases, outside: advance": _shift("outside", "advance"),
    "staff search": Screen("GET", lambda world: reverse("bokrao_staff_search") + "?q=ถนน"),
    "settings: moderation rules": Screen("GET", _setting_url(ModerationSettings)),
    "settings: moderation rules: save": Screen(
        "POST",
        _setting_url(ModerationSettings),
        lambda world: {"banned_words": "ขี้โกง", "flags_to_hold": "7", "links_to_hold": "3"},
        goes_to=_setting_url(ModerationSettings),
        effect=lambda world, before, after: None,
        changes=("moderation rules",),
    ),
    "settings: personal data": Screen("GET", _setting_url(PersonalDataSettings)),
    "settings: personal data: save": Screen(
        "POST",
        _setting_url(PersonalDataSettings),
        lambda world: {"comments_after_deletion": "keep", "votes_after_deletion": "remove"},
        goes_to=_setting_url(PersonalDataSettings),
        effect=lambda world, before, after: None,
        changes=("personal data",),
    ),
}


def _group(name, *codenames, app_label=None):
    group, _created = Group.objects.get_or_create(name=name)
    for codename in codenames:
        found = Permission.objects.filter(codename=codename)
        if app_label:
            found = found.filter(content_type__app_label=app_label)
        group.permissions.add(found.get())
    return group


def _user(role, world):
    User = get_user_model()
    if role == "anonymous":
        return None
    if role == "citizen":
        return make_participant("citizen").user
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.com", "pw")
    user = User.objects.create_user(role, f"{role}@example.com", "pw")
    if role == "editor":
        group = _group("Debates editors", "access_admin")
        group.permissions.add(
            Permission.objects.get(
                codename="view_participation_report", content_type__app_label="bokrao_blocks"
            )
        )
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=world.debates,
                permission=Permission.objects.get(
                    codename=codename, content_type__app_label="wagtailcore"
                ),
            )
    elif role == "moderator":
        group = Group.objects.get(name="Moderators")  # Wagtail's own
    join_staff(user, group)  # staff of the world's municipality
    return user


def _cells():
    assert set(MATRIX) == set(SCREENS), "every screen has a row, every row a screen"
    for name, row in MATRIX.items():
        for role, expected in zip(ROLES, row, strict=True):
            yield pytest.param(name, role, expected, id=f"{name} | {role} | {expected}")


def _assert_sent_to_sign_in(response):
    """Not signed in: to the admin's sign-in page, and back to the same URL afterwards."""
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("wagtailadmin_login")
    assert parse_qs(location.query) == {"next": [response.wsgi_request.get_full_path()]}


@pytest.mark.parametrize("name, role, expected", list(_cells()))
def test_matrix(name, role, expected, home, client):
    screen = SCREENS[name]
    world = World(home)
    world.user = _user(role, world)
    if world.user is not None:
        client.force_login(world.user)
    screen.prepare(world)
    before = world.stored()
    url = screen.url(world)
    if screen.method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, screen.data(world))
    after = world.stored()

    if expected == N:
        if role == "anonymous":
            _assert_sent_to_sign_in(response)
        elif role == "citizen":
            assert_sent_to_admin_sign_in(response)
        else:
            assert_refused_in_admin(response)
        assert _changed(before, after) == {}, "a refused request stored nothing"
        return

    if screen.method == "GET":
        assert response.status_code == 200
        assert response["Content-Type"] == screen.content_type
        assert _changed(before, after) == {}, "looking changes nothing"
        return
    assert response.status_code == 302, getattr(response, "context", None) and [
        str(message) for message in response.context.get("messages", [])
    ]
    assert response["Location"] == screen.goes_to(world)
    assert set(_changed(before, after)) == set(screen.changes)
    screen.effect(world, before, after)


# The moderation screen's `next`: back to where the moderator was, never elsewhere.


@pytest.mark.parametrize(
    "given, goes_to",
    [
        (HELD_TAB, HELD_TAB),
        ("", QUEUE),
        ("https://evil.example/admin/", QUEUE),
        ("//evil.example/", QUEUE),
        ("/\\evil.example/", QUEUE),
        ("http://testserver/admin/", QUEUE),  # even this site, when not a path
        ("javascript:alert(1)", QUEUE),
        ("thanks", QUEUE),  # neither a URL nor a place: was a server error
        ("wagtailadmin_home", QUEUE),  # a view's name is not a place either
    ],
)
def test_the_moderation_screen_sends_the_moderator_back_to_a_local_page_only(
    given, goes_to, home, client
):
    world = World(home)
    client.force_login(world.boss)
    response = client.post(
        reverse("bokrao_moderate", args=[world.held.pk]), {"action": "approve", "next": given}
    )
    assert (response.status_code, response["Location"]) == (302, goes_to)
    assert Comment.objects.get(pk=world.held.pk).state == CommentState.PUBLISHED


def test_a_refused_moderation_action_also_goes_back_to_a_local_page_only(home, client):
    world = World(home)
    client.force_login(world.boss)
    response = client.post(
        reverse("bokrao_moderate", args=[world.held.pk]),
        {"action": "hide", "reason": "", "next": "https://evil.example/"},
    )
    assert (response.status_code, response["Location"]) == (302, QUEUE)
    assert Comment.objects.get(pk=world.held.pk).state == CommentState.HELD
