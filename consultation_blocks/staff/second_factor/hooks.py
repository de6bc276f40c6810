"""The second factor in the Wagtail admin: its URLs, a link in the account page, and a
superuser's button in the users listing. Registered only when the django-otp apps are
installed (docs/extension.md): a host site without them keeps its admin as it was."""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import rules

OTP_APPS = ("django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static")


def otp_installed():
    return all(apps.is_installed(name) for name in OTP_APPS)


def admin_urls():
    from .urls import urlpatterns

    return urlpatterns


def account_menu_item(request):
    if rules.mode() == rules.OFF:
        return None
    return {
        "url": reverse("bokrao_second_factor"),
        "label": _("Second factor"),
        "help_text": _("Sign in with a code from an authenticator app; recovery codes."),
    }


def user_listing_buttons(user, request_user):
    if not request_user.is_superuser or rules.mode() == rules.OFF:
        return []
    return [
        Button(
            _("Remove second factor"),
            reverse("bokrao_second_factor_remove", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]


if otp_installed():
    hooks.register("register_admin_urls", admin_urls)
    hooks.register("register_account_menu_item", account_menu_item)
    hooks.register("register_user_listing_buttons", user_listing_buttons)
