"""Supporting projects: while the round's supporting phase runs, by eligible
participants, once per project, within the limit of supports per group of parts."""

import pytest

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.choices import Review
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.projects import services
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.widgets.models import Vote
from pb_pages.factories import in_phase, make_round, make_section

pytestmark = pytest.mark.django_db

GROUPED = [
    budget.group(
        "areas",
        "ชุมชน",
        budget.part("north", "ชุมชนเหนือ", 1000),
        budget.part("south", "ชุมชนใต้", 2000),
        supports_per_person=2,
    ),
    budget.part("green", "สิ่งแวดล้อม", 3000),
]


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"), parts=GROUPED)


@pytest.fixture
def somsri(home):
    return make_participant("somsri")


def test_a_support_is_a_vote_on_the_projects_widget_of_the_round(round_page, somsri):
    project = make_project(round_page, "north", review=Review.PENDING, shortlisted=False)
    with in_phase(round_page, "supporting_projects"):
        services.support(somsri, project, round_page)
        services.support(somsri, project, round_page)  # a second changes nothing
    [vote] = Vote.objects.all()
    assert (vote.consultation, vote.widget, vote.participant) == (
        round_page.translation_key,
        f"project-{project.pk}",
        somsri,
    )
    assert vote.voter_group == somsri.voter_group


@pytest.mark.parametrize("phase", ["submitting_projects", "publishing_costs", "ballot"])
def test_supporting_is_refused_outside_its_phase(round_page, somsri, phase):
    project = make_project(round_page, "north")
    with in_phase(round_page, phase), pytest.raises(services.ProjectRefused):
        services.support(somsri, project, round_page)
    assert not Vote.objects.exists()


def test_an_unfeasible_project_takes_no_supports(round_page, somsri):
    project = make_project(round_page, "north", review=Review.UNFEASIBLE)
    with in_phase(round_page, "supporting_projects"), pytest.raises(services.ProjectRefused):
        services.support(somsri, project, round_page)
    assert not Vote.objects.exists()


def test_supporting_needs_the_rounds_verification_level(round_page):
    round_page.support_verification = VerificationLevel.RESIDENT
    round_page.save()
    plain = make_participant("plain")
    project = make_project(round_page, "north")
    with in_phase(round_page, "supporting_projects"), pytest.raises(services.ProjectRefused):
        services.support(plain, project, round_page)
    assert not Vote.objects.exists()


def test_a_group_limits_supports_across_its_parts_and_others_do_not_count(round_page, somsri):
    north = make_project(round_page, "north", "เหนือ")
    south = make_project(round_page, "south", "ใต้")
    third = make_project(round_page, "south", "ใต้สอง")
    greens = [make_project(round_page, "green", f"เขียว {i}") for i in range(3)]
    with in_phase(round_page, "supporting_projects"):
        for project in greens:  # outside the group: no limit, and not counted in it
            services.support(somsri, project, round_page)
        services.support(somsri, north, round_page)
        services.support(somsri, south, round_page)
        with pytest.raises(services.ProjectRefused) as refused:
            services.support(somsri, third, round_page)
        assert "ชุมชน" in refused.value.decision.reason
        assert not Vote.objects.filter(widget=third.widget_id).exists()
        # Withdrawing one makes room for another.
        assert services.withdraw_support(somsri, north, round_page) is True
        services.support(somsri, third, round_page)
    assert Vote.objects.filter(participant=somsri).count() == 5
