"""The actions on a consultation's phases: keep the page's frame, build its timeline,
and staff's hold, release and advance (each logged with who, when and why)."""

from django.db import transaction
from django.db.models import Value
from django.utils.translation import gettext as _

from consultation_blocks.timing import now
from consultation_blocks.widgets.rules import source_page
from theme.compiled import EXAMPLE_INT, EXAMPLE_UUID, CompiledQuery

from .models import Phase, PhaseShift
from .timeline import Shift, Timeline


class PhaseChangeRefused(Exception):
    pass


def _order(sort_order, pk):
    return (sort_order or 0, pk or 0)


def _phases(page):
    # In memory (an editor's unsaved form, a page built in code) or from the database.
    return sorted(page.phases.all(), key=lambda phase: _order(phase.sort_order, phase.pk))


# Every vote and comment builds its page's timeline: its phases and staff's shifts in
# one statement, compiled once (theme/compiled.py). Rows: (what, kind or action,
# starts or at, ends, sort order or position, id).
def _phases_and_shifts(page_id, consultation):
    phases = Phase.objects.filter(page_id=page_id).annotate(row=Value("phase"))
    shifts = PhaseShift.objects.filter(consultation=consultation).annotate(row=Value("shift"))
    return (
        phases.order_by()
        .values_list("row", "kind", "starts_at", "ends_at", "sort_order", "pk")
        .union(
            shifts.order_by().values_list("row", "action", "at", "at", "position", "pk"),
            all=True,
        )
    )


_PHASES_AND_SHIFTS = CompiledQuery(_phases_and_shifts, EXAMPLE_INT, EXAMPLE_UUID)


def _in_memory(page):
    return not page.pk or "phases" in getattr(page, "_cluster_related_objects", {})


def _dates(phases):
    return [(phase.kind, phase.starts_at, phase.ends_at) for phase in phases]


def _shifts(page):
    if not page.translation_key:
        return []
    shifts = PhaseShift.objects.filter(consultation=page.translation_key)
    return [Shift(*shift) for shift in shifts.values_list("action", "position", "at")]


def _stored_timeline(origin, page):
    """The Timeline of `origin`'s stored phases and `page`'s consultation's shifts."""
    phases, shifts = [], []
    for row, kind, starts, ends, order, pk in _PHASES_AND_SHIFTS.rows(
        origin.pk, page.translation_key
    ):
        if row == "phase":
            phases.append((_order(order, pk), (kind, starts, ends)))
        else:
            # In the model's order (when, then id): the timeline replays them in turn.
            shifts.append(((starts, pk), Shift(kind, order, starts)))
    return Timeline([dates for _, dates in sorted(phases)], [shift for _, shift in sorted(shifts)])


def timeline_of_page(page, refresh=False):
    """The consultation's Timeline, built once per page instance.

    The phases are the source-language page's: a translation runs on the same dates
    even before its copy of the phases is synced.
    """
    cached = getattr(page, "_bokrao_timeline", None)
    if cached is None or refresh:
        origin = source_page(page) if page.pk else page
        if not page.pk:
            cached = Timeline(_dates(_phases(origin)), [])
        elif _in_memory(origin) or not page.translation_key:
            cached = Timeline(_dates(_phases(origin)), _shifts(page))
        else:
            cached = _stored_timeline(origin, page)
        page._bokrao_timeline = cached
    return cached


def keep_frame(page):
    """Set the page's `opens_at`/`closes_at` from its phases.

    A page made in code with only a listening period (the factories, the demo, pages
    from before phases existed) gets one listening phase for it.
    """
    phases = _phases(page)
    if not phases:
        if page.opens_at is None:
            return
        page.phases = [Phase(kind="listening", starts_at=page.opens_at, ends_at=page.closes_at)]
        phases = _phases(page)
    # The page's own phases (an editor's form in memory), not a cached timeline.
    opens, closes = Timeline(
        [(phase.kind, phase.starts_at, phase.ends_at) for phase in phases],
        _shifts(page) if page.pk else [],
    ).frame(now())
    page._bokrao_timeline = None
    if opens is not None:
        page.opens_at, page.closes_at = opens, closes


def _translations(page):
    from pb_pages.models import ConsultationPage

    return ConsultationPage.objects.filter(translation_key=page.translation_key)


def _reindex(pages):
    """The consultation's pages and what carries their state go to the search outbox."""
    from search.signals import requeue_page

    for page in pages:
        requeue_page(page.pk)


def _shift(page, user, action, position, reason):
    reason = " ".join((reason or "").split())
    if not reason:
        raise PhaseChangeRefused(_("Give a reason: it is kept in the consultation's log."))
    at = now()
    with transaction.atomic():
        # One change at a time per consultation: the pages' rows are the lock.
        pages = list(_translations(page).select_for_update().order_by("pk"))
        shift = PhaseShift.objects.create(
            consultation=page.translation_key,
            page=page,
            action=action,
            position=position,
            reason=reason[:300],
            by=user,
            at=at,
        )
        timeline = timeline_of_page(page, refresh=True)
        opens, closes = timeline.frame(at)
        for translation in pages:
            type(translation).objects.filter(pk=translation.pk).update(
                opens_at=opens, closes_at=closes
            )
        page.opens_at, page.closes_at = opens, closes
        _reindex(pages)
    return shift


def hold(page, user, reason):
    """Keep the current phase going past its end date until released."""
    current = timeline_of_page(page, refresh=True).current()
    if current is None:
        raise PhaseChangeRefused(_("No phase is running now, so there is none to hold."))
    if current.held:
        raise PhaseChangeRefused(_("This phase is already held."))
    return _shift(page, user, PhaseShift.Action.HOLD, current.position, reason)


def release(page, user, reason):
    current = timeline_of_page(page, refresh=True).current()
    if current is None or not current.held:
        raise PhaseChangeRefused(_("No phase is held."))
    return _shift(page, user, PhaseShift.Action.RELEASE, current.position, reason)


def advance(page, user, reason):
    """End the current phase now and start the next one (after the last: end the
    consultation). Before the first phase, start the first one now."""
    timeline = timeline_of_page(page, refresh=True)
    spans = timeline.spans()
    current = timeline.current()
    if current is not None:
        position = current.position + 1
    else:
        at = now()
        upcoming = [span for span in spans if span.starts_at is None or span.starts_at > at]
        if not upcoming:
            raise PhaseChangeRefused(_("The consultation has ended: there is no next phase."))
        position = upcoming[0].position
    return _shift(page, user, PhaseShift.Action.ADVANCE, position, reason)


def log(page):
    return PhaseShift.objects.filter(consultation=page.translation_key).select_related("by")
