"""The project's shape: settings per environment, migrations, an installable extension."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django_tasks import task_backends

REPO = Path(__file__).resolve().parents[1]
APPS = ["pb_pages", "consultation_blocks", "search", "theme"]


def _manage(*args, env=None):
    # Nothing from the test run's own environment leaks into the command's.
    leaky = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in leaky}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "bokrao_site.settings.production",
    "SECRET_KEY": "x" * 64 + "production-check-only-3f9a1c7e",
    "ALLOWED_HOSTS": "bokrao.saensuk.go.th",
    "DATABASE_URL": "postgres://bokrao:secret@127.0.0.1:5432/bokrao",
}


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


def test_database_url_selects_postgresql_and_the_default_is_sqlite():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    postgres = _manage("shell", "-c", code, env={"DATABASE_URL": PRODUCTION["DATABASE_URL"]})
    default = _manage("shell", "-c", code)
    assert postgres.stdout.strip().endswith("django.db.backends.postgresql")
    assert default.stdout.strip().endswith("django.db.backends.sqlite3")


def test_elasticsearch_url_configures_page_search_in_production():
    code = "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default'])"
    env = {**PRODUCTION, "ELASTICSEARCH_URL": "http://127.0.0.1:9200"}
    result = _manage("shell", "-c", code, env=env)
    assert "http://127.0.0.1:9200" in result.stdout, result.stderr


def test_the_site_queues_tasks_in_the_database_and_the_tests_run_them_at_once():
    code = "from django_tasks import task_backends; print(type(task_backends['default']).__name__)"
    dev = _manage("shell", "-c", code)
    production = _manage("shell", "-c", code, env=PRODUCTION)

    assert dev.stdout.split()[-1:] == ["DatabaseBackend"], dev.stderr
    assert production.stdout.split()[-1:] == ["DatabaseBackend"], production.stderr
    assert type(task_backends["default"]).__name__ == "ImmediateBackend"


@pytest.mark.parametrize("app", APPS)
def test_extension_apps_never_import_the_site_configuration(app):
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / app).rglob("*.py")
        if "node_modules" not in path.parts
        and re.search(r"^\s*(from|import)\s+bokrao_site\b", path.read_text(), re.M)
    ]
    assert offenders == []


def test_app_labels_are_namespaced():
    from django.apps import apps

    labels = {
        apps.get_app_config(label).name: label
        for label in ["bokrao_pages", "bokrao_blocks", "bokrao_search", "bokrao_theme"]
    }
    assert labels == {
        "pb_pages": "bokrao_pages",
        "consultation_blocks": "bokrao_blocks",
        "search": "bokrao_search",
        "theme": "bokrao_theme",
    }


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
