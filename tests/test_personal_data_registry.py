"""Every part of the app that keeps something about a participant says so
(consultation_blocks/privacy/registry.py), so the download and the deletion reach it."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from consultation_blocks.factories import make_participant
from consultation_blocks.models import Participant
from consultation_blocks.privacy import registry
from consultation_blocks.privacy.policy import personal_data_policy

# Our apps, and the comment apps whose tables our comments live in.
IN_SCOPE = ("django_comments", "django_comments_xtd")


def _in_scope(model):
    label = model._meta.app_label
    return label.startswith("bokrao_") or label in IN_SCOPE


def _points_at_a_person(field):
    return (
        field.is_relation
        and (field.many_to_one or field.one_to_one)
        and field.related_model in (get_user_model(), Participant)
    )


def test_every_field_pointing_at_a_participant_or_an_account_is_claimed():
    """A ForeignKey or OneToOneField to Participant or to the user model, in a model of
    our apps (app labels bokrao_*) or of django_comments / django_comments_xtd, must be
    claimed by a registered holder (downloaded and erased with the participant) or
    declared a field that points at staff only (register_staff_fields).

    Out of scope: Wagtail's and Django's own models (page owners and locks, revisions,
    log entries, workflow states, user profiles, the admin log). They are about staff
    accounts, which are deleted in the admin, never from the public site.
    """
    claimed = {claim for holder in registry.HOLDERS for claim in holder.claims}
    claimed |= registry.STAFF_FIELDS
    pointers = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if _in_scope(model)
        for field in model._meta.local_fields
        if _points_at_a_person(field)
    ]
    assert len(pointers) >= 8  # Participant.user, Vote.participant, CommentFlag.user...

    unclaimed = sorted(set(pointers) - claimed)

    assert unclaimed == [], (
        "Register a Holder for these in the sub-package's personal_data.py, or declare "
        "them staff-only with register_staff_fields (consultation_blocks/privacy/registry.py)"
    )


def test_every_claim_names_a_field_that_points_at_a_person():
    """A renamed or removed field must not leave a claim that covers nothing."""
    claims = [claim for holder in registry.HOLDERS for claim in holder.claims]
    for claim in [*claims, *registry.STAFF_FIELDS]:
        app_label, model_name, field_name = claim.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        assert _points_at_a_person(field), claim


@pytest.fixture
def groups_holder():
    """A holder of the groups a participant joined, as a new sub-package would add."""

    def export(person, pages):
        return sorted(person.user.groups.values_list("name", flat=True))

    def erase(person, policy):
        person.user.groups.clear()
        erased.append(person.user.pk)
        return []

    erased = []
    holder = registry.Holder(
        name="groups",
        claims=(),
        export=export,
        erase=erase,
        plan=lambda person: {"groups": person.user.groups.count()},
    )
    registry.register(holder)
    yield erased
    registry.HOLDERS.remove(holder)


@pytest.mark.django_db
def test_a_registered_holder_is_in_the_download_the_plan_and_the_deletion(
    home, client, groups_holder
):
    from consultation_blocks.privacy.deletion import delete_account, deletion_plan

    somchai = make_participant("somchai")
    somchai.user.groups.add(Group.objects.create(name="ชมรมผู้สูงอายุ"))
    client.force_login(somchai.user)

    download = json.loads(client.get("/en/participate/account/my-data/").content)
    plan = deletion_plan(somchai.user, personal_data_policy())
    user_pk = somchai.user.pk
    delete_account(somchai.user, personal_data_policy())

    assert download["groups"] == ["ชมรมผู้สูงอายุ"]
    assert list(download)[-1] == "groups"  # after the sections registered before it
    assert plan["groups"] == 1 and plan["votes"] == 0
    assert groups_holder == [user_pk]
    assert not get_user_model().objects.filter(pk=user_pk).exists()


def test_a_holder_is_registered_once():
    with pytest.raises(ValueError, match="'votes' is registered twice"):
        registry.register(registry.Holder("votes", (), export=None, erase=None))
