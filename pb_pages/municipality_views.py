"""The admin's "new municipality" screen: a small form that calls the same service as
`manage.py create_municipality` (pb_pages/municipalities.py). Superusers only: a new
municipality makes staff groups and a site, which only they may."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Site

from consultation_blocks.municipalities.models import Municipality

from .municipalities import MunicipalityExists, create_municipality
from .slugs import ASCII_SLUG


class NewMunicipalityForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name in Thai"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=200)
    province = forms.CharField(label=gettext_lazy("Province (Thai)"), max_length=100)
    province_en = forms.CharField(label=gettext_lazy("Province (English)"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Municipality.Kind.choices)
    slug = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=60,
        help_text=gettext_lazy(
            "Latin letters, digits and hyphens: the platform shows it at /th/<address>/."
        ),
    )
    hostname = forms.CharField(
        label=gettext_lazy("Hostname of its own (optional)"),
        max_length=255,
        required=False,
        help_text=gettext_lazy(
            "For example bokrao.saensuk.go.th; leave empty to use the platform's."
        ),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if not ASCII_SLUG.match(slug):
            raise forms.ValidationError(_("Use only Latin letters, digits and hyphens."))
        return slug

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower()
        if hostname and Site.objects.filter(hostname=hostname).exists():
            raise forms.ValidationError(_("A site with this hostname exists already."))
        return hostname or None


def new_municipality_view(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = NewMunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            municipality = create_municipality(**form.cleaned_data)
        except MunicipalityExists:
            form.add_error("slug", _("A municipality has this address already."))
        else:
            messages.success(
                request,
                _("%(name)s has joined: its pages, sections and staff groups are ready.")
                % {"name": municipality.name},
            )
            return redirect("wagtailadmin_explore", municipality.home_page_id)
    return TemplateResponse(request, "bokrao_pages/admin/new_municipality.html", {"form": form})
