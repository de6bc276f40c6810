"""Staff sessions end after a short time without a request; citizens keep theirs.

Staff means anyone who may open the Wagtail admin (wagtailadmin.access_admin): their
session reaches every participant's data, so after STAFF_IDLE_MINUTES without a request
(default 30; in BOKRAO_THEME, beside the other header and session settings of
theme/conf.py) it ends, and the next request lands on the admin's sign-in with a message
saying why. A citizen's session keeps Django's SESSION_COOKIE_AGE.

The session holds the time of the staff member's last request, rewritten at most once a
minute, so a busy moderator's session is not saved on every request. Whether a signed-in
user is staff is asked once per session (0 in the session: not staff), and again on each
admin request, where Wagtail has already asked it, for someone granted access since.
"""

from urllib.parse import urlencode

from django.contrib import auth, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext

from theme.conf import theme_setting
from theme.headers import is_admin_path

from ..timing import now

LAST_SEEN = "bokrao_staff_seen"  # seconds since the epoch; 0: not staff
REWRITE_AFTER = 60


def is_staff(user):
    return user.has_perm("wagtailadmin.access_admin")


class StaffIdleTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.signed_out(request) or self.get_response(request)

    def signed_out(self, request):
        session = request.session
        if auth.SESSION_KEY not in session:
            return None
        moment = int(now().timestamp())
        seen = session.get(LAST_SEEN)
        if seen is None or (seen == 0 and is_admin_path(request)):
            seen = moment if is_staff(request.user) else 0
            if seen != session.get(LAST_SEEN):
                session[LAST_SEEN] = seen
            return None
        if seen == 0:
            return None
        minutes = theme_setting("STAFF_IDLE_MINUTES")
        if minutes and moment - seen > minutes * 60:
            auth.logout(request)
            messages.warning(
                request,
                ngettext(
                    "You were signed out after %(minutes)d minute without activity. "
                    "Please sign in again.",
                    "You were signed out after %(minutes)d minutes without activity. "
                    "Please sign in again.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            login = reverse("wagtailadmin_login")
            if request.method in ("GET", "HEAD"):
                login += "?" + urlencode({"next": request.get_full_path()})
            return redirect(login)
        if moment - seen >= REWRITE_AFTER:
            session[LAST_SEEN] = moment
        return None
