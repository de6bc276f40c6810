"""Participation widgets: StreamField blocks that gather votes and supports.

A widget is identified by its block id (kept when the page is edited and shared
by the page's translations); its settings say when it is open, who may take part
and when results are shown. The rules live in rules.py, the actions in services.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .participants import ResultsVisibility, VerificationLevel, VoterGroup


class WidgetBlock(blocks.StructBlock):
    opens_at = blocks.DateTimeBlock(
        label=_("Opens at"),
        required=False,
        help_text=_("Leave empty to open with the page's listening period."),
    )
    closes_at = blocks.DateTimeBlock(
        label=_("Closes at"),
        required=False,
        help_text=_("Leave empty to close with the page's listening period."),
    )
    minimum_verification = blocks.ChoiceBlock(
        label=_("Who may take part"),
        choices=[(str(level.value), level.label) for level in VerificationLevel],
        default=str(VerificationLevel.EMAIL.value),
    )
    voter_groups = blocks.MultipleChoiceBlock(
        label=_("Voter groups allowed"),
        choices=VoterGroup.choices,
        required=False,
        help_text=_("Leave empty to allow every group."),
    )
    results = blocks.ChoiceBlock(
        label=_("Show results"),
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.LIVE,
    )

    def choices(self, value):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        from .services import widget_context

        context = super().get_context(value, parent_context)
        context.update(widget_context(self, value, parent_context or {}))
        return context


class AgreeDisagreeBlock(WidgetBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    allow_neutral = blocks.BooleanBlock(label=_("Offer “neutral”"), required=False)

    class Meta:
        icon = "tick"
        label = _("Agree or disagree")
        template = "bokrao_blocks/widgets/vote.html"

    def choices(self, value):
        choices = [("agree", _("Agree")), ("disagree", _("Disagree"))]
        if value.get("allow_neutral"):
            choices.append(("neutral", _("Neutral")))
        return choices


class SupportBlock(WidgetBlock):
    question = blocks.CharBlock(label=_("What people support"), max_length=300)
    goal = blocks.IntegerBlock(label=_("Target number of supports"), required=False, min_value=1)

    class Meta:
        icon = "pick"
        label = _("Support button")
        template = "bokrao_blocks/widgets/vote.html"

    def choices(self, value):
        return [("support", _("Support"))]
