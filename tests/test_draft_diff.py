"""The diff between two versions of a draft, on Thai text (issue 13, must have).

Plain functions over entries shaped like drafts/anchoring.py's (no database)."""

from consultation_blocks.drafts.diff import (
    compare,
    diff_words,
    render_words,
    summary,
    words_of,
)

THAI_NUMBERS = "๑๒๓๔๕๖๗๘๙"


def _version(*paragraphs):
    """Entries of a version: a section heading, then one paragraph per (key, text),
    labelled by position as flatten() would (ข้อ ๑, ข้อ ๒, ...)."""
    entries = [{"type": "section", "key": "s", "label": "ข้อ ๑", "title": ""}]
    for number, (key, text) in enumerate(paragraphs):
        entries.append(
            {
                "type": "paragraph",
                "key": key,
                "label": f"ข้อ {THAI_NUMBERS[number]}",
                "short": "วรรคหนึ่ง",
                "text": text,
                "section": "s",
                "chapter": "",
            }
        )
    return entries


def _kinds(changes):
    return [(change.key, change.kind) for change in changes]


FINE = "ผู้ใดทิ้งขยะมูลฝอยในที่สาธารณะต้องระวางโทษปรับไม่เกินหนึ่งพันบาท"
FINE_RAISED = "ผู้ใดทิ้งขยะมูลฝอยในที่สาธารณะต้องระวางโทษปรับไม่เกินสองพันบาท"
COLLECTION = "เทศบาลเก็บขยะทุกวันจันทร์และวันพฤหัสบดี"
FEE = "ค่าธรรมเนียมเก็บขนขยะเดือนละ ๕๐ บาท"
MARKET = "ตลาดนัดหนองมนเปิดทุกวันเสาร์"


def test_a_changed_thai_sentence_without_spaces_marks_only_the_changed_word():
    words = diff_words(FINE, FINE_RAISED)

    assert words == [
        ("same", "ผู้ใดทิ้งขยะมูลฝอยในที่สาธารณะต้องระวางโทษปรับไม่เกิน"),
        ("removed", "หนึ่ง"),
        ("added", "สอง"),
        ("same", "พันบาท"),
    ]


def test_a_changed_number_marks_only_the_number_and_keeps_the_spaces():
    words = diff_words(FEE, "ค่าธรรมเนียมเก็บขนขยะเดือนละ ๖๐ บาท")

    assert words == [
        ("same", "ค่าธรรมเนียมเก็บขนขยะเดือนละ "),
        ("removed", "๕๐"),
        ("added", "๖๐"),
        ("same", " บาท"),
    ]


def test_mixed_thai_latin_and_digits_are_cut_into_words_losing_nothing():
    text = "ขยะ 3 ประเภท (recycle, general) ตามข้อ ๑๒, 1,500 บาท"

    tokens = words_of(text)

    assert "".join(tokens) == text
    assert "recycle" in tokens and "1,500" in tokens and "๑๒" in tokens and "ขยะ" in tokens
    words = diff_words(text, text.replace("general", "hazardous"))
    assert ("removed", "general") in words and ("added", "hazardous") in words
    assert [op for op, _text in words].count("same") == 2


def test_adjacent_words_of_one_kind_are_merged():
    words = diff_words("เก็บขยะวันจันทร์", "เก็บขยะและคัดแยกวันจันทร์")

    assert words == [("same", "เก็บขยะ"), ("added", "และคัดแยก"), ("same", "วันจันทร์")]


def test_identical_versions_are_all_unchanged():
    version = _version(("a", FINE), ("b", COLLECTION), ("c", FEE))

    changes = compare(version, version)

    assert _kinds(changes) == [("a", "unchanged"), ("b", "unchanged"), ("c", "unchanged")]
    assert all(change.words == [("same", change.new["text"])] for change in changes)
    assert summary(changes) == {"unchanged": 3, "changed": 0, "moved": 0, "added": 0, "removed": 0}


def test_headings_are_not_compared_only_paragraphs_and_items():
    old = _version(("a", FINE))
    new = _version(("a", FINE))
    new[0] = {**new[0], "title": "บทลงโทษ"}  # the section got a heading
    new.append({"type": "item", "key": "i", "label": "ข้อ ๑ วรรคหนึ่ง (๑)", "text": MARKET})

    changes = compare(old, new)

    assert _kinds(changes) == [("a", "unchanged"), ("i", "added")]


def test_insertion_above_renumbers_the_paragraphs_below_without_changing_them():
    old = _version(("a", FINE), ("b", COLLECTION))
    new = _version(("new", MARKET), ("a", FINE), ("b", COLLECTION))

    changes = compare(old, new)

    # Their labels changed (ข้อ ๑ -> ข้อ ๒): a new number alone is not a change.
    assert _kinds(changes) == [("new", "added"), ("a", "unchanged"), ("b", "unchanged")]
    a = changes[1]
    assert (a.old["label"], a.new["label"]) == ("ข้อ ๑", "ข้อ ๒")
    assert a.renumbered and not a.changed
    assert not changes[0].renumbered  # an added paragraph has no old number


def test_a_paragraph_moved_elsewhere_is_the_only_one_marked_moved():
    old = _version(("a", FINE), ("b", COLLECTION), ("c", FEE), ("d", MARKET))
    new = _version(("b", COLLECTION), ("c", FEE), ("a", FINE), ("d", MARKET))

    changes = compare(old, new)

    assert _kinds(changes) == [
        ("b", "unchanged"),
        ("c", "unchanged"),
        ("a", "moved"),
        ("d", "unchanged"),
    ]
    assert not changes[2].changed


def test_a_swap_of_two_paragraphs_marks_one_moved():
    old = _version(("a", FINE), ("b", COLLECTION))
    new = _version(("b", COLLECTION), ("a", FINE))

    assert [change.kind for change in compare(old, new)].count("moved") == 1


def test_a_moved_paragraph_with_new_text_is_moved_and_changed_with_its_words_marked():
    old = _version(("a", FINE), ("b", COLLECTION), ("c", FEE))
    new = _version(("b", COLLECTION), ("c", FEE), ("a", FINE_RAISED))

    changes = compare(old, new)

    moved = changes[2]
    assert (moved.key, moved.kind, moved.changed) == ("a", "moved", True)
    assert ("removed", "หนึ่ง") in moved.words and ("added", "สอง") in moved.words
    assert summary(changes)["moved"] == 1 and summary(changes)["changed"] == 0


def test_a_changed_paragraph_in_place_is_changed():
    old = _version(("a", FINE), ("b", COLLECTION))
    new = _version(("a", FINE_RAISED), ("b", COLLECTION))

    changes = compare(old, new)

    assert _kinds(changes) == [("a", "changed"), ("b", "unchanged")]
    assert changes[0].changed and not changes[0].renumbered
    assert ("added", "สอง") in changes[0].words


def test_a_removed_paragraph_stands_where_it_was():
    old = _version(("a", FINE), ("b", COLLECTION), ("c", FEE))
    new = _version(("a", FINE), ("c", FEE))

    changes = compare(old, new)

    assert _kinds(changes) == [("a", "unchanged"), ("b", "removed"), ("c", "unchanged")]
    removed = changes[1]
    assert removed.new is None and removed.old["text"] == COLLECTION
    assert removed.words == [("removed", COLLECTION)]
    assert changes[2].renumbered  # ข้อ ๓ became ข้อ ๒, still unchanged


def test_removing_the_first_paragraph_puts_it_first():
    old = _version(("a", FINE), ("b", COLLECTION))
    new = _version(("b", COLLECTION))

    assert _kinds(compare(old, new)) == [("a", "removed"), ("b", "unchanged")]


def test_an_added_paragraph_stands_where_the_new_version_has_it():
    old = _version(("a", FINE), ("c", FEE))
    new = _version(("a", FINE), ("b", COLLECTION), ("c", FEE))

    changes = compare(old, new)

    assert _kinds(changes) == [("a", "unchanged"), ("b", "added"), ("c", "unchanged")]
    assert changes[1].old is None and changes[1].words == [("added", COLLECTION)]


def test_an_empty_old_version_makes_every_paragraph_added():
    new = _version(("a", FINE), ("b", COLLECTION))

    changes = compare([], new)

    assert _kinds(changes) == [("a", "added"), ("b", "added")]
    assert summary(changes) == {"unchanged": 0, "changed": 0, "moved": 0, "added": 2, "removed": 0}


def test_render_words_marks_insertions_and_deletions_and_escapes_the_text():
    html = render_words([("same", "ห้าม "), ("removed", "<script>x</script>"), ("added", "<b>")])

    assert html == "ห้าม <del>&lt;script&gt;x&lt;/script&gt;</del><ins>&lt;b&gt;</ins>"


def test_markup_typed_into_a_paragraph_never_reaches_the_page_as_markup():
    html = render_words(diff_words("ห้าม <script>alert(1)</script>", "ห้าม <b>ทิ้งขยะ</b>"))

    assert "<script>" not in html and "<b>" not in html
    assert html.startswith("ห้าม &lt;") and "<del>" in html and "<ins>" in html


def test_render_words_wraps_exactly_the_changed_words():
    html = render_words(diff_words(FINE, FINE_RAISED))

    assert html.endswith("ไม่เกิน<del>หนึ่ง</del><ins>สอง</ins>พันบาท")
