"""Staff's second factor in the Wagtail admin (consultation_blocks/staff/second_factor/).

Codes are computed from the device's secret with django-otp's own TOTP for the device's
current time step (or the next one, which its tolerance of one step accepts, when the
current one was used already): no test sleeps.
"""

import io
import json
import re
import threading
from base64 import b32encode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from consultation_blocks.factories import make_participant
from consultation_blocks.staff.second_factor import services
from consultation_blocks.staff.second_factor.checks import check_second_factor

ENROL = "/admin/bokrao/second-factor/enrol/"
VERIFY = "/admin/bokrao/second-factor/verify/"
MANAGE = "/admin/bokrao/second-factor/"


def make_staff(username="somsri", superuser=False, language="en"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "staff-pw", is_superuser=superuser
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def code_for(device):
    """The code the app shows now, or the next step's when this step's code was used."""
    device.refresh_from_db()
    step = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    return f"{hotp(device.bin_key, max(step, device.last_t + 1), device.digits):06d}"


def enrolled(user):
    """A confirmed app and recovery codes, as enrolment leaves them."""
    device = TOTPDevice.objects.create(user=user, name="Bokrao", confirmed=True)
    codes = services.new_recovery_codes(user)
    return device, codes


def signed_in(user):
    """A new session after the password, as /admin/login/ leaves it."""
    client = Client()
    assert client.login(username=user.get_username(), password="staff-pw")
    return client


@pytest.fixture
def required(settings):
    settings.BOKRAO_PARTICIPATION = {"STAFF_SECOND_FACTOR": "required"}


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/pages/", "/admin/account/", "/admin/bokrao/moderation/"]
)
def test_required_sends_staff_without_an_app_to_enrolment_from_any_admin_url(db, required, url):
    client = signed_in(make_staff())

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={url.replace('/', '%2F')}"


def test_staff_enrol_with_the_qr_code_get_ten_recovery_codes_and_are_verified(db, required):
    somsri = make_staff()
    client = signed_in(somsri)

    page = client.get(f"{ENROL}?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=somsri, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    html = page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1]
    assert " ".join(re.findall(".{1,4}", secret)) in html
    assert f"otpauth://totp/Bokrao%3Asomsri?secret={secret}&amp;issuer=Bokrao" in html
    assert client.get(ENROL).content.decode().count(secret) >= 1  # the same secret on reload

    shown = client.post(ENROL, {"code": code_for(device), "next": "/admin/pages/"})

    codes = re.findall(r"<code>([a-z2-7]{8})</code>", shown.content.decode())
    assert shown.status_code == 200
    assert "keep them somewhere safe" in shown.content.decode()
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=somsri).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/account/").status_code == 200


def test_enrolment_refuses_a_wrong_first_code(db, required):
    somsri = make_staff()
    client = signed_in(somsri)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=somsri)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(ENROL, {"code": wrong})

    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=somsri, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=somsri).exists()
    assert client.get("/admin/").status_code == 302


def test_the_next_sign_in_asks_for_the_code_and_refuses_a_wrong_one(db, required):
    somsri = make_staff()
    device, _codes = enrolled(somsri)
    client = signed_in(somsri)

    assert client.get("/admin/pages/")["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    wrong = client.post(VERIFY, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "This code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})

    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/account/").status_code == 200
    # Another sign-in, another session: asked again.
    assert signed_in(somsri).get("/admin/").status_code == 302


def test_the_refusal_is_in_thai_for_a_thai_admin(db, required):
    somsri = make_staff(language="th")
    enrolled(somsri)
    client = signed_in(somsri)

    response = client.post(VERIFY, {"code": "12345"})

    assert "กรอกตัวเลข 6 หลัก" in response.content.decode()


def test_a_recovery_code_works_once_only(db, required):
    somsri = make_staff()
    _device, codes = enrolled(somsri)

    first = signed_in(somsri)
    assert first.post(VERIFY, {"code": codes[3].upper()})["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200

    second = signed_in(somsri)
    again = second.post(VERIFY, {"code": codes[3]})
    assert "This code is not right" in again.content.decode()
    assert second.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=somsri).count() == 9


def test_the_rate_limit_stops_guessing_and_refuses_even_the_right_code(db, required):
    somsri = make_staff()
    device, _codes = enrolled(somsri)
    client = signed_in(somsri)
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        assert "This code is not right" in client.post(VERIFY, {"code": guess}).content.decode()

    limited = client.post(VERIFY, {"code": code_for(device)})

    assert "Too many attempts" in limited.content.decode()
    assert client.get("/admin/").status_code == 302
    # Per account: another session of the same account is limited too.
    assert (
        "Too many attempts"
        in signed_in(somsri).post(VERIFY, {"code": code_for(device)}).content.decode()
    )


def test_citizens_are_never_asked(db, required, client):
    somchai = make_participant()
    client.force_login(somchai.user)

    admin = client.get("/admin/")
    profile = client.get("/th/participate/account/")

    assert admin.status_code == 302
    assert admin["Location"].startswith("/admin/login/")
    assert profile.status_code == 200
    assert not TOTPDevice.objects.exists()


def test_staff_on_the_public_site_are_not_asked(db, required, home):
    client = signed_in(make_staff())

    assert client.get("/th/").status_code == 200


def test_off_asks_nothing_even_of_staff_with_an_app(db, settings):
    settings.BOKRAO_PARTICIPATION = {"STAFF_SECOND_FACTOR": "off"}
    somsri = make_staff()
    enrolled(somsri)
    client = signed_in(somsri)

    assert client.get("/admin/").status_code == 200
    assert client.get(ENROL)["Location"] == "/admin/"


def test_optional_asks_only_staff_who_set_up_an_app(db):
    with_app = make_staff("somsri")
    enrolled(with_app)
    without = make_staff("kanya")

    assert signed_in(without).get("/admin/").status_code == 200
    assert signed_in(with_app).get("/admin/")["Location"].startswith(VERIFY)


def test_an_outside_next_is_not_followed(db, required):
    somsri = make_staff()
    device, _codes = enrolled(somsri)
    client = signed_in(somsri)

    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_staff_reset_their_own_app_with_their_password_and_a_code(db, required):
    somsri = make_staff()
    device, _codes = enrolled(somsri)
    client = signed_in(somsri)
    client.post(VERIFY, {"code": code_for(device)})

    wrong_password = client.post(MANAGE, {"password": "nope", "code": code_for(device)})
    assert "The password is not right" in wrong_password.content.decode()
    assert TOTPDevice.objects.filter(user=somsri).exists()

    reset = client.post(MANAGE, {"password": "staff-pw", "code": code_for(device)})

    assert reset["Location"] == MANAGE
    assert not TOTPDevice.objects.filter(user=somsri).exists()
    assert not StaticDevice.objects.filter(user=somsri).exists()
    # Required: on to a new app before any other admin page.
    assert client.get(MANAGE)["Location"].startswith(ENROL)


def test_a_superuser_removes_another_staff_members_second_factor(db, required):
    admin = make_staff("admin", superuser=True)
    admin_device, _codes = enrolled(admin)
    somsri = make_staff()
    enrolled(somsri)
    client = signed_in(admin)
    client.post(VERIFY, {"code": code_for(admin_device)})

    response = client.post(f"/admin/bokrao/second-factor/remove/{somsri.pk}/")

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=somsri).exists()
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_staff_who_are_not_superusers_cannot_remove_anyone(db):
    kanya = make_staff("kanya")
    somsri = make_staff()
    enrolled(somsri)

    response = signed_in(kanya).post(f"/admin/bokrao/second-factor/remove/{somsri.pk}/")

    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=somsri).exists()


def test_the_reset_command_removes_the_devices(db):
    somsri = make_staff()
    enrolled(somsri)
    out = io.StringIO()

    call_command("bokrao_reset_second_factor", "somsri", stdout=out)

    assert "Removed 2" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=somsri).exists()
    assert not StaticDevice.objects.filter(user=somsri).exists()


def test_the_data_download_says_a_second_factor_is_set_never_its_secret(db, client):
    somchai = make_participant()
    device, codes = enrolled(somchai.user)
    client.force_login(somchai.user)

    download = client.get("/en/participate/account/my-data/").content.decode()

    assert json.loads(download)["second_factor"]["recovery_codes_left"] == 10
    assert device.key not in download and b32encode(device.bin_key).decode() not in download
    assert not any(code in download for code in codes)


def test_required_without_the_middleware_is_a_check_error(settings):
    settings.BOKRAO_PARTICIPATION = {"STAFF_SECOND_FACTOR": "required"}
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "second_factor" not in name]

    assert [message.id for message in check_second_factor()] == ["bokrao_blocks.E011"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_recovery_code_sent_twenty_times_at_once_verifies_one_session(settings):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")
    settings.BOKRAO_PARTICIPATION = {
        "STAFF_SECOND_FACTOR": "required",
        "RATE_LIMITS": {"second_factor": (100, 300)},
    }
    somsri = make_staff()
    _device, codes = enrolled(somsri)
    clients = [signed_in(somsri) for _ in range(20)]
    barrier = threading.Barrier(20)
    answers = []

    def verify(client):
        barrier.wait()
        try:
            answers.append(client.post(VERIFY, {"code": codes[0]}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=verify, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [200] * 19 + [302]
    assert StaticToken.objects.filter(device__user=somsri).count() == 9


def test_a_site_without_django_otp_hears_nothing_unless_it_asks_for_a_second_factor(
    settings, monkeypatch
):
    from consultation_blocks.staff.second_factor import checks

    monkeypatch.setattr(checks, "otp_installed", lambda: False)
    settings.BOKRAO_PARTICIPATION = {}
    assert check_second_factor() == []

    settings.BOKRAO_PARTICIPATION = {"STAFF_SECOND_FACTOR": "required"}
    assert [message.id for message in check_second_factor()] == ["bokrao_blocks.E010"]
