"""The public hearing of a draft: the phase in which people comment on its text, with
opening and closing dates and a shortest length the municipality sets (15 days unless
it asks more, as Thai rules on public hearings give)."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..timing import now

HEARING = "hearing"
DEFAULT_MINIMUM_DAYS = 15


def minimum_days(municipality):
    return municipality.minimum_hearing_days if municipality is not None else DEFAULT_MINIMUM_DAYS


def hearing_problems(rows, minimum):
    """What is wrong with the hearing phases of [(kind, starts_at, ends_at)]."""
    problems = []
    hearings = [(number, row) for number, row in enumerate(rows, start=1) if row[0] == HEARING]
    for number, (_kind, starts_at, ends_at) in hearings:
        if ends_at is None:
            problems.append(
                _("Phase %(number)d, the public hearing, needs a closing date.")
                % {"number": number}
            )
        elif ends_at - starts_at < timedelta(days=minimum):
            problems.append(
                ngettext(
                    "Phase %(number)d, the public hearing, must last at least %(minimum)d "
                    "day (the municipality's rule).",
                    "Phase %(number)d, the public hearing, must last at least %(minimum)d "
                    "days (the municipality's rule).",
                    minimum,
                )
                % {"number": number, "minimum": minimum}
            )
    return problems


@dataclass(frozen=True)
class Hearing:
    """The hearing as a reader sees it: when it opens and closes, and how long is left."""

    opens_at: datetime | None
    closes_at: datetime | None
    state: str  # "upcoming", "open" or "closed"
    days_left: int | None


def hearing_of(timeline, at=None):
    """The draft's hearing (its current one, else the next, else the last), or None."""
    at = at or now()
    spans = [span for span in timeline.spans(at) if span.kind.key == HEARING and not span.skipped]
    if not spans:
        return None
    running = [span for span in spans if span.held or span.runs_at(at)]
    upcoming = [span for span in spans if span.starts_at and span.starts_at > at]
    span = (running or upcoming or spans[-1:])[0]
    if running:
        state = "open"
    elif upcoming:
        state = "upcoming"
    else:
        state = "closed"
    days_left = None
    if state == "open" and span.ends_at is not None:
        days_left = max(0, math.ceil((span.ends_at - at) / timedelta(days=1)))
    return Hearing(span.starts_at, span.ends_at, state, days_left)
