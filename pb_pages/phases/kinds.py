"""What a phase of a consultation allows: each kind of phase names the actions people
may take while it runs (adhocracy4's phase contents, Decidim's steps).

Rules ask the current phase (`Timeline.allows(action, at)`) instead of comparing
dates. An app that adds an action (a budget ballot, say) registers the kinds that
allow it here, from its AppConfig.ready(): `register(PhaseKind(...))`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Action(models.TextChoices):
    """What a participant does in a widget; a widget block names its action."""

    # "People may <label>": a verb, translated in its own context.
    COMMENT = "comment", pgettext_lazy("people may", "comment")
    VOTE = "vote", pgettext_lazy("people may", "vote")
    SUPPORT = "support", pgettext_lazy("people may", "support")
    SUBMIT = "submit", pgettext_lazy("people may", "submit proposals")
    BALLOT = "ballot", pgettext_lazy("people may", "cast a ballot")


@dataclass(frozen=True)
class PhaseKind:
    key: str
    label: str
    actions: frozenset
    description: str = ""

    def allows(self, action):
        return action in self.actions


_KINDS = {}


def register(kind):
    _KINDS[kind.key] = kind
    return kind


def get(key):
    """The kind registered as `key`; an unknown key (an app removed) allows nothing."""
    return _KINDS.get(key) or PhaseKind(key, key, frozenset())


def choices():
    """For the phase's `kind` field: every registered kind, in registration order."""
    return [(kind.key, kind.label) for kind in _KINDS.values()]


A = Action
LISTENING = register(
    PhaseKind(
        "listening",
        _("Listening"),
        frozenset({A.COMMENT, A.VOTE, A.SUPPORT}),
        _("People comment, vote and support."),
    )
)
register(
    PhaseKind("information", _("Information"), frozenset(), _("People read; nothing is asked yet."))
)
register(
    PhaseKind(
        "discussion", _("Discussion"), frozenset({A.COMMENT, A.SUPPORT}), _("People discuss.")
    )
)
register(
    PhaseKind(
        "proposals",
        _("Collecting proposals"),
        frozenset({A.SUBMIT, A.COMMENT, A.SUPPORT}),
        _("People propose, comment and support proposals."),
    )
)
register(
    PhaseKind(
        "support",
        _("Support"),
        frozenset({A.SUPPORT, A.COMMENT}),
        _("People support what they want."),
    )
)
register(
    PhaseKind(
        "review",
        _("Review by the municipality"),
        frozenset(),
        _("Staff check what was said and proposed."),
    )
)
register(
    PhaseKind(
        "hearing",
        _("Public hearing"),
        frozenset({A.COMMENT, A.VOTE}),
        _("People read the draft and comment on it, paragraph by paragraph."),
    )
)
register(PhaseKind("voting", _("Voting"), frozenset({A.VOTE}), _("People vote.")))
# A budget round's own steps (consultation_blocks/budgeting/phases.py gives their order).
register(
    PhaseKind(
        "submitting_projects",
        _("Submitting projects"),
        frozenset({A.SUBMIT, A.COMMENT}),
        _("People propose projects for the budget and comment on them."),
    )
)
register(
    PhaseKind(
        "reviewing_projects",
        _("Reviewing projects"),
        frozenset({A.COMMENT}),
        _("Staff check each project: is it feasible, and what does it cost?"),
    )
)
register(
    PhaseKind(
        "supporting_projects",
        _("Supporting projects"),
        frozenset({A.SUPPORT, A.COMMENT}),
        _("People support the projects they want on the ballot."),
    )
)
register(
    PhaseKind(
        "publishing_costs",
        _("Publishing costs"),
        frozenset({A.COMMENT}),
        _("The shortlist and each project's cost are published before the ballot."),
    )
)
register(PhaseKind("ballot", _("Ballot"), frozenset({A.BALLOT}), _("People cast their ballot.")))
register(
    PhaseKind(
        "counting",
        _("Counting"),
        frozenset(),
        _("The ballots are counted; the results follow."),
    )
)
register(
    PhaseKind(
        "results",
        _("Results and follow-up"),
        frozenset({A.COMMENT}),
        _("The results are published; people follow and comment on what is done."),
    )
)
register(
    PhaseKind(
        "implementation",
        _("Implementation"),
        frozenset({A.COMMENT}),
        _("The winning projects are built; people follow and comment on their progress."),
    )
)
