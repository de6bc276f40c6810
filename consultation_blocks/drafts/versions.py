"""Publishing the versions of a draft, and reading them.

Readers read a published version, never the page's working copy: editors may change
the text in the admin for days before they publish it as the next version. A version is
kept in every language the page was live in when it was published; a translation
published later joins the latest version (`follow_translation`).
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from ..timing import now
from . import anchoring, documents
from .models import DraftText, DraftVersion


class VersionRefused(Exception):
    pass


def _source(page):
    """The page whose text is the original of the draft (its translations follow it)."""
    page = page.specific
    source = page.get_translations(inclusive=True).filter(alias_of__isnull=True)
    original = source.filter(locale_id=_source_locale_id(page)).first()
    return (original or page).specific


def _source_locale_id(page):
    """The draft is written in the site's default language (Thai) and translated from it."""
    return Locale.get_default().pk


def entries_for(page):
    """The entries of `page`'s current text, labelled in the page's own language."""
    with translation.override(page.locale.language_code):
        return anchoring.flatten(page.text, page.section_word, page.numerals)


def publish_version(page, user, change_note, notes=None, at=None):
    """Publish the draft's current text (every live translation of it) as its next
    version. `change_note` is in the source's language; `notes` may give others by
    language code. Parallel publishes get consecutive numbers (the page row is locked)."""
    source = _source(page)
    change_note = " ".join(str(change_note or "").split())
    if not change_note:
        raise VersionRefused(_("Say what changed in this version."))
    entries = entries_for(source)
    if not anchoring.commentable(entries):
        raise VersionRefused(_("The draft has no paragraphs yet: write its text first."))
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=source.pk).first()
        previous = (
            DraftVersion.objects.filter(consultation=source.translation_key)
            .order_by("-number")
            .first()
        )
        number = previous.number + 1 if previous else 1
        before = []
        if previous is not None:
            text = previous.texts.filter(locale_id=source.locale_id).first()
            before = text.entries if text else []
            if before == entries:
                raise VersionRefused(
                    _("The text is the same as version %(number)d: nothing to publish.")
                    % {"number": previous.number}
                )
        version = DraftVersion.objects.create(
            consultation=source.translation_key,
            number=number,
            page=source,
            published_at=at or now(),
            published_by=user if getattr(user, "is_authenticated", False) else None,
            since=anchoring.carry_since(
                before, previous.since if previous else {}, entries, number
            ),
        )
        texts = [
            DraftText(
                version=version,
                locale_id=source.locale_id,
                change_note=change_note,
                entries=entries,
            )
        ]
        for other in source.get_translations().live().specific():
            code = other.locale.language_code
            texts.append(
                DraftText(
                    version=version,
                    locale_id=other.locale_id,
                    change_note=(notes or {}).get(code, "") or change_note,
                    entries=entries_for(other),
                )
            )
        DraftText.objects.bulk_create(texts)
        documents.queue_version(version)  # the paragraphs in search (decision 030)
    return version


def follow_translation(page):
    """A translation of the draft was published: the latest version reads in its language
    too (a correction of the translation replaces that language's text)."""
    page = page.specific
    if page.pk == _source(page).pk:
        return None
    latest_version = (
        DraftVersion.objects.filter(consultation=page.translation_key).order_by("-number").first()
    )
    if latest_version is None:
        return None
    text, _created = DraftText.objects.update_or_create(
        version=latest_version,
        locale_id=page.locale_id,
        defaults={"entries": entries_for(page)},
    )
    documents.queue_version(latest_version)  # the paragraphs in search, in this language
    if not text.change_note:
        source_text = latest_version.texts.filter(locale_id=_source_locale_id(page)).first()
        text.change_note = source_text.change_note if source_text else ""
        text.save(update_fields=["change_note"])
    return text


def versions_of(page):
    """The draft's versions, oldest first (numbers and dates: one query)."""
    return list(
        DraftVersion.objects.filter(consultation=page.translation_key)
        .order_by("number")
        .defer("since")
    )


def version(page, number):
    return (
        DraftVersion.objects.filter(consultation=page.translation_key, number=number).first()
        if number
        else None
    )


def latest(page):
    return (
        DraftVersion.objects.filter(consultation=page.translation_key).order_by("-number").first()
    )


def text_of(version, language_code):
    """The version's DraftText in `language_code`, else in the source language (one query)."""
    texts = list(version.texts.select_related("locale"))
    for found in texts:
        if found.locale.language_code == language_code:
            return found
    default = Locale.get_default()
    for found in texts:
        if found.locale_id == default.pk:
            return found
    return texts[0] if texts else None


def entries_of(version, language_code):
    """(entries, language the text is in) of `version` for a reader of `language_code`."""
    found = text_of(version, language_code)
    if found is None:
        return [], language_code
    return found.entries, found.locale.language_code


def texts_of_versions(page, numbers, language_code):
    """{number: entries} of several versions at once, for comments on older ones (two
    queries whatever the number of versions)."""
    if not numbers:
        return {}
    texts = DraftText.objects.filter(
        version__consultation=page.translation_key, version__number__in=set(numbers)
    ).select_related("locale", "version")
    chosen = {}
    default = Locale.get_default().pk
    for found in texts:
        number = found.version.number
        if found.locale.language_code == language_code:
            chosen[number] = found
        elif number not in chosen or (
            found.locale_id == default and chosen[number].locale.language_code != language_code
        ):
            chosen[number] = found
    return {number: found.entries for number, found in chosen.items()}


def latest_texts(page, key):
    """The texts of paragraph `key` in the draft's latest version, in each of its
    languages (a quote may come from the translation a reader reads)."""
    found = latest(page)
    if found is None:
        return []
    texts = []
    for text in found.texts.all():
        entry = anchoring.entry(text.entries, key)
        if entry is not None and entry["type"] in anchoring.COMMENTABLE:
            texts.append(entry["text"])
    return texts


def page_published(instance, revision=None, **kwargs):
    """Wagtail's page_published, for a draft: its first publication publishes version 1
    of its text (when it has one); a translation published joins the latest version."""
    page = instance.specific
    if page.pk != _source(page).pk:
        follow_translation(page)
        return
    if latest(page) is not None or not anchoring.commentable(entries_for(page)):
        return
    user = getattr(revision, "user", None)
    publish_version(page, user, _("First version, published for the public hearing."))
