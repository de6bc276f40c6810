"""Where a comment on a draft belongs, as plain rules.

A draft's text becomes a flat list of entries (`flatten`): chapters, sections and the
paragraphs and items people comment on, each keyed by its block id. A block id stays
when other paragraphs are edited, inserted above, deleted or reordered, and when the
page is translated (wagtail-localize keeps ids), so it names "this paragraph" across
versions and languages; its label (ข้อ ๕ วรรคสอง) is only how it reads today.

A comment remembers the key, the version it was read in and the words it quoted. Each
version says, for every paragraph, from which version on its text is unchanged
(`since`): a comment made in that version or later is about the text readers see; an
older one answered a text that has since changed, and shows as "on version N".
"""

from django.utils.translation import gettext

from .. import walker
from .blocks import ChapterBlock, ParagraphBlock, PreambleBlock, SectionBlock
from .numbering import Numbering

COMMENTABLE = ("paragraph", "item")


def flatten(text, section_word, numerals):
    """The entries of a draft's text (a DraftTextBlock stream value), in reading order,
    labelled in the active language. The walker meets the blocks however deep editors
    nested them; each kind of block opens its part of the outline."""
    numbering = Numbering(section_word, numerals)
    entries = []
    outline = _Outline()
    for found in walker.walk(text):
        if found.id is None:
            continue  # a struct's field: its values are read with the block that holds it
        block, value, key = found.block, found.value, found.id
        if isinstance(block, PreambleBlock):
            outline.preamble(key, value["title"] or gettext("Principles and reasons"), value)
            entries.append(
                {"type": "preamble", "key": key, "label": outline.label, "title": outline.label}
            )
        elif isinstance(block, ChapterBlock):
            outline.chapter(key)
            entries.append(
                {
                    "type": "chapter",
                    "key": key,
                    "label": numbering.chapter(outline.chapters),
                    "title": value["title"],
                }
            )
        elif isinstance(block, SectionBlock):
            chapter = outline.chapter_key if found.path[0] == outline.chapter_key else ""
            outline.section(key, numbering.section(outline.sections + 1), chapter, value)
            entries.append(
                {
                    "type": "section",
                    "key": key,
                    "label": outline.label,
                    "title": value.get("title") or "",
                    "chapter": chapter,
                }
            )
        elif isinstance(block, ParagraphBlock):
            entries.append(outline.paragraph(key, value["text"], numbering))
        elif found.path[-2] == "items":
            entries.append(outline.item(key, value, numbering))
        elif found.path[-2] == "paragraphs" and outline.in_preamble:
            entries.append(outline.preamble_paragraph(key, value, numbering))
    return entries


class _Outline:
    """Where the walk stands in the draft: the chapter, the section (or preamble) and
    the paragraph it is in, and how many of each it has met."""

    def __init__(self):
        self.chapters = self.sections = 0
        self.chapter_key = ""
        self.in_preamble = False
        self.section_key = self.section_chapter = self.label = ""
        self.paragraph_key = self.cited = ""
        self.paragraphs = self.paragraphs_total = self.items = 0

    def _open(self, key, label, value):
        self.section_key, self.label = key, label
        self.paragraphs, self.paragraphs_total = 0, len(value["paragraphs"])

    def preamble(self, key, title, value):
        self.in_preamble, self.chapter_key = True, ""
        self._open(key, title, value)

    def chapter(self, key):
        self.in_preamble = False
        self.chapters += 1
        self.chapter_key = key

    def section(self, key, label, chapter, value):
        self.in_preamble = False
        self.sections += 1
        self.section_chapter = chapter
        self._open(key, label, value)

    def paragraph(self, key, text, numbering):
        self.paragraphs += 1
        # A section of one paragraph is cited by its number alone (ข้อ ๕), as in Thai law.
        short = numbering.paragraph(self.paragraphs) if self.paragraphs_total > 1 else ""
        self.paragraph_key, self.items = key, 0
        self.cited = f"{self.label} {short}".strip()
        return {
            "type": "paragraph",
            "key": key,
            "label": self.cited,
            "short": short,
            "text": _plain(text),
            "section": self.section_key,
            "chapter": self.section_chapter,
        }

    def item(self, key, text, numbering):
        self.items += 1
        short = numbering.item(self.items)
        return {
            "type": "item",
            "key": key,
            "label": f"{self.cited} {short}",
            "short": short,
            "text": _plain(text),
            "section": self.section_key,
            "chapter": self.section_chapter,
            "paragraph": self.paragraph_key,
        }

    def preamble_paragraph(self, key, text, numbering):
        self.paragraphs += 1
        short = numbering.preamble_paragraph(self.paragraphs)
        return {
            "type": "paragraph",
            "key": key,
            "label": f"{self.label} {short}",
            "short": short if self.paragraphs_total > 1 else "",
            "text": _plain(text),
            "section": self.section_key,
            "chapter": "",
        }


def _plain(text):
    """A paragraph's words with its spacing tidied: an extra space or line break is not a
    change (Thai separates clauses with one space; editors paste more)."""
    return " ".join(str(text or "").split())


def commentable(entries):
    return [entry for entry in entries if entry["type"] in COMMENTABLE]


def entry(entries, key):
    """The entry `key` of a version, or None (not in that version)."""
    for found in entries:
        if found["key"] == key:
            return found
    return None


def carry_since(previous_entries, previous_since, entries, number):
    """The `since` of version `number` with `entries`, after the version before it.

    A paragraph whose text is the same as in the previous version keeps its date of
    birth, wherever it moved and whatever its number now; a new or reworded one starts
    at `number`. Only the text counts: a label changes when a paragraph is inserted above.
    """
    before = {found["key"]: found["text"] for found in commentable(previous_entries or [])}
    since = {}
    for found in commentable(entries):
        key = found["key"]
        unchanged = key in before and before[key] == found["text"] and key in previous_since
        since[key] = previous_since[key] if unchanged else number
    return since


def is_current(since, key, version):
    """Is what someone said on `key` in `version` about the text of the version `since`
    belongs to? False for a paragraph changed or removed since."""
    return version is not None and key in since and version >= since[key]


def quote_in(text, quote):
    """`quote` as it stands in the paragraph `text` (spacing tidied), or None if the
    paragraph does not hold those words."""
    quote = _plain(quote)
    if not quote:
        return ""
    return quote if quote in _plain(text) else None
