import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing

from consultation_blocks.factories import make_participant
from consultation_blocks.models import Municipality, Participant
from consultation_blocks.participants import accounts
from consultation_blocks.participants.accounts import CONFIRMATION_SALT
from consultation_blocks.participants.choices import VerificationLevel

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "Somchai@Example.com",
    "password": "ไฟส่องสว่าง-2569!",
    "voter_group": "resident",
    "home": "elsewhere",
    "accept_privacy": "on",
}


def test_sign_up_creates_an_unconfirmed_participant_and_emails_a_thai_link(home, client):
    response = client.post("/th/participate/account/sign-up/", SIGN_UP)

    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert user.username == user.email == "somchai@example.com"
    participant = Participant.objects.get(user=user)
    assert (participant.voter_group, participant.home_stated) == ("resident", True)
    assert participant.home_municipality is None  # somewhere else
    assert participant.verification_level == VerificationLevel.UNVERIFIED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "ยืนยันอีเมลของท่านสำหรับบอกเรา"
    assert "/th/participate/account/confirm/" in mail.outbox[0].body


def test_the_emailed_link_confirms_the_address(home, client):
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)

    response = client.get(link, follow=True)

    assert Participant.objects.get().verification_level == VerificationLevel.EMAIL
    assert "ยืนยันอีเมลของท่านแล้ว" in response.content.decode()


def test_a_forged_link_is_refused_with_a_clear_message(home, client):
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    forged = signing.dumps(999, salt="another-salt")

    response = client.get(f"/th/participate/account/confirm/{forged}/", follow=True)

    assert Participant.objects.get().verification_level == VerificationLevel.UNVERIFIED
    assert "ลิงก์นี้ไม่ถูกต้อง" in response.content.decode()


def test_an_expired_link_says_to_ask_for_a_new_one(home, client, monkeypatch):
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    token = signing.dumps(get_user_model().objects.get().pk, salt=CONFIRMATION_SALT)
    monkeypatch.setattr(accounts, "CONFIRMATION_MAX_AGE", -1)  # every link is too old

    response = client.get(f"/th/participate/account/confirm/{token}/", follow=True)

    assert Participant.objects.get().verification_level == VerificationLevel.UNVERIFIED
    assert "ลิงก์นี้หมดอายุแล้ว" in response.content.decode()


def test_a_weak_password_gets_a_thai_message_and_nothing_is_created(home, client):
    response = client.post("/th/participate/account/sign-up/", {**SIGN_UP, "password": "12345678"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["password"]
    assert get_user_model().objects.count() == 0
    assert mail.outbox == []


def test_sign_up_asks_for_the_relation_to_the_area(home, client):
    response = client.post("/en/participate/account/sign-up/", {**SIGN_UP, "voter_group": ""})
    errors = response.context["form"].errors
    assert set(errors) >= {"voter_group"}
    assert get_user_model().objects.count() == 0


def test_sign_in_with_email_and_password(home, client):
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    client.logout()
    response = client.post(
        "/th/participate/account/sign-in/",
        {"username": "somchai@example.com", "password": SIGN_UP["password"]},
    )
    assert response.status_code == 302
    assert client.get("/th/participate/account/").status_code == 200


def test_profile_updates_the_voter_group(home, client):
    somchai = make_participant("somchai@example.com")
    client.force_login(somchai.user)
    town = Municipality.objects.get()
    client.post("/th/participate/account/", {"voter_group": "concerned", "home": "elsewhere"})
    participant = Participant.objects.get()
    assert (participant.voter_group, participant.home_municipality) == ("concerned", None)
    client.post("/th/participate/account/", {"voter_group": "resident", "home": f"m{town.pk}"})
    participant = Participant.objects.get()
    assert (participant.voter_group, participant.home_municipality) == ("resident", town)


def test_profile_needs_sign_in(home, client):
    response = client.get("/th/participate/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/th/participate/account/sign-in/")


def test_repeated_sign_in_attempts_are_slowed_down_with_a_thai_message(home, client, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"sign_in": (3, 600)}}
    make_participant("somchai@example.com")
    wrong = {"username": "somchai@example.com", "password": "not-it"}
    for _attempt in range(3):
        assert (
            "กรุณารอ" not in client.post("/th/participate/account/sign-in/", wrong).content.decode()
        )

    response = client.post(
        "/th/participate/account/sign-in/", {"username": "somchai@example.com", "password": "pw"}
    )

    assert response.status_code == 200  # refused even with the right password
    assert "ครั้งมากเกินไป" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_ups_from_one_address_are_limited(home, client, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"sign_up": (1, 3600)}}
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    client.logout()
    response = client.post(
        "/th/participate/account/sign-up/", {**SIGN_UP, "email": "other@example.com"}
    )
    assert "ครั้งมากเกินไป" in response.content.decode()
    assert get_user_model().objects.count() == 1
