"""A participant's projects in their data download and their account's deletion: the
projects stay in the round without their author; their supports are their votes."""

import pytest

from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.models import Project
from consultation_blocks.budgeting.projects import services
from consultation_blocks.factories import make_participant
from consultation_blocks.privacy.deletion import delete_account
from consultation_blocks.privacy.export import my_data
from consultation_blocks.privacy.policy import personal_data_policy
from pb_pages.factories import in_phase, make_round, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"))


def test_the_download_holds_their_projects_and_supports_by_title(round_page):
    author = make_participant("author")
    mine = make_project(round_page, "north", "ซ่อมไฟทางซอยวัด", author=author)
    other = make_project(round_page, "south", "สวนหย่อมริมคลอง")
    with in_phase(round_page, "supporting_projects"):
        services.support(author, other, round_page)
    data = my_data(author.user)
    [project] = data["budget_projects"]
    assert (project["id"], project["title"]) == (mine.pk, "ซ่อมไฟทางซอยวัด")
    assert project["page"]["url"].endswith(f"p/{mine.pk}/")
    assert "สวนหย่อมริมคลอง" in str(data["votes"])


def test_deleting_the_account_keeps_the_project_without_its_author(round_page):
    author = make_participant("author")
    project = make_project(round_page, "north", author=author)
    delete_account(author.user, personal_data_policy())
    project.refresh_from_db()
    assert project.participant is None
    assert Project.objects.count() == 1
