"""The blocks a draft regulation's text is built from, as Thai legal drafting has it: a
preamble (หลักการและเหตุผล), chapters (หมวด), sections (ข้อ or มาตรา), paragraphs (วรรค)
and numbered items (อนุ).

Text is plain: a law is read, quoted and compared word by word, never styled. Each
paragraph and item is a list item or stream child, so Wagtail gives it an id that stays
when the text around it is edited, reordered or translated: that id is the key people's
comments are anchored to (anchoring.py). Numbers are not typed: they follow the order.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ParagraphBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Paragraph"))
    items = blocks.ListBlock(
        blocks.TextBlock(label=_("Item")),
        label=_("Numbered items"),
        min_num=0,
        default=[],
        help_text=_("Items (1), (2), ... that follow the paragraph, if it lists any."),
    )

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=200, help_text=_("Optional.")
    )
    paragraphs = blocks.ListBlock(ParagraphBlock(), label=_("Paragraphs"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Section")


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    sections = blocks.StreamBlock([("section", SectionBlock())], label=_("Sections"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Chapter")


class PreambleBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for “Principles and reasons”."),
    )
    paragraphs = blocks.ListBlock(
        blocks.TextBlock(label=_("Paragraph")), label=_("Paragraphs"), min_num=1
    )

    class Meta:
        icon = "openquote"
        label = _("Preamble")


class DraftTextBlock(blocks.StreamBlock):
    preamble = PreambleBlock()
    chapter = ChapterBlock()
    section = SectionBlock()
