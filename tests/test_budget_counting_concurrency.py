"""Counts under parallel requests (PostgreSQL): the clock's count and staff's recounts
at once each hold the round page's row while they read the ballots and store their
results (counting/services.py), so every count stores both rules together, the latest
count of each rule comes from one and the same run, and the selected projects are its
winners. Never half a count, never two counts interleaved."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.choices import CountingRule
from consultation_blocks.budgeting.counting import services
from consultation_blocks.budgeting.counting.factories import bulk_ballots
from consultation_blocks.budgeting.models import Project, RoundCount
from pb_pages.factories import make_round, make_section

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COUNTS = 6


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")


@pytest.fixture
def round_page(home):
    page = make_round(make_section(home, "budget", slug="budget"), slug="pb")
    costs = (400, 300, 300, 200, 500, 100)
    projects = [budget.make_project(page, "north", f"p{i}", cost=c) for i, c in enumerate(costs)]
    rows = []
    for n in range(300):
        chosen = [p.pk for i, p in enumerate(projects) if (n + i) % (i + 2) == 0]
        rows.append(("north", chosen or [projects[0].pk], "resident", "inside", "online"))
    bulk_ballots(page.translation_key, rows)
    return page


def _results_time(page):
    span = next(s for s in page.timeline().spans() if s.kind.key == "results")
    return span.starts_at + timedelta(hours=1)


def _at_once(actions):
    barrier = threading.Barrier(len(actions))
    results, errors = [], []

    def run(action):
        barrier.wait()
        try:
            results.append(action())
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a count hung"
    assert errors == []
    return results


def test_parallel_counts_and_recounts_store_whole_counts_one_after_another(round_page):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    start = _results_time(round_page)
    expected = services.compute(round_page)
    actions = []
    for n in range(COUNTS):
        at = start + timedelta(minutes=n)
        if n % 2:
            actions.append(lambda at=at: services.recount(round_page, boss, at=at))
        else:
            actions.append(lambda at=at: services.count_round(round_page, at=at))

    stored = _at_once(actions)

    assert len(stored) == COUNTS
    counts = list(RoundCount.objects.order_by("pk"))
    assert len(counts) == 2 * COUNTS  # both rules of every count: none stored half
    # The lock makes each count's two rows neighbours: no count's rows between another's.
    for first, second in zip(counts[::2], counts[1::2], strict=True):
        assert {first.rule, second.rule} == set(CountingRule.values)
        assert first.counted_at == second.counted_at and first.by_id == second.by_id
    for count in counts:
        assert count.outcome == expected[count.rule]
        assert count.ballots == 300
    latest = services.latest_counts(round_page)
    assert latest[CountingRule.GREEDY].counted_at == latest[CountingRule.EQUAL_SHARES].counted_at
    winners = {
        verdict["id"]
        for part in latest[round_page.counting_rule].outcome["parts"]
        for verdict in part["projects"]
        if verdict["won"]
    }
    selected = set(Project.objects.filter(selected=True).values_list("pk", flat=True))
    assert selected == winners and winners
