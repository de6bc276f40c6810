"""Issue 14 on a phone: a participant builds a ballot in one part and sees the money left
change as projects come and go, is told why one does not fit, and submits; the page
never reloads (ballot.js), and it stays light."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .test_home_pages import run_axe
from .test_phone_layout import BUDGET, SMALL_PHONE, first_visit_weight

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VOTER = "somchai@saensuk.example"


@pytest.fixture
def ballot_round(site_url):
    """A round of its own under the demo municipality: one part of 1,000 baht and three
    projects on its ballot, balloting now."""
    from consultation_blocks.budgeting import factories as budget
    from consultation_blocks.participants.choices import VerificationLevel
    from pb_pages.factories import make_round, make_section
    from pb_pages.models import HomePage

    home = HomePage.objects.get(slug="saensuk", locale__language_code="th")
    section = make_section(home, "budget", title="งบทดสอบ", slug="ballot-test")
    page = make_round(
        section,
        parts=[budget.part("town", "ทั้งเมือง", 1000)],
        slug="pb-test",
        phases=budget.BALLOTING_NOW,
        # The demo's people have verified their email, as the demo rounds ask.
        ballot_verification=VerificationLevel.EMAIL,
    )
    projects = {
        cost: budget.make_project(page, "town", title, cost=cost)
        for cost, title in [(600, "ถนนคอนกรีต"), (500, "สวนสาธารณะ"), (300, "ไฟส่องทาง")]
    }
    return page, projects


def _part_url(page):
    return page.url + page.reverse_subpage("ballot_part", args=["town"])


def _sign_in(page, site_url, next_path):
    page.goto(f"{site_url}/th/participate/account/sign-in/?next={next_path}")
    page.fill("#id_username", VOTER)
    page.fill("#id_password", "bokrao-demo")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{site_url}{next_path}")


def _card(page, project):
    return page.locator(f"[data-ballot-project='{project.pk}']")


def test_the_money_left_changes_in_place_and_the_ballot_is_submitted(
    site_url, open_page, ballot_round
):
    from consultation_blocks.budgeting.models import Ballot

    round_page, projects = ballot_round
    visit = open_page()
    page = visit.page
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    url = _part_url(round_page)
    _sign_in(page, site_url, url)
    left = page.locator("[data-ballot-left]")
    expect(left).to_have_text("1,000")
    # Survives only while no page load happens: each step below must keep it.
    page.evaluate("() => { window.bokraoBallotMarker = 'still here'; }")

    _card(page, projects[600]).get_by_role("button").click()
    expect(left).to_have_text("400")
    expect(_card(page, projects[600]).locator("[data-ballot-chosen]")).to_be_visible()
    expect(page.locator("[data-ballot-meter]")).to_have_attribute("value", "400")

    _card(page, projects[500]).get_by_role("button").click()
    status = page.locator("[data-ballot-status]")
    expect(status).to_contain_text("500")
    expect(status).to_contain_text("400")
    expect(status).to_have_class("ballot__status ballot__status--refused")
    expect(left).to_have_text("400")

    _card(page, projects[600]).get_by_role("button").click()
    expect(left).to_have_text("1,000")
    _card(page, projects[500]).get_by_role("button").click()
    expect(left).to_have_text("500")

    page.locator("[data-ballot-submit-form] button").click()
    expect(page.locator("[data-ballot-submitted]")).to_be_visible()
    expect(page.locator("[data-ballot-submit-form]")).to_be_hidden()

    assert page.evaluate("() => window.bokraoBallotMarker") == "still here"
    assert page.url == f"{site_url}{url}"
    ballot = Ballot.objects.get(consultation=round_page.translation_key, part="town")
    assert ballot.submitted_at is not None
    lines = list(ballot.lines.values_list("project_id", "counted"))
    assert lines == [(projects[500].pk, True)]
    assert visit.errors == [] and visit.blocked == []
    # The refusal answers 400 (the views' way), which Chromium logs; nothing else may.
    # The forms post to the ballot endpoint, naming the round and the part.
    assert visit.failures == [f"400 {site_url}/th/participate/ballot/"]
    assert [m for m in console_errors if "status of 400" not in m] == []


def test_without_javascript_the_forms_still_add_and_refuse(site_url, browser, ballot_round):
    round_page, projects = ballot_round
    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        url = _part_url(round_page)
        _sign_in(page, site_url, url)
        _card(page, projects[600]).get_by_role("button").click()
        page.wait_for_load_state()
        expect(page.locator("[data-ballot-left]")).to_have_text("400")
        expect(page.locator("meter[data-ballot-meter]")).to_have_attribute("value", "400")
        _card(page, projects[500]).get_by_role("button").click()
        page.wait_for_load_state()
        assert page.url == f"{site_url}{url}"
        expect(page.locator(".messages")).to_contain_text("400")
    finally:
        context.close()


def test_a_first_visit_to_the_ballot_weighs_at_most_150_kib(site_url, browser, ballot_round):
    round_page, _projects = ballot_round
    context = browser.new_context(**SMALL_PHONE)
    try:
        total, listing = first_visit_weight(context.new_page(), site_url + _part_url(round_page))
        assert total <= BUDGET, f"{total / 1024:.1f} KiB on a first visit:\n{listing}"
        assert "ballot.js" in listing
    finally:
        context.close()


def test_axe_finds_no_serious_violation_on_the_ballot(
    site_url, open_page, axe_source, ballot_round
):
    round_page, projects = ballot_round
    visit = open_page()
    page = visit.page
    _sign_in(page, site_url, _part_url(round_page))
    _card(page, projects[600]).get_by_role("button").click()
    expect(page.locator("[data-ballot-left]")).to_have_text("400")
    visit.wait_for_fonts()

    results = run_axe(page, axe_source, "th-budget-ballot")

    assert results["passes"], "axe ran no checks at all"
    serious = [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
