"""Citizens' accounts: sign up with an email address, confirm it, sign in, keep a profile,
reset a forgotten password.

Django's own auth, not django-allauth (docs/decisions/008-citizen-accounts.md): one
email-and-password path whose every screen is ours, in Thai and English, accessible.
The username is the email address; staff keep using the Wagtail admin's sign-in.
"""

import hashlib
from datetime import timedelta
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, login, password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from theme.user_input import clean_user_text, is_local_url, next_url, parse_id

from .. import limits
from ..conf import blocks_setting, host_setting
from ..municipalities.forms import HomeField, home_value
from ..municipalities.forms import offered as offered_homes
from ..municipalities.models import Municipality
from ..timing import now
from . import challenge, emails, residents, services
from .choices import VerificationLevel, VoterGroup
from .emails import CONFIRMATION_SALT
from .models import Participant, ResidentVerification
from .sign_in import LimitedSignIn

CONFIRMATION_MAX_AGE = 3 * 24 * 3600


class ProfileFields(forms.Form):
    display_name = forms.CharField(
        label=gettext_lazy("Public name"),
        help_text=gettext_lazy(
            "Shown with your comments. It need not be your real name. "
            "Leave empty to appear as “participant”."
        ),
        max_length=50,
        required=False,
    )
    voter_group = forms.ChoiceField(
        label=gettext_lazy("How are matters of your municipality usually related to you?"),
        help_text=gettext_lazy(
            "Each consultation asks again when you first take part, starting from this."
        ),
        choices=VoterGroup.choices,
        widget=forms.RadioSelect,
    )
    home = HomeField()

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offered is not None:
            self.fields["home"].offer(offered.municipalities)


class SignUpForm(ProfileFields):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    password = forms.CharField(
        label=gettext_lazy("Password"), widget=forms.PasswordInput(render_value=False)
    )
    accept_privacy = forms.BooleanField(
        label=gettext_lazy("I have read how my data is used (privacy policy).")
    )
    field_order = ["email", "password", "display_name", "voter_group", "home", "accept_privacy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Next to the box it is about, and tied to it by aria-describedby.
        self.fields["accept_privacy"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("bokrao_privacy"), _("How we use your data")
        )

    def clean_email(self):
        # Whether the address has an account is not said here: see sign_up.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if data.get("password"):
            user = get_user_model()(username=data.get("email", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


def _safe_next(request, default):
    # A path of this site only: "thanks" would make redirect() look for a view of that
    # name and fail after the account was made; "//host" and "javascript:" go elsewhere.
    return next_url(request, default)


def send_confirmation(request, user, next_path=""):
    """Queue the confirmation email, in the language of the request, for this site."""
    emails.queue_confirmation(
        user,
        translation.get_language(),
        request.build_absolute_uri("/").rstrip("/"),
        next_path,
    )


def _emails_allowed(request, email):
    """Whether another confirmation-like email may go to `email` now (per recipient and
    per address): past the limit, the page answers the same and no email is sent."""
    try:
        limits.check("confirmation_email", hashlib.sha256(email.encode()).hexdigest())
        limits.check("confirmation_email_ip", limits.client_address(request))
    except limits.TooMany:
        return False
    return True


def _register(request, data, next_path):
    """Create the account, or tell the owner of the address that someone tried.

    Both take the same time (the password is hashed either way, the email is queued
    for the worker) and lead to the same answer.
    """
    User = get_user_model()
    password = make_password(data["password"])
    try:
        with transaction.atomic():
            user = User.objects.create(
                username=data["email"], email=data["email"], password=password
            )
            services.create_participant(
                user,
                display_name=data["display_name"],
                voter_group=data["voter_group"],
                home=data["home"],
            )
    except IntegrityError:
        # The address has an account, or the same form was sent twice at once and the
        # other request made it: both answer as if this one had.
        existing = User.objects.filter(username=data["email"]).first()
        if existing is not None and existing.date_joined < now() - timedelta(minutes=5):
            if _emails_allowed(request, data["email"]):
                emails.queue_sign_up_attempt(
                    existing,
                    translation.get_language(),
                    request.build_absolute_uri("/").rstrip("/"),
                )
        return
    if _emails_allowed(request, data["email"]):
        send_confirmation(request, user, next_path)


@sensitive_post_parameters("password")
def sign_up(request):
    where = offered_homes(clean_user_text(request.GET.get("province")).strip()[:100])
    form = SignUpForm(request.POST or None, offered=where)
    address = limits.client_address(request)
    made, _closes = limits.window("sign_up", address)
    challenged = made >= blocks_setting("SIGN_UP_CHALLENGE_AFTER")
    if request.method == "POST":
        limit, seconds = blocks_setting("RATE_LIMITS")["sign_up"]
        if made >= limit:
            form.add_error(None, str(limits.TooMany(seconds)))
    if request.method == "POST" and form.is_valid() and challenged:
        refused = challenge.refusal(
            request.POST.get("challenge"), request.POST.get("challenge_solution")
        )
        if refused:
            form.add_error(None, refused)
    if request.method == "POST" and form.is_valid():
        limits.add("sign_up", address)
        data = form.cleaned_data
        next_path = _safe_next(request, "")
        _register(request, data, next_path)
        messages.success(
            request,
            _(
                "Thank you. We sent an email to %(email)s. Open the link in it to confirm "
                "your address: it signs you in. If the address already has an account, "
                "the email says how to sign in."
            )
            % {"email": data["email"]},
        )
        sign_in_url = reverse("bokrao_sign_in")
        return redirect(f"{sign_in_url}?next={quote(next_path)}" if next_path else sign_in_url)
    token, bits = challenge.new() if challenged else (None, None)
    return TemplateResponse(
        request,
        "bokrao_blocks/accounts/sign_up.html",
        {
            "form": form,
            "next": _safe_next(request, ""),
            "challenge": token,
            "challenge_bits": bits,
            "challenge_seed": challenge.seed_of(token) if token else "",
            "challenge_wait": blocks_setting("SIGN_UP_CHALLENGE_WAIT"),
            "where": where,
        },
    )


def confirm_email(request, token):
    try:
        confirmed = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        messages.error(request, _("This link has expired. Sign in and ask for a new one."))
        return redirect("bokrao_profile")
    except signing.BadSignature:
        messages.error(request, _("This link is not valid. Copy the whole link from the email."))
        return redirect("bokrao_profile")
    # Links sent before they carried a page to go back to hold the account's id only.
    if not isinstance(confirmed, dict):
        confirmed = {"user": confirmed}
    user = get_user_model().objects.filter(pk=confirmed.get("user"), is_active=True).first()
    participant = Participant.objects.filter(user=user).first() if user else None
    if participant is None:
        messages.error(request, _("This link is not valid. Copy the whole link from the email."))
        return redirect("bokrao_profile")
    services.raise_verification(participant, VerificationLevel.EMAIL)
    if not request.user.is_authenticated and user.last_login is None:
        # Sign-up does not sign in (it answers the same whether or not the address has
        # an account): the first confirmation does, once; later, the password.
        login(request, user, backend=host_setting("AUTHENTICATION_BACKENDS")[0])
    messages.success(request, _("Your email address is confirmed. You can take part now."))
    target = str(confirmed.get("next") or "")
    if target and is_local_url(request, target):
        return HttpResponseRedirect(target)
    return redirect("bokrao_profile")


@login_required(login_url="bokrao_sign_in")
def profile(request):
    participant = services.participant_of_user(request.user)
    where = offered_homes(
        clean_user_text(request.GET.get("province")).strip()[:100],
        own=participant.home_municipality_id,
    )
    form = ProfileFields(
        request.POST or None,
        offered=where,
        initial={
            "display_name": participant.display_name,
            "voter_group": participant.voter_group,
            "home": home_value(participant),
        },
    )
    if request.method == "POST" and request.POST.get("action") == "resend":
        if _emails_allowed(request, request.user.email):
            send_confirmation(request, request.user)
            messages.success(request, _("We sent a new confirmation link."))
        else:
            messages.error(
                request,
                _("We sent several links in the last hour. Please look for them, or try later."),
            )
        return redirect("bokrao_profile")
    if request.method == "POST" and form.is_valid():
        services.update_profile(participant, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("bokrao_profile")
    verifications = list(participant.verifications.select_related("municipality"))
    return TemplateResponse(
        request,
        "bokrao_blocks/accounts/profile.html",
        {
            "form": form,
            "where": where,
            "participant": participant,
            "levels": VerificationLevel,
            "verifications": verifications,
            "home_municipality": participant.home_municipality,
            "home_verified": any(
                v.municipality_id == participant.home_municipality_id
                and v.level >= VerificationLevel.RESIDENT
                for v in verifications
            ),
        },
    )


class NotEchoedInput(forms.TextInput):
    """A text box that never puts what was submitted back into the page."""

    def format_value(self, value):
        return None


class ResidentVerificationForm(forms.Form):
    national_id = forms.CharField(
        label=gettext_lazy("National ID number"),
        help_text=gettext_lazy("The 13 digits on the front of your Thai ID card."),
        max_length=40,
        # Not sent back after a mistake: the number stays out of pages, caches and
        # browser history, at the cost of typing it again.
        widget=NotEchoedInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.CharField(
        label=gettext_lazy("Date of birth"),
        help_text=gettext_lazy(
            "Day/month/year, for example 15/03/2528 (Buddhist Era) or 15/03/1985."
        ),
        max_length=20,
    )

    def clean_national_id(self):
        try:
            return residents.normalise_national_id(self.cleaned_data["national_id"])
        except residents.InvalidNationalId as error:
            raise forms.ValidationError(str(error)) from None

    def clean_birth_date(self):
        try:
            return residents.parse_birth_date(self.cleaned_data["birth_date"])
        except residents.InvalidDate as error:
            raise forms.ValidationError(str(error)) from None


def _municipality_to_verify_in(request, participant):
    wanted = parse_id(request.GET.get("municipality") or request.POST.get("municipality"))
    if wanted is not None:
        return Municipality.objects.filter(pk=wanted).exclude(home_page=None).first()
    if participant.home_municipality_id:
        return Municipality.objects.filter(pk=participant.home_municipality_id).first()
    return None


@login_required(login_url="bokrao_sign_in")
@sensitive_post_parameters("national_id")
def verify_resident(request):
    """Prove with the national ID number and date of birth that one lives in a
    municipality (?municipality=<id>; by default the one they say they live in)."""
    participant = services.participant_of_user(request.user)
    municipality = _municipality_to_verify_in(request, participant)
    if municipality is None:
        messages.error(request, _("Say in your profile which municipality you live in first."))
        return redirect("bokrao_profile")
    verified = ResidentVerification.objects.filter(
        participant=participant,
        municipality=municipality,
        level__gte=VerificationLevel.RESIDENT,
    ).exists()
    form = ResidentVerificationForm(None if verified else request.POST or None)
    if request.method == "POST" and not verified and form.is_valid():
        try:
            # Only attempts that reach the register count: a typo costs nothing.
            limits.check("verify_resident", participant.pk)
            limits.check("verify_resident_ip", limits.client_address(request))
            residents.verify_resident(
                participant,
                municipality,
                form.cleaned_data["national_id"],
                form.cleaned_data["birth_date"],
            )
        except limits.TooMany as refused:
            form.add_error(None, str(refused))
        except residents.VerificationRefused as refused:
            form.add_error(refused.field, str(refused))
        else:
            messages.success(
                request,
                _("You are verified as a resident of %(municipality)s. Thank you.")
                % {"municipality": municipality.display_name},
            )
            return redirect(_safe_next(request, reverse("bokrao_profile")))
    return TemplateResponse(
        request,
        "bokrao_blocks/accounts/verify_resident.html",
        {
            "form": form,
            "verified": verified,
            "municipality": municipality,
            "next": _safe_next(request, ""),
        },
    )


class SignInForm(LimitedSignIn):
    def confirm_login_allowed(self, user):
        """A participant blocked by a moderator is refused, with the moderator's reason.

        Asked only after the password matched, so it tells nothing to someone guessing.
        """
        super().confirm_login_allowed(user)
        blocked = Participant.objects.filter(user=user, blocked_at__isnull=False).first()
        if blocked is not None:
            raise forms.ValidationError(
                _(
                    "You cannot sign in: a moderator has blocked your account. "
                    "Reason: %(reason)s. If you think this is a mistake, contact the "
                    "municipality."
                ),
                code="blocked",
                params={"reason": blocked.blocked_reason},
            )


class SignInView(auth_views.LoginView):
    template_name = "bokrao_blocks/accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    # Without a ?next=, the participant's profile: a host site need not set
    # LOGIN_REDIRECT_URL (Django's default, /accounts/profile/, is no page of ours).
    next_page = reverse_lazy("bokrao_profile")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["username"].label = _("Email address")
        return form


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view(next_page="/")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def save(self, *, extra_email_context=None, request=None, **_options):
        """Queue a reset email per matching account; the worker makes the token.

        Django's form makes the token here and passes the whole link to send_mail; a
        queued task would keep that link in the database, so only the account, the
        language and the site address are queued.
        """
        context = extra_email_context or {}
        for user in self.get_users(self.cleaned_data["email"]):
            emails.queue_password_reset(
                user, translation.get_language(), context["origin"], context["days"]
            )


class PasswordResetRequestView(auth_views.PasswordResetView):
    """Ask for a reset link by email.

    Every valid request gets the same answer, whether the address has an account or
    not, so the form cannot be used to find out who takes part. The email is queued
    for the task worker, not sent while the visitor waits.
    """

    form_class = PasswordResetForm
    template_name = "bokrao_blocks/accounts/password_reset.html"
    subject_template_name = "bokrao_blocks/accounts/password_reset_subject.txt"
    email_template_name = "bokrao_blocks/accounts/password_reset_email.txt"
    success_url = reverse_lazy("bokrao_password_reset_sent")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = _("Email address")
        return form

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        try:
            limits.check("password_reset_ip", limits.client_address(self.request))
            # Hashed, so the cache never holds a list of email addresses.
            limits.check("password_reset", hashlib.sha256(email.encode()).hexdigest())
        except limits.TooMany as refused:
            form.add_error(None, str(refused))
            return self.form_invalid(form)
        self.extra_email_context = {
            # The link is for the host the person is using, as the confirmation link
            # is, not for django.contrib.sites' record; ALLOWED_HOSTS vouches for it.
            "origin": self.request.build_absolute_uri("/").rstrip("/"),
            "days": _link_days(),
        }
        return super().form_valid(form)


def _link_days():
    return max(1, round(host_setting("PASSWORD_RESET_TIMEOUT") / (24 * 3600)))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the email: choose a new password, or learn the link no longer works.

    Django's token includes the password hash and last sign-in, so a link works once.
    """

    template_name = "bokrao_blocks/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("bokrao_password_reset_done")


password_reset = PasswordResetRequestView.as_view()
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="bokrao_blocks/accounts/password_reset_sent.html",
    extra_context={"days": _link_days},
)
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_done = auth_views.PasswordResetCompleteView.as_view(
    template_name="bokrao_blocks/accounts/password_reset_done.html"
)
