"""The second factor's admin screens: verify, enrol (QR code, then recovery codes once),
one's own status and reset, and a superuser's removal of someone's devices.

Wagtail's require_admin_access wraps them (registered through register_admin_urls), so
only staff reach them; middleware.py lets unverified staff through to verify and enrol.
Every answer is no-store: the enrolment shows a secret, the codes page the codes.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test

from . import rules, services
from .forms import CodeForm, EnrolForm, ResetForm

TEMPLATES = "bokrao_blocks/second_factor"


def safe_next(request):
    """Where to go afterwards: a local URL from `next`, or the admin's dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _not_offered():
    """Off: the second factor's pages lead back to the dashboard (an Http404 inside the
    admin would be sent on to a /th/ address by LocaleMiddleware)."""
    if rules.mode() == rules.OFF:
        return redirect("wagtailadmin_home")
    return None


@never_cache
def verify_view(request):
    next_url = safe_next(request)
    if rules.missing_step(request.user) != rules.VERIFY:
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify(request, form.cleaned_data["code"])
        except services.CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            if isinstance(device, StaticDevice):
                left = services.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(count)s is left. You can make new "
                        "ones in your account, under Second factor.",
                        "You used a recovery code: %(count)s are left. You can make new "
                        "ones in your account, under Second factor.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
    return TemplateResponse(request, f"{TEMPLATES}/verify.html", {"form": form, "next": next_url})


@never_cache
def enrol_view(request):
    if off := _not_offered():
        return off
    next_url = safe_next(request)
    if services.has_second_factor(request.user):
        return redirect("bokrao_second_factor")
    device = services.pending_device(request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_enrolment(request, device, form.cleaned_data["code"])
        except services.CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            # Shown in this answer only: nothing keeps them to show again.
            return TemplateResponse(
                request, f"{TEMPLATES}/recovery_codes.html", {"codes": codes, "next": next_url}
            )
    return TemplateResponse(
        request,
        f"{TEMPLATES}/enrol.html",
        {
            "form": form,
            "next": next_url,
            "required": rules.mode() == rules.REQUIRED,
            "qr_svg": services.qr_svg(device, title=_("QR code for your authenticator app")),
            "secret": services.secret_text(device),
            "otpauth_uri": services.otpauth_uri(device),
            "account": request.user.get_username(),
            "issuer": services.ISSUER,
        },
    )


@never_cache
def manage_view(request):
    """One's own second factor: whether it is set up, the codes left, the reset."""
    if off := _not_offered():
        return off
    user = request.user
    has_one = services.has_second_factor(user)
    if has_one and request.method == "POST" and "new_codes" in request.POST:
        codes = services.new_recovery_codes(user)
        return TemplateResponse(
            request,
            f"{TEMPLATES}/recovery_codes.html",
            {"codes": codes, "next": reverse("bokrao_second_factor")},
        )
    form = ResetForm(request.POST or None) if has_one else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.reset_own(request, form.cleaned_data["password"], form.cleaned_data["code"])
        except services.CodeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Your authenticator app and recovery codes were removed."))
            # Where a second factor is required, the middleware sends them on to enrol.
            return redirect("bokrao_second_factor")
    return TemplateResponse(
        request,
        f"{TEMPLATES}/manage.html",
        {
            "has_second_factor": has_one,
            "recovery_codes_left": services.recovery_codes_left(user) if has_one else 0,
            "required": rules.mode() == rules.REQUIRED,
            "form": form,
        },
    )


@never_cache
@user_passes_test(lambda user: user.is_superuser)
def remove_view(request, user_id):
    """A superuser removes a staff member's devices (a lost phone, lost codes)."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = services.remove_devices(person)
        services.logger.info(
            "Second factor of user %s removed by superuser %s", person.pk, request.user.pk
        )
        if removed:
            messages.success(
                request,
                _("The second factor of %(name)s was removed.") % {"name": person.get_username()},
            )
        else:
            messages.warning(
                request,
                _("%(name)s had no second factor.") % {"name": person.get_username()},
            )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        f"{TEMPLATES}/remove.html",
        {"person": person, "has_second_factor": services.has_second_factor(person)},
    )
