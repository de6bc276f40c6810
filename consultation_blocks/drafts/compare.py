"""The page that shows what changed between two versions of a draft (issue 13).

Thin: read ?from=N&to=M, load the two versions' texts in the reader's language, call
diff.compare() and render. Bad numbers get the page itself with its pickers and a
message, status 400: a reader who typed a wrong number in the address picks again
without going back. Queries: the versions (one) and each version's text (one each),
whatever the length of the draft.
"""

from django.template.response import TemplateResponse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from theme.user_input import parse_id

from . import diff, versions
from .views import paragraph_url

TEMPLATE = "bokrao_blocks/drafts/compare.html"

# Said in words as well as in colour: a kind must read without seeing colours. A context
# of their own: Wagtail's catalogue has "Moved" too, and it wins over ours.
KIND_NAMES = {
    "unchanged": pgettext_lazy("paragraph change", "Unchanged"),
    "changed": pgettext_lazy("paragraph change", "Changed"),
    "moved": pgettext_lazy("paragraph change", "Moved"),
    "added": pgettext_lazy("paragraph change", "Added"),
    "removed": pgettext_lazy("paragraph change", "Removed"),
}


class BadVersions(ValueError):
    pass


def compare_page(page, request):
    published = versions.versions_of(page)
    context = page.get_context(request)
    context.update(
        draft_versions=published,
        compare_url=page.url + page.reverse_subpage("compare"),
        show_unchanged=request.GET.get("all") == "1",
    )
    if not published:
        context["error"] = _("No version of this draft has been published yet.")
        return TemplateResponse(request, TEMPLATE, context, status=404)
    try:
        old, new = _chosen(published, request.GET)
    except BadVersions as refusal:
        context["error"] = str(refusal)
        return TemplateResponse(request, TEMPLATE, context, status=400)

    old_entries, new_entries, text_language = _texts(old, new, get_language())
    changes = diff.compare(old_entries, new_entries)
    counts = diff.summary(changes)
    latest_number = published[-1].number
    context.update(
        old=old,
        new=new,
        text_language=text_language,
        rows=[
            _row(page, change, old, new, latest_number)
            for change in changes
            if context["show_unchanged"] or change.kind != "unchanged"
        ],
        counts=[(kind, KIND_NAMES[kind], counts[kind]) for kind in diff.KINDS],
    )
    return TemplateResponse(request, TEMPLATE, context)


def _chosen(published, query):
    """The two versions asked for; by default the one before the latest and the latest
    (the only one with itself when there is one)."""
    by_number = {found.number: found for found in published}
    default_to = published[-1]
    default_from = published[-2] if len(published) > 1 else default_to
    chosen = []
    for name, default in (("from", default_from), ("to", default_to)):
        raw = query.get(name, "").strip()
        if not raw:
            chosen.append(default)
            continue
        number = parse_id(raw)
        if number is None:
            raise BadVersions(
                _("A version is a whole number, such as 1 or 2, not “%(value)s”.")
                % {"value": raw[:20]}
            )
        if number not in by_number:
            raise BadVersions(
                _("This draft has no version %(number)s: its versions are 1 to %(last)s.")
                % {"number": number, "last": published[-1].number}
            )
        chosen.append(by_number[number])
    return chosen


def _texts(old, new, language):
    """Both versions' entries in one language: the reader's when both have it. When one
    of them was never translated, both are compared in the language it falls back to,
    or every paragraph would read as changed."""
    old_entries, old_language = versions.entries_of(old, language)
    new_entries, new_language = versions.entries_of(new, language)
    if old_language != new_language:
        shared = old_language if old_language != language else new_language
        old_entries, old_language = versions.entries_of(old, shared)
        new_entries, new_language = versions.entries_of(new, shared)
    return old_entries, new_entries, new_language


def _row(page, change, old, new, latest_number):
    # A removed paragraph is linked as the old version had it; any other as the new one.
    in_version = new if change.new else old
    return {
        "change": change,
        "kind_name": _kind_name(change),
        "label": (change.new or change.old)["label"],
        "old_label": change.old["label"] if change.renumbered else "",
        "words": diff.render_words(change.words),
        "url": paragraph_url(page, change.key, in_version.number, latest_number),
    }


def _kind_name(change):
    if change.kind == "moved" and change.changed:
        return pgettext_lazy("paragraph change", "Moved and changed")
    return KIND_NAMES[change.kind]
