"""Issue 12's journey on a phone, on the demo site: a citizen submits a proposal and is
shown similar ones while typing its title; others support it past the threshold; staff
accept it with an answer; an editor features it; the home page shows it."""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL = "/th/saensuk/proposals/community-projects-2571/"
HOME = "/th/saensuk/"
TITLE = "ไฟส่องสว่างในซอยหลังตลาดหนองมน"
ANSWER = "เทศบาลรับข้อเสนอ จะติดไฟส่องสว่างในซอยหลังตลาดภายในปีงบประมาณ 2571"
# Demo citizens who support it (the call's threshold is 5 supports).
SUPPORTERS = ["malee", "prasert", "wanida", "niran", "kanya"]


def _sign_in(visit, site_url, next_path):
    visit.goto(f"{site_url}/th/participate/account/sign-in/?next={next_path}")
    visit.page.fill("#id_username", "somchai@saensuk.example")
    visit.page.fill("#id_password", "bokrao-demo")
    visit.page.click("form.form button[type=submit]")
    visit.page.wait_for_url(f"{site_url}{next_path}")


def test_submit_support_accept_feature_and_the_home_page_shows_it(site_url, open_page, browser):
    from consultation_blocks.participants.models import Participant
    from consultation_blocks.proposals import services
    from consultation_blocks.proposals.models import Proposal

    visit = open_page()
    page = visit.page
    _sign_in(visit, site_url, CALL)

    # The call offers the form; typing the title shows the similar demo proposal.
    page.get_by_role("link", name="เสนอความคิด").click()
    page.wait_for_url(f"{site_url}{CALL}new/")
    page.fill("#id_title", TITLE)
    hint = page.locator("[data-similar-proposals]")
    hint.wait_for(state="visible")
    assert "ไฟส่องสว่างในซอยรอบตลาดหนองมน" in hint.inner_text()

    page.fill("#id_summary", "ซอยหลังตลาดหนองมนไม่มีไฟเลย ผู้ค้ากลับบ้านดึกไม่ปลอดภัย")
    page.fill(
        "#id_description",
        "ขอให้เทศบาลติดไฟส่องสว่างพลังงานแสงอาทิตย์ในซอยหลังตลาดหนองมนอย่างน้อยห้าจุด",
    )
    page.select_option("#id_category", label="ความปลอดภัย")
    page.check("#id_within_powers_0")
    page.get_by_role("button", name="ส่งข้อเสนอ").click()
    page.wait_for_url(re.compile(rf".*{CALL}p/\d+/$"))
    assert TITLE in page.locator("h1").inner_text()
    assert visit.errors == []
    proposal = Proposal.objects.get(title=TITLE)

    # Others support it past the threshold (the vote service, as their phones would);
    # the last one marks it and staff are emailed.
    call = proposal.call.specific
    for key in SUPPORTERS:
        supporter = Participant.objects.get(user__username=f"{key}@saensuk.example")
        services.support(supporter, proposal, call)
    proposal.refresh_from_db()
    assert proposal.threshold_reached_at is not None
    assert any("เกณฑ์" in message.subject for message in mail.outbox)
    visit.goto(page.url)
    assert page.locator("[role=progressbar]").get_attribute("aria-valuenow") == "5"

    # Staff accept it with an answer, and feature it first, in the Wagtail admin.
    staff = browser.new_context()
    admin = staff.new_page()
    try:
        admin.goto(f"{site_url}/admin/login/")
        admin.fill("#id_username", "saensuk-staff")
        admin.fill("#id_password", "bokrao-demo")
        admin.click("button[type=submit]")
        admin.wait_for_url(f"{site_url}/admin/")
        admin.goto(f"{site_url}/admin/bokrao/proposals/{proposal.pk}/")
        answering = admin.locator("form[action$='/state/']")
        answering.locator("select[name=to_state]").select_option("accepted")
        answering.locator("textarea[name=answer]").fill(ANSWER)
        answering.locator("button[type=submit]").click()
        admin.wait_for_load_state()
        featuring = admin.locator("form[action$='/feature/']")
        featuring.locator("input[name=order]").fill("0")
        featuring.locator("button[type=submit]").first.click()
        admin.wait_for_load_state()
    finally:
        staff.close()
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert proposal.featured_order == 0

    # The citizen reads the answer in its history, and was emailed it.
    visit.goto(page.url)
    assert ANSWER in page.locator(".history").inner_text()
    assert any(
        "somchai@saensuk.example" in message.to and ANSWER in message.body
        for message in mail.outbox
    )

    # The home page's featured block shows it first.
    visit.goto(site_url + HOME)
    featured = page.locator(".featured-proposals")
    assert featured.locator("h3").first.inner_text() == TITLE
    assert visit.errors == []
