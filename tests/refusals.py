"""How the Wagtail admin refuses, for tests that check a refusal exactly.

An admin user without the permission a view asks for is sent to the admin's home with
Wagtail's message; a signed-in visitor who may not use the admin at all is sent to the
admin's sign-in page. (Public participation views answer a refusal with a 403.)
"""

from urllib.parse import parse_qs, urlsplit

from django.contrib.messages import get_messages
from django.urls import reverse

# Wagtail's "Sorry, you do not have permission to access this area.", as the admin
# (which speaks Thai) says it.
NO_PERMISSION = "ขออภัย, คุณไม่สามารถเปิดหน้านี้ได้"
# Wagtail's "You do not have permission to access the admin".
NO_ADMIN_ACCESS = "คุณไม่มีสิทธิ์เข้าถึงระบบจัดการ"


def _last_message(response):
    messages = [
        (message.level_tag, str(message).strip()) for message in get_messages(response.wsgi_request)
    ]
    assert messages, "no message was shown"
    return messages[-1]


def assert_refused_in_admin(response):
    """Wagtail's own refusal: back to the admin's home, with its message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert _last_message(response) == ("error", NO_PERMISSION)


def assert_sent_to_admin_sign_in(response):
    """Someone who may not use the admin at all is asked to sign in there as staff,
    and comes back to what they asked for."""
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("wagtailadmin_login")
    assert parse_qs(location.query) == {"next": [response.wsgi_request.get_full_path()]}
    assert _last_message(response) == ("error", NO_ADMIN_ACCESS)
