"""A small phone (360 x 740): the first screen, the menu button, the weight of a first visit.

Run: .venv/bin/pytest tests/browser/test_phone_layout.py -q
"""

import pytest
from playwright.sync_api import expect

from .test_home_pages import run_axe

# Transactional, so the live server's thread sees the pages.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
PAGES = {
    "th-platform": "/th/",
    "th-home": "/th/saensuk/",
    "en-home": "/en/saensuk/",
    "th-consultation": "/th/saensuk/debates/nong-mon-creative-economy/",
    "en-consultation": "/en/saensuk/debates/nong-mon-creative-economy/",
    "th-call": "/th/saensuk/proposals/community-projects-2571/",
    # Last year's budget round: fifteen projects, then its results under both rules.
    "th-round": "/th/saensuk/budget/participatory-budget-2570/",
    "th-results": "/th/saensuk/budget/participatory-budget-2570/results/",
}
MENU = {"th": ("เมนู", "การอภิปราย"), "en": ("Menu", "Debates")}
BANNER_CHOICES = {
    "th": [("button", "ยอมรับทั้งหมด"), ("button", "เฉพาะที่จำเป็น"), ("link", "ตั้งค่า")],
    "en": [("button", "Accept all"), ("button", "Essential only"), ("link", "Settings")],
}
# Every byte of a first visit, fonts and icon included (R: at most 150 KiB).
BUDGET = 150 * 1024


@pytest.fixture
def small_phone(browser):
    """small_phone(javascript=True) -> a page in a fresh 360 x 740 context (no cookies)."""
    contexts = []

    def _open(javascript=True):
        context = browser.new_context(**SMALL_PHONE, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def _open_page(page, url):
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    # Playwright's own scripts run even where the page's may not: wait for the fonts,
    # which change the heights measured below.
    page.evaluate("() => document.fonts.ready.then(() => true)")


@pytest.mark.parametrize("name", list(PAGES))
def test_first_screen_shows_the_heading_above_the_cookie_banner(site_url, small_phone, name):
    language = name[:2]
    page = small_phone()
    _open_page(page, site_url + PAGES[name])

    banner = page.locator("#consent-banner")
    expect(banner).to_be_visible()
    heading = page.locator("h1").bounding_box()
    banner_box = banner.bounding_box()
    assert 0 <= heading["y"] < 740, heading
    # The whole heading is in sight: above the banner, not behind it.
    assert heading["y"] + heading["height"] <= banner_box["y"], (heading, banner_box)
    # The compact banner still offers every choice, all on the first screen.
    for role, label in BANNER_CHOICES[language]:
        choice = banner.get_by_role(role, name=label, exact=True).bounding_box()
        assert choice["y"] + choice["height"] <= 740, (label, choice)
        assert choice["height"] >= 44, (label, choice)  # a finger-sized target
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide on a 360px phone"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("language", ["th", "en"])
def test_menu_button_reveals_the_sections(site_url, small_phone, javascript, language):
    button_name, section = MENU[language]
    page = small_phone(javascript=javascript)
    _open_page(page, f"{site_url}/{language}/saensuk/")
    nav = page.get_by_role("navigation", name="เมนูหลัก" if language == "th" else "Main")
    link = page.get_by_role("link", name=section, exact=True).first

    button = page.locator("summary", has_text=button_name)
    expect(button).to_be_visible()
    expect(link).to_be_hidden()
    assert page.locator("details.site-menu").get_attribute("open") is None

    button.click()
    expect(link).to_be_visible()
    expect(nav).to_be_visible()
    link.click()
    page.wait_for_url(f"{site_url}/{language}/saensuk/debates/")
    expect(page.locator("h1")).to_have_text(section)


def test_menu_opens_and_closes_from_the_keyboard(site_url, small_phone):
    page = small_phone()
    _open_page(page, site_url + "/th/saensuk/")
    link = page.get_by_role("link", name="การอภิปราย", exact=True).first

    page.locator("summary.site-menu__button").focus()
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    page.keyboard.press("Enter")
    expect(link).to_be_hidden()


def test_wide_screen_shows_the_sections_without_a_menu_button(site_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        _open_page(page, site_url + "/th/saensuk/")
        expect(page.locator("summary.site-menu__button")).to_be_hidden()
        expect(page.get_by_role("link", name="การอภิปราย", exact=True).first).to_be_visible()
        expect(page.get_by_role("search")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("menu", ["closed", "open"])
def test_axe_finds_no_serious_violation_on_a_small_phone(site_url, small_phone, axe_source, menu):
    page = small_phone()
    _open_page(page, site_url + PAGES["th-consultation"])
    if menu == "open":
        page.locator("summary.site-menu__button").click()

    results = run_axe(page, axe_source, f"small-phone-menu-{menu}")

    assert results["passes"], "axe ran no checks at all"
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], [n["target"] for n in v["nodes"][:5]]) for v in serious]


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_404_page_on_a_small_phone(site_url, small_phone, axe_source, language):
    page = small_phone()
    response = page.goto(f"{site_url}/{language}/no-such-page/")
    assert response.status == 404
    heading = "ไม่พบหน้าที่ท่านต้องการ" if language == "th" else "Page not found"
    expect(page.locator("h1")).to_have_text(heading)
    box = page.locator("h1").bounding_box()
    assert box["y"] + box["height"] <= page.locator("#consent-banner").bounding_box()["y"]

    results = run_axe(page, axe_source, f"{language}-404")
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], [n["target"] for n in v["nodes"][:5]]) for v in serious]


@pytest.mark.parametrize(
    "name",
    ["th-platform", "th-home", "en-home", "th-consultation", "th-call", "th-round", "th-results"],
)
def test_a_first_visit_weighs_at_most_150_kib_with_fonts_and_icon(site_url, small_phone, name):
    total, listing = first_visit_weight(small_phone(), site_url + PAGES[name])
    assert total <= BUDGET, f"{total / 1024:.1f} KiB on a first visit:\n{listing}"


def first_visit_weight(page, url):
    """(bytes, a listing by address) of every response of a first visit to `url` in a
    fresh `page`, headers, fonts and the icons the page links to included. The draft
    reader's test weighs its pages with it too."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    _open_page(page, url)
    page.wait_for_load_state("networkidle")

    weights = {}
    for response in responses:
        sizes = response.request.sizes()
        weights[response.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
    # A browser asks for its icon outside the page's own requests: add the icons the
    # page links to (both, though a browser takes one) when they were not counted.
    for href in page.eval_on_selector_all('link[rel~="icon"]', "links => links.map(l => l.href)"):
        if href not in weights:
            icon = page.request.get(href)
            assert icon.ok, href
            weights[href] = len(icon.body()) + sum(
                len(k) + len(v) + 4 for k, v in icon.headers.items()
            )

    assert any(url.endswith(".woff2") for url in weights), "no font was loaded"
    assert any("favicon" in url for url in weights)
    listing = "\n".join(f"{size:>8} {url}" for url, size in sorted(weights.items()))
    return sum(weights.values()), listing
