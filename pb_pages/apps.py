from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PbPagesConfig(AppConfig):
    name = "pb_pages"
    label = "bokrao_pages"
    verbose_name = _("Participation pages")
    default_auto_field = "django.db.models.BigAutoField"
