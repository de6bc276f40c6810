"""Content blocks editors compose consultations from.

Participation widgets (comments, votes, polls, supports) join this stream in
their own module; these are the blocks that carry the text people respond to.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .proposals.blocks import FeaturedProposalsBlock
from .widgets.blocks import AgreeDisagreeBlock, CommentBlock, PollBlock, SupportBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "bokrao_blocks/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "bokrao_blocks/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Highlighted box")
        template = "bokrao_blocks/blocks/callout.html"


def _paragraph():
    return blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        template="bokrao_blocks/blocks/paragraph.html",
    )


class SectionContentBlock(blocks.StreamBlock):
    """What a section holds: the same text and widgets as the body, one level down."""

    paragraph = _paragraph()
    image = ImageBlock()
    callout = CalloutBlock()
    comments = CommentBlock()
    agree_disagree = AgreeDisagreeBlock()
    poll = PollBlock()
    support = SupportBlock()
    featured_proposals = FeaturedProposalsBlock()


class SectionBlock(blocks.StructBlock):
    """A titled part of a consultation (a chapter of a draft, a theme of a debate) with
    its own text and widgets. Widgets inside keep their ids and are found at any depth
    (walker.py)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    content = SectionContentBlock(label=_("Content"))

    class Meta:
        icon = "doc-full"
        label = _("Section")
        template = "bokrao_blocks/blocks/section.html"


class ConsultationBodyBlock(blocks.StreamBlock):
    """What a consultation is made of: text to read, and widgets to take part in."""

    heading = HeadingBlock()
    paragraph = _paragraph()
    image = ImageBlock()
    callout = CalloutBlock()
    section = SectionBlock()
    comments = CommentBlock()
    agree_disagree = AgreeDisagreeBlock()
    poll = PollBlock()
    support = SupportBlock()
    featured_proposals = FeaturedProposalsBlock()


class HomeBodyBlock(blocks.StreamBlock):
    """What editors add to a municipality's home page, under its open consultations."""

    heading = HeadingBlock()
    paragraph = _paragraph()
    callout = CalloutBlock()
    featured_proposals = FeaturedProposalsBlock()
