"""Count-then-act on proposals under parallel requests (PostgreSQL): supports, the
threshold, status moves and merges lock the proposal's row (docs/decisions/015-locks.md)."""

import threading

import pytest
from django.core import mail
from django.db import connection

from consultation_blocks.factories import make_participant
from consultation_blocks.models import Vote
from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.participants.models import Participant
from consultation_blocks.proposals import services
from consultation_blocks.proposals.choices import ProposalState, ThresholdKind
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Proposal, StatusChange
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import make_call, make_section
from pb_pages.models import ProposalIndexPage

S = ProposalState
REVIEW = "bokrao_blocks.review_proposal"

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
def town(home):
    return Municipality.objects.get(home_page=home)


@pytest.fixture
def call(home):
    page = make_call(make_section(home, "proposals", slug="proposals"), slug="ideas")
    page.save_revision().publish()
    return page


@pytest.fixture
def author(town):
    return make_participant("somchai")


def _at_once(count, action):
    """Run `action(i)` in `count` threads released together: (results, refusals)."""
    barrier = threading.Barrier(count)
    results, refusals, errors = [], [], []

    def run(i):
        barrier.wait()
        try:
            results.append(action(i))
        except services.ProposalRefused as refusal:
            refusals.append(refusal)
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
    return results, refusals


def _fresh(call, proposal, participant_id):
    """What one request loads: its own call page, proposal and participant."""
    return (
        ProposalIndexPage.objects.get(pk=call.pk),
        Proposal.objects.get(pk=proposal.pk),
        Participant.objects.get(pk=participant_id),
    )


def test_one_person_supporting_eight_times_at_once_stores_one_vote(call, author):
    proposal = make_proposal(call, author)
    somsri = make_participant("somsri")

    def support(_i):
        page, found, participant = _fresh(call, proposal, somsri.pk)
        return services.support(participant, found, page)

    _results, refusals = _at_once(8, support)

    assert refusals == []
    [vote] = Vote.objects.filter(widget=proposal.widget_id)
    assert vote.participant_id == somsri.pk


def test_parallel_supports_past_the_threshold_mark_it_once_and_tell_staff_once(call, author, town):
    call.threshold_kind, call.threshold = ThresholdKind.NUMBER, 3
    call.save_revision().publish()
    make_staff("editor", REVIEW, municipality=town)
    proposal = make_proposal(call, author)
    supporters = [make_participant(f"supporter{i}").pk for i in range(8)]

    def support(i):
        page, found, participant = _fresh(call, proposal, supporters[i])
        return services.support(participant, found, page)

    _results, refusals = _at_once(8, support)

    assert refusals == []
    assert Vote.objects.filter(widget=proposal.widget_id).count() == 8
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at is not None
    assert [message.to for message in mail.outbox] == [["editor@example.com"]]


def test_two_staff_answering_at_once_make_exactly_one_move(call, author, town):
    proposal = make_proposal(call, author)
    accepting = make_staff("accepting", REVIEW, municipality=town)
    rejecting = make_staff("rejecting", REVIEW, municipality=town)
    moves = [
        (accepting, S.ACCEPTED, {}),
        (rejecting, S.REJECTED, {"answer": "ซ้ำกับแผนเดิม", "answered_as": "กองช่าง"}),
    ]

    def answer(i):
        # Each presses a few times (double clicks, a second tab): more chances to collide.
        user, target, given = moves[i % 2]
        return services.change_state(user, Proposal.objects.get(pk=proposal.pk), target, **given)

    results, refusals = _at_once(8, answer)

    assert (len(results), len(refusals)) == (1, 7)
    assert {refusal.status for refusal in refusals} == {400}
    [change] = results
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.state == change.to_state
    assert [(c.from_state, c.to_state) for c in StatusChange.objects.filter(proposal=proposal)] == [
        (S.DRAFT, S.PUBLISHED),
        (S.PUBLISHED, change.to_state),
    ]


def test_merging_a_into_b_and_b_into_a_at_once_cannot_both_succeed(call, author, town):
    first = make_proposal(call, author, title="ถนนพัง")
    second = make_proposal(call, author)
    supporters = [make_participant(f"supporter{i}") for i in range(3)]
    services.support(supporters[0], first, call)
    services.support(supporters[1], first, call)
    services.support(supporters[1], second, call)
    services.support(supporters[2], second, call)
    editors = [make_staff(f"editor{i}", REVIEW, municipality=town) for i in range(2)]
    pairs = [(first, second), (second, first)]

    def merge(i):
        duplicate, survivor = pairs[i]
        return services.merge(
            editors[i],
            Proposal.objects.get(pk=duplicate.pk),
            Proposal.objects.get(pk=survivor.pk),
        )

    results, refusals = _at_once(2, merge)

    assert (len(results), len(refusals)) == (1, 1)
    [survivor] = results
    merged = Proposal.objects.filter(merged_into__isnull=False)
    assert [(p.pk, p.merged_into_id) for p in merged] == [
        (({first.pk, second.pk} - {survivor.pk}).pop(), survivor.pk)
    ]
    assert sorted(
        Vote.objects.filter(widget=survivor.widget_id).values_list("participant", flat=True)
    ) == sorted(s.pk for s in supporters)
    assert Vote.objects.filter(consultation=call.translation_key).count() == 3
