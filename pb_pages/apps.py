from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PbPagesConfig(AppConfig):
    name = "pb_pages"
    label = "bokrao_pages"
    verbose_name = _("Participation pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What search needs to know about pages; search itself imports no page type.
        from consultation_blocks.privacy.registry import register_staff_fields
        from consultation_blocks.timing import WindowState
        from search import registry

        from .documents import PageDocuments, consultation_choices
        from .phases import tasks  # noqa: F401  (registers the phase-boundary job)
        from .processes import ProcessType

        self._publish_draft_versions()
        registry.register(PageDocuments())
        registry.register_choices("process_type", ProcessType, staff_filter=True)
        registry.register_choices("status", WindowState)
        registry.register_consultations(consultation_choices)
        # The staff member who held or moved a phase: theirs, never a participant's data.
        register_staff_fields("bokrao_pages.PhaseShift.by")

    def _publish_draft_versions(self):
        from wagtail.signals import page_published

        from consultation_blocks.drafts.versions import page_published as draft_published

        from .models import DraftRegulationPage

        page_published.connect(draft_published, sender=DraftRegulationPage)
