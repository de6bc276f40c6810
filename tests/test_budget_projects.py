"""A round's projects through their services: submitting while the phase allows it,
staff creating one or turning an accepted proposal into one, review (feasible with a
cost, not feasible with a public reason emailed to the author), moves between parts,
the shortlist, and what happens to ballots when any of these comes while balloting."""

import pytest
from django.core import mail

from consultation_blocks.budgeting.choices import RemovalReason, Review
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.models import Project
from consultation_blocks.budgeting.projects import services
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.proposals.choices import ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import in_phase, make_call, make_round, make_section

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "ซ่อมไฟทางซอยวัด",
    "description": "ไฟทางในซอยวัดดับมาสามเดือนแล้ว ขอให้ซ่อมให้ครบทุกต้น",
    "part": "north",
    "location": "ซอยวัดโพธิ์",
    "estimated_cost": 400,
}


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"))


@pytest.fixture
def author(home):
    return make_participant("author")


def test_a_participant_submits_a_project_while_submitting_is_open(round_page, author):
    with in_phase(round_page, "submitting_projects"):
        project = services.submit_project(author, round_page, FIELDS)
    project.refresh_from_db()
    assert project.participant == author
    assert project.consultation == round_page.translation_key
    assert (project.part, project.estimated_cost, project.review) == ("north", 400, Review.PENDING)
    assert project.voter_group == author.voter_group
    assert project.municipality_id is not None


@pytest.mark.parametrize("phase", ["information", "supporting_projects", "ballot"])
def test_submitting_is_refused_outside_its_phase(round_page, author, phase):
    with in_phase(round_page, phase), pytest.raises(services.ProjectRefused):
        services.submit_project(author, round_page, FIELDS)
    assert not Project.objects.exists()


def test_submitting_needs_the_rounds_verification_level(home, round_page):
    round_page.submit_verification = VerificationLevel.RESIDENT
    round_page.save()
    plain = make_participant("plain", verification_level=VerificationLevel.EMAIL)
    with in_phase(round_page, "submitting_projects"), pytest.raises(services.ProjectRefused):
        services.submit_project(plain, round_page, FIELDS)
    assert not Project.objects.exists()


def test_a_project_in_a_part_the_round_lacks_is_refused(round_page, author):
    with in_phase(round_page, "submitting_projects"), pytest.raises(services.ProjectRefused):
        services.submit_project(author, round_page, {**FIELDS, "part": "nowhere"})
    assert not Project.objects.exists()


def test_staff_create_a_project_in_any_phase_and_others_cannot(round_page, admin_user, home):
    project = services.create_project(admin_user, round_page, FIELDS)  # balloting runs now
    assert project.participant is None and project.created_by == admin_user
    stranger = make_staff("stranger", "bokrao_blocks.review_proposal")
    with pytest.raises(services.ProjectRefused):
        services.create_project(stranger, round_page, {**FIELDS, "title": "อีกโครงการ"})
    assert Project.objects.count() == 1


def test_an_accepted_proposal_becomes_a_project_once(home, round_page, admin_user, author):
    call = make_call(make_section(home, "proposals", slug="proposals"))
    proposal = make_proposal(call, author, "ขอสวนหย่อมหน้าชุมชน")
    with pytest.raises(services.ProjectRefused):
        services.project_from_proposal(admin_user, round_page, proposal, "south", 900)
    proposal.state = ProposalState.ACCEPTED
    proposal.save()
    project = services.project_from_proposal(admin_user, round_page, proposal, "south", 900)
    assert (project.title, project.part, project.estimated_cost) == (proposal.title, "south", 900)
    assert project.participant == author and proposal.project == project
    with pytest.raises(services.ProjectRefused):
        services.project_from_proposal(admin_user, round_page, proposal, "south", 900)
    assert Project.objects.count() == 1


def test_a_feasible_review_needs_a_cost(round_page, admin_user):
    project = make_project(round_page, "north", review=Review.PENDING)
    with pytest.raises(services.ProjectRefused):
        services.review(admin_user, round_page, project, feasible=True)
    services.review(admin_user, round_page, project, feasible=True, cost="1,200")
    project.refresh_from_db()
    assert (project.review, project.cost) == (Review.FEASIBLE, 1200)


def test_an_unfeasible_review_needs_a_reason_and_emails_the_author(
    round_page, admin_user, author, django_capture_on_commit_callbacks
):
    project = make_project(round_page, "north", author=author, review=Review.PENDING)
    with pytest.raises(services.ProjectRefused):
        services.review(admin_user, round_page, project, feasible=False, reason="  ")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.review(
            admin_user, round_page, project, feasible=False, reason="ที่ดินเป็นของกรมทางหลวง"
        )
    project.refresh_from_db()
    assert project.review == Review.UNFEASIBLE and project.cost is None
    [message] = mail.outbox
    assert message.to == [author.user.email]
    assert "ที่ดินเป็นของกรมทางหลวง" in message.body
    assert f"p/{project.pk}/" in message.body


def test_within_powers_is_part_of_the_review(round_page, admin_user):
    project = make_project(round_page, "north", review=Review.PENDING)
    services.review(admin_user, round_page, project, feasible=True, cost=500, within_powers=False)
    project.refresh_from_db()
    assert project.within_powers is False
    services.set_within_powers(admin_user, round_page, project, True)
    project.refresh_from_db()
    assert project.within_powers is True


def test_staff_move_a_project_to_a_part_of_the_round_only(round_page, admin_user):
    project = make_project(round_page, "north", cost=500)
    with in_phase(round_page, "reviewing_projects"):
        services.move(admin_user, round_page, project, "east")
        with pytest.raises(services.ProjectRefused):
            services.move(admin_user, round_page, project, "west")
    project.refresh_from_db()
    assert project.part == "east"


def test_the_shortlist_takes_feasible_projects_only(round_page, admin_user):
    good = make_project(round_page, "north", "ก", cost=100, shortlisted=False)
    other = make_project(round_page, "north", "ข", cost=100, shortlisted=True)
    bad = make_project(round_page, "north", "ค", review=Review.UNFEASIBLE)
    with in_phase(round_page, "publishing_costs"):
        with pytest.raises(services.ProjectRefused):
            services.set_shortlist(admin_user, round_page, [good.pk, bad.pk])
        assert services.set_shortlist(admin_user, round_page, [good.pk]) == [good.pk]
    assert set(Project.objects.filter(shortlisted=True)) == {good}
    other.refresh_from_db()
    assert other.shortlisted is False


@pytest.mark.parametrize(
    "change, reason",
    [
        ("move", RemovalReason.MOVED),
        ("unfeasible", RemovalReason.UNFEASIBLE),
        ("off_shortlist", RemovalReason.WITHDRAWN),
    ],
)
def test_a_change_while_balloting_takes_the_project_off_ballots(
    round_page, admin_user, monkeypatch, change, reason
):
    from consultation_blocks.budgeting.ballots import services as ballots

    calls = []
    monkeypatch.setattr(
        ballots,
        "remove_project_from_ballots",
        lambda project, why, by=None, at=None: calls.append((project.pk, why, by)),
    )
    project = make_project(round_page, "north", cost=500)
    if change == "move":
        services.move(admin_user, round_page, project, "south")
    elif change == "unfeasible":
        services.review(admin_user, round_page, project, feasible=False, reason="ไม่ได้")
    else:
        services.set_shortlist(admin_user, round_page, [])
    assert calls == [(project.pk, reason, admin_user)]


def test_a_change_before_balloting_touches_no_ballot(round_page, admin_user, monkeypatch):
    # No ballot exists before balloting: nothing to take off (and ballots/ is not asked).
    project = make_project(round_page, "north", cost=500)
    with in_phase(round_page, "publishing_costs"):
        services.move(admin_user, round_page, project, "south")
        services.review(admin_user, round_page, project, feasible=False, reason="ไม่ได้")
    project.refresh_from_db()
    assert (project.part, project.shortlisted) == ("south", False)


def test_the_proposals_page_says_which_project_it_became(client, home, round_page, admin_user):
    call = make_call(make_section(home, "proposals", slug="proposals"))
    proposal = make_proposal(call, make_participant("writer"), "ขอสวนหย่อมหน้าชุมชน")
    proposal.state = ProposalState.ACCEPTED
    proposal.save()
    project = services.project_from_proposal(admin_user, round_page, proposal, "south", 900)
    page = client.get(f"{call.url}p/{proposal.pk}/").content.decode()
    assert f"{round_page.url}p/{project.pk}/" in page
