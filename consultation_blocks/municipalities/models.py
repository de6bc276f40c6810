"""The local authorities on the platform, and their areas.

One installation serves many municipalities (issue 11). A municipality owns a part of
the page tree, from its home page down; its staff are the members of its staff groups;
its residents are the participants who say they live there. Everything a municipality
keeps of its own (moderation rules, personal-data policy, resident register) points
here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def in_visitor_language(thai, english):
    """The English name to English readers when there is one; the Thai name otherwise."""
    return english if english and translation.get_language() == "en" else thai


class Municipality(models.Model):
    class Kind(models.TextChoices):
        # The forms of Thai local government (Department of Local Administration).
        CITY = "city", _("City municipality")  # เทศบาลนคร
        TOWN = "town", _("Town municipality")  # เทศบาลเมือง
        SUBDISTRICT = "subdistrict", _("Sub-district municipality")  # เทศบาลตำบล
        SAO = "sao", _("Sub-district administrative organisation")  # อบต.
        PROVINCE = "province", _("Provincial administrative organisation")  # อบจ.
        BANGKOK_DISTRICT = "bangkok_district", _("Bangkok district")  # เขต
        PATTAYA = "pattaya", _("Pattaya City")  # เมืองพัทยา

    name = models.CharField(_("name in Thai"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOWN)
    province = models.CharField(_("province (Thai)"), max_length=100)
    province_en = models.CharField(_("province (English)"), max_length=100, blank=True)
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_("The Department of Local Administration's code, when known."),
    )
    # The home page in the platform's first language; its translations are found by
    # translation key, so /th/ and /en/ belong to the same municipality.
    home_page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("home page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_groups = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("staff groups"),
        blank=True,
        related_name="municipalities",
        help_text=_("Members of these groups work for this municipality."),
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Thai rules on public hearings give at least 15 days; a municipality may ask more.
    minimum_hearing_days = models.PositiveSmallIntegerField(
        _("shortest public hearing (days)"),
        default=15,
        help_text=_("A draft's hearing phase must last at least this many days."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["province", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="municipality_code_unique"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return in_visitor_language(self.name, self.name_en)

    @property
    def province_name(self):
        return in_visitor_language(self.province, self.province_en)


class Area(models.Model):
    """A part of a municipality: a sub-district (ตำบล/แขวง), a community (ชุมชน) or a zone.

    Its population is the number of registered residents, which proposals' support
    thresholds ("x % of the residents") and budget rounds use."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="areas"
    )
    name = models.CharField(_("name in Thai"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    code = models.CharField(
        _("code"), max_length=20, help_text=_("As in the resident register's area column.")
    )
    population = models.PositiveIntegerField(_("registered residents"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["municipality", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="area_code_per_municipality"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return in_visitor_language(self.name, self.name_en)

    def clean(self):
        super().clean()
        if self.parent_id and self.parent.municipality_id != self.municipality_id:
            raise ValidationError(
                {"parent": _("The larger area must be of the same municipality.")}
            )
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("An area cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
