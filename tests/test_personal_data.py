"""PDPA rights: download everything we hold about you, delete your account."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django_comments.models import CommentFlag

from consultation_blocks.comments.choices import CommentState
from consultation_blocks.comments.services import flag, post_comment, react
from consultation_blocks.factories import (
    comment_widget,
    make_participant,
    poll_widget,
    widget,
    widget_body,
)
from consultation_blocks.models import (
    Comment,
    CommentFlagReason,
    Municipality,
    Participant,
    PersonalDataSettings,
    ResidentVerification,
    Vote,
)
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.privacy.export import my_data
from consultation_blocks.privacy.policy import personal_data_policy
from consultation_blocks.tally import tally
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section
from search.models import OutboxEntry

pytestmark = pytest.mark.django_db

KEEP, REMOVE = PersonalDataSettings.AfterDeletion.KEEP, PersonalDataSettings.AfterDeletion.REMOVE


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def debate(home):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(
        section,
        slug="nong-mon",
        title="ถนนหนองมน",
        body=widget_body(
            widget("agree_disagree", "w-agree"),
            poll_widget("w-poll", {"opt-park": "สวนสาธารณะ", "opt-road": "ถนน"}),
            comment_widget("w-talk"),
        ),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def somchai(db):
    return make_participant("somchai")


@pytest.fixture
def malee(db):
    return make_participant("malee")


@pytest.fixture
def search_configured(settings):
    # enqueue() writes outbox rows only when an engine is configured; none needs to run.
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}


def _choose(comments=KEEP, votes=KEEP):
    chosen = PersonalDataSettings.load()
    chosen.comments_after_deletion = comments
    chosen.votes_after_deletion = votes
    chosen.save()


def _download(client, participant):
    client.force_login(participant.user)
    return client.get("/en/participate/account/my-data/")


# -- Download -------------------------------------------------------------------------


def test_download_holds_their_votes_and_comments_and_nothing_of_another_participant(
    debate, somchai, malee, client
):
    cast_vote(somchai, debate, "w-agree", "agree")
    post_comment(somchai, debate, "w-talk", "ไฟถนนซอย 5 ดับทุกคืน")
    malees = post_comment(malee, debate, "w-talk", "ความเห็นของมาลี")
    cast_vote(malee, debate, "w-poll", ["opt-road"])
    react(somchai, malees.pk, "like")

    response = _download(client, somchai)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="bokrao-my-data-')
    body = response.content.decode("utf-8")
    assert "ไฟถนนซอย 5 ดับทุกคืน" in body  # Thai as Thai, not \u escapes
    assert '\n  "account": {' in body  # indented for people to read
    data = json.loads(body)
    assert data["account"]["email"] == "somchai@example.com"
    assert [vote["choices"] for vote in data["votes"]] == [[{"key": "agree", "label": "Agree"}]]
    assert data["votes"][0]["page"]["title"] == "ถนนหนองมน"
    assert data["votes"][0]["page"]["url"].endswith("/debates/nong-mon/")
    assert [comment["text"] for comment in data["comments"]] == ["ไฟถนนซอย 5 ดับทุกคืน"]
    assert [reaction["kind"] for reaction in data["reactions_and_reports"]] == ["Agree"]
    assert data["reactions_and_reports"][0]["comment"] == malees.pk
    assert "มาลี" not in body and "malee" not in body and "opt-road" not in body


def test_download_never_contains_the_resident_id_hash(debate, somchai, client):
    ResidentVerification.objects.create(
        participant=somchai,
        municipality=Municipality.objects.get(),
        level=VerificationLevel.RESIDENT,
        resident_id_hash="a" * 40 + "feedc0ffee5eed",
    )

    response = _download(client, somchai)

    assert b"feedc0ffee5eed" not in response.content
    verified = json.loads(response.content)["participant"]["verified_in"]
    assert [entry["by_national_id"] for entry in verified] == [True]


def test_download_names_poll_options_on_site_entries_and_the_reasons_of_reports(
    debate, somchai, malee
):
    staff = get_user_model().objects.create_user("clerk", "clerk@example.com", "pw")
    cast_vote(somchai, debate, "w-poll", ["opt-park"], entered_by=staff, place="สำนักงานเทศบาล")
    reported = post_comment(malee, debate, "w-talk", "ขายของถูก")
    flag(somchai, reported.pk, "spam")

    data = my_data(somchai.user)

    vote = data["votes"][0]
    assert vote["choices"] == [{"key": "opt-park", "label": "สวนสาธารณะ"}]
    assert (vote["entered_on_site_by_staff"], vote["place"]) == (True, "สำนักงานเทศบาล")
    assert "clerk" not in json.dumps(data)
    report = data["reactions_and_reports"][0]
    assert (report["kind"], report["reason"]) == (
        "Reported to the moderators",
        "Spam or advertising",
    )
    assert "ขายของถูก" not in json.dumps(data, ensure_ascii=False)


def test_download_and_delete_ask_an_anonymous_visitor_to_sign_in(home, client):
    for url in ["/en/participate/account/my-data/", "/en/participate/account/delete/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/participate/account/sign-in/?next=")


def test_profile_and_privacy_pages_link_to_download_and_delete(home, somchai, client):
    client.force_login(somchai.user)
    for url in ["/en/participate/account/", "/en/participate/account/privacy/"]:
        html = client.get(url).content.decode()
        assert 'href="/en/participate/account/my-data/"' in html
        assert 'href="/en/participate/account/delete/"' in html


# -- The municipality's setting ---------------------------------------------------------


def test_the_policy_follows_the_site_setting_and_the_privacy_page_states_it(home, client):
    _choose(comments=REMOVE, votes=REMOVE)

    policy = personal_data_policy()
    html = client.get("/en/participate/account/privacy/").content.decode()

    assert (policy.comments_after_deletion.value, policy.votes_after_deletion.value) == (
        "remove",
        "remove",
    )
    assert "no longer counted in the results" in str(policy.votes_after_deletion)
    assert f"<dd>{policy.comments_after_deletion.label}</dd>" in html
    assert f"<dd>{policy.votes_after_deletion.label}</dd>" in html


def test_the_confirmation_page_says_what_happens_under_the_current_setting(
    debate, somchai, malee, client
):
    mine = post_comment(somchai, debate, "w-talk", "ของสมชาย")
    post_comment(malee, debate, "w-talk", "ตอบสมชาย", parent_id=mine.pk)
    cast_vote(somchai, debate, "w-agree", "agree")
    _choose(comments=REMOVE, votes=KEEP)
    client.force_login(somchai.user)

    html = client.get("/en/participate/account/delete/").content.decode()

    assert "Your comments (1):" in html
    assert "1 of them has replies from other people" in html
    assert "Your votes (1):" in html
    assert "kept in the results, counted anonymously" in html
    assert 'type="password"' in html


# -- Deleting an account ----------------------------------------------------------------


@pytest.fixture
def somchais_traces(debate, somchai, malee):
    """Somchai's comments (one alone, one with Malee's reply, one reply to Malee), his vote,
    and his reaction and report on Malee's comment; Malee's own comment and vote."""
    alone = post_comment(somchai, debate, "w-talk", "ไม่มีใครตอบ")
    answered = post_comment(somchai, debate, "w-talk", "มีคนตอบ")
    malees_reply = post_comment(malee, debate, "w-talk", "มาลีตอบ", parent_id=answered.pk)
    malees = post_comment(malee, debate, "w-talk", "ความเห็นของมาลี")
    his_reply = post_comment(somchai, debate, "w-talk", "สมชายตอบมาลี", parent_id=malees.pk)
    react(somchai, malees.pk, "dislike")
    flag(somchai, malees.pk, "off_topic")
    vote = cast_vote(somchai, debate, "w-agree", "agree")
    cast_vote(malee, debate, "w-agree", "disagree")
    return {
        "comments": [alone.pk, answered.pk, his_reply.pk],
        "alone": alone.pk,
        "answered": answered.pk,
        "his_reply": his_reply.pk,
        "malees": [malees_reply.pk, malees.pk],
        "vote": vote.pk,
    }


def _delete(client, participant, password="pw"):
    client.force_login(participant.user)
    return client.post("/th/participate/account/delete/", {"password": password})


def _outboxed(document_type):
    return set(
        OutboxEntry.objects.filter(document_type=document_type).values_list("object_id", flat=True)
    )


@pytest.mark.parametrize("comments_setting", [KEEP, REMOVE])
@pytest.mark.parametrize("votes_setting", [KEEP, REMOVE])
def test_deleting_an_account_does_what_the_setting_says(
    debate,
    somchai,
    malee,
    somchais_traces,
    client,
    search_configured,
    comments_setting,
    votes_setting,
):
    _choose(comments=comments_setting, votes=votes_setting)
    user_pk = somchai.user.pk
    OutboxEntry.objects.all().delete()  # only what the deletion queues

    response = _delete(client, somchai)

    assert response.status_code == 302 and response["Location"] == "/th/"
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not Participant.objects.filter(pk=somchai.pk).exists()
    assert Participant.objects.filter(pk=malee.pk).exists()
    assert not CommentFlag.objects.filter(user_id=user_pk).exists()
    assert not CommentFlagReason.objects.exists()
    # Malee's comments are untouched, her reply included.
    assert Comment.objects.filter(pk__in=somchais_traces["malees"], participant=malee).count() == 2

    mine = Comment.objects.filter(pk__in=somchais_traces["comments"])
    if comments_setting == KEEP:
        assert mine.count() == 3
        assert not mine.exclude(participant=None, user=None, user_name="").exists()
        assert not mine.exclude(state=CommentState.PUBLISHED).exists()
    else:
        # Only the comment Malee replied to stays, without its text.
        assert list(mine.values_list("pk", flat=True)) == [somchais_traces["answered"]]
        kept = mine.get()
        assert (kept.comment, kept.state, kept.participant, kept.user) == (
            "",
            CommentState.HIDDEN,
            None,
            None,
        )
    assert _outboxed("comment") >= {str(pk) for pk in somchais_traces["comments"]}

    votes = Vote.objects.filter(consultation=debate.translation_key, widget="w-agree")
    if votes_setting == KEEP:
        assert Vote.objects.get(pk=somchais_traces["vote"]).participant is None
        assert votes.count() == 2
    else:
        assert not Vote.objects.filter(pk=somchais_traces["vote"]).exists()
        assert list(votes.values_list("participant", flat=True)) == [malee.pk]
    assert _outboxed("vote") == {str(somchais_traces["vote"])}


def test_a_kept_vote_is_still_counted_after_the_account_is_deleted(debate, somchai, malee, client):
    _choose(votes=KEEP)
    cast_vote(somchai, debate, "w-agree", "agree")
    cast_vote(malee, debate, "w-agree", "disagree")

    _delete(client, somchai)

    counted = tally(debate.translation_key, "w-agree")
    assert counted["total"] == 2
    assert counted["choices"] == {"agree": 1, "disagree": 1}
    assert counted["by_group"]["resident"] == {"agree": 1, "disagree": 1}


def test_a_wrong_password_deletes_nothing_and_says_so(debate, somchai, somchais_traces, client):
    _choose(comments=REMOVE, votes=REMOVE)

    response = _delete(client, somchai, password="not-my-password")

    assert response.status_code == 200
    assert thai("This is not the password of your account. Nothing was deleted.") in (
        response.content.decode()
    )
    assert Participant.objects.filter(pk=somchai.pk, user__isnull=False).exists()
    assert Comment.objects.filter(participant=somchai).count() == 3
    assert Vote.objects.filter(participant=somchai).count() == 1
    assert CommentFlag.objects.filter(user=somchai.user).count() == 2


def test_after_deleting_the_person_is_signed_out_and_told_on_the_home_page(debate, somchai, client):
    response = _delete(client, somchai)
    home = client.get(response["Location"])

    assert thai("Your account is deleted. Thank you for taking part.") in home.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_removed_comment_with_replies_reads_deleted_by_its_author_and_keeps_the_replies(
    debate, somchai, malee, somchais_traces, client
):
    _choose(comments=REMOVE)
    _delete(client, somchai)

    html = client.get(debate.url).content.decode()

    assert thai("Deleted by its author.") in html
    assert "มาลีตอบ" in html and "ความเห็นของมาลี" in html
    assert "มีคนตอบ" not in html and "ไม่มีใครตอบ" not in html and "สมชายตอบมาลี" not in html


def test_a_staff_account_is_not_deleted_from_the_public_site(home, client):
    staff = get_user_model().objects.create_user("clerk", "clerk@example.com", "pw", is_staff=True)
    client.force_login(staff)

    response = client.post("/en/participate/account/delete/", {"password": "pw"})

    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def thai(message, plural=None, count=None):
    """`message` as a Thai reader sees it (pages under /th/ and the Thai admin)."""
    from django.utils import translation

    with translation.override("th"):
        return (
            translation.ngettext(message, plural, count) if plural else translation.gettext(message)
        )
