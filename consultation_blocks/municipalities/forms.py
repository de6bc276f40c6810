"""Where a participant lives, as one choice: a municipality of the platform, one of its
areas, or somewhere else. Grouped by province, so a phone's native list stays usable."""

from dataclasses import dataclass, field
from itertools import groupby

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..participants.services import ELSEWHERE, Home
from .models import Area, Municipality

NOT_SAID, SOMEWHERE_ELSE = "", "elsewhere"
# Up to this many municipalities the list offers them all; past it, those of one
# province at a time (7,850 local authorities would be half a megabyte on a phone).
LISTED_AT_ONCE = 60


@dataclass(frozen=True)
class Offered:
    """The municipalities the list offers, and, past LISTED_AT_ONCE, the provinces to
    choose from (the chosen one's municipalities are offered, with the person's own)."""

    municipalities: object
    provinces: list = field(default_factory=list)
    province: str = ""


def offered(province="", own=None):
    on_the_platform = Municipality.objects.exclude(home_page=None)
    if on_the_platform.count() <= LISTED_AT_ONCE:
        return Offered(on_the_platform)
    provinces = sorted(set(on_the_platform.values_list("province", flat=True)))
    province = province if province in provinces else ""
    chosen = on_the_platform.filter(Q(province=province) | Q(pk=own))
    return Offered(chosen, provinces, province)


def home_choices(municipalities=None):
    if municipalities is None:
        municipalities = Municipality.objects.exclude(home_page=None)
    municipalities = municipalities.order_by("province", "name")
    areas = {}
    for area in Area.objects.filter(municipality__in=municipalities).order_by("name"):
        areas.setdefault(area.municipality_id, []).append(area)
    choices = [(NOT_SAID, _("I prefer not to say")), (SOMEWHERE_ELSE, _("Somewhere else"))]
    for province, members in groupby(municipalities, key=lambda m: m.province_name):
        options = []
        for municipality in members:
            options.append((f"m{municipality.pk}", municipality.display_name))
            options.extend(
                (f"a{area.pk}", f"{municipality.display_name} · {area.display_name}")
                for area in areas.get(municipality.pk, [])
            )
        choices.append((province or _("Other"), options))
    return choices


def home_value(participant):
    if not participant.home_stated:
        return NOT_SAID
    if participant.home_area_id:
        return f"a{participant.home_area_id}"
    if participant.home_municipality_id:
        return f"m{participant.home_municipality_id}"
    return SOMEWHERE_ELSE


class HomeField(forms.ChoiceField):
    """Cleans to a participants.services.Home, ELSEWHERE, or None (not said)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Where do you live?"))
        kwargs.setdefault(
            "help_text",
            _(
                "You count as inside in the municipality you live in and as outside in "
                "every other one."
            ),
        )
        super().__init__(choices=home_choices, required=False, **kwargs)

    def offer(self, municipalities):
        """Offer these municipalities (and their areas) only."""
        self.choices = home_choices(municipalities)

    def clean(self, value):
        value = super().clean(value)
        if value == NOT_SAID:
            return None
        if value == SOMEWHERE_ELSE:
            return ELSEWHERE
        # A choice offered a moment ago may be gone (an area deleted since).
        gone = forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
        if value.startswith("a"):
            area = Area.objects.filter(pk=int(value[1:])).first()
            if area is None:
                raise gone
            return Home(area.municipality_id, area.pk)
        if not Municipality.objects.filter(pk=int(value[1:])).exists():
            raise gone
        return Home(int(value[1:]))
