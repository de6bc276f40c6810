"""A municipality's own settings, kept by its staff in the Wagtail admin: its details
(English names, contact, logo), what stays of a deleted account's comments and votes,
its areas with their populations, and its moderation rules. Each staff member sees the
municipalities they work for with the permission to change them; a superuser sees all.
Creating a municipality is the platform's (pb_pages: create_municipality)."""

from django import forms
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import MenuItem
from wagtail.images.widgets import AdminImageChooser

from theme.user_input import parse_id

from ..comments.models import MunicipalModerationRules
from ..comments.moderation import rules_for
from ..privacy.models import MunicipalPersonalDataRules, PersonalDataSettings
from ..staff.municipalities import municipalities_of, works_anywhere, works_for
from ..staff.permissions import CHANGE_MUNICIPALITY, MODERATE
from .models import Area, Municipality


def may_keep_municipality(user):
    return works_anywhere(user, CHANGE_MUNICIPALITY)


class MunicipalitySettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_keep_municipality(request.user)


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = [
            "name",
            "name_en",
            "province",
            "province_en",
            "address",
            "phone",
            "email",
            "logo",
            "minimum_hearing_days",
        ]
        widgets = {"logo": AdminImageChooser, "address": forms.Textarea(attrs={"rows": 3})}


class RulesForm(forms.ModelForm):
    class Meta:
        model = MunicipalModerationRules
        fields = ["banned_words", "flags_to_hold", "links_to_hold"]


class PersonalDataForm(forms.ModelForm):
    class Meta:
        model = MunicipalPersonalDataRules
        fields = ["comments_after_deletion", "votes_after_deletion"]


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name", "name_en", "code", "population", "parent"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["parent"].queryset = municipality.areas.all()


AreaFormSet = forms.modelformset_factory(Area, form=AreaForm, extra=2, can_delete=True)


def _chosen(request, municipalities):
    wanted = parse_id(request.GET.get("municipality"))
    for municipality in municipalities:
        if municipality.pk == wanted:
            return municipality
    return municipalities[0] if municipalities else None


def _own_rules_form(form_class, own, platform, municipality, data, prefix):
    """The form of a municipality's own rules: as saved, or, until it saves its own,
    starting from the platform's."""
    fields = form_class._meta.fields
    return form_class(
        data,
        instance=own or form_class._meta.model(municipality=municipality),
        prefix=prefix,
        initial=None if own else {name: getattr(platform, name) for name in fields},
    )


@user_passes_test(may_keep_municipality)
def settings_view(request):
    municipalities = list(municipalities_of(request.user, CHANGE_MUNICIPALITY))
    municipality = _chosen(request, municipalities)
    if municipality is None:
        return TemplateResponse(
            request, "bokrao_blocks/admin/municipality.html", {"municipality": None}
        )
    data = request.POST if request.method == "POST" else None
    details = DetailsForm(data, instance=municipality, prefix="details")
    # Moderation rules are moderators' to keep, in this municipality.
    moderates = works_for(request.user, municipality, MODERATE)
    own_rules = MunicipalModerationRules.objects.filter(municipality=municipality).first()
    rules = None
    if moderates:
        rules = _own_rules_form(RulesForm, own_rules, rules_for(None), municipality, data, "rules")
    own_data_rules = MunicipalPersonalDataRules.objects.filter(municipality=municipality).first()
    data_rules = _own_rules_form(
        PersonalDataForm,
        own_data_rules,
        PersonalDataSettings.load(),
        municipality,
        data,
        "personal_data",
    )
    areas = AreaFormSet(
        data,
        queryset=municipality.areas.order_by("code"),
        prefix="areas",
        form_kwargs={"municipality": municipality},
    )
    forms_valid = (
        details.is_valid()
        and data_rules.is_valid()
        and areas.is_valid()
        and (rules is None or rules.is_valid())
    )
    if request.method == "POST" and forms_valid:
        try:
            with transaction.atomic():
                details.save()
                data_rules.save()
                if rules is not None:
                    rules.save()
                areas.save()
        except ProtectedError:
            messages.error(
                request,
                _("An area that other areas are part of cannot be deleted: move them first."),
            )
        else:
            saved = _("The settings of %(name)s are saved.") % {"name": municipality}
            messages.success(request, saved)
            return redirect(f"{request.path}?municipality={municipality.pk}")
    return TemplateResponse(
        request,
        "bokrao_blocks/admin/municipality.html",
        {
            "municipality": municipality,
            "municipalities": municipalities if len(municipalities) > 1 else [],
            "details": details,
            "rules": rules,
            "own_rules": own_rules is not None,
            "data_rules": data_rules,
            "own_data_rules": own_data_rules is not None,
            "areas": areas,
            "media": details.media,
        },
    )
