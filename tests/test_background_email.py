"""Emails leave through a task: the request renders and enqueues, the worker sends.

The test settings run tasks at once (the immediate backend), which is why the account
and password-reset tests find their email in mail.outbox. Here a backend that keeps
tasks shows what the request itself does, and the site's database backend and its
`db_worker` show the way the email really goes out.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from consultation_blocks.participants.emails import (
    send_confirmation_email,
    send_password_reset_email,
)

pytestmark = pytest.mark.django_db

KEEP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
SIGN_UP = {
    "email": "somchai@example.com",
    "password": "ไฟส่องสว่าง-2569!",
    "voter_group": "resident",
    "area": "inside",
    "accept_privacy": "on",
}


@pytest.fixture
def kept_tasks(settings):
    """Tasks are kept, not run: what a request enqueues, and nothing else."""
    settings.TASKS = KEEP_TASKS
    return default_task_backend


def _run(result):
    """Run a kept task as the worker would: from its stored (JSON) arguments."""
    args, kwargs = json.loads(json.dumps([list(result.args), result.kwargs]))
    result.task.call(*args, **kwargs)


def test_sign_up_enqueues_the_confirmation_and_the_request_sends_nothing(home, client, kept_tasks):
    response = client.post("/en/participate/account/sign-up/", SIGN_UP)

    assert response.status_code == 302
    assert mail.outbox == []
    [result] = kept_tasks.results
    assert result.task.module_path == send_confirmation_email.module_path
    # No link in what is stored: the worker makes it (a copy of the database is no key).
    assert "confirm" not in json.dumps([list(result.args), result.kwargs])
    # Run later, in whatever language the worker has: the email is in the request's.
    with translation.override("th"):
        _run(result)
    [message] = mail.outbox
    assert message.to == ["somchai@example.com"]
    assert message.subject == "Confirm your email address for Bokrao"
    assert "/en/participate/account/confirm/" in message.body


def test_asking_for_a_new_confirmation_link_enqueues_it_too(home, client, kept_tasks):
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    client.force_login(get_user_model().objects.get())
    kept_tasks.clear()

    client.post("/th/participate/account/", {"action": "resend"})

    assert mail.outbox == []
    [result] = kept_tasks.results
    _run(result)
    assert mail.outbox[0].subject == "ยืนยันอีเมลของท่านสำหรับบอกเรา"


def test_password_reset_enqueues_the_email_and_the_request_sends_nothing(home, client, kept_tasks):
    client.post("/th/participate/account/sign-up/", SIGN_UP)
    client.logout()
    kept_tasks.clear()

    response = client.post(
        "/en/participate/account/password-reset/", {"email": "somchai@example.com"}
    )

    assert response["Location"] == "/en/participate/account/password-reset/sent/"
    assert mail.outbox == []
    [result] = kept_tasks.results
    assert result.task.module_path == send_password_reset_email.module_path
    stored = json.dumps([list(result.args), result.kwargs])
    assert "password-reset" not in stored and "token" not in stored
    with translation.override("th"):
        _run(result)
    [message] = mail.outbox
    assert message.subject == "Reset your Bokrao password"
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith("http://testserver/en/participate/account/password-reset/")


def test_password_reset_for_an_unknown_address_enqueues_nothing(home, client, kept_tasks):
    client.post("/th/participate/account/password-reset/", {"email": "nobody@example.com"})

    assert kept_tasks.results == []


# Transactional: the worker takes an exclusive transaction of its own.
@pytest.mark.django_db(transaction=True)
def test_the_site_database_backend_keeps_the_email_until_db_worker_sends_it(
    database_as_found, signal_handlers
):
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        user = get_user_model().objects.create_user("somchai", "somchai@example.com", "pw")
        send_confirmation_email.enqueue(user.pk, "th", "https://saensuk.example")

        assert mail.outbox == []
        assert DBTaskResult.objects.get().status == "READY"

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    [message] = mail.outbox
    assert (message.subject, message.to) == ("ยืนยันอีเมลของท่านสำหรับบอกเรา", ["somchai@example.com"])
    assert "https://saensuk.example/th/participate/account/confirm/" in message.body
