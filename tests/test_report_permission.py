"""A consultation's participation report is for staff with the named permission, on
the pages they work on: not for any editor, not for another municipality's staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from consultation_blocks.factories import widget, widget_body
from consultation_blocks.staff.factories import join_staff
from pb_pages.factories import make_consultation, make_section

from .refusals import assert_refused_in_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home):
    page = make_consultation(
        make_section(home, "vote", slug="votes"),
        body=widget_body(widget("agree_disagree", "w1")),
    )
    page.save_revision().publish()
    return page


def _staff(name, *, report_permission, pages=()):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
    group = Group.objects.create(name=f"group of {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if report_permission:
        group.permissions.add(
            Permission.objects.get(
                codename="view_participation_report", content_type__app_label="bokrao_blocks"
            )
        )
    for page in pages:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename="change_page")
        )
    join_staff(user, group)  # of the home page's municipality
    return user


def test_an_editor_without_the_report_permission_is_refused(consultation, client):
    client.force_login(_staff("editor", report_permission=False, pages=[consultation]))
    response = client.get(reverse("bokrao_report", args=[consultation.pk]))
    assert_refused_in_admin(response)
    assert_refused_in_admin(
        client.get(reverse("bokrao_report", args=[consultation.pk]) + "?format=csv")
    )


def test_the_report_permission_without_the_page_is_refused(consultation, home, client):
    elsewhere = make_section(home, "debate", slug="debates")
    client.force_login(_staff("other", report_permission=True, pages=[elsewhere]))
    assert_refused_in_admin(client.get(reverse("bokrao_report", args=[consultation.pk])))


def test_the_report_permission_on_the_municipality_opens_its_reports(consultation, home, client):
    client.force_login(_staff("analyst", report_permission=True, pages=[home]))
    response = client.get(reverse("bokrao_report", args=[consultation.pk]))
    assert response.status_code == 200
    assert response.context["widgets"][0]["id"] == "w1"
    csv = client.get(reverse("bokrao_report", args=[consultation.pk]) + "?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
