"""A municipality joins the platform in one step: the service, the management command
and the admin's screen (superusers only) make the same pages, groups and site."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page, Site

from consultation_blocks.municipalities.models import Municipality
from consultation_blocks.staff.municipalities import works_for
from consultation_blocks.staff.permissions import (
    CHANGE_MUNICIPALITY,
    may_enter_on_site_on,
    may_moderate,
    may_see_report,
)
from pb_pages.factories import make_consultation
from pb_pages.models import HomePage, PlatformHomePage, ProcessIndexPage
from pb_pages.municipalities import MunicipalityExists, create_municipality, staff_group
from pb_pages.processes import ProcessType

pytestmark = pytest.mark.django_db

RATCHATHEWI = {
    "name": "เขตราชเทวี",
    "name_en": "Ratchathewi District",
    "province": "กรุงเทพมหานคร",
    "province_en": "Bangkok",
    "kind": Municipality.Kind.BANGKOK_DISTRICT,
    "slug": "ratchathewi",
}


def _member(name, *groups):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(*groups)
    return user


def test_the_first_municipality_makes_the_platform_front_page_the_site_root():
    municipality = create_municipality(**RATCHATHEWI)
    platform = PlatformHomePage.objects.get(locale__language_code="th")
    assert Site.objects.get(is_default_site=True).root_page_id == platform.pk
    # Wagtail's "Welcome" page the migrations leave is gone.
    assert (
        not Page.objects.filter(depth=2)
        .exclude(pk=platform.pk)
        .exclude(locale__language_code="en")
        .exists()
    )
    home = municipality.home_page.specific
    assert isinstance(home, HomePage) and home.get_parent().pk == platform.pk
    assert (municipality.name, municipality.name_en, municipality.province) == (
        "เขตราชเทวี",
        "Ratchathewi District",
        "กรุงเทพมหานคร",
    )
    assert municipality.province_en == "Bangkok"
    assert municipality.kind == Municipality.Kind.BANGKOK_DISTRICT


def test_a_municipality_is_served_in_thai_and_english_with_a_section_per_process(client):
    create_municipality(**RATCHATHEWI)
    thai = client.get("/th/ratchathewi/")
    english = client.get("/en/ratchathewi/")
    assert thai.status_code == english.status_code == 200
    assert thai.context["page"].title == "เขตราชเทวี"
    assert english.context["page"].title == "Ratchathewi District"
    sections = ProcessIndexPage.objects.child_of(thai.context["page"]).live()
    assert sorted(section.process_type for section in sections) == sorted(ProcessType.values)
    assert client.get("/th/ratchathewi/debates/").context["page"].title == "การอภิปราย"
    assert client.get("/en/ratchathewi/debates/").context["page"].title == "Debates"


def test_its_staff_groups_work_for_it_only():
    ratchathewi = create_municipality(**RATCHATHEWI)
    saensuk = create_municipality(
        "เทศบาลเมืองแสนสุข", "Saen Suk", "ชลบุรี", "Chonburi", "town", "saensuk"
    )
    assert ratchathewi.staff_groups.count() == 4
    editors = staff_group(ratchathewi, "editors")
    assert "เขตราชเทวี" in editors.name
    editor = _member("editor", editors)
    moderator = _member("moderator", staff_group(ratchathewi, "moderators"))
    reader = _member("reader", staff_group(ratchathewi, "report_readers"))
    for user in (editor, moderator, reader):
        assert user.has_perm("wagtailadmin.access_admin")

    home, elsewhere = ratchathewi.home_page, saensuk.home_page
    section = ProcessIndexPage.objects.child_of(home).get(process_type="debate")
    consultation = make_consultation(section)
    for_editor = consultation.permissions_for_user(editor)
    assert for_editor.can_edit() and for_editor.can_publish()
    assert not elsewhere.permissions_for_user(editor).can_edit()
    assert may_moderate(moderator) and not may_moderate(editor)
    other_section = ProcessIndexPage.objects.child_of(elsewhere).get(process_type="debate")
    assert may_see_report(reader, consultation)
    assert not may_see_report(reader, make_consultation(other_section))
    assert not consultation.permissions_for_user(reader).can_edit()
    # The office enters on site and uploads the register, here only; editors keep the
    # municipality's settings.
    clerk = _member("clerk", staff_group(ratchathewi, "office"))
    assert may_enter_on_site_on(clerk, consultation)
    assert not may_enter_on_site_on(clerk, make_consultation(other_section))
    assert works_for(editor, ratchathewi, CHANGE_MUNICIPALITY)
    assert not works_for(editor, saensuk, CHANGE_MUNICIPALITY)


def test_a_hostname_gives_the_municipality_a_site_of_its_own(client, settings):
    settings.ALLOWED_HOSTS = ["ratchathewi.example", "testserver", "localhost"]
    municipality = create_municipality(**RATCHATHEWI, hostname="ratchathewi.example")
    site = Site.objects.get(hostname="ratchathewi.example")
    assert site.root_page_id == municipality.home_page_id
    assert (
        client.get("/th/", HTTP_HOST="ratchathewi.example").context["page"].pk == site.root_page_id
    )
    assert client.get("/en/", HTTP_HOST="ratchathewi.example").context["page"].title == (
        "Ratchathewi District"
    )


def test_areas_are_made_with_the_municipality():
    municipality = create_municipality(
        **RATCHATHEWI,
        areas=[{"name": "มักกะสัน", "name_en": "Makkasan", "code": "104", "population": 20000}],
    )
    assert list(municipality.areas.values_list("name", "population")) == [("มักกะสัน", 20000)]


def test_an_address_taken_or_not_latin_is_refused_and_nothing_is_left_behind():
    create_municipality(**RATCHATHEWI)
    groups = Group.objects.count()
    with pytest.raises(MunicipalityExists):
        create_municipality(**{**RATCHATHEWI, "name": "อีกเขต"})
    with pytest.raises(ValueError):
        create_municipality(**{**RATCHATHEWI, "slug": "ราชเทวี"})
    assert Municipality.objects.count() == 1 and Group.objects.count() == groups


def test_a_failure_halfway_leaves_nothing(monkeypatch):
    # A hostname taken by another site fails at the last step: the whole municipality goes.
    Site.objects.create(hostname="taken.example", port=80, root_page=Page.get_first_root_node())
    with pytest.raises(Exception):  # noqa: B017  (the database's unique constraint)
        create_municipality(**RATCHATHEWI, hostname="taken.example")
    assert not Municipality.objects.exists()
    assert not HomePage.objects.exists()
    assert not Group.objects.filter(name__contains="เขตราชเทวี").exists()


def test_the_command_creates_a_municipality():
    out = io.StringIO()
    call_command(
        "create_municipality",
        "เขตราชเทวี",
        "ratchathewi",
        "--name-en=Ratchathewi District",
        "--province=กรุงเทพมหานคร",
        "--province-en=Bangkok",
        "--kind=bangkok_district",
        stdout=out,
    )
    municipality = Municipality.objects.get(name="เขตราชเทวี")
    assert municipality.kind == "bangkok_district" and municipality.province_en == "Bangkok"
    assert "/th/ratchathewi/" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "create_municipality", "อีกเขต", "ratchathewi", "--province=กรุงเทพมหานคร", stdout=out
        )


def test_a_superuser_creates_a_municipality_from_the_admin(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)
    url = reverse("bokrao_new_municipality")
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url, {**RATCHATHEWI, "slug": "Ratchathewi", "hostname": "ratchathewi.example"}
    )
    municipality = Municipality.objects.get(name="เขตราชเทวี")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[municipality.home_page_id])
    assert municipality.home_page.slug == "ratchathewi"
    assert (
        Site.objects.get(hostname="ratchathewi.example").root_page_id == municipality.home_page_id
    )
    again = client.post(url, {**RATCHATHEWI, "hostname": ""})
    assert again.status_code == 200 and again.context["form"].errors["slug"]
    assert Municipality.objects.count() == 1


def test_the_admin_form_refuses_a_thai_address(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    response = client.post(reverse("bokrao_new_municipality"), {**RATCHATHEWI, "slug": "ราชเทวี"})
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    assert not Municipality.objects.exists()


def test_staff_who_are_not_superusers_may_not_create_a_municipality(client):
    staff = get_user_model().objects.create_user("staff", "staff@example.com", "pw")
    group = Group.objects.create(name="staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    staff.groups.add(group)
    client.force_login(staff)
    url = reverse("bokrao_new_municipality")
    # Wagtail's admin answers a refusal with a redirect to its dashboard and a message.
    for response in (client.get(url), client.post(url, RATCHATHEWI)):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Municipality.objects.exists()
    # Nor do they see it in the menu.
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_visitors_are_sent_to_the_admin_sign_in(client):
    response = client.get(reverse("bokrao_new_municipality"))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]


def test_superusers_find_it_under_settings(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    assert (
        reverse("bokrao_new_municipality")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_admin_form_refuses_a_hostname_another_site_has(client):
    Site.objects.create(hostname="taken.example", port=80, root_page=Page.get_first_root_node())
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    response = client.post(
        reverse("bokrao_new_municipality"), {**RATCHATHEWI, "hostname": "Taken.Example"}
    )
    assert response.status_code == 200 and "hostname" in response.context["form"].errors
    assert not Municipality.objects.exists()


def test_in_the_admin_an_editor_edits_their_municipalitys_pages_and_not_anothers(client):
    ratchathewi = create_municipality(**RATCHATHEWI)
    saensuk = create_municipality(
        "เทศบาลเมืองแสนสุข", "Saen Suk", "ชลบุรี", "Chonburi", "town", "saensuk"
    )
    client.force_login(_member("editor", staff_group(ratchathewi, "editors")))
    theirs = ProcessIndexPage.objects.child_of(ratchathewi.home_page).get(process_type="debate")
    other = ProcessIndexPage.objects.child_of(saensuk.home_page).get(process_type="debate")

    assert client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])).status_code == 200
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert refused.status_code in (302, 403)
    adding = reverse("wagtailadmin_pages:add_subpage", args=[other.pk])
    assert client.get(adding).status_code in (302, 403)
    # The explorer starts at their municipality: the other is not among its pages.
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    home = reverse("wagtailadmin_explore", args=[ratchathewi.home_page_id])
    assert explorer.redirect_chain[-1][0] == home
    listed = {page.pk for page in explorer.context["pages"]}
    assert theirs.pk in listed and saensuk.home_page_id not in listed
