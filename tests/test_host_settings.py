"""Bokrao in a host site: the settings our apps read have defaults, and Django's system
checks name what the host is missing with the line to add (docs/extension.md)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from consultation_blocks import checks as blocks_checks
from consultation_blocks.comments.services import CommentRefused, post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Comment
from pb_pages.factories import make_consultation, make_section
from search import checks as search_checks
from theme import checks as theme_checks

REPO = Path(__file__).resolve().parents[1]
APPS = ["pb_pages", "consultation_blocks", "search", "theme"]
LOCALE = "django.middleware.locale.LocaleMiddleware"


def ids(messages):
    return [message.id for message in messages]


def _manage(*args, env=None, pythonpath=None):
    leaky = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in leaky}
    clean.update(env or {})
    if pythonpath:
        clean["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Settings read through the apps' conf.py, with defaults -------------------------


def test_our_apps_read_settings_only_through_their_conf_module():
    """conf.py gives every value a default; checks.py inspects the raw settings on purpose;
    a model's foreign key names AUTH_USER_MODEL as Django's migrations require."""
    offenders = []
    for app in APPS:
        for path in (REPO / app).rglob("*.py"):
            if "migrations" in path.parts or path.name in {"conf.py", "checks.py"}:
                continue
            text = path.read_text()
            if not re.search(r"^\s*from django\.conf import .*\bsettings\b", text, re.M):
                continue
            for name in re.findall(r"\bsettings\.([A-Z_]+)", text):
                if name != "AUTH_USER_MODEL":
                    offenders.append(f"{path.relative_to(REPO)}: settings.{name}")
            if re.search(r"getattr\(\s*settings\b", text):
                offenders.append(f"{path.relative_to(REPO)}: getattr(settings, ...)")
    assert offenders == []


@pytest.fixture
def talk(home):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(section, slug="riverside", body=widget_body(comment_widget("w-talk")))
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_a_host_without_the_comment_settings_shows_and_takes_comments(talk, client, settings):
    # What a host that skipped the optional lines has: django-comments' and
    # django-comments-xtd's settings, and SITE_ID, are not set at all.
    del settings.COMMENT_MAX_LENGTH
    del settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    del settings.SITE_ID
    somchai = make_participant()
    client.force_login(somchai.user)

    response = client.post(
        "/th/participate/comment/",
        {"page": talk.pk, "widget": "w-talk", "text": "ขอม้านั่งริมน้ำเพิ่ม"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201, response.content
    comment = Comment.objects.get()
    assert comment.site_id == 1

    page = client.get(talk.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'maxlength="3000"' in html  # django-comments' own default
    assert "ขอม้านั่งริมน้ำเพิ่ม" in html
    # django-comments-xtd takes no replies without COMMENTS_XTD_MAX_THREAD_LEVEL, and the
    # page offers none.
    assert f'id="reply-{comment.pk}"' not in html


@pytest.mark.django_db
def test_the_comment_limits_follow_the_host_settings(talk, settings):
    settings.COMMENT_MAX_LENGTH = 10
    somchai = make_participant()
    with pytest.raises(CommentRefused, match="the limit is 10"), translation.override("en"):
        post_comment(somchai, talk, "w-talk", "ก" * 11)


# --- System checks: each names what is missing, and the bundled settings pass -------


def test_the_bundled_settings_pass_every_check():
    messages = [
        *blocks_checks.check_comments_settings(),
        *theme_checks.check_locale_middleware(),
        *theme_checks.check_context_processors(),
        *theme_checks.check_admin_locale(),
        *search_checks.check_page_search_backend(),
    ]
    assert messages == []


@pytest.mark.parametrize("module", ["dev", "test"])
def test_manage_py_check_is_silent_for_the_bundled_settings(module):
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": f"bokrao_site.settings.{module}"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", (
        result.stdout + result.stderr
    )


def test_a_missing_app_is_named_with_the_line_to_add(tmp_path):
    (tmp_path / "without_xtd.py").write_text(
        "from bokrao_site.settings.test import *  # noqa: F403\n"
        "INSTALLED_APPS = [a for a in INSTALLED_APPS  # noqa: F405\n"
        '                  if a not in ("django_comments_xtd", "django.contrib.sites")]\n'
    )
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "without_xtd"}, pythonpath=tmp_path)
    assert result.returncode != 0
    assert (
        'ImproperlyConfigured: Bokrao\'s consultation_blocks needs "django_comments_xtd", '
        '"django.contrib.sites" in INSTALLED_APPS'
    ) in result.stderr, result.stderr[-2000:]


def test_missing_apps_accepts_an_app_config_path():
    installed = [
        "django_comments_xtd.apps.CommentsXtdConfig",
        "django_comments",
        "wagtail.contrib.settings",
    ]
    assert blocks_checks.missing_apps(installed) == ["django.contrib.sites"]


@pytest.mark.parametrize(
    ("setting", "value", "expected", "line"),
    [
        (
            "COMMENTS_APP",
            "django_comments",
            "bokrao_blocks.E001",
            'COMMENTS_APP = "django_comments_xtd"',
        ),
        (
            "COMMENTS_XTD_MODEL",
            "django_comments_xtd.models.XtdComment",
            "bokrao_blocks.E002",
            'COMMENTS_XTD_MODEL = "consultation_blocks.models.Comment"',
        ),
    ],
)
def test_comment_settings_that_point_elsewhere_are_errors(setting, value, expected, line):
    with override_settings(**{setting: value}):
        [message] = blocks_checks.check_comments_settings()
    assert message.id == expected
    assert line in message.hint


@pytest.mark.parametrize(
    ("setting", "expected", "line"),
    [
        ("COMMENTS_APP", "bokrao_blocks.E001", 'COMMENTS_APP = "django_comments_xtd"'),
        ("COMMENTS_XTD_MAX_THREAD_LEVEL", "bokrao_blocks.W001", "MAX_THREAD_LEVEL = 2"),
        ("SITE_ID", "bokrao_blocks.W002", "SITE_ID = 1"),
    ],
)
def test_comment_settings_left_out_are_named(settings, setting, expected, line):
    delattr(settings, setting)
    [message] = blocks_checks.check_comments_settings()
    assert message.id == expected
    assert line in message.hint


IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
DUMMY = "django_tasks.backends.dummy.DummyBackend"


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        (None, ["bokrao_blocks.W004"]),  # no TASKS: django-tasks runs them at once
        (IMMEDIATE, ["bokrao_blocks.W004"]),
        (DUMMY, ["bokrao_blocks.W004"]),
        ("django_tasks_db.DatabaseBackend", []),
    ],
)
def test_tasks_that_no_worker_runs_are_a_warning_in_production(settings, backend, expected):
    settings.DEBUG = False
    if backend is None:
        del settings.TASKS
    else:
        settings.TASKS = {"default": {"BACKEND": backend}}
    messages = blocks_checks.check_task_worker()
    assert ids(messages) == expected
    if messages:
        assert '"django_tasks_db.DatabaseBackend"' in messages[0].hint
        assert "manage.py db_worker" in messages[0].hint

    settings.DEBUG = True
    assert blocks_checks.check_task_worker() == []


def test_the_production_checks_are_deployment_checks():
    """`manage.py check` under settings/test.py (one process, DEBUG off) stays silent;
    `check --deploy` asks them."""
    from django.core.checks import registry

    deployment = registry.registry.get_checks(include_deployment_checks=True)
    ordinary = registry.registry.get_checks(include_deployment_checks=False)
    assert blocks_checks.check_task_worker in deployment
    assert blocks_checks.check_task_worker not in ordinary


def test_without_locale_middleware_the_error_says_where_to_put_it(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != LOCALE]
    [message] = theme_checks.check_locale_middleware()
    assert message.id == "bokrao_theme.E001"
    assert f'"{LOCALE}"' in message.hint and "after SessionMiddleware" in message.hint


def test_locale_middleware_after_common_middleware_is_a_warning(settings):
    middleware = [name for name in settings.MIDDLEWARE if name != LOCALE]
    settings.MIDDLEWARE = [*middleware, LOCALE]
    assert ids(theme_checks.check_locale_middleware()) == ["bokrao_theme.W001"]


def test_a_missing_context_processor_is_named(settings):
    templates = json.loads(json.dumps(settings.TEMPLATES))
    processors = templates[0]["OPTIONS"]["context_processors"]
    processors.remove("django.template.context_processors.request")
    settings.TEMPLATES = templates
    [message] = theme_checks.check_context_processors()
    assert message.id == "bokrao_theme.E003"
    assert '"django.template.context_processors.request"' in message.hint


def test_without_the_thai_admin_catalogue_the_warning_names_it(settings):
    settings.LOCALE_PATHS = []
    [message] = theme_checks.check_admin_locale()
    assert message.id == "bokrao_theme.W002"
    assert "theme.ADMIN_LOCALE_DIR" in message.hint


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        ("wagtail.search.backends.database", ["bokrao_search.W001"]),
        ("search.backends.database", []),
        ("search.backends.engine", []),
    ],
)
def test_page_search_without_thai_words_is_a_warning(settings, backend, expected):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": backend}}
    messages = search_checks.check_page_search_backend()
    assert ids(messages) == expected
    if messages:
        assert '"search.backends.database"' in messages[0].hint


def test_a_host_without_the_limited_admin_sign_in_is_warned(settings):
    from consultation_blocks import checks

    assert checks.check_admin_sign_in() == []  # the bundled site sets it
    del settings.WAGTAILADMIN_USER_LOGIN_FORM
    [message] = checks.check_admin_sign_in()
    assert message.id == "bokrao_blocks.W005"
    assert checks.STAFF_SIGN_IN_FORM in message.hint
