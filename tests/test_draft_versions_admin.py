"""Staff publish the versions of a draft from the admin: with a change note, refused
without one or when nothing changed, and only those who may publish the page."""

import copy

import pytest
from django.urls import reverse

from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts import versions
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import make_draft, make_section

pytestmark = pytest.mark.django_db


def _text():
    return [
        f.section(f.paragraph("ค่าธรรมเนียมเดือนละสี่สิบบาท", key="fee")),
        f.section(f.paragraph("ข้อสอง", key="two")),
    ]


@pytest.fixture
def draft(home):
    return make_draft(make_section(home, "legislation", slug="drafts"), _text(), slug="waste")


@pytest.fixture
def editor(admin_user):
    return admin_user


def test_staff_publish_version_2_with_its_change_note(draft, client, editor):
    client.force_login(editor)
    url = reverse("bokrao_draft_versions", args=[draft.pk])
    text = copy.deepcopy(_text())
    text[0]["value"]["paragraphs"][0]["value"]["text"] = "ค่าธรรมเนียมเดือนละสามสิบบาท"
    draft.text = text
    draft.save_revision().publish()

    screen = client.get(url)
    assert screen.status_code == 200
    assert screen.context["pending"] == {"added": 0, "changed": 1, "removed": 0}
    assert "แก้ไข 1 วรรค" in screen.content.decode()

    response = client.post(url, {"change_note": "ลดค่าธรรมเนียม", "change_note_en": "Lower fee"})

    assert response.status_code == 302
    latest = versions.latest(draft)
    assert latest.number == 2 and latest.published_by == editor
    assert latest.texts.get(locale__language_code="th").change_note == "ลดค่าธรรมเนียม"
    assert latest.since["fee"] == 2


def test_a_version_without_a_change_note_or_without_changes_is_refused(draft, client, editor):
    client.force_login(editor)
    url = reverse("bokrao_draft_versions", args=[draft.pk])
    assert client.post(url, {"change_note": ""}).status_code == 200
    same = client.post(url, {"change_note": "ไม่มีอะไรเปลี่ยน"}, follow=True)
    assert "ข้อความเหมือนกับฉบับที่ 1" in same.content.decode()
    assert versions.latest(draft).number == 1


def test_only_those_who_may_publish_the_page_publish_versions(draft, client):
    client.force_login(make_staff("clerk"))
    response = client.get(reverse("bokrao_draft_versions", args=[draft.pk]))
    assert response.status_code in (302, 403)
