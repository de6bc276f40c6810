"""Issue 13's journey on a phone, on the demo site: a citizen opens a draft regulation,
taps a paragraph, comments on it and sees its count go up without a reload; selects
words of another paragraph and comments on them; staff publish version 2, which rewords
the first paragraph only: the first comment now shows as "on version 1" with the text it
answered, the second stays on its paragraph. Then the reader without JavaScript (a page
per paragraph), and the weight of a first visit to the reader and to a paragraph."""

import copy

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOT_DIR
from .test_home_pages import run_axe
from .test_phone_layout import BUDGET, SMALL_PHONE, first_visit_weight

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEE = "อัตราค่าเก็บขนมูลฝอยสำหรับบ้านเรือนเดือนละสี่สิบบาท"
PENALTY = "ผู้ใดฝ่าฝืนข้อ ๓ ต้องระวางโทษปรับไม่เกินสองพันบาท"
QUOTED = "ไม่เกินสองพันบาท"
ON_FEE = "สี่สิบบาทแพงไปสำหรับผู้สูงอายุที่อยู่คนเดียว"
ON_PENALTY = "ค่าปรับสองพันบาทสูงเกินไปสำหรับครั้งแรก ควรตักเตือนก่อน"
ANSWER = "เทศบาลลดค่าธรรมเนียมเหลือเดือนละสามสิบบาทในฉบับที่สอง และจะยกเว้นให้ผู้สูงอายุที่อยู่คนเดียว"


def _text(fee=FEE):
    from consultation_blocks.drafts import factories as f

    return [
        f.chapter(
            "บททั่วไป",
            f.section(f.paragraph("เทศบัญญัตินี้เรียกว่า เทศบัญญัติการจัดการมูลฝอย", key="name")),
            f.section(f.paragraph("ให้ใช้บังคับเมื่อพ้นสามสิบวันนับแต่วันประกาศ", key="start")),
        ),
        f.chapter(
            "ค่าธรรมเนียมและบทลงโทษ",
            f.section(f.paragraph(fee, key="fee"), title="ค่าธรรมเนียม"),
            f.section(f.paragraph(PENALTY, key="penalty"), title="บทลงโทษ"),
        ),
    ]


@pytest.fixture
def draft(site_url):
    """A draft under the demo municipality, its hearing open, version 1 published."""
    from pb_pages.factories import make_draft, make_section
    from pb_pages.models import HomePage

    home = HomePage.objects.get(slug="saensuk", locale__language_code="th")
    section = make_section(home, "legislation", title="ร่างกฎหมาย", slug="journey-drafts")
    return make_draft(section, _text(), slug="waste", title="ร่างเทศบัญญัติการจัดการมูลฝอย")


def _sign_in(page, site_url, next_path):
    page.goto(f"{site_url}/th/participate/account/sign-in/?next={next_path}")
    page.fill("#id_username", "somchai@saensuk.example")
    page.fill("#id_password", "bokrao-demo")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{site_url}{next_path}")


def _essential_cookies_only(page):
    banner = page.locator("#consent-banner")
    if banner.is_visible():
        banner.get_by_role("button", name="เฉพาะที่จำเป็น").click()


def _select_words(page, key, words):
    """Select `words` inside paragraph `key`'s text, as a finger or a mouse would."""
    page.evaluate(
        """([key, words]) => {
            const text = document.querySelector(`#p-${key} [data-paragraph-text]`).firstChild;
            const start = text.data.indexOf(words);
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [key, words],
    )


def _publish_version_2(page, staff):
    """Staff reword the fee (the penalty stays) and publish version 2 (the service; the
    staff's screen for it is not on main yet)."""
    from consultation_blocks.drafts import versions

    page = page.specific_class.objects.get(pk=page.pk)
    page.text = copy.deepcopy(_text(fee=FEE.replace("สี่สิบ", "สามสิบ")))
    page.save_revision(user=staff).publish()
    return versions.publish_version(page, staff, "ลดค่าธรรมเนียมเหลือเดือนละสามสิบบาท")


def test_a_citizen_annotates_on_a_phone_and_the_comments_survive_version_2(
    site_url, open_page, draft
):
    from django.contrib.auth import get_user_model

    from consultation_blocks.comments.models import Comment

    visit = open_page()
    page = visit.page
    _sign_in(page, site_url, draft.url)
    _essential_cookies_only(page)
    page.evaluate("window.stillTheSamePage = true")

    # Tapping the paragraph opens its comments below it, the focus on its heading.
    page.locator("#p-fee p").tap()
    panel = page.locator(".draft__opened [data-paragraph-panel='fee']")
    expect(panel).to_be_visible()
    assert page.evaluate(
        "document.querySelector('#p-fee').nextElementSibling.classList.contains('draft__opened')"
    ), "on a phone the panel sits below its paragraph"
    assert page.evaluate("document.activeElement.id") == "panel-heading-fee"
    assert panel.get_attribute("aria-labelledby") == "panel-heading-fee"
    expect(page.locator("[data-draft-status]")).not_to_be_empty()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "th-draft-paragraph-open-phone.png"))

    # A comment: the count in the text and in the contents goes up, no reload.
    panel.locator("textarea[name=text]").fill(ON_FEE)
    panel.locator("form[data-comment-form] button[type=submit]").click()
    expect(panel.locator(".comment__text", has_text=ON_FEE)).to_be_visible()
    fee_count = page.locator("#p-fee [data-count-text]")
    expect(fee_count).to_have_text("1 ความคิดเห็น")
    assert "1 ความคิดเห็น" in page.locator("#p-fee [data-open-paragraph]").get_attribute("aria-label")
    section_key, chapter_key = page.locator("#p-fee").get_attribute("data-parts").split()
    for part in (section_key, chapter_key):
        expect(
            page.locator(f".draft__contents [data-part='{part}'] [data-part-count]")
        ).to_have_text("1")

    # Escape closes it and gives the focus back to the paragraph's count.
    page.locator("#panel-heading-fee").focus()
    page.keyboard.press("Escape")
    expect(page.locator(".draft__opened")).to_have_count(0)
    assert page.evaluate("document.activeElement.closest('#p-fee') !== null")

    # Selected words: "Comment on these words" opens the paragraph with them quoted.
    _select_words(page, "penalty", QUOTED)
    quote = page.get_by_role("button", name="แสดงความคิดเห็นต่อถ้อยคำเหล่านี้")
    expect(quote).to_be_visible()
    quote.tap()
    penalty_panel = page.locator(".draft__opened [data-paragraph-panel='penalty']")
    expect(penalty_panel).to_be_visible()
    expect(penalty_panel.locator("[data-quote-field]")).to_have_value(QUOTED)
    penalty_panel.locator("textarea[name=text]").fill(ON_PENALTY)
    penalty_panel.locator("form[data-comment-form] button[type=submit]").click()
    expect(penalty_panel.locator(".comment__quote", has_text=QUOTED)).to_be_visible()
    expect(page.locator("#p-penalty [data-count-text]")).to_have_text("1 ความคิดเห็น")
    assert page.evaluate("window.stillTheSamePage") is True
    assert visit.errors == []
    stored = {
        c.anchor: (c.anchor_version, c.quote)
        for c in Comment.objects.filter(consultation=draft.translation_key)
    }
    assert stored == {"fee": (1, ""), "penalty": (1, QUOTED)}

    # Staff publish version 2: the fee is reworded, the penalty is not.
    staff = get_user_model().objects.get(username="saensuk-staff")
    _publish_version_2(draft, staff)

    visit.goto(site_url + draft.url)
    expect(page.locator("#p-fee [data-count-text]")).to_have_text("0 ความคิดเห็น")
    expect(page.locator("#p-fee .hint")).to_have_text("และอีก 1 ต่อฉบับอื่น")
    expect(page.locator("#p-penalty [data-count-text]")).to_have_text("1 ความคิดเห็น")
    # The penalty's comment is still on its paragraph, with no note of another version.
    page.locator("#p-penalty p").tap()
    penalty_panel = page.locator(".draft__opened [data-paragraph-panel='penalty']")
    expect(penalty_panel.locator(".comment__text", has_text=ON_PENALTY)).to_be_visible()
    expect(penalty_panel.locator(".comment__version")).to_have_count(0)
    # The fee's comment shows as on version 1, with the text it answered one click away.
    page.keyboard.press("Escape")
    page.locator("#p-fee p").tap()
    fee_panel = page.locator(".draft__opened [data-paragraph-panel='fee']")
    note = fee_panel.locator(".comment__version")
    expect(note).to_contain_text("ฉบับที่ 1")
    note.locator("summary").tap()
    expect(note.locator("blockquote")).to_have_text(FEE)
    assert visit.errors == []

    # Staff answer the fee comment and, once the hearing has closed, publish the
    # hearing report: the citizen reads it with their comment and its answer.
    from datetime import timedelta

    from consultation_blocks.drafts.report import services as report
    from consultation_blocks.timing import frozen_at, now

    on_fee = Comment.objects.get(consultation=draft.translation_key, anchor="fee")
    report.respond(
        staff,
        draft,
        comment=on_fee,
        verdict="partly",
        reason=ANSWER,
        answered_as="กองสาธารณสุขและสิ่งแวดล้อม",
    )
    with frozen_at(now() + timedelta(days=30)):
        report.publish_report(staff, draft, "สรุปผลการรับฟังความคิดเห็นต่อร่างเทศบัญญัติ")
        visit.goto(site_url + draft.url)
        expect(page.locator(".hearing h2")).to_have_text("ปิดรับฟังความคิดเห็นแล้ว เผยแพร่รายงานผลแล้ว")
        page.get_by_role("link", name="อ่านรายงานผลการรับฟังความคิดเห็น").first.tap()
        page.wait_for_url(f"{site_url}{draft.url}report/")
        expect(page.get_by_text(ON_FEE).first).to_be_visible()
        expect(page.get_by_text(ANSWER).first).to_be_visible()
        expect(page.get_by_text("ยอมรับบางส่วน").first).to_be_visible()
        page.screenshot(path=str(SCREENSHOT_DIR / "th-draft-hearing-report-phone.png"))
    assert visit.errors == []


def test_the_reader_works_without_javascript(site_url, browser, draft):
    context = browser.new_context(**SMALL_PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        _sign_in(page, site_url, draft.url)
        # The count is a link to the paragraph's own page, with its form.
        page.locator("#p-fee [data-open-paragraph]").click()
        page.wait_for_url(f"{site_url}{draft.url}p/fee/")
        expect(page.locator("h1")).to_have_text("ข้อ ๓")
        page.fill("[data-quote-field]", "สี่สิบบาท")
        page.fill("textarea[name=text]", ON_FEE)
        page.locator("form[data-comment-form] button[type=submit]").click()
        page.wait_for_url(f"{site_url}{draft.url}p/fee/*")
        expect(page.locator(".comment__quote", has_text="สี่สิบบาท")).to_be_visible()
        # Back in the text, its count says so.
        page.locator("article header a", has_text=draft.title).click()
        expect(page.locator("#p-fee [data-count-text]")).to_have_text("1 ความคิดเห็น")
    finally:
        context.close()


@pytest.mark.parametrize("where", ["reader", "paragraph"])
def test_a_first_visit_to_the_draft_weighs_at_most_150_kib(site_url, browser, draft, where):
    context = browser.new_context(**SMALL_PHONE)
    try:
        url = site_url + draft.url + ("p/fee/" if where == "paragraph" else "")
        total, listing = first_visit_weight(context.new_page(), url)
        assert total <= BUDGET, f"{total / 1024:.1f} KiB on a first visit:\n{listing}"
        assert "drafts.js" in listing
    finally:
        context.close()


LONG_PARAGRAPH = (
    "ให้ผู้ประกอบกิจการตลาดและผู้ค้าแผงลอยคัดแยกมูลฝอยออกเป็นมูลฝอยทั่วไป มูลฝอยอินทรีย์ "
    "มูลฝอยรีไซเคิล และมูลฝอยอันตราย ใส่ภาชนะที่เทศบาลกำหนดไว้ตามสีของภาชนะ และนำไปวางไว้ "
    "ณ จุดรวบรวมตามวันและเวลาที่เจ้าพนักงานท้องถิ่นประกาศ ข้อ {n}"
)


@pytest.fixture
def long_draft(site_url):
    """A draft of 300 paragraphs of the length real ordinances have (about 200 Thai
    characters each): the longest the reader shows on one page."""
    from consultation_blocks.drafts import factories as f
    from pb_pages.factories import make_draft, make_section
    from pb_pages.models import HomePage

    home = HomePage.objects.get(slug="saensuk", locale__language_code="th")
    section = make_section(home, "legislation", title="ร่างยาว", slug="long-drafts")
    text = [
        f.chapter(
            f"หมวด {c + 1}",
            *[
                f.section(
                    LONG_PARAGRAPH.format(n=c * 50 + s * 2 + 1),
                    LONG_PARAGRAPH.format(n=c * 50 + s * 2 + 2),
                )
                for s in range(25)
            ],
        )
        for c in range(6)
    ]
    return make_draft(section, text, slug="long", title="ร่างเทศบัญญัติยาว")


def test_a_first_visit_to_a_draft_of_300_paragraphs_weighs_at_most_150_kib(
    site_url, browser, long_draft
):
    context = browser.new_context(**SMALL_PHONE)
    try:
        total, listing = first_visit_weight(context.new_page(), site_url + long_draft.url)
        assert total <= BUDGET, f"{total / 1024:.1f} KiB on a first visit:\n{listing}"
    finally:
        context.close()


def test_axe_finds_no_serious_violation_in_the_reader_with_a_paragraph_open(
    site_url, open_page, axe_source, draft
):
    visit = open_page()
    page = visit.page
    _sign_in(page, site_url, draft.url)
    _essential_cookies_only(page)
    page.locator("#p-penalty p").tap()
    expect(page.locator(".draft__opened [data-paragraph-panel='penalty']")).to_be_visible()
    visit.wait_for_fonts()

    results = run_axe(page, axe_source, "th-draft-reader-open")

    assert results["passes"], "axe ran no checks at all"
    serious = [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_on_a_wide_screen_the_keyboard_opens_a_paragraph_beside_the_text(
    site_url, open_page, draft
):
    visit = open_page(desktop=True)
    page = visit.page
    visit.goto(site_url + draft.url)
    _essential_cookies_only(page)

    page.locator("#p-fee [data-open-paragraph]").focus()
    page.keyboard.press("Enter")
    panel = page.locator("[data-panel-slot] [data-paragraph-panel='fee']")
    expect(panel).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "panel-heading-fee"
    text, beside = page.locator("#p-fee").bounding_box(), panel.bounding_box()
    assert beside["x"] >= text["x"] + text["width"], "the panel sits beside the text"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "th-draft-paragraph-open-wide.png"))
    page.keyboard.press("Escape")
    expect(page.locator(".draft__opened")).to_have_count(0)

    # Space, as on a button, opens the next one; the address is still the reader's.
    page.locator("#p-penalty [data-open-paragraph]").focus()
    page.keyboard.press(" ")
    expect(page.locator("[data-panel-slot] [data-paragraph-panel='penalty']")).to_be_visible()
    assert page.url == site_url + draft.url
    assert visit.errors == []
