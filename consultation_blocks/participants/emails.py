"""Emails to participants go out from the task worker, never from the request.

The request renders the message in its own language and enqueues `send_email` with
plain text only (a task's arguments are stored as JSON until the worker runs it); the
worker (`manage.py db_worker`) sends it. A slow or unreachable mail server therefore
delays an email, not a page. Tests run tasks at once (the immediate backend), so the
message is in `mail.outbox` when the response comes back.
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject, body, to, from_email=None, html=None):
    """Send one prepared message. `from_email=None` means DEFAULT_FROM_EMAIL."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()


def queue_email(subject, body, to, from_email=None, html=None):
    """Enqueue a message already rendered in the request's language."""
    # An email subject must not contain newlines.
    subject = "".join(str(subject).splitlines())
    return send_email.enqueue(subject, str(body), list(to), from_email, html)
