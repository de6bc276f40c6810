"""A proposal's public life through the pages: the form (bad input, uploads, drafts),
the call's list, a proposal's page, supporting and following, and their query counts."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from consultation_blocks.factories import make_participant
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.proposals import services
from consultation_blocks.proposals.choices import ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Proposal
from consultation_blocks.widgets.models import Vote
from pb_pages.factories import make_call, make_section

GOOD = {
    "title": "ขอไฟส่องสว่างซอยวัดโพธิ์",
    "summary": "ซอยวัดโพธิ์มืดมากตอนกลางคืน คนเดินกลับบ้านไม่ปลอดภัย",
    "description": "ขอให้เทศบาลติดตั้งไฟส่องสว่างตลอดซอยวัดโพธิ์ เพื่อความปลอดภัยของนักเรียนและผู้สูงอายุ",
    "category": "roads",
    "within_powers": "yes",
}


@pytest.fixture
def call(home):
    return make_call(make_section(home, "proposals"), threshold_kind="number", threshold=2)


@pytest.fixture
def author(home):
    return make_participant("author")


def _jpeg_with_location():
    """A photo as a phone takes it: with EXIF that says where (GPS) and with what."""
    image = Image.new("RGB", (2400, 1200), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (13.0, 45.0, 0.0), 4: (100.0, 30.0, 0.0)}  # GPS: latitude, longitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    out.name = "photo.jpg"
    out.seek(0)
    return out


def _upload(content, name):
    out = io.BytesIO(content)
    out.name = name
    return out


def _new(client, call, data, language="th"):
    url = call.url + "new/"
    if language == "en":
        url = url.replace("/th/", "/en/", 1)
    return client.post(url, data)


@pytest.mark.django_db
def test_a_participant_submits_a_proposal_and_everyone_reads_it(client, call, author):
    client.force_login(author.user)
    answer = _new(client, call, {**GOOD, "submit": "1"})
    assert answer.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.state == ProposalState.PUBLISHED
    assert answer["Location"] == f"{call.url}p/{proposal.pk}/"
    assert proposal.participant == author
    assert proposal.voter_group == author.voter_group
    assert proposal.area == Residence.INSIDE
    assert proposal.language == "th"
    client.logout()
    page = client.get(answer["Location"]).content.decode()
    assert GOOD["title"] in page and GOOD["description"] in page
    assert 'lang="th"' in page
    listed = client.get(call.url).content.decode()
    assert GOOD["title"] in listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "thai", "english"),
    [
        ("title", "ไฟ", "อย่างน้อย 5", "at least 5"),
        ("title", "ก" * 151, "151", "151"),
        ("description", "สั้นไป", "อย่างน้อย 20", "at least 20"),
        ("category", "no-such-category", "หมวดหมู่", "categories of this call"),
        ("within_powers", "maybe", "เลือกคำตอบ", "Choose one of the answers"),
    ],
)
def test_bad_input_is_refused_in_the_visitors_language_and_nothing_is_stored(
    client, call, author, field, value, thai, english
):
    client.force_login(author.user)
    for language, expected in (("th", thai), ("en", english)):
        answer = _new(client, call, {**GOOD, field: value, "submit": "1"}, language)
        assert answer.status_code == 400
        assert expected in answer.content.decode(), language
    assert not Proposal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "upload", "thai", "english"),
    [
        (
            "image",
            lambda: _upload(b"MZ\x90\x00 not a picture", "photo.jpg"),
            "JPEG, PNG",
            "JPEG, PNG",
        ),
        ("image", lambda: _upload(b"GIF89a" + b"\x00" * 100, "anim.gif"), "JPEG, PNG", "JPEG, PNG"),
        (
            "image",
            lambda: _upload(b"\xff\xd8" + b"\x00" * (5 * 1024 * 1024 + 10), "big.jpg"),
            "5 MB",
            "5 MB",
        ),
        ("document", lambda: _upload(b"MZ\x90\x00program", "plan.pdf"), "PDF", "PDF"),
        (
            "document",
            lambda: _upload(b"%PDF-" + b"0" * (10 * 1024 * 1024 + 10), "big.pdf"),
            "10 MB",
            "10 MB",
        ),
    ],
)
def test_wrong_or_oversized_files_are_refused_with_a_message(
    client, call, author, field, upload, thai, english
):
    client.force_login(author.user)
    for language, expected in (("th", thai), ("en", english)):
        answer = _new(client, call, {**GOOD, field: upload(), "submit": "1"}, language)
        assert answer.status_code == 400
        body = answer.content.decode()
        assert expected in body and "field__error" in body, language
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_a_photo_is_re_encoded_smaller_and_without_its_location(client, call, author):
    client.force_login(author.user)
    _new(client, call, {**GOOD, "image": _jpeg_with_location(), "submit": "1"})
    proposal = Proposal.objects.get()
    assert proposal.image.name.startswith("proposals/images/")
    assert "photo" not in proposal.image.name  # the visitor's file name is not kept
    with proposal.image.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 1600
        assert not image.getexif()  # no GPS, no camera
    proposal.image.delete(save=False)


@pytest.mark.django_db
def test_a_pdf_is_kept_under_a_name_of_ours(client, call, author):
    client.force_login(author.user)
    _new(client, call, {**GOOD, "document": _upload(b"%PDF-1.4\n%...", "แผน.pdf"), "submit": "1"})
    proposal = Proposal.objects.get()
    assert proposal.document.name.endswith(".pdf")
    with proposal.document.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    proposal.document.delete(save=False)


@pytest.mark.django_db
def test_a_draft_is_saved_seen_only_by_its_author_and_finished_later(client, call, author, home):
    client.force_login(author.user)
    answer = _new(client, call, {**GOOD, "draft": "1"})
    proposal = Proposal.objects.get()
    assert proposal.state == ProposalState.DRAFT
    assert answer["Location"] == f"{call.url}p/{proposal.pk}/edit/"
    form = client.get(answer["Location"]).content.decode()
    assert GOOD["title"] in form  # the draft's text comes back in the form
    assert f"p/{proposal.pk}/edit/" in client.get(call.url).content.decode()
    # Nobody else sees it, nor can they edit it.
    other = make_participant("other")
    client.force_login(other.user)
    assert client.get(f"{call.url}p/{proposal.pk}/").status_code == 404
    assert client.get(f"{call.url}p/{proposal.pk}/edit/").status_code == 404
    assert GOOD["title"] not in client.get(call.url).content.decode()
    # The author finishes it.
    client.force_login(author.user)
    client.post(
        f"{call.url}p/{proposal.pk}/edit/",
        {**GOOD, "title": "ขอไฟส่องสว่างซอยวัดโพธิ์ทั้งซอย", "submit": "1"},
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED
    assert proposal.title == "ขอไฟส่องสว่างซอยวัดโพธิ์ทั้งซอย"
    # Once submitted it is the municipality's: the form refuses.
    refused = client.post(f"{call.url}p/{proposal.pk}/edit/", {**GOOD, "submit": "1"})
    assert refused.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "ขอไฟส่องสว่างซอยวัดโพธิ์ทั้งซอย"


@pytest.mark.django_db
def test_a_call_that_reviews_first_keeps_the_proposal_from_the_public(client, home, author):
    call = make_call(make_section(home, "proposals"), review_first=True)
    client.force_login(author.user)
    _new(client, call, {**GOOD, "submit": "1"})
    proposal = Proposal.objects.get()
    assert proposal.state == ProposalState.SUBMITTED
    assert client.get(f"{call.url}p/{proposal.pk}/").status_code == 200  # its author
    client.logout()
    assert client.get(f"{call.url}p/{proposal.pk}/").status_code == 404
    assert GOOD["title"] not in client.get(call.url).content.decode()


@pytest.mark.django_db
def test_submitting_outside_the_proposals_phase_or_unverified_is_refused(client, home, author):
    closed = make_call(make_section(home, "proposals"), phases=[("support", -1, 30)])
    client.force_login(author.user)
    answer = client.get(closed.url + "new/")
    assert answer.status_code == 403
    assert _new(client, closed, {**GOOD, "submit": "1"}).status_code == 403
    residents_only = make_call(
        make_section(home, "proposals", slug="more"),
        submit_verification=VerificationLevel.RESIDENT,
    )
    answer = _new(client, residents_only, {**GOOD, "submit": "1"})
    assert answer.status_code == 403
    assert "/verify/" in answer.content.decode()  # the way to become eligible
    assert not Proposal.objects.exists()
    client.logout()
    assert client.get(closed.url + "new/")["Location"].startswith(reverse("bokrao_sign_in"))


@pytest.mark.django_db
def test_supporting_through_the_page_counts_once_and_can_be_withdrawn(client, call, author):
    proposal = make_proposal(call, author)
    fan = make_participant("fan", voter_group=VoterGroup.CONCERNED)
    client.force_login(fan.user)
    url = reverse("bokrao_proposal_support")
    for _ in range(2):
        assert (
            client.post(
                url, {"proposal": proposal.pk, "next": proposal_url(call, proposal)}
            ).status_code
            == 302
        )
    assert services.supports_of(proposal).count() == 1
    page = client.get(proposal_url(call, proposal)).content.decode()
    assert 'name="withdraw"' in page
    client.post(url, {"proposal": proposal.pk, "withdraw": "1"})
    assert not services.supports_of(proposal).exists()
    # Answered proposals take no supports: the refusal says why.
    rejected = make_proposal(call, author, title="ข้อเสนอที่ตอบแล้ว", state=ProposalState.REJECTED)
    answer = client.post(url, {"proposal": rejected.pk}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 403
    assert "ตอบ" in answer.json()["message"] or "answered" in answer.json()["message"]
    assert not Vote.objects.exists()


def proposal_url(call, proposal):
    return f"{call.url}p/{proposal.pk}/"


@pytest.mark.django_db
def test_the_page_shows_progress_and_the_split_of_supports(client, call, author):
    proposal = make_proposal(call, author)
    services.support(make_participant("r1"), proposal, call)
    services.support(
        make_participant("o1", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE),
        proposal,
        call,
    )
    proposal.refresh_from_db()
    assert proposal.threshold_reached_at is not None  # the threshold was 2
    page = client.get(proposal_url(call, proposal)).content.decode()
    assert 'aria-valuenow="2"' in page and 'aria-valuemax="2"' in page
    split = page[page.index("support-split") :]
    assert '<td class="count">1</td>' in split


@pytest.mark.django_db
def test_the_english_call_lists_the_thai_proposal_and_says_its_language(client, call, author):
    from wagtail.models import Locale

    english = call.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    proposal = make_proposal(call, author)
    listed = client.get(english.url).content.decode()
    assert proposal.title in listed
    page = client.get(f"{english.url}p/{proposal.pk}/").content.decode()
    assert "Written in Thai" in page
    # The language links lead to the same proposal in the other language.
    assert f'href="{call.url}p/{proposal.pk}/" hreflang="th"' in page


@pytest.mark.django_db
def test_following_and_unfollowing(client, call, author):
    proposal = make_proposal(call, author)
    reader = make_participant("reader")
    client.force_login(reader.user)
    client.post(reverse("bokrao_proposal_follow"), {"proposal": proposal.pk})
    assert proposal.followers.filter(participant=reader).exists()
    client.post(reverse("bokrao_proposal_follow"), {"proposal": proposal.pk, "stop": "1"})
    assert not proposal.followers.filter(participant=reader).exists()


@pytest.mark.django_db
def test_filters_and_pages_of_the_call(client, call, author):
    make_proposal(call, author, title="ถนนซอยหนึ่งพัง", category="roads")
    make_proposal(call, author, title="น้ำท่วมขังหน้าตลาด", category="water")
    make_proposal(
        call, author, title="ขอรับทราบผลแล้ว", category="water", state=ProposalState.ACCEPTED
    )
    page = client.get(call.url + "?category=water").content.decode()
    assert "น้ำท่วมขังหน้าตลาด" in page and "ถนนซอยหนึ่งพัง" not in page
    page = client.get(call.url + "?state=accepted").content.decode()
    assert "ขอรับทราบผลแล้ว" in page and "น้ำท่วมขังหน้าตลาด" not in page
    # Nonsense in the query is ignored, not an error.
    assert (
        client.get(call.url + "?category=%00&area=x&state=draft&order=evil&page=-3").status_code
        == 200
    )


def _count_queries(client, url):
    client.get(url)  # the site's and the page's caches are warm, as for every next visitor
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200
    return len(queries)


def _add_proposals_with_supports_and_comments(call, n, start):
    from consultation_blocks.comments.services import post_comment

    for i in range(start, start + n):
        writer = make_participant(f"writer{i}")
        proposal = make_proposal(call, writer, title=f"ข้อเสนอที่ {i}", category="roads")
        services.support(writer, proposal, call)
        post_comment(writer, call, proposal.widget_id, f"เห็นด้วยกับข้อเสนอ {i}")


@pytest.mark.django_db
def test_the_call_lists_twice_the_proposals_in_as_many_queries(client, call):
    _add_proposals_with_supports_and_comments(call, 3, 0)
    client.force_login(make_participant("visitor").user)
    once = _count_queries(client, call.url)
    _add_proposals_with_supports_and_comments(call, 3, 3)
    assert _count_queries(client, call.url) == once


@pytest.mark.django_db
def test_a_proposals_page_costs_as_many_queries_with_twice_the_supports_and_comments(
    client, call, author
):
    from consultation_blocks.comments.services import post_comment

    proposal = make_proposal(call, author)

    def add(start):
        for i in range(start, start + 3):
            someone = make_participant(f"someone{i}")
            services.support(someone, proposal, call)
            post_comment(someone, call, proposal.widget_id, f"ความเห็นที่ {i}")

    add(0)
    client.force_login(make_participant("visitor").user)
    once = _count_queries(client, proposal_url(call, proposal))
    add(3)
    assert _count_queries(client, proposal_url(call, proposal)) == once


@pytest.mark.django_db
def test_comments_on_a_proposal_are_its_own_and_only_while_it_is_public(client, call, author):
    from consultation_blocks.comments.models import Comment

    proposal = make_proposal(call, author)
    other = make_proposal(call, author, title="อีกข้อเสนอหนึ่ง")
    draft = make_proposal(call, author, title="ร่างของฉัน", state=ProposalState.DRAFT)
    client.force_login(author.user)
    comment_url = reverse("bokrao_comment")
    client.post(
        comment_url, {"page": call.pk, "widget": proposal.widget_id, "text": "ควรทำก่อนหน้าฝน"}
    )
    assert Comment.objects.get().widget == proposal.widget_id
    assert "ควรทำก่อนหน้าฝน" in client.get(proposal_url(call, proposal)).content.decode()
    assert "ควรทำก่อนหน้าฝน" not in client.get(proposal_url(call, other)).content.decode()
    assert (
        client.post(
            comment_url, {"page": call.pk, "widget": draft.widget_id, "text": "x"}
        ).status_code
        == 404
    )
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_the_featured_block_shows_featured_proposals_in_order(client, call, author, home):
    import json

    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    first = make_proposal(call, author, title="ข้อเสนอเด่นที่หนึ่ง")
    second = make_proposal(call, author, title="ข้อเสนอเด่นที่สอง")
    make_proposal(call, author, title="ข้อเสนอธรรมดา")
    services.feature(editor, second, 1)
    services.feature(editor, first, 0)
    home.body = json.dumps(
        [
            {
                "type": "featured_proposals",
                "value": {"heading": "ข้อเสนอเด่น", "call": None, "count": 3},
            }
        ]
    )
    home.save_revision().publish()
    page = client.get(home.url).content.decode()
    assert page.index("ข้อเสนอเด่นที่หนึ่ง") < page.index("ข้อเสนอเด่นที่สอง")
    assert "ข้อเสนอธรรมดา" not in page
    services.unfeature(editor, first)
    assert "ข้อเสนอเด่นที่หนึ่ง" not in client.get(home.url).content.decode()


@pytest.mark.django_db
def test_a_blocked_authors_proposals_are_withheld_until_unblocked(client, call, author, admin_user):
    from consultation_blocks.comments import moderation

    proposal = make_proposal(call, author, title="ข้อเสนอของผู้ถูกระงับ")
    moderation.block(admin_user, author, "โฆษณาซ้ำ ๆ")
    assert proposal.title not in client.get(call.url).content.decode()
    assert client.get(proposal_url(call, proposal)).status_code == 404
    moderation.unblock(admin_user, author)
    assert proposal.title in client.get(call.url).content.decode()
    assert client.get(proposal_url(call, proposal)).status_code == 200


@pytest.mark.django_db
def test_the_english_home_features_proposals_on_the_english_call(client, call, author, home):
    import json

    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    proposal = make_proposal(call, author, title="ข้อเสนอเด่น")
    services.feature(editor, proposal, 0)
    english = Locale.objects.get(language_code="en")
    english_call = call.copy_for_translation(english, copy_parents=True)
    english_call.save_revision().publish()
    home.body = json.dumps(
        [{"type": "featured_proposals", "value": {"heading": "", "call": None, "count": 3}}]
    )
    home.save_revision().publish()
    # The English home made with the call is an alias: it follows the Thai one's body.
    english_home = home.get_translation(english)
    page = client.get(english_home.url).content.decode()
    assert f'href="{english_call.url}p/{proposal.pk}/"' in page
    page = client.get(home.url).content.decode()
    assert f'href="{call.url}p/{proposal.pk}/"' in page
