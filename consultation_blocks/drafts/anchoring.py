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

from .numbering import Numbering

COMMENTABLE = ("paragraph", "item")


def flatten(text, section_word, numerals):
    """The entries of a draft's text (a DraftTextBlock stream value), in reading order,
    labelled in the active language."""
    numbering = Numbering(section_word, numerals)
    entries = []
    counter = {"chapter": 0, "section": 0}
    for child in text or []:
        if child.block_type == "preamble":
            _preamble(child, numbering, entries)
        elif child.block_type == "chapter":
            counter["chapter"] += 1
            entries.append(
                {
                    "type": "chapter",
                    "key": child.id,
                    "label": numbering.chapter(counter["chapter"]),
                    "title": child.value["title"],
                }
            )
            for section in child.value["sections"]:
                counter["section"] += 1
                _section(
                    section.id, section.value, counter["section"], child.id, numbering, entries
                )
        elif child.block_type == "section":
            counter["section"] += 1
            _section(child.id, child.value, counter["section"], "", numbering, entries)
    return entries


def _preamble(child, numbering, entries):
    title = child.value["title"] or gettext("Principles and reasons")
    entries.append({"type": "preamble", "key": child.id, "label": title, "title": title})
    paragraphs = child.value["paragraphs"].bound_blocks
    for position, paragraph in enumerate(paragraphs, start=1):
        short = numbering.preamble_paragraph(position)
        entries.append(
            {
                "type": "paragraph",
                "key": paragraph.id,
                "label": f"{title} {short}",
                "short": short if len(paragraphs) > 1 else "",
                "text": _plain(paragraph.value),
                "section": child.id,
                "chapter": "",
            }
        )


def _section(key, value, number, chapter, numbering, entries):
    label = numbering.section(number)
    entries.append(
        {
            "type": "section",
            "key": key,
            "label": label,
            "title": value.get("title") or "",
            "chapter": chapter,
        }
    )
    paragraphs = value["paragraphs"].bound_blocks
    for position, paragraph in enumerate(paragraphs, start=1):
        # A section of one paragraph is cited by its number alone (ข้อ ๕), as in Thai law.
        short = numbering.paragraph(position) if len(paragraphs) > 1 else ""
        cited = f"{label} {short}".strip()
        entries.append(
            {
                "type": "paragraph",
                "key": paragraph.id,
                "label": cited,
                "short": short,
                "text": _plain(paragraph.value["text"]),
                "section": key,
                "chapter": chapter,
            }
        )
        for place, item in enumerate(paragraph.value["items"].bound_blocks, start=1):
            entries.append(
                {
                    "type": "item",
                    "key": item.id,
                    "label": f"{cited} {numbering.item(place)}",
                    "short": numbering.item(place),
                    "text": _plain(item.value),
                    "section": key,
                    "chapter": chapter,
                    "paragraph": paragraph.id,
                }
            )


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
