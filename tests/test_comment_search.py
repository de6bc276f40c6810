"""Comments in the participation index (a real OpenSearch node): public and staff search,
rebuild, compare, and comments per paragraph."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from consultation_blocks.comments import moderation
from consultation_blocks.comments.choices import CommentState
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget_body
from consultation_blocks.models import Comment
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.staff.factories import join_staff
from consultation_blocks.timing import now
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import DraftRegulationPage
from search import analytics
from search.documents import DOCUMENT_TYPES
from search.outbox import send_all_due
from search.public import search_participation
from search.staff import search_for_staff
from search.thai import index_text

from .refusals import assert_refused_in_admin, assert_sent_to_admin_sign_in

pytestmark = pytest.mark.django_db

DARK_LANE = "ถนนในซอยมืดมากควรติดไฟส่องสว่าง"
BROKEN_LIGHT = "The street light is broken near the market"
HELD = "ไฟส่องสว่างหน้าตลาดดับทุกคืน"
HIDDEN = "ไฟส่องสว่างเสียเพราะเทศบาลไม่สนใจ"


@pytest.fixture
def ordinance(home, participation_index):
    section = make_section(home, "legislation", slug="regulations")
    section.save_revision().publish()
    page = make_consultation(
        section,
        DraftRegulationPage,
        title="ร่างเทศบัญญัติถนนและซอย",
        slug="lanes",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>ข้อ 1 การบำรุงรักษาถนน</p>", "id": "para-1"},
                {"type": "paragraph", "value": "<p>ข้อ 2 ทางเท้า</p>", "id": "para-2"},
            ]
            + json.loads(
                widget_body(
                    comment_widget("w-talk"),
                    comment_widget("w-first", premoderate_first_post=True),
                )
            )
        ),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def english(ordinance):
    page = ordinance.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    page.title = "Draft ordinance on lanes"
    page.save_revision().publish()
    return page


@pytest.fixture
def said(ordinance, english, participation_index):
    """A published Thai and English comment, a held one and a hidden one; all indexed."""
    somchai = make_participant("somchai")
    john = make_participant("john", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE)
    nok = make_participant("nok", voter_group=VoterGroup.CONCERNED, area=Residence.OUTSIDE)
    comments = {
        "lane": post_comment(somchai, ordinance, "w-talk", DARK_LANE, anchor="para-1"),
        "broken": post_comment(john, english, "w-talk", BROKEN_LIGHT, anchor="para-2"),
        "held": post_comment(nok, ordinance, "w-first", HELD),
        "hidden": post_comment(somchai, ordinance, "w-talk", HIDDEN, anchor="para-1"),
    }
    moderation.hide(None, comments["hidden"], "ไม่สุภาพ")
    assert comments["held"].state == CommentState.HELD
    send_all_due(participation_index)
    participation_index.refresh()
    return comments


def _source(index, comment):
    found = index.search({"query": {"ids": {"values": [f"comment-{comment.pk}"]}}})
    return found["hits"]["hits"][0]["_source"]


def _comment_urls(found):
    return {hit["url"] for hit in found.hits if "#comment-" in (hit["url"] or "")}


def _url(page, comment):
    return f"{page.url}#comment-{comment.pk}"


# The document


def test_a_comment_document_carries_its_page_widget_anchor_and_a_pseudonym(
    ordinance, said, participation_index
):
    comment = said["lane"]
    source = _source(participation_index, comment)

    assert source == {
        "doc_type": "comment",
        "object_id": str(comment.pk),
        "page_id": ordinance.pk,
        "page_title": "ร่างเทศบัญญัติถนนและซอย",
        "consultation": str(ordinance.translation_key),
        "municipality": str(municipality_of(ordinance).pk),  # staff search narrows by it
        "home_area": "",
        "widget": "w-talk",
        "anchor": "para-1",
        "text": DARK_LANE,
        # What search asks: the words of the one Thai analysis (search/thai.py).
        "text_words": index_text(DARK_LANE),
        "url": _url(ordinance, comment),
        "voter_group": "resident",
        "area": "inside",
        "verification_level": "1",
        "locale": "th",
        "participant": str(comment.participant.pseudonym),
        "moderation_state": "published",
        "created_at": source["created_at"],
        "process_type": "legislation",
        "status": "open",  # the page is live and its listening period open
    }
    assert "somchai" not in json.dumps(source)


def test_every_moderation_state_is_indexed_with_the_comment(said, participation_index):
    states = {
        name: _source(participation_index, comment)["moderation_state"]
        for name, comment in said.items()
    }
    assert states == {
        "lane": "published",
        "broken": "published",
        "held": "held",
        "hidden": "hidden",
    }


def test_a_deleted_participant_leaves_an_empty_pseudonym(said):
    comment = said["lane"]
    comment.participant.delete()
    comment.refresh_from_db()

    assert DOCUMENT_TYPES["comment"].document(comment)["participant"] == ""


def test_a_deleted_comment_leaves_the_index(said, participation_index):
    comment = said["broken"]
    Comment.objects.filter(pk=comment.pk).delete()
    from search.outbox import enqueue

    enqueue("comment", comment.pk)
    send_all_due(participation_index)
    participation_index.refresh()

    assert not participation_index.count({"ids": {"values": [f"comment-{comment.pk}"]}})


def test_comments_posted_while_the_engine_is_unreachable_arrive_once(
    ordinance, said, participation_index
):
    """The node-stopping scenario is tested for pages (test_participation_index.py);
    here an unreachable address stands in for it, so the shared node keeps running."""
    from datetime import timedelta

    from search.index import ParticipationIndex
    from search.models import OutboxEntry

    late = [
        post_comment(make_participant(f"late{n}"), ordinance, "w-talk", f"ไฟดับ {n}")
        for n in range(3)
    ]
    moderation.hide(None, late[0], "ซ้ำ")
    failed_at = now()
    unreachable = ParticipationIndex("http://127.0.0.1:9", participation_index.name)
    unreachable.__dict__["product"] = participation_index.product  # skip detection

    assert send_all_due(unreachable, at=failed_at) == 0
    assert OutboxEntry.objects.count() == 4  # three posts and one hide, all kept
    assert send_all_due(participation_index, at=failed_at + timedelta(seconds=2)) == 4
    participation_index.refresh()

    assert participation_index.count({"term": {"doc_type": "comment"}}) == 4 + 3
    assert _source(participation_index, late[0])["moderation_state"] == "hidden"


# Public search


def test_thai_query_finds_the_thai_comment_by_a_word_in_the_middle(
    ordinance, said, participation_index
):
    found = search_participation(participation_index, "ไฟส่องสว่าง", {"locale": "th"}, "th")

    assert _comment_urls(found) == {_url(ordinance, said["lane"])}
    hit = next(h for h in found.hits if h["url"] == _url(ordinance, said["lane"]))
    assert hit["title"] == "ร่างเทศบัญญัติถนนและซอย"
    assert "<mark>" in hit["snippets"][0]


def test_the_public_search_page_finds_the_thai_comment_and_links_to_it(
    ordinance, said, participation_index, client
):
    response = client.get("/th/search/", {"q": "ไฟส่องสว่าง"})

    html = response.content.decode()
    assert _comment_urls(response.context["found"]) == {_url(ordinance, said["lane"])}
    assert f'href="{_url(ordinance, said["lane"])}"' in html
    assert "ถนนในซอยมืด" in html


def test_english_stemmed_query_finds_the_english_comment(
    english, said, participation_index, client
):
    found = client.get("/en/search/", {"q": "lights"}).context["found"]

    assert _comment_urls(found) == {_url(english, said["broken"])}


def test_held_and_hidden_comments_are_not_in_public_results(said, participation_index, client):
    for query in ["ไฟส่องสว่าง", "ตลาดดับ", "เทศบาลไม่สนใจ"]:
        found = client.get("/th/search/", {"q": query}).context["found"]
        texts = " ".join(" ".join(hit["snippets"]) for hit in found.hits)
        assert "ตลาด" not in texts and "สนใจ" not in texts, query
        assert str(said["held"].pk) not in str(_comment_urls(found))
        assert str(said["hidden"].pk) not in str(_comment_urls(found))


def test_a_comment_hidden_after_indexing_leaves_public_results(
    ordinance, said, participation_index
):
    moderation.hide(None, said["lane"], "ข้อมูลส่วนบุคคล")
    send_all_due(participation_index)
    participation_index.refresh()

    found = search_participation(participation_index, "ไฟส่องสว่าง", {"locale": "th"}, "th")

    assert _comment_urls(found) == set()


def test_comments_leave_public_results_with_their_unpublished_page(
    ordinance, said, participation_index
):
    ordinance.unpublish()
    send_all_due(participation_index)
    participation_index.refresh()

    assert (
        _comment_urls(
            search_participation(participation_index, "ไฟส่องสว่าง", {"locale": "th"}, "th")
        )
        == set()
    )

    ordinance.save_revision().publish()
    send_all_due(participation_index)
    participation_index.refresh()
    found = search_participation(participation_index, "ไฟส่องสว่าง", {"locale": "th"}, "th")
    assert str(said["lane"].pk) in str(_comment_urls(found))


# Rebuild and compare


def test_rebuild_includes_every_comment(said, participation_index):
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)

    participation_index.refresh()
    assert participation_index.count({"term": {"doc_type": "comment"}}) == 4
    in_database = sum(DOCUMENT_TYPES[name].records().count() for name in DOCUMENT_TYPES)
    assert f"Indexed {in_database} documents" in out.getvalue()


def test_compare_reports_a_comment_changed_behind_the_outbox(said, participation_index):
    # From a rebuilt index: the English section is an alias of the Thai one, published
    # without a signal the outbox hears.
    call_command("search_rebuild", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_compare", stdout=out)
    assert "comment      database        4  index        4  ok" in out.getvalue()
    assert "comment tallies: 4 compared, 0 different" in out.getvalue()

    # A moderator's decision written without the outbox (say, a restore from backup).
    Comment.objects.filter(pk=said["held"].pk).update(state=CommentState.PUBLISHED)
    out = io.StringIO()
    with pytest.raises(CommandError, match="differ"):
        call_command("search_compare", stdout=out)
    assert "DIFFERENT" in out.getvalue()


# Comments per paragraph


def test_comments_per_paragraph_equal_the_database(ordinance, said, participation_index):
    from_index = analytics.comments_per_paragraph(participation_index, ordinance.translation_key)

    from_database = {}
    for comment in Comment.objects.filter(consultation=ordinance.translation_key):
        states = from_database.setdefault(comment.anchor, {})
        states[comment.state] = states.get(comment.state, 0) + 1
    assert from_index == from_database
    assert from_index == {
        "para-1": {"published": 1, "hidden": 1},
        "para-2": {"published": 1},
        "": {"held": 1},
    }


# Staff search in the admin


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staff", "staff@saensuk.example", "pw")
    client.force_login(user)
    return client


def _staff_search(client, **params):
    response = client.get(reverse("bokrao_staff_search"), params)
    assert response.status_code == 200
    return response


def test_staff_find_held_and_hidden_comments(ordinance, said, participation_index, staff):
    response = _staff_search(staff, q="ไฟส่องสว่าง")

    found = response.context["found"]
    assert _comment_urls(found) == {
        _url(ordinance, said[name]) for name in ["lane", "held", "hidden"]
    }
    states = {hit["state"] for hit in found.hits if hit["doc_type"] == "comment"}
    assert states == {"published", "held", "hidden"}
    html = response.content.decode()
    assert "<mark>" in html
    assert "ผู้อยู่อาศัยหรือผู้ได้รับผลกระทบโดยตรง" in html  # the admin speaks Thai
    assert f"{now().year + 543}" in html  # dates in the Buddhist Era
    assert reverse("wagtailadmin_pages:edit", args=[ordinance.pk]) in html


def test_staff_filters_narrow_by_state_voter_group_and_area(said, participation_index):
    def found(**filters):
        result = search_for_staff(participation_index, "", filters)
        return {hit["object_id"] for hit in result.hits if hit["doc_type"] == "comment"}

    ids = {name: str(comment.pk) for name, comment in said.items()}
    assert found() == set(ids.values())
    assert found(voter_group="interested") == {ids["broken"]}
    assert found(area="outside") == {ids["broken"], ids["held"]}
    assert found(area="inside") == {ids["lane"], ids["hidden"]}
    assert found(area="outside", voter_group="concerned") == {ids["held"]}
    assert found(moderation_state="hidden") == {ids["hidden"]}


def test_staff_filters_reach_the_query_from_the_form(said, participation_index, staff):
    response = _staff_search(staff, q="ไฟส่องสว่าง", moderation_state="held", area="bogus")

    assert response.context["filters"] == {"moderation_state": "held"}
    assert [hit["object_id"] for hit in response.context["found"].hits] == [str(said["held"].pk)]


def test_staff_search_works_in_english(english, said, participation_index, staff):
    user = get_user_model().objects.get(username="staff")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()

    response = _staff_search(staff, q="lights")

    assert _comment_urls(response.context["found"]) == {_url(english, said["broken"])}
    html = response.content.decode()
    assert "Interested" in html and "Participation search" in html


def test_a_moderator_without_admin_rights_may_search(said, participation_index, client):
    moderators = Group.objects.create(name="moderators")
    moderators.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_comment", content_type__app_label="bokrao_blocks"),
    )
    user = get_user_model().objects.create_user("mod", "mod@saensuk.example", "pw")
    join_staff(user, moderators)  # of the municipality whose comments they search
    client.force_login(user)

    response = _staff_search(client, q="ไฟส่องสว่าง")

    assert response.context["found"].total >= 3
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("bokrao_staff_search") in home  # the menu offers it


def test_editors_and_citizens_are_refused(said, participation_index, client):
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = get_user_model().objects.create_user("editor", "ed@saensuk.example", "pw")
    editor.groups.add(editors)

    search = reverse("bokrao_staff_search")
    client.force_login(editor)
    assert_refused_in_admin(client.get(search, {"q": "ไฟส่องสว่าง"}))
    client.force_login(make_participant("citizen").user)
    response = client.get(search, {"q": "ไฟส่องสว่าง"})
    assert_sent_to_admin_sign_in(response)
    assert "ตลาดดับ" not in response.content.decode()
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("bokrao_staff_search") not in home


def test_staff_search_says_so_when_the_engine_is_down(home, settings, staff):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unreachable"}

    response = _staff_search(staff, q="ไฟส่องสว่าง")

    assert response.context["engine_down"] is True
    assert 'role="alert"' in response.content.decode()


def test_staff_search_says_so_when_no_engine_is_configured(home, settings, staff):
    settings.BOKRAO_SEARCH = {"URL": ""}

    response = _staff_search(staff, q="ไฟส่องสว่าง")

    assert response.context["no_engine"] is True
    assert response.context["found"] is None
