import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from consultation_blocks.models import Participant

pytestmark = pytest.mark.django_db

RESET = "/th/participate/account/password-reset/"
OLD_PASSWORD = "ไฟส่องสว่าง-2569!"
NEW_PASSWORD = "สะพานข้ามคลอง-2570?"


@pytest.fixture
def somchai(db):
    user = get_user_model().objects.create_user(
        "somchai@example.com", "somchai@example.com", OLD_PASSWORD
    )
    Participant.objects.create(user=user, voter_group="resident")
    return user


def _in(language, text):
    """`text` as our catalogues say it in `language` (English until it is translated)."""
    with translation.override(language):
        return translation.gettext(text)


def _emailed_link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def _open_reset_form(client, link):
    """Follow the emailed link to the form (Django moves the token into the session)."""
    response = client.get(link)
    assert response.status_code == 302
    return response["Location"]


def _without_csrf_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def _sign_in(client, password):
    client.logout()
    response = client.post(
        "/th/participate/account/sign-in/",
        {"username": "somchai@example.com", "password": password},
    )
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_sign_in_page_offers_a_password_reset(home, client):
    html = client.get("/th/participate/account/sign-in/").content.decode()
    assert f'href="{RESET}"' in html
    assert _in("th", "Forgot your password?") in html


def test_request_page_has_a_labelled_email_field(home, client):
    html = client.get(RESET).content.decode()
    assert '<label for="id_email">อีเมล' in html
    assert 'type="email" name="email"' in html


def test_reset_request_emails_a_link_in_thai_for_the_thai_site(home, client, somchai):
    response = client.post(RESET, {"email": "Somchai@Example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/th/participate/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somchai@example.com"]
    assert message.subject == _in("th", "Reset your Bokrao password")
    assert "เรียน ท่านผู้ใช้งาน" in message.body  # "Hello," in Thai
    assert _emailed_link(message).startswith(
        "http://testserver/th/participate/account/password-reset/"
    )


def test_reset_request_on_the_english_site_emails_in_english(home, client, somchai):
    client.post("/en/participate/account/password-reset/", {"email": "somchai@example.com"})

    message = mail.outbox[0]
    assert message.subject == "Reset your Bokrao password"
    assert message.body.startswith("Hello,")
    assert _emailed_link(message).startswith(
        "http://testserver/en/participate/account/password-reset/"
    )


def test_the_link_is_for_the_host_in_use_not_the_sites_framework_record(home, client, somchai):
    client.post(RESET, {"email": "somchai@example.com"}, HTTP_HOST="localhost")
    assert _emailed_link(mail.outbox[0]).startswith("http://localhost/th/")


def test_request_gives_the_same_answer_whether_or_not_the_address_has_an_account(
    home, client, somchai
):
    known = client.post(RESET, {"email": "somchai@example.com"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.com"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf_token(known) == _without_csrf_token(unknown)
    assert len(mail.outbox) == 1  # only the account's owner gets an email


def test_sent_page_says_how_long_the_link_works_and_offers_to_ask_again(home, client):
    html = client.get("/en/participate/account/password-reset/sent/").content.decode()
    assert "The link works once, for 3 days." in html
    assert 'href="/en/participate/account/password-reset/"' in html


def test_requests_for_one_address_are_limited_with_a_thai_message(home, client, somchai, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"password_reset": (2, 3600)}}
    for number in range(2):
        client.post(RESET, {"email": "somchai@example.com"}, REMOTE_ADDR=f"10.0.0.{number}")

    response = client.post(RESET, {"email": "SOMCHAI@example.com"}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 200
    assert "ลองหลายครั้งมากเกินไป" in response.content.decode()
    assert len(mail.outbox) == 2


def test_the_limit_answers_alike_for_an_address_without_an_account(home, client, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"password_reset": (1, 3600)}}
    client.post(RESET, {"email": "nobody@example.com"})

    response = client.post(RESET, {"email": "nobody@example.com"})

    assert "ลองหลายครั้งมากเกินไป" in response.content.decode()


def test_requests_from_one_client_address_are_limited(home, client, somchai, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"password_reset_ip": (2, 3600)}}
    client.post(RESET, {"email": "a@example.com"})
    client.post(RESET, {"email": "b@example.com"})

    response = client.post(RESET, {"email": "somchai@example.com"})

    assert "ลองหลายครั้งมากเกินไป" in response.content.decode()
    assert mail.outbox == []


def test_a_weak_new_password_is_refused_with_the_validators_thai_messages(home, client, somchai):
    client.post(RESET, {"email": "somchai@example.com"})
    form_url = _open_reset_form(client, _emailed_link(mail.outbox[0]))

    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in html  # "This password is entirely numeric."
    assert "รหัสผ่านนี้ใช้กันทั่วไปเกินไป" in html  # "This password is too common."
    # The messages are tied to the field they are about.
    described_by = re.search(r'aria-describedby="([^"]*)" id="id_new_password2"', html).group(1)
    assert "id_new_password2_error" in described_by.split()
    assert 'id="id_new_password2_error"' in html
    assert '<label for="id_new_password1">' in html
    assert _sign_in(client, OLD_PASSWORD)


def test_after_the_reset_the_new_password_signs_in_and_the_old_one_fails(home, client, somchai):
    client.post(RESET, {"email": "somchai@example.com"})
    form_url = _open_reset_form(client, _emailed_link(mail.outbox[0]))

    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/th/participate/account/password-reset/done/"
    assert 'href="/th/participate/account/sign-in/"' in response.content.decode()
    assert not _sign_in(client, OLD_PASSWORD)
    assert _sign_in(client, NEW_PASSWORD)


def test_a_used_link_shows_a_clear_page_with_a_way_to_ask_again(home, client, somchai):
    client.post(RESET, {"email": "somchai@example.com"})
    link = _emailed_link(mail.outbox[0])
    form_url = _open_reset_form(client, link)
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    html = response.content.decode()
    assert _in("th", "This link does not work") in html
    assert f'href="{RESET}"' in html
    assert "new_password1" not in html


def test_a_broken_link_shows_the_same_clear_page(home, client, somchai):
    response = client.get("/en/participate/account/password-reset/MQ/not-a-token/", follow=True)

    html = response.content.decode()
    assert "This link does not work" in html
    assert 'href="/en/participate/account/password-reset/"' in html
