"""The page editor refuses phases that do not follow each other, and widgets whose own
dates fall outside the phases that allow what the widget asks people to do."""

from django.utils import timezone
from django.utils.translation import gettext as _

from consultation_blocks import walker
from consultation_blocks.widgets.blocks import WidgetBlock
from theme.dates import format_datetime

from ..forms import BokraoPageForm
from . import kinds
from .timeline import Timeline


def _aware(moment):
    if moment and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def phase_problems(rows):
    """What is wrong with phases given as [(kind, starts_at, ends_at)] in their order."""
    problems = []
    if not rows:
        return [_("Add at least one phase: when the consultation starts, and what people do.")]
    for number, (_kind, starts_at, ends_at) in enumerate(rows, start=1):
        if ends_at is None and number < len(rows):
            problems.append(
                _("Phase %(number)d needs an end: only the last phase may go on without one.")
                % {"number": number}
            )
        if ends_at is not None and ends_at <= starts_at:
            problems.append(_("Phase %(number)d ends before it starts.") % {"number": number})
        if number > 1:
            previous_end = rows[number - 2][2]
            if previous_end is not None and starts_at < previous_end:
                problems.append(
                    _("Phase %(number)d starts before phase %(previous)d ends.")
                    % {"number": number, "previous": number - 1}
                )
    return problems


def widget_problems(rows, body):
    """Widgets with dates of their own must lie within phases that allow their action."""
    timeline = Timeline(list(rows))
    problems = []
    # Blocks added in this edit may have no id yet: walk them all.
    for found in walker.walk(body):
        if not isinstance(found.block, WidgetBlock):
            continue
        value, action = found.value, found.block.action
        opens, closes = _aware(value.get("opens_at")), _aware(value.get("closes_at"))
        if opens is None and closes is None:
            continue  # it follows the phases
        windows = timeline.windows(action, at=opens or closes)
        fits = any(
            (opens is None or (start <= opens and (end is None or opens < end)))
            and (closes is None or (start < closes and (end is None or closes <= end)))
            and (opens is None or closes is None or opens < closes)
            for start, end in windows
        )
        if not fits:
            question = value.get("question") or found.block.label
            allowed = [
                str(kind.label)
                for key, _label in kinds.choices()
                if (kind := kinds.get(key)).allows(action)
            ]
            problems.append(
                _(
                    "The widget “%(question)s” has its own dates (%(opens)s to %(closes)s), "
                    "but they are not within one run of phases that allow people to "
                    "%(action)s (%(kinds)s). Change its dates, or leave them empty to follow "
                    "the phases."
                )
                % {
                    "question": question,
                    "opens": format_datetime(opens) if opens else "…",
                    "closes": format_datetime(closes) if closes else "…",
                    "action": kinds.Action(action).label,
                    "kinds": ", ".join(allowed),
                }
            )
    return problems


class ConsultationPageForm(BokraoPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("phases")
        if formset is None or not formset.is_valid():
            return cleaned
        rows = []
        for form in sorted(
            (f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")),
            key=lambda f: f.cleaned_data.get("ORDER") or 0,
        ):
            data = form.cleaned_data
            rows.append((data["kind"], data["starts_at"], data.get("ends_at")))
        for problem in phase_problems(rows):
            self.add_error(None, problem)
        # A page type with rules of its own for its phases (a draft's shortest hearing).
        own_rules = getattr(self.instance, "phase_rules_problems", None)
        if rows and own_rules is not None and not phase_problems(rows):
            for problem in own_rules(rows, getattr(self, "parent_page", None)):
                self.add_error(None, problem)
        if rows and "body" in cleaned and not phase_problems(rows):
            # A message above the form, which every editor sees (the body's own error
            # list is drawn by the stream editor's script).
            for problem in widget_problems(rows, cleaned["body"]):
                self.add_error(None, problem)
        return cleaned
