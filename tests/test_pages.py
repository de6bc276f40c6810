from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from consultation_blocks.timing import WindowState, now, window_state
from pb_pages import listings
from pb_pages.factories import make_consultation, make_round, make_section
from pb_pages.models import (
    BudgetRoundPage,
    DebatePage,
    DraftRegulationPage,
    HomePage,
    ProcessIndexPage,
    VotePage,
)
from pb_pages.processes import ProcessType

pytestmark = pytest.mark.django_db


def test_home_lists_open_consultations_under_their_process_in_the_seeds_order(home):
    debates = make_section(home, "debate")
    budget = make_section(home, "budget")
    debate = make_consultation(debates, DebatePage, title="ถนนหนองมน")
    round_ = make_round(budget, title="งบประมาณ 2571")

    processes = listings.open_consultations_by_process(home)

    assert [p["type"] for p in processes] == [
        "debate", "proposals", "vote", "legislation", "budget"
    ]  # fmt: skip
    by_type = {p["type"]: p for p in processes}
    assert [c.pk for c in by_type["debate"]["consultations"]] == [debate.pk]
    assert [c.pk for c in by_type["budget"]["consultations"]] == [round_.pk]
    assert by_type["vote"]["consultations"] == []
    assert by_type["debate"]["section"].pk == debates.pk
    assert by_type["vote"]["section"] is None


def test_home_leaves_out_upcoming_closed_and_unpublished_consultations(home):
    debates = make_section(home, "debate")
    make_consultation(debates, title="ยังไม่เปิด", opens_in_days=2, closes_in_days=10)
    make_consultation(debates, title="ปิดแล้ว", opens_in_days=-10, closes_in_days=-1)
    draft = make_consultation(debates, title="ฉบับร่าง")
    draft.unpublish()

    processes = listings.open_consultations_by_process(home)

    assert processes[0]["consultations"] == []


def test_window_opens_at_its_opening_instant_and_closes_at_its_closing_instant():
    opens, closes = now(), now() + timedelta(days=1)
    assert window_state(opens, closes, at=opens - timedelta(seconds=1)) == WindowState.UPCOMING
    assert window_state(opens, closes, at=opens) == WindowState.OPEN
    assert window_state(opens, closes, at=closes - timedelta(seconds=1)) == WindowState.OPEN
    assert window_state(opens, closes, at=closes) == WindowState.CLOSED


def test_open_listing_agrees_with_window_state_at_the_boundaries(home):
    debates = make_section(home, "debate")
    page = make_consultation(debates)
    at_opening = page.opens_at
    at_closing = page.closes_at

    def open_ids(at):
        return [
            c.pk for c in listings.open_consultations_by_process(home, at=at)[0]["consultations"]
        ]

    assert open_ids(at_opening) == [page.pk]
    assert open_ids(at_closing) == []
    assert window_state(page.opens_at, page.closes_at, at_closing) == WindowState.CLOSED


def test_section_page_shows_open_then_upcoming_then_closed(home, client):
    debates = make_section(home, "debate", title="การอภิปราย", slug="debates")
    make_consultation(debates, title="เรื่องที่ปิดแล้ว", opens_in_days=-20, closes_in_days=-2)
    make_consultation(debates, title="เรื่องที่เปิดอยู่")
    make_consultation(debates, title="เรื่องที่จะเปิด", opens_in_days=3, closes_in_days=30)

    response = client.get("/th/debates/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("เรื่องที่เปิดอยู่") < html.index("เรื่องที่จะเปิด") < html.index("เรื่องที่ปิดแล้ว")
    assert [group["state"] for group in response.context["consultations"]] == [
        "open", "upcoming", "closed"
    ]  # fmt: skip


def test_consultation_refuses_a_closing_time_before_its_opening_time(home):
    debates = make_section(home, "debate")
    page = DebatePage(
        title="เรื่องผิดวัน", summary="สรุป", opens_at=now(), closes_at=now() - timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        debates.add_child(instance=page)
    assert "closes_at" in error.value.message_dict
    assert DebatePage.objects.count() == 0


def test_consultation_types_are_created_only_in_the_section_of_their_process(home):
    debates = make_section(home, "debate")
    budget = make_section(home, "budget")
    assert DebatePage.can_create_at(debates)
    assert not DebatePage.can_create_at(budget)
    assert BudgetRoundPage.can_create_at(budget)
    assert not VotePage.can_create_at(home)
    assert not DraftRegulationPage.can_create_at(debates)
    assert ProcessIndexPage.can_create_at(home)
    assert not HomePage.can_create_at(home)


def test_process_type_follows_the_page_type_not_the_editor(home):
    legislation = make_section(home, "legislation")
    page = make_consultation(legislation, DraftRegulationPage)
    page.process_type = ProcessType.BUDGET
    page.save()
    page.refresh_from_db()
    assert page.process_type == ProcessType.LEGISLATION


def test_consultation_page_renders_its_blocks_status_and_window(home, client):
    debates = make_section(home, "debate", slug="debates")
    make_consultation(
        debates,
        slug="beach",
        title="ชายหาดบางแสน",
        body=[
            ("heading", {"text": "ที่มา", "level": "h2"}),
            ("paragraph", "<p>ถนนในซอยมืดมากควรติดไฟส่องสว่าง</p>"),
        ],
    )
    response = client.get("/th/debates/beach/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>ที่มา</h2>" in html
    assert "ถนนในซอยมืดมากควรติดไฟส่องสว่าง" in html
    assert "status--open" in html
    assert "รับฟังความคิดเห็น:" in html


def test_section_page_lists_two_rounds_whose_last_step_has_no_end(home, client):
    """A round in implementation has no closing date: two of them in one section are
    listed (the open-ended last), not a server error."""
    budget = make_section(home, "budget", title="งบประมาณ", slug="budget")
    make_round(budget, title="รอบปี 2570", slug="round-2570")
    make_round(budget, title="รอบปี 2571", slug="round-2571")
    closing = make_consultation(budget, title="รับฟังเรื่องงบประมาณ", closes_in_days=5)

    response = client.get("/th/budget/")

    assert response.status_code == 200
    open_now = response.context["consultations"][0]["pages"]
    assert open_now[0].pk == closing.pk
    assert {page.title for page in open_now[1:]} == {"รอบปี 2570", "รอบปี 2571"}
