from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    # Namespaced: `wagtail start` projects already have an app labelled "search".
    label = "bokrao_search"
    verbose_name = _("Participation search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (importing checks registers them)

        signals.connect()
