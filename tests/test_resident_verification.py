import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.models import Participant, ResidentRecord, ResidentVerification, Vote
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants import residents
from consultation_blocks.participants.choices import Residence, VerificationLevel
from consultation_blocks.participants.residents import (
    InvalidNationalId,
    RegisterRefused,
    VerificationRefused,
    replace_register,
    verify_resident,
)
from consultation_blocks.staff.factories import join_staff
from consultation_blocks.widgets.votes import VoteRefused, cast_vote
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db

SOMCHAI_ID = "1101700203450"  # a valid checksum
MALEE_ID = "3100600123450"
VERIFY_URL = "/en/participate/account/verify/"
REGISTER_URL = "/admin/bokrao/resident-register/"


@pytest.fixture
def town(home):
    return municipality_of(home)


@pytest.fixture
def register(town):
    """The municipality's register: Somchai born 15 March 1985 (2528 BE), and Malee."""
    replace_register(town, [(2, SOMCHAI_ID, "15/03/2528"), (3, MALEE_ID, "1990-01-31")])


def _verification(participant, town):
    return ResidentVerification.objects.filter(participant=participant, municipality=town).first()


def _level(participant, town):
    found = _verification(participant, town)
    return found.level if found else participant.verification_level


@pytest.fixture
def residents_only(home):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(
        section,
        slug="market-hall",
        body=widget_body(
            widget(
                "agree_disagree",
                "w-residents",
                minimum_verification=str(VerificationLevel.RESIDENT.value),
            )
        ),
    )
    page.save_revision().publish()
    return page


def _refusal(participant, national_id, birth_date):
    with pytest.raises(VerificationRefused) as refused:
        verify_resident(participant, participant.home_municipality, national_id, birth_date)
    return str(refused.value)


# The number


def test_checksum_accepts_a_valid_number_written_with_spaces_or_dashes():
    assert residents.normalise_national_id("1 1017 00203 45 0") == SOMCHAI_ID
    assert residents.normalise_national_id("1-1017-00203-45-0") == SOMCHAI_ID


def test_checksum_refuses_a_number_whose_last_digit_does_not_match():
    with translation.override("en"), pytest.raises(InvalidNationalId, match="not a valid national"):
        residents.normalise_national_id("1101700203451")


def test_a_number_with_letters_or_the_wrong_length_is_refused_with_a_reason(_english):
    with pytest.raises(InvalidNationalId, match="only digits, spaces and dashes"):
        residents.normalise_national_id("1101700203x50")
    with pytest.raises(InvalidNationalId, match="13 digits"):
        residents.normalise_national_id("110170020345")


def test_the_stored_hash_is_keyed_and_is_not_the_number(settings, register):
    stored = ResidentRecord.objects.values_list("id_hash", flat=True)
    assert residents.id_hash(SOMCHAI_ID) in stored
    assert all(SOMCHAI_ID not in value for value in stored)

    settings.BOKRAO_PARTICIPATION = {"RESIDENT_ID_KEY": "another key"}
    assert residents.id_hash(SOMCHAI_ID) not in stored


def test_a_birth_date_in_the_buddhist_era_or_the_common_era_means_the_same_day():
    born = datetime.date(1985, 3, 15)
    assert residents.parse_birth_date("15/03/2528") == born
    assert residents.parse_birth_date("15/3/1985") == born
    assert residents.parse_birth_date("1985-03-15") == born


# The register


def test_upload_with_a_bad_line_stores_nothing_and_names_the_line(register, town):
    with pytest.raises(RegisterRefused) as refused:
        replace_register(
            town, [(2, "5700100456787", "01/01/2530"), (3, "5700100456788", "01/01/2530")]
        )
    assert [line for line, _message in refused.value.problems] == [3]
    assert ResidentRecord.objects.count() == 2  # the old register, untouched


def test_upload_replaces_the_old_register(town):
    replace_register(town, [(2, SOMCHAI_ID, "15/03/2528")])

    assert (
        replace_register(town, [(2, MALEE_ID, "1990-01-31"), (3, "5700100456787", "2000-12-01")])
        == 2
    )

    hashes = set(ResidentRecord.objects.values_list("id_hash", flat=True))
    assert residents.id_hash(SOMCHAI_ID) not in hashes
    assert residents.id_hash(MALEE_ID) in hashes


def test_the_same_number_twice_in_one_upload_is_a_bad_line(town):
    with pytest.raises(RegisterRefused) as refused:
        replace_register(town, [(2, SOMCHAI_ID, "15/03/2528"), (3, SOMCHAI_ID, "15/03/2528")])
    assert refused.value.problems[0][0] == 3
    assert ResidentRecord.objects.count() == 0


# Verifying


def test_a_verified_resident_may_vote_in_a_widget_for_residents(register, residents_only, town):
    somchai = make_participant(area=Residence.OUTSIDE)
    with pytest.raises(VoteRefused):
        cast_vote(somchai, residents_only, "w-residents", "agree")

    verify_resident(somchai, town, "1-1017-00203-45-0", "15/03/2528")

    somchai.refresh_from_db()
    assert _level(somchai, town) == VerificationLevel.RESIDENT
    assert somchai.home_municipality == town
    assert _verification(somchai, town).resident_id_hash == residents.id_hash(SOMCHAI_ID)
    cast_vote(somchai, residents_only, "w-residents", "agree")
    assert Vote.objects.count() == 1


def test_a_wrong_date_and_an_unknown_number_get_the_same_answer(register):
    somchai = make_participant()
    wrong_date = _refusal(somchai, SOMCHAI_ID, "16/03/2528")
    unknown = _refusal(somchai, "5700100456787", "15/03/2528")
    assert wrong_date == unknown
    assert Participant.objects.get().verification_level == VerificationLevel.EMAIL


def test_one_number_cannot_verify_two_accounts(register, town):
    verify_resident(make_participant("somchai"), town, SOMCHAI_ID, "15/03/2528")
    impostor = make_participant("impostor")

    with translation.override("en"):
        refusal = _refusal(impostor, SOMCHAI_ID, "15/03/2528")
    assert "already verified another account" in refusal
    assert _level(impostor, town) == VerificationLevel.EMAIL
    assert _verification(impostor, town) is None


def test_verifying_never_lowers_a_staff_verification(register, town):
    checked_on_site = make_participant(verification_level=VerificationLevel.STAFF)
    verify_resident(checked_on_site, town, SOMCHAI_ID, "15/03/2528")
    assert _level(checked_on_site, town) == VerificationLevel.STAFF
    assert _verification(checked_on_site, town).resident_id_hash


# The citizen's page


def test_the_page_verifies_and_returns_to_the_profile_with_a_message(town, client, register):
    somchai = make_participant()
    client.force_login(somchai.user)

    response = client.post(
        VERIFY_URL, {"national_id": "1 1017 00203 45 0", "birth_date": "15/03/2528"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/en/participate/account/"
    assert "You are verified as a resident" in response.content.decode()
    assert _level(somchai, town) == VerificationLevel.RESIDENT


def test_the_page_asks_to_sign_in_first(home, client):
    response = client.get(VERIFY_URL)
    assert response.status_code == 302
    assert "/participate/account/sign-in/" in response["Location"]


def test_the_number_is_not_sent_back_in_the_page_after_a_failed_submit(home, client, register):
    client.force_login(make_participant().user)

    unknown = client.post(VERIFY_URL, {"national_id": "5700100456787", "birth_date": "15/03/2528"})
    mistyped = client.post(VERIFY_URL, {"national_id": "5700100456788", "birth_date": "15/03/2528"})

    assert "could not find this ID number" in unknown.content.decode()
    assert "5700100456787" not in unknown.content.decode()
    html = mistyped.content.decode()
    assert "not a valid national ID number" in html
    assert "5700100456788" not in html
    # The message is tied to its field for screen readers.
    assert 'aria-describedby="id_national_id_helptext id_national_id_error"' in html


def test_too_many_attempts_are_refused_with_the_wait(home, client, register):
    client.force_login(make_participant().user)
    attempt = {"national_id": SOMCHAI_ID, "birth_date": "01/01/2500"}
    for _ in range(5):
        client.post(VERIFY_URL, attempt)

    html = client.post(VERIFY_URL, {**attempt, "birth_date": "15/03/2528"}).content.decode()

    assert "Too many attempts. Please wait 60 minutes and try again." in html
    assert Participant.objects.get().verification_level == VerificationLevel.EMAIL


def test_the_profile_links_to_verification_below_resident_level(home, client):
    client.force_login(make_participant().user)
    html = client.get("/en/participate/account/").content.decode()
    assert f'href="{VERIFY_URL}?municipality={municipality_of(home).pk}"' in html


def test_an_ineligible_widget_links_to_verification(client, residents_only):
    client.force_login(make_participant().user)
    html = client.get(residents_only.url).content.decode()
    town = municipality_of(residents_only)
    assert f'href="/th/participate/account/verify/?municipality={town.pk}&amp;next=' in html


# Staff's upload in the admin


@pytest.fixture
def superuser_client(client, home):  # the home page makes the one municipality
    user = get_user_model().objects.create_superuser("registrar", "registrar@example.com", "pw")
    client.force_login(user)
    return client


def _csv(text, bom=True):
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile("register.csv", data.encode("utf-8"), content_type="text/csv")


def test_staff_upload_a_csv_with_buddhist_era_dates_and_see_the_count(superuser_client, home):
    upload = _csv(f"national_id,birth_date\n{SOMCHAI_ID},15/03/2528\n\n{MALEE_ID},1990-01-31\n")

    response = superuser_client.post(REGISTER_URL, {"register": upload}, follow=True)

    html = response.content.decode()
    assert (
        thai(
            "The register now holds %(count)s entry.",
            "The register now holds %(count)s entries.",
            2,
        )
        % {"count": 2}
        in html
    )
    assert "ทะเบียนมี 2 รายการ อัปโหลดเมื่อ" in html
    municipality = municipality_of(home)
    assert residents.register_backend().match(municipality, SOMCHAI_ID, datetime.date(1985, 3, 15))
    assert residents.id_hash(SOMCHAI_ID) not in html


def test_staff_upload_with_a_bad_line_stores_nothing_and_shows_the_line(superuser_client, register):
    upload = _csv(f"national_id,birth_date\n{SOMCHAI_ID},15/03/2528\n1101700203451,1990-01-31\n")

    html = superuser_client.post(REGISTER_URL, {"register": upload}).content.decode()

    assert thai("Nothing was stored: correct these lines and upload the file again.") in html
    assert (
        "3"
        in html.split(thai("Nothing was stored: correct these lines and upload the file again."))[1]
    )
    assert ResidentRecord.objects.count() == 2


def test_a_file_without_the_columns_is_refused(superuser_client, register):
    html = superuser_client.post(
        REGISTER_URL, {"register": _csv(f"id,dob\n{SOMCHAI_ID},15/03/2528\n", bom=False)}
    ).content.decode()
    assert "national_id, birth_date" in html
    assert ResidentRecord.objects.count() == 2


def test_the_upload_page_is_refused_to_citizens_and_to_editors_without_the_permission(client, home):
    client.force_login(make_participant().user)
    assert client.get(REGISTER_URL).status_code == 302

    editor = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    join_staff(editor, "Editors")  # of the municipality, without the permission
    client.force_login(editor)
    response = client.post(REGISTER_URL, {"register": _csv("national_id,birth_date\n")})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert "resident-register" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_group_with_the_permission_may_upload(client, home):
    registry = Group.objects.get(name="Editors")
    registry.permissions.add(Permission.objects.get(codename="add_residentrecord"))
    clerk = get_user_model().objects.create_user("clerk", "clerk@example.com", "pw")
    join_staff(clerk, registry)  # the municipality's registry office
    client.force_login(clerk)

    assert client.get(REGISTER_URL).status_code == 200
    assert REGISTER_URL in client.get(reverse("wagtailadmin_home")).content.decode()


def thai(message, plural=None, count=None):
    """`message` as a Thai reader sees it (pages under /th/ and the Thai admin)."""
    from django.utils import translation

    with translation.override("th"):
        return (
            translation.ngettext(message, plural, count) if plural else translation.gettext(message)
        )


@pytest.fixture
def _english():
    with translation.override("en"):
        yield
