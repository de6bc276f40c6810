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


# The phone page and the script's answer (issue 14) ------------------------------------


def test_json_answer_says_the_money_left_formatted_the_count_and_whether_to_submit(
    home, voter_client
):
    from django.utils import translation

    page = make_round(
        make_section(home, "budget", slug="budget"),
        slug="pb",
        parts=[budget.part("town", "ทั้งเมือง", 12000)],
        minimum_projects=2,
    )
    client = voter_client
    first = budget.make_project(page, "town", "ถนน", cost=1500)
    second = budget.make_project(page, "town", "สวน", cost=500)
    url = _url(page, "town")
    json = {"HTTP_ACCEPT": "application/json"}

    answer = client.post(url, {"action": "add", "project": first.pk}, **json).json()
    assert answer["money_left"] == 10500 and answer["money_left_text"] == "10,500"
    assert answer["count"] == 1 and not answer["may_submit"] and not answer["submitted"]
    with translation.override("th"):
        assert answer["submit_hint"] == translation.ngettext(
            "Choose at least %(count)d project before you submit.",
            "Choose at least %(count)d projects before you submit.",
            2,
        ) % {"count": 2}

    client.post(url, {"action": "add", "project": second.pk}, **json)
    answer = client.post(url, {"action": "submit"}, **json).json()
    assert answer["ok"] and answer["submitted"] and answer["may_submit"]
    assert answer["count"] == 2 and answer["money_left_text"] == "10,000"
    assert answer["chosen"] == sorted([first.pk, second.pk])


def test_limits_in_words_say_each_rule_of_the_round():
    from django.utils import translation

    from consultation_blocks.budgeting.ballots import rules
    from consultation_blocks.budgeting.ballots.views import limits_in_words
    from consultation_blocks.budgeting.choices import BallotKind

    with translation.override("en"):
        knapsack = limits_in_words(
            rules.Limits(
                kind=BallotKind.KNAPSACK,
                money=250000,
                minimum_projects=2,
                maximum_projects=4,
                minimum_spend_percent=70,
            )
        )
        approval = limits_in_words(
            rules.Limits(kind=BallotKind.APPROVAL, money=250000, approval_limit=3)
        )
    assert knapsack == [
        "Choose projects that cost up to 250,000 baht in all.",
        "Choose up to 4 projects.",
        "Choose at least 2 projects.",
        "Spend at least 70% of the money: 175,000 baht or more.",
    ]
    assert approval == ["Choose up to 3 projects."]


def test_the_page_says_the_limits_and_shows_each_project_as_a_card(home, voter_client):
    from django.utils import translation

    from consultation_blocks.budgeting.ballots import rules
    from consultation_blocks.budgeting.ballots.views import limits_in_words

    page = make_round(
        make_section(home, "budget", slug="budget"),
        slug="pb",
        parts=[budget.part("town", "ทั้งเมือง", 12000)],
        minimum_spend_percent=50,
    )
    project = budget.make_project(page, "town", "ถนน", cost=1500, description="ถนนคอนกรีตสาย ก")
    body = voter_client.get(_url(page, "town")).content.decode()

    with translation.override("th"):
        said = limits_in_words(rules.limits_of(page, rules.part_of(page, "town")))
    assert len(said) == 2 and all(words in body for words in said)
    assert 'max="12000" value="12000"' in body  # the meter works without the script
    assert f'href="{page.url}p/{project.pk}/"' in body
    assert "1,500" in body and "ถนนคอนกรีตสาย ก" in body


def test_a_refused_plain_form_comes_back_to_the_part(round_page, voter_client):
    big = budget.make_project(round_page, "north", "ถนน", cost=600)
    other = budget.make_project(round_page, "north", "สวน", cost=500)
    url = _url(round_page)
    voter_client.post(url, {"action": "add", "project": big.pk, "next": url})
    answer = voter_client.post(url, {"action": "add", "project": other.pk, "next": url})
    assert answer.status_code == 302 and answer["Location"] == url
    assert voter_client.get(url).content.decode().count("data-ballot-chosen>") == 1


# The ballot's forms post to participate/ballot/, naming the round and the part --------


def _form_fields(html):
    """The first ballot form's action and hidden fields, as a browser would send them."""
    import re

    form = re.search(
        r'<form method="post" action="([^"]+)" data-ballot-form>(.*?)</form>', html, re.S
    )
    fields = dict(
        re.findall(r'<input type="hidden" name="([a-z]+)" value="([^"]*)">', form.group(2))
    )
    return form.group(1), fields


def test_the_ballot_forms_post_to_the_ballot_endpoint_and_come_back_to_the_part(
    round_page, voter_client
):
    project = budget.make_project(round_page, "north", "ถนน", cost=600)
    url = _url(round_page)
    action, fields = _form_fields(voter_client.get(url).content.decode())
    assert action == "/th/participate/ballot/"
    assert fields["page"] == str(round_page.pk) and fields["part"] == "north"
    assert fields["project"] == str(project.pk) and fields["action"] == "add"

    fields.pop("csrfmiddlewaretoken", None)
    response = voter_client.post(action, fields)
    assert response.status_code == 302 and response["Location"] == url
    assert BallotLine.objects.get().project == project
    assert "ถนน" in voter_client.get(url).content.decode()

    answer = voter_client.post(
        action, {**fields, "action": "remove"}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer["ok"] and answer["chosen"] == [] and answer["money_left"] == 1000
    assert not BallotLine.objects.exists()


def test_the_ballot_endpoint_refuses_a_page_that_is_no_round_and_a_part_it_lacks(
    home, round_page, voter_client
):
    project = budget.make_project(round_page, "north", "ถนน", cost=600)
    sent = {"part": "north", "action": "add", "project": project.pk}
    endpoint = "/th/participate/ballot/"
    assert voter_client.post(endpoint, {**sent, "page": home.pk}).status_code == 404
    assert voter_client.post(endpoint, {**sent, "page": "x"}).status_code == 404
    wrong_part = {**sent, "page": round_page.pk, "part": "gone"}
    assert voter_client.post(endpoint, wrong_part).status_code == 404
    assert voter_client.get(endpoint, {**sent, "page": round_page.pk}).status_code == 405
    assert not BallotLine.objects.exists()


def _add_queries(page, client, django_assert_max_num_queries, lines):
    """The queries of adding one project to a ballot that holds `lines` projects."""
    projects = [budget.make_project(page, "town", f"p{n}", cost=10) for n in range(lines + 1)]
    fields = {"page": page.pk, "part": "town", "action": "add"}
    json = {"HTTP_ACCEPT": "application/json"}
    for project in projects[:-1]:
        assert client.post(
            "/th/participate/ballot/", {**fields, "project": project.pk}, **json
        ).json()["ok"]
    with django_assert_max_num_queries(30) as captured:
        answer = client.post(
            "/th/participate/ballot/", {**fields, "project": projects[-1].pk}, **json
        ).json()
    assert answer["ok"] and answer["count"] == lines + 1
    return len(captured)


def test_a_ballot_action_asks_as_many_queries_however_full_the_ballot(
    home, voter_client, django_assert_max_num_queries
):
    section = make_section(home, "budget", slug="budget")
    few_page = make_round(section, slug="few", parts=[budget.part("town", "ทั้งเมือง", 1000)])
    many_page = make_round(section, slug="many", parts=[budget.part("town", "ทั้งเมือง", 1000)])
    few = _add_queries(few_page, voter_client, django_assert_max_num_queries, 3)
    many = _add_queries(many_page, voter_client, django_assert_max_num_queries, 6)
    assert many == few
