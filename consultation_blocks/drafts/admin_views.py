"""The versions screen of a draft in the Wagtail admin: the versions published so far,
what the page's text now changes from the latest one, and "publish version N" with its
change note. Whoever may publish the page may publish its versions."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Page

from . import anchoring, versions


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=gettext_lazy("What changed (Thai)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Readers see it above the text of the new version."),
    )
    change_note_en = forms.CharField(
        label=gettext_lazy("What changed (English)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def may_publish_versions(user, page):
    if not (user and user.is_active):
        return False
    return page.permissions_for_user(user).can_publish()


def pending_changes(page, latest):
    """How the page's published text differs from the latest version, paragraph by
    paragraph: {"added": n, "changed": n, "removed": n}."""
    now = {e["key"]: e["text"] for e in anchoring.commentable(versions.entries_for(page))}
    before = {}
    if latest is not None:
        text = latest.texts.filter(locale_id=page.locale_id).first()
        before = {e["key"]: e["text"] for e in anchoring.commentable(text.entries if text else [])}
    return {
        "added": sum(1 for key in now if key not in before),
        "changed": sum(1 for key in now if key in before and before[key] != now[key]),
        "removed": sum(1 for key in before if key not in now),
    }


def versions_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "section_word"):
        raise PermissionDenied  # not a draft
    page = versions._source(page)
    if not may_publish_versions(request.user, page):
        raise PermissionDenied
    form = PublishForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                made = versions.publish_version(
                    page,
                    request.user,
                    form.cleaned_data["change_note"],
                    notes={"en": form.cleaned_data["change_note_en"]},
                )
            except versions.VersionRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request,
                    _("Version %(number)d is published: readers now read it.")
                    % {"number": made.number},
                )
                return redirect("bokrao_draft_versions", page.pk)
        else:
            messages.error(request, _("Say what changed: readers see it with the new version."))
    listed = list(
        versions.DraftVersion.objects.filter(consultation=page.translation_key)
        .select_related("published_by")
        .prefetch_related("texts__locale")
        .order_by("-number")
    )
    latest = listed[0] if listed else None
    for found in listed:
        found.notes = [(text.locale.language_code, text.change_note) for text in found.texts.all()]
    return TemplateResponse(
        request,
        "bokrao_blocks/drafts/admin/versions.html",
        {
            "page": page,
            "versions": listed,
            "next_number": (latest.number + 1) if latest else 1,
            "pending": pending_changes(page, latest),
            "unpublished_edits": page.has_unpublished_changes,
            "form": form,
        },
    )
