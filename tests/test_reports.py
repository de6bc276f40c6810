import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.participants import Area, VoterGroup
from consultation_blocks.services import cast_vote
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(home):
    section = make_section(home, "vote", slug="votes")
    page = make_consultation(
        section,
        title="ไฟส่องสว่างในซอย",
        body=widget_body(widget("agree_disagree", "w1", question="ติดไฟซอยมืดก่อนไหม")),
    )
    page.save_revision().publish()
    cast_vote(make_participant("a"), page, "w1", "agree")
    cast_vote(make_participant("b"), page, "w1", "agree")
    outsider = make_participant("c", voter_group=VoterGroup.CONCERNED, area=Area.OUTSIDE)
    cast_vote(outsider, page, "w1", "disagree")
    return page


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staff", "staff@saensuk.example", "pw")
    client.force_login(user)
    return client


def test_staff_see_votes_split_by_voter_group_and_area(voted, staff):
    response = staff.get(reverse("bokrao_report", args=[voted.pk]))

    assert response.status_code == 200
    widget_report = response.context["widgets"][0]
    assert widget_report["question"] == "ติดไฟซอยมืดก่อนไหม"
    agree, disagree = widget_report["rows"]
    assert (agree["count"], agree["share"], agree["groups"], agree["areas"]) == (
        2,
        67,
        [2, 0, 0],
        [2, 0],
    )
    assert (disagree["count"], disagree["groups"], disagree["areas"]) == (1, [0, 0, 1], [0, 1])
    assert response.context["participants"] == 3
    html = response.content.decode()
    assert "ผู้อยู่อาศัยหรือผู้ได้รับผลกระทบโดยตรง" in html  # the admin speaks Thai


def test_csv_export_has_a_row_per_choice_and_reads_as_utf8(voted, staff):
    response = staff.get(reverse("bokrao_report", args=[voted.pk]), {"format": "csv"})

    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[1][:3] == ["ติดไฟซอยมืดก่อนไหม", "เห็นด้วย", "2"]
    assert rows[2][:3] == ["ติดไฟซอยมืดก่อนไหม", "ไม่เห็นด้วย", "1"]
    assert len(rows) == 3


def test_citizens_cannot_open_the_report(voted, client):
    client.force_login(make_participant("d").user)
    response = client.get(reverse("bokrao_report", args=[voted.pk]))
    assert response.status_code in (302, 403)
    assert "ติดไฟซอยมืดก่อนไหม" not in response.content.decode()


def test_the_page_explorer_offers_the_report_for_pages_with_widgets(voted, staff):
    html = staff.get(reverse("wagtailadmin_explore", args=[voted.get_parent().pk])).content.decode()
    assert reverse("bokrao_report", args=[voted.pk]) in html
