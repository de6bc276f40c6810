import io
import os
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from pb_pages.factories import make_home

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(db):
    return make_home()


# The demo's rows, per database: what the database held before the first test that
# asked for them loaded them (a few counts), and what it held after.
_DEMO_ROWS = {}


@pytest.fixture
def demo_home(db):
    """The demo municipality, loaded by the same command the Quick start runs.

    The command takes some twenty seconds, and stores the same rows for every test of a
    run (its dates are relative to today). The first test in each process loads it; the
    next ones whose database is still as the migrations left it get those rows back
    from a snapshot, inside their own transaction, in about a second. A test that made
    rows of its own first (a staff member), or that configured a search engine (the
    command then feeds that test's own index), runs the command.
    """
    from django.conf import settings
    from django.db import connection

    from pb_pages.models import HomePage

    search = (getattr(settings, "BOKRAO_SEARCH", None) or {}).get("URL")
    key = connection.settings_dict["NAME"]
    found = _DEMO_ROWS.get(key)
    if not search and found is not None and _fingerprint() == found[0]:
        _put_back(connection, found[1])
    else:
        before = _fingerprint()
        call_command("load_demo_content", stdout=io.StringIO())
        if not search and key not in _DEMO_ROWS:
            _DEMO_ROWS[key] = (before, connection.creation.serialize_db_to_string())
    return HomePage.objects.get(slug="saensuk", locale__language_code="th")


def _fingerprint():
    """Enough of the database to tell whether a test made rows before the demo."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page

    from consultation_blocks.models import Participant

    return tuple(
        model.objects.count() for model in (get_user_model(), Group, Page, Locale, Participant)
    )


def _put_back(connection, snapshot):
    """The rows of `snapshot` (serialize_db_to_string) in place of the tables' own, in
    the test's transaction: the demo deleted some rows the migrations made (Wagtail's
    welcome page), so the tables are emptied first. Foreign keys are checked at the
    end (Django makes them deferrable)."""
    from django.apps import apps
    from django.db import router
    from django.db.migrations.loader import MigrationLoader

    migrated = MigrationLoader(connection).migrated_apps
    tables = []
    for app_config in apps.get_app_configs():
        if app_config.models_module is None or app_config.label not in migrated:
            continue
        for model in app_config.get_models(include_auto_created=True):
            if model._meta.can_migrate(connection) and router.allow_migrate_model(
                connection.alias, model
            ):
                tables.append(model._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    connection.creation.deserialize_db_from_string(snapshot)
    _sequences_past_the_rows(connection)


def _sequences_past_the_rows(connection):
    """Rows put back with their ids leave PostgreSQL's sequences behind them."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


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
    from django.db import connection

    _sequences_past_the_rows(connection)
    yield


# The background worker in a test (db_worker) ----------------------------------------


@pytest.fixture
def signal_handlers():
    """db_worker sets its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.fixture(scope="module")
def database_as_found(django_db_setup, django_db_blocker):
    """A transactional test empties every table when it ends, the Wagtail root page that
    a migration created included: put back, after the module, what was there (Django's
    serialized rollback, done by hand: a snapshot now, restored after the module's last
    flush, which recreated the content types: emptied again first, without that signal),
    so later transactional tests can make a home page. The rows come back with their
    ids: PostgreSQL's sequences are moved past them."""
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(snapshot)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
