"""The anchoring rules of a draft's paragraphs (consultation_blocks/drafts/anchoring.py):
keys that survive edits, insertions, deletions, reordering and translation, and the
version a paragraph's text dates from."""

import copy

import pytest
from django.utils import translation
from wagtail.blocks import StreamValue

from consultation_blocks.drafts import anchoring
from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts.blocks import DraftTextBlock
from consultation_blocks.drafts.numbering import thai_ordinal

BLOCK = DraftTextBlock()


def _entries(raw, section_word="kho", numerals="thai", language="th"):
    with translation.override(language):
        return anchoring.flatten(StreamValue(BLOCK, raw, is_lazy=True), section_word, numerals)


def _draft():
    return [
        f.preamble("เทศบาลเห็นสมควรปรับปรุงการเก็บขยะ", "จึงตราเทศบัญญัตินี้"),
        f.chapter(
            "บททั่วไป",
            f.section("เทศบัญญัตินี้เรียกว่า เทศบัญญัติว่าด้วยการจัดการมูลฝอย", key="s1"),
            f.section(
                f.paragraph("ในเทศบัญญัตินี้", ["“มูลฝอย” หมายความว่า เศษกระดาษ", "“ที่สาธารณะ”"]),
                "ให้นายกเทศมนตรีรักษาการตามเทศบัญญัตินี้",
                key="s2",
            ),
        ),
        f.chapter(
            "ค่าธรรมเนียม",
            f.section("อัตราค่าเก็บขนมูลฝอยเดือนละสี่สิบบาท", key="s3"),
            f.section("ผู้ใดฝ่าฝืนต้องระวางโทษปรับไม่เกินสองพันบาท", key="s4"),
        ),
    ]


def _keys(entries):
    return [entry["key"] for entry in anchoring.commentable(entries)]


def _by_key(entries):
    return {entry["key"]: entry for entry in entries}


def test_every_paragraph_and_item_is_keyed_and_numbered_as_in_thai_drafting():
    entries = _entries(_draft())
    labels = [entry["label"] for entry in anchoring.commentable(entries)]
    assert labels == [
        "หลักการและเหตุผล ย่อหน้า ๑",
        "หลักการและเหตุผล ย่อหน้า ๒",
        "ข้อ ๑",
        "ข้อ ๒ วรรคหนึ่ง",
        "ข้อ ๒ วรรคหนึ่ง (๑)",
        "ข้อ ๒ วรรคหนึ่ง (๒)",
        "ข้อ ๒ วรรคสอง",
        "ข้อ ๓",
        "ข้อ ๔",
    ]
    chapters = [entry["label"] for entry in entries if entry["type"] == "chapter"]
    assert chapters == ["หมวด ๑", "หมวด ๒"]
    assert len(set(_keys(entries))) == 9


def test_arabic_digits_sections_of_a_bill_and_english_labels():
    entries = _entries(_draft(), section_word="matra", numerals="arabic")
    assert [e["label"] for e in entries if e["type"] == "section"][:2] == ["มาตรา 1", "มาตรา 2"]
    english = _entries(_draft(), section_word="matra", numerals="arabic", language="en")
    assert [e["label"] for e in english if e["type"] == "section"][:2] == ["Section 1", "Section 2"]
    assert "Section 2 paragraph 2" in [e["label"] for e in english]


def test_thai_ordinals():
    assert [thai_ordinal(n) for n in (1, 2, 10, 11, 21, 35)] == [
        "หนึ่ง",
        "สอง",
        "สิบ",
        "สิบเอ็ด",
        "ยี่สิบเอ็ด",
        "สามสิบห้า",
    ]


def test_keys_survive_an_edit_elsewhere_an_insertion_above_a_deletion_and_reordering():
    raw = _draft()
    before = _entries(raw)
    edited = copy.deepcopy(raw)
    # Edit the first section's text, insert a section above the fees, delete the
    # penalty's neighbour paragraph and swap the two chapters.
    edited[1]["value"]["sections"][0]["value"]["paragraphs"][0]["value"]["text"] += " พ.ศ. ๒๕๗๐"
    edited[2]["value"]["sections"].insert(0, f.section("ให้แยกขยะอันตรายทุกครั้ง"))
    del edited[1]["value"]["sections"][1]["value"]["paragraphs"][1]
    edited[1], edited[2] = edited[2], edited[1]
    after = _entries(edited)

    kept = set(_keys(before)) & set(_keys(after))
    removed = set(_keys(before)) - set(_keys(after))
    added = set(_keys(after)) - set(_keys(before))
    assert len(removed) == 1 and len(added) == 1
    assert len(kept) == 8
    before_by_key, after_by_key = _by_key(before), _by_key(after)
    fee = next(k for k in kept if "สี่สิบบาท" in before_by_key[k]["text"])
    # The fee section moved up and was renumbered, but it is the same paragraph.
    assert before_by_key[fee]["label"] == "ข้อ ๓" and after_by_key[fee]["label"] == "ข้อ ๒"
    assert after_by_key[fee]["text"] == before_by_key[fee]["text"]


def test_keys_are_the_same_in_a_translation():
    raw = _draft()
    english = copy.deepcopy(raw)
    english[1]["value"]["sections"][0]["value"]["paragraphs"][0]["value"]["text"] = (
        "This ordinance is called the Waste Management Ordinance"
    )
    assert _keys(_entries(raw)) == _keys(_entries(english, language="en"))


def test_a_paragraph_keeps_the_version_its_text_dates_from():
    raw = _draft()
    v1 = _entries(raw)
    since1 = anchoring.carry_since([], {}, v1, 1)
    assert set(since1.values()) == {1}

    changed = copy.deepcopy(raw)
    fee = changed[2]["value"]["sections"][0]["value"]["paragraphs"][0]
    fee["value"]["text"] = "อัตราค่าเก็บขนมูลฝอยเดือนละสามสิบบาท"
    changed[2]["value"]["sections"].insert(0, f.section("ให้แยกขยะอันตราย"))  # renumbers
    del changed[2]["value"]["sections"][2]  # the penalty
    v2 = _entries(changed)
    since2 = anchoring.carry_since(v1, since1, v2, 2)

    assert since2[fee["id"]] == 2
    new_key = changed[2]["value"]["sections"][0]["value"]["paragraphs"][0]["id"]
    assert since2[new_key] == 2
    unchanged = [k for k in since2 if k not in (fee["id"], new_key)]
    assert unchanged and all(since2[k] == 1 for k in unchanged)
    penalty = raw[2]["value"]["sections"][1]["value"]["paragraphs"][0]["id"]
    assert penalty not in since2

    # Version 3 changes nothing of the fee: it still dates from version 2.
    since3 = anchoring.carry_since(v2, since2, v2, 3)
    assert since3 == since2

    # A comment on version 1 is about the current text only where nothing changed.
    assert anchoring.is_current(since2, unchanged[0], 1)
    assert not anchoring.is_current(since2, fee["id"], 1)
    assert anchoring.is_current(since2, fee["id"], 2)
    assert not anchoring.is_current(since2, penalty, 1)
    assert not anchoring.is_current(since2, unchanged[0], None)


def test_spacing_around_the_words_is_not_a_change_but_a_new_space_is():
    raw = _draft()
    v1 = _entries(raw)
    since1 = anchoring.carry_since([], {}, v1, 1)
    fee = raw[2]["value"]["sections"][0]["value"]["paragraphs"][0]

    padded = copy.deepcopy(raw)
    padded[2]["value"]["sections"][0]["value"]["paragraphs"][0]["value"]["text"] = (
        "  อัตราค่าเก็บขนมูลฝอยเดือนละสี่สิบบาท\n"
    )
    assert anchoring.carry_since(v1, since1, _entries(padded), 2)[fee["id"]] == 1

    # Thai marks a pause between clauses with a space: one more is a real change.
    spaced = copy.deepcopy(raw)
    spaced[2]["value"]["sections"][0]["value"]["paragraphs"][0]["value"]["text"] = (
        "อัตราค่าเก็บขนมูลฝอย   เดือนละสี่สิบบาท"
    )
    spaced_entries = _entries(spaced)
    assert _by_key(spaced_entries)[fee["id"]]["text"] == "อัตราค่าเก็บขนมูลฝอย เดือนละสี่สิบบาท"
    assert anchoring.carry_since(v1, since1, spaced_entries, 2)[fee["id"]] == 2


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("เดือนละสี่สิบบาท", "เดือนละสี่สิบบาท"),
        ("  เดือนละ   สี่สิบบาท ", None),
        ("ห้าสิบบาท", None),
        ("", ""),
    ],
)
def test_a_quote_must_be_words_of_the_paragraph(quote, found):
    assert anchoring.quote_in("อัตราค่าเก็บขนมูลฝอยเดือนละสี่สิบบาท", quote) == found
