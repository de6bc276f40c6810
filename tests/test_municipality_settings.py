"""A municipality's own settings, kept by its staff: details, areas, moderation rules.
Staff of one municipality never see or change another's."""

import pytest
from wagtail.models import Locale, Page

from consultation_blocks.comments.choices import CommentState
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Area, ModerationSettings, MunicipalModerationRules
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import HomePage

from .refusals import assert_refused_in_admin

pytestmark = pytest.mark.django_db

SETTINGS = "/admin/bokrao/municipality/"
OFFICE = ("bokrao_blocks.change_municipality", "bokrao_blocks.change_comment")


@pytest.fixture
def saensuk(home):
    return municipality_of(home)


@pytest.fixture
def ratchathewi(home):
    other = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="เขตราชเทวี", slug="ratchathewi", locale=Locale.objects.get(language_code="th")
        )
    )
    return municipality_of(other)


def _form(municipality, areas=(), **changes):
    data = {
        "details-name": municipality.name,
        "details-name_en": municipality.name_en,
        "details-province": municipality.province or "ชลบุรี",
        "details-province_en": "",
        "details-address": "",
        "details-phone": "",
        "details-email": "",
        "details-logo": "",
        "details-minimum_hearing_days": str(municipality.minimum_hearing_days),
        "rules-banned_words": "",
        "rules-flags_to_hold": "3",
        "rules-links_to_hold": "3",
        "personal_data-comments_after_deletion": "keep",
        "personal_data-votes_after_deletion": "keep",
        "areas-TOTAL_FORMS": str(len(areas)),
        "areas-INITIAL_FORMS": str(sum(1 for area in areas if area.get("id"))),
        "areas-MIN_NUM_FORMS": "0",
        "areas-MAX_NUM_FORMS": "1000",
    }
    for n, area in enumerate(areas):
        for name, value in area.items():
            data[f"areas-{n}-{name}"] = value
    data.update(changes)
    return data


def test_staff_keep_their_municipalitys_details_areas_and_rules(saensuk, client):
    client.force_login(make_staff("clerk", *OFFICE, municipality=saensuk))

    response = client.post(
        SETTINGS,
        _form(
            saensuk,
            areas=[
                {"name": "ชุมชนบางแสน", "code": "01", "population": "820"},
                {"name": "ชุมชนหาดวอนนภา", "name_en": "Won Napha", "code": "02", "population": "0"},
            ],
            **{
                "details-phone": "038-000-000",
                "rules-banned_words": "ขี้โกง",
                "details-minimum_hearing_days": "30",
            },
        ),
    )

    assert response.status_code == 302
    saensuk.refresh_from_db()
    assert saensuk.phone == "038-000-000"
    assert saensuk.minimum_hearing_days == 30
    assert list(saensuk.areas.order_by("code").values_list("name", "population")) == [
        ("ชุมชนบางแสน", 820),
        ("ชุมชนหาดวอนนภา", 0),
    ]
    assert MunicipalModerationRules.objects.get(municipality=saensuk).banned_words == "ขี้โกง"


def test_staff_never_see_or_change_another_municipality(saensuk, ratchathewi, client):
    client.force_login(make_staff("clerk", *OFFICE, municipality=saensuk))

    # Asking for the other municipality shows their own.
    shown = client.get(SETTINGS, {"municipality": ratchathewi.pk})
    assert shown.context["municipality"] == saensuk
    assert shown.context["municipalities"] == []  # one municipality: no choice offered
    client.post(
        f"{SETTINGS}?municipality={ratchathewi.pk}",
        _form(saensuk, **{"details-name": "เทศบาลเมืองแสนสุข"}),
    )

    ratchathewi.refresh_from_db()
    assert ratchathewi.name == "เขตราชเทวี"


def test_without_the_permission_the_screen_is_refused(saensuk, client):
    client.force_login(make_staff("moderator", "bokrao_blocks.change_comment"))

    assert_refused_in_admin(client.get(SETTINGS))


def test_a_superuser_chooses_among_every_municipality(
    saensuk, ratchathewi, client, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.com", "pw"))

    response = client.get(SETTINGS, {"municipality": ratchathewi.pk})

    assert response.context["municipality"] == ratchathewi
    assert set(response.context["municipalities"]) == {saensuk, ratchathewi}


def test_without_moderation_rights_the_rules_are_not_offered(saensuk, client):
    client.force_login(make_staff("office", "bokrao_blocks.change_municipality"))

    response = client.get(SETTINGS)
    client.post(SETTINGS, _form(saensuk, **{"rules-banned_words": "ขี้โกง"}))

    assert response.context["rules"] is None
    assert not MunicipalModerationRules.objects.exists()


def test_an_area_with_parts_is_not_deleted(saensuk, client):
    district = Area.objects.create(municipality=saensuk, name="ตำบลแสนสุข", code="10")
    part = Area.objects.create(municipality=saensuk, name="ชุมชนบางแสน", code="11", parent=district)
    client.force_login(make_staff("clerk", *OFFICE, municipality=saensuk))

    rows = [
        {
            "id": str(district.pk),
            "name": district.name,
            "code": "10",
            "population": "0",
            "DELETE": "on",
        },
        {
            "id": str(part.pk),
            "name": part.name,
            "code": "11",
            "population": "0",
            "parent": str(district.pk),
        },
    ]
    response = client.post(SETTINGS, _form(saensuk, areas=rows), follow=True)

    assert Area.objects.count() == 2
    assert "cannot be deleted" in response.content.decode() or "ลบไม่ได้" in response.content.decode()


def test_an_area_cannot_be_part_of_another_municipalitys(saensuk, ratchathewi, client):
    theirs = Area.objects.create(municipality=ratchathewi, name="แขวงมักกะสัน", code="04")
    client.force_login(make_staff("clerk", *OFFICE, municipality=saensuk))

    rows = [{"name": "ชุมชนบางแสน", "code": "01", "population": "5", "parent": str(theirs.pk)}]
    client.post(SETTINGS, _form(saensuk, areas=rows))

    assert not saensuk.areas.exists()


def _thread(home, slug):
    section = make_section(home, "debate", slug=f"{slug}-debates")
    page = make_consultation(section, slug=slug, body=widget_body(comment_widget("w-talk")))
    page.save_revision().publish()
    return page


def test_each_municipality_holds_comments_by_its_own_rules(saensuk, ratchathewi):
    ModerationSettings.objects.update_or_create(
        pk=ModerationSettings.load().pk, defaults={"banned_words": ""}
    )
    MunicipalModerationRules.objects.create(municipality=saensuk, banned_words="ขี้โกง")
    here = _thread(saensuk.home_page.specific, "beach")
    there = _thread(ratchathewi.home_page.specific, "canal")
    somchai = make_participant()

    held = post_comment(somchai, here, "w-talk", "ผู้รับเหมาขี้โกง")
    published = post_comment(somchai, there, "w-talk", "ผู้รับเหมาขี้โกง")

    assert (held.state, published.state) == (CommentState.HELD, CommentState.PUBLISHED)


def test_each_municipalitys_comments_and_votes_follow_its_own_rules_when_an_account_goes(
    saensuk, ratchathewi, client
):
    from consultation_blocks.factories import widget
    from consultation_blocks.models import Comment, MunicipalPersonalDataRules, Vote
    from consultation_blocks.privacy.deletion import delete_account, deletion_plan
    from consultation_blocks.privacy.policy import personal_data_policy
    from consultation_blocks.widgets.votes import cast_vote

    # The platform keeps; Ratchathewi removes, set on its settings screen.
    client.force_login(make_staff("clerk", *OFFICE, municipality=ratchathewi))
    client.post(
        SETTINGS,
        _form(
            ratchathewi,
            **{
                "personal_data-comments_after_deletion": "remove",
                "personal_data-votes_after_deletion": "remove",
            },
        ),
    )
    assert (
        MunicipalPersonalDataRules.objects.get(municipality=ratchathewi).votes_after_deletion
        == "remove"
    )

    def consultation(home, slug):
        section = make_section(home, "debate", slug=f"{slug}-debates")
        page = make_consultation(
            section,
            slug=slug,
            body=widget_body(comment_widget("w-talk"), widget("agree_disagree", "w-agree")),
        )
        page.save_revision().publish()
        return page

    here = consultation(saensuk.home_page.specific, "beach")
    there = consultation(ratchathewi.home_page.specific, "canal")
    somchai = make_participant()
    for page in (here, there):
        post_comment(somchai, page, "w-talk", "ความเห็นของสมชาย")
        cast_vote(somchai, page, "w-agree", "agree")

    policy = personal_data_policy()
    plan = deletion_plan(somchai.user, policy)
    assert [municipality for municipality, _own in plan.own_rules] == [ratchathewi]
    delete_account(somchai.user, policy)

    assert list(Comment.objects.values_list("municipality", "participant")) == [(saensuk.pk, None)]
    assert list(Vote.objects.values_list("municipality", "participant")) == [(saensuk.pk, None)]
