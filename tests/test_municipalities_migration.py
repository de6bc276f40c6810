"""The migration that turns the single municipality of an installation into the first of
many (consultation_blocks/migrations/0007_municipalities.py), from a database at the
migration before it: nothing anyone said or verified is lost."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("bokrao_blocks", "0006_attempt_windows")]
AFTER = [("bokrao_blocks", "0007_municipalities")]
INSIDE_HASH = "a" * 64


def _migrate(targets):
    """Migrate bokrao_blocks to `targets`; the apps of the whole project at that point
    (every other app at its latest migration that does not need a later one of ours)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = [key for key in executor.loader.graph.leaf_nodes() if key[0] != "bokrao_blocks"]
    return executor.loader.project_state([*applied, *targets]).apps


def _old_installation(apps):
    """What an installation of the previous version holds: its home page (and its
    English translation), participants inside, outside and unsaid, one verified
    against the register and one on site, the register, votes and a comment."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("bokrao_pages", "HomePage")
    User = apps.get_model("auth", "User")
    Participant = apps.get_model("bokrao_blocks", "Participant")
    Record = apps.get_model("bokrao_blocks", "ResidentRecord")
    Vote = apps.get_model("bokrao_blocks", "Vote")
    Comment = apps.get_model("bokrao_blocks", "Comment")
    Site = apps.get_model("sites", "Site")

    home_type, _ = ContentType.objects.get_or_create(app_label="bokrao_pages", model="homepage")
    thai, _ = Locale.objects.get_or_create(language_code="th")
    english, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.objects.get(depth=1)
    key = uuid.uuid4()
    homes = []
    for position, (locale, title) in enumerate(
        [(thai, "เทศบาลเมืองแสนสุข"), (english, "Saen Suk Town")], start=1
    ):
        homes.append(
            HomePage.objects.create(
                title=title,
                draft_title=title,
                slug=f"saensuk-{locale.language_code}",
                path=f"{root.path}{9000 + position:04d}",
                depth=2,
                numchild=0,
                url_path=f"/saensuk-{locale.language_code}/",
                content_type=home_type,
                locale=locale,
                translation_key=key,
                live=True,
            )
        )
    root.numchild += 2
    root.save()

    def person(name, area, level, **fields):
        user = User.objects.create(username=name) if name else None
        return Participant.objects.create(
            user=user,
            voter_group="resident",
            area=area,
            verification_level=level,
            **fields,
        )

    people = {
        "resident": person("somchai", "inside", 2, resident_id_hash=INSIDE_HASH),
        "visitor": person("malee", "outside", 1),
        "unsaid": person("nok", "", 1),
        "on_site": person(None, "inside", 3),
    }
    Record.objects.create(id_hash=INSIDE_HASH, birth_date="1985-03-15")
    consultation = uuid.uuid4()
    for name, choice in [("resident", "agree"), ("visitor", "disagree"), ("on_site", "agree")]:
        Vote.objects.create(
            consultation=consultation,
            widget="w-agree",
            participant=people[name],
            voter_group="interested" if name == "visitor" else "resident",
            area=people[name].area,
            verification_level=people[name].verification_level,
            choices=[choice],
        )
    comment_type, _ = ContentType.objects.get_or_create(
        app_label="bokrao_pages", model="debatepage"
    )
    comment = Comment.objects.create(
        content_type=comment_type,
        object_pk=str(homes[0].pk),
        site=Site.objects.get_or_create(pk=1, defaults={"domain": "x", "name": "x"})[0],
        user_name="สมชาย",
        comment="ไฟถนนดับทั้งซอย",
        submit_date=timezone.now(),
        is_public=True,
        thread_id=0,
        parent_id=0,
        level=0,
        order=1,
        consultation=consultation,
        widget="w-talk",
        participant=people["resident"],
        voter_group="concerned",
        area="inside",
        verification_level=2,
    )
    return homes, people, consultation, comment.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_single_municipality_becomes_the_first_and_nothing_said_is_lost():
    old = _migrate(BEFORE)
    homes, people, consultation, comment_id = _old_installation(old)

    new = _migrate(AFTER)
    try:
        Municipality = new.get_model("bokrao_blocks", "Municipality")
        Participant = new.get_model("bokrao_blocks", "Participant")
        Verification = new.get_model("bokrao_blocks", "ResidentVerification")
        Relation = new.get_model("bokrao_blocks", "MatterRelation")
        Record = new.get_model("bokrao_blocks", "ResidentRecord")
        Vote = new.get_model("bokrao_blocks", "Vote")
        Comment = new.get_model("bokrao_blocks", "Comment")

        # One municipality for the home page and its translation.
        town = Municipality.objects.get()
        assert (town.name, town.home_page_id) == ("เทศบาลเมืองแสนสุข", homes[0].pk)

        def now(name):
            return Participant.objects.get(pk=people[name].pk)

        assert (now("resident").home_stated, now("resident").home_municipality_id) == (
            True,
            town.pk,
        )
        assert (now("visitor").home_stated, now("visitor").home_municipality_id) == (True, None)
        assert now("unsaid").home_stated is False
        # Verification as a resident (and on site) holds in the first municipality; the
        # account keeps its confirmed email everywhere.
        verified = {
            v.participant_id: (v.level, v.resident_id_hash)
            for v in Verification.objects.filter(municipality=town)
        }
        assert verified == {
            people["resident"].pk: (2, INSIDE_HASH),
            people["on_site"].pk: (3, None),
        }
        assert (now("resident").verification_level, now("on_site").verification_level) == (1, 0)
        assert Record.objects.get().municipality_id == town.pk

        # Every vote and the comment are there, unchanged, now of the municipality.
        votes = Vote.objects.order_by("pk")
        assert [v.choices for v in votes] == [["agree"], ["disagree"], ["agree"]]
        assert [(v.area, v.verification_level) for v in votes] == [
            ("inside", 2),
            ("outside", 1),
            ("inside", 3),
        ]
        assert set(votes.values_list("municipality_id", flat=True)) == {town.pk}
        comment = Comment.objects.get(pk=comment_id)
        assert (comment.comment, comment.municipality_id) == ("ไฟถนนดับทั้งซอย", town.pk)
        # The relation each gave on the consultation is their answer there; the
        # resident's latest (the comment) wins over the vote.
        relations = dict(
            Relation.objects.filter(consultation=consultation).values_list(
                "participant_id", "voter_group"
            )
        )
        assert relations == {
            people["resident"].pk: "concerned",
            people["visitor"].pk: "interested",
            people["on_site"].pk: "resident",
        }
    finally:
        # Whatever happened, leave the schema at the latest migrations for the tests after.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
