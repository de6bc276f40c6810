"""What a host site sets for Bokrao's page search, said by Django's system checks."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.checks import Warning as CheckWarning

from . import registry

# Page search backends that split Thai into words (search/backends/).
THAI_BACKENDS = {"search.backends.database", "search.backends.engine"}


@register(Tags.compatibility)
def check_page_search_backend(app_configs=None, **kwargs):
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    backend = backends.get("default", {}).get("BACKEND", "wagtail.search.backends.database")
    if backend in THAI_BACKENDS:
        return []
    return [
        CheckWarning(
            f"Page search runs on {backend}, which does not split Thai into words: "
            "a search for one Thai word finds nothing inside a sentence.",
            hint='Set WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": '
            '"search.backends.database"}} (or "search.backends.engine" with an '
            "Elasticsearch or OpenSearch node, see docs/extension.md).",
            id="bokrao_search.W001",
        )
    ]


@register()
def check_public_types_say_what_is_still_public(app_configs=None, **kwargs):
    """Public search checks each results page against the database (hidden means hidden):
    a public document type without still_public() would never show."""
    return [
        Error(
            f"The public search document type {name!r} has no still_public(ids).",
            hint="Implement DocumentType.still_public in the app that registers it "
            "(search/registry.py): the ids the public may read now.",
            id="bokrao_search.E001",
        )
        for name in registry.lacks_still_public()
    ]
