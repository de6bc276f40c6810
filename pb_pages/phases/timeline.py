"""A consultation's phases as they actually run: their dates, with staff's holds and
advances applied. The only place besides timing.py that compares dates.

Phases run one after another in their order. Staff may *hold* the current phase (it
goes on past its end date, and the next one waits, until released) or *advance* to the
next phase now (the current one ends, the next starts). Both are logged (PhaseShift);
the timeline replays the log up to the moment asked about, so the answer for any
moment is the same whether it is asked then or later.
"""

from dataclasses import dataclass, field
from datetime import datetime

from consultation_blocks.timing import WindowState, now

from . import kinds

HOLD, RELEASE, ADVANCE = "hold", "release", "advance"


@dataclass
class Span:
    """One phase as it runs: `starts_at` None means not scheduled yet (after a hold);
    `ends_at` None means it goes on until someone or a later date ends it."""

    position: int
    kind: kinds.PhaseKind
    starts_at: datetime | None
    ends_at: datetime | None
    held: bool = False

    @property
    def label(self):
        return self.kind.label

    def allows(self, action):
        return self.kind.allows(action)

    def runs_at(self, at):
        if self.starts_at is None or at < self.starts_at:
            return False
        return self.ends_at is None or at < self.ends_at

    @property
    def skipped(self):
        return self.starts_at is not None and self.ends_at == self.starts_at


@dataclass(frozen=True)
class Shift:
    action: str  # HOLD, RELEASE or ADVANCE
    position: int  # the phase held, or the phase advanced to (len(phases): past the last)
    at: datetime


@dataclass
class Timeline:
    """`phases`: (kind key, starts_at, ends_at) in order; `shifts`: Shift, in time order."""

    phases: list
    shifts: list = field(default_factory=list)

    def spans(self, at=None):
        """The phases as they run, knowing the shifts made up to `at`."""
        at = at or now()
        spans = [
            Span(position, kinds.get(kind), starts_at, ends_at)
            for position, (kind, starts_at, ends_at) in enumerate(self.phases)
        ]
        held = None
        for shift in self.shifts:
            if shift.at > at:
                break
            if shift.action == ADVANCE:
                _advance(spans, shift.position, shift.at)
                held = None
            elif shift.action == HOLD and shift.position < len(spans):
                held = (shift.position, shift.at)
            elif shift.action == RELEASE and held is not None:
                _release(spans, held[0], shift.at)
                held = None
        if held is not None:
            position = held[0]
            spans[position].ends_at = None
            spans[position].held = True
            for later in spans[position + 1 :]:
                later.starts_at = later.ends_at = None
        return spans

    def current(self, at=None):
        at = at or now()
        for span in self.spans(at):
            if span.held or span.runs_at(at):
                return span
        return None

    def state(self, at=None):
        """Upcoming before the first phase starts, closed after the last one ends."""
        at = at or now()
        spans = [span for span in self.spans(at) if not span.skipped]
        if any(span.held for span in spans):
            return WindowState.OPEN
        started = [span for span in spans if span.starts_at is not None]
        if not started or at < min(span.starts_at for span in started):
            return WindowState.UPCOMING
        if all(span.ends_at is not None and span.ends_at <= at for span in started):
            return WindowState.CLOSED
        return WindowState.OPEN

    def allows(self, action, at=None):
        current = self.current(at)
        return current is not None and current.allows(action)

    def windows(self, action, at=None):
        """[(start, end)] when `action` is allowed, adjacent phases merged; end None: open."""
        merged = []
        for span in self.spans(at):
            if span.starts_at is None or span.skipped or not span.allows(action):
                continue
            if merged and merged[-1][1] is not None and merged[-1][1] >= span.starts_at:
                merged[-1] = (merged[-1][0], span.ends_at)
            else:
                merged.append((span.starts_at, span.ends_at))
        return merged

    def closing(self, action, at=None):
        """When the run of phases allowing `action` that is on now ends (None: not dated)."""
        at = at or now()
        for start, end in self.windows(action, at):
            if start <= at and (end is None or at < end):
                return end
        return None

    def next_opening(self, action, at=None):
        at = at or now()
        starts = [start for start, _end in self.windows(action, at) if start > at]
        return min(starts, default=None)

    def last_closing(self, action, at=None):
        at = at or now()
        ends = [end for _start, end in self.windows(action, at) if end is not None and end <= at]
        return max(ends, default=None)

    def frame(self, at=None):
        """(first start, last end) of the consultation; the end is None while held or
        when the last phase has no end date. For listings, which filter in SQL."""
        spans = [span for span in self.spans(at) if span.starts_at is not None]
        if not spans:
            return None, None
        ends = [span.ends_at for span in spans]
        held = any(span.held for span in spans) or any(end is None for end in ends)
        return min(span.starts_at for span in spans), None if held else max(ends)

    def boundaries(self):
        """Every date on which what is allowed changes (for the scheduled re-index)."""
        moments = set()
        for span in self.spans():
            moments.update(moment for moment in (span.starts_at, span.ends_at) if moment)
        return moments


def _advance(spans, position, at):
    """Phase `position` starts at `at`; the ones before it end then (or are skipped)."""
    for span in spans[:position]:
        if span.starts_at is None or span.starts_at > at:
            span.starts_at = span.ends_at = at  # never ran
        elif span.ends_at is None or span.ends_at > at:
            span.ends_at = at
    if position < len(spans):
        target = spans[position]
        if target.starts_at is None or target.starts_at > at:
            target.starts_at = at
        if target.ends_at is not None and target.ends_at <= at:
            target.ends_at = None  # staff moved into it after its dates: it runs until ended


def _release(spans, position, at):
    """A held phase ends at `at` if its own end has passed; the next ones wait for it."""
    held = spans[position]
    if held.ends_at is not None and held.ends_at <= at:
        held.ends_at = at
    for later in spans[position + 1 :]:
        if later.starts_at is not None and later.starts_at < at:
            later.starts_at = at
            if later.ends_at is not None and later.ends_at < at:
                later.ends_at = at  # its whole time passed during the hold: skipped
