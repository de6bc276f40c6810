import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section

from .refusals import assert_sent_to_admin_sign_in

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
    outsider = make_participant("c", voter_group=VoterGroup.CONCERNED, area=Residence.OUTSIDE)
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
    assert_sent_to_admin_sign_in(response)
    assert "ติดไฟซอยมืดก่อนไหม" not in response.content.decode()


def test_the_page_explorer_offers_the_report_for_pages_with_widgets(voted, staff):
    html = staff.get(reverse("wagtailadmin_explore", args=[voted.get_parent().pk])).content.decode()
    assert reverse("bokrao_report", args=[voted.pk]) in html


def test_comment_widgets_count_comments_by_state_group_and_area(home, staff):
    from consultation_blocks.comments.moderation import hide
    from consultation_blocks.comments.services import post_comment
    from consultation_blocks.factories import comment_widget

    page = make_consultation(
        make_section(home, "debate", slug="debates"),
        body=widget_body(comment_widget("c1"), widget("agree_disagree", "w1")),
    )
    page.save_revision().publish()
    resident = make_participant("r")
    outsider = make_participant("o", voter_group=VoterGroup.CONCERNED, area=Residence.OUTSIDE)
    post_comment(resident, page, "c1", "หนึ่ง")
    hide(None, post_comment(outsider, page, "c1", "สอง"), "ไม่สุภาพ")
    cast_vote(resident, page, "w1", "agree")

    response = staff.get(reverse("bokrao_report", args=[page.pk]))
    comments, votes = response.context["widgets"]
    published, held, hidden, withheld = comments["rows"]
    assert comments["is_comments"] and comments["total"] == 2
    assert (published["count"], published["groups"], published["areas"]) == (1, [1, 0, 0], [1, 0])
    assert (hidden["count"], hidden["groups"], hidden["areas"]) == (1, [0, 0, 1], [0, 1])
    assert held["count"] == withheld["count"] == 0
    # Two people took part: the resident who voted and commented, and the outsider.
    assert response.context["participants"] == 2
    assert response.context["participants_by_group"] == [1, 0, 1]
    assert response.context["participants_by_area"] == [1, 1]


def test_the_chart_scales_each_groups_share_to_the_largest_choice(voted, staff):
    response = staff.get(reverse("bokrao_report", args=[voted.pk]))
    agree, disagree = response.context["widgets"][0]["rows"]
    assert [(s["count"], s["width"]) for s in agree["segments"]] == [(2, 100.0)]
    assert [(s["count"], s["width"]) for s in disagree["segments"]] == [(1, 50.0)]
    html = response.content.decode()
    assert 'class="bokrao-chart__segment" style="width: 100.0%' in html


def test_the_report_says_whether_the_index_agrees_after_an_outage(
    participation_index, voted, staff, settings
):
    from search.models import OutboxEntry
    from search.outbox import send_due

    # The votes are in the outbox, not yet in the index (as after an outage).
    url = reverse("bokrao_report", args=[voted.pk])
    index_check = staff.get(url).context["index"]
    assert index_check["differences"]  # nothing sent yet: the index lags behind

    while send_due(participation_index):
        pass
    assert not OutboxEntry.objects.exists()
    html = staff.get(url).content.decode()
    assert staff.get(url).context["index"] == {"down": False, "differences": []}
    assert "data-index-check" in html

    settings.BOKRAO_SEARCH = {**settings.BOKRAO_SEARCH, "URL": "http://127.0.0.1:9"}
    assert staff.get(url).context["index"] == {"down": True}


def test_the_report_splits_residents_by_the_area_they_lived_in(home, staff):
    from consultation_blocks.models import Area
    from consultation_blocks.municipalities.services import municipality_of

    town = municipality_of(home)
    beach = Area.objects.create(municipality=town, name="ชุมชนบางแสน", code="01", population=820)
    hill = Area.objects.create(municipality=town, name="ชุมชนเขาสามมุข", code="02", population=400)
    section = make_section(home, "vote", slug="votes")
    page = make_consultation(
        section, body=widget_body(widget("agree_disagree", "w1", question="ปรับปรุงชายหาด"))
    )
    page.save_revision().publish()
    for name, area, choice in [
        ("a", beach, "agree"),
        ("b", beach, "agree"),
        ("c", hill, "disagree"),
    ]:
        cast_vote(make_participant(name, home_area=area), page, "w1", choice)
    cast_vote(make_participant("d", area=Residence.OUTSIDE), page, "w1", "agree")

    response = staff.get(reverse("bokrao_report", args=[page.pk]))

    agree, disagree = response.context["widgets"][0]["rows"]
    assert (agree["districts"], disagree["districts"]) == ([2, 0], [0, 1])
    assert response.context["districts"] == [
        {"name": "ชุมชนบางแสน", "population": 820, "participants": 2},
        {"name": "ชุมชนเขาสามมุข", "population": 400, "participants": 1},
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                staff.get(reverse("bokrao_report", args=[page.pk]), {"format": "csv"})
                .content.decode("utf-8")
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[0][-2:] == ["ชุมชนบางแสน", "ชุมชนเขาสามมุข"]
    assert rows[1][-2:] == ["2", "0"]
