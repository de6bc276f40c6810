from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="lock")
class PersonalDataSettings(BaseGenericSetting):
    class AfterDeletion(models.TextChoices):
        KEEP = "keep", _("Keep, without the person")
        REMOVE = "remove", _("Remove")

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
        verbose_name = _("personal data")
