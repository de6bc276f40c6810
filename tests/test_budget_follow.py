"""Following a selected project from its page (R2): a plain form that works without
JavaScript, the number of followers shown, anonymous visitors sent to sign in, and a
project page whose number of queries does not grow with its followers."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.implementation import services
from consultation_blocks.budgeting.models import ProjectFollower
from consultation_blocks.factories import make_participant
from pb_pages.factories import make_round, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    return make_round(make_section(home, "budget", slug="budget"))


@pytest.fixture
def project(round_page):
    return make_project(round_page, "north", title="ลานกีฬาชุมชน", cost=600_000, selected=True)


def _in_both_languages(msgid):
    found = set()
    for language in ("en", "th"):
        with translation.override(language):
            found.add(gettext(msgid))
    return found


def _follow_url(round_page, project):
    return f"{round_page.url}p/{project.pk}/follow/"


def test_a_participant_follows_and_unfollows_a_project_without_javascript(
    client, round_page, project
):
    fan = make_participant("fan")
    client.force_login(fan.user)
    answer = client.post(_follow_url(round_page, project))
    assert answer.status_code == 302
    assert answer["Location"].endswith(f"p/{project.pk}/#follow-up")
    assert ProjectFollower.objects.filter(project=project, participant=fan).exists()
    page = client.get(f"{round_page.url}p/{project.pk}/").content.decode()
    assert 'name="unfollow"' in page
    client.post(_follow_url(round_page, project), {"unfollow": "1"})
    assert not ProjectFollower.objects.filter(project=project).exists()


def test_following_twice_keeps_one_follow(client, round_page, project):
    fan = make_participant("fan")
    client.force_login(fan.user)
    client.post(_follow_url(round_page, project))
    client.post(_follow_url(round_page, project))
    assert ProjectFollower.objects.filter(project=project).count() == 1


def test_the_project_page_shows_how_many_people_follow(client, round_page, project):
    for name in ("a", "b", "c"):
        services.follow(make_participant(name), project)
    with translation.override("en"):
        page = client.get(f"{round_page.url}p/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert _follow_url(round_page, project) in html
    assert "มีผู้ติดตามโครงการนี้ 3 คน" in html  # "3 people follow this project"


def test_an_anonymous_visitor_is_refused_and_told_to_sign_in(client, round_page, project):
    answer = client.post(_follow_url(round_page, project), HTTP_ACCEPT="application/json")
    assert answer.status_code == 403
    body = answer.json()
    assert body["message"] in _in_both_languages("Sign in to follow this project.")
    assert body["remedy_url"].startswith("/") and "next=" in body["remedy_url"]
    assert not ProjectFollower.objects.exists()
    plain = client.post(_follow_url(round_page, project))
    assert plain.status_code == 302
    assert [str(m) for m in get_messages(plain.wsgi_request)]


def test_a_project_not_selected_cannot_be_followed(client, round_page):
    other = make_project(round_page, "north", title="ไฟทาง", cost=100_000)
    client.force_login(make_participant("fan").user)
    answer = client.post(_follow_url(round_page, other), HTTP_ACCEPT="application/json")
    assert answer.status_code == 400
    assert not ProjectFollower.objects.exists()


def test_following_only_takes_a_post(client, round_page, project):
    client.force_login(make_participant("fan").user)
    assert client.get(_follow_url(round_page, project)).status_code == 405


def _count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200
    return len(queries)


def test_the_project_pages_queries_do_not_grow_with_its_followers(client, round_page, project):
    fan = make_participant("fan")
    services.follow(fan, project)
    client.force_login(fan.user)
    url = f"{round_page.url}p/{project.pk}/"
    for i in range(3):
        services.follow(make_participant(f"f{i}"), project)
    few = _count_queries(client, url)
    for i in range(3, 9):
        services.follow(make_participant(f"f{i}"), project)
    assert _count_queries(client, url) == few
