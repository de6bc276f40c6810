"""What a host site sets for Bokrao's page search, said by Django's system checks."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

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
