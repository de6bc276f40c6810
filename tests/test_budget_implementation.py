"""The follow-up of selected projects: milestones, progress, money spent, followers."""

import datetime

import pytest
from django.core import mail

from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.implementation import services
from consultation_blocks.factories import make_participant
from pb_pages.factories import make_round, make_section

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 1)


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"))


def test_a_milestone_on_a_project_not_selected_is_refused(round_page):
    project = make_project(round_page, "north", cost=600)
    with pytest.raises(services.ImplementationRefused):
        services.add_milestone(project, DAY, "เริ่มงาน")
    assert not project.milestones.exists()


def test_followers_are_emailed_of_a_new_milestone(round_page, django_capture_on_commit_callbacks):
    project = make_project(round_page, "north", cost=600, selected=True)
    services.follow(make_participant("fan"), project)
    with pytest.raises(services.ImplementationRefused):
        services.record_spending(project, -5, DAY)
    with pytest.raises(services.ImplementationRefused):
        services.set_progress(project, 101)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_milestone(project, DAY, "เริ่มงาน")
    assert [message.to for message in mail.outbox] == [["fan@example.com"]]


def test_money_of_round_sums_allocated_and_spent_per_part(round_page):
    project = make_project(round_page, "north", cost=600, selected=True)
    make_project(round_page, "south", cost=900)
    services.record_spending(project, 250, DAY)
    money = services.money_of_round(round_page)
    assert (money["allocated"], money["spent"]) == (600, 250)
    assert [(row["part"].key, row["allocated"]) for row in money["parts"]][:2] == [
        ("north", 600),
        ("south", 0),
    ]


def test_a_selected_projects_page_shows_its_progress_money_and_milestones(round_page, client):
    project = make_project(round_page, "north", title="ลานกีฬาชุมชน", cost=600_000, selected=True)
    services.set_progress(project, 60, "in_progress")
    services.record_spending(project, 250_000, DAY)
    services.add_milestone(project, DAY, "เทพื้นคอนกรีตเสร็จแล้ว")
    other = make_project(round_page, "north", title="ไฟทาง", cost=100_000)
    html = client.get(f"{round_page.url}p/{project.pk}/").content.decode()
    assert 'value="60"' in html and "600,000" in html and "250,000" in html
    assert "เทพื้นคอนกรีตเสร็จแล้ว" in html and "2569" in html  # 1 Dec 2026 in the Buddhist Era
    assert "follow-up" not in client.get(f"{round_page.url}p/{other.pk}/").content.decode()
