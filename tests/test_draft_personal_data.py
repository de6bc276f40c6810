"""A person's download describes their comments and answers on a draft's paragraphs by
the paragraph (its label), with the version they read and the words they quoted."""

import json

import pytest
from django.utils import translation

from consultation_blocks.comments.services import post_comment
from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts import widgets
from consultation_blocks.factories import make_participant
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_draft, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_download_names_the_paragraph_version_and_quote(home, client):
    text = [
        f.section(f.paragraph("ค่าธรรมเนียมเดือนละสี่สิบบาท", key="fee")),
        f.section(f.paragraph("ผู้ใดฝ่าฝืนต้องระวางโทษปรับ", key="penalty")),
    ]
    draft = make_draft(make_section(home, "legislation", slug="drafts"), text, title="ร่างขยะ")
    somchai = make_participant("somchai")
    post_comment(
        somchai, draft, widgets.comments_widget("fee"), "แพงไป", anchor="fee", quote="สี่สิบบาท"
    )
    cast_vote(somchai, draft, widgets.votes_widget("penalty"), ["disagree"], anchor="penalty")

    client.force_login(somchai.user)
    data = json.loads(client.get("/en/participate/account/my-data/").content)

    comment = next(c for c in data["comments"] if c["about"] == "fee")
    assert comment["question"] == "ร่างขยะ: ข้อ ๑"
    assert (comment["version"], comment["quoted"], comment["text"]) == (1, "สี่สิบบาท", "แพงไป")
    vote = next(v for v in data["votes"] if v["about"] == "penalty")
    assert vote["question"] == "ร่างขยะ: ข้อ ๒" and vote["version"] == 1
    assert [choice["key"] for choice in vote["choices"]] == ["disagree"]
