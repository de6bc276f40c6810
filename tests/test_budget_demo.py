"""Issue 14's demo: Saen Suk's finished 2570 round (fifteen projects in different states,
ballots from several voter groups, two paper ballots, a finished project with its
milestones and money) and its 2571 round, supporting now. And the walk the issue's
"Done when" asks for, on the demo site: a participant supports a project, ballots
within the money once staff have moved the round on, and later sees the results by
voter group under both counting rules and the progress of a winning project.

The phone part of the walk (the money left changing as they ballot) is the browser's:
tests/browser/test_budget_ballot.py."""

import csv
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from consultation_blocks.budgeting.choices import Channel, CountingRule, Implementation, Review
from consultation_blocks.budgeting.models import Ballot, BallotLine, Project, RoundCount
from consultation_blocks.budgeting.parts import parts_of
from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.participants.models import Participant
from pb_pages.models import BudgetRoundPage

pytestmark = pytest.mark.django_db

SOMCHAI = "somchai@saensuk.example"


def _round(home, year):
    return BudgetRoundPage.objects.descendant_of(home).get(slug=f"participatory-budget-{year}")


def _counts(page):
    return {
        count.rule: count
        for count in RoundCount.objects.filter(consultation=page.translation_key).order_by(
            "counted_at"
        )
    }


def _winners(count):
    return {
        part["key"]: {verdict["id"] for verdict in part["projects"] if verdict["won"]}
        for part in count.outcome["parts"]
    }


def test_the_2570_round_has_three_areas_and_fifteen_projects_in_different_states(demo_home):
    page = _round(demo_home, 2570)
    parts = parts_of(page)
    assert [part.key for part in parts] == ["nong-mon", "bang-saen-sai-1", "won-napha"]
    municipality = Municipality.objects.get(home_page_id=demo_home.pk)
    areas = {area.pk: area.code for area in municipality.areas.all()}
    assert [areas[part.area_id] for part in parts] == ["01", "02", "03"]
    assert page.current_phase.kind.key == "implementation"

    projects = list(Project.objects.filter(consultation=page.translation_key))
    assert len(projects) == 15
    assert Counter(project.review for project in projects) == {
        Review.FEASIBLE: 12,
        Review.UNFEASIBLE: 3,
    }
    assert sum(not project.within_powers for project in projects) == 2
    assert all(project.unfeasible_reason for project in projects if project.review == "unfeasible")
    shortlisted = [project for project in projects if project.shortlisted]
    assert len(shortlisted) == 9
    selected = [project for project in projects if project.selected]
    assert {project.implementation for project in selected} >= {
        Implementation.FINISHED,
        Implementation.IN_PROGRESS,
        Implementation.NOT_STARTED,
    }
    # Every part has a winner and a project that lost on the ballot.
    for part in parts:
        in_part = [project for project in shortlisted if project.part == part.key]
        assert any(p.selected for p in in_part) and not all(p.selected for p in in_part)


def test_the_2570_ballots_come_from_several_voter_groups_online_and_on_paper(demo_home):
    page = _round(demo_home, 2570)
    ballots = Ballot.objects.filter(consultation=page.translation_key)
    assert all(ballot.submitted_at for ballot in ballots)
    assert Counter(ballots.values_list("channel", flat=True)) == {
        Channel.ONLINE: 30,
        Channel.PAPER: 2,
    }
    assert set(ballots.values_list("voter_group", flat=True)) == {
        "resident",
        "concerned",
        "interested",
    }
    # The ballot's snapshot of where the person lives: inside the municipality or not.
    assert set(ballots.values_list("area", flat=True)) == {"inside", "outside"}
    paper = ballots.filter(channel=Channel.PAPER)
    assert all(ballot.entered_by.username == "saensuk-staff" for ballot in paper)
    assert all(ballot.entered_at_place.startswith("ศาลาชุมชน") for ballot in paper)
    # Every ballot holds what fits in its part's money.
    money = {part.key: part.money for part in parts_of(page)}
    for ballot in ballots:
        spent = sum(line.project.cost for line in BallotLine.objects.filter(ballot=ballot))
        assert 0 < spent <= money[ballot.part]


def test_the_2570_round_is_counted_by_both_rules_and_they_differ(demo_home):
    page = _round(demo_home, 2570)
    counts = _counts(page)
    assert set(counts) == {CountingRule.GREEDY, CountingRule.EQUAL_SHARES}
    assert page.counting_rule == CountingRule.GREEDY
    greedy, equal_shares = _winners(counts["greedy"]), _winners(counts["equal_shares"])
    # The rule decides: the selected projects are the greedy winners.
    selected = set(
        Project.objects.filter(consultation=page.translation_key, selected=True).values_list(
            "pk", flat=True
        )
    )
    assert selected == set().union(*greedy.values())
    # The Method of Equal Shares gives the smaller groups of voters their part in two
    # communities: the demo shows the difference.
    assert sum(greedy[key] != equal_shares[key] for key in greedy) == 2
    assert counts["greedy"].ballots == 32


def test_the_finished_2570_project_shows_its_milestones_money_and_progress(demo_home, client):
    page = _round(demo_home, 2570)
    finished = Project.objects.get(consultation=page.translation_key, implementation="finished")
    assert finished.title == "ปรับปรุงทางเท้าหน้าตลาดหนองมน"
    assert finished.progress == 100
    assert finished.milestones.count() == 4
    spent = sum(finished.spendings.values_list("amount", flat=True))
    assert 0 < spent <= finished.cost

    html = client.get(page.url + page.reverse_subpage("project", args=[finished.pk])).content
    html = html.decode()
    assert "ตรวจรับงานร่วมกับคณะกรรมการชุมชนหนองมน" in html
    assert f"{spent:,}" in html and f"{finished.cost:,}" in html


def test_the_2570_area_plan_export_holds_the_projects_outside_the_powers(demo_home, client):
    page = _round(demo_home, 2570)
    response = client.get(page.url + page.reverse_subpage("area_plan", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = {row["title"] for row in rows}
    assert titles == {
        "สะพานลอยข้ามถนนสุขุมวิทหน้าตลาดหนองมน",
        "ขุดลอกคลองชลประทานท้ายชุมชนวอนนภา",
    }


def test_the_2570_results_page_shows_both_rules_and_the_voter_groups(demo_home, client):
    page = _round(demo_home, 2570)
    response = client.get(page.url + page.reverse_subpage("results"))
    assert response.status_code == 200
    shown = response.context["parts"]
    assert [part["part"].key for part in shown] == ["nong-mon", "bang-saen-sai-1", "won-napha"]
    for part in shown:
        assert part["winners"] and part["other"]
        groups = {label: votes for label, votes, *_rest in part["by_group"]}
        assert sum(groups.values()) > 0
    nong_mon = shown[0]
    assert nong_mon["paper"] == 1 and nong_mon["online"] == 9
    html = response.content.decode()
    assert "ปรับปรุงทางเท้าหน้าตลาดหนองมน" in html


def test_the_2571_round_is_supporting_with_projects_one_from_a_proposal(demo_home):
    page = _round(demo_home, 2571)
    assert page.current_phase.kind.key == "supporting_projects"
    assert page.counting_rule == CountingRule.EQUAL_SHARES
    projects = Project.objects.filter(consultation=page.translation_key)
    assert projects.count() == 7
    assert projects.filter(review=Review.PENDING).count() == 1
    assert projects.filter(review=Review.UNFEASIBLE, within_powers=False).count() == 1
    from_proposal = projects.get(proposal__isnull=False)
    assert from_proposal.proposal.title == "จุดคัดแยกขยะริมหาดบางแสน"
    assert not projects.filter(shortlisted=True).exists()


def test_on_the_demo_a_participant_supports_ballots_and_sees_results_and_progress(
    demo_home, client
):
    """The issue's walk: support → (staff shortlist and move on) → ballot within the
    money → (staff move on to the results) → results under both rules, by voter group
    → the progress of a winning project."""
    page = _round(demo_home, 2571)
    somchai = get_user_model().objects.get(username=SOMCHAI)
    staff = get_user_model().objects.get(username="saensuk-staff")
    lights = Project.objects.get(
        consultation=page.translation_key, part="nong-mon", title__contains="ไฟส่องสว่าง"
    )
    trees = Project.objects.get(
        consultation=page.translation_key, part="nong-mon", title__contains="ต้นไม้"
    )
    project_url = page.url + page.reverse_subpage("project", args=[lights.pk])
    supports_before = client.get(project_url).context["supports"]

    # Somchai supports the lights.
    client.force_login(somchai)
    response = client.post(project_url, {})
    assert response.status_code == 302
    assert client.get(project_url).context["supports"] == supports_before + 1

    # Staff shortlist the feasible projects and move the round on to balloting, with a
    # reason each time, in the admin.
    client.force_login(staff)
    feasible = Project.objects.filter(consultation=page.translation_key, review="feasible")
    response = client.post(
        reverse("bokrao_budget_shortlist", args=[page.pk]),
        {"shortlisted": [str(pk) for pk in feasible.values_list("pk", flat=True)]},
    )
    assert response.status_code == 302
    for reason in ("ครบกำหนดสนับสนุนโครงการ", "ประกาศราคาโครงการแล้ว"):
        response = client.post(
            reverse("bokrao_phases", args=[page.pk]), {"action": "advance", "reason": reason}
        )
        assert response.status_code == 302
    page = BudgetRoundPage.objects.get(pk=page.pk)
    assert page.current_phase.kind.key == "ballot"

    # Somchai ballots in his community, within its 600,000 baht, and submits.
    client.force_login(somchai)
    ballot_url = page.url + page.reverse_subpage("ballot_part", args=["nong-mon"])
    with translation.override("th"):
        for project in (lights, trees):
            answer = client.post(
                ballot_url,
                {"action": "add", "project": project.pk},
                HTTP_ACCEPT="application/json",
            ).json()
            assert answer["ok"], answer
        assert answer["money_left"] == 600_000 - lights.cost - trees.cost
        client.post(ballot_url, {"action": "submit"})
    ballot = Ballot.objects.get(consultation=page.translation_key, participant__user=somchai)
    assert ballot.submitted_at and ballot.lines.count() == 2

    # Staff close balloting; the counting step, then the results: the clock's task
    # counts the round as it enters its results.
    from consultation_blocks.budgeting.counting.tasks import count_due_rounds

    client.force_login(staff)
    for reason in ("ปิดการลงคะแนน", "นับคะแนนเสร็จแล้ว"):
        client.post(
            reverse("bokrao_phases", args=[page.pk]), {"action": "advance", "reason": reason}
        )
    page = BudgetRoundPage.objects.get(pk=page.pk)
    assert page.current_phase.kind.key == "results"
    assert count_due_rounds() == 1

    # Somchai sees the results, by both rules and by voter group.
    client.force_login(somchai)
    response = client.get(page.url + page.reverse_subpage("results"))
    nong_mon = next(part for part in response.context["parts"] if part["part"].key == "nong-mon")
    assert {row["id"] for row in nong_mon["winners"]} >= {lights.pk}
    assert nong_mon["other"], "the other rule's count is shown beside"
    by_group = {label: votes for label, votes, *_rest in nong_mon["by_group"]}
    resident = Participant.objects.get(user=somchai).get_voter_group_display()
    assert by_group[resident] >= 2  # his two lines, and perhaps others'

    # And the progress of a winning project of last year's round.
    last_year = _round(demo_home, 2570)
    finished = Project.objects.get(
        consultation=last_year.translation_key, implementation="finished"
    )
    html = client.get(last_year.url + last_year.reverse_subpage("project", args=[finished.pk]))
    assert 'max="100" value="100"' in html.content.decode()
