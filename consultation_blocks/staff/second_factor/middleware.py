"""Unverified staff on an admin URL go to verify their code, or to enrol when required.

Install after django_otp.middleware.OTPMiddleware, which marks the verified session
(request.user.is_verified()). Pages outside the admin are never held: a citizen has no
admin access, and a staff member on the public site is just a participant.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import rules

# Admin URLs that stay open to a signed-in staff member who has not shown a code yet:
# signing in and out, the password reset, the second factor's own pages, and the icons
# and translations the sign-in layout loads.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "bokrao_second_factor_verify",
    "bokrao_second_factor_enrol",
}
OPEN_URL_PREFIXES = ("wagtailadmin_password_reset",)
GO_TO = {rules.VERIFY: "bokrao_second_factor_verify", rules.ENROL: "bokrao_second_factor_enrol"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        name = request.resolver_match.url_name if request.resolver_match else None
        if name in OPEN_URL_NAMES or (name or "").startswith(OPEN_URL_PREFIXES):
            return None
        step = rules.missing_step(request.user)
        if step is None:
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(GO_TO[step])}?{query}")
