"""Poll widgets: single choice, multiple choice with a maximum, and "other" with text."""

import json

import pytest
from django.utils import translation

from consultation_blocks.factories import make_participant, poll_widget, widget_body
from consultation_blocks.models import Vote
from consultation_blocks.tally import tally
from consultation_blocks.widgets.votes import VoteRefused, cast_vote
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db

OPTIONS = {"o-park": "สวนสาธารณะ", "o-lights": "ไฟถนน", "o-drain": "ท่อระบายน้ำ"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def survey(home):
    section = make_section(home, "vote", slug="votes")
    page = make_consultation(
        section,
        slug="priorities",
        body=widget_body(
            poll_widget("w-one", OPTIONS),
            poll_widget("w-two", OPTIONS, multiple=True, max_choices=2, allow_other=True),
        ),
    )
    page.save_revision().publish()
    return page


def test_single_choice_poll_takes_one_answer_and_may_be_changed(survey):
    somchai = make_participant()
    cast_vote(somchai, survey, "w-one", ["o-park"])
    cast_vote(somchai, survey, "w-one", ["o-drain"])

    assert Vote.objects.get().choices == ["o-drain"]
    with pytest.raises(VoteRefused, match="Choose one answer"):
        cast_vote(somchai, survey, "w-one", ["o-park", "o-lights"])
    with pytest.raises(VoteRefused, match="Choose an answer"):
        cast_vote(somchai, survey, "w-one", [])
    with pytest.raises(VoteRefused, match="not offered"):
        cast_vote(somchai, survey, "w-one", ["other"])  # "other" is not offered here


def test_multiple_choice_poll_keeps_to_its_maximum(survey):
    somchai = make_participant()
    with pytest.raises(VoteRefused, match="at most 2"):
        cast_vote(somchai, survey, "w-two", ["o-park", "o-lights", "o-drain"])
    cast_vote(somchai, survey, "w-two", ["o-park", "o-lights", "o-park"])

    assert Vote.objects.get().choices == ["o-park", "o-lights"]


def test_other_needs_its_text_and_keeps_it(survey):
    somchai = make_participant()
    with pytest.raises(VoteRefused, match="Write your other answer"):
        cast_vote(somchai, survey, "w-two", ["other"], other_text="   ")
    cast_vote(somchai, survey, "w-two", ["o-park", "other"], other_text="  ลานกีฬา\nชุมชน ")

    vote = Vote.objects.get()
    assert vote.choices == ["o-park", "other"]
    assert vote.other_text == "ลานกีฬา ชุมชน"
    cast_vote(somchai, survey, "w-two", ["o-park"], other_text="ignored without other")
    assert Vote.objects.get().other_text == ""


def test_tally_counts_people_and_each_choice(survey):
    cast_vote(make_participant("a"), survey, "w-two", ["o-park", "o-lights"])
    cast_vote(make_participant("b"), survey, "w-two", ["o-park"])

    counted = tally(survey.translation_key, "w-two")
    assert counted["total"] == 2
    assert counted["choices"] == {"o-park": 2, "o-lights": 1}


def test_option_keys_survive_rewording_the_options(survey):
    cast_vote(make_participant("a"), survey, "w-one", ["o-lights"])
    survey.body = widget_body(
        poll_widget("w-one", {**OPTIONS, "o-lights": "ไฟส่องสว่างในซอย"}),
    )
    survey.save_revision().publish()

    assert tally(survey.translation_key, "w-one")["choices"] == {"o-lights": 1}


def test_the_poll_form_works_without_javascript(survey, client):
    somchai = make_participant()
    client.force_login(somchai.user)
    html = client.get(survey.url).content.decode()
    assert 'type="radio" name="choice" value="o-park"' in html
    assert 'type="checkbox" name="choice" value="o-park"' in html

    response = client.post(
        "/th/participate/vote/",
        {"page": survey.pk, "widget": "w-two", "choice": ["o-drain", "other"], "other": "ตลาด"},
    )
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert (vote.choices, vote.other_text) == (["o-drain", "other"], "ตลาด")
    html = client.get(survey.url).content.decode()
    assert 'value="o-drain" checked' in html
    assert 'value="ตลาด"' in html


def test_the_json_answer_carries_the_counts(survey, client):
    client.force_login(make_participant().user)
    response = client.post(
        "/en/participate/vote/",
        {"page": survey.pk, "widget": "w-two", "choice": ["o-park", "o-lights", "o-drain"]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400  # what was sent is wrong: not a refusal of the person
    assert response.json()["message"] == "Choose at most 2 answers."
    response = client.post(
        "/en/participate/vote/",
        {"page": survey.pk, "widget": "w-two", "choice": ["o-park"]},
        HTTP_ACCEPT="application/json",
    )
    assert json.loads(response.content)["choices"] == {"o-park": 1}
