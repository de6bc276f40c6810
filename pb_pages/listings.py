"""Which consultations a visitor sees where, in the visitor's language."""

from consultation_blocks.timing import WindowState, now, open_window_q, window_state

from .processes import PROCESS_DESCRIPTIONS, ProcessType

# What a visitor of a section can still act on comes first.
SECTION_ORDER = [WindowState.OPEN, WindowState.UPCOMING, WindowState.CLOSED]


def open_consultations_by_process(home, at=None):
    """For each process type in the seeds' order: its section and open consultations."""
    from .models import ConsultationPage, ProcessIndexPage

    at = at or now()
    sections = {
        section.process_type: section
        for section in ProcessIndexPage.objects.child_of(home).live().public()
    }
    consultations = (
        ConsultationPage.objects.descendant_of(home)
        .live()
        .public()
        .filter(open_window_q(at))
        .order_by("closes_at")
    )
    by_process = {process: [] for process in ProcessType}
    for consultation in consultations:
        by_process[consultation.process_type].append(consultation)
    return [
        {
            "type": process,
            "label": process.label,
            "description": PROCESS_DESCRIPTIONS[process],
            "section": sections.get(process),
            "consultations": by_process[process],
        }
        for process in ProcessType
    ]


def consultations_by_state(section, at=None):
    """A section's consultations: open ones closing soonest first, then upcoming, then closed."""
    from .models import ConsultationPage

    at = at or now()
    groups = {state: [] for state in SECTION_ORDER}
    for consultation in ConsultationPage.objects.child_of(section).live().public():
        groups[window_state(consultation.opens_at, consultation.closes_at, at)].append(consultation)
    groups[WindowState.OPEN].sort(key=lambda page: page.closes_at)
    groups[WindowState.UPCOMING].sort(key=lambda page: page.opens_at)
    groups[WindowState.CLOSED].sort(key=lambda page: page.closes_at, reverse=True)
    return [
        {"state": state, "label": state.label, "pages": groups[state]} for state in SECTION_ORDER
    ]
