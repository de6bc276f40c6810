"""Headless Chromium against pytest-django's live server, on a phone.

The browser is Debian's Chromium (apt-get install chromium), never one that
Playwright downloads; axe-core comes from the theme's npm packages
(cd theme && npm ci). Without either the tests fail with that advice: an
accessibility audit that quietly skips is an audit that never runs.
"""

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from pb_pages.factories import tree_root

REPO_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BOKRAO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = REPO_DIR / "theme" / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT_DIR = REPO_DIR / "test-output"
SCREENSHOT_DIR = OUTPUT_DIR / "screenshots"
AXE_DIR = OUTPUT_DIR / "axe"
TEST_STATIC_DIR = Path(__file__).resolve().parent / "static"

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
CONSENT_COOKIE = "bokrao_consent"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for one test module.

    Playwright's sync API keeps an event loop running in the main thread while
    the test's own ORM calls (loading the demo content, flushing the tables)
    stay synchronous, so Django's async-safety check is switched off, but only
    while the browser runs: the variable must not reach other tests (the deploy
    check run by tests/test_project.py reports it as an error).
    """
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.fail("The playwright Python package is missing: .venv/bin/pip install -e '.[test]'")
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Install Debian's package: "
            "sudo apt-get install chromium (or point BOKRAO_CHROMIUM at a Chromium binary). "
            "Do not use `playwright install`."
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            try:
                chromium = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
            except Error as error:
                pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}")
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core is not installed ({AXE_JS} is missing). Install the theme's npm packages: "
            "cd theme && npm ci"
        )
    return AXE_JS


@pytest.fixture(scope="module", autouse=True)
def _leave_the_database_as_found(database_as_found):
    """Put back, after the module, what the migrations had put in the database
    (tests/conftest.py's database_as_found): each transactional test empties every
    table when it ends, and a later transactional test elsewhere in the suite that
    relies on the Wagtail root page (pb_pages.factories.make_home) would then fail."""
    yield


@pytest.fixture
def site_url(live_server):
    """The live server with the demo municipality loaded.

    The tests' django_db marker makes the database transactional, so the server
    thread sees the pages. A transactional test empties every table when it ends,
    including the Wagtail root page that a migration created, so it is put back
    first (pb_pages.factories.tree_root; pytest-django's serialized rollback did not
    restore it here).
    """
    tree_root()
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


@dataclass
class Visit:
    """A page in its own browser context, with what it asked the network for."""

    page: object
    requests: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    # What the browser refused under the page's Content-Security-Policy.
    blocked: list = field(default_factory=list)

    def goto(self, url):
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        return response

    def consent_cookie(self):
        for cookie in self.page.context.cookies():
            if cookie["name"] == CONSENT_COOKIE:
                return cookie["value"]
        return None

    def wait_for_fonts(self):
        self.page.evaluate("() => document.fonts.ready.then(() => true)")


def watch_the_policy(page, blocked):
    """Collect in `blocked` what the page's Content-Security-Policy refused."""
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )


@pytest.fixture
def open_page(browser):
    """open_page() -> a Visit in a fresh phone context (no cookies); desktop=True for a laptop."""
    contexts = []

    def _open(desktop=False):
        options = {"viewport": {"width": 1280, "height": 800}} if desktop else PHONE
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        page.on("request", lambda request: visit.requests.append(request.url))

        def on_response(response):
            if response.status >= 400:
                visit.failures.append(f"{response.status} {response.url}")

        page.on("response", on_response)
        page.on(
            "requestfailed",
            lambda request: visit.failures.append(f"{request.failure} {request.url}"),
        )
        page.on("pageerror", lambda error: visit.errors.append(str(error)))
        watch_the_policy(page, visit.blocked)
        return visit

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def probe_script(settings):
    """A test-only script registered for the performance category.

    tests/browser/static/bokrao_test/probe.js sets window.bokraoProbeRan and
    counts its runs in window.bokraoProbeRuns.
    """
    settings.STATICFILES_DIRS = [TEST_STATIC_DIR]
    settings.BOKRAO_THEME = {
        "CONSENT_SCRIPTS": {"performance": ["bokrao_test/probe.js"], "targeting": []}
    }
    # The live server finds static files through the (cached) finders.
    finders.get_finder.cache_clear()
    yield "bokrao_test/probe.js"
    finders.get_finder.cache_clear()
