"""The one Thai analysis (search/thai.py, decision 022): what a text and a query become.

Every search path indexes index_words(text) and looks for query_words(query), so these
tests say what every path finds: a word, a word inside a compound, a loanword, a number
in either script; not letters inside another word.
"""

import pytest

from search.thai import highlight, index_words, normalise, query_words, stem

DARK_LANE = "ถนนในซอยมืดมากควรติดไฟส่องสว่าง"  # "the lane is very dark, it needs street lights"


def matches(query, text):
    """What every path decides: the text has every word of the query."""
    words = query_words(query)
    return bool(words) and set(words) <= set(index_words(text))


def test_thai_is_split_into_words_and_latin_text_into_lower_case_words():
    assert query_words(f"{DARK_LANE} Street-lights, 2567!") == [
        *["ถนน", "ใน", "ซอย", "มืด", "มาก", "ควร", "ติด", "ไฟส่องสว่าง"],
        *["street", "light", "2567"],
    ]


def test_normalising_makes_thai_digits_arabic_and_drops_zero_width_characters():
    assert normalise("ซอย ๕ หมู่\u200bบ้าน PM") == "ซอย 5 หมู่บ้าน pm"
    assert query_words("๒๕๖๗") == query_words("2567") == ["2567"]
    assert query_words("2,000 บาท") == ["2000", "บาท"]


def test_a_compound_is_indexed_with_the_words_it_is_made_of():
    assert index_words("ตลาดนัด") == ["ตลาดนัด", "ตลาด", "นัด"]
    assert {"ไฟส่องสว่าง", "ไฟ", "ส่อง", "สว่าง"} <= set(index_words(DARK_LANE))
    # อาหาร (food) is spelt อา + หาร, but it is one word, not a compound.
    assert index_words("อาหาร") == ["อาหาร"]


def test_a_loanword_is_one_word_and_never_split_into_thai_words():
    assert index_words("ขับมอเตอร์ไซค์เสียงดัง")[:2] == ["ขับ", "มอเตอร์ไซค์"]
    assert query_words("พักโฮมสเตย์") == ["พัก", "โฮมสเตย์"]
    assert "ไฟ" not in index_words("ที่ศาลามีไวไฟฟรี")


def test_english_plurals_and_endings_are_cut_alike_in_text_and_query():
    assert [stem(w) for w in ["lights", "lighting", "flooded", "buses", "running"]] == [
        *["light", "light", "flood", "bus", "run"],
    ]
    assert stem("business") == "business" and stem("bus") == "bus"


def test_no_word_is_dropped_as_a_stop_word():
    assert query_words("ยังไม่ได้") == ["ยัง", "ไม่", "ได้"]
    assert query_words("ไม่มี") == ["ไม่", "มี"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ตลาด", "อยากให้มีตลาดนัดทุกวันพุธ"),
        ("ไฟ", DARK_LANE),
        ("มอเตอร์ไซค์", "เด็กขับมอเตอร์ไซค์เร็วมาก"),
        ("ซอย ๕", "น้ำท่วมซอย 5 ทุกปี"),
        ("2567", "งบประมาณปี ๒๕๖๗"),
        ("ไฟส่องสว่าง", DARK_LANE),
    ],
)
def test_a_word_compound_loanword_or_number_of_the_text_matches(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ท่อ", "ส่งเสริมการท่องเที่ยวชุมชน"),
        ("รถ", "ประชาชนสามารถเสนอโครงการได้"),
        ("หมา", "ต้องทำตามกฎหมาย"),
        ("5", "ซอย 15 ไฟดับ"),
        ("ไฟ", "ที่ศาลามีไวไฟฟรี"),
        ("bus", "small business owners"),
        ("ถนน ขยะ ไฟ", "ถนนพังและขยะเต็ม"),  # two of three words are not a hit
    ],
)
def test_letters_inside_another_word_or_two_of_three_words_do_not_match(query, text):
    assert not matches(query, text)


def test_highlight_marks_the_words_not_the_letters_inside_other_words():
    assert highlight(DARK_LANE, "ไฟ") == "ถนนในซอยมืดมากควรติด<mark>ไฟส่องสว่าง</mark>"
    assert highlight("ส่งเสริมการท่องเที่ยว", "ท่อ") is None
    assert highlight("<b>ซอย 5</b>", "๕") == "&lt;b&gt;ซอย <mark>5</mark>&lt;/b&gt;"
