"""What a hearing report says: for the whole draft and for each paragraph of the version
it reports on, who commented (by relation to the matter and inside or outside), who
agreed and disagreed, the most supported comments, every published comment and the
municipality's answers.

A fixed number of queries whatever the size of the draft: the counts are grouped in
SQL by paragraph, voter group and area; the comments come in one query with their
support (django-comments-xtd's "I liked it" reactions), the answers in one."""

from django.db.models import Count, Q
from django.utils import translation
from django_comments_xtd.models import LIKEDIT_FLAG

from ...comments.choices import CommentState
from ...comments.models import Comment
from ...participants.choices import Residence, VoterGroup
from ...widgets.models import Vote
from ..anchoring import COMMENTABLE, is_current
from ..versions import entries_of, latest, texts_of_versions, version
from ..widgets import COMMENTS_PREFIX, VOTES_PREFIX
from .models import HearingResponse

# How many comments "most supported" lists, per paragraph and for the whole draft.
TOP_PER_PARAGRAPH = 3
TOP_OVERALL = 5
VOTE_CHOICES = ("agree", "disagree")


def _counts():
    return {
        "comments": 0,
        "comments_by_group": {group: 0 for group in VoterGroup.values},
        "comments_by_area": {area: 0 for area in Residence.values},
        "agree": 0,
        "disagree": 0,
        "votes_by_group": {group: {"agree": 0, "disagree": 0} for group in VoterGroup.values},
        "votes_by_area": {area: {"agree": 0, "disagree": 0} for area in Residence.values},
    }


def _add_comments(counts, group, area, n):
    counts["comments"] += n
    if group in counts["comments_by_group"]:
        counts["comments_by_group"][group] += n
    if area in counts["comments_by_area"]:
        counts["comments_by_area"][area] += n


def _add_votes(counts, choice, group, area, n):
    counts[choice] += n
    if group in counts["votes_by_group"]:
        counts["votes_by_group"][group][choice] += n
    if area in counts["votes_by_area"]:
        counts["votes_by_area"][area][choice] += n


def _published_comments(consultation):
    """Published comments and replies on the draft's paragraphs (each paragraph's
    comments are the widget para-<key>, anchored to the key: drafts/widgets.py)."""
    return Comment.objects.filter(
        consultation=consultation, widget__startswith=COMMENTS_PREFIX, state=CommentState.PUBLISHED
    )


def _older_entries(page, numbers, language_code):
    """{(version number, key): entry} of the versions `numbers`: the text a comment on an
    earlier version answered, and the label of a paragraph no longer in the draft (two
    queries, whatever the number of versions)."""
    found = {}
    for number, entries in texts_of_versions(page, numbers, language_code).items():
        for entry in entries or []:
            if entry.get("type") in COMMENTABLE:
                found[(number, entry["key"])] = entry
    return found


def build_report(page, number=None):
    """The report's data for `page` (a DraftRegulationPage) on version `number` (default:
    the latest), or None when no version has been published."""
    reported = version(page, number) if number else latest(page)
    if reported is None:
        return None
    consultation = page.translation_key
    language = translation.get_language() or page.locale.language_code
    entries, language = entries_of(reported, language)
    paragraphs = [entry for entry in entries if entry["type"] in COMMENTABLE]
    by_key = {entry["key"]: {"entry": entry, **_counts()} for entry in paragraphs}
    overall = _counts()
    elsewhere = {}  # comments on paragraphs that are not in the reported version

    def row_for(key):
        if key in by_key:
            return by_key[key]
        if key not in elsewhere:
            elsewhere[key] = {"entry": None, **_counts()}
        return elsewhere[key]

    comment_counts = (
        _published_comments(consultation)
        .values("anchor", "voter_group", "area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in comment_counts:
        _add_comments(row_for(row["anchor"]), row["voter_group"], row["area"], row["n"])
        _add_comments(overall, row["voter_group"], row["area"], row["n"])

    vote_counts = (
        Vote.objects.filter(consultation=consultation, widget__startswith=VOTES_PREFIX)
        .values("anchor", "choices", "voter_group", "area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in vote_counts:
        for choice in row["choices"] or []:
            if choice in VOTE_CHOICES:
                _add_votes(
                    row_for(row["anchor"]), choice, row["voter_group"], row["area"], row["n"]
                )
                _add_votes(overall, choice, row["voter_group"], row["area"], row["n"])

    responses = {}
    for response in HearingResponse.objects.filter(consultation=consultation):
        responses[response.comment_id or ("paragraph", response.paragraph)] = response

    since = reported.since or {}
    fetched = list(
        _published_comments(consultation)
        .annotate(support=Count("flags", filter=Q(flags__flag=LIKEDIT_FLAG)))
        .values(
            "pk",
            "anchor",
            "anchor_version",
            "quote",
            "comment",
            "voter_group",
            "area",
            "submit_date",
            "parent_id",
            "support",
        )
        .order_by("submit_date", "pk")
    )
    numbers = {values["anchor_version"] for values in fetched if values["anchor_version"]}
    older = _older_entries(page, numbers | {reported.number}, language)
    labels = {key: entry.get("label", "") for (number, key), entry in sorted(older.items())}
    labels.update({entry["key"]: entry["label"] for entry in paragraphs})
    groups, areas = dict(VoterGroup.choices), dict(Residence.choices)
    every = []
    for values in fetched:
        key = values["anchor"]
        on = values["anchor_version"]
        current = key in by_key and is_current(since, key, on)
        answered = None if current else older.get((on, key))
        comment = {
            "id": values["pk"],
            "key": key,
            "label": labels.get(key, ""),
            "text": values["comment"],
            "voter_group_label": groups.get(values["voter_group"], ""),
            "area_label": areas.get(values["area"], ""),
            "quote": values["quote"],
            "voter_group": values["voter_group"],
            "area": values["area"],
            "version": on,
            "on_current_text": current,
            "answered_text": answered["text"] if answered else "",
            "submitted_at": values["submit_date"],
            "is_reply": bool(values["parent_id"]) and values["parent_id"] != values["pk"],
            "support": values["support"],
            "response": responses.get(values["pk"]),
        }
        row = row_for(key)
        row.setdefault("comment_list", []).append(comment)
        every.append(comment)

    for key, row in [*by_key.items(), *elsewhere.items()]:
        row["key"] = key
        row["comments_list"] = row.pop("comment_list", [])
        row["most_supported"] = _most_supported(row["comments_list"], TOP_PER_PARAGRAPH)
        row["response"] = responses.get(("paragraph", key))
        _split(row)
    _split(overall)
    for key, row in elsewhere.items():
        # Its label and text from the last version that had it.
        known = [entry for (number, k), entry in sorted(older.items()) if k == key]
        row["entry"] = known[-1] if known else {"key": key, "label": "", "text": ""}

    return {
        "version": reported,
        "language": language,
        "overall": overall,
        "most_supported": _most_supported(every, TOP_OVERALL),
        "paragraphs": [by_key[entry["key"]] for entry in paragraphs],
        "elsewhere": list(elsewhere.values()),
        "comments": every,
        "labels": labels,
    }


def _split(counts):
    """The counts as rows a template lists: (label, comments, agree, disagree) per voter
    group and per inside / outside."""
    counts["by_group"] = [
        (
            label,
            counts["comments_by_group"][group],
            counts["votes_by_group"][group]["agree"],
            counts["votes_by_group"][group]["disagree"],
        )
        for group, label in VoterGroup.choices
    ]
    counts["by_area"] = [
        (
            label,
            counts["comments_by_area"][area],
            counts["votes_by_area"][area]["agree"],
            counts["votes_by_area"][area]["disagree"],
        )
        for area, label in Residence.choices
    ]
    return counts


def _most_supported(comments, how_many):
    supported = [comment for comment in comments if comment["support"]]
    supported.sort(
        key=lambda comment: (-comment["support"], comment["submitted_at"], comment["id"])
    )
    return supported[:how_many]
