import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.models import Vote
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.tally import tally
from consultation_blocks.widgets import rules
from consultation_blocks.widgets.blocks import AgreeDisagreeBlock
from consultation_blocks.widgets.votes import VoteRefused, cast_vote, withdraw_vote
from pb_pages.factories import make_consultation, make_round, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate(home):
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(
        section,
        slug="nong-mon",
        body=widget_body(
            widget("agree_disagree", "w-agree", allow_neutral=True),
            widget("support", "w-support", question="สนับสนุนโครงการนี้", goal=100),
        ),
    )
    page.save_revision().publish()
    return page


def test_participant_votes_and_may_change_the_vote_while_open(debate):
    somchai = make_participant()
    cast_vote(somchai, debate, "w-agree", "agree")
    cast_vote(somchai, debate, "w-agree", "disagree")

    assert Vote.objects.count() == 1
    assert Vote.objects.get().choices == ["disagree"]
    assert tally(debate.translation_key, "w-agree")["choices"] == {"disagree": 1}


def test_one_vote_per_participant_per_target_is_a_database_rule(debate):
    from django.db import IntegrityError, transaction

    somchai = make_participant()
    cast_vote(somchai, debate, "w-agree", "agree")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            consultation=debate.translation_key,
            widget="w-agree",
            participant=somchai,
            choices=["agree"],
            verification_level=1,
        )


def test_vote_before_the_widget_opens_is_refused_with_the_thai_date(home):
    section = make_section(home, "vote", slug="votes")
    opens = timezone.now() + timedelta(days=3)
    page = make_consultation(
        section, body=widget_body(widget("agree_disagree", "w1", opens_at=opens.isoformat()))
    )
    with pytest.raises(VoteRefused) as refused:
        cast_vote(make_participant(), page, "w1", "agree")
    assert str(opens.year + 543) in refused.value.decision.reason
    assert Vote.objects.count() == 0


def test_vote_after_the_page_closes_is_refused(home):
    section = make_section(home, "vote", slug="votes")
    page = make_consultation(
        section,
        opens_in_days=-10,
        closes_in_days=-1,
        body=widget_body(widget("agree_disagree", "w1")),
    )
    with pytest.raises(VoteRefused, match="ปิดรับแล้วเมื่อวันที่"):
        cast_vote(make_participant(), page, "w1", "agree")


def test_unverified_participant_is_told_how_to_become_eligible(debate):
    newcomer = make_participant(verification_level=VerificationLevel.UNVERIFIED)
    decision = rules.may_take_part(
        newcomer, AgreeDisagreeBlock(), {"minimum_verification": "1"}, debate
    )
    assert not decision.allowed
    assert decision.remedy
    with pytest.raises(VoteRefused):
        cast_vote(newcomer, debate, "w-agree", "agree")


def test_widget_for_residents_refuses_interested_people_and_says_who_may(home):
    section = make_section(home, "budget", slug="budget")

    page = make_round(
        section,
        phases=[("supporting_projects", -1, 30)],
        body=widget_body(widget("support", "w1", voter_groups=["resident"])),
    )
    visitor = make_participant("john", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE)
    with pytest.raises(VoteRefused) as refused:
        cast_vote(visitor, page, "w1", "support")
    assert refused.value.decision.reason == "เปิดสำหรับ: ผู้อยู่อาศัยหรือผู้ได้รับผลกระทบโดยตรง"
    cast_vote(make_participant("somchai"), page, "w1", "support")
    assert Vote.objects.count() == 1


def test_unknown_choice_is_refused_in_thai_and_nothing_is_stored(debate):
    with pytest.raises(VoteRefused, match="ตัวเลือกนี้ไม่มีให้เลือกที่นี่"):
        cast_vote(make_participant(), debate, "w-support", "agree")
    assert Vote.objects.count() == 0


def test_results_split_by_voter_group_and_area(debate):
    cast_vote(make_participant("a"), debate, "w-agree", "agree")
    cast_vote(make_participant("b"), debate, "w-agree", "agree")
    outsider = make_participant("c", voter_group=VoterGroup.CONCERNED, area=Residence.OUTSIDE)
    cast_vote(outsider, debate, "w-agree", "disagree")

    result = tally(debate.translation_key, "w-agree")

    assert result["total"] == 3
    assert result["by_group"] == {"resident": {"agree": 2}, "concerned": {"disagree": 1}}
    assert result["by_area"] == {"inside": {"agree": 2}, "outside": {"disagree": 1}}


def test_a_vote_keeps_the_group_the_participant_had_when_voting(debate):
    somchai = make_participant()
    cast_vote(somchai, debate, "w-agree", "agree")
    somchai.voter_group = VoterGroup.INTERESTED
    somchai.save()
    assert Vote.objects.get().voter_group == "resident"


def test_votes_on_the_thai_and_english_pages_count_together(debate):
    english = debate.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    assert [child.id for child in english.body] == [child.id for child in debate.body]

    cast_vote(make_participant("a"), debate, "w-agree", "agree")
    cast_vote(make_participant("b"), english, "w-agree", "agree")

    assert tally(debate.translation_key, "w-agree")["choices"] == {"agree": 2}


def test_editing_the_page_keeps_its_widgets_votes(debate, client):
    somchai = make_participant()
    cast_vote(somchai, debate, "w-agree", "agree")
    raw = [{"type": "paragraph", "value": "<p>เพิ่มเติม</p>", "id": "p-new"}]
    raw += json.loads(widget_body(widget("agree_disagree", "w-agree", allow_neutral=True)))
    debate.body = json.dumps(raw)
    debate.save_revision().publish()

    client.force_login(somchai.user)
    html = client.get(debate.url).content.decode()

    assert 'value="agree" class="button button--primary" aria-pressed="true"' in html
    assert Vote.objects.count() == 1


def test_form_without_javascript_votes_and_returns_with_a_message(debate, client):
    somchai = make_participant()
    client.force_login(somchai.user)

    response = client.post(
        "/th/participate/vote/",
        {"page": debate.pk, "widget": "w-support", "choice": "support", "next": debate.url},
        follow=True,
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == debate.url
    assert Vote.objects.get().choices == ["support"]
    assert "บันทึกคะแนนเสียงของท่านแล้ว" in html


def test_json_endpoint_returns_counts_and_refusals_in_the_visitors_language(debate, client):
    response = client.post(
        "/en/participate/vote/",
        {"page": debate.pk, "widget": "w-agree", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Sign in to take part."

    client.force_login(make_participant().user)
    response = client.post(
        "/en/participate/vote/",
        {"page": debate.pk, "widget": "w-agree", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {
        "ok": True,
        "message": "Your vote was saved. You can change it while voting is open.",
        "choices": {"agree": 1},
    }


def test_anonymous_visitor_sees_why_and_how_to_take_part(debate, client):
    html = client.get(debate.url).content.decode()
    assert "data-vote-form" not in html
    assert "/th/participate/account/sign-in/?next=/th/debates/nong-mon/" in html


def test_unknown_widget_is_a_404(debate, client):
    client.force_login(make_participant().user)
    response = client.post(
        "/th/participate/vote/", {"page": debate.pk, "widget": "nope", "choice": "agree"}
    )
    assert response.status_code == 404


@pytest.mark.postgres
# serialized_rollback: the flush after a transactional test removes the migrated data
# (Wagtail's root page, the groups) that later tests need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_parallel_requests_store_exactly_one_vote(home):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")
    section = make_section(home, "debate", slug="debates")
    page = make_consultation(section, body=widget_body(widget("agree_disagree", "w1")))
    page.save_revision().publish()
    somchai = make_participant()
    barrier = threading.Barrier(50)
    statuses = []

    def vote_once():
        client = Client()
        client.force_login(somchai.user)
        barrier.wait()
        try:
            response = client.post(
                "/th/participate/vote/", {"page": page.pk, "widget": "w1", "choice": "agree"}
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote_once) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 50
    assert Vote.objects.count() == 1


def test_a_participant_voting_too_fast_is_told_to_wait(debate, client, settings):
    settings.BOKRAO_PARTICIPATION = {"RATE_LIMITS": {"vote": (2, 60)}}
    client.force_login(make_participant().user)
    form = {"page": debate.pk, "widget": "w-agree", "choice": "agree"}
    for _attempt in range(2):
        assert client.post("/th/participate/vote/", form, HTTP_ACCEPT="application/json").json()[
            "ok"
        ]

    response = client.post("/th/participate/vote/", form, HTTP_ACCEPT="application/json")

    assert response.status_code == 429
    assert "ครั้งมากเกินไป" in response.json()["message"]


def test_a_vote_on_an_item_must_name_a_part_of_the_page(debate):
    raw = [{"type": "paragraph", "value": "<p>ข้อ 1</p>", "id": "para-1"}]
    raw += json.loads(widget_body(widget("agree_disagree", "w-agree")))
    debate.body = json.dumps(raw)
    debate.save_revision().publish()
    somchai = make_participant()

    cast_vote(somchai, debate, "w-agree", "agree", anchor="para-1")
    with pytest.raises(VoteRefused):
        cast_vote(somchai, debate, "w-agree", "agree", anchor="made-up")

    assert list(Vote.objects.values_list("anchor", flat=True)) == ["para-1"]


def test_a_participant_withdraws_support_and_the_count_goes_down(debate, client):
    somchai = make_participant()
    client.force_login(somchai.user)
    cast_vote(somchai, debate, "w-support", "support")
    cast_vote(make_participant("b"), debate, "w-support", "support")
    html = client.get(debate.url).content.decode()
    assert 'name="withdraw"' in html

    response = client.post(
        "/en/participate/vote/",
        {"page": debate.pk, "widget": "w-support", "withdraw": "1"},
        HTTP_ACCEPT="application/json",
    )

    assert response.json()["choices"] == {"support": 1}
    assert not Vote.objects.filter(participant=somchai).exists()
    assert withdraw_vote(somchai, debate, "w-support") is False  # nothing left to take back


def test_withdrawing_after_closing_is_refused_and_keeps_the_vote(debate):
    somchai = make_participant()
    cast_vote(somchai, debate, "w-agree", "agree")
    with pytest.raises(VoteRefused):
        withdraw_vote(somchai, debate, "w-agree", at=debate.closes_at + timedelta(days=1))
    assert Vote.objects.filter(participant=somchai).exists()


def test_a_withdrawn_vote_leaves_the_index_through_the_outbox(debate, settings):
    from search.models import OutboxEntry

    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}
    somchai = make_participant()
    vote = cast_vote(somchai, debate, "w-agree", "agree")
    withdraw_vote(somchai, debate, "w-agree")
    assert list(OutboxEntry.objects.values_list("document_type", "object_id")) == [
        ("vote", str(vote.pk)),
        ("vote", str(vote.pk)),
    ]
