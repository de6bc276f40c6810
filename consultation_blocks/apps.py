from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationBlocksConfig(AppConfig):
    name = "consultation_blocks"
    label = "bokrao_blocks"
    verbose_name = _("Consultation blocks")
    default_auto_field = "django.db.models.BigAutoField"
