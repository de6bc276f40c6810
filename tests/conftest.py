import io
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from pb_pages.factories import make_home

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def demo_home(db):
    """The demo municipality, loaded by the same command the Quick start runs."""
    from pb_pages.models import HomePage

    call_command("load_demo_content", stdout=io.StringIO())
    return HomePage.objects.get(slug="saensuk", locale__language_code="th")


def _search_node(engine, env_name):
    """The URL of a running local node: from the environment, or started now."""
    url = os.environ.get(env_name)
    if url:
        return url
    result = subprocess.run(
        ["bash", str(REPO / "search" / "engine" / "node.sh"), "start", engine],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        pytest.fail(
            f"Could not start the local {engine} node (search/engine/node.sh start {engine}):\n"
            f"{result.stderr[-3000:]}"
        )
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def opensearch_url():
    """A real OpenSearch 2 node with Thai analysis (never a skip: no node fails the test)."""
    return _search_node("opensearch", "BOKRAO_TEST_OPENSEARCH_URL")


@pytest.fixture(scope="session")
def elasticsearch_url():
    """A real Elasticsearch 8 node with core analysis only (the integ-test distribution)."""
    return _search_node("elasticsearch", "BOKRAO_TEST_ELASTICSEARCH_URL")


@pytest.fixture
def participation_index(opensearch_url, settings):
    """An empty participation index of its own on the OpenSearch node, dropped afterwards."""
    from search.index import ParticipationIndex

    name = f"bokrao-test-{uuid.uuid4().hex[:10]}"
    settings.BOKRAO_SEARCH = {"URL": opensearch_url, "INDEX": name}
    index = ParticipationIndex(opensearch_url, name)
    yield index
    index.drop()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with an empty cache (the rate limits' counts, in the database,
    go with each test's transaction)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _engine_marks_forgotten():
    """What searches saw of an engine is kept per process (search/health.py): each test
    starts without a "down since" another test left."""
    from search import health

    health.forget()


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    # A request to /en/ leaves English active in this thread; the next test must
    # start in the site's language, as a new request would.
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _sequences_past_the_restored_rows(request):
    """A serialized_rollback test finds the rows the migrations made put back with their
    ids, but the flush before it reset PostgreSQL's sequences: the next page or locale a
    test makes would take id 1 again. Move the sequences past the rows, as
    test_background_email's database_as_found does after its own flush."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("serialized_rollback"):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
    yield
