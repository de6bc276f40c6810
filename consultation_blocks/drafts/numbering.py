"""How a draft numbers its parts, in the reader's language: Thai or Arabic digits,
ข้อ (local ordinances) or มาตรา (bills), paragraphs วรรคหนึ่ง, วรรคสอง, ..."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_THAI_UNITS = ["", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]


class SectionWord(models.TextChoices):
    KHO = "kho", _("ข้อ (clause, local ordinances)")
    MATRA = "matra", _("มาตรา (section, bills)")


class Numerals(models.TextChoices):
    THAI = "thai", _("Thai digits (๑ ๒ ๓)")
    ARABIC = "arabic", _("Arabic digits (1 2 3)")


def digits(number, numerals):
    text = str(number)
    return text.translate(THAI_DIGITS) if numerals == Numerals.THAI else text


def thai_ordinal(number):
    """หนึ่ง, สอง, ... สิบ, สิบเอ็ด, ยี่สิบ: the words of a paragraph's place (วรรคสอง)."""
    if number < 10:
        return _THAI_UNITS[number]
    tens, units = divmod(number, 10)
    if tens >= 10:
        return str(number)
    words = {1: "สิบ", 2: "ยี่สิบ"}.get(tens, _THAI_UNITS[tens] + "สิบ")
    return words + ("เอ็ด" if units == 1 else _THAI_UNITS[units])


class Numbering:
    """The labels of one draft, in the language active when it is built."""

    def __init__(self, section_word, numerals):
        self.section_word = section_word
        self.numerals = numerals

    def number(self, n):
        # Thai digits are for the Thai text; a translation reads in Arabic digits.
        return digits(n, self.numerals if _thai_words() else Numerals.ARABIC)

    def chapter(self, n):
        return pgettext("draft chapter", "Chapter %(n)s") % {"n": self.number(n)}

    def section(self, n):
        if self.section_word == SectionWord.MATRA:
            return pgettext("draft section (bill)", "Section %(n)s") % {"n": self.number(n)}
        return pgettext("draft section (ordinance)", "Clause %(n)s") % {"n": self.number(n)}

    def paragraph(self, n):
        # Thai names a paragraph by its place in words (วรรคสอง); English by its number.
        return pgettext("draft paragraph", "paragraph %(n)s") % {
            "n": thai_ordinal(n) if _thai_words() else self.number(n)
        }

    def preamble_paragraph(self, n):
        return pgettext("draft preamble paragraph", "paragraph %(n)s") % {"n": self.number(n)}

    def item(self, n):
        return f"({self.number(n)})"


def _thai_words():
    from django.utils.translation import get_language

    return (get_language() or "").startswith("th")
