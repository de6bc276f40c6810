import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from consultation_blocks.models import Comment, Participant
from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.staff.permissions import may_moderate, may_see_report
from pb_pages.models import ConsultationPage, DebatePage, PlatformHomePage, ProcessIndexPage
from pb_pages.processes import ProcessType
from theme.models import CookieConsentSettings

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_consultation_of_each_process_in_thai_and_english(demo_home):
    for language in ["th", "en"]:
        home = demo_home.get_translation(Locale.objects.get(language_code=language))
        consultations = ConsultationPage.objects.live().descendant_of(home)
        open_now = [c for c in consultations if c.specific.state == "open"]
        assert sorted({c.process_type for c in open_now}) == sorted(ProcessType.values)
        # Two open debates and a closed one, an open draft and a closed one, an open
        # budget round and last year's (open too: its implementation step has no end, and
        # people comment on the projects' progress); one consultation of every other
        # process.
        assert sorted(c.process_type for c in consultations) == sorted(
            [
                *ProcessType.values,
                ProcessType.DEBATE,
                ProcessType.DEBATE,
                ProcessType.LEGISLATION,
                ProcessType.BUDGET,
            ]
        )
        assert [c.slug for c in consultations if c.specific.state == "closed"] == [
            "nong-mon-market-parking",
            "markets-2569",
        ]
    sections = ProcessIndexPage.objects.live().child_of(demo_home)
    assert sorted(s.process_type for s in sections) == sorted(ProcessType.values)
    assert all(s.show_in_menus for s in sections)


def test_every_thai_demo_page_has_a_live_english_translation_that_serves(demo_home, client):
    english_locale = Locale.objects.get(language_code="en")
    thai_pages = Page.objects.live().filter(locale__language_code="th").exclude(depth=1)
    # The platform's front page; Saen Suk's home, 5 sections, 9 consultations (3 of them
    # debates, 2 drafts, 2 budget rounds) and 2 information pages; Ratchathewi's home,
    # its section and its debate.
    assert thai_pages.count() == 21
    for page in thai_pages:
        english = page.get_translation_or_none(english_locale)
        assert english is not None and english.live, page.title
        assert english.title.isascii(), english.title
        assert english.url == page.url.replace("/th/", "/en/", 1)
        response = client.get(english.url)
        assert response.status_code == 200, english.url
        assert english.title.replace("'", "&#x27;") in response.content.decode()


def test_demo_site_root_is_the_platform_and_the_cookie_banner_links_to_privacy(demo_home):
    site = Site.objects.get(is_default_site=True)
    platform = demo_home.get_parent().specific
    assert isinstance(platform, PlatformHomePage)
    assert site.root_page_id == platform.pk
    assert Site.objects.count() == 1
    # Wagtail's "Welcome" page is gone: only the platform, in Thai and English.
    assert not Page.objects.filter(depth=2).exclude(translation_key=platform.translation_key)
    consent = CookieConsentSettings.for_site(site)
    assert consent.policy_page.slug == "privacy"


def test_loading_the_demo_again_changes_nothing(demo_home):
    pages_before = Page.objects.count()
    out = io.StringIO()

    call_command("load_demo_content", stdout=out)

    assert Page.objects.count() == pages_before
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert "already loaded" in out.getvalue()


def test_demo_admin_can_sign_in_and_uses_the_admin_in_thai(demo_home, client):
    assert client.login(username="admin", password="bokrao-demo")
    html = client.get("/admin/").content.decode()
    assert '<html lang="th"' in html


def test_demo_text_comes_from_the_seeds(demo_home, client):
    html = client.get("/th/saensuk/debates/nong-mon-creative-economy/").content.decode()
    assert "การพัฒนาหนองมนในเชิงเศรษฐกิจสร้างสรรค์เป็นประเด็นยุทธศาสตร์" in html
    html = client.get("/en/saensuk/debates/nong-mon-creative-economy/").content.decode()
    assert "creative-economy development of Nong Mon as a strategic issue" in html
    html = client.get("/th/ratchathewi/debates/pm25-dust/").content.decode()
    assert "ลงพื้นที่นำร่องใช้แพลตฟอร์ม บอกเรา ถึงรัฐ ในเขตราชเทวี" in html


def test_the_demo_budget_round_shows_its_phases_with_the_current_one(demo_home, client):
    """A round's steps in their order, supporting now: in Thai and in English."""
    budget = ConsultationPage.objects.descendant_of(demo_home).get(
        process_type=ProcessType.BUDGET, slug="participatory-budget-2571"
    )
    assert [span.kind.key for span in budget.timeline().spans()] == [
        "information",
        "submitting_projects",
        "reviewing_projects",
        "supporting_projects",
        "publishing_costs",
        "ballot",
        "counting",
        "results",
        "implementation",
    ]
    assert budget.current_phase.kind.key == "supporting_projects"
    thai = client.get(budget.url).content.decode()
    assert 'aria-current="step"' in thai
    assert "ลงคะแนนเลือกโครงการ" in thai
    english = budget.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()
    assert "Supporting projects" in html and "Publishing costs" in html


def test_the_demo_platform_lists_both_municipalities_by_province(demo_home, client):
    response = client.get("/th/")
    by_province = {
        group["province"]: [entry["municipality"].name for entry in group["municipalities"]]
        for group in response.context["provinces"]
    }
    assert by_province == {"กรุงเทพมหานคร": ["เขตราชเทวี"], "ชลบุรี": ["เทศบาลเมืองแสนสุข"]}
    html = response.content.decode()
    assert 'href="/th/ratchathewi/debates/pm25-dust/"' in html
    english = client.get("/en/").content.decode()
    assert "Ratchathewi District" in english and "Bangkok" in english


def test_each_demo_municipality_has_its_details_and_areas(demo_home):
    saensuk = Municipality.objects.get(home_page=demo_home)
    assert (saensuk.name, saensuk.province_en, saensuk.kind) == (
        "เทศบาลเมืองแสนสุข",
        "Chonburi",
        Municipality.Kind.TOWN,
    )
    assert saensuk.areas.count() >= 3 and all(area.population for area in saensuk.areas.all())
    ratchathewi = Municipality.objects.get(name="เขตราชเทวี")
    assert ratchathewi.kind == Municipality.Kind.BANGKOK_DISTRICT
    assert sorted(ratchathewi.areas.values_list("name", flat=True)) == sorted(
        ["ทุ่งพญาไท", "ถนนพญาไท", "ถนนเพชรบุรี", "มักกะสัน"]
    )


def test_each_demo_staff_account_works_for_its_municipality_only(demo_home):
    ratchathewi_debate = DebatePage.objects.get(slug="pm25-dust", locale__language_code="th")
    saensuk_debate = DebatePage.objects.get(
        slug="nong-mon-creative-economy", locale__language_code="th"
    )
    User = get_user_model()
    for username, theirs, other in [
        ("saensuk-staff", saensuk_debate, ratchathewi_debate),
        ("ratchathewi-staff", ratchathewi_debate, saensuk_debate),
    ]:
        staff = User.objects.get(username=username)
        assert staff.check_password("bokrao-demo") and staff.has_perm("wagtailadmin.access_admin")
        assert may_moderate(staff)
        assert theirs.permissions_for_user(staff).can_publish()
        assert may_see_report(staff, theirs) and not may_see_report(staff, other)
        assert not other.permissions_for_user(staff).can_edit()


def test_somchai_is_inside_in_saen_suk_and_outside_in_ratchathewi(demo_home):
    somchai = Participant.objects.get(user__username="somchai@saensuk.example")
    assert somchai.home_municipality.home_page_id == demo_home.pk and somchai.home_stated
    comments = {
        comment.municipality.name: comment.area
        for comment in Comment.objects.filter(participant=somchai).select_related("municipality")
    }
    assert comments == {"เทศบาลเมืองแสนสุข": "inside", "เขตราชเทวี": "outside"}


def test_on_the_demo_ratchathewi_staff_cannot_open_a_saen_suk_report_and_somchai_counts_by_place(
    demo_home, client
):
    from django.urls import reverse

    from consultation_blocks.participants.choices import Residence

    from .refusals import assert_refused_in_admin

    somchai = Participant.objects.get(user__username="somchai@saensuk.example")
    pages = {
        comment.municipality.name: int(comment.object_pk)
        for comment in Comment.objects.filter(participant=somchai).select_related("municipality")
    }
    client.force_login(get_user_model().objects.get(username="ratchathewi-staff"))
    assert_refused_in_admin(client.get(reverse("bokrao_report", args=[pages["เทศบาลเมืองแสนสุข"]])))
    assert client.get(reverse("bokrao_report", args=[pages["เขตราชเทวี"]])).status_code == 200

    # The platform administrator reads both: somchai is counted inside in one and
    # outside in the other (he is the only participant of the Ratchathewi debate).
    client.force_login(get_user_model().objects.get(username="admin"))

    def by_residence(page_id):
        counts = client.get(reverse("bokrao_report", args=[page_id])).context
        return dict(zip(Residence, counts["participants_by_area"], strict=True))

    assert by_residence(pages["เทศบาลเมืองแสนสุข"])[Residence.INSIDE] >= 1
    assert by_residence(pages["เขตราชเทวี"]) == {Residence.INSIDE: 0, Residence.OUTSIDE: 1}


def _beach_debate():
    return DebatePage.objects.get(slug="bang-saen-beach-tourism", locale__language_code="th")


def test_the_open_demo_debate_has_arguments_from_every_voter_group_with_reactions(
    demo_home, client
):
    from django_comments.models import CommentFlag

    from consultation_blocks.participants.choices import VoterGroup

    debate = _beach_debate()
    assert debate.state == "open"
    kinds = [child.block_type for child in debate.body]
    assert "paragraph" in kinds and "agree_disagree" in kinds and "comments" in kinds
    arguments = Comment.objects.filter(consultation=debate.translation_key)
    assert set(arguments.values_list("voter_group", flat=True)) == set(VoterGroup.values)
    assert arguments.filter(level__gt=0).exists()  # someone replied
    assert CommentFlag.objects.filter(comment__in=arguments).count() >= 10

    # Most agreed first: the four agreements with zoning the beach.
    html = client.get(debate.url + "?sort-" + arguments[0].widget + "=agreed").content.decode()
    assert html.index("ควรจัดโซนร่มและเก้าอี้") < html.index("ผู้ค้าริมหาดหลายครอบครัว")
    assert '<span data-count="like">4</span>' in html


def test_the_closed_demo_debate_shows_its_summary_and_next_steps_in_both_languages(
    demo_home, client
):
    closed = DebatePage.objects.get(slug="nong-mon-market-parking", locale__language_code="th")
    assert closed.state == "closed"
    thai = client.get(closed.url).content.decode()
    assert "ผู้ร่วมอภิปรายเห็นด้วยกับการจัดที่จอดรถรวมนอกตลาด" in thai
    assert "เทศบาลจะเปิดที่จอดรถรวมสองแห่ง" in thai
    english = closed.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()
    assert "shared car parks outside the market" in html
    assert "What the municipality will do next" in html
    # The open debate has no summary to show.
    assert "debate__outcome" not in client.get(_beach_debate().url).content.decode()


def test_the_demo_call_has_ten_proposals_answered_in_several_ways(demo_home):
    from consultation_blocks.proposals.choices import ProposalState as S
    from consultation_blocks.proposals.models import Proposal, StatusChange
    from consultation_blocks.proposals.services import supports_of
    from pb_pages.models import ProposalIndexPage

    call = ProposalIndexPage.objects.get(locale__language_code="th")
    assert (call.threshold_kind, int(call.threshold)) == ("number", 5)
    assert len(call.category_choices()) == 4
    proposals = Proposal.objects.filter(call=call)
    assert proposals.count() == 10
    assert set(proposals.values_list("state", flat=True)) == {
        S.DRAFT,
        S.PUBLISHED,
        S.UNDER_REVIEW,
        S.ACCEPTED,
        S.REJECTED,
        S.FORWARDED,
        S.IN_PROGRESS,
        S.DONE,
    }
    assert proposals.filter(featured_order__isnull=False).count() == 2
    # Past its threshold: the one with six supports.
    reached = proposals.get(threshold_reached_at__isnull=False)
    assert supports_of(reached).count() >= 5
    supporters = {vote.participant_id for proposal in proposals for vote in supports_of(proposal)}
    assert len(supporters) >= 6
    # Answers are in the history, with the office that gave them.
    rejected = proposals.get(state=S.REJECTED)
    answer = StatusChange.objects.get(proposal=rejected, to_state=S.REJECTED)
    assert answer.answer and answer.answered_as and answer.by.username == "saensuk-staff"
    forwarded = proposals.get(state=S.FORWARDED)
    assert forwarded.agency.kind == "district" and forwarded.agency_answer
    assert forwarded.agency_answered_at is not None


def test_the_demo_home_page_shows_featured_proposals(demo_home):
    blocks = [child.block_type for child in demo_home.body]
    assert blocks == ["featured_proposals"]
    assert demo_home.body[0].value["count"] == 3
    english = demo_home.get_translation(Locale.objects.get(language_code="en"))
    assert english.body[0].value["heading"] == "Featured proposals from Saen Suk"


def test_the_demo_home_page_renders_its_featured_proposals_and_the_area_plan_has_the_forwarded_one(
    demo_home, client
):
    import csv
    import io as text_io

    from consultation_blocks.proposals.models import Proposal

    featured = Proposal.objects.filter(featured_order__isnull=False).order_by("featured_order")
    home = client.get(demo_home.url).content.decode()
    block = home[home.index("featured-proposals") :]
    assert [p.title in block for p in featured] == [True, True]
    forwarded = Proposal.objects.get(state="forwarded")
    call = forwarded.call.specific
    answer = client.get(f"{call.url}area-plan/csv/")
    assert answer.status_code == 200
    rows = list(csv.DictReader(text_io.StringIO(answer.content.decode("utf-8-sig"))))
    assert forwarded.title in [row["title"] for row in rows]
    [row] = [row for row in rows if row["title"] == forwarded.title]
    assert forwarded.agency.name in row.values()


def test_loading_the_demo_again_adds_no_participation(demo_home):
    from consultation_blocks.models import Vote
    from consultation_blocks.proposals.models import Agency, Proposal

    before = [model.objects.count() for model in (Comment, Vote, Proposal, Agency, Participant)]
    call_command("load_demo_content", stdout=io.StringIO())
    after = [model.objects.count() for model in (Comment, Vote, Proposal, Agency, Participant)]
    assert after == before


WASTE_URL = "/th/saensuk/draft-regulations/waste-management-2570/"


def test_the_demo_waste_draft_reads_at_its_thai_url_in_two_versions_and_in_english(
    demo_home, client
):
    from consultation_blocks.drafts import versions
    from consultation_blocks.drafts.hearing import hearing_of, minimum_days
    from consultation_blocks.municipalities.services import municipality_of
    from consultation_blocks.timing import now
    from pb_pages.models import DraftRegulationPage

    page = DraftRegulationPage.objects.get(slug="waste-management-2570", locale__language_code="th")
    assert page.url == WASTE_URL
    html = client.get(WASTE_URL).content.decode()
    # The latest version: the fee lowered after the hearing's first ten days.
    assert "บ้านที่อยู่อาศัยซึ่งมีมูลฝอยไม่เกินวันละ ๒๐ ลิตร เดือนละ ๒๐ บาท" in html
    assert "จุดรวบรวมมูลฝอยที่เป็นพิษหรืออันตรายจากชุมชน" in html

    one, two = versions.versions_of(page)
    assert (one.number, two.number) == (1, 2)
    assert one.published_at < two.published_at < now() - timedelta(days=1)
    assert one.published_at < now() - timedelta(days=10)
    thai_one, _language = versions.entries_of(one, "th")
    assert any("เดือนละ ๔๐ บาท" in entry.get("text", "") for entry in thai_one)
    english_one, language = versions.entries_of(one, "en")
    english_two, _language = versions.entries_of(two, "en")
    assert language == "en"
    assert any("40 baht a month" in entry.get("text", "") for entry in english_one)
    assert any("20 baht a month" in entry.get("text", "") for entry in english_two)
    assert "lowered from 40 to 20 baht" in two.texts.get(locale__language_code="en").change_note

    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert english.url == WASTE_URL.replace("/th/", "/en/", 1)
    assert "20 baht a month" in client.get(english.url).content.decode()

    # The hearing is open for about twenty more days, and as long as the rule asks.
    hearing = hearing_of(page.timeline())
    assert hearing.state == "open" and 19 <= hearing.days_left <= 21
    assert hearing.closes_at - hearing.opens_at >= timedelta(
        days=minimum_days(municipality_of(page))
    )


def test_demo_comments_on_changed_paragraphs_show_as_on_version_1(demo_home, client):
    from consultation_blocks.drafts import versions
    from consultation_blocks.drafts.anchoring import is_current
    from consultation_blocks.models import Vote
    from pb_pages import demo_drafts as data
    from pb_pages.models import DraftRegulationPage

    page = DraftRegulationPage.objects.get(slug="waste-management-2570", locale__language_code="th")
    comments = Comment.objects.filter(consultation=page.translation_key).exclude(anchor="")
    assert comments.filter(anchor_version=1).count() == len(data.WASTE_COMMENTS_V1)
    assert comments.filter(anchor_version=2).count() == len(data.WASTE_COMMENTS_V2)
    assert comments.exclude(quote="").count() >= 10
    assert comments.filter(level__gt=0).exists()
    assert len(set(comments.values_list("voter_group", flat=True))) == 3
    since = versions.latest(page).since

    def key(name):
        return data.block_id(data.WASTE, name)

    # The lowered fee and the removed paragraph: on version 1. The stalls' duties moved
    # to the markets' clause unchanged: their comment stays on the current text.
    for name, current in [
        ("fee-household-small", False),
        ("payment-arrears", False),
        ("premises-stalls", True),
        ("burning", True),
    ]:
        comment = comments.filter(anchor=key(name), anchor_version=1).first()
        assert is_current(since, comment.anchor, comment.anchor_version) is current, name

    english = page.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(f"{english.url}comments/").content.decode()
    assert "on version 1" in html
    votes = Vote.objects.filter(consultation=page.translation_key).exclude(anchor="")
    assert votes.filter(choices=["agree"]).exists() and votes.filter(choices=["disagree"]).exists()


def test_the_closed_demo_markets_draft_has_comments_from_its_hearing(demo_home, client):
    from consultation_blocks.drafts import versions
    from consultation_blocks.drafts.report.models import HearingResponse
    from consultation_blocks.drafts.report.services import published_report
    from pb_pages import demo_drafts as data
    from pb_pages.models import DraftRegulationPage

    page = DraftRegulationPage.objects.get(slug="markets-2569", locale__language_code="th")
    assert page.state == "closed"
    [only] = versions.versions_of(page)
    comments = Comment.objects.filter(consultation=page.translation_key).exclude(anchor="")
    assert comments.count() == len(data.MARKET_COMMENTS)
    assert all(comment.submit_date < page.closes_at for comment in comments)
    assert only.published_at <= min(comment.submit_date for comment in comments)
    html = client.get(page.url).content.decode()
    assert "ตลาดในเขตเทศบาลเปิดได้ระหว่างเวลา ๐๔.๐๐ นาฬิกา" in html

    # The municipality answered its paragraphs and comments, each with a reason and the
    # office that answers, and published the report.
    report = published_report(page)
    assert report is not None and report.summary == data.MARKET_REPORT_SUMMARY[0]
    responses = HearingResponse.objects.filter(consultation=page.translation_key)
    assert responses.count() == len(data.MARKET_PARAGRAPH_RESPONSES) + len(
        data.MARKET_COMMENT_RESPONSES
    )
    assert set(responses.values_list("verdict", flat=True)) == {
        "accepted",
        "partly",
        "not_accepted",
    }
    assert set(responses.values_list("answered_as", flat=True)) == {data.MARKET_RESPONDER}
    assert responses.filter(comment__isnull=False).count() == len(data.MARKET_COMMENT_RESPONSES)
    html = client.get(f"{page.url}report/").content.decode()
    assert "เทศบาลจะจัดอบรมสุขาภิบาลอาหารโดยไม่เก็บค่าใช้จ่าย" in html
    assert "การอบรมสุขาภิบาลอาหารดีค่ะ" in html
    assert f'href="{page.url}report/"' in client.get(page.url).content.decode()
