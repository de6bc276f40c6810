"""The results as open data: CSV, JSON and Pabulib files without personal data; the
Pabulib file passes pabulib-checker."""

import csv
import io
import json

import pytest
from pabulib.checker import Checker

from consultation_blocks.budgeting.choices import Channel, CountingRule
from consultation_blocks.budgeting.counting import services
from consultation_blocks.budgeting.counting.factories import make_ballot
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.factories import make_participant
from pb_pages.factories import in_phase, make_round, make_section


@pytest.fixture
def budget_round(home):
    return make_round(make_section(home, "budget"))


def _fill(budget_round):
    found = [
        make_project(budget_round, "north", title=f"โครงการ; ที่ {n}", cost=cost)
        for n, cost in enumerate((100, 300, 200, 500, 400), 1)
    ]
    choices = [[0, 1], [1, 2], [2], [3], [2, 3], [0, 2], [4], [1, 4], [3]]
    for number, chosen in enumerate(choices):
        person = make_participant(f"voter{number}")
        make_ballot(
            budget_round,
            "north",
            [found[i] for i in chosen],
            participant=person,
            channel=Channel.PAPER if number % 4 == 0 else Channel.ONLINE,
        )
    with in_phase(budget_round, "results"):
        services.count_round(budget_round)
    return found


def _get(client, budget_round, fmt, query=""):
    with in_phase(budget_round, "results"):
        return client.get(f"{budget_round.url}data/{fmt}/{query}")


def _check(content):
    results = Checker().process_files([content])
    (found,) = [v for k, v in results.items() if k not in ("metadata", "summary")]
    return results["metadata"], found["results"]


@pytest.mark.parametrize("rule", [CountingRule.GREEDY, CountingRule.EQUAL_SHARES])
def test_pabulib_file_passes_the_checker(client, budget_round, rule):
    budget_round.counting_rule = rule
    budget_round.save()
    _fill(budget_round)
    response = _get(client, budget_round, "pb", "?part=north")
    assert response.status_code == 200
    content = response.content.decode()
    metadata, found = _check(content)
    assert not found.get("errors"), found
    assert metadata["valid"] == 1
    assert "voter" not in content.split("VOTES", 1)[1].split("\n", 2)[2]  # no usernames
    assert "paper" in content and "internet" in content


def test_pabulib_file_of_unknown_part_is_404(client, budget_round):
    _fill(budget_round)
    assert _get(client, budget_round, "pb", "?part=nowhere").status_code == 404


def test_csv_and_json_hold_projects_votes_and_results(client, budget_round):
    found = _fill(budget_round)
    data = json.loads(_get(client, budget_round, "json").content)
    assert data["counting_rule"] == CountingRule.GREEDY
    rows = {row["project_id"]: row for row in data["projects"]}
    assert rows[found[2].pk]["votes"] == 4
    assert rows[found[2].pk]["votes_by_channel"] == {"online": 3, "paper": 1}
    text = _get(client, budget_round, "csv").content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert {int(row["project_id"]) for row in table} == set(rows)
    assert "voter0" not in text and "example.com" not in text


def test_no_open_data_before_results(client, budget_round):
    assert client.get(f"{budget_round.url}data/csv/").status_code == 404


@pytest.mark.parametrize("rule", [CountingRule.GREEDY, CountingRule.EQUAL_SHARES])
def test_the_whole_round_is_a_zip_of_one_valid_pabulib_file_per_part(client, budget_round, rule):
    import zipfile

    budget_round.counting_rule = rule
    budget_round.save()
    _fill(budget_round)
    # More asked than the part's 2,000 baht: Pabulib holds no instance that funds all.
    field = make_project(budget_round, "south", title="ลานกีฬา", cost=1500)
    lights = make_project(budget_round, "south", title="ไฟทาง", cost=900)
    for n, chosen in enumerate(([field], [field], [lights])):
        make_ballot(budget_round, "south", chosen, participant=make_participant(f"south{n}"))
    with in_phase(budget_round, "results"):
        services.count_round(budget_round)
    response = _get(client, budget_round, "zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert any(name.endswith("-north.pb") for name in names)
    assert any(name.endswith("-south.pb") for name in names)
    for name in names:
        content = archive.read(name).decode("utf-8")
        metadata, found = _check(content)
        assert not found.get("errors"), (name, found)
        assert metadata["valid"] == 1
    north = archive.read(next(n for n in names if n.endswith("-north.pb"))).decode()
    # Each part's file is the same as the part's own download.
    assert north == _get(client, budget_round, "pb", "?part=north").content.decode()
    south_file = archive.read(next(n for n in names if n.endswith("-south.pb"))).decode()
    assert "num_votes;3" in south_file


def test_the_results_page_links_the_round_zip_and_each_parts_file(client, budget_round):
    _fill(budget_round)
    with in_phase(budget_round, "results"):
        page = client.get(f"{budget_round.url}results/").content.decode()
    assert f"{budget_round.url}data/zip/" in page
    assert f"{budget_round.url}data/pb/?part=north" in page
