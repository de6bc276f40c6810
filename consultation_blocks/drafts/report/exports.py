"""The hearing report as CSV: every published comment with its paragraph, who said it
(relation to the matter, inside or outside; never a name or an address) and the
municipality's answer. With a byte order mark, so spreadsheet programs read the Thai."""

import csv
import io

from django.utils.translation import gettext as _

from ...participants.choices import Residence, VoterGroup
from .models import Verdict

# A cell that starts with one of these is a formula to a spreadsheet program: what a
# participant wrote is kept as text (OWASP's advice: a leading apostrophe).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    return f"'{value}" if value and value.startswith(FORMULA_STARTS) else value


def report_csv(data):
    groups, areas, verdicts = (
        dict(VoterGroup.choices),
        dict(Residence.choices),
        dict(Verdict.choices),
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Comment"),
            _("Paragraph"),
            _("Text"),
            _("Quote"),
            _("Relation to the matter"),
            _("Inside or outside"),
            _("Version commented on"),
            _("Support"),
            _("Answer"),
            _("Reason"),
            _("Answered by"),
        ]
    )
    labels = data["labels"]
    for comment in data["comments"]:
        response = comment["response"]
        writer.writerow(
            [
                comment["id"],
                labels.get(comment["key"], ""),
                _text(comment["text"]),
                _text(comment["quote"]),
                groups.get(comment["voter_group"], ""),
                areas.get(comment["area"], ""),
                comment["version"] or "",
                comment["support"],
                verdicts.get(response.verdict, "") if response else "",
                _text(response.reason) if response else "",
                _text(response.answered_as) if response else "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
