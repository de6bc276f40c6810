"""Issue 9: password guessing, scripted sign-ups and inbox floods are stopped; a town
hall full of people is not; no answer tells whether an address has an account."""

import re
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.utils import timezone

from consultation_blocks.factories import make_participant
from consultation_blocks.models import Participant
from consultation_blocks.participants import challenge
from consultation_blocks.timing import frozen_at

pytestmark = pytest.mark.django_db

SIGN_IN = "/th/participate/account/sign-in/"
SIGN_UP = "/th/participate/account/sign-up/"
ADMIN_SIGN_IN = "/admin/login/"


def _sign_up(email, **extra):
    return {
        "email": email,
        "password": "ไฟส่องสว่าง-2569!",
        "voter_group": "resident",
        "area": "inside",
        "accept_privacy": "on",
        **extra,
    }


def _signed_in(client):
    return "_auth_user_id" in client.session


# ------------------------------------------------------------------ passwords per account
def test_wrong_passwords_for_one_account_slow_down_then_lock_it_and_tell_the_owner(
    home, client, settings
):
    settings.BOKRAO_PARTICIPATION = {
        "RATE_LIMITS": {"sign_in_account": (8, 900)},
        "SIGN_IN_SLOW_DOWN": (3, 30),
    }
    somchai = make_participant("somchai@example.com")
    wrong = {"username": "somchai@example.com", "password": "not-it"}
    right = {"username": "somchai@example.com", "password": "pw"}
    start = timezone.now()
    for n in range(3):
        with frozen_at(start + timedelta(seconds=n)):
            client.post(SIGN_IN, wrong)
    with frozen_at(start + timedelta(seconds=5)):
        # The third wrong one began the slow-down: the right password waits too.
        refused = client.post(SIGN_IN, right).content.decode()
        assert "รอ" in refused and not _signed_in(client)
    for n in range(5):  # 4th to 8th wrong password, each after its pause
        with frozen_at(start + timedelta(seconds=40 * (n + 1))):
            answer = client.post(SIGN_IN, wrong).content.decode()
    assert "ถูกล็อก" in answer  # the 8th locked the account
    [email] = mail.outbox
    assert email.to == [somchai.user.email]
    with frozen_at(start + timedelta(minutes=10)):
        assert "ถูกล็อก" in client.post(SIGN_IN, right).content.decode()
        assert not _signed_in(client)
    with frozen_at(start + timedelta(minutes=16)):  # the window closed
        assert client.post(SIGN_IN, right).status_code == 302
        assert _signed_in(client)
    assert len(mail.outbox) == 1  # one email per lock


def test_an_address_without_an_account_is_locked_the_same_and_no_one_is_emailed(
    home, client, settings
):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"sign_in_account": (3, 900)}}
    for _n in range(3):
        answer = client.post(SIGN_IN, {"username": "nobody@example.com", "password": "x"})
    assert "ถูกล็อก" in answer.content.decode()
    assert mail.outbox == []


def test_a_right_password_ends_the_count_of_wrong_ones(home, client, settings):
    settings.BOKRAO_PARTICIPATION = {
        "RATE_LIMITS": {"sign_in_account": (3, 900)},
        "SIGN_IN_SLOW_DOWN": (3, 30),
    }
    make_participant("somchai@example.com")
    for _round in range(3):
        for _n in range(2):
            client.post(SIGN_IN, {"username": "somchai@example.com", "password": "no"})
        assert (
            client.post(SIGN_IN, {"username": "somchai@example.com", "password": "pw"}).status_code
            == 302
        )
        client.logout()


def test_people_signing_in_from_one_address_are_not_limited_only_wrong_passwords(home, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"sign_in": (5, 3600)}}
    for n in range(12):  # more sign-ins than the limit of wrong passwords
        make_participant(f"p{n}@example.com")
        visitor = Client()
        answer = visitor.post(SIGN_IN, {"username": f"p{n}@example.com", "password": "pw"})
        assert answer.status_code == 302


# ------------------------------------------------------------------ the admin's sign-in
def test_the_admin_sign_in_is_limited_the_same_way(home, client, admin_user, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"sign_in_account": (3, 900)}}
    for _n in range(3):
        client.post(ADMIN_SIGN_IN, {"username": "admin", "password": "guess"})
    answer = client.post(ADMIN_SIGN_IN, {"username": "admin", "password": "password"})
    assert answer.status_code == 200
    assert not _signed_in(client)
    # The same account's count is shared with the public sign-in.
    public = Client().post(SIGN_IN, {"username": "admin", "password": "password"})
    assert public.status_code == 200


def test_a_participant_cannot_sign_in_to_the_admin(home, client):
    make_participant("somchai@example.com")
    answer = client.post(ADMIN_SIGN_IN, {"username": "somchai@example.com", "password": "pw"})
    assert answer.status_code == 200
    assert "/th/participate/account/sign-in/" in answer.content.decode()
    assert not _signed_in(client)


def test_staff_sign_in_to_the_admin(home, client, admin_user):
    answer = client.post(ADMIN_SIGN_IN, {"username": "admin", "password": "password"})
    assert answer.status_code == 302
    assert _signed_in(client)


# ------------------------------------------------------------------ no account enumeration
def test_sign_up_answers_the_same_for_an_address_that_has_an_account(home, settings):
    somchai = make_participant("somchai@example.com")
    later = timezone.now() + timedelta(minutes=10)
    answers = []
    with frozen_at(later):
        for email in ("new@example.com", "somchai@example.com"):
            visitor = Client()
            response = visitor.post(SIGN_UP, _sign_up(email), follow=True)
            page = response.content.decode().replace(email, "ADDRESS")
            answers.append((response.redirect_chain, page.count("<"), _signed_in(visitor)))
    assert answers[0] == answers[1]
    assert answers[0][2] is False  # sign-up signs no one in: the emailed link does
    assert get_user_model().objects.filter(username="somchai@example.com").count() == 1
    owner_email = [m for m in mail.outbox if m.to == [somchai.user.email]]
    assert len(owner_email) == 1 and "/th/participate/account/sign-in/" in owner_email[0].body
    # The owner's profile is untouched.
    assert Participant.objects.get(user__username="somchai@example.com").display_name == ""


def test_the_confirmation_link_signs_in_once_and_returns_to_the_page(home, client):
    client.post(SIGN_UP, {**_sign_up("ploy@example.com"), "next": "/th/"})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    response = client.get(link)
    assert response["Location"] == "/th/"
    assert _signed_in(client)
    client.logout()
    client.get(link)
    assert not _signed_in(client)  # later, the password


def test_confirmation_emails_are_limited_per_recipient(home, client, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"confirmation_email": (2, 3600)}}
    ploy = make_participant("ploy@example.com")
    client.force_login(ploy.user)
    for _n in range(4):
        answer = client.post("/th/participate/account/", {"action": "resend"}, follow=True)
    assert len(mail.outbox) == 2
    assert "ภายหลัง" in answer.content.decode()


def test_sign_ups_with_someone_elses_address_do_not_flood_their_inbox(home, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"confirmation_email": (2, 3600)}}
    make_participant("somchai@example.com")
    with frozen_at(timezone.now() + timedelta(minutes=10)):
        for _n in range(5):
            Client().post(SIGN_UP, _sign_up("somchai@example.com"))
    assert len(mail.outbox) == 2


# ------------------------------------------------------------------ scripted sign-ups
def _solve(token):
    seed = challenge.seed_of(token)
    bits = int(signing.loads(token, salt=challenge.SALT)["bits"])
    n = 0
    while not challenge.solves(seed, bits, str(n)):
        n += 1
    return str(n)


def test_past_the_threshold_a_sign_up_needs_a_solved_challenge_or_a_wait(home, client, settings):
    settings.BOKRAO_PARTICIPATION = {
        "SIGN_UP_CHALLENGE_AFTER": 2,
        "SIGN_UP_CHALLENGE_BITS": 8,
        "SIGN_UP_CHALLENGE_WAIT": 20,
    }
    start = timezone.now()
    with frozen_at(start):
        for n in range(2):
            assert "data-challenge" not in client.get(SIGN_UP).content.decode()
            assert client.post(SIGN_UP, _sign_up(f"p{n}@example.com")).status_code == 302
        form = client.get(SIGN_UP).context
        token = form["challenge"]
        assert token and 'data-challenge="8"' in client.get(SIGN_UP).content.decode()
        # A script that sends the form at once without solving it: refused, nothing stored.
        refused = client.post(SIGN_UP, _sign_up("bot@example.com", challenge=token))
        assert refused.status_code == 200 and "รอ" in refused.content.decode()
        assert not get_user_model().objects.filter(username="bot@example.com").exists()
        # A browser with the script solves it: accepted at once.
        solved = _sign_up("p2@example.com", challenge=token, challenge_solution=_solve(token))
        assert client.post(SIGN_UP, solved).status_code == 302
        # The same challenge again: used up.
        again = _sign_up("p3@example.com", challenge=token, challenge_solution=_solve(token))
        assert client.post(SIGN_UP, again).status_code == 200
        assert not get_user_model().objects.filter(username="p3@example.com").exists()
        token = client.get(SIGN_UP).context["challenge"]
    # Without JavaScript: the same form, sent 20 seconds after it was shown.
    with frozen_at(start + timedelta(seconds=21)):
        assert client.post(SIGN_UP, _sign_up("p4@example.com", challenge=token)).status_code == 302
    assert get_user_model().objects.count() == 4


def test_two_hundred_people_sign_up_and_vote_from_one_town_hall_in_an_hour(home, settings):
    from consultation_blocks.factories import widget, widget_body
    from consultation_blocks.models import Vote
    from pb_pages.factories import make_consultation, make_section

    settings.BOKRAO_PARTICIPATION = {"SIGN_UP_CHALLENGE_BITS": 6}  # the threshold as shipped
    page = make_consultation(
        make_section(home, "debate", slug="debates"),
        slug="town-hall",
        body=widget_body(widget("agree_disagree", "w-agree", minimum_verification="0")),
    )
    page.save_revision().publish()
    start = timezone.now()
    for n in range(200):
        with frozen_at(start + timedelta(seconds=17 * n)):  # within the hour
            person = Client(REMOTE_ADDR="203.0.113.7")
            shown = person.get(SIGN_UP).context
            data = _sign_up(f"p{n}@example.com")
            if shown["challenge"]:
                data.update(
                    challenge=shown["challenge"], challenge_solution=_solve(shown["challenge"])
                )
            assert person.post(SIGN_UP, data).status_code == 302, n
            person.force_login(get_user_model().objects.get(username=f"p{n}@example.com"))
            voted = person.post(
                "/th/participate/vote/",
                {"page": page.pk, "widget": "w-agree", "choice": "agree"},
                HTTP_ACCEPT="application/json",
            )
            assert voted.status_code == 200, (n, voted.content)
    assert Vote.objects.count() == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_sign_up_sent_three_times_at_once_makes_one_account(home):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")
    answers, barrier = [], threading.Barrier(3)

    def send():
        barrier.wait()
        try:
            response = Client().post(SIGN_UP, _sign_up("ploy@example.com"))
            answers.append((response.status_code, response["Location"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(answers)) == 1 and answers[0][0] == 302
    assert get_user_model().objects.filter(username="ploy@example.com").count() == 1
    assert Participant.objects.count() == 1


# ------------------------------------------------------------------ the README's table
def test_the_readmes_table_of_limits_says_what_the_code_does():
    from pathlib import Path

    from consultation_blocks.conf import DEFAULTS

    readme = Path(__file__).resolve().parents[1].joinpath("README.md").read_text()
    section = readme[readme.index("### Limits on abuse") :]
    section = section[: section.index("\n## ")]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    windows = {60: "a minute", 300: "in 5 minutes", 900: "in 15 minutes", 3600: "an hour"}
    listed = set()
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        names = re.findall(r"`([a-z_]+)`", cells[1])
        limits = [
            DEFAULTS["RATE_LIMITS"][name] for name in names if name in DEFAULTS["RATE_LIMITS"]
        ]
        listed.update(names)
        # "5 / 120 a minute": each limit's attempts in order, then the window they share.
        attempts = " / ".join(str(n) for n, _seconds in limits)
        assert cells[3].startswith(f"{attempts} {windows[limits[0][1]]}"), row
        assert len({seconds for _n, seconds in limits}) == 1, row
    assert listed >= set(DEFAULTS["RATE_LIMITS"])
    after, pause = DEFAULTS["SIGN_IN_SLOW_DOWN"]
    assert f"after {after}, {pause} s between tries" in section
    assert f"past {DEFAULTS['SIGN_UP_CHALLENGE_AFTER']}, a challenge" in section
    assert f"{DEFAULTS['SIGN_UP_CHALLENGE_BITS']} zero bits" in section
    assert f"{DEFAULTS['SIGN_UP_CHALLENGE_WAIT']} s after it was shown" in section


class CountingHasher(MD5PasswordHasher):
    """The test settings' fast hasher, counting how often a password is hashed."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda email: Client().post(SIGN_UP, _sign_up(email)),
        lambda email: Client().post(SIGN_IN, {"username": email, "password": "not-it"}),
        lambda email: Client().post("/th/participate/account/password-reset/", {"email": email}),
    ],
    ids=["sign-up", "sign-in", "password-reset"],
)
def test_an_address_with_an_account_costs_the_same_work_as_one_without(home, settings, attempt):
    # The time an answer takes is mostly hashing the password (a second of CPU with the
    # production hasher) and sending email (queued for the worker either way): both must
    # not depend on whether the address has an account.
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    make_participant("somchai@example.com").user.set_password("pw")
    work = []
    with frozen_at(timezone.now() + timedelta(minutes=10)):
        for email in ("somchai@example.com", "nobody@example.com"):
            CountingHasher.hashed = 0
            mail.outbox.clear()
            attempt(email)
            work.append(CountingHasher.hashed)
    assert work[0] == work[1]


@pytest.mark.parametrize("next_path", ["thanks", "//evil.example/", "https://evil.example/"])
def test_a_confirmation_link_goes_back_only_to_a_path_of_this_site(home, client, next_path):
    from consultation_blocks.participants.emails import CONFIRMATION_SALT

    ploy = make_participant("ploy@example.com")
    token = signing.dumps({"user": ploy.user.pk, "next": next_path}, salt=CONFIRMATION_SALT)
    response = client.get(f"/th/participate/account/confirm/{token}/")
    assert response.status_code == 302
    assert response["Location"] == "/th/participate/account/"
