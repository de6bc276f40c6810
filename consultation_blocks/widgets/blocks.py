"""Participation widgets: StreamField blocks that gather comments, votes and supports.

A widget is identified by its block id (kept when the page is edited and shared
by the page's translations); its settings say when it is open, who may take part
and when results are shown. The rules live in rules.py, the actions in votes.py and comments/.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .. import walker
from ..participants.choices import VerificationLevel, VoterGroup
from .choices import ResultsVisibility


class WidgetBlock(blocks.StructBlock):
    # What taking part here is, for the phases: a phase says which actions it allows.
    action = "vote"
    withdraw_label = _("Take back my answer")

    opens_at = blocks.DateTimeBlock(
        label=_("Opens at"),
        required=False,
        help_text=_(
            "Leave empty to follow the consultation's phases. A date must fall within "
            "phases that allow what this widget asks people to do."
        ),
    )
    closes_at = blocks.DateTimeBlock(
        label=_("Closes at"),
        required=False,
        help_text=_("Leave empty to follow the consultation's phases."),
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

    def names_part(self, page, widget_id, anchor):
        """Does `anchor` name a part of `page` this widget's answers may be about (a
        paragraph, an item of its body)? A widget of one item (drafts/) says otherwise."""
        return walker.has_block(page, anchor)

    def anchor_version(self, page, widget_id, anchor):
        """The version of the text `anchor` is read in, for a text that has versions."""
        return None

    def clean_choices(self, value, chosen, other_text=""):
        """The list to store for `chosen` (keys the visitor sent), or ValueError saying why."""
        offered = dict(self.choices(value))
        if len(chosen) != 1 or chosen[0] not in offered:
            raise ValueError(gettext("This choice is not offered here."))
        return list(chosen), ""

    def get_context(self, value, parent_context=None):
        from .context import widget_context

        context = super().get_context(value, parent_context)
        context.update(widget_context(self, value, parent_context or {}))
        return context


class AgreeDisagreeBlock(WidgetBlock):
    withdraw_label = _("Take back my vote")
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
    action = "support"
    withdraw_label = _("Withdraw my support")
    question = blocks.CharBlock(label=_("What people support"), max_length=300)
    goal = blocks.IntegerBlock(label=_("Target number of supports"), required=False, min_value=1)

    class Meta:
        icon = "pick"
        label = _("Support button")
        template = "bokrao_blocks/widgets/vote.html"

    def choices(self, value):
        return [("support", _("Support"))]


OTHER = "other"


class PollBlock(WidgetBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200), label=_("Options"), min_num=2
    )
    multiple = blocks.BooleanBlock(label=_("Allow several answers"), required=False)
    max_choices = blocks.IntegerBlock(
        label=_("At most this many answers"),
        required=False,
        min_value=2,
        help_text=_("For several answers; leave empty for no limit."),
    )
    allow_other = blocks.BooleanBlock(label=_("Offer “other” with a text box"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        template = "bokrao_blocks/widgets/poll.html"

    def choices(self, value):
        # An option's key is its list item id, which stays when the page is edited or
        # translated, so votes keep their meaning when the wording changes.
        choices = [(item.id, item.value) for item in value["options"].bound_blocks]
        if value.get("allow_other"):
            choices.append((OTHER, _("Other")))
        return choices

    def clean_choices(self, value, chosen, other_text=""):
        offered = dict(self.choices(value))
        chosen = list(dict.fromkeys(chosen))  # a key sent twice counts once
        if not chosen:
            raise ValueError(gettext("Choose an answer."))
        if any(key not in offered for key in chosen):
            raise ValueError(gettext("This choice is not offered here."))
        if not value.get("multiple") and len(chosen) > 1:
            raise ValueError(gettext("Choose one answer."))
        limit = value.get("max_choices")
        if value.get("multiple") and limit and len(chosen) > limit:
            raise ValueError(gettext("Choose at most %(count)d answers.") % {"count": limit})
        other_text = " ".join(other_text.split())
        if OTHER in chosen:
            if not other_text:
                raise ValueError(gettext("Write your other answer in the text box."))
            if len(other_text) > 200:
                raise ValueError(gettext("Keep your other answer under 200 characters."))
        else:
            other_text = ""
        return chosen, other_text


class CommentBlock(WidgetBlock):
    action = "comment"
    question = blocks.CharBlock(label=_("What people are asked to comment on"), max_length=300)
    premoderate_first_post = blocks.BooleanBlock(
        label=_("Review a new participant's first comment before it is shown"),
        required=False,
    )

    class Meta:
        icon = "comment"
        label = _("Comments")
        template = "bokrao_blocks/widgets/comments.html"

    def choices(self, value):
        return []

    def clean_quote(self, page, widget_id, anchor, quote):
        """The words a comment quotes from the part it is about; ValueError if they are
        not there. Only a draft's paragraphs take quotes (drafts/widgets.py)."""
        return ""

    def get_context(self, value, parent_context=None):
        from ..comments.context import comments_context

        context = blocks.StructBlock.get_context(self, value, parent_context)
        context.update(comments_context(self, value, parent_context or {}))
        return context


class NotAWidget(Exception):
    pass


# Widgets a page has for its items rather than in its body (a proposal's comments on its
# call): each app that adds such items registers a finder, (page, widget id) -> (block,
# value) or None, from its AppConfig.ready().
_ITEM_WIDGET_FINDERS = []


def register_item_widgets(finder):
    _ITEM_WIDGET_FINDERS.append(finder)
    return finder


def find_widget(page, widget_id):
    """The (block, value) of the participation widget `widget_id` on `page`, at any depth
    of its body, or of one of its items."""
    found = walker.find(page, widget_id, of_type=WidgetBlock)
    if found is not None:
        return found.block, found.value
    for finder in _ITEM_WIDGET_FINDERS:
        provided = finder(page, widget_id)
        if provided is not None:
            return provided
    raise NotAWidget(widget_id)


def page_widgets(page):
    """Every participation widget of `page` (walker.Found), at any depth, in page order."""
    return walker.blocks_of_type(page, WidgetBlock)
