"""The reader of a draft (thin: parse, read, render): the text of a version with the
number of comments on each paragraph, a page per paragraph with its comments, agree /
disagree and the form (the whole flow without JavaScript), and the comments with
filters. Comments and votes are posted to the generic widget views: a paragraph's
widgets are found like any widget (widgets.py)."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_comments_xtd.models import LIKEDIT_FLAG

from theme.user_input import clean_user_text

from ..comments.choices import CommentState
from ..comments.models import Comment
from ..participants.choices import Residence, VoterGroup
from ..widgets.context import page_participation
from . import anchoring, reading, versions, widgets
from .hearing import hearing_of
from .report.services import published_report


def _address(page, name, *args):
    return page.url + page.reverse_subpage(name, args=list(args))


def paragraph_url(page, key, number=None, latest_number=None):
    url = _address(page, "paragraph", key)
    return url if number in (None, latest_number) else f"{url}?v={number}"


def _version_asked(request, versions_list, number=None):
    """The version asked for (`number`, or ?v=), or the latest; Http404 for no such one."""
    if number is None:
        raw = request.GET.get("v")
        if raw not in (None, ""):
            if not str(raw).isdigit():
                raise Http404("No such version")
            number = int(raw)
    if number is None:
        return versions_list[-1] if versions_list else None
    for found in versions_list:
        if found.number == number:
            return found
    raise Http404("No such version")


def _shared(page, request, versions_list, read):
    """What every page of the reader shows: the hearing and the versions."""
    context = page.get_context(request)
    latest = versions_list[-1] if versions_list else None
    report = published_report(page)
    context.update(
        hearing_report=report,
        report_published=report is not None,
        draft_versions=versions_list,
        version=read,
        latest_version=latest,
        is_latest=read is not None and read == latest,
        hearing=hearing_of(page.timeline()),
        reader_url=page.url,
        comments_url=_address(page, "comments"),
        compare_available=len(versions_list) > 1,
    )
    if read is not None:
        text = versions.text_of(read, get_language())
        context.update(
            entries=text.entries if text else [],
            text_language=text.locale.language_code if text else get_language(),
            change_note=text.change_note if text else "",
        )
    return context


def reading_page(page, request, number=None):
    versions_list = reading.versions_with_since(page)
    read = _version_asked(request, versions_list, number)
    context = _shared(page, request, versions_list, read)
    if read is not None:
        counted = reading.count_for(versions_list, read, reading.comment_counts(page))
        latest_number = versions_list[-1].number
        shown = []
        for found in context["entries"]:
            found = dict(found)
            if found["type"] in anchoring.COMMENTABLE:
                found["comments"] = counted.here.get(found["key"], 0)
                found["elsewhere"] = counted.elsewhere.get(found["key"], 0)
                found["url"] = paragraph_url(page, found["key"], read.number, latest_number)
            shown.append(found)
        keys = {found["key"] for found in shown}
        context.update(
            entries=shown,
            contents=reading.contents(shown, counted.here),
            comments_total=counted.total_here(),
            # Comments on paragraphs this version no longer has: a link to each.
            removed=[
                {"url": paragraph_url(page, key, None), "comments": n}
                for key, n in sorted(counted.elsewhere.items())
                if key not in keys
            ],
        )
    return TemplateResponse(request, page.get_template(request), context)


def _last_with(versions_list, key, before=None):
    """The latest version (before `before`) whose text has paragraph `key`, or None."""
    for found in reversed(versions_list):
        if (before is None or found.number < before) and key in found.since:
            return found
    return None


def paragraph_page(page, request, key):
    key = clean_user_text(key)[:64]
    versions_list = reading.versions_with_since(page)
    read = _version_asked(request, versions_list)
    if read is None:
        raise Http404("No version published yet")
    removed_in = None
    if key not in read.since:
        # Removed in this version (or not yet written): shown as its last version had it.
        earlier = _last_with(versions_list, key, before=read.number)
        if earlier is None:
            raise Http404("No such paragraph")
        removed_in = next(
            (found.number for found in versions_list if found.number > earlier.number), None
        )
        read = earlier
    context = _shared(page, request, versions_list, read)
    entries = context["entries"]
    found = anchoring.entry(entries, key)
    if found is None or found["type"] not in anchoring.COMMENTABLE:
        raise Http404("No such paragraph")
    latest_number = versions_list[-1].number
    paragraphs = anchoring.commentable(entries)
    position = next(i for i, entry in enumerate(paragraphs) if entry["key"] == key)
    neighbours = {
        "previous": paragraphs[position - 1] if position > 0 else None,
        "next": paragraphs[position + 1] if position + 1 < len(paragraphs) else None,
    }
    for neighbour in neighbours.values():
        if neighbour is not None:
            neighbour["url"] = paragraph_url(page, neighbour["key"], read.number, latest_number)
    seen = page_participation(page, request)
    widgets.remember(page, versions_list)
    comments_widget = widgets.comments_widget(key)
    block, value = widgets.paragraph_widgets(page, comments_widget)
    seen.include(comments_widget, block, value)
    context.update(
        paragraph=found,
        paragraph_section=anchoring.entry(entries, found.get("section")),
        paragraph_chapter=anchoring.entry(entries, found.get("chapter")),
        removed_in=removed_in,
        neighbours=neighbours,
        comments=block.bind(value),
        comments_widget=comments_widget,
        answered=_answered(page, versions_list, read, key),
        position=position + 1,
        paragraphs_total=len(paragraphs),
        compare_url=None,
    )
    if page.paragraph_votes:
        votes_widget = widgets.votes_widget(key)
        votes_block, votes_value = widgets.paragraph_widgets(page, votes_widget)
        seen.include(votes_widget, votes_block, votes_value)
        context.update(votes=votes_block.bind(votes_value), votes_widget=votes_widget)
    if request.GET.get("fragment"):
        # The script opens a paragraph beside (or below) the text: only its panel.
        return TemplateResponse(request, "bokrao_blocks/drafts/paragraph_panel.html", context)
    return TemplateResponse(request, "bokrao_blocks/drafts/paragraph_page.html", context)


def _answered(page, versions_list, read, key):
    """{version: what a comment made on it answered}: the version's text of the
    paragraph when it differs from the one read (two queries, for every version)."""
    by_number = {found.number: found for found in versions_list}
    others = [
        found.number
        for found in versions_list
        if not reading.same_text(by_number, key, read, found.number) and key in found.since
    ]
    texts = versions.texts_of_versions(page, others, get_language())
    latest = versions_list[-1]
    answered = {}
    for found in versions_list:
        number = found.number
        if number not in others:
            answered[number] = {"number": number, "same": True}
            continue
        entry = anchoring.entry(texts.get(number, []), key) or {}
        answered[number] = {
            "number": number,
            "same": False,
            "removed": key not in latest.since,
            "label": entry.get("label", ""),
            "text": entry.get("text", ""),
            "language": get_language(),
            "url": paragraph_url(page, key, number, latest.number),
        }
    return answered


ORDERS = {
    "newest": ("-submit_date", "-pk"),
    "oldest": ("submit_date", "pk"),
    "supported": ("-supported", "-submit_date", "-pk"),
}


def comment_list(page, request):
    """Every published comment on the draft's paragraphs, filtered by paragraph, by
    relation to the matter and by inside/outside, newest, oldest or most supported."""
    versions_list = reading.versions_with_since(page)
    latest = versions_list[-1] if versions_list else None
    context = _shared(page, request, versions_list, latest)
    entries = context.get("entries", [])
    paragraphs = anchoring.commentable(entries)
    asked = {
        "paragraph": clean_user_text(request.GET.get("paragraph"))[:64],
        "group": clean_user_text(request.GET.get("group"))[:20],
        "area": clean_user_text(request.GET.get("area"))[:20],
        "order": clean_user_text(request.GET.get("order"))[:20] or "newest",
    }
    if (
        asked["order"] not in ORDERS
        or (asked["group"] and asked["group"] not in VoterGroup.values)
        or (asked["area"] and asked["area"] not in Residence.values)
    ):
        return HttpResponseBadRequest(
            _("This filter is not offered. Choose from the lists on the page.")
        )
    comments = Comment.objects.filter(
        consultation=page.translation_key,
        widget__startswith=widgets.COMMENTS_PREFIX,
        state=CommentState.PUBLISHED,
    )
    if asked["paragraph"]:
        comments = comments.filter(anchor=asked["paragraph"])
    if asked["group"]:
        comments = comments.filter(voter_group=asked["group"])
    if asked["area"]:
        comments = comments.filter(area=asked["area"])
    comments = (
        comments.annotate(supported=Count("flags", filter=Q(flags__flag=LIKEDIT_FLAG)))
        .select_related("participant")
        .order_by(*ORDERS[asked["order"]])
    )
    shown = Paginator(comments, 20).get_page(request.GET.get("page"))
    by_number = {found.number: found for found in versions_list}
    labels = {found["key"]: found["label"] for found in paragraphs}
    for comment in shown:
        comment.paragraph_label = labels.get(comment.anchor, _("A paragraph removed since"))
        comment.on_current = latest is not None and reading.same_text(
            by_number, comment.anchor, latest, comment.anchor_version
        )
        comment.paragraph_url = paragraph_url(
            page,
            comment.anchor,
            None if comment.on_current else comment.anchor_version,
            latest.number if latest else None,
        )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        shown=shown,
        asked=asked,
        paragraphs=paragraphs,
        voter_groups=VoterGroup.choices,
        residences=Residence.choices,
        orders=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("supported", _("Most supported")),
        ],
        filter_query=query.urlencode(),
    )
    return TemplateResponse(request, "bokrao_blocks/drafts/comment_list.html", context)
