"""The results page: winners and why, the other rule beside them, votes split by who
voted; before the results step, when results come; its queries do not grow with ballots."""

import pytest

from consultation_blocks.budgeting.choices import Channel
from consultation_blocks.budgeting.counting import services
from consultation_blocks.budgeting.counting.factories import bulk_ballots, make_ballot
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.participants.choices import Residence, VoterGroup
from pb_pages.factories import in_phase, make_round, make_section


@pytest.fixture
def budget_round(home):
    return make_round(make_section(home, "budget"))


@pytest.fixture
def counted(budget_round):
    a = make_project(budget_round, "north", title="ไฟทางซอยหนึ่ง", cost=800)
    b = make_project(budget_round, "north", title="สวนหย่อม", cost=300)
    c = make_project(budget_round, "north", title="ป้ายรถเมล์", cost=200)
    for project, n in ((a, 9), (b, 8), (c, 6)):
        for _ in range(n):
            make_ballot(budget_round, "north", [project])
    make_ballot(
        budget_round,
        "north",
        [c],
        channel=Channel.PAPER,
        voter_group=VoterGroup.CONCERNED,
        area=Residence.OUTSIDE,
    )
    with in_phase(budget_round, "results"):
        services.count_round(budget_round)
    return a, b, c


def _results(client, budget_round):
    with in_phase(budget_round, "results"):
        return client.get(budget_round.url + "results/")


def test_results_show_winners_money_left_and_why(client, budget_round, counted):
    a, b, c = counted
    response = _results(client, budget_round)
    assert response.status_code == 200
    html = response.content.decode()
    assert a.title in html and c.title in html
    assert "1,000" in html  # the part's money, with thousands separators
    north = response.context["parts"][0]
    assert [row["title"] for row in north["winners"]] == [a.title, c.title]
    assert north["left"] == north["money"].replace("1,000", "0")
    assert [row["reason"] for row in north["projects"]] == ["fits", "fits", "too_dear"]
    assert "9" in north["projects"][0]["why"] and north["projects"][0]["why"] in html
    body = html.split("</header>", 1)[1]
    assert "<svg" in body  # bars drawn on the server
    assert len(response.content) < 150 * 1024


def test_results_show_the_other_rule_beside(client, budget_round, counted):
    response = _results(client, budget_round)
    html = response.content.decode()
    other = response.context["parts"][0]["other"]
    assert {row["reason"] for row in other} <= {"afforded", "filled", "unaffordable"}
    assert all(row["why"] in html for row in other)
    assert "<details" in html


def test_before_results_the_page_says_when(client, budget_round, counted):
    response = client.get(budget_round.url + "results/")
    assert response.status_code == 200
    html = response.content.decode()
    assert counted[0].title not in html
    assert response.context["not_yet"]
    assert response.context["results_at"] is not None


def test_results_split_votes_by_group_residence_and_channel(client, budget_round, counted):
    response = _results(client, budget_round)
    context = response.context
    north = context["parts"][0]
    by_channel = {label: n for label, n, _w in north["by_channel"]}
    assert sum(by_channel.values()) == 24
    assert list(by_channel.values())[1] == 1  # one paper ballot
    by_residence = {label: n for label, n, _w in north["by_residence"]}
    assert list(by_residence.values()) == [23, 1]
    assert north["paper"] == 1 and north["online"] == 23


def test_results_queries_do_not_grow_with_ballots(
    client, budget_round, counted, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        _results(client, budget_round)
    rows = [("north", [counted[1].pk], "resident", "inside", "online")] * 40
    bulk_ballots(budget_round.translation_key, rows)
    with in_phase(budget_round, "results"):
        services.count_round(budget_round)
    with django_assert_max_num_queries(len(first.captured_queries)):
        _results(client, budget_round)


def _round_page(client, budget_round, phase):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with in_phase(budget_round, phase):
        client.get(budget_round.url)
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(budget_round.url)
    assert answer.status_code == 200
    return answer.content.decode(), len(queries)


def test_the_round_page_shows_money_allocated_and_spent_from_implementation_on(
    client, budget_round, counted
):
    import datetime

    from consultation_blocks.budgeting.implementation.services import record_spending

    a, b, _c = counted
    a.refresh_from_db()
    assert a.selected
    record_spending(a, 250, datetime.date(2026, 12, 1))
    during_results, _n = _round_page(client, budget_round, "results")
    assert 'id="round-spending"' not in during_results
    building, _n = _round_page(client, budget_round, "implementation")
    assert 'id="round-spending"' in building
    allocated = sum(p.cost for p in (a, b) if type(p).objects.get(pk=p.pk).selected)
    assert f"{allocated:,}" in building and "250" in building


def test_the_round_pages_money_costs_the_same_queries_with_more_spending(
    client, budget_round, counted
):
    import datetime

    from consultation_blocks.budgeting.implementation.services import record_spending

    a, _b, _c = counted
    a.refresh_from_db()
    record_spending(a, 100, datetime.date(2026, 12, 1))
    _html, few = _round_page(client, budget_round, "implementation")
    for day in range(2, 8):
        record_spending(a, 10, datetime.date(2026, 12, day))
    _html, more = _round_page(client, budget_round, "implementation")
    assert more == few
