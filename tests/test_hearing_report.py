"""The hearing report (R10): staff answer paragraphs and comments of a draft regulation
(accepted, partly accepted, not accepted, with a reason), publish the report, and the
public reads it as a page, a PDF (Thai text checked with pdftotext) and a CSV without
personal data. Counting is grouped in SQL: the same queries for twice the draft."""

import csv
import io
import re
import shutil
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG
from wagtail.models import Locale, Page

from consultation_blocks.comments.services import post_comment
from consultation_blocks.drafts import anchoring, versions
from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts.report import services
from consultation_blocks.drafts.report.data import build_report
from consultation_blocks.drafts.report.models import HearingReport, HearingResponse, Verdict
from consultation_blocks.drafts.widgets import comments_widget, votes_widget
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.staff.factories import join_staff
from consultation_blocks.timing import frozen_at, now
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_draft, make_home, make_section
from pb_pages.models import HomePage
from pb_pages.municipalities import make_staff_groups, staff_group

from .refusals import assert_refused_in_admin

pytestmark = pytest.mark.django_db

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "pdf"
COMMENT = "ควรลดค่าธรรมเนียมสำหรับผู้สูงอายุที่อยู่คนเดียว"
ANSWER = "เทศบาลจะเพิ่มข้อยกเว้นสำหรับผู้สูงอายุในร่างฉบับที่สอง"


def thai(message):
    with translation.override("th"):
        return gettext(message)


def _draft(section, paragraphs, editor, slug="draft"):
    """A draft of `paragraphs` sections of one paragraph each, version 1 published."""
    text = f.long_text(paragraphs, paragraphs_per_section=1)
    return make_draft(section, text, user=editor, slug=slug)


def _keys(page):
    entries, _language = versions.entries_of(versions.latest(page), "th")
    return [entry["key"] for entry in anchoring.commentable(entries)]


def _post(page, participant, key, text, quote=""):
    return post_comment(participant, page, comments_widget(key), text, anchor=key, quote=quote)


def _vote(page, participant, key, choice):
    return cast_vote(participant, page, votes_widget(key), [choice], anchor=key)


def _publish(user, page, summary):
    """Publish the report once the hearing (open from yesterday for 20 days) is over."""
    with frozen_at(now() + timedelta(days=21)):
        return services.publish_report(user, page, summary)


def _second_home(title, slug):
    return Page.get_first_root_node().add_child(
        instance=HomePage(title=title, slug=slug, locale=Locale.objects.get(language_code="th"))
    )


class Hearing:
    """A draft of Saen Suk with version 1 published, comments from several voter groups,
    inside and outside, agree / disagree, and its editor; Ratchathewi's editor beside."""

    def __init__(self, paragraphs=4):
        self.home = make_home("เทศบาลเมืองแสนสุข", "saensuk")
        self.municipality = municipality_of(self.home)
        make_staff_groups(self.municipality, self.home)
        self.other_home = _second_home("เขตราชเทวี", "ratchathewi")
        self.other = municipality_of(self.other_home)
        make_staff_groups(self.other, self.other_home)
        self.section = make_section(self.home, "legislation", slug="drafts")
        self.editor = self._staff("editor-a", self.municipality)
        self.other_editor = self._staff("editor-b", self.other)
        self.page = _draft(self.section, paragraphs, self.editor)
        self.keys = _keys(self.page)
        self.resident = make_participant("resident", voter_group=VoterGroup.RESIDENT)
        self.interested = make_participant(
            "interested", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE
        )
        self.concerned = make_participant("concerned", voter_group=VoterGroup.CONCERNED)

    def _staff(self, name, municipality):
        user = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
        join_staff(user, staff_group(municipality, "editors"), municipality)
        return user


@pytest.fixture
def hearing(db):
    return Hearing()


def _comment(hearing, participant, key, text, quote=""):
    return _post(hearing.page, participant, key, text, quote=quote)


def _support(comment, *participants):
    for participant in participants:
        CommentFlag.objects.create(comment=comment, user=participant.user, flag=LIKEDIT_FLAG)


# Responses ------------------------------------------------------------------------


def test_a_response_that_does_not_accept_needs_a_reason(hearing):
    key = hearing.keys[0]
    for verdict in (Verdict.PARTLY, Verdict.NOT_ACCEPTED):
        with pytest.raises(services.HearingRefused) as refused:
            services.respond(
                hearing.editor, hearing.page, key=key, verdict=verdict, answered_as="กองช่าง"
            )
        assert refused.value.status == 400
    assert not HearingResponse.objects.exists()
    accepted = services.respond(
        hearing.editor, hearing.page, key=key, verdict=Verdict.ACCEPTED, answered_as="กองช่าง"
    )
    assert accepted.reason == ""
    answer = services.respond(
        hearing.editor,
        hearing.page,
        key=key,
        verdict=Verdict.NOT_ACCEPTED,
        reason="ขัดกับพระราชบัญญัติ",
        answered_as="กองช่าง",
    )
    # Answering again replaces the answer.
    assert HearingResponse.objects.get().pk == answer.pk == accepted.pk
    assert HearingResponse.objects.get().verdict == Verdict.NOT_ACCEPTED


def test_a_response_names_a_role_and_keeps_the_staff_member_for_staff(hearing):
    comment = _comment(hearing, hearing.resident, hearing.keys[1], COMMENT)
    with pytest.raises(services.HearingRefused):
        services.respond(hearing.editor, hearing.page, comment=comment, verdict=Verdict.ACCEPTED)
    response = services.respond(
        hearing.editor,
        hearing.page,
        comment=comment.pk,
        verdict=Verdict.PARTLY,
        reason=ANSWER,
        answered_as="กองสาธารณสุขและสิ่งแวดล้อม",
    )
    assert response.by == hearing.editor
    assert response.paragraph == hearing.keys[1]


def test_staff_of_another_municipality_are_refused(hearing):
    comment = _comment(hearing, hearing.resident, hearing.keys[0], COMMENT)
    with pytest.raises(services.HearingRefused) as refused:
        services.respond(
            hearing.other_editor,
            hearing.page,
            comment=comment,
            verdict=Verdict.ACCEPTED,
            answered_as="กองช่าง",
        )
    assert refused.value.status == 403
    with pytest.raises(services.HearingRefused):
        _publish(hearing.other_editor, hearing.page, "สรุป")
    assert not HearingResponse.objects.exists() and not HearingReport.objects.exists()


def test_the_staff_screen_refuses_another_municipalitys_editor(hearing, client):
    client.force_login(hearing.other_editor)
    assert_refused_in_admin(client.get(f"/admin/bokrao/hearing/{hearing.page.pk}/"))
    posted = client.post(
        f"/admin/bokrao/hearing/{hearing.page.pk}/respond/",
        {"verdict": "accepted", "answered_as": "x", "key": hearing.keys[0]},
    )
    assert_refused_in_admin(posted)
    assert not HearingResponse.objects.exists()


def test_an_unknown_paragraph_or_a_comment_elsewhere_is_refused(hearing):
    with pytest.raises(services.HearingRefused):
        services.respond(
            hearing.editor, hearing.page, key="nope", verdict="accepted", answered_as="กองช่าง"
        )
    with pytest.raises(services.HearingRefused):
        services.respond(
            hearing.editor, hearing.page, comment=999999, verdict="accepted", answered_as="กองช่าง"
        )


# The report's data -----------------------------------------------------------------


def test_counts_by_voter_group_and_residence_per_paragraph_and_overall(hearing):
    first, second = hearing.keys[:2]
    _comment(hearing, hearing.resident, first, "หนึ่ง")
    _comment(hearing, hearing.interested, first, "สอง")
    _comment(hearing, hearing.concerned, second, "สาม")
    _vote(hearing.page, hearing.resident, first, "agree")
    _vote(hearing.page, hearing.interested, first, "disagree")
    _vote(hearing.page, hearing.concerned, first, "disagree")
    data = build_report(hearing.page)
    row = next(row for row in data["paragraphs"] if row["key"] == first)
    assert row["comments"] == 2
    assert row["comments_by_group"] == {"resident": 1, "interested": 1, "concerned": 0}
    assert row["comments_by_area"] == {"inside": 1, "outside": 1}
    assert (row["agree"], row["disagree"]) == (1, 2)
    assert row["votes_by_group"]["concerned"] == {"agree": 0, "disagree": 1}
    assert row["votes_by_area"]["outside"] == {"agree": 0, "disagree": 1}
    assert data["overall"]["comments"] == 3
    assert data["overall"]["comments_by_group"]["concerned"] == 1


def test_most_supported_comments_come_first(hearing):
    key = hearing.keys[0]
    little = _comment(hearing, hearing.resident, key, "เล็กน้อย")
    much = _comment(hearing, hearing.interested, key, "มาก")
    _support(little, hearing.concerned)
    _support(much, hearing.concerned, hearing.resident)
    data = build_report(hearing.page)
    assert [comment["id"] for comment in data["most_supported"]] == [much.pk, little.pk]
    assert data["most_supported"][0]["support"] == 2


def _grow(hearing, paragraphs, comments):
    page = _draft(hearing.section, paragraphs, hearing.editor, slug=f"d{paragraphs}")
    keys = _keys(page)
    people = [hearing.resident, hearing.interested, hearing.concerned]
    for n in range(comments):
        made = _post(page, people[n % 3], keys[n % len(keys)], f"ความเห็นที่ {n}")
        _support(made, people[(n + 1) % 3])
        if n % 2:
            _vote(page, people[n % 3], keys[n % len(keys)], "agree")
    services.respond(hearing.editor, page, comment=made, verdict="accepted", answered_as="กองคลัง")
    return page


def _queries(function, *args):
    with CaptureQueriesContext(connection) as counted:
        function(*args)
    return len(counted)


def test_build_report_runs_the_same_queries_for_twice_the_draft(hearing):
    small = _grow(hearing, 10, 10)
    large = _grow(hearing, 20, 20)
    assert _queries(build_report, small) == _queries(build_report, large)


def test_the_public_report_runs_the_same_queries_for_twice_the_draft(hearing, client):
    small = _grow(hearing, 10, 10)
    large = _grow(hearing, 20, 20)
    for page in (small, large):
        _publish(hearing.editor, page, "สรุป")
    client.get(small.url + "report/")  # the site's own first-request lookups
    counts = []
    for page in (small, large):
        with CaptureQueriesContext(connection) as counted:
            assert client.get(page.url + "report/").status_code == 200
        counts.append(len(counted))
    assert counts[0] == counts[1]


# Publishing and the public report ----------------------------------------------------


def test_the_public_report_is_not_found_before_publishing(hearing, client):
    for suffix in ("report/", "report/pdf/", "report/csv/"):
        response = client.get(hearing.page.url + suffix)
        assert response.status_code == 404
    assert thai("The hearing report of this draft is not published yet.") in response.text


def test_the_report_is_published_once_the_hearing_has_closed(hearing):
    with pytest.raises(services.HearingRefused) as refused:
        services.publish_report(hearing.editor, hearing.page, "สรุป")
    assert str(refused.value) == thai(
        "The public hearing is not over yet: publish its report once it has closed."
    )
    with pytest.raises(services.HearingRefused):
        _publish(hearing.editor, hearing.page, "   ")
    assert not HearingReport.objects.exists()
    assert _publish(hearing.editor, hearing.page, "สรุป").version_number == 1


def test_the_pdf_holds_a_comment_and_its_answer(
    hearing, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: sudo apt-get install poppler-utils")
    settings.MEDIA_ROOT = str(tmp_path)
    comment = _comment(hearing, hearing.resident, hearing.keys[0], COMMENT)
    services.respond(
        hearing.editor,
        hearing.page,
        comment=comment,
        verdict=Verdict.PARTLY,
        reason=ANSWER,
        answered_as="กองสาธารณสุขและสิ่งแวดล้อม",
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = _publish(hearing.editor, hearing.page, "สรุปผลการรับฟังความคิดเห็น")
    report.refresh_from_db()
    assert report.pdf and report.pdf_rendered_at
    response = client.get(hearing.page.url + "report/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout

    def printed(value):
        # As the PDF's text layer reads Thai back: no line breaks, ำ as า (decision 029).
        return re.sub(r"\s+", "", value).replace("ำ", "า")

    assert printed(COMMENT) in printed(text)
    assert printed(ANSWER) in printed(text)
    with translation.override("th"):
        verdict = str(Verdict.PARTLY.label)
    assert verdict == "ยอมรับบางส่วน"
    assert printed(verdict) in printed(text)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf)]
        + [str(SCREENSHOTS / "hearing-report-page-1")],
        check=True,
    )
    page = client.get(hearing.page.url + "report/")
    assert COMMENT in page.text and ANSWER in page.text


def test_the_pdf_waits_for_the_task_with_a_message(hearing, client):
    # Without running the commit callbacks, the task has not printed yet.
    _publish(hearing.editor, hearing.page, "สรุป")
    response = client.get(hearing.page.url + "report/pdf/")
    assert response.status_code == 404
    assert thai("The PDF of the hearing report is being printed: try again in a minute.") in (
        response.text
    )


def test_the_csv_has_no_personal_data(hearing, client):
    hearing.resident.display_name = "สมชาย ใจดี"
    hearing.resident.save()
    comment = _comment(hearing, hearing.resident, hearing.keys[0], COMMENT, quote="การจัดเก็บมูลฝอย")
    _support(comment, hearing.interested)
    services.respond(
        hearing.editor,
        hearing.page,
        comment=comment,
        verdict=Verdict.NOT_ACCEPTED,
        reason=ANSWER,
        answered_as="กองคลัง",
    )
    _publish(hearing.editor, hearing.page, "สรุป")
    response = client.get(hearing.page.url + "report/csv/")
    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    assert not any(
        word in name.lower() for name in header for word in ("mail", "name", "user", "ชื่อ", "อีเมล")
    )
    assert "resident@example.com" not in content and "สมชาย" not in content
    assert "resident" not in content  # the username
    assert row[0] == str(comment.pk) and row[2] == COMMENT and row[3] == "การจัดเก็บมูลฝอย"
    assert row[7] == "1"  # one support
    assert row[9] == ANSWER and row[10] == "กองคลัง"


def test_the_draft_page_links_to_the_published_report(hearing, rf):
    from django.template.loader import render_to_string

    assert services.published_report(hearing.page) is None
    report = _publish(hearing.editor, hearing.page, "สรุป")
    found = services.published_report(hearing.page)
    assert found == report
    with translation.override("th"):
        html = render_to_string(
            "bokrao_blocks/drafts/report_notice.html",
            {"page": hearing.page, "report": found},
            request=rf.get(hearing.page.url),
        )
    assert thai("Read the hearing report") in html
    assert hearing.page.url + "report/" in html


def test_an_editor_answers_and_publishes_from_the_admin(hearing, client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    comment = _comment(hearing, hearing.resident, hearing.keys[0], COMMENT)
    client.force_login(hearing.editor)
    screen = client.get(f"/admin/bokrao/hearing/{hearing.page.pk}/")
    assert screen.status_code == 200 and COMMENT in screen.text
    client.post(
        f"/admin/bokrao/hearing/{hearing.page.pk}/respond/",
        {"verdict": "not_accepted", "answered_as": "กองคลัง", "comment": comment.pk, "reason": ""},
    )
    assert not HearingResponse.objects.exists()  # a reason is needed
    client.post(
        f"/admin/bokrao/hearing/{hearing.page.pk}/respond/",
        {"verdict": "partly", "answered_as": "กองคลัง", "comment": comment.pk, "reason": ANSWER},
    )
    assert HearingResponse.objects.get().comment_id == comment.pk
    with frozen_at(now() + timedelta(days=21)):
        # Three weeks on, the hearing is over; the staff session of then is a new one.
        client.logout()
        client.force_login(hearing.editor)
        published = client.post(
            f"/admin/bokrao/hearing/{hearing.page.pk}/publish/", {"summary": "สรุปผล"}
        )
        assert published.status_code == 302 and "/login/" not in published["Location"]
    assert HearingReport.objects.get().summary == "สรุปผล"


def test_bad_input_on_the_staff_screen_is_a_message(hearing, client):
    client.force_login(hearing.editor)
    for data in (
        {"verdict": "maybe", "answered_as": "x", "key": hearing.keys[0]},
        {"verdict": "accepted", "answered_as": "x", "comment": "abc"},
        {"verdict": "accepted", "answered_as": "x", "comment": str(uuid.uuid4())},
        {},
    ):
        response = client.post(f"/admin/bokrao/hearing/{hearing.page.pk}/respond/", data)
        assert response.status_code == 302
    assert client.post(f"/admin/bokrao/hearing/{hearing.page.pk}/publish/", {}).status_code == 302
    assert not HearingResponse.objects.exists() and not HearingReport.objects.exists()


def test_the_report_keeps_comments_on_changed_and_removed_paragraphs(hearing):
    fee, penalty, scope = "อัตราค่าเก็บขนมูลฝอยเดือนละสี่สิบบาท", "ผู้ใดฝ่าฝืนต้องระวางโทษปรับ", "ให้ใช้ในเขตเทศบาล"

    def text(fee_text, with_penalty):
        sections = [f.section(f.paragraph(fee_text, key="fee"))]
        if with_penalty:
            sections.append(f.section(f.paragraph(penalty, key="penalty")))
        sections.append(f.section(f.paragraph(scope, key="scope")))
        return [f.chapter("ค่าธรรมเนียม", *sections)]

    page = make_draft(hearing.section, text(fee, True), user=hearing.editor, slug="fees")
    on_fee = _post(page, hearing.resident, "fee", "แพงเกินไป")
    on_penalty = _post(page, hearing.interested, "penalty", "โทษหนักไป")
    on_scope = _post(page, hearing.concerned, "scope", "เห็นด้วย")
    page.text = text(fee.replace("สี่สิบ", "สามสิบ"), False)
    page.save_revision().publish()
    versions.publish_version(page, hearing.editor, "ลดค่าธรรมเนียม ยกเลิกบทลงโทษ")

    data = build_report(page)
    assert data["version"].number == 2
    assert [row["key"] for row in data["paragraphs"]] == ["fee", "scope"]
    comments = {comment["id"]: comment for comment in data["comments"]}
    # The fee was reworded: the comment answered version 1's text, which the report shows.
    assert comments[on_fee.pk]["on_current_text"] is False
    assert comments[on_fee.pk]["version"] == 1 and comments[on_fee.pk]["answered_text"] == fee
    assert comments[on_scope.pk]["on_current_text"] is True
    # The penalty is gone from version 2; what was said on it is still reported.
    [removed] = data["elsewhere"]
    assert removed["key"] == "penalty" and removed["entry"]["text"] == penalty
    assert [comment["id"] for comment in removed["comments_list"]] == [on_penalty.pk]
    assert data["overall"]["comments"] == 3
    # Staff may still answer a paragraph that was removed.
    services.respond(
        hearing.editor,
        page,
        key="penalty",
        verdict=Verdict.ACCEPTED,
        answered_as="กองคลัง",
    )
    assert build_report(page)["elsewhere"][0]["response"].verdict == Verdict.ACCEPTED


def test_the_page_listing_offers_the_hearing_screen_to_its_editors(hearing, client):
    client.force_login(hearing.editor)
    listing = client.get(f"/admin/pages/{hearing.section.pk}/")
    assert f"/admin/bokrao/hearing/{hearing.page.pk}/" in listing.text
    client.force_login(hearing.other_editor)
    assert f"/admin/bokrao/hearing/{hearing.page.pk}/" not in (
        client.get(f"/admin/pages/{hearing.section.pk}/").text
    )


def test_a_comment_that_looks_like_a_formula_stays_text_in_the_csv(hearing, client):
    _comment(hearing, hearing.resident, hearing.keys[0], '=HYPERLINK("http://example.com","คลิก")')
    _publish(hearing.editor, hearing.page, "สรุป")
    content = client.get(hearing.page.url + "report/csv/").content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert rows[1][2] == '\'=HYPERLINK("http://example.com","คลิก")'


def test_the_staff_screen_runs_the_same_queries_for_twice_the_draft(hearing, client):
    small = _grow(hearing, 10, 10)
    large = _grow(hearing, 20, 20)
    client.force_login(hearing.editor)
    client.get(f"/admin/bokrao/hearing/{small.pk}/")  # the admin's own first-request lookups
    counts = []
    for page in (small, large):
        with CaptureQueriesContext(connection) as counted:
            assert client.get(f"/admin/bokrao/hearing/{page.pk}/").status_code == 200
        counts.append(len(counted))
    assert counts[0] == counts[1]


def test_the_draft_says_its_hearing_closed_and_links_its_published_report(hearing, client):
    with frozen_at(now() + timedelta(days=21)):
        before = client.get(hearing.page.url).content.decode()
        assert "ปิดรับฟังความคิดเห็นแล้ว" in before and "อ่านรายงานผล" not in before
        services.publish_report(hearing.editor, hearing.page, "สรุปผลการรับฟัง")
        after = client.get(hearing.page.url).content.decode()
        paragraph = client.get(hearing.page.url + f"p/{hearing.keys[0]}/").content.decode()

    assert "ปิดรับฟังความคิดเห็นแล้ว เผยแพร่รายงานผลแล้ว" in after
    assert f'href="{hearing.page.url}report/"' in after
    assert f'href="{hearing.page.url}report/"' in paragraph
