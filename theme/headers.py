"""Security headers on every answer: Content-Security-Policy, Permissions-Policy, and
Cache-Control: no-store where a page shows personal data.

Public pages get a strict policy: the site serves every script, style and font itself,
and its templates hold no inline script, event handler or style attribute (scripts read
data- attributes), so neither script-src nor style-src allows 'unsafe-inline'. The Wagtail
admin (its own screens and Bokrao's staff screens under it) gets a looser policy, because
Wagtail 7.4's templates still write inline scripts and styles (theme/conf.py).

No-store, private: every answer under the admin, every answer to a signed-in visitor (a
page then shows their own votes, reactions and reply forms, and the footer their profile),
and the account pages named in NO_STORE_URL_NAMES (sign-in, sign-up, password reset,
verification, privacy) for everyone. Pages for visitors who are not signed in stay
cacheable.

Settings: BOKRAO_THEME's CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY,
PERMISSIONS_POLICY and NO_STORE_URL_NAMES (theme/conf.py).
"""

from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers

from .conf import theme_policy, theme_setting


def admin_prefixes():
    """Where the admin lives: Wagtail's, and Django's own if the site routes it."""
    prefixes = []
    for name in ("wagtailadmin_home", "admin:index"):
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            pass
    return prefixes


def is_admin_path(request):
    return any(request.path.startswith(prefix) for prefix in admin_prefixes())


def content_security_policy(request, response):
    directives = theme_policy(
        "ADMIN_CONTENT_SECURITY_POLICY" if is_admin_path(request) else "CONTENT_SECURITY_POLICY"
    )
    # Wagtail marks the views it lets the admin frame (previews) SAMEORIGIN; the policy
    # says the same, since browsers read frame-ancestors before X-Frame-Options.
    if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
        directives["frame-ancestors"] = ["'self'"]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def permissions_policy():
    features = theme_policy("PERMISSIONS_POLICY")
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


def shows_personal_data(request):
    if is_admin_path(request):
        return True
    match = getattr(request, "resolver_match", None)
    if match and match.url_name in theme_setting("NO_STORE_URL_NAMES"):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_path(request):
            # Over any policy set inside: Wagtail's preview renders the public page through
            # the middleware again, for a request of the page's own (public) path.
            response["Content-Security-Policy"] = content_security_policy(request, response)
        elif response.get("Content-Type", "").startswith("text/html"):
            # Pages only, and a view's own policy stays (Wagtail gives documents theirs).
            policy = content_security_policy(request, response)
            response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", permissions_policy())
        if shows_personal_data(request):
            add_never_cache_headers(response)
        return response
