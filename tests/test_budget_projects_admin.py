"""Staff's review and shortlist screens of a round's projects in the admin."""

import pytest

from consultation_blocks.budgeting.choices import Review
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import in_phase, make_round, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"))


def test_staff_review_a_project_feasible_with_its_cost_and_move_it(client, admin_user, round_page):
    project = make_project(round_page, "north", "ซ่อมไฟทาง", review=Review.PENDING)
    client.force_login(admin_user)
    url = f"/admin/bokrao/budget/{round_page.pk}/projects/"
    assert "ซ่อมไฟทาง" in client.get(url).content.decode()
    with in_phase(round_page, "reviewing_projects"):
        answer = client.post(
            url,
            {
                "project": project.pk,
                "part": "south",
                "review": "feasible",
                "cost": "950",
                "within_powers": "1",
            },
        )
    assert answer.status_code == 302
    project.refresh_from_db()
    assert (project.part, project.review, project.cost, project.within_powers) == (
        "south",
        Review.FEASIBLE,
        950,
        True,
    )


def test_an_unfeasible_review_without_a_reason_is_refused_on_screen(client, admin_user, round_page):
    project = make_project(round_page, "north", review=Review.PENDING)
    client.force_login(admin_user)
    answer = client.post(
        f"/admin/bokrao/budget/{round_page.pk}/projects/",
        {"project": project.pk, "part": "north", "review": "unfeasible", "reason": ""},
        follow=True,
    )
    assert answer.status_code == 200
    project.refresh_from_db()
    assert project.review == Review.PENDING


def test_staff_tick_the_shortlist_from_feasible_projects(client, admin_user, round_page):
    one = make_project(round_page, "north", "หนึ่ง", cost=100, shortlisted=False)
    two = make_project(round_page, "north", "สอง", cost=100, shortlisted=True)
    make_project(round_page, "north", "ไม่ได้", review=Review.UNFEASIBLE)
    client.force_login(admin_user)
    url = f"/admin/bokrao/budget/{round_page.pk}/shortlist/"
    page = client.get(url).content.decode()
    assert "หนึ่ง" in page and "ไม่ได้" not in page
    with in_phase(round_page, "publishing_costs"):
        assert client.post(url, {"shortlisted": [one.pk]}).status_code == 302
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.shortlisted, two.shortlisted) == (True, False)


def test_staff_of_no_round_are_refused(client, round_page):
    stranger = make_staff("stranger", "bokrao_blocks.review_proposal")
    client.force_login(stranger)
    assert client.get(f"/admin/bokrao/budget/{round_page.pk}/shortlist/").status_code in (302, 403)


def test_the_rounds_admin_listing_offers_the_review_and_shortlist_screens(
    client, admin_user, round_page
):
    client.force_login(admin_user)
    page = client.get(f"/admin/pages/{round_page.get_parent().pk}/").content.decode()
    assert f"/admin/bokrao/budget/{round_page.pk}/projects/" in page
    assert f"/admin/bokrao/budget/{round_page.pk}/shortlist/" in page
