"""The published hearing report on the draft's own address (pb_pages' DraftRegulationPage
routes report/, report/pdf/ and report/csv/ here): thin, no personal data."""

from django.http import FileResponse, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .data import build_report
from .exports import report_csv
from .services import published_report


def _not_yet(request, page, message):
    return TemplateResponse(
        request,
        "bokrao_blocks/drafts/report/not_yet.html",
        {"page": page, "message": message},
        status=404,
    )


def report_page(page, request):
    report = published_report(page)
    if report is None:
        return _not_yet(request, page, _("The hearing report of this draft is not published yet."))
    return TemplateResponse(
        request,
        "bokrao_blocks/drafts/report/page.html",
        {"page": page, "report": report, "data": build_report(page, report.version_number)},
    )


def report_pdf(page, request):
    report = published_report(page)
    if report is None:
        return _not_yet(request, page, _("The hearing report of this draft is not published yet."))
    if not report.pdf:
        return _not_yet(
            request,
            page,
            _("The PDF of the hearing report is being printed: try again in a minute."),
        )
    return FileResponse(
        report.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"hearing-report-{page.slug}-v{report.version_number}.pdf",
    )


def report_csv_view(page, request):
    report = published_report(page)
    if report is None:
        return _not_yet(request, page, _("The hearing report of this draft is not published yet."))
    content = report_csv(build_report(page, report.version_number))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    filename = f"hearing-report-{page.slug}-v{report.version_number}.csv"
    # The slug may be Thai: the header says it the way browsers read non-ASCII names.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
