from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class AfterDeletion(models.TextChoices):
    KEEP = "keep", _("Keep, without the person")
    REMOVE = "remove", _("Remove")


class PersonalDataRules(models.Model):
    """What stays of a deleted account's comments and votes. The platform's rules
    (PersonalDataSettings) apply in every municipality that has not set its own
    (MunicipalPersonalDataRules): each comment and vote follows its municipality's."""

    AfterDeletion = AfterDeletion

    comments_after_deletion = models.CharField(
        _("comments of a deleted account"),
        max_length=10,
        choices=AfterDeletion.choices,
        default=AfterDeletion.KEEP,
        help_text=_("Kept comments show “deleted participant” instead of a name."),
    )
    votes_after_deletion = models.CharField(
        _("votes of a deleted account"),
        max_length=10,
        choices=AfterDeletion.choices,
        default=AfterDeletion.KEEP,
        help_text=_("Kept votes stay counted, with no link to any person."),
    )

    class Meta:
        abstract = True


@register_setting(icon="lock")
class PersonalDataSettings(PersonalDataRules, BaseGenericSetting):
    class Meta:
        verbose_name = _("personal data")

    def __str__(self):
        return str(self._meta.verbose_name)


class MunicipalPersonalDataRules(PersonalDataRules):
    municipality = models.OneToOneField(
        "bokrao_blocks.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="personal_data_rules",
    )

    class Meta:
        verbose_name = _("personal data rules of a municipality")

    def __str__(self):
        return str(self.municipality)
