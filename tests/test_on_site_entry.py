"""On-site participation (R9): staff enter a person's votes, poll answers and comments."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from consultation_blocks.factories import (
    comment_widget,
    make_participant,
    poll_widget,
    widget,
    widget_body,
)
from consultation_blocks.models import Comment, MatterRelation, Participant, Vote
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.municipalities.standing import standing
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.staff.factories import join_staff
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section

from .refusals import assert_refused_in_admin

pytestmark = pytest.mark.django_db

PLACE = "ศาลาประชาคมหมู่ 3"


@pytest.fixture
def consultation(home):
    page = make_consultation(
        make_section(home, "vote", slug="votes"),
        title="ไฟส่องสว่างในซอย",
        body=widget_body(
            widget("agree_disagree", "agree", question="ติดไฟซอยมืดก่อนไหม"),
            poll_widget("poll", {"p-bus": "รถเมล์", "p-bike": "จักรยาน"}, allow_other=True),
            comment_widget("talk"),
            widget(
                "agree_disagree",
                "residents",
                question="เฉพาะผู้อยู่อาศัย",
                voter_groups=[VoterGroup.RESIDENT],
            ),
            widget(
                "support",
                "closed",
                question="ปิดแล้ว",
                closes_at="2020-01-01T00:00:00",
            ),
            widget(
                "agree_disagree",
                "staff-only",
                question="เฉพาะผู้ที่เจ้าหน้าที่ยืนยันตัวตน",
                minimum_verification=str(VerificationLevel.STAFF.value),
            ),
        ),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def clerk(home):
    """Office staff of the home page's municipality: admin access and the on-site entry
    permission, nothing else."""
    user = get_user_model().objects.create_user("clerk", "clerk@saensuk.example", "pw")
    group = Group.objects.create(name="On-site entry")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_vote", content_type__app_label="bokrao_blocks"),
    )
    join_staff(user, group)
    return user


def url(page):
    return reverse("bokrao_on_site", args=[page.pk])


def new_person(**fields):
    data = {
        "place": PLACE,
        "who": "new",
        "display_name": "ป้าสมศรี",
        "voter_group": VoterGroup.RESIDENT,
        "area": Residence.INSIDE,
    }
    data.update(fields)
    return data


def test_staff_enter_a_vote_a_poll_answer_with_other_and_a_comment_for_a_new_person(
    consultation, clerk, client
):
    client.force_login(clerk)
    response = client.post(
        url(consultation),
        new_person(
            **{
                "w-agree": "agree",
                "w-poll": "other",
                "w-poll-other": "เดินเท้า",
                "w-talk": "ซอย 5 มืดมาก",
            }
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url(consultation)
    person = Participant.objects.get(display_name="ป้าสมศรี")
    assert person.user is None
    town = municipality_of(consultation)
    # Verified by this municipality's staff, where they live, as they are on this matter.
    assert standing(person, consultation).verification_level == VerificationLevel.STAFF
    assert (person.voter_group, person.home_municipality) == (VoterGroup.RESIDENT, town)
    assert MatterRelation.objects.get(participant=person).voter_group == VoterGroup.RESIDENT
    agree = Vote.objects.get(participant=person, widget="agree")
    poll = Vote.objects.get(participant=person, widget="poll")
    comment = Comment.objects.get(participant=person, widget="talk")
    assert agree.choices == ["agree"]
    assert (poll.choices, poll.other_text) == (["other"], "เดินเท้า")
    assert comment.comment == "ซอย 5 มืดมาก"
    for row in (agree, poll, comment):
        assert (row.entered_by, row.entered_at_place) == (clerk, PLACE)
    assert Vote.objects.count() == 2  # widgets left empty are skipped
    html = response.content.decode()
    assert "ป้าสมศรี" in html and PLACE in html  # the success message says what was stored
    # Ready for the next person: the place is remembered, the person's fields are empty.
    assert response.context["form"].initial["place"] == PLACE
    assert "ซอย 5 มืดมาก" not in html.split("<form", 1)[1]


def test_an_existing_participant_is_found_by_email_raised_to_staff_and_their_vote_replaced(
    consultation, clerk, client
):
    somchai = make_participant("somchai", verification_level=VerificationLevel.EMAIL)
    cast_vote(somchai, consultation, "agree", "agree")
    client.force_login(clerk)

    client.post(
        url(consultation),
        {"place": PLACE, "who": "existing", "email": "SomChai@example.com", "w-agree": "disagree"},
    )

    fresh = Participant.objects.get(pk=somchai.pk)
    assert standing(fresh, consultation).verification_level == VerificationLevel.STAFF
    vote = Vote.objects.get(widget="agree")  # one vote per participant per target
    assert (vote.participant, vote.choices) == (somchai, ["disagree"])
    assert (vote.entered_by, vote.entered_at_place) == (clerk, PLACE)
    assert Participant.objects.count() == 1


def test_an_unknown_email_address_is_said_so_and_nothing_is_stored(consultation, clerk, client):
    client.force_login(clerk)
    response = client.post(
        url(consultation),
        {"place": PLACE, "who": "existing", "email": "nobody@example.com", "w-agree": "agree"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Vote.objects.exists()


def test_a_refused_answer_stores_nothing_of_the_person_and_shows_why_next_to_its_widget(
    consultation, clerk, client
):
    profile = UserProfile.get_for_user(clerk)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(clerk)

    response = client.post(
        url(consultation),
        new_person(
            voter_group=VoterGroup.CONCERNED,
            **{
                "w-agree": "agree",
                "w-talk": "ความเห็น",
                "w-residents": "agree",
                "w-closed": "support",
            },
        ),
    )

    assert response.status_code == 200
    assert not Participant.objects.exists()
    assert not Vote.objects.exists()
    assert not Comment.objects.exists()
    shown = {w["id"]: w["refusal"] for w in response.context["widgets"]}
    assert shown["residents"].startswith("This is open to: ")  # in the admin's language
    assert shown["closed"].startswith("This closed on ")
    assert shown["agree"] == shown["talk"] == ""
    html = response.content.decode()
    assert shown["residents"] in html
    assert "Nothing was stored for this person." in html
    # What staff entered stays in the form, to correct and submit again.
    assert 'value="ความเห็น"' in html or ">ความเห็น</textarea>" in html


def test_refusals_read_in_thai_for_a_thai_admin(consultation, clerk, client):
    client.force_login(clerk)
    response = client.post(
        url(consultation), new_person(voter_group=VoterGroup.CONCERNED, **{"w-residents": "agree"})
    )
    with translation.override("th"):
        expected = translation.gettext("This is open to: %(groups)s.").split("%")[0]
    assert expected != "This is open to: "
    assert expected in response.content.decode()


def test_a_widget_for_staff_verified_participants_accepts_the_on_site_participant(
    consultation, clerk, client
):
    online = make_participant("online", verification_level=VerificationLevel.RESIDENT)
    client.force_login(clerk)

    client.post(url(consultation), new_person(**{"w-staff-only": "agree"}))

    vote = Vote.objects.get(widget="staff-only")
    assert vote.verification_level == VerificationLevel.STAFF
    assert vote.participant != online


def test_the_place_is_required(consultation, clerk, client):
    client.force_login(clerk)
    response = client.post(url(consultation), new_person(place="  ", **{"w-agree": "agree"}))
    assert response.status_code == 200
    assert response.context["form"].errors["place"]
    assert not Vote.objects.exists()
    assert not Participant.objects.exists()


def test_a_new_person_needs_a_voter_group_and_an_area(consultation, clerk, client):
    client.force_login(clerk)
    response = client.post(
        url(consultation), new_person(voter_group="", area="", **{"w-agree": "agree"})
    )
    assert set(response.context["form"].errors) == {"voter_group", "area"}
    assert not Vote.objects.exists()


def test_submitting_no_answer_stores_no_one(consultation, clerk, client):
    client.force_login(clerk)
    response = client.post(url(consultation), new_person())
    assert response.context["refused"]
    assert not Participant.objects.exists()


def test_staff_without_the_permission_are_refused(consultation, client):
    editor = get_user_model().objects.create_user("editor", "editor@saensuk.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert_refused_in_admin(client.get(url(consultation)))
    assert_refused_in_admin(client.post(url(consultation), new_person(**{"w-agree": "agree"})))
    assert not Vote.objects.exists()
    explorer = client.get(reverse("wagtailadmin_explore", args=[consultation.get_parent().pk]))
    assert url(consultation) not in explorer.content.decode()


def test_the_page_explorer_offers_on_site_entry_for_pages_with_widgets(consultation, clerk, client):
    clerk.groups.add(Group.objects.get(name="Editors"))  # to see the explorer at all
    client.force_login(clerk)
    assert client.get(url(consultation)).status_code == 200
    html = client.get(
        reverse("wagtailadmin_explore", args=[consultation.get_parent().pk])
    ).content.decode()
    assert url(consultation) in html


def test_the_permission_can_be_given_to_a_group(db):
    from wagtail import hooks

    registered = [
        permission for hook in hooks.get_hooks("register_permissions") for permission in hook()
    ]
    assert any(
        p.codename == "add_vote" and p.content_type.app_label == "bokrao_blocks" for p in registered
    )


def test_the_report_counts_what_was_entered_on_site(consultation, clerk, client):
    cast_vote(make_participant("online"), consultation, "agree", "agree")
    client.force_login(clerk)
    client.post(url(consultation), new_person(**{"w-agree": "disagree", "w-talk": "ไฟดับบ่อย"}))
    # Reading the report is a permission of its own (staff.permissions.SEE_REPORTS).
    # (Wagtail's admin answers a refusal by sending staff back to the dashboard.)
    refused = client.get(reverse("bokrao_report", args=[consultation.pk]))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    group = clerk.groups.get()
    group.permissions.add(
        Permission.objects.get(
            codename="view_participation_report", content_type__app_label="bokrao_blocks"
        )
    )
    # ...on the pages the clerk works on: the municipality's tree.
    GroupPagePermission.objects.create(
        group=group,
        page=consultation.get_parent(),
        permission=Permission.objects.get(codename="change_page"),
    )
    clerk = get_user_model().objects.get(pk=clerk.pk)  # a fresh permission cache
    client.force_login(clerk)

    response = client.get(reverse("bokrao_report", args=[consultation.pk]))
    widgets = {w["id"]: w for w in response.context["widgets"]}
    assert (widgets["agree"]["total"], widgets["agree"]["on_site"]) == (2, 1)
    assert [row["on_site"] for row in widgets["agree"]["rows"]] == [0, 1]
    assert widgets["talk"]["on_site"] == 1

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("bokrao_report", args=[consultation.pk]), {"format": "csv"})
                .content.decode("utf-8")
                .lstrip("\ufeff")
            )
        )
    )
    assert [row[-1] for row in rows[1:3]] == ["0", "1"]  # the last column: agree, disagree


def test_answers_from_a_meeting_are_entered_after_closing_with_when_they_were_given(
    home, clerk, client
):
    from datetime import timedelta

    from consultation_blocks.timing import now

    meeting = make_consultation(
        make_section(home, "debate", slug="debates"),
        opens_in_days=-10,
        closes_in_days=-1,
        body=widget_body(widget("agree_disagree", "agree"), comment_widget("talk")),
    )
    meeting.save_revision().publish()
    client.force_login(clerk)
    answers = {"w-agree": "disagree", "w-talk": "ควรจัดประชุมอีกครั้ง"}

    # Today the consultation is closed: refused, nothing stored.
    client.post(url(meeting), new_person(**answers))
    assert not Vote.objects.exists()

    # The form's time is the municipality's local time, like the staff member's clock.
    at_meeting = localtime(now() - timedelta(days=3)).replace(second=0, microsecond=0)
    client.post(
        url(meeting), new_person(took_part_at=at_meeting.strftime("%Y-%m-%dT%H:%M"), **answers)
    )
    vote = Vote.objects.get()
    comment = Comment.objects.get()
    assert vote.choices == ["disagree"] and vote.entered_by == clerk
    assert comment.submit_date.strftime("%Y-%m-%dT%H:%M") == (now() - timedelta(days=3)).strftime(
        "%Y-%m-%dT%H:%M"
    ) or comment.submit_date < now() - timedelta(days=2)


def test_when_they_took_part_cannot_be_in_the_future_or_long_ago(consultation, clerk, client):
    from datetime import timedelta

    from consultation_blocks.timing import now

    client.force_login(clerk)
    for moment in (now() + timedelta(hours=2), now() - timedelta(days=40)):
        response = client.post(
            url(consultation),
            new_person(
                took_part_at=localtime(moment).strftime("%Y-%m-%dT%H:%M"), **{"w-agree": "agree"}
            ),
        )
        assert response.context["form"].errors["took_part_at"]
    assert not Vote.objects.exists()
