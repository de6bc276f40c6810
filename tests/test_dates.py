import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from pb_pages.factories import make_consultation, make_section
from theme.dates import format_date, format_datetime


def nbsp(text):
    """Dates keep their parts together with no-break spaces."""
    return text.replace(" ", "\u00a0")


JUNE_21_2022 = datetime.date(2022, 6, 21)


def test_thai_dates_count_years_in_the_buddhist_era():
    assert format_date(JUNE_21_2022, "th") == nbsp("21 มิ.ย. 2565")
    assert format_date(JUNE_21_2022, "th", long=True) == nbsp("21 มิถุนายน 2565")


def test_english_dates_stay_gregorian():
    assert format_date(JUNE_21_2022, "en") == nbsp("21 Jun 2022")
    assert format_date(JUNE_21_2022, "en", long=True) == nbsp("21 June 2022")


def test_times_are_shown_in_bangkok_time_on_the_local_day():
    # 18:30 UTC on 20 June is 01:30 on 21 June in Bangkok.
    moment = datetime.datetime(2022, 6, 20, 18, 30, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(moment, "th") == nbsp("21 มิ.ย. 2565") + " เวลา\u00a001:30\u00a0น."
    assert format_datetime(moment, "en") == nbsp("21 Jun 2022") + ", 01:30"


def test_year_boundary_in_the_buddhist_era():
    assert format_date(datetime.date(2026, 12, 31), "th") == nbsp("31 ธ.ค. 2569")
    assert format_date(datetime.date(2027, 1, 1), "th") == nbsp("1 ม.ค. 2570")


def test_filter_follows_the_active_language():
    template = Template("{% load bokrao_theme %}{{ day|local_date }}|{{ day|local_date:'long' }}")
    with translation.override("th"):
        assert template.render(Context({"day": JUNE_21_2022})) == nbsp(
            "21 มิ.ย. 2565|21 มิถุนายน 2565"
        )
    with translation.override("en"):
        assert template.render(Context({"day": JUNE_21_2022})) == nbsp("21 Jun 2022|21 June 2022")


def test_empty_dates_render_as_nothing():
    assert format_date(None, "th") == ""
    assert format_datetime(None, "en") == ""


@pytest.mark.django_db
def test_consultation_page_shows_its_window_in_the_buddhist_era(home, client):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(section, slug="nong-mon")
    expected = format_date(page.closes_at, "th")
    assert expected.endswith(str(page.closes_at.year + 543)) or expected.endswith(
        str(page.closes_at.year + 544)
    )

    html = client.get("/th/debates/nong-mon/").content.decode()

    assert expected in html
