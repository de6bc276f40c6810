"""The pages work under their Content-Security-Policy: nothing the site serves is refused,
on the public pages (strict) nor in the Wagtail admin (its own, looser policy)."""

import pytest
from django.contrib.auth import get_user_model

from pb_pages.models import DebatePage

from .conftest import watch_the_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEBATE = "/th/saensuk/debates/nong-mon-creative-economy/"


def test_public_pages_and_their_scripts_run_under_the_strict_policy(site_url, open_page):
    visit = open_page()
    page = visit.page
    for path in (
        "/th/",
        "/en/",
        DEBATE,
        "/th/search/?q=หนองมน",
        "/th/participate/account/sign-in/",
    ):
        response = visit.goto(site_url + path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")

    # consent.js and participate.js ran: the settings dialog opens in place, and a signed-in
    # participant's vote is answered without a reload.
    visit.goto(site_url + DEBATE)
    page.locator("#consent-banner").get_by_role("link", name="ตั้งค่า", exact=True).click()
    page.locator("dialog#consent-dialog[open]").wait_for()
    visit.goto(f"{site_url}/th/participate/account/sign-in/?next={DEBATE}")
    page.fill("#id_username", "somchai@saensuk.example")
    page.fill("#id_password", "bokrao-demo")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{site_url}{DEBATE}")
    page.locator(".widget").first.get_by_role("button", name="เห็นด้วย", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('[data-vote-status]').textContent.length > 0"
    )

    assert visit.blocked == []
    assert visit.errors == []


def test_the_admin_works_under_its_own_policy(site_url, browser):
    get_user_model().objects.create_superuser("csp-admin", "csp@saensuk.example", "pw-csp-4tq9")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    blocked, errors = [], []
    watch_the_policy(page, blocked)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{site_url}/admin/login/")
        page.fill("#id_username", "csp-admin")
        page.fill("#id_password", "pw-csp-4tq9")
        page.click("button[type=submit]")
        page.wait_for_url(f"{site_url}/admin/")
        page_id = DebatePage.objects.get(
            url_path__endswith="/nong-mon-creative-economy/", locale__language_code="th"
        ).pk
        for path in (
            f"/admin/pages/{page_id}/edit/",  # StreamField, rich text, phases' inline panel
            f"/admin/pages/{page_id}/",
            "/admin/bokrao/moderation/",
            f"/admin/bokrao/report/{page_id}/",
            f"/admin/bokrao/on-site/{page_id}/",
            "/admin/images/",
        ):
            response = page.goto(site_url + path)
            assert response.status == 200, path
            assert "'unsafe-inline'" in response.headers["content-security-policy"]
            page.wait_for_load_state("networkidle")
        # The editor's live preview is framed by the admin (X-Frame-Options: SAMEORIGIN).
        page.goto(f"{site_url}/admin/pages/{page_id}/edit/")
        page.locator('[data-side-panel-toggle="preview"]').click()
        page.frame_locator("iframe#w-preview-iframe").locator("main#main").wait_for()
    finally:
        context.close()

    assert blocked == []
    assert errors == []
