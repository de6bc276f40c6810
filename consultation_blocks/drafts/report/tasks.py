"""The hearing report's PDF, printed by the task worker after staff publish it: the
report template in the draft's language, through drafts/pdf.py (WeasyPrint)."""

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from ...timing import now
from ..pdf import render_pdf
from .data import build_report
from .models import HearingReport


def print_pdf(report):
    """Print `report` and keep the file (a second print replaces the first)."""
    page = report.page.specific if report.page_id else None
    if page is None:
        return False
    with translation.override(page.locale.language_code):
        data = build_report(page, report.version_number)
        html = render_to_string(
            "bokrao_blocks/drafts/report/print.html",
            {"page": page, "report": report, "data": data, "printing": True},
        )
        pdf = render_pdf(html)
    if report.pdf:
        report.pdf.delete(save=False)
    report.pdf.save(f"report-{report.pk}.pdf", ContentFile(pdf), save=False)
    report.pdf_rendered_at = now()
    report.save(update_fields=["pdf", "pdf_rendered_at"])
    return True


@task()
def print_report(report_id):
    report = HearingReport.objects.select_related("page").filter(pk=report_id).first()
    if report is None:
        return False
    return print_pdf(report)
