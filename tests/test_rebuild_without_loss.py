"""A rebuild of the participation index loses no vote or comment written while it runs
(decision 021), on the real OpenSearch node the fixtures start."""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.models import Comment, Vote
from consultation_blocks.widgets.votes import cast_vote, withdraw_vote
from pb_pages.factories import make_consultation, make_section
from search.models import ChangedDuringRebuild, OutboxEntry, RebuildRun
from search.outbox import send_all_due
from search.rebuild import rebuild_participation_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate(home, participation_index):
    section = make_section(home, "debate", slug="debates")
    section.save_revision().publish()
    page = make_consultation(
        section,
        slug="lane-lights",
        title="ไฟส่องสว่างในซอย",
        body=widget_body(widget("agree_disagree", "w-agree"), comment_widget("w-talk")),
    )
    page.save_revision().publish()
    return page


def _take_part(page, first, count, kinds=("vote", "comment")):
    """`count` new participants each vote and comment; returns them."""
    people = []
    for number in range(first, first + count):
        person = make_participant(f"resident{number}")
        if "vote" in kinds:
            cast_vote(person, page, "w-agree", "agree" if number % 3 else "disagree")
        if "comment" in kinds:
            post_comment(person, page, "w-talk", f"ซอย {number} มืดมาก ควรติดไฟส่องสว่าง")
        people.append(person)
    return people


def _compare():
    out = io.StringIO()
    call_command("search_compare", stdout=out)
    return out.getvalue()


def _in_index(index, doc_type):
    index.refresh()
    return index.count({"term": {"doc_type": doc_type}})


def test_votes_and_comments_sent_during_a_rebuild_reach_the_new_index(debate, participation_index):
    early = _take_part(debate, 0, 8)
    send_all_due(participation_index)
    assert "The index matches the database." in _compare()

    def meanwhile(done):
        # The fill has read the database; the worker keeps sending to the index behind
        # the alias (the old one), and more arrives after it has sent.
        if done != 1:
            return
        _take_part(debate, 100, 16)
        for person in early[:2]:
            withdraw_vote(person, debate, "w-agree")
        assert send_all_due(participation_index) == 16 * 2 + 2
        _take_part(debate, 200, 8)

    written, changed = rebuild_participation_index(participation_index, on_progress=meanwhile)

    assert changed == 16 * 2 + 2  # sent to the old index while the rebuild ran
    assert not RebuildRun.objects.exists() and not ChangedDuringRebuild.objects.exists()
    # The worker's next rounds send them again, and what was still waiting.
    send_all_due(participation_index)
    assert _in_index(participation_index, "comment") == Comment.objects.count() == 32
    assert _in_index(participation_index, "vote") == Vote.objects.count() == 30
    assert "The index matches the database." in _compare()


def test_without_a_rebuild_running_the_outbox_notes_nothing(debate, participation_index):
    _take_part(debate, 0, 3)
    send_all_due(participation_index)
    assert not ChangedDuringRebuild.objects.exists()


def test_the_rebuild_command_queues_what_changed_and_the_index_then_agrees(
    debate, participation_index, monkeypatch
):
    _take_part(debate, 0, 4)
    send_all_due(participation_index)
    original = participation_index.__class__.rebuild

    def rebuild_with_a_worker_round(self, actions_for_index, on_progress=None, **kwargs):
        def progress(done):
            if done == 1:
                _take_part(debate, 50, 5)
                send_all_due(self)
            if on_progress:
                on_progress(done)

        return original(self, actions_for_index, on_progress=progress, **kwargs)

    monkeypatch.setattr(participation_index.__class__, "rebuild", rebuild_with_a_worker_round)
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)

    assert "10 records changed during the rebuild: queued again" in out.getvalue()
    assert OutboxEntry.objects.count() == 10
    send_all_due(participation_index)
    assert "The index matches the database." in _compare()


def test_a_failed_rebuild_keeps_the_live_index_and_ends_its_run(debate, participation_index):
    _take_part(debate, 0, 2)
    send_all_due(participation_index)
    before = participation_index._indices_behind_alias()

    def engine_gives_up(done):
        raise ConnectionError("the engine went away")

    with pytest.raises(ConnectionError):
        rebuild_participation_index(participation_index, on_progress=engine_gives_up)

    assert participation_index._indices_behind_alias() == before
    assert not RebuildRun.objects.exists()
    stray = participation_index.client.indices.get(index=f"{participation_index.name}-*")
    assert list(stray) == before  # the half-filled index is gone
    assert "The index matches the database." in _compare()


def test_a_rebuild_left_behind_by_a_killed_process_is_named_and_taken_over(
    debate, participation_index
):
    RebuildRun.objects.create(index="bokrao-participation-20260101000000000000")

    with pytest.raises(CommandError, match="--take-over"):
        call_command("search_rebuild", stdout=io.StringIO())

    call_command("search_rebuild", "--take-over", stdout=io.StringIO())
    assert not RebuildRun.objects.exists()
    assert "The index matches the database." in _compare()


@pytest.mark.postgres
# serialized_rollback: the flush after a transactional test removes the migrated data
# (Wagtail's root page, the groups) that later tests need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rebuild_while_a_thread_writes_and_runs_the_worker_loses_nothing(
    debate, participation_index
):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")
    _take_part(debate, 0, 4)
    send_all_due(participation_index)
    started, written_some, stop = threading.Event(), threading.Event(), threading.Event()
    errors, rounds = [], []

    def resident_and_worker():
        # Writes and sends as the site and search_worker would, in its own connection.
        try:
            started.wait(timeout=120)
            number = 1000
            while not stop.is_set() or len(rounds) < 12:
                _take_part(debate, number, 1)
                send_all_due(participation_index)
                rounds.append(number)
                number += 1
                if len(rounds) == 6:
                    written_some.set()
        except Exception as error:  # reported by the main thread
            errors.append(error)
            written_some.set()
        finally:
            connection.close()

    def fill_progress(done):
        # The first writes land while the fill runs; the rest race the replay, the swap
        # and the queueing of what changed.
        if done == 1:
            started.set()
            assert written_some.wait(timeout=120), "the writing thread did not start"

    writer = threading.Thread(target=resident_and_worker)
    writer.start()
    try:
        _written, changed = rebuild_participation_index(
            participation_index, on_progress=fill_progress
        )
    finally:
        stop.set()
        started.set()
        writer.join()

    assert errors == []
    assert changed >= 6 * 2
    send_all_due(participation_index)
    assert Comment.objects.count() == 4 + len(rounds)
    assert _in_index(participation_index, "comment") == Comment.objects.count()
    assert _in_index(participation_index, "vote") == Vote.objects.count()
    assert "The index matches the database." in _compare()
