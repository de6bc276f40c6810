"""The machinery of the fuzz test: a small site to attack, Hypothesis strategies that make
malformed requests to the endpoints of tests/fuzz_endpoints.py, and the checks made
around each request. Used by tests/test_fuzz.py and bench/fuzz.py.

Each kind of parameter has the values a browser sends (so requests reach the services)
and the values an attacker or a broken client does: wrong types, huge strings, NUL and
other control characters, digits that are not ASCII, emoji, lone surrogates (sent as the
bytes a client would put on the wire), repeated and missing parameters, odd `next`
values, odd methods, JSON instead of a form, odd character sets.
"""

import json
import secrets
import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.db import connection
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_comments.models import CommentFlag
from hypothesis import strategies as st

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.models import (
    Ballot,
    BallotLine,
    LineRemoval,
    Project,
    ProjectFollower,
    RoundVoter,
)
from consultation_blocks.comments.choices import FlagReason
from consultation_blocks.comments.services import post_comment
from consultation_blocks.drafts import factories as draft_text
from consultation_blocks.factories import (
    comment_widget,
    make_participant,
    poll_widget,
    widget,
)
from consultation_blocks.models import (
    Comment,
    CommentFlagReason,
    MatterRelation,
    ModerationAction,
    Participant,
    ResidentRecord,
    Vote,
)
from consultation_blocks.participants.emails import CONFIRMATION_SALT
from consultation_blocks.proposals.choices import ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Follower, Proposal, StatusChange
from pb_pages.factories import (
    make_call,
    make_consultation,
    make_draft,
    make_round,
    make_section,
)
from search.models import OutboxEntry

from .fuzz_endpoints import CONTRIBUTIONS, COOKIE_KINDS, ENDPOINTS

# Rows a refused request must not add, change the number of, or remove.
COUNTED = {
    "user": get_user_model(),
    "participant": Participant,
    "vote": Vote,
    "comment": Comment,
    "comment_flag": CommentFlag,
    "flag_reason": CommentFlagReason,
    "moderation_action": ModerationAction,
    "resident_record": ResidentRecord,
    "matter_relation": MatterRelation,
    "proposal": Proposal,
    "proposal_follower": Follower,
    "status_change": StatusChange,
    "outbox": OutboxEntry,
    "project": Project,
    "project_follower": ProjectFollower,
    "ballot": Ballot,
    "ballot_line": BallotLine,
    "round_voter": RoundVoter,
    "line_removal": LineRemoval,
}

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
ODD_CHARSETS = ["utf-16", "utf-32", "latin-1", "bogus", "rot13", "base64", "utf8", "UTF-8", ""]


# The site under attack


@dataclass
class World:
    """One consultation with every kind of widget, a citizen and someone else's comments."""

    consultation: object
    citizen: object
    page_ids: list
    comment_ids: list
    consultation_path: str
    confirm_token: str
    uidb64: str
    call_path: str = ""
    proposal_ids: list = None
    draft_path: str = ""
    draft_id: int = 0
    paragraph_keys: list = None
    round_paths: list = None  # a round balloting now, one supporting now
    round_ids: list = None  # their page ids
    project_ids: list = None


# A round's steps with supporting (and so no ballot) running now.
ROUND_SUPPORTING_NOW = [
    ("submitting_projects", -30, -20),
    ("reviewing_projects", -20, -1),
    ("supporting_projects", -1, 10),
    ("ballot", 10, 20),
    ("results", 22, 40),
]


def build_world(home):
    section = make_section(home, "legislation", slug="regulations")
    body = [
        {"type": "paragraph", "value": "<p>ข้อ 1 ไฟส่องสว่าง</p>", "id": "para-1"},
        comment_widget("w-talk"),
        widget("agree_disagree", "w-agree", allow_neutral=True),
        poll_widget("w-poll", {"a": "ก", "b": "ข"}, allow_other=True, multiple=True),
        widget("support", "w-support", question="สนับสนุน", goal=10),
    ]
    page = make_consultation(section, slug="street-lights", body=json.dumps(body))
    page.save_revision().publish()
    citizen = make_participant("somchai")
    # Never a password the strategies send: the fuzz must not delete its own citizen.
    citizen.user.set_password(secrets.token_urlsafe(24))
    citizen.user.save()
    other = make_participant("other")
    theirs = post_comment(other, page, "w-talk", "ถนนมืดมาก")
    reply = post_comment(other, page, "w-talk", "เห็นด้วย", parent_id=theirs.pk)
    own = post_comment(citizen, page, "w-talk", "ของฉันเอง")
    # A call for proposals: someone else's published proposal, and a draft of theirs.
    call = make_call(make_section(home, "proposals", slug="ideas"), slug="street-ideas")
    published = make_proposal(call, other, title="ไฟส่องสว่างซอยวัด", category="roads")
    unfinished = make_proposal(call, other, title="ร่างของคนอื่น", state=ProposalState.DRAFT)
    # A draft regulation in its hearing, with a comment on a paragraph and a quote.
    draft = make_draft(
        section,
        [
            draft_text.section(draft_text.paragraph("ค่าธรรมเนียมเดือนละสี่สิบบาท", key="fee")),
            draft_text.section(draft_text.paragraph("ผู้ใดฝ่าฝืนต้องระวางโทษ", key="penalty")),
        ],
        slug="waste-ordinance",
    )
    post_comment(other, draft, "para-fee", "แพงไป", anchor="fee", quote="สี่สิบบาท")
    # Two budget rounds: one balloting now (parts north, south and east), one supporting.
    budget_section = make_section(home, "budget", slug="budget")
    balloting = make_round(budget_section, slug="round-ballot", ballot_verification=1)
    supporting = make_round(
        budget_section,
        slug="round-support",
        phases=[(kind, start, end) for kind, start, end in ROUND_SUPPORTING_NOW],
    )
    projects = [
        budget.make_project(balloting, "north", "ไฟส่องสว่างซอยวัด", 600, author=other),
        budget.make_project(balloting, "north", "ทางเท้าหน้าโรงเรียน", 500),
        budget.make_project(balloting, "south", "ลานกีฬาชุมชน", 1500),
        budget.make_project(supporting, "north", "สวนผักชุมชน", 300, shortlisted=False),
    ]
    return World(
        consultation=page,
        citizen=citizen,
        page_ids=[page.pk, home.pk, section.pk],
        comment_ids=[theirs.pk, reply.pk, own.pk],
        consultation_path=page.url.removeprefix("/th/"),
        confirm_token=signing.dumps({"user": citizen.user.pk, "next": ""}, salt=CONFIRMATION_SALT),
        uidb64=urlsafe_base64_encode(force_bytes(citizen.user.pk)),
        call_path=call.url.removeprefix("/th/"),
        proposal_ids=[published.pk, unfinished.pk],
        draft_path=draft.url.removeprefix("/th/"),
        draft_id=draft.pk,
        round_paths=[page.url.removeprefix("/th/") for page in (balloting, supporting)],
        round_ids=[balloting.pk, supporting.pk],
        project_ids=[project.pk for project in projects],
        paragraph_keys=["fee", "penalty"],
    )


# Values


# Long enough to pass every length limit; bodies past Django's own limits are its tests'.
HUGE = st.sampled_from(["9" * 40, "x" * 5000, "ก" * 4000, "\x00" * 1000, "🗳" * 600])
NOT_ASCII_DIGITS = st.sampled_from(["²", "٣", "๓", "١٢", "߁", "³⁴", "１２", "𝟘", "Ⅻ"])
NUMBERISH = st.sampled_from(
    ["-1", "0", "1.5", "1e3", "0x10", " 1", "1 ", "+1", str(2**63), str(2**64), "NaN", "∞"]
)
CONTROL = st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=8)
SURROGATES = st.sampled_from(["\ud800", "a\udfffb", "\udc80\udc80", "ก\ud83d"])
TRICKS = st.sampled_from(
    [
        "",
        " ",
        "' OR 1=1 --",
        '"',
        '"a',
        "<script>alert(1)</script>",
        "%00",
        "../../etc/passwd",
        "{{ 7|add:7 }}",
        "${jndi:ldap://x}",
        "NEAR(a b)",
        "a AND (b",
        "*",
        "\\",
        "null",
        "[]",
        "{}",
        "🇹🇭👍🏽",
        "\u200b\u202e",
        "\ufeff",
    ]
)
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=[]), max_size=40)

MALFORMED = st.one_of(HUGE, NOT_ASCII_DIGITS, NUMBERISH, CONTROL, SURROGATES, TRICKS, ANY_TEXT)

ODD_NEXT = st.sampled_from(
    [
        "thanks",
        "bokrao_profile",
        "//evil.example",
        "///evil.example",
        "https://evil.example/",
        "http:/evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "/\\evil.example",
        "\\\\evil.example",
        " /th/",
        "/th/\r\nSet-Cookie: x=1",
        "/th/%0d%0aX: 1",
        "/" + "a" * 5000,
        "http://testserver/th/",
        "./thanks",
        "../",
        "#x",
        "?x=1",
    ]
)


def valid_values(world):
    """Per kind, what a browser would send from the site's own forms."""
    page = world.consultation
    return {
        # Mostly the consultation: the pages without widgets only refuse.
        "page_id": st.sampled_from(
            [str(pk) for pk in [page.pk, page.pk, *world.page_ids, world.draft_id]]
        ),
        "comment_id": st.sampled_from([str(pk) for pk in world.comment_ids]),
        "widget": st.sampled_from(
            ["w-talk", "w-agree", "w-poll", "w-support", "w-none", "para-fee", "agree-fee", "para-"]
        ),
        "anchor": st.sampled_from(["", "para-1", "w-talk", "gone", "fee", "penalty"]),
        "quote": st.sampled_from(["", "สี่สิบบาท", "ห้าสิบบาท", " สี่สิบ  บาท "]),
        "paragraph": st.sampled_from(["fee", "penalty", "", "gone"]),
        "version": st.sampled_from(["1", "2", "0", "x", ""]),
        "draft_order": st.sampled_from(["newest", "oldest", "supported", "x"]),
        "choice": st.sampled_from(["agree", "disagree", "neutral", "a", "b", "other", "support"]),
        "text": st.one_of(
            st.sampled_from(["ไฟถนนดับทั้งซอย", "hello", "ดีมาก https://example.com"]),
            st.text(max_size=30),
        ),
        "flag": st.sampled_from(["1", "on", "true", ""]),
        "next": st.sampled_from(["/th/", page.url, f"{page.url}#widget-w-talk", "/en/"]),
        "reaction": st.sampled_from(["like", "dislike"]),
        "flag_reason": st.sampled_from(FlagReason.values),
        "voter_group": st.sampled_from(["resident", "interested", "concerned"]),
        "home": st.sampled_from(["", "elsewhere", "m1", "m2", "a1", "m99999999", "mx", "a"]),
        "profile_action": st.sampled_from(["resend", "save", ""]),
        "national_id": st.sampled_from(["1101700203451", "1-1017-00203-45-1", "๑๑๐๑๗๐๐๒๐๓๔๕๑"]),
        "birth_date": st.sampled_from(["15/03/2528", "1985-03-15", "31/02/2528", "๑๕/๐๓/๒๕๒๘"]),
        "email": st.one_of(
            st.sampled_from(["somchai@example.com", "other@example.com"]),
            st.uuids().map(lambda u: f"new-{u.hex[:12]}@example.com"),
        ),
        "password": st.sampled_from(["correct horse battery 2567", "pw", "12345678"]),
        "consent_choice": st.sampled_from(["all", "essential", "custom"]),
        "consent_category": st.sampled_from(["performance", "targeting", "essential"]),
        "query": st.sampled_from(["ไฟถนน", "street", "ไฟ ถนน", "a OR b", "-x", "ก*"]),
        "page_number": st.sampled_from(["1", "2", "500", "501"]),
        "consent_cookie": st.sampled_from(["1.performance", "1", "2.targeting.performance"]),
        "proposal_id": st.sampled_from([str(pk) for pk in world.proposal_ids] + ["0"]),
        "category": st.sampled_from(["roads", "water", "", "gone"]),
        "area": st.sampled_from(["", "1", "x"]),
        "proposal_state": st.sampled_from(["published", "accepted", "draft", ""]),
        "order": st.sampled_from(["supported", "newest", "commented", "x"]),
        "within_powers": st.sampled_from(["yes", "no", "unsure", "maybe"]),
        "part": st.sampled_from(["north", "south", "east", "", "gone"]),
        "project_state": st.sampled_from(
            ["feasible", "unfeasible", "shortlisted", "selected", "x"]
        ),
        "round_order": st.sampled_from(["random", "supported", "cheapest", "selected", "x"]),
        # Mostly the round balloting now; a page that is no round, no page at all.
        "round_id": st.sampled_from(
            [str(pk) for pk in [*world.round_ids, world.round_ids[0], page.pk, 0]]
        ),
        "ballot_action": st.sampled_from(["add", "add", "remove", "submit", "reopen", "x"]),
        "project_id": st.sampled_from([str(pk) for pk in world.project_ids] + ["0"]),
        "cost": st.sampled_from(["600", "1", "0", "-5", "1e9", "๕๐๐", "10000000001"]),
        "long_text": st.sampled_from(
            ["ขอให้เทศบาลติดตั้งไฟส่องสว่างตลอดซอยวัดเพื่อความปลอดภัย", "สั้น", "x" * 7000]
        ),
    }


def recipes(world):
    """Per endpoint, whole requests as the site's own forms send them: the fuzz starts
    from one of these half of the time and breaks one or two of its parameters, so that
    malformed values also reach the services, not only the first check that refuses."""
    page = str(world.consultation.pk)
    draft = str(world.draft_id)
    theirs = str(world.comment_ids[0])
    return {
        "bokrao_vote": [
            {"page": page, "widget": "w-agree", "choice": "agree"},
            {"page": page, "widget": "w-agree", "choice": "disagree", "next": "/th/"},
            {"page": page, "widget": "w-agree", "choice": "neutral", "anchor": "para-1"},
            {"page": page, "widget": "w-poll", "choice": ["a", "b"]},
            {"page": page, "widget": "w-poll", "choice": "other", "other": "ไฟกะพริบ"},
            {"page": page, "widget": "w-support", "choice": "support"},
            {"page": page, "widget": "w-agree", "withdraw": "1"},
            {"page": draft, "widget": "agree-fee", "anchor": "fee", "choice": "disagree"},
        ],
        "bokrao_comment": [
            {"page": page, "widget": "w-talk", "text": "ไฟถนนดับทั้งซอย"},
            {"page": page, "widget": "w-talk", "text": "กลับไปที่", "next": "//evil.example"},
            {"page": page, "widget": "w-talk", "text": "ตอบ", "parent": theirs},
            {"page": page, "widget": "w-talk", "text": "ข้อนี้", "anchor": "para-1"},
            {"page": draft, "widget": "para-fee", "anchor": "fee", "text": "แพง", "quote": "สี่สิบ"},
            {"page": draft, "widget": "para-penalty", "anchor": "penalty", "text": "โทษสูง"},
        ],
        "bokrao_comment_react": [{"kind": "like"}, {"kind": "dislike", "next": "thanks"}],
        "bokrao_comment_flag": [{"reason": "spam"}, {"reason": "other", "note": "โฆษณา"}],
        "bokrao_profile": [{"display_name": "สมชาย", "voter_group": "resident", "home": "m1"}],
        "bokrao_relation": [
            {"page": page, "voter_group": "interested"},
            {"page": page, "voter_group": "concerned", "next": "/th/"},
        ],
        "bokrao_verify_resident": [{"national_id": "1101700203451", "birth_date": "15/03/2528"}],
        "bokrao_sign_up": [
            {
                "email": "new@example.com",
                "password": "correct horse battery 2567",
                "voter_group": "interested",
                "home": "elsewhere",
                "accept_privacy": "on",
            }
        ],
        "bokrao_sign_in": [{"username": "other@example.com", "password": "wrong password"}],
        "bokrao_cookie_settings": [
            {"choice": "all"},
            {"choice": "custom", "category": ["performance", "targeting"]},
        ],
        "bokrao_search": [{"q": "ไฟถนน"}, {"q": "street", "page": "2", "locale": "th"}],
        "bokrao_password_reset": [{"email": "somchai@example.com"}],
        "page:consultation": [{"comments-w-talk": "2"}],
        "bokrao_proposal_support": [
            {"proposal": str(world.proposal_ids[0])},
            {"proposal": str(world.proposal_ids[0]), "withdraw": "1"},
            {"proposal": str(world.proposal_ids[1])},
        ],
        "bokrao_proposal_follow": [
            {"proposal": str(world.proposal_ids[0])},
            {"proposal": str(world.proposal_ids[0]), "stop": "1"},
        ],
        "page:new_proposal": [
            {
                "title": "ขอไฟส่องสว่างซอยวัด",
                "summary": "ซอยวัดมืดมากตอนกลางคืน",
                "description": "ขอให้เทศบาลติดตั้งไฟส่องสว่างตลอดซอยวัดเพื่อความปลอดภัย",
                "category": "roads",
                "within_powers": "yes",
                "submit": "1",
            },
            {
                "title": "ร่างข้อเสนอของฉัน",
                "summary": "ยังเขียนไม่เสร็จ แต่บันทึกไว้ก่อน",
                "description": "รายละเอียดจะเขียนเพิ่มเติมภายหลังเมื่อมีเวลา",
                "within_powers": "unsure",
                "draft": "1",
            },
        ],
        "page:call": [{"category": "roads", "order": "newest"}, {"state": "accepted", "page": "2"}],
        "page:ballot_part": [
            {"action": "add", "project": project}
            for project in [str(pk) for pk in world.project_ids[:3]]
        ]
        + [{"action": "remove", "project": str(world.project_ids[0])}, {"action": "submit"}],
        "bokrao_ballot": [
            {"page": str(world.round_ids[0]), "part": "north", "action": "add", "project": project}
            for project in [str(pk) for pk in world.project_ids[:3]]
        ]
        + [
            {"page": str(world.round_ids[0]), "part": "north", "action": "submit"},
            {
                "page": str(world.round_ids[1]),
                "part": "north",
                "action": "add",
                "project": str(world.project_ids[3]),
            },
        ],
        "page:new_project": [
            {
                "title": "ไฟส่องสว่างหน้าวัด",
                "description": "ขอไฟส่องสว่างห้าจุดหน้าวัดเพื่อความปลอดภัย",
                "part": "north",
                "estimated_cost": "500",
            }
        ],
        "page:project": [{}, {"withdraw": "1"}],
    }


def _pairs(params):
    return [
        (name, item)
        for name, value in params.items()
        for item in (value if isinstance(value, list) else [value])
    ]


@st.composite
def _broken(draw, recipe, endpoint, valid):
    """`recipe` with up to two parameters broken: malformed, left out or repeated."""
    params = dict(recipe)
    names = sorted(set(endpoint.params) | set(params))
    for _ in range(draw(st.integers(0, 2))):
        name = draw(st.sampled_from(names))
        how = draw(st.sampled_from(["malformed", "malformed", "missing", "repeated"]))
        kind = endpoint.params.get(name, "text")
        if how == "missing":
            params.pop(name, None)
        elif how == "repeated":
            params[name] = [draw(value_of(kind, valid)) for _ in range(draw(st.integers(2, 3)))]
        else:
            params[name] = draw(st.one_of(ODD_NEXT, MALFORMED) if kind == "next" else MALFORMED)
    return _pairs(params)


def value_of(kind, valid):
    """Mostly what the site's forms send (so requests reach the services), else malformed."""
    base = valid[kind]
    if kind == "next":  # where a form goes back to: odd more often than not
        return st.one_of(base, ODD_NEXT, ODD_NEXT, MALFORMED)
    return st.one_of(base, base, MALFORMED)


# Requests


@dataclass
class FuzzRequest:
    endpoint: object
    method: str
    path: str
    params: list  # (name, value) pairs, a name repeated when sent repeated
    encoding: str  # form, multipart, json, query or charset
    charset: str = ""
    accept_json: bool = False
    cookie: str | None = None
    csrf: str = "valid"  # valid, wrong or missing: read when CSRF checks are on
    notes: dict = field(default_factory=dict)

    def __repr__(self):
        shown = [(name, value[:80]) for name, value in self.params]
        return (
            f"{self.method} {self.path} {self.encoding}{' ' + self.charset if self.charset else ''}"
            f" json={self.accept_json} csrf={self.csrf} cookie={self.cookie!r:.60} {shown!r}"
        )


def _path_value(draw, name, world):
    if name == "comment":
        theirs = st.sampled_from([str(pk) for pk in world.comment_ids])
        return draw(st.one_of(theirs, theirs, st.sampled_from(["0", "9" * 25, str(2**63)])))
    if name == "token":
        return draw(st.one_of(st.just(world.confirm_token), ANY_TEXT.filter(bool), HUGE))
    if name == "uidb64":
        return draw(st.one_of(st.just(world.uidb64), ANY_TEXT.filter(bool)))
    if name == "consultation":
        return world.consultation_path
    if name == "call":
        return world.call_path
    if name == "draft":
        return world.draft_path
    if name == "paragraph":
        keys = st.sampled_from(world.paragraph_keys)
        return draw(st.one_of(keys, keys, st.sampled_from(["gone", "x" * 70, "%00"])))
    if name == "number":
        return draw(st.sampled_from(["1", "2", "0", str(2**63)]))
    if name == "round":
        return draw(st.sampled_from(world.round_paths))
    if name == "project":
        ids = st.sampled_from([str(pk) for pk in world.project_ids])
        return draw(st.one_of(ids, ids, st.sampled_from(["0", "9" * 25, str(2**63)])))
    if name == "part":
        keys = st.sampled_from(["north", "south", "east"])
        return draw(st.one_of(keys, keys, st.sampled_from(["gone", "x" * 70, "%00"])))
    if name == "data_format":
        return draw(st.sampled_from(["csv", "json", "pb", "xml", ""]))
    if name == "proposal":
        ids = st.sampled_from([str(pk) for pk in world.proposal_ids])
        return draw(st.one_of(ids, ids, st.sampled_from(["0", "9" * 25, str(2**63)])))
    return draw(st.one_of(ANY_TEXT.filter(bool), HUGE)) + "/"


@st.composite
def fuzz_requests(draw, world, endpoints=ENDPOINTS):
    valid = valid_values(world)
    whole = recipes(world)
    # The participation endpoints that store votes, comments, reactions and flags, three
    # times as often (a page's own forms, a round's supports among them, once).
    endpoint = draw(
        st.sampled_from(
            [e for e in endpoints for _ in range(3 if e.writes == CONTRIBUTIONS else 1)]
        )
    )
    declared = st.sampled_from(endpoint.methods)
    method = draw(st.one_of(*[declared] * 6, st.sampled_from(METHODS)))
    language = draw(st.sampled_from(["th", "th", "th", "en", "en", "xx"]))
    path = endpoint.path
    for name in (
        "comment",
        "token",
        "uidb64",
        "consultation",
        "call",
        "proposal",
        "round",
        "project",
        "part",
        "data_format",
        "missing",
    ):
        if "{" + name + "}" in path:
            value = _path_value(draw, name, world)
            path = path.replace("{" + name + "}", quote(value.encode("utf-8", "surrogatepass")))
    params = []
    if endpoint.name in whole and draw(st.booleans()):
        params = draw(_broken(draw(st.sampled_from(whole[endpoint.name])), endpoint, valid))
    else:
        for name, kind in endpoint.params.items():
            if draw(st.integers(0, 5)) == 0:  # missing
                continue
            repeats = draw(st.sampled_from([1, 1, 1, 1, 2, 3]))
            params += [(name, draw(value_of(kind, valid))) for _ in range(repeats)]
    if draw(st.integers(0, 6)) == 0:
        params.append((draw(ANY_TEXT), draw(MALFORMED)))  # a parameter no one asked for
    encoding = draw(
        st.sampled_from(["form", "form", "form", "form", "multipart", "multipart", "json", "query"])
    )
    charset = ""
    if draw(st.integers(0, 12)) == 0:
        encoding, charset = "charset", draw(st.sampled_from(ODD_CHARSETS))
    cookie = None
    if draw(st.integers(0, 3)) == 0:
        cookie = draw(st.one_of(valid[COOKIE_KINDS["bokrao_consent"]], MALFORMED))
    return FuzzRequest(
        endpoint=endpoint,
        method=method,
        path=f"/{language}/{path}",
        params=params,
        encoding=encoding,
        charset=charset,
        accept_json=draw(st.sampled_from([True, True, False])),
        cookie=cookie,
        csrf=draw(st.sampled_from(["valid", "valid", "wrong", "missing"])),
    )


# Sending


def _wire(text):
    """Text as a client puts it on the wire: UTF-8, with lone surrogates as their bytes."""
    return text.encode("utf-8", "surrogatepass")


def _urlencoded(params):
    return "&".join(f"{quote(_wire(name))}={quote(_wire(value))}" for name, value in params)


def _multipart(params, boundary):
    lines = []
    for name, value in params:
        quoted = _wire(name).replace(b'"', b"%22").replace(b"\r", b"").replace(b"\n", b"")
        lines += [
            b"--" + boundary,
            b'Content-Disposition: form-data; name="' + quoted + b'"',
            b"",
            _wire(value),
        ]
    return b"\r\n".join([*lines, b"--" + boundary + b"--", b""])


def _header(text):
    """A header as a WSGI server hands it to Django: the bytes read as ISO-8859-1."""
    return _wire(text).decode("iso-8859-1")


def send(client, request, csrf_token=None):
    """Send `request` with the test client; the response (exceptions propagate)."""
    extra = {}
    path, body, content_type = request.path, b"", "application/octet-stream"
    as_query = request.encoding == "query" or request.method in ("GET", "HEAD", "OPTIONS")
    if as_query:
        if request.params:
            path += "?" + _urlencoded(request.params)
    elif request.encoding == "json":
        body, content_type = json.dumps(dict(request.params)).encode(), "application/json"
    elif request.encoding == "multipart":
        boundary = uuid.uuid4().hex.encode()
        body = _multipart(request.params, boundary)
        content_type = f"multipart/form-data; boundary={boundary.decode()}"
    else:
        body = _urlencoded(request.params).encode()
        content_type = "application/x-www-form-urlencoded"
        if request.encoding == "charset":
            content_type += f"; charset={request.charset}"
    if request.accept_json:
        extra["HTTP_ACCEPT"] = "application/json"
    if csrf_token is not None and request.csrf != "missing":
        extra["HTTP_X_CSRFTOKEN"] = csrf_token if request.csrf == "valid" else "x" * 32
    cookies = [f"{morsel.key}={morsel.coded_value}" for morsel in client.cookies.values()]
    if request.cookie is not None:
        cookies.append(f"bokrao_consent={_header(request.cookie)}")
    extra["HTTP_COOKIE"] = "; ".join(cookies)
    return client.generic(request.method, path, body, content_type, **extra)


def row_counts():
    """The number of rows of every counted model, in one query."""
    tables = [model._meta.db_table for model in COUNTED.values()]
    quote_name = connection.ops.quote_name
    columns = ", ".join(f"(SELECT COUNT(*) FROM {quote_name(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        counts = cursor.fetchone()
    return {**dict(zip(COUNTED, counts, strict=True)), "email": len(mail.outbox)}


class ServerError(AssertionError):
    pass


class StoredWhenRefused(AssertionError):
    pass


@dataclass
class Tally:
    """Requests sent and answers by status, per actor."""

    statuses: Counter = field(default_factory=Counter)
    endpoints: Counter = field(default_factory=Counter)
    sent: int = 0

    def add(self, actor, status, endpoint=""):
        self.sent += 1
        self.statuses[(actor, status)] += 1
        self.endpoints[(endpoint, status)] += 1

    def answered(self, endpoint, status):
        return self.endpoints[(endpoint, status)]

    def by_status(self):
        totals = Counter()
        for (_actor, status), count in self.statuses.items():
            totals[status] += count
        return dict(sorted(totals.items()))

    def report(self):
        return {
            "requests": self.sent,
            "by_status": self.by_status(),
            "by_actor": {
                actor: dict(sorted((s, n) for (a, s), n in self.statuses.items() if a == actor))
                for actor in sorted({actor for actor, _status in self.statuses})
            },
        }


def attack(client, request, *, actor, tally, csrf_token=None, refused=False):
    """Send one request and check what it did: no 5xx, nothing stored when refused (a
    4xx, or whatever it answers when the caller says it must be refused)."""
    before = row_counts()
    try:
        response = send(client, request, csrf_token)
    except Exception as error:  # the client re-raises what made the server answer 500
        tally.add(actor, 500, request.endpoint.name)
        raise ServerError(f"{actor}: {request!r} raised {error!r}") from error
    tally.add(actor, response.status_code, request.endpoint.name)
    if response.status_code >= 500:
        raise ServerError(f"{actor}: {request!r} answered {response.status_code}")
    if refused or 400 <= response.status_code < 500:
        after = row_counts()
        changed = {
            name: (before[name], after[name]) for name in before if before[name] != after[name]
        }
        if changed:
            raise StoredWhenRefused(
                f"{actor}: {request!r} answered {response.status_code} but changed {changed}"
            )
    return response


def stored_control_characters():
    """Texts people wrote that still hold a control character (none may)."""
    found = []
    for model, names in (
        (Comment, ["comment", "user_name"]),
        (Vote, ["other_text"]),
        (CommentFlagReason, ["note"]),
        (Participant, ["display_name"]),
        (Proposal, ["title", "summary", "description"]),
    ):
        for row in model.objects.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                if any(ord(char) < 32 and char not in "\t\n\r" for char in value or ""):
                    found.append((model.__name__, row[0], name, value[:40]))
    return found
