"""The demo drafts' data is well formed: what the loader builds from it can be loaded,
and every comment, quote, vote and answer points at a paragraph that exists."""

import re
import uuid

import pytest

from pb_pages import demo_content
from pb_pages import demo_drafts as demo
from pb_pages.demo_drafts import MARKET, WASTE

DRAFTS = [
    (WASTE, demo.WASTE_VERSIONS),
    (MARKET, demo.MARKET_VERSIONS),
]
PEOPLE = (
    {"somchai", "malee"}
    | {key for key, *_rest in demo_content.DEMO_CITIZENS}
    | {key for key, *_rest in demo.DRAFT_CITIZENS}
)


def _ids(blocks):
    """Every block id in a raw stream, at any depth, in order."""
    found = []
    for block in blocks:
        if isinstance(block, dict):
            if "id" in block:
                found.append(block["id"])
            for value in block.values():
                if isinstance(value, (list, dict)):
                    found.extend(_ids(value if isinstance(value, list) else [value]))
    return found


def _shape(blocks):
    """The raw stream with every text blanked: what must be equal across languages."""
    if isinstance(blocks, list):
        return [_shape(block) for block in blocks]
    if isinstance(blocks, dict):
        return {key: _shape(value) for key, value in blocks.items()}
    return "" if isinstance(blocks, str) and not _is_uuid(blocks) else blocks


def _is_uuid(text):
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _section_of(version):
    """{commentable key: the key of its section (or of the preamble)}."""
    found = {}
    for kind, key, children in version["outline"]:
        sections = {"chapter": children}.get(kind, [(key, children)])
        for section, paragraphs in sections:
            for paragraph in paragraphs:
                paragraph_key, items = (paragraph, []) if isinstance(paragraph, str) else paragraph
                for part in [paragraph_key, *items]:
                    found[part] = section
    return found


@pytest.mark.parametrize("draft, versions", DRAFTS)
def test_block_ids_are_unique_in_each_version_and_fixed_between_runs(draft, versions):
    for version in versions:
        ids = _ids(demo.stream(draft, version))
        assert len(ids) == len(set(ids))
        keys = demo.structure_keys(version) + demo.commentable(version)
        assert sorted(ids) == sorted(demo.block_id(draft, key) for key in keys)
    # uuid5: the same id on every run and on every machine.
    assert demo.block_id(WASTE, "fee-household-small") == str(
        uuid.uuid5(
            uuid.uuid5(uuid.NAMESPACE_URL, "https://bokrao.example/demo/drafts"),
            "waste-2570:fee-household-small",
        )
    )
    assert demo.block_id(WASTE, "name") != demo.block_id(MARKET, "name")


def test_the_waste_draft_has_enough_commentable_paragraphs_and_the_market_draft_10_to_15():
    assert len(demo.commentable(demo.WASTE_V1)) >= 30
    assert len(demo.commentable(demo.WASTE_V2)) >= 30
    assert 10 <= len(demo.commentable(demo.MARKET_V1)) <= 15


def test_version_2_keeps_the_ids_of_what_it_keeps_and_shows_every_kind_of_change():
    v1, v2 = demo.WASTE_V1, demo.WASTE_V2
    one, two = demo.paragraph_texts(v1), demo.paragraph_texts(v2)
    ids_one = set(_ids(demo.stream(WASTE, v1)))
    ids_two = set(_ids(demo.stream(WASTE, v2)))
    kept = set(one) & set(two)
    assert {demo.block_id(WASTE, key) for key in kept} <= ids_one & ids_two

    assert set(one) - set(two) == {"payment-arrears"}  # removed
    assert set(two) - set(one) == {"sort-hazardous", "sorting-hazardous-points"}  # added
    # Inserted in the middle of Clause 10, before a paragraph that was already there.
    sorting = list(two)
    assert sorting.index("sorting-hazardous-points") < sorting.index("sorting-refuse")
    changed = {key for key in kept if one[key] != two[key]}
    assert {"fee-household-small", "collection-beach", "exemption"} <= changed
    assert "เดือนละ ๔๐ บาท" in one["fee-household-small"]
    assert "เดือนละ ๒๐ บาท" in two["fee-household-small"]
    # Moved to the markets' clause with its text unchanged.
    assert _section_of(v1)["premises-stalls"] == "s-premises"
    assert _section_of(v2)["premises-stalls"] == "s-markets"
    assert one["premises-stalls"] == two["premises-stalls"]
    assert all(version["change_note"][0] and version["change_note"][1] for version in (v1, v2))
    assert v1["published_days"] < v2["published_days"] < 0


@pytest.mark.parametrize("draft, versions", DRAFTS)
def test_the_english_text_has_the_same_blocks_and_ids_as_the_thai(draft, versions):
    for version in versions:
        thai, english = demo.stream(draft, version), demo.stream(draft, version, "en")
        assert _shape(thai) == _shape(english)
        assert demo.paragraph_texts(version, "en").keys() == demo.paragraph_texts(version).keys()
        for key, text in demo.paragraph_texts(version, "en").items():
            assert text and not re.search("[\u0e00-\u0e7f]", text), key
        # One English text per Thai text, so that the page's PO file can be filled in.
        pairs = {}
        for th, en in version["texts"].values():
            assert pairs.setdefault(th, en) == en, th
        assert set(demo.english(draft, version)) == {
            th
            for key, (th, _en) in version["texts"].items()
            if key in demo.commentable(version) or key in demo.structure_keys(version)
        }


@pytest.mark.parametrize("draft, versions", DRAFTS)
def test_the_thai_text_writes_its_numbers_in_thai_digits(draft, versions):
    for version in versions:
        for key, (th, _en) in version["texts"].items():
            assert not re.search("[0-9]", th), key


def _comments_by_version():
    return [
        (demo.WASTE_V1, demo.WASTE_COMMENTS_V1),
        (demo.WASTE_V2, demo.WASTE_COMMENTS_V2),
        (demo.MARKET_V1, demo.MARKET_COMMENTS),
    ]


def test_every_comment_is_on_a_paragraph_of_its_version_and_quotes_its_words():
    all_keys = set()
    for version, comments in _comments_by_version():
        texts = demo.paragraph_texts(version)
        posted = {}
        for comment in comments:
            assert comment.key not in all_keys, comment.key
            all_keys.add(comment.key)
            assert comment.paragraph in texts, comment.key
            assert comment.author in PEOPLE, comment.author
            assert comment.quote == "" or comment.quote in texts[comment.paragraph], comment.key
            if comment.reply_to:
                # A reply follows the comment it answers, on the same paragraph.
                parent = posted[comment.reply_to]
                assert parent.paragraph == comment.paragraph
                assert parent.author != comment.author
            posted[comment.key] = comment


def test_the_waste_comments_are_many_from_every_voter_group_with_replies_and_quotes():
    comments = demo.WASTE_COMMENTS_V1
    assert 25 <= len(comments) <= 40
    assert len(demo.WASTE_COMMENTS_V2) >= 3
    assert sum(1 for comment in comments if comment.reply_to) >= 3
    assert sum(1 for comment in comments if comment.quote) >= 10
    groups = {key: group for key, _name, group, _area in demo_content.DEMO_CITIZENS}
    groups.update({key: group for key, _name, group, _area in demo.DRAFT_CITIZENS})
    groups.update({"somchai": "resident", "malee": "concerned"})
    assert {groups[comment.author] for comment in comments} == {
        "resident",
        "interested",
        "concerned",
    }
    # Some comments are on paragraphs that version 2 changed or removed: they will show
    # as on version 1; others on paragraphs it kept as they were.
    one, two = demo.paragraph_texts(demo.WASTE_V1), demo.paragraph_texts(demo.WASTE_V2)
    on_changed = [c for c in comments if two.get(c.paragraph) != one[c.paragraph]]
    assert len(on_changed) >= 5 and len(comments) - len(on_changed) >= 10


def test_votes_and_supports_name_existing_paragraphs_comments_and_people():
    versions = {1: demo.WASTE_V1, 2: demo.WASTE_V2}
    for votes, by_number in (
        (demo.WASTE_VOTES, versions),
        (demo.MARKET_VOTES, {1: demo.MARKET_V1}),
    ):
        for number, by_paragraph in votes.items():
            texts = demo.paragraph_texts(by_number[number])
            for key, sides in by_paragraph.items():
                assert key in texts, key
                assert set(sides) == {"agree", "disagree"}
                assert not set(sides["agree"]) & set(sides["disagree"]), key
                assert set(sides["agree"]) | set(sides["disagree"]) <= PEOPLE
    for supports, comments in (
        (demo.WASTE_SUPPORTS, demo.WASTE_COMMENTS_V1 + demo.WASTE_COMMENTS_V2),
        (demo.MARKET_SUPPORTS, demo.MARKET_COMMENTS),
    ):
        authors = {comment.key: comment.author for comment in comments}
        for key, people in supports.items():
            assert key in authors, key
            assert set(people) <= PEOPLE and authors[key] not in people, key
            assert len(people) == len(set(people)), key


def test_the_market_answers_are_on_its_paragraphs_and_comments_with_a_reason():
    texts = demo.paragraph_texts(demo.MARKET_V1)
    comment_keys = {comment.key for comment in demo.MARKET_COMMENTS}
    outcomes = {"accepted", "partly", "not_accepted"}
    for key, (outcome, reason) in demo.MARKET_PARAGRAPH_RESPONSES.items():
        assert key in texts and outcome in outcomes and reason, key
    for key, (outcome, reason) in demo.MARKET_COMMENT_RESPONSES.items():
        assert key in comment_keys and outcome in outcomes and reason, key
    answered = list(demo.MARKET_PARAGRAPH_RESPONSES.values()) + list(
        demo.MARKET_COMMENT_RESPONSES.values()
    )
    assert {outcome for outcome, _reason in answered} == outcomes
    assert all(demo.MARKET_REPORT_SUMMARY)
    assert demo.MARKET_PAGE["closes_days"] < 0 < demo.WASTE_PAGE["closes_days"]


def test_the_new_demo_people_are_not_already_demo_citizens():
    existing = {key for key, *_rest in demo_content.DEMO_CITIZENS} | {"somchai", "malee"}
    new = [key for key, *_rest in demo.DRAFT_CITIZENS]
    assert not existing & set(new) and len(new) == len(set(new))
    assert all(area is None for *_rest, area in demo.DRAFT_CITIZENS)
