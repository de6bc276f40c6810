"""What changed between two versions of a draft, paragraph by paragraph (issue 13).

Plain functions over two versions' entries (drafts/anchoring.py `flatten`, stored in
DraftText.entries). Only the paragraphs people comment on are compared (types
"paragraph" and "item"): headings and numbers follow from them.

- Paragraphs are matched by key (their block id), never by position: a paragraph that
  got a new number because one was inserted above it is the same paragraph, unchanged.
- A paragraph *moved* when its place among the paragraphs both versions have changed.
  The paragraphs that stayed in place are a longest common subsequence of the shared
  keys in old and new order; every other shared paragraph moved. So moving one
  paragraph marks that one, not everything between its old and new place.
- A moved paragraph may also have new text: its kind is "moved" and `changed` says
  whether its text changed too (kind says where it is, `changed` what happened to its
  words), so a reader sees both and the counts add up to the number of paragraphs.
- Changed words are found on words, not letters: Thai runs are segmented with the
  search's newmm dictionary (search/thai.py), so "หนึ่งพันบาท" -> "สองพันบาท" marks
  หนึ่ง and สอง, not the sentence, and not a stray vowel.
"""

import difflib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe
from pythainlp.tokenize import word_tokenize

from search.thai import dictionary

from .anchoring import commentable

KINDS = ("unchanged", "changed", "moved", "added", "removed")

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class Change:
    """One paragraph in the comparison.

    kind: "unchanged" | "changed" | "moved" | "added" | "removed".
    old / new: the paragraph's entry in each version (None where it does not exist).
    changed: its text differs (true for "changed"; for "moved", whether it also changed).
    words: its text as (op, text) pairs: the marked words for a changed paragraph, one
    "same" pair for an unchanged one, one "added" / "removed" pair for an added or removed
    one, so a template renders every kind with render_words().
    """

    kind: str
    key: str
    old: dict | None
    new: dict | None
    changed: bool = False
    words: list = field(default_factory=list)

    @property
    def renumbered(self):
        """The paragraph kept its key but its label differs (e.g. ข้อ ๓ became ข้อ ๔)."""
        return bool(self.old and self.new) and self.old.get("label") != self.new.get("label")


def compare(old_entries, new_entries):
    """The changes from the old version to the new one, in the new version's reading
    order; a removed paragraph stands right after the paragraph it followed in the old
    version (the nearest one that stayed in place), or first if there is none.

    When two orders keep as many paragraphs in place (two paragraphs swapped), either
    may be the one marked moved: both readings are true."""
    old = commentable(old_entries)
    new = commentable(new_entries)
    old_by_key = {entry["key"]: entry for entry in old}
    new_keys = {entry["key"] for entry in new}
    shared_in_old_order = [entry["key"] for entry in old if entry["key"] in new_keys]
    in_place = _stayed_in_place(
        shared_in_old_order, [e["key"] for e in new if e["key"] in old_by_key]
    )

    # Removed paragraphs, grouped under the in-place paragraph they followed ("" = start).
    removed_after = {}
    anchor = ""
    for entry in old:
        if entry["key"] in in_place:
            anchor = entry["key"]
        elif entry["key"] not in new_keys:
            removed_after.setdefault(anchor, []).append(_removed(entry))

    changes = list(removed_after.get("", []))
    for entry in new:
        key = entry["key"]
        before = old_by_key.get(key)
        if before is None:
            changes.append(Change(ADDED, key, None, entry, words=_whole(ADDED, entry)))
            continue
        changed = before.get("text", "") != entry.get("text", "")
        words = diff_words(before.get("text", ""), entry.get("text", ""))
        if key not in in_place:
            kind = "moved"
        else:
            kind = "changed" if changed else "unchanged"
        changes.append(Change(kind, key, before, entry, changed=changed, words=words))
        changes.extend(removed_after.get(key, []))
    return changes


def summary(changes):
    """How many paragraphs of each kind, every kind present (0 when none)."""
    counts = dict.fromkeys(KINDS, 0)
    for change in changes:
        counts[change.kind] += 1
    return counts


def _removed(entry):
    return Change(REMOVED, entry["key"], entry, None, words=_whole(REMOVED, entry))


def _whole(op, entry):
    text = entry.get("text", "")
    return [(op, text)] if text else []


def _stayed_in_place(old_order, new_order):
    """The keys of a longest common subsequence of two orders of the same keys.

    Keys are unique, so this is the longest increasing run of old positions taken in
    new order (patience sorting, n log n: a 300-paragraph draft stays instant).
    """
    position = {key: index for index, key in enumerate(old_order)}
    sequence = [position[key] for key in new_order]
    tails, tail_at, previous = [], [], [None] * len(sequence)
    for index, value in enumerate(sequence):
        place = bisect_left(tails, value)
        if place == len(tails):
            tails.append(value)
            tail_at.append(index)
        else:
            tails[place] = value
            tail_at[place] = index
        previous[index] = tail_at[place - 1] if place else None
    kept = set()
    index = tail_at[-1] if tail_at else None
    while index is not None:
        kept.add(new_order[index])
        index = previous[index]
    return kept


# A token: a run of Thai letters (segmented into words), a number (Thai or Arabic
# digits, with its separators), a run of other letters, a run of spaces, or any single
# other character (punctuation). Tokens put back together give the text exactly.
_TOKEN = re.compile(r"(?P<thai>[\u0e01-\u0e4e]+)|\d+(?:[.,]\d+)*|[^\W\d_]+|\s+|.", re.DOTALL)


def words_of(text):
    """The text cut into words, spaces and punctuation, losing nothing."""
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.group("thai"):
            tokens.extend(_segment(match.group()))
        else:
            tokens.append(match.group())
    return tokens


@lru_cache(maxsize=10_000)
def _segment(run):
    # The search's own engine and dictionary (search/thai.py): one Thai segmentation in
    # the project. keep_whitespace is moot inside a run of Thai letters.
    return tuple(word_tokenize(run, custom_dict=dictionary(), engine="newmm"))


def diff_words(old_text, new_text):
    """The words of new_text against old_text as (op, text) pairs, op "same", "added"
    or "removed"; where words were replaced the removed come before the added; adjacent
    pairs of one op are merged."""
    if old_text == new_text:  # most paragraphs of a new version: no segmentation needed
        return [(SAME, new_text)] if new_text else []
    old, new = words_of(old_text or ""), words_of(new_text or "")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pairs = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            pairs.append((SAME, "".join(new[new_start:new_end])))
            continue
        if old_end > old_start:
            pairs.append((REMOVED, "".join(old[old_start:old_end])))
        if new_end > new_start:
            pairs.append((ADDED, "".join(new[new_start:new_end])))
    return _merged(pairs)


def _merged(pairs):
    merged = []
    for op, text in pairs:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def render_words(words):
    """The pairs as HTML for a template: added words in <ins>, removed in <del>,
    every text escaped."""
    tags = {ADDED: "ins", REMOVED: "del"}
    out = []
    for op, text in words:
        tag = tags.get(op)
        out.append(f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text))
    return mark_safe("".join(out))  # every text above is escaped
