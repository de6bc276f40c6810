"""Issue 4's journey in a real browser: a citizen signs up, confirms, comments and votes;
a moderator hides the comment, and the page then shows why."""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEBATE = "/th/saensuk/debates/nong-mon-creative-economy/"
EMAIL = "ploy@saensuk.example"
COMMENT = "อยากให้มีตลาดนัดศิลปะทุกเสาร์ที่หนองมน"
REASON = "ทดสอบการซ่อนโดยผู้ดูแล"


def test_sign_up_confirm_comment_vote_and_a_moderator_hides_the_comment(
    site_url, open_page, browser
):
    visit = open_page()
    page = visit.page

    # Sign up, straight back to the consultation.
    visit.goto(f"{site_url}/th/participate/account/sign-up/?next={DEBATE}")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password", "saen-suk-2569-ploy")
    page.fill("#id_display_name", "พลอย")
    page.check("#id_voter_group_0")
    page.select_option("#id_home", label="เทศบาลเมืองแสนสุข")
    page.check("#id_accept_privacy")
    page.click("form.form button[type=submit]")
    # Sign-up signs no one in (it answers the same for an address that has an account):
    # it says to open the emailed link.
    page.wait_for_url(re.compile(r".*/participate/account/sign-in/\?next="))
    assert EMAIL in page.locator("main").inner_text()

    # The confirmation link from the email signs in and returns to the consultation.
    [message] = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)
    visit.goto(link)
    page.wait_for_url(f"{site_url}{DEBATE}")

    # Vote without a reload.
    page.evaluate("window.stillTheSamePage = true")
    vote = page.locator(".widget").first
    vote.get_by_role("button", name="เห็นด้วย", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"agree\"]').textContent === '1'"
    )

    # Comment without a reload: it appears in the thread at once.
    comments = page.locator("[data-comments]")
    comments.locator("textarea[name=text]").first.fill(COMMENT)
    comments.locator("form[data-comment-form] button[type=submit]").first.click()
    page.wait_for_selector(f"[data-comment-list] >> text={COMMENT}")
    assert page.evaluate("window.stillTheSamePage") is True
    assert "พลอย" in comments.locator("[data-comment-list]").inner_text()
    assert visit.errors == []

    # A moderator hides it in the Wagtail admin, with a reason.
    staff = browser.new_context()
    admin = staff.new_page()
    try:
        admin.goto(f"{site_url}/admin/login/")
        admin.fill("#id_username", "admin")
        admin.fill("#id_password", "bokrao-demo")
        admin.click("button[type=submit]")
        admin.wait_for_url(f"{site_url}/admin/")
        admin.goto(f"{site_url}/admin/bokrao/moderation/?state=published")
        item = admin.locator(".bokrao-moderation__item", has_text=COMMENT)
        item.locator("input[name=reason]").fill(REASON)
        item.locator("button[value=hide]").click()
        admin.wait_for_load_state()
        assert REASON in admin.locator("table.listing").inner_text()  # the moderation log
    finally:
        staff.close()

    # Everyone now reads the reason in its place.
    visit.goto(site_url + DEBATE)
    thread = page.locator("[data-comment-list]").inner_text()
    assert REASON in thread
    assert COMMENT not in thread
