from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from .consent import OPTIONAL_CATEGORIES, Consent, read_consent, remember_consent
from .models import CookieConsentSettings
from .user_input import next_url


def _safe_next(request):
    return next_url(request, "/")


@require_http_methods(["GET", "POST"])
def cookie_settings(request):
    """The cookie choice without JavaScript; consent.js does the same in place."""
    policy = CookieConsentSettings.for_request(request)
    if request.method == "POST":
        choice = request.POST.get("choice")
        if choice == "all":
            accepted = set(OPTIONAL_CATEGORIES)
        elif choice == "essential":
            accepted = set()
        else:
            accepted = set(request.POST.getlist("category")) & set(OPTIONAL_CATEGORIES)
        consent = Consent(policy.policy_version, frozenset(accepted))
        return remember_consent(request, HttpResponseRedirect(_safe_next(request)), consent)
    return TemplateResponse(
        request,
        "bokrao_theme/cookie_settings.html",
        {
            "consent": read_consent(request),
            "texts": policy.texts(),
            "next": _safe_next(request),
            "hide_cookie_banner": True,
        },
    )


def favicon(request):
    """/favicon.ico, asked for by browsers that do not read a page's icon links (on a PDF, say).

    A temporary redirect: the file's static name changes with its content.
    """
    return redirect(static("theme/icons/favicon.ico"))
