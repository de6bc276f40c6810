"""Count-then-act under parallel requests (PostgreSQL): holding a comment at N flags, and
the same comment posted twice at once (docs/decisions/015-locks.md)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django_comments.models import CommentFlag

from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Comment, ModerationSettings
from pb_pages.factories import make_consultation, make_section

# serialized_rollback: each test starts from the migrated data (the root page, the groups),
# which the flush after a transactional test removes.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")


@pytest.fixture
def debate(home):
    page = make_consultation(
        make_section(home, "debate", slug="debates"),
        slug="market",
        body=widget_body(comment_widget("w-talk")),
    )
    page.save_revision().publish()
    return page


def _at_once(count, action):
    """Run `action(i)` in `count` threads released together; their results, in any order."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(i):
        barrier.wait()
        try:
            results.append(action(i))
        except Exception as error:  # noqa: BLE001  (reported below, with the others)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_eight_parallel_flags_at_a_threshold_of_three_hold_the_comment_exactly_once(debate):
    rules = ModerationSettings.load()
    rules.flags_to_hold = 3
    rules.save()
    comment = comments.post_comment(make_participant("somchai"), debate, "w-talk", "ความเห็น")
    flaggers = [make_participant(f"flagger{i}") for i in range(8)]

    flagged = _at_once(8, lambda i: comments.flag(flaggers[i], comment.pk, "spam"))

    assert sorted(result.held for result in flagged) == [False] * 7 + [True]
    comment.refresh_from_db()
    assert comment.state == CommentState.HELD
    # Held by the third flag, which counted exactly three: one reason, written once.
    assert comment.held_because == "ผู้มีส่วนร่วม 3 คนแจ้งปัญหา"
    assert (
        CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL).count() == 8
    )


def test_the_same_comment_posted_eight_times_at_once_is_stored_once(debate, settings):
    # Eight posts in a moment are more than the limit allows a person; here the lock is
    # tested, so the limit stands aside.
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"comment": (100, 60)}}
    somchai = make_participant("somchai")

    def post(_i):
        client = Client()
        client.force_login(somchai.user)
        response = client.post(
            "/th/participate/comment/",
            {"page": debate.pk, "widget": "w-talk", "text": "ถนนหน้าตลาดเป็นหลุมใหญ่"},
            HTTP_ACCEPT="application/json",
        )
        return response.status_code, response.json().get("id")

    answers = _at_once(8, post)

    [stored] = Comment.objects.all()
    assert answers == [(201, stored.pk)] * 8
