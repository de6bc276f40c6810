"""The hearing report as CSV: every published comment with its paragraph, who said it
(relation to the matter, inside or outside; never a name or an address) and the
municipality's answer. With a byte order mark, so spreadsheet programs read the Thai."""

import csv
import io

from django.utils.translation import gettext as _

from ...participants.choices import Residence, VoterGroup
from .models import Verdict


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
                comment["text"],
                comment["quote"],
                groups.get(comment["voter_group"], ""),
                areas.get(comment["area"], ""),
                comment["version"] or "",
                comment["support"],
                verdicts.get(response.verdict, "") if response else "",
                response.reason if response else "",
                response.answered_as if response else "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
