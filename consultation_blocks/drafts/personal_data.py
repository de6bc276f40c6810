"""In a person's download, a comment or an agree / disagree on a draft's paragraph is
described by the paragraph it is about ("ข้อ ๕ วรรคสอง"), as a proposal's are by its
title: registered with privacy/registry.py (register_item_title)."""

from wagtail.models import Locale

from .models import DraftText
from .widgets import key_of, known_keys


def _labels(page):
    """{key: label} of every paragraph the draft has had, its latest label winning (one
    query for the page, kept on it for the download)."""
    cache = page.__dict__
    if "_bokrao_draft_labels" not in cache:
        labels = {}
        texts = DraftText.objects.filter(
            version__consultation=page.translation_key, locale=Locale.get_default()
        ).order_by("version__number")
        for text in texts:
            labels.update({entry["key"]: entry["label"] for entry in text.entries})
        cache["_bokrao_draft_labels"] = labels
    return cache["_bokrao_draft_labels"]


def paragraph_title(page, widget_id):
    key = key_of(widget_id)
    if key is None or not hasattr(page, "section_word") or key not in known_keys(page):
        return None
    label = _labels(page).get(key)
    return f"{page.title}: {label}" if label else None
