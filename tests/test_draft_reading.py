"""Reading and annotating a draft regulation: comments on a paragraph (and on words of
it) made through the ordinary comment form, kept with the version they answered; a new
version keeps them on unchanged paragraphs and shows the others as "on version N"; the
reader's pages in a fixed number of queries."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from consultation_blocks.comments.models import Comment
from consultation_blocks.drafts import anchoring, hearing, versions, widgets
from consultation_blocks.drafts import factories as f
from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.staff.factories import make_staff
from consultation_blocks.widgets.models import Vote
from pb_pages.factories import make_draft, make_section

pytestmark = pytest.mark.django_db

FEE = "อัตราค่าเก็บขนมูลฝอยสำหรับบ้านเรือนเดือนละสี่สิบบาท"
PENALTY = "ผู้ใดฝ่าฝืนข้อ ๓ ต้องระวางโทษปรับไม่เกินสองพันบาท"
NAME = "เทศบัญญัตินี้เรียกว่า เทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง การจัดการมูลฝอย"


def _text():
    return [
        f.chapter(
            "บททั่วไป",
            f.section(f.paragraph(NAME, key="name")),
            f.section(f.paragraph("ให้ใช้บังคับเมื่อพ้นสามสิบวัน", key="start")),
        ),
        f.chapter(
            "ค่าธรรมเนียม",
            f.section(f.paragraph(FEE, key="fee")),
            f.section(f.paragraph(PENALTY, key="penalty")),
        ),
    ]


@pytest.fixture
def draft(home):
    section = make_section(home, "legislation", slug="drafts")
    return make_draft(section, _text(), slug="waste", title="ร่างเทศบัญญัติการจัดการมูลฝอย")


def _post(client, page, key, text, quote="", json=False):
    extra = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(
        reverse("bokrao_comment"),
        {
            "page": page.pk,
            "widget": widgets.comments_widget(key),
            "anchor": key,
            "text": text,
            "quote": quote,
            "next": page.url,
        },
        **extra,
    )


def _version_2(page, user=None):
    """Version 2: the fee changes, a section is inserted above it, the penalty goes."""
    text = copy.deepcopy(_text())
    fees = text[1]["value"]["sections"]
    fees[0]["value"]["paragraphs"][0]["value"]["text"] = FEE.replace("สี่สิบ", "สามสิบ")
    fees.insert(0, f.section(f.paragraph("ให้แยกขยะอันตรายก่อนนำออกจากบ้าน", key="hazard")))
    del fees[2]
    page.text = text
    page.save_revision().publish()
    return versions.publish_version(page, user, "ลดค่าธรรมเนียม เพิ่มเรื่องขยะอันตราย")


def test_a_comment_on_a_paragraph_remembers_the_version_and_the_quoted_words(draft, client):
    somchai = make_participant("somchai")
    client.force_login(somchai.user)

    response = _post(client, draft, "fee", "สี่สิบบาทแพงไปสำหรับผู้สูงอายุ", quote="เดือนละสี่สิบบาท")

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.widget, comment.anchor, comment.anchor_version) == ("para-fee", "fee", 1)
    assert comment.quote == "เดือนละสี่สิบบาท"


def test_a_quote_that_is_not_in_the_paragraph_is_refused_and_nothing_is_stored(draft, client):
    client.force_login(make_participant("somchai").user)

    response = _post(client, draft, "fee", "ความเห็น", quote="ห้าสิบบาท", json=True)

    assert response.status_code == 400
    assert "ถ้อยคำที่คุณยกมาไม่มีอยู่ในวรรคนี้" in response.json()["message"]
    assert not Comment.objects.exists()


def test_a_comment_names_its_own_paragraph_only(draft, client):
    client.force_login(make_participant("somchai").user)
    response = client.post(
        reverse("bokrao_comment"),
        {"page": draft.pk, "widget": "para-fee", "anchor": "penalty", "text": "ผิดวรรค"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_reply_answers_what_its_parent_answered(draft, client):
    somchai, wanida = make_participant("somchai"), make_participant("wanida")
    client.force_login(somchai.user)
    _post(client, draft, "fee", "แพงไป", quote="สี่สิบบาท")
    parent = Comment.objects.get()
    client.force_login(wanida.user)
    client.post(
        reverse("bokrao_comment"),
        {"page": draft.pk, "widget": "para-fee", "parent": parent.pk, "text": "เห็นด้วย"},
    )
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert (reply.anchor, reply.anchor_version, reply.quote) == ("fee", 1, "")


def test_agree_and_disagree_on_a_paragraph_are_votes_on_its_own_widget(draft, client):
    client.force_login(make_participant("somchai").user)
    response = client.post(
        reverse("bokrao_vote"),
        {"page": draft.pk, "widget": "agree-fee", "anchor": "fee", "choice": "disagree"},
    )
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert (vote.widget, vote.anchor, vote.anchor_version, vote.choices) == (
        "agree-fee",
        "fee",
        1,
        ["disagree"],
    )
    # The paragraph's page counts it, and says it is the visitor's answer.
    html = client.get(draft.url + "p/fee/").content.decode()
    assert 'data-result="disagree">1</strong>' in html
    assert 'data-result="agree">0</strong>' in html
    assert 'value="disagree" class="button button--primary"' in html


def test_comments_survive_a_new_version(draft, client):
    somchai = make_participant("somchai")
    client.force_login(somchai.user)
    _post(client, draft, "name", "ชื่อดีแล้ว")
    _post(client, draft, "fee", "สี่สิบบาทแพงไป")
    _post(client, draft, "penalty", "โทษปรับสูงเกินไป")
    staff = make_staff("editor")

    v2 = _version_2(draft, staff)

    assert v2.number == 2
    assert v2.since["name"] == 1 and v2.since["fee"] == 2 and v2.since["hazard"] == 2
    assert "penalty" not in v2.since

    reader = client.get(draft.url)
    assert reader.status_code == 200
    entries = {entry["key"]: entry for entry in reader.context["entries"]}
    # Unchanged: the comment stays on it. Changed: it moved to "another version".
    assert (entries["name"]["comments"], entries["name"]["elsewhere"]) == (1, 0)
    assert (entries["fee"]["comments"], entries["fee"]["elsewhere"]) == (0, 1)
    assert entries["hazard"]["label"] == "ข้อ ๓" and entries["fee"]["label"] == "ข้อ ๔"
    assert [gone["comments"] for gone in reader.context["removed"]] == [1]

    changed = client.get(draft.url + "p/fee/")
    page = changed.content.decode()
    assert "ต่อฉบับที่ 1" in page  # "On version 1"
    assert FEE in page  # the text the comment answered, one click away
    assert FEE.replace("สี่สิบ", "สามสิบ") in page  # the text read now

    kept = client.get(draft.url + "p/name/").content.decode()
    assert "ชื่อดีแล้ว" in kept and "ต่อฉบับที่ 1" not in kept

    # The old version still reads as it was, the fee comment on its own text there.
    old = client.get(draft.url + "v/1/")
    old_entries = {entry["key"]: entry for entry in old.context["entries"]}
    assert old_entries["fee"]["comments"] == 1 and old_entries["penalty"]["comments"] == 1


def test_a_removed_paragraph_keeps_its_comments_readable_but_closed(draft, client):
    somchai = make_participant("somchai")
    client.force_login(somchai.user)
    _post(client, draft, "penalty", "โทษปรับสูงเกินไป")
    _version_2(draft)

    page = client.get(draft.url + "p/penalty/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "ถูกตัดออกในฉบับที่ 2" in body and "โทษปรับสูงเกินไป" in body
    refused = _post(client, draft, "penalty", "อีกความเห็น", json=True)
    assert refused.status_code == 403
    assert Comment.objects.count() == 1


def test_a_comment_on_version_2_is_on_the_current_text(draft, client):
    _version_2(draft)
    client.force_login(make_participant("somchai").user)
    _post(client, draft, "fee", "สามสิบบาทเหมาะสม", quote="สามสิบบาท")
    comment = Comment.objects.get()
    assert comment.anchor_version == 2
    reader = client.get(draft.url)
    fee = next(e for e in reader.context["entries"] if e["key"] == "fee")
    assert fee["comments"] == 1


def test_unknown_versions_and_paragraphs_are_not_found(draft, client):
    assert client.get(draft.url + "v/9/").status_code == 404
    assert client.get(draft.url + "?v=abc").status_code == 404
    assert client.get(draft.url + "p/no-such-paragraph/").status_code == 404
    assert client.get(draft.url + "p/fee/?v=7").status_code == 404


def test_publishing_the_same_text_again_is_refused(draft):
    with pytest.raises(versions.VersionRefused):
        versions.publish_version(draft, None, "ไม่มีอะไรเปลี่ยน")
    with pytest.raises(versions.VersionRefused):
        versions.publish_version(draft, None, "   ")


def test_the_first_publication_of_a_draft_publishes_its_version_1(home):
    section = make_section(home, "legislation", slug="drafts")
    page = make_draft(section, _text(), publish=False, slug="new")
    assert versions.latest(page) is None
    page.save_revision().publish()
    assert versions.latest(page).number == 1


def test_the_english_translation_reads_with_the_same_keys(draft, client):
    english = draft.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    text = copy.deepcopy(_text())
    text[1]["value"]["sections"][0]["value"]["paragraphs"][0]["value"]["text"] = (
        "The fee for collecting household waste is forty baht a month"
    )
    english.text = text
    english.save_revision().publish()

    with translation.override("en"):
        reader = client.get(english.url)
    fee = next(e for e in reader.context["entries"] if e["key"] == "fee")
    assert fee["text"].startswith("The fee") and fee["label"] == "Clause 3"
    assert reader.context["text_language"] == "en"


def test_the_hearing_shows_its_days_left_and_respects_the_shortest_hearing(draft, client):
    found = hearing.hearing_of(draft.timeline())
    assert found.state == "open" and found.days_left == 20
    body = client.get(draft.url).content.decode()
    assert "เหลือเวลาแสดงความคิดเห็นอีก 20 วัน" in body

    at = draft.opens_at
    from datetime import timedelta

    short = [("hearing", at, at + timedelta(days=10))]
    assert draft.phase_rules_problems(short) and "15" in str(draft.phase_rules_problems(short)[0])
    assert draft.phase_rules_problems([("hearing", at, at + timedelta(days=15))]) == []
    assert draft.phase_rules_problems([("hearing", at, None)])
    from consultation_blocks.municipalities.services import municipality_of

    municipality = municipality_of(draft)
    municipality.minimum_hearing_days = 30
    municipality.save()
    draft = type(draft).objects.get(pk=draft.pk)
    assert draft.phase_rules_problems([("hearing", at, at + timedelta(days=20))])


def test_the_comment_list_filters_by_paragraph_group_and_residence(draft, client):
    people = [
        make_participant("resident", voter_group=VoterGroup.RESIDENT),
        make_participant("interested", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE),
    ]
    for person in people:
        client.force_login(person.user)
        _post(client, draft, "fee", f"ความเห็นของ {person.user.username}")
        _post(client, draft, "name", f"ชื่อ: {person.user.username}")
    client.logout()

    def shown(query):
        response = client.get(draft.url + "comments/" + query)
        assert response.status_code == 200
        return sorted(comment.comment for comment in response.context["shown"])

    assert len(shown("")) == 4
    assert shown("?paragraph=fee&group=interested") == ["ความเห็นของ interested"]
    assert shown("?area=inside&paragraph=name") == ["ชื่อ: resident"]
    bad = client.get(draft.url + "comments/?order=random")
    assert bad.status_code == 400


def _count_queries(client, url):
    client.get(url)  # warm: caches of the site and the page tree
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _bigger_draft(home, sections, comments_per_paragraph, slug):
    section = make_section(home, "legislation", slug=f"s-{slug}")
    page = make_draft(section, f.long_text(sections, 2), slug=slug)
    participant = make_participant(f"p-{slug}")
    entries = versions.entries_of(versions.latest(page), "th")[0]
    keys = [entry["key"] for entry in anchoring.commentable(entries)]
    from consultation_blocks.comments.services import post_comment

    for key in keys:
        for n in range(comments_per_paragraph):
            post_comment(
                participant, page, widgets.comments_widget(key), f"ความเห็น {n}", anchor=key
            )
    return page, keys


@pytest.mark.parametrize("path", ["", "p/{key}/", "comments/"])
def test_reader_pages_cost_the_same_queries_when_paragraphs_and_comments_double(home, client, path):
    small, small_keys = _bigger_draft(home, 3, 1, "small")
    large, large_keys = _bigger_draft(home, 6, 2, "large")
    assert len(large_keys) == 2 * len(small_keys)
    small_url = small.url + path.format(key=small_keys[0])
    large_url = large.url + path.format(key=large_keys[0])
    assert _count_queries(client, small_url) == _count_queries(client, large_url)


def test_staff_enter_what_was_said_at_an_on_site_hearing_on_a_paragraph(draft, client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from consultation_blocks.staff.factories import join_staff

    clerk = get_user_model().objects.create_user("clerk", "clerk@saensuk.example", "pw")
    group = Group.objects.create(name="On-site entry")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_vote", content_type__app_label="bokrao_blocks"),
    )
    join_staff(clerk, group)
    client.force_login(clerk)
    url = reverse("bokrao_on_site", args=[draft.pk])
    form = client.get(url)
    assert "ข้อ ๓: " + FEE in form.content.decode()

    client.post(
        url,
        {
            "place": "ศาลาประชาคมชุมชนบางแสน",
            "who": "new",
            "display_name": "ป้าสมศรี",
            "voter_group": VoterGroup.RESIDENT,
            "area": Residence.INSIDE,
            "w-para-fee": "ผู้สูงอายุจ่ายไม่ไหว",
            "w-agree-fee": "disagree",
        },
    )

    comment = Comment.objects.get()
    assert (comment.anchor, comment.anchor_version, comment.entered_at_place) == (
        "fee",
        1,
        "ศาลาประชาคมชุมชนบางแสน",
    )
    assert Vote.objects.get().anchor == "fee"
    reader = client.get(draft.url)
    fee = next(e for e in reader.context["entries"] if e["key"] == "fee")
    assert fee["comments"] == 1
