"""Count-then-act on supports under parallel requests (PostgreSQL): the limit of
supports per group of parts holds when one person supports many projects at once."""

import threading

import pytest
from django.db import connection

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.models import Project
from consultation_blocks.budgeting.projects import services
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.models import Participant
from consultation_blocks.widgets.models import Vote
from pb_pages.factories import make_round, make_section
from pb_pages.models import BudgetRoundPage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Supporting runs now (no frozen clock: the threads read the real one).
SUPPORTING_NOW = [
    ("submitting_projects", -30, -20),
    ("supporting_projects", -1, 10),
    ("ballot", 10, 20),
]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")


def _at_once(count, action):
    barrier = threading.Barrier(count)
    results, refusals, errors = [], [], []

    def run(i):
        barrier.wait()
        try:
            results.append(action(i))
        except services.ProjectRefused as refusal:
            refusals.append(refusal)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a support hung"
    assert errors == []
    return results, refusals


def test_parallel_supports_past_the_groups_limit_store_only_the_limit(home):
    page = make_round(
        make_section(home, "budget", slug="budget"),
        parts=[
            budget.group(
                "areas",
                "ชุมชน",
                budget.part("north", "ชุมชนเหนือ", 1000),
                budget.part("south", "ชุมชนใต้", 2000),
                supports_per_person=2,
            )
        ],
        phases=SUPPORTING_NOW,
    )
    page.save_revision().publish()
    projects = [
        make_project(page, "north" if i % 2 else "south", f"โครงการ {i}").pk for i in range(6)
    ]
    somsri = make_participant("somsri")

    def support(i):
        return services.support(
            Participant.objects.get(pk=somsri.pk),
            Project.objects.get(pk=projects[i]),
            BudgetRoundPage.objects.get(pk=page.pk),
        )

    results, refusals = _at_once(6, support)

    assert (len(results), len(refusals)) == (2, 4)
    assert Vote.objects.filter(participant=somsri).count() == 2
