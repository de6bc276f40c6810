"""What a reader of a draft sees, built in a fixed number of queries whatever the
length of the draft and the number of comments: the versions (one query), the text of
the one read (one), and the comments per paragraph counted in the database (one).

A comment counts for the text a reader reads when it answered that same text: the
version it was made on and the version read give the paragraph the same birth
(`since`), so a comment on version 1 of a paragraph unchanged in version 2 counts on
version 2, and one on a paragraph reworded since counts as "on an earlier text".
"""

import math
from dataclasses import dataclass, field

from django.db.models import Count

from ..comments.choices import CommentState
from ..comments.models import Comment
from . import anchoring
from .models import DraftVersion
from .widgets import COMMENTS_PREFIX

HEAT_LEVELS = 4


def versions_with_since(page):
    """Every version of the draft, oldest first, with its `since` (one query)."""
    return list(DraftVersion.objects.filter(consultation=page.translation_key).order_by("number"))


def comment_counts(page):
    """{(paragraph key, version): published comments and replies} (one query)."""
    rows = (
        Comment.objects.filter(
            consultation=page.translation_key,
            widget__startswith=COMMENTS_PREFIX,
            state=CommentState.PUBLISHED,
        )
        .values_list("anchor", "anchor_version")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(key, version): n for key, version, n in rows}


def same_text(versions_by_number, key, read, made_on):
    """Did a comment made on version `made_on` answer the text of `key` in version `read`?"""
    if made_on is None or read is None:
        return False
    birth = read.since.get(key)
    earlier = versions_by_number.get(made_on)
    return birth is not None and earlier is not None and earlier.since.get(key) == birth


@dataclass
class Counted:
    here: dict = field(default_factory=dict)  # key: comments on the text read
    elsewhere: dict = field(default_factory=dict)  # key: comments on another text of it

    def total_here(self):
        return sum(self.here.values())


def count_for(versions, read, counts):
    by_number = {found.number: found for found in versions}
    counted = Counted()
    for (key, made_on), n in counts.items():
        bucket = counted.here if same_text(by_number, key, read, made_on) else counted.elsewhere
        bucket[key] = bucket.get(key, 0) + n
    return counted


def heat(n, most):
    """0 (no comments) to HEAT_LEVELS (the most discussed part), for the contents."""
    if not n or not most:
        return 0
    return max(1, math.ceil(HEAT_LEVELS * n / most))


def contents(entries, here):
    """The table of contents: the preamble, chapters and sections, each with the number
    of comments on its paragraphs and its heat among the sections."""
    parts, by_key = [], {}
    for found in entries:
        if found["type"] in ("preamble", "chapter", "section"):
            part = {**found, "comments": 0, "sections": []}
            by_key[found["key"]] = part
            if found["type"] == "section" and found.get("chapter") in by_key:
                by_key[found["chapter"]]["sections"].append(part)
            else:
                parts.append(part)
    for found in anchoring.commentable(entries):
        n = here.get(found["key"], 0)
        for holder in (found.get("section"), found.get("chapter")):
            if holder in by_key:
                by_key[holder]["comments"] += n
    leaves = [part for part in by_key.values() if part["type"] != "chapter"]
    most = max((part["comments"] for part in leaves), default=0)
    chapters_most = max(
        (part["comments"] for part in by_key.values() if part["type"] == "chapter"), default=0
    )
    for part in by_key.values():
        part["heat"] = heat(part["comments"], chapters_most if part["type"] == "chapter" else most)
    return parts
