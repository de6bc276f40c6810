"""Signing in lands somewhere useful, whatever the host site's LOGIN_* settings say."""

import pytest

from consultation_blocks.factories import make_participant

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"), [("th", "<h1>ข้อมูลของฉัน</h1>"), ("en", "<h1>My profile</h1>")]
)
def test_signing_in_from_the_footer_link_lands_on_the_profile(
    home, client, settings, language, heading
):
    # The footer links to the sign-in page without ?next=. Django's default
    # LOGIN_REDIRECT_URL is /accounts/profile/, which no host need have.
    assert settings.LOGIN_REDIRECT_URL == "/accounts/profile/"
    make_participant("somchai")

    response = client.post(
        f"/{language}/participate/account/sign-in/",
        {"username": "somchai", "password": "pw"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/participate/account/"
    profile = client.get(response["Location"])
    assert profile.status_code == 200
    assert heading in profile.content.decode()


def test_signing_in_with_next_returns_to_the_page(home, client):
    make_participant("somchai")
    response = client.post(
        "/th/participate/account/sign-in/",
        {"username": "somchai", "password": "pw", "next": "/th/"},
    )
    assert response["Location"] == "/th/"


def test_a_signed_in_participant_opening_sign_in_goes_to_the_profile(home, client):
    client.force_login(make_participant("somchai").user)
    response = client.get("/en/participate/account/sign-in/")
    assert response.status_code == 302
    assert response["Location"] == "/en/participate/account/"


@pytest.mark.parametrize(
    "url",
    [
        "/th/participate/account/",
        "/th/participate/account/verify/",
        "/th/participate/account/my-data/",
        "/th/participate/account/delete/",
    ],
)
def test_pages_for_participants_send_visitors_to_our_sign_in_page(home, client, settings, url):
    settings.LOGIN_URL = "/host-staff-login/"  # the host's own sign-in, for its staff

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/th/participate/account/sign-in/?next={url}")


@pytest.mark.parametrize(
    ("backend", "queries"),
    [
        # The account and its participant in one query (session, account + participant).
        ("consultation_blocks.participants.backends.ParticipantBackend", 2),
        # A session signed in before the site listed it: still signed in, one query more.
        ("django.contrib.auth.backends.ModelBackend", 3),
    ],
)
def test_a_signed_in_request_finds_its_participant(
    client, rf, django_assert_num_queries, backend, queries
):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth.middleware import AuthenticationMiddleware

    from consultation_blocks.participants.services import participant_of

    somchai = make_participant("somchai")
    client.force_login(somchai.user, backend=backend)
    request = rf.get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(
        client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    AuthenticationMiddleware(lambda request: None).process_request(request)

    with django_assert_num_queries(queries):
        assert request.user.pk == somchai.user.pk
        assert participant_of(request) == somchai


def test_a_signed_in_account_without_a_participant_has_none(admin_user, django_assert_num_queries):
    from consultation_blocks.participants.backends import ParticipantBackend
    from consultation_blocks.participants.services import participant_for

    user = ParticipantBackend().get_user(admin_user.pk)
    assert user == admin_user
    with django_assert_num_queries(0):  # the join already said there is none
        assert participant_for(user) is None
