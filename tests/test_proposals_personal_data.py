"""PDPA rights over proposals: the download holds a participant's proposals, the ones
they follow and their supports; deleting the account keeps their proposals without them
or deletes them with their files, as the municipality's rules for comments say."""

import json

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import make_participant
from consultation_blocks.models import (
    Municipality,
    MunicipalPersonalDataRules,
    Participant,
    PersonalDataSettings,
)
from consultation_blocks.privacy.deletion import delete_account, deletion_plan
from consultation_blocks.privacy.policy import personal_data_policy
from consultation_blocks.proposals import services
from consultation_blocks.proposals.choices import ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Follower, Proposal, StatusChange
from pb_pages.factories import make_call, make_section
from search.models import OutboxEntry

pytestmark = pytest.mark.django_db

KEEP, REMOVE = PersonalDataSettings.AfterDeletion.KEEP, PersonalDataSettings.AfterDeletion.REMOVE
S = ProposalState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def search_configured(settings):
    # enqueue() writes outbox rows only when an engine is configured; none needs to run.
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}


@pytest.fixture
def call(home):
    section = make_section(home, "proposals", slug="proposals")
    section.save_revision().publish()
    page = make_call(section, slug="ideas", title="ข้อเสนอของชาวบ้าน")
    page.save_revision().publish()
    return page


@pytest.fixture
def somchai(home):
    return make_participant("somchai")


@pytest.fixture
def malee(home):
    return make_participant("malee")


def _with_files(proposal):
    proposal.image.save("lamp.jpg", ContentFile(b"\xff\xd8 a picture"), save=False)
    proposal.document.save("plan.pdf", ContentFile(b"%PDF-1.4 a plan"), save=False)
    proposal.save()
    return proposal


@pytest.fixture
def somchais(call, somchai, malee):
    """Somchai's published proposal with a picture and a plan, his draft, and Malee's
    proposal (public, which he follows and supports) and her hidden one (which he
    follows)."""
    lights = _with_files(make_proposal(call, somchai, title="ขอไฟส่องสว่างซอยวัด", category="roads"))
    Follower.objects.create(proposal=lights, participant=somchai)
    draft = make_proposal(call, somchai, title="ร่างของสมชาย", state=S.DRAFT)
    malees = make_proposal(call, malee, title="ขอสวนสาธารณะริมคลอง")
    services.support(somchai, malees, call)  # he follows what he supports
    hidden = make_proposal(call, malee, title="ข้อเสนอที่ถูกซ่อนของมาลี", state=S.HIDDEN)
    Follower.objects.create(proposal=hidden, participant=somchai)
    Follower.objects.create(proposal=lights, participant=malee)
    return {"lights": lights, "draft": draft, "malees": malees, "hidden": hidden}


def _download(client, participant):
    client.force_login(participant.user)
    response = client.get("/en/participate/account/my-data/")
    assert response.status_code == 200
    return json.loads(response.content)


# -- Download -------------------------------------------------------------------------


def test_download_holds_their_proposals_with_status_dates_address_and_file_names(
    call, somchai, somchais, client
):
    data = _download(client, somchai)

    lights, draft = data["proposals"]
    assert lights["title"] == "ขอไฟส่องสว่างซอยวัด"
    assert lights["summary"] == "ถนนหน้าโรงเรียนเป็นหลุมเป็นบ่อ"
    assert lights["description"] == "ขอให้เทศบาลซ่อมถนนหน้าโรงเรียนก่อนเปิดเทอม"
    assert lights["category"] == "ถนนและทางเท้า"  # the call's label, not its list item id
    assert lights["status"] == "Published"
    assert [change["status"] for change in lights["history"]] == ["Published"]
    assert lights["page"]["call"] == "ข้อเสนอของชาวบ้าน"
    assert lights["page"]["url"].endswith(f"/proposals/ideas/p/{somchais['lights'].pk}/")
    assert lights["image"].startswith("lamp") and lights["image"].endswith(".jpg")
    assert lights["document"].startswith("plan") and lights["document"].endswith(".pdf")
    assert "/" not in lights["image"]  # the file's name, not where storage keeps it
    assert lights["published_at"] and lights["created_at"]
    assert lights["counted_as"]["voter_group"]
    assert (draft["title"], draft["status"], draft["published_at"]) == (
        "ร่างของสมชาย",
        "Draft",
        None,
    )


def test_download_holds_what_they_follow_and_only_public_titles_of_others(
    somchai, somchais, client
):
    follows = {
        follow["proposal"]: follow for follow in _download(client, somchai)["followed_proposals"]
    }

    assert set(follows) == {somchais[name].pk for name in ("lights", "malees", "hidden")}
    assert follows[somchais["malees"].pk]["title"] == "ขอสวนสาธารณะริมคลอง"
    assert follows[somchais["lights"].pk]["title"] == "ขอไฟส่องสว่างซอยวัด"
    # Malee's hidden proposal is hers: he learns only that he followed one.
    assert follows[somchais["hidden"].pk]["title"] is None
    assert follows[somchais["hidden"].pk]["since"]


def test_download_describes_a_support_and_a_comment_by_the_proposal_s_title(
    call, somchai, somchais, client
):
    post_comment(somchai, call, somchais["malees"].widget_id, "เห็นด้วยครับ")

    data = _download(client, somchai)
    body = json.dumps(data, ensure_ascii=False)

    (support,) = data["votes"]
    assert support["question"] == "ขอสวนสาธารณะริมคลอง"
    assert support["page"]["title"] == "ข้อเสนอของชาวบ้าน"
    assert support["choices"] == [{"key": "support", "label": "Support"}]
    (comment,) = data["comments"]
    assert (comment["question"], comment["text"]) == ("ขอสวนสาธารณะริมคลอง", "เห็นด้วยครับ")
    # Nothing else of Malee's: not her hidden proposal's title, not her name.
    assert "ข้อเสนอที่ถูกซ่อนของมาลี" not in body and "malee" not in body


# -- Deleting an account ----------------------------------------------------------------


def _choose(comments):
    chosen = PersonalDataSettings.load()
    chosen.comments_after_deletion = comments
    chosen.save()


def _outboxed():
    return set(
        OutboxEntry.objects.filter(document_type="proposal").values_list("object_id", flat=True)
    )


def test_the_plan_counts_their_proposals(somchai, somchais):
    plan = deletion_plan(somchai.user, personal_data_policy())

    assert plan["proposals"] == 2 and plan["followed_proposals"] == 3


def test_kept_proposals_stay_without_their_author(
    somchai, malee, somchais, search_configured, django_capture_on_commit_callbacks
):
    _choose(KEEP)
    lights = somchais["lights"]
    storage = lights.image.storage
    OutboxEntry.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(somchai.user, personal_data_policy())

    lights.refresh_from_db()
    assert not Participant.objects.filter(pk=somchai.pk).exists()
    assert (lights.participant, lights.state, lights.title) == (None, S.PUBLISHED, lights.title)
    assert storage.exists(lights.image.name) and storage.exists(lights.document.name)
    assert StatusChange.objects.filter(proposal=lights).exists()
    # His follows go; Malee still follows his proposal, and hers is untouched.
    assert list(Follower.objects.filter(proposal=lights).values_list("participant", flat=True)) == [
        malee.pk
    ]
    assert Proposal.objects.get(pk=somchais["malees"].pk).participant == malee
    # A draft was never given to anyone: it goes whatever the rules keep.
    assert not Proposal.objects.filter(pk=somchais["draft"].pk).exists()
    assert _outboxed() == {str(lights.pk), str(somchais["draft"].pk)}


def test_deleted_proposals_go_with_their_files(
    somchai, malee, somchais, search_configured, django_capture_on_commit_callbacks
):
    _choose(REMOVE)
    lights = somchais["lights"]
    storage, files = lights.image.storage, [lights.image.name, lights.document.name]
    assert all(storage.exists(name) for name in files)
    OutboxEntry.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(somchai.user, personal_data_policy())

    assert not Proposal.objects.filter(pk__in=[lights.pk, somchais["draft"].pk]).exists()
    assert not StatusChange.objects.filter(proposal_id=lights.pk).exists()
    assert not any(storage.exists(name) for name in files)
    assert Proposal.objects.get(pk=somchais["malees"].pk).participant == malee
    assert _outboxed() == {str(lights.pk), str(somchais["draft"].pk)}  # they leave the index


def test_what_others_built_on_is_kept_without_its_author_whatever_the_rule(
    somchai, malee, somchais, call, admin_user, django_capture_on_commit_callbacks
):
    _choose(REMOVE)
    lights = somchais["lights"]
    post_comment(malee, call, lights.widget_id, "เห็นด้วย ซอยนี้มืดจริง")
    market = make_proposal(call, somchai, title="ไฟถนนหน้าตลาด")
    duplicate = make_proposal(call, malee, title="ขอไฟหน้าตลาดสด")
    services.merge(admin_user, duplicate, market)
    alone = make_proposal(call, somchai, title="ข้อเสนอที่ไม่มีใครตอบ")
    services.support(malee, alone, call)

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(somchai.user, personal_data_policy())

    # Others commented on one and merged into another: both stay, without him.
    for kept in (lights, market):
        kept.refresh_from_db()
        assert kept.participant is None
    duplicate.refresh_from_db()
    assert duplicate.merged_into == market  # the duplicate does not come back
    # The one nobody built on goes, and the support it had with it.
    assert not Proposal.objects.filter(pk=alone.pk).exists()
    assert not services.supports_of(alone).exists()


def test_a_municipality_s_own_rules_decide_for_its_proposals(
    somchai, somchais, django_capture_on_commit_callbacks
):
    _choose(KEEP)
    MunicipalPersonalDataRules.objects.create(
        municipality=Municipality.objects.get(pk=somchais["lights"].municipality_id),
        comments_after_deletion=REMOVE,
        votes_after_deletion=KEEP,
    )

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(somchai.user, personal_data_policy())

    assert not Proposal.objects.filter(pk=somchais["lights"].pk).exists()


def test_the_confirmation_page_says_what_becomes_of_their_proposals(somchai, somchais, client):
    _choose(REMOVE)
    client.force_login(somchai.user)

    html = client.get("/en/participate/account/delete/").content.decode()
    _choose(KEEP)
    thai = client.get("/th/participate/account/delete/").content.decode()

    assert "Your proposals (2):" in html and "with their pictures and documents" in html
    assert "ข้อเสนอของท่าน (2 รายการ):" in thai and "ร่างที่ท่านยังไม่ได้ส่งจะถูกลบ" in thai
