"""What the benchmarks that build a site in a database of their own share: their
messages on stderr, and Django set up on that database without a search engine."""

import os
import sys


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def setup_django(database_url):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bokrao_site.settings.test",
            "DATABASE_URL": database_url,
            "ELASTICSEARCH_URL": "",  # no search engine: the outbox writes nothing
        }
    )
    import logging

    import django

    django.setup()
    logging.getLogger().setLevel(logging.ERROR)
