"""The ballot pages: they work without JavaScript (plain POST forms, redirect back with
a message), answer JSON to the script, and read a constant number of queries."""

import pytest

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.models import BallotLine
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import VerificationLevel
from pb_pages.factories import make_round, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"), slug="pb")


@pytest.fixture
def voter_client(client, home):
    voter = make_participant("somsri", verification_level=VerificationLevel.RESIDENT)
    client.force_login(voter.user)
    return client


def _url(page, part="north"):
    return page.url + page.reverse_subpage("ballot_part", args=[part])


def test_plain_forms_add_refuse_with_the_reason_and_submit(round_page, voter_client):
    big = budget.make_project(round_page, "north", "ถนน", cost=600)
    other = budget.make_project(round_page, "north", "สวน", cost=500)
    url = _url(round_page)

    assert voter_client.post(url, {"action": "add", "project": big.pk}).status_code == 302
    page = voter_client.get(url)
    assert "400" in page.content.decode()

    voter_client.post(url, {"action": "add", "project": other.pk})
    followed = voter_client.get(url).content.decode()
    assert "เหลือเงินเพียง 400 บาท" in followed and BallotLine.objects.count() == 1

    voter_client.post(url, {"action": "submit"})
    assert BallotLine.objects.get().counted


def test_json_answer_for_the_script(round_page, voter_client):
    project = budget.make_project(round_page, "north", "ถนน", cost=600)
    answer = voter_client.post(
        _url(round_page), {"action": "add", "project": project.pk}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer["ok"] and answer["money_left"] == 400 and answer["chosen"] == [project.pk]


def test_overview_lists_the_parts(round_page, voter_client):
    body = voter_client.get(round_page.url + "ballot/").content.decode()
    assert "ชุมชนเหนือ" in body and "ชุมชนตะวันออก" in body


def _ballot_page_queries(round_page, voter_client, django_assert_max_num_queries, count):
    for i in range(count):
        budget.make_project(round_page, "north", f"p{i}", cost=10)
    voter_client.get(_url(round_page))
    with django_assert_max_num_queries(40) as captured:
        voter_client.get(_url(round_page))
    return len(captured)


def test_ballot_page_queries_do_not_grow_with_projects(
    round_page, voter_client, django_assert_max_num_queries
):
    few = _ballot_page_queries(round_page, voter_client, django_assert_max_num_queries, 3)
    many = _ballot_page_queries(round_page, voter_client, django_assert_max_num_queries, 6)
    assert many == few
