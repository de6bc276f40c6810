"""Rate limits count in the database: one statement per attempt, exact under parallel
requests, in windows that open with the first attempt, and keep no address."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks import limits
from consultation_blocks.models import AttemptWindow
from consultation_blocks.timing import frozen_at, now

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"comment_ip": (3, 60)}}


def test_past_the_limit_an_attempt_is_refused_until_the_window_closes(three_a_minute):
    opened = now()
    with frozen_at(opened):
        for _attempt in range(3):
            limits.check("comment_ip", "203.0.113.7")
        with pytest.raises(limits.TooMany, match="รอ 1 นาที"):
            limits.check("comment_ip", "203.0.113.7")
        limits.check("comment_ip", "198.51.100.2")  # someone else has a window of their own

    with frozen_at(opened + timedelta(seconds=59)), pytest.raises(limits.TooMany):
        limits.check("comment_ip", "203.0.113.7")
    with frozen_at(opened + timedelta(seconds=60)):
        limits.check("comment_ip", "203.0.113.7")  # a new window: one attempt in it
        limits.check("comment_ip", "203.0.113.7")
        limits.check("comment_ip", "203.0.113.7")
        with pytest.raises(limits.TooMany):
            limits.check("comment_ip", "203.0.113.7")


def test_attempts_that_keep_coming_do_not_stretch_the_window(three_a_minute):
    # Django's database cache set a new end on every increment: a steady trickle of
    # attempts kept the window open for ever.
    opened = now()
    for second in (0, 20, 40):
        with frozen_at(opened + timedelta(seconds=second)):
            limits.check("comment_ip", "203.0.113.7")
    with frozen_at(opened + timedelta(seconds=61)):
        limits.check("comment_ip", "203.0.113.7")


def test_an_attempt_is_one_statement(three_a_minute):
    with CaptureQueriesContext(connection) as captured:
        limits.check("comment_ip", "203.0.113.7")
        limits.check("comment_ip", "203.0.113.7")

    assert len(captured.captured_queries) == 2
    assert all("ON CONFLICT" in query["sql"] for query in captured.captured_queries)


def test_the_counts_hold_whatever_the_cache(three_a_minute, settings):
    # A cache kept per process (or none) made each server process count on its own.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _attempt in range(3):
        limits.check("comment_ip", "203.0.113.7")
    with pytest.raises(limits.TooMany):
        limits.check("comment_ip", "203.0.113.7")


def test_a_window_keeps_no_address_and_is_forgotten_once_closed(three_a_minute):
    opened = now()
    with frozen_at(opened):
        limits.check("comment_ip", "203.0.113.7")
    with frozen_at(opened + timedelta(seconds=30)):
        limits.check("comment_ip", "198.51.100.2")

    keys = list(AttemptWindow.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all(key.startswith("comment_ip:") and "203.0.113" not in key for key in keys)
    assert "198.51" not in "".join(keys)

    assert limits.forget_closed_windows(opened + timedelta(seconds=60)) == 1
    assert AttemptWindow.objects.count() == 1
    assert limits.forget_closed_windows(opened + timedelta(seconds=90)) == 1
    assert not AttemptWindow.objects.exists()


def test_the_clock_forgets_closed_windows_every_minute():
    from consultation_blocks import clock
    from consultation_blocks.limits.tasks import closed_limit_windows

    assert closed_limit_windows in clock.registered()


@pytest.mark.postgres
# serialized_rollback: the flush after a transactional test removes the migrated data
# (Wagtail's root page, the groups) that later tests need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_attempts_at_a_limit_of_ten_let_exactly_ten_through(settings):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"comment": (10, 60)}}
    barrier = threading.Barrier(20)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            try:
                limits.check("comment", 42)
                outcomes.append("allowed")
            except limits.TooMany:
                outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["allowed"] * 10 + ["refused"] * 10
    assert AttemptWindow.objects.get().attempts == 20


def test_the_privacy_page_says_what_the_counters_keep_and_for_how_long(client, home):
    from django.urls import reverse

    html = client.get(reverse("bokrao_privacy")).content.decode()

    assert "ไม่เก็บหมายเลข IP ไว้โดยตรง" in html
    assert "ถูกลบภายในหนึ่งนาทีหลังครบกำหนดเวลา" in html
    assert "แคช" not in html
