"""Bad input gets a clear answer, never a server error, and nothing it should not store:
odd `next` values, ids that are not ids, control characters, a broken consent cookie,
a register CSV the csv module cannot read, a form in another character set.
(tests/test_fuzz.py sends thousands of such requests; these are the cases it found.)"""

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import translation
from django_comments.models import CommentFlag

from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, poll_widget, widget
from consultation_blocks.models import Comment, CommentFlagReason, Participant, Vote
from consultation_blocks.participants import residents
from consultation_blocks.staff import on_site
from pb_pages.factories import make_consultation, make_section
from theme.user_input import clean_user_text, is_local_url, parse_id

pytestmark = pytest.mark.django_db

ODD_NEXT = [
    "thanks",
    "bokrao_profile",
    "//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\\evil.example",
]


@pytest.fixture
def ordinance(home):
    section = make_section(home, "legislation", slug="regulations")
    body = [
        {"type": "paragraph", "value": "<p>ข้อ 1</p>", "id": "para-1"},
        comment_widget("w-talk"),
        widget("agree_disagree", "w-agree"),
        poll_widget("w-poll", {"a": "ก", "b": "ข"}, allow_other=True),
    ]
    page = make_consultation(section, slug="street-lights", body=json.dumps(body))
    page.save_revision().publish()
    return page


@pytest.fixture
def somchai(db):
    return make_participant("somchai")


@pytest.fixture
def theirs(ordinance):
    return post_comment(make_participant("other"), ordinance, "w-talk", "ถนนมืด")


@pytest.fixture
def signed_in(client, somchai):
    client.force_login(somchai.user)
    return client


@pytest.mark.parametrize("next_url", ODD_NEXT)
def test_a_vote_with_an_odd_next_is_saved_and_goes_back_to_the_page(ordinance, signed_in, next_url):
    response = signed_in.post(
        "/th/participate/vote/",
        {"page": ordinance.pk, "widget": "w-agree", "choice": "agree", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == ordinance.url
    assert Vote.objects.get().choices == ["agree"]


@pytest.mark.parametrize("next_url", ODD_NEXT)
def test_a_comment_reaction_and_flag_with_an_odd_next_go_back_to_the_comment(
    ordinance, signed_in, theirs, next_url
):
    comment = signed_in.post(
        "/th/participate/comment/",
        {"page": ordinance.pk, "widget": "w-talk", "text": "สว่างแล้ว", "next": next_url},
    )
    mine = Comment.objects.get(comment="สว่างแล้ว")
    assert comment["Location"] == f"{ordinance.url}#comment-{mine.pk}"
    react = signed_in.post(
        f"/th/participate/comment/{theirs.pk}/react/", {"kind": "like", "next": next_url}
    )
    flag = signed_in.post(
        f"/th/participate/comment/{theirs.pk}/flag/", {"reason": "spam", "next": next_url}
    )
    for response in (react, flag):
        assert response.status_code == 302
        assert response["Location"] == f"{ordinance.url}#comment-{theirs.pk}"
    assert CommentFlag.objects.filter(comment=theirs).count() == 2


def test_a_local_next_is_followed(ordinance, signed_in):
    response = signed_in.post(
        "/th/participate/vote/",
        {"page": ordinance.pk, "widget": "w-agree", "choice": "agree", "next": "/th/?x=1"},
    )
    assert response["Location"] == "/th/?x=1"


@pytest.mark.parametrize("next_url", ODD_NEXT)
def test_the_cookie_choice_with_an_odd_next_goes_home(client, home, next_url):
    response = client.post("/th/cookies/", {"choice": "all", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("next_url", ODD_NEXT)
def test_sign_up_never_offers_an_odd_next(client, home, next_url):
    response = client.get(f"/th/participate/account/sign-up/?next={next_url}")
    assert response.status_code == 200
    assert response.context["next"] == ""


@pytest.mark.parametrize("url", ["thanks", "//evil.example", "https:/x", "/\\x", "", None])
def test_only_paths_of_this_site_are_local(rf, url):
    assert not is_local_url(rf.get("/"), url)
    assert is_local_url(rf.get("/"), "/th/regulations/")


@pytest.mark.parametrize("page", ["²", "٣", "abc", "1.5", "-1", "9" * 30, ""])
def test_a_vote_for_a_page_that_is_no_id_is_a_404(ordinance, client, signed_in, page):
    for visitor in (Client(), signed_in):
        response = visitor.post(
            "/th/participate/vote/", {"page": page, "widget": "w-agree", "choice": "agree"}
        )
        assert response.status_code == 404
        response = visitor.post(
            "/th/participate/comment/", {"page": page, "widget": "w-talk", "text": "x"}
        )
        assert response.status_code == 404
    assert Vote.objects.count() == 0 and Comment.objects.count() == 0


@pytest.mark.parametrize("parent", ["²", "٣", "abc", "9" * 30, "-1"])
def test_a_reply_to_something_that_is_no_comment_id_is_refused(ordinance, signed_in, parent):
    with translation.override("en"):
        response = signed_in.post(
            "/en/participate/comment/",
            {"page": ordinance.pk, "widget": "w-talk", "text": "ตอบ", "parent": parent},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 400
    assert response.json()["message"] == "The comment you are replying to is not available."
    assert Comment.objects.count() == 0


def test_a_comment_id_past_the_largest_is_a_404(ordinance, signed_in):
    for action in ("react", "flag"):
        response = signed_in.post(f"/th/participate/comment/{'9' * 25}/{action}/", {})
        assert response.status_code == 404


def test_parse_id_takes_ascii_digits_only():
    assert parse_id("42") == 42
    assert [parse_id(v) for v in ["²", "٣", "๓", "0", "-1", "1e3", str(2**63), None]] == [None] * 8


def test_control_characters_are_removed_from_what_people_write(ordinance, signed_in, theirs):
    assert clean_user_text("a\x00b\x07c\td\ne\rf\x7f\ud800") == "abc\td\ne\rf"
    signed_in.post(
        "/th/participate/comment/",
        {"page": ordinance.pk, "widget": "w-talk", "text": "ไฟ\x00ดับ\x1b"},
    )
    signed_in.post(
        "/th/participate/vote/",
        {"page": ordinance.pk, "widget": "w-poll", "choice": "other", "other": "อื่น\x00ๆ"},
    )
    signed_in.post(
        f"/th/participate/comment/{theirs.pk}/flag/", {"reason": "other", "note": "โฆษ\x00ณา"}
    )
    signed_in.post(
        "/th/participate/account/",
        {"display_name": "สม\x01ชาย", "voter_group": "resident", "area": "inside"},
    )
    assert Comment.objects.filter(comment="ไฟดับ").exists()
    assert Vote.objects.get().other_text == "อื่นๆ"
    assert CommentFlagReason.objects.get().note == "โฆษณา"
    assert Participant.objects.get(user__username="somchai").display_name == "สมชาย"


def test_on_site_answers_lose_their_control_characters(ordinance, admin_user):
    from django.http import QueryDict

    widgets = on_site.widgets(ordinance)
    answers = on_site.answers_from(
        QueryDict("w-w-talk=%E0%B8%94%00%E0%B8%B5&w-w-poll-other=%E0%B8%81%00"), widgets
    )
    entered = on_site.enter(
        admin_user,
        ordinance,
        on_site.NewParticipant(voter_group="resident", area="inside", display_name="น\x00า"),
        answers,
        "สำนักงาน\x00เทศบาล",
    )
    assert entered.comments[0].comment == "ดี"
    assert entered.votes[0].other_text == "ก"
    assert entered.participant.display_name == "นา"
    assert entered.comments[0].entered_at_place == "สำนักงานเทศบาล"


@pytest.mark.parametrize("query", ["ไฟ\x00ถนน", '"', 'a"b', "\x00"])
def test_search_with_nul_or_a_quote_answers(client, home, query):
    response = client.get("/th/search/", {"q": query, "page": "²"})
    assert response.status_code == 200
    assert "\x00" not in response.context["search_query"]


def test_staff_search_with_nul_answers(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/bokrao/search/", {"q": "a\x00b", "area": "in\x00side"})
    assert response.status_code == 200
    assert response.context["search_query"] == "ab"


@pytest.mark.parametrize("cookie", ["².performance", "٣", "๓.targeting", "9" * 40, "x.y", ""])
def test_a_consent_cookie_that_is_no_choice_is_ignored(client, home, cookie):
    from theme.consent import read_consent

    # As a WSGI server hands the header over: its UTF-8 bytes read as ISO-8859-1.
    response = client.get("/th/", HTTP_COOKIE=f"bokrao_consent={cookie}".encode().decode("latin-1"))
    assert response.status_code == 200
    assert read_consent(response.wsgi_request) is None  # asked again, as a first visit


def test_a_register_cell_over_128_kb_is_refused_with_the_line(settings):
    with translation.override("en"):
        data = ("national_id,birth_date\n" + '"' + "1" * 200_000 + '",1985-03-15\n').encode()
        with pytest.raises(residents.RegisterRefused) as refused:
            residents.read_register_csv(data)
    assert refused.value.problems == [
        (2, "This line cannot be read as CSV: one of its cells is longer than 128 KB.")
    ]


def test_the_register_upload_screen_shows_the_problem_and_stores_nothing(client, admin_user, home):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consultation_blocks.models import ResidentRecord

    client.force_login(admin_user)
    for content in [b"national_id,birth_date\n\xff\xfe\x00", b'national_id\n"' + b"1" * 200_000]:
        response = client.post(
            "/admin/bokrao/resident-register/",
            {"register": SimpleUploadedFile("register.csv", content, "text/csv")},
        )
        assert response.status_code == 200
        assert response.context["problems"]
    assert ResidentRecord.objects.count() == 0


@pytest.mark.parametrize("charset", ["utf-16", "bogus", "rot13", "x" * 100])
def test_a_form_in_another_charset_is_a_400_even_when_the_csrf_check_reads_it(
    home, ordinance, charset
):
    client = Client(enforce_csrf_checks=True)
    client.get("/th/cookies/")  # a CSRF cookie, so the check reads the form's token
    body = f"page={ordinance.pk}&widget=w-agree&choice=agree&csrfmiddlewaretoken=x".encode()
    response = client.generic(
        "POST",
        "/en/participate/vote/",
        body,
        f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert response.content.decode() == (
        "Send the form as UTF-8 text: other character sets are not accepted."
    )
    assert Vote.objects.count() == 0


def test_utf8_under_another_name_is_accepted(ordinance, signed_in):
    body = f"page={ordinance.pk}&widget=w-agree&choice=agree".encode()
    response = signed_in.generic(
        "POST", "/th/participate/vote/", body, "application/x-www-form-urlencoded; charset=UTF8"
    )
    assert response.status_code == 302
    assert Vote.objects.count() == 1
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
