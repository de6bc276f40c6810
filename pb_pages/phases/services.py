"""The actions on a consultation's phases: keep the page's frame, build its timeline,
and staff's hold, release and advance (each logged with who, when and why)."""

from django.db import transaction
from django.utils.translation import gettext as _

from consultation_blocks.timing import now
from consultation_blocks.widgets.rules import source_page

from .models import Phase, PhaseShift
from .timeline import Shift, Timeline


class PhaseChangeRefused(Exception):
    pass


def _phases(page):
    # In memory (an editor's unsaved form, a page built in code) or from the database.
    return sorted(page.phases.all(), key=lambda phase: (phase.sort_order or 0, phase.pk or 0))


def _shifts(page):
    if not page.translation_key:
        return []
    # In the model's order (when, then id): the timeline replays them in turn.
    shifts = PhaseShift.objects.filter(consultation=page.translation_key)
    return [Shift(*shift) for shift in shifts.values_list("action", "position", "at")]


def timeline_of_page(page, refresh=False):
    """The consultation's Timeline, built once per page instance.

    The phases are the source-language page's: a translation runs on the same dates
    even before its copy of the phases is synced.
    """
    cached = getattr(page, "_bokrao_timeline", None)
    if cached is None or refresh:
        origin = source_page(page) if page.pk else page
        phases = [(phase.kind, phase.starts_at, phase.ends_at) for phase in _phases(origin)]
        cached = Timeline(phases, _shifts(page) if page.pk else [])
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
