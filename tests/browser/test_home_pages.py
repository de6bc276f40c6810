"""The public site in a real browser on a phone: language, fonts, consent, keyboard, axe.

Run: .venv/bin/pytest tests/browser -q   (or -m browser). Screenshots and axe reports
go to test-output/ (ignored by git).
"""

import json

import pytest
from playwright.sync_api import expect

from .conftest import AXE_DIR, PHONE, SCREENSHOT_DIR

# Transactional, so the live server's thread sees the pages.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOMES = {
    "th": ("/th/saensuk/", "เทศบาลเมืองแสนสุข"),
    "en": ("/en/saensuk/", "Saen Suk Town Municipality"),
}
CONSULTATION = {
    "th": ("/th/saensuk/debates/nong-mon-creative-economy/", "การพัฒนาหนองมนในเชิงเศรษฐกิจสร้างสรรค์"),
    "en": (
        "/en/saensuk/debates/nong-mon-creative-economy/",
        "Developing Nong Mon as a creative economy",
    ),
}
# The banner's buttons in each language.
BANNER = {
    "th": {
        "all": "ยอมรับทั้งหมด",
        "essential": "เฉพาะที่จำเป็น",
        "settings": "ตั้งค่า",
        "save": "บันทึกการตั้งค่า",
        "close": "ปิด",
    },
    "en": {
        "all": "Accept all",
        "essential": "Essential only",
        "settings": "Settings",
        "save": "Save my choice",
        "close": "Close",
    },
}
PHONE_WIDTH = PHONE["viewport"]["width"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

FONTS_JS = """async () => {
  await document.fonts.ready;
  const faces = [...document.fonts]
    .filter((face) => face.family.replace(/["']/g, "") === "Sarabun")
    .map((face) => ({weight: String(face.weight), range: face.unicodeRange, status: face.status}));
  return {
    faces,
    thaiReady: document.fonts.check("16px Sarabun", "ก"),
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
}"""


def _loaded(faces, script):
    """Weights of the Sarabun faces loaded for Thai (U+0E01...) or Latin (U+0000...)."""
    marker = "U+E01" if script == "thai" else "U+0-FF"
    return {
        face["weight"]
        for face in faces
        if face["status"] == "loaded" and marker in face["range"].upper()
    }


@pytest.mark.parametrize("language", ["th", "en"])
def test_home_page_on_a_phone_uses_only_the_site_and_its_own_thai_font(
    site_url, open_page, language
):
    path, title = HOMES[language]
    visit = open_page()
    page = visit.page
    visit.goto(site_url + path)
    page.wait_for_load_state("networkidle")

    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(f'nav.languages a[hreflang="{language}"]')).to_have_attribute(
        "aria-current", "true"
    )

    # Every request stays on the site: no CDN, no font service, no tracker.
    assert visit.requests, "the browser recorded no requests at all"
    outside = [url for url in visit.requests if not url.startswith(site_url + "/")]
    assert not outside, f"requests outside the site: {outside}"
    assert not visit.failures, f"failed requests: {visit.failures}"
    assert not visit.errors, f"JavaScript errors: {visit.errors}"
    assert any(url.endswith("/sarabun-thai-400-normal.woff2") for url in visit.requests)

    fonts = visit.page.evaluate(FONTS_JS)
    assert fonts["bodyFont"].replace('"', "").startswith("Sarabun"), fonts["bodyFont"]
    assert fonts["thaiReady"], fonts
    # Both pages carry Thai (the ไทย link at least) and Latin text (the English link).
    assert "400" in _loaded(fonts["faces"], "thai"), fonts["faces"]
    assert "400" in _loaded(fonts["faces"], "latin"), fonts["faces"]
    if language == "th":
        assert "700" in _loaded(fonts["faces"], "thai"), fonts["faces"]  # the bold <h1>

    # Nothing wider than the phone: no sideways scrolling.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"page is {width}px wide on a {PHONE_WIDTH}px phone"


def test_language_switcher_keeps_the_reader_on_the_same_consultation(site_url, open_page):
    visit = open_page()
    page = visit.page
    th_path, th_title = CONSULTATION["th"]
    en_path, en_title = CONSULTATION["en"]
    visit.goto(site_url + th_path)
    expect(page.locator("h1")).to_have_text(th_title)

    page.locator("nav.languages").get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(site_url + en_path)
    expect(page.locator("h1")).to_have_text(en_title)
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator('nav.languages a[hreflang="en"]')).to_have_attribute("aria-current", "true")
    expect(page.locator('nav.languages a[hreflang="th"]')).not_to_have_attribute(
        "aria-current", "true"
    )

    page.locator("nav.languages").get_by_role("link", name="ไทย", exact=True).click()
    page.wait_for_url(site_url + th_path)
    expect(page.locator("h1")).to_have_text(th_title)
    assert page.locator("html").get_attribute("lang") == "th"
    assert not visit.errors, visit.errors


# -- Cookie consent ----------------------------------------------------------------------


def test_settings_dialog_stores_only_the_ticked_category(site_url, open_page):
    visit = open_page()
    page = visit.page
    visit.goto(site_url + "/th/saensuk/")
    banner = page.locator("#consent-banner")
    dialog = page.locator("dialog#consent-dialog")
    expect(banner).to_be_visible()
    assert visit.consent_cookie() is None

    banner.get_by_role("link", name=BANNER["th"]["settings"], exact=True).click()
    expect(page.locator("dialog#consent-dialog[open]")).to_be_visible()
    assert page.url == site_url + "/th/saensuk/", "Settings navigated instead of opening the dialog"
    performance = dialog.locator('input[name="category"][value="performance"]')
    targeting = dialog.locator('input[name="category"][value="targeting"]')
    expect(performance).not_to_be_checked()
    expect(targeting).not_to_be_checked()
    performance.check()
    dialog.get_by_role("button", name=BANNER["th"]["save"], exact=True).click()

    expect(page.locator("dialog#consent-dialog[open]")).to_have_count(0)
    expect(banner).to_be_hidden()
    expect(page.locator("#consent-status")).to_have_text("บันทึกการตั้งค่าคุกกี้ของท่านแล้ว")
    assert visit.consent_cookie() == "1.performance"

    visit.goto(site_url + "/th/saensuk/")  # the server reads the cookie now
    expect(page.locator("h1")).to_have_text(HOMES["th"][1])
    expect(banner).to_be_hidden()
    page.reload()
    expect(banner).to_be_hidden()
    assert visit.consent_cookie() == "1.performance"
    assert not visit.errors, visit.errors


@pytest.mark.parametrize(
    ("language", "button", "cookie"),
    [
        ("th", "essential", "1"),
        ("th", "all", "1.performance.targeting"),
        ("en", "essential", "1"),
        ("en", "all", "1.performance.targeting"),
    ],
)
def test_banner_buttons_store_the_choice(site_url, open_page, language, button, cookie):
    visit = open_page()
    page = visit.page
    visit.goto(site_url + HOMES[language][0])
    banner = page.locator("#consent-banner")
    expect(banner).to_be_visible()

    banner.get_by_role("button", name=BANNER[language][button], exact=True).click()

    expect(banner).to_be_hidden()
    assert visit.consent_cookie() == cookie
    assert page.url == site_url + HOMES[language][0]
    page.reload()
    expect(banner).to_be_hidden()
    assert not visit.errors, visit.errors


def _probe_ran(page):
    return page.evaluate("() => window.bokraoProbeRuns || 0")


def test_optional_script_runs_only_after_its_category_is_accepted(
    site_url, open_page, probe_script
):
    visit = open_page()
    page = visit.page
    visit.goto(site_url + "/th/saensuk/")
    page.wait_for_load_state("networkidle")
    placeholder = page.locator('script[type="text/plain"][data-consent-category="performance"]')
    expect(placeholder).to_have_count(1)
    assert placeholder.get_attribute("data-src").endswith(probe_script)
    assert _probe_ran(page) == 0, "the performance script ran before any consent"
    assert not any(url.endswith("probe.js") for url in visit.requests)

    # Essential only: still nothing, not now and not on the next page.
    page.locator("#consent-banner").get_by_role("button", name="เฉพาะที่จำเป็น").click()
    assert visit.consent_cookie() == "1"
    page.wait_for_timeout(300)
    assert _probe_ran(page) == 0, "the performance script ran after 'Essential only'"
    page.reload()
    page.wait_for_load_state("networkidle")
    assert _probe_ran(page) == 0, "the performance script ran after 'Essential only' and reload"
    assert not any(url.endswith("probe.js") for url in visit.requests)

    # Accept performance from the footer's Cookie settings: the script starts in place.
    page.evaluate("() => { window.bokraoSamePage = true; }")
    page.get_by_role("link", name="ตั้งค่าคุกกี้").click()
    dialog = page.locator("dialog#consent-dialog[open]")
    expect(dialog).to_be_visible()
    dialog.locator('input[name="category"][value="performance"]').check()
    dialog.get_by_role("button", name="บันทึกการตั้งค่า").click()
    assert visit.consent_cookie() == "1.performance"
    page.wait_for_function("() => window.bokraoProbeRan === true", timeout=5000)
    assert page.evaluate("() => window.bokraoSamePage") is True, "the page reloaded"
    assert _probe_ran(page) == 1

    # The next page load: the server renders it as a real script.
    page.reload()
    page.wait_for_function("() => window.bokraoProbeRan === true", timeout=5000)
    expect(page.locator('script[data-consent-category="performance"]:not([type])')).to_have_count(1)
    assert _probe_ran(page) == 1
    assert not visit.failures, visit.failures
    assert not visit.errors, visit.errors


# -- Keyboard --------------------------------------------------------------------------


@pytest.mark.parametrize("desktop", [False, True], ids=["phone", "desktop"])
def test_first_tab_reaches_the_skip_link_and_it_moves_focus_to_main(site_url, open_page, desktop):
    visit = open_page(desktop=desktop)
    page = visit.page
    visit.goto(site_url + "/th/saensuk/")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    assert focused == ["skip-link", "#main"], focused
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, f"skip link off screen when focused: {box}"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.url.endswith("/th/saensuk/#main")


# -- Screenshots -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["th", "en"])
def test_phone_screenshots(site_url, open_page, language):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    visit = open_page()
    page = visit.page
    visit.goto(site_url + HOMES[language][0])
    visit.wait_for_fonts()
    expect(page.locator("#consent-banner")).to_be_visible()
    first = SCREENSHOT_DIR / f"{language}-home.png"
    page.screenshot(path=str(first), full_page=True)

    # The settings dialog as a phone shows it (the viewport only: the dialog is modal).
    page.locator("#consent-banner").get_by_role(
        "link", name=BANNER[language]["settings"], exact=True
    ).click()
    dialog = page.locator("dialog#consent-dialog[open]")
    expect(dialog).to_be_visible()
    page.screenshot(path=str(SCREENSHOT_DIR / f"{language}-home-dialog.png"))
    dialog.get_by_role("button", name=BANNER[language]["close"], exact=True).click()
    expect(dialog).to_have_count(0)

    page.locator("#consent-banner").get_by_role(
        "button", name=BANNER[language]["essential"]
    ).click()
    page.reload()
    visit.wait_for_fonts()
    expect(page.locator("#consent-banner")).to_be_hidden()
    consented = SCREENSHOT_DIR / f"{language}-home-consented.png"
    page.screenshot(path=str(consented), full_page=True)

    for shot in (first, consented):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000, f"{shot} looks blank"


# -- Accessibility (axe-core) ----------------------------------------------------------

AXE_PAGES = {
    "th-platform": "/th/",
    "en-platform": "/en/",
    "th-home": "/th/saensuk/",
    "en-home": "/en/saensuk/",
    "th-section": "/th/saensuk/debates/",
    "en-section": "/en/saensuk/debates/",
    "th-consultation": CONSULTATION["th"][0],
    "en-consultation": CONSULTATION["en"][0],
    "th-cookies": "/th/cookies/",
    "en-cookies": "/en/cookies/",
    "th-home-dialog": "/th/saensuk/",
    "th-round": "/th/saensuk/budget/participatory-budget-2570/",
    "th-results": "/th/saensuk/budget/participatory-budget-2570/results/",
}


def run_axe(page, axe_source, name):
    # Evaluated, not added as an inline <script>: the page's policy would refuse that.
    page.evaluate(axe_source.read_text())
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    (AXE_DIR / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return results


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_or_critical_violation(site_url, open_page, axe_source, name):
    visit = open_page()
    page = visit.page
    visit.goto(site_url + AXE_PAGES[name])
    visit.wait_for_fonts()
    if name.endswith("-dialog"):
        page.locator("#consent-banner").get_by_role("link", name="ตั้งค่า", exact=True).click()
        expect(page.locator("dialog#consent-dialog[open]")).to_be_visible()

    results = run_axe(page, axe_source, name)

    assert results["passes"], "axe ran no checks at all"
    serious = [
        violation
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    report = "\n".join(
        f"- {violation['id']} ({violation['impact']}): {violation['help']} -> "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in serious
    )
    assert not serious, f"axe on {AXE_PAGES[name]} (see test-output/axe/{name}.json):\n{report}"
