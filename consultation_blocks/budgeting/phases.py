"""The steps of a budget round, in their fixed order (R6). A round may leave any of them
out, but not change their order. What the round page shows follows the step reached:
supports while shortlisting, costs from publishing costs on, results from results on.

The kinds themselves (what each allows) are registered in pb_pages/phases/kinds.py;
only the timeline compares dates."""

from django.utils.translation import gettext as _

from ..timing import WindowState, now

INFORMATION = "information"
SUBMITTING = "submitting_projects"
REVIEWING = "reviewing_projects"
SUPPORTING = "supporting_projects"
COSTS = "publishing_costs"
BALLOT = "ballot"
COUNTING = "counting"
RESULTS = "results"
IMPLEMENTATION = "implementation"

ROUND_PHASES = (
    INFORMATION,
    SUBMITTING,
    REVIEWING,
    SUPPORTING,
    COSTS,
    BALLOT,
    COUNTING,
    RESULTS,
    IMPLEMENTATION,
)
_ORDER = {kind: position for position, kind in enumerate(ROUND_PHASES)}


def round_phase_problems(rows):
    """What is wrong with a round's phases [(kind, starts_at, ends_at)]: only a round's
    kinds, each once, in the round's order."""
    from pb_pages.phases import kinds

    problems = []
    seen = []
    for number, (kind, _starts, _ends) in enumerate(rows, start=1):
        if kind not in _ORDER:
            problems.append(
                _("Phase %(number)d (%(kind)s) is not a step of a budget round.")
                % {"number": number, "kind": kinds.get(kind).label}
            )
            continue
        if seen and _ORDER[kind] <= _ORDER[seen[-1]]:
            problems.append(
                _("Phase %(number)d (%(kind)s) must come before %(before)s.")
                % {
                    "number": number,
                    "kind": kinds.get(kind).label,
                    "before": kinds.get(seen[-1]).label,
                }
            )
        seen.append(kind)
    return problems


def step(page, at=None):
    """The position (in ROUND_PHASES) the round has reached at `at`: that of its current
    phase; before the first, -1; after the last, past every step."""
    timeline = page.timeline()
    at = at or now()
    current = timeline.current(at)
    if current is not None:
        return _ORDER.get(current.kind.key, -1)
    if timeline.state(at) == WindowState.CLOSED:
        return len(ROUND_PHASES)
    return -1


def reached(page, kind, at=None):
    """Has the round reached step `kind` (or a later one)? A step the round left out
    counts as reached once a later one runs."""
    return step(page, at) >= _ORDER[kind]


def is_current(page, kind, at=None):
    current = page.timeline().current(at or now())
    return current is not None and current.kind.key == kind


def shows_supports(page, at=None):
    """Supports are shown while people shortlist, and to staff afterwards."""
    return is_current(page, SUPPORTING, at)


def shows_costs(page, at=None):
    """Reviewed costs are public from publishing costs on (from the ballot on if the
    round has no such step)."""
    return reached(page, COSTS, at)


def shows_results(page, at=None):
    return reached(page, RESULTS, at)


def results_start(page):
    """When the round's results step begins on its timeline (staff's holds and advances
    included), or None for a round without one."""
    for span in page.timeline().spans():
        if span.kind.key == RESULTS:
            return span.starts_at
    return None
