"""A citizen takes part in the demo's widgets in a real browser, with and without a reload."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEBATE = "/th/saensuk/debates/nong-mon-creative-economy/"


def _sign_in(visit, site_url):
    visit.goto(f"{site_url}/th/participate/account/sign-in/?next={DEBATE}")
    visit.page.fill("#id_username", "somchai@saensuk.example")
    visit.page.fill("#id_password", "bokrao-demo")
    visit.page.click("form.form button[type=submit]")
    visit.page.wait_for_url(f"{site_url}{DEBATE}")


def test_anonymous_visitor_is_told_to_sign_in_and_gets_there(site_url, open_page):
    visit = open_page()
    visit.goto(site_url + DEBATE)
    widget = visit.page.locator(".widget").first
    assert "โปรดเข้าสู่ระบบ" in widget.inner_text()
    widget.locator("a").click()
    visit.page.wait_for_url("**/participate/account/sign-in/**")


def test_citizen_votes_and_changes_the_vote_without_a_reload(site_url, open_page):
    visit = open_page()
    _sign_in(visit, site_url)
    visit.page.evaluate("window.stillTheSamePage = true")
    widget = visit.page.locator(".widget").first

    widget.get_by_role("button", name="เห็นด้วย", exact=True).click()
    visit.page.wait_for_function(
        "() => document.querySelector('[data-vote-status]').textContent.length > 0"
    )
    assert (
        widget.get_by_role("button", name="เห็นด้วย", exact=True).get_attribute("aria-pressed")
        == "true"
    )
    assert widget.locator('[data-result="agree"]').inner_text() == "1"

    widget.get_by_role("button", name="ไม่เห็นด้วย").click()
    visit.page.wait_for_function(
        "() => document.querySelector('[data-result=\"disagree\"]').textContent === '1'"
    )
    assert widget.locator('[data-result="agree"]').inner_text() == "0"
    assert visit.page.evaluate("window.stillTheSamePage") is True
    assert visit.errors == []


def test_citizen_votes_without_javascript(site_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/th/participate/account/sign-in/?next={DEBATE}")
        page.fill("#id_username", "somchai@saensuk.example")
        page.fill("#id_password", "bokrao-demo")
        page.click("form.form button[type=submit]")
        page.locator(".widget").first.get_by_role("button", name="เป็นกลาง").click()
        page.wait_for_load_state()
        assert "บันทึกคะแนนเสียงของท่านแล้ว" in page.locator(".messages").inner_text()
        assert page.locator('[data-result="neutral"]').first.inner_text() == "1"
    finally:
        context.close()


VOTE = "/th/saensuk/votes/street-lighting-priorities/"


def test_citizen_answers_the_poll_with_two_choices_and_other_without_a_reload(site_url, open_page):
    visit = open_page()
    visit.goto(f"{site_url}/th/participate/account/sign-in/?next={VOTE}")
    visit.page.fill("#id_username", "somchai@saensuk.example")
    visit.page.fill("#id_password", "bokrao-demo")
    visit.page.click("form.form button[type=submit]")
    visit.page.wait_for_url(f"{site_url}{VOTE}")
    visit.page.evaluate("window.stillTheSamePage = true")
    poll = visit.page.locator(".widget--poll")

    # Three answers where two are allowed: refused, and told why.
    for label in ["ไฟส่องสว่างในซอย", "ท่อระบายน้ำ", "กล้องวงจรปิด"]:
        poll.get_by_label(label).check()
    poll.locator("button[type=submit]").click()
    visit.page.wait_for_function(
        "() => document.querySelector('.widget--poll [data-vote-status]').textContent.length > 0"
    )
    assert "2" in poll.locator("[data-vote-status]").inner_text()

    poll.get_by_label("กล้องวงจรปิด").uncheck()
    poll.get_by_label("ท่อระบายน้ำ").uncheck()
    poll.locator("input[value=other]").check()
    poll.locator("input[name=other]").fill("ลานกีฬาชุมชน")
    poll.locator("button[type=submit]").click()
    visit.page.wait_for_function(
        "() => document.querySelector('.widget--poll [data-result=\"other\"]').textContent === '1'"
    )
    first = poll.locator("[data-result]").first.inner_text()
    assert first == "1"  # lights in the lanes, the first option
    assert visit.page.evaluate("window.stillTheSamePage") is True
    assert visit.errors == []
