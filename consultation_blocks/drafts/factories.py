"""Draft texts for tests and demos, as raw stream data (drafts-contract shapes)."""

import uuid


def _id():
    return str(uuid.uuid4())


def paragraph(text, items=(), key=None):
    return {
        "type": "item",
        "id": key or _id(),
        "value": {
            "text": text,
            "items": [{"type": "item", "id": _id(), "value": item} for item in items],
        },
    }


def section(*paragraphs, title="", key=None):
    """A section of `paragraphs` (strings, or paragraph() dicts)."""
    return {
        "type": "section",
        "id": key or _id(),
        "value": {
            "title": title,
            "paragraphs": [p if isinstance(p, dict) else paragraph(p) for p in paragraphs],
        },
    }


def chapter(title, *sections, key=None):
    return {
        "type": "chapter",
        "id": key or _id(),
        "value": {"title": title, "sections": list(sections)},
    }


def preamble(*paragraphs, title="", key=None):
    return {
        "type": "preamble",
        "id": key or _id(),
        "value": {
            "title": title,
            "paragraphs": [{"type": "item", "id": _id(), "value": text} for text in paragraphs],
        },
    }


def long_text(sections, paragraphs_per_section=3, chapters=1):
    """A draft of `sections` sections in `chapters` chapters, each of a few paragraphs."""
    per_chapter = max(1, sections // chapters)
    made, number = [], 0
    for c in range(chapters):
        body = []
        for _s in range(per_chapter):
            number += 1
            body.append(
                section(
                    *[
                        f"ข้อความวรรคที่ {p + 1} ของข้อ {number} ว่าด้วยการจัดเก็บมูลฝอยในชุมชน"
                        for p in range(paragraphs_per_section)
                    ]
                )
            )
        made.append(chapter(f"หมวดที่ {c + 1}", *body))
    return made
