"""The round page and a project's page: the story, money and parts, what the step
shows (supports while supporting, costs from publishing costs on), the list's orders
and filters, the no-JS support form, comments, the submit form, the area-plan export,
and query counts that do not grow with projects, supports and comments."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks.budgeting.choices import Review
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.models import Project
from consultation_blocks.budgeting.projects import services
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import make_participant
from consultation_blocks.widgets.models import Vote
from pb_pages.factories import in_phase, make_round, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"))


def _get(client, url):
    answer = client.get(url)
    assert answer.status_code == 200, answer.status_code
    return answer.content.decode()


def test_the_round_page_shows_its_money_parts_and_projects(client, round_page):
    make_project(round_page, "north", "ซ่อมไฟทาง", cost=600)
    page = _get(client, round_page.url)
    assert "6,000" in page and "ชุมชนเหนือ" in page and "1,000" in page
    assert "ซ่อมไฟทาง" in page
    assert "600 " in page or "600<" in page  # balloting: costs are public


def test_costs_are_hidden_before_publishing_costs_and_supports_shown_while_supporting(
    client, round_page
):
    project = make_project(round_page, "north", "ซ่อมไฟทาง", cost=777, estimated_cost=500)
    with in_phase(round_page, "supporting_projects"):
        page = _get(client, round_page.url)
        detail = _get(client, f"{round_page.url}p/{project.pk}/")
    assert "777" not in page and "777" not in detail
    assert 'class="count"' in page
    with in_phase(round_page, "publishing_costs"):
        page = _get(client, round_page.url)
    assert "777" in page and "supports" not in page.split("projects-heading")[1].split("</ul>")[0]


def test_the_orders_offered_follow_the_step(client, round_page):
    with in_phase(round_page, "submitting_projects"):
        page = _get(client, round_page.url)
    assert 'value="newest"' in page and 'value="supported"' not in page
    with in_phase(round_page, "supporting_projects"):
        page = _get(client, round_page.url)
    assert 'value="supported"' in page and 'value="cost"' not in page
    page = _get(client, round_page.url)  # balloting
    assert 'value="cost"' in page


def test_the_list_filters_by_part_and_state(client, round_page):
    make_project(round_page, "north", "โครงการเหนือ")
    make_project(round_page, "south", "โครงการใต้", review=Review.UNFEASIBLE)
    page = _get(client, round_page.url + "?part=north")
    assert "โครงการเหนือ" in page and "โครงการใต้" not in page
    page = _get(client, round_page.url + "?state=unfeasible")
    assert "โครงการใต้" in page and "โครงการเหนือ" not in page


def test_an_unfeasible_project_shows_its_reason(client, round_page):
    project = make_project(
        round_page, "north", review=Review.UNFEASIBLE, unfeasible_reason="ที่ดินไม่ใช่ของเทศบาล"
    )
    assert "ที่ดินไม่ใช่ของเทศบาล" in _get(client, f"{round_page.url}p/{project.pk}/")


def test_the_support_form_works_without_javascript(client, round_page):
    project = make_project(round_page, "north")
    somsri = make_participant("somsri")
    client.force_login(somsri.user)
    with in_phase(round_page, "supporting_projects"):
        assert "Support this project" in _get(client, f"{round_page.url}p/{project.pk}/") or (
            "สนับสนุน" in _get(client, f"{round_page.url}p/{project.pk}/")
        )
        answer = client.post(f"{round_page.url}p/{project.pk}/", {})
    assert answer.status_code == 302
    assert Vote.objects.filter(participant=somsri, widget=project.widget_id).exists()
    answer = client.post(f"{round_page.url}p/{project.pk}/", {"withdraw": "1"})  # balloting
    assert answer.status_code == 302
    assert Vote.objects.filter(participant=somsri).count() == 1  # refused: supporting closed


def test_the_project_page_links_to_the_ballot_while_balloting(client, round_page):
    project = make_project(round_page, "north")
    assert f"{round_page.url}ballot/north/" in _get(client, f"{round_page.url}p/{project.pk}/")


def test_comments_on_a_project_are_the_widget_of_the_round(client, round_page):
    project = make_project(round_page, "north")
    writer = make_participant("writer")
    with in_phase(round_page, "supporting_projects"):
        post_comment(writer, round_page, project.widget_id, "ควรทำก่อนหน้าฝน")
    assert "ควรทำก่อนหน้าฝน" in _get(client, f"{round_page.url}p/{project.pk}/")


def test_a_participant_submits_a_project_through_the_form(client, round_page):
    author = make_participant("author")
    client.force_login(author.user)
    data = {
        "title": "ปลูกต้นไม้ริมคลอง",
        "description": "ปลูกต้นไม้ให้ร่มเงาตลอดทางเดินริมคลองแสนแสบ",
        "part": "east",
        "estimated_cost": "2500",
    }
    with in_phase(round_page, "submitting_projects"):
        assert client.get(round_page.url + "new/").status_code == 200
        bad = client.post(round_page.url + "new/", {**data, "part": "west"})
        assert bad.status_code == 400 and not Project.objects.exists()
        answer = client.post(round_page.url + "new/", data)
    project = Project.objects.get()
    assert answer["Location"] == f"{round_page.url}p/{project.pk}/"
    assert (project.participant, project.part, project.estimated_cost) == (author, "east", 2500)
    assert client.post(round_page.url + "new/", data).status_code == 403  # balloting now


def test_projects_outside_the_powers_go_to_the_area_plan(client, round_page):
    make_project(round_page, "north", "ขุดลอกคลองสายหลัก", within_powers=False)
    make_project(round_page, "north", "ซ่อมไฟทาง")
    answer = client.get(round_page.url + "area-plan/json/")
    rows = json.loads(answer.content)["proposals"]
    assert [row["title"] for row in rows] == ["ขุดลอกคลองสายหลัก"]
    csv = client.get(round_page.url + "area-plan/csv/").content.decode("utf-8-sig")
    assert "ขุดลอกคลองสายหลัก" in csv and "ซ่อมไฟทาง" not in csv
    assert client.get(round_page.url + "area-plan/xml/").status_code == 404


def _count_queries(client, url):
    client.get(url)  # the first visit sets up the session and caches: not the page's cost
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200
    return len(queries)


def _add(round_page, n, start):
    added = []
    for i in range(start, start + n):
        writer = make_participant(f"writer{i}")
        project = make_project(round_page, "north", f"โครงการ {i}")
        with in_phase(round_page, "supporting_projects"):
            services.support(writer, project, round_page)
            post_comment(writer, round_page, project.widget_id, f"เห็นด้วย {i}")
        added.append(project)
    return added


def test_the_round_page_costs_as_many_queries_with_twice_the_projects(client, round_page):
    _add(round_page, 3, 0)
    client.force_login(make_participant("visitor").user)
    once = _count_queries(client, round_page.url)
    _add(round_page, 3, 3)
    assert _count_queries(client, round_page.url) == once


def test_a_project_page_costs_as_many_queries_with_twice_the_supports_and_comments(
    client, round_page
):
    [project] = _add(round_page, 1, 0)
    client.force_login(make_participant("visitor").user)
    url = f"{round_page.url}p/{project.pk}/"
    once = _count_queries(client, url)
    for i in range(3):
        other = make_participant(f"more{i}")
        with in_phase(round_page, "supporting_projects"):
            services.support(other, project, round_page)
            post_comment(other, round_page, project.widget_id, f"อีกความเห็น {i}")
    _add(round_page, 2, 10)
    assert _count_queries(client, url) == once
