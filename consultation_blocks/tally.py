"""Counting, in SQL, once: the widget, the report, the index check and the analytics
all call these.

Votes are grouped in the database by widget, anchor, choices, voter group and area, so
the rows that come back grow with the number of different answers, not of voters; a
multiple-choice poll's list of choices is spread over its keys here.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Max, Q

from theme.compiled import EXAMPLE_TEXT, EXAMPLE_UUID, CompiledQuery

from .comments.models import Comment
from .widgets.models import Vote


def _empty():
    return {"total": 0, "choices": {}, "by_group": {}, "by_area": {}, "by_home_area": {}}


def _add(counted, keys, group, area, n, home_area=None):
    counted["total"] += n
    for key in keys:
        counted["choices"][key] = counted["choices"].get(key, 0) + n
        splits = [("by_group", group), ("by_area", area)]
        if home_area is not None:  # the municipality's area they lived in (inside only)
            splits.append(("by_home_area", home_area))
        for split, value in splits:
            bucket = counted[split].setdefault(value, {})
            bucket[key] = bucket.get(key, 0) + n


def vote_tallies(consultation, widgets=None, anchor="", extra=None, visitor=None):
    """{widget id: counts} of a consultation's votes about `anchor` (None: every anchor).

    counts = {"total": people, "choices": {key: n}, "by_group": {group: {key: n}},
    "by_area": {area: {key: n}}, "by_home_area": {Area id: {key: n}}}. `total` counts
    votes (people), so a multiple-choice poll's choices can add up to more. `extra` is a
    Q that narrows the votes.

    With a `visitor` (a participant), the counts of a widget they voted on also hold
    "mine": {"choices": [...], "other_text": "..."}, their own vote about `anchor`, read
    from the same rows, so that a page's widgets cost one query with the visitor's votes.
    """
    votes = Vote.objects.filter(consultation=consultation)
    if widgets is not None:
        votes = votes.filter(widget__in=list(widgets))
    if anchor is not None:
        votes = votes.filter(anchor=anchor)
    if extra is not None:
        votes = votes.filter(extra)
    counts = {"n": Count("pk")}
    if visitor is not None:
        theirs = Q(participant=visitor)
        counts.update(mine=Count("pk", filter=theirs), other_text=Max("other_text", filter=theirs))
    rows = (
        votes.values("widget", "choices", "voter_group", "area", "home_area")
        .annotate(**counts)
        .order_by()
    )
    tallies = defaultdict(_empty)
    for row in rows:
        counted = tallies[row["widget"]]
        _add(
            counted,
            row["choices"] or [],
            row["voter_group"],
            row["area"],
            row["n"],
            row["home_area"],
        )
        if row.get("mine"):
            counted["mine"] = {"choices": row["choices"] or [], "other_text": row["other_text"]}
    return dict(tallies)


# The counts every vote answers with: compiled once (theme/compiled.py).
_ONE_WIDGET = CompiledQuery(
    lambda consultation, widget, anchor: (
        Vote.objects.filter(consultation=consultation, widget=widget, anchor=anchor)
        .values_list("choices", "voter_group", "area")
        .annotate(n=Count("pk"))
        .order_by()
    ),
    EXAMPLE_UUID,
    EXAMPLE_TEXT.format(1),
    EXAMPLE_TEXT.format(2),
)


def tally(consultation, widget_id, anchor=""):
    """One widget's counts about `anchor` (see vote_tallies)."""
    if anchor is None:
        return vote_tallies(consultation, [widget_id], None).get(widget_id, _empty())
    counted = _empty()
    for choices, group, area, n in _ONE_WIDGET.rows(consultation, widget_id, anchor):
        _add(counted, choices or [], group, area, n)
    return counted


def comment_tallies(consultation, widgets=None, extra=None):
    """{widget id: counts} of comments per moderation state, overall and per voter group
    and area: the same shape as vote_tallies, with states in place of choices."""
    comments = Comment.objects.filter(consultation=consultation)
    if widgets is not None:
        comments = comments.filter(widget__in=list(widgets))
    if extra is not None:
        comments = comments.filter(extra)
    rows = (
        comments.values("widget", "state", "voter_group", "area", "home_area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies = defaultdict(_empty)
    for row in rows:
        counted = tallies[row["widget"]]
        _add(counted, [row["state"]], row["voter_group"], row["area"], row["n"], row["home_area"])
    return dict(tallies)


def comment_counts(consultation, widget_id):
    return comment_tallies(consultation, [widget_id]).get(widget_id, _empty())


def vote_counts_by_group(consultation=None):
    """Counter of (consultation, widget, choice, voter group) -> votes, of one consultation
    or (None) of every one: what the index's aggregation returns, for the staff report's
    index check and search_compare (through the vote document type's `tally`).

    The consultation is a string, as the index keeps it.
    """
    votes = (
        Vote.objects.all()
        if consultation is None
        else Vote.objects.filter(consultation=consultation)
    )
    rows = votes.values_list("consultation", "widget", "choices", "voter_group")
    counted = Counter()
    for key, widget, choices, group, n in rows.annotate(n=Count("pk")).order_by():
        for choice in choices or []:
            counted[(str(key), widget, choice, group)] += n
    return counted


def comment_counts_by_anchor(consultation=None):
    """Counter of (consultation, anchor, state) -> comments, of one consultation or of all."""
    comments = Comment.objects.all()
    if consultation is not None:
        comments = comments.filter(consultation=consultation)
    rows = comments.values_list("consultation", "anchor", "state").annotate(n=Count("pk"))
    return Counter({(str(key), anchor, state): n for key, anchor, state, n in rows.order_by()})
