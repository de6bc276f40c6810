"""Dates as Thai readers expect them: Buddhist Era years, Thai month names.

Django's Thai locale translates month names but prints Gregorian years, so
every date on our pages goes through `format_date`/`format_datetime` (the
`local_date` and `local_datetime` template filters).
"""

import datetime

from django.utils import timezone, translation

BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
THAI_MONTHS_SHORT = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]  # fmt: skip
# Day, month and year stay on one line (a date split as "22 ธ.ค. / 2569" misreads).
NBSP = "\u00a0"

ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _as_local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value, language=None, long=False):
    """21 มิ.ย. 2565 in Thai, 21 Jun 2022 in English; `long` spells the month out."""
    if value in (None, ""):
        return ""
    value = _as_local(value)
    language = (language or translation.get_language() or "th")[:2]
    if language == "th":
        months = THAI_MONTHS if long else THAI_MONTHS_SHORT
        parts = [value.day, months[value.month - 1], value.year + BUDDHIST_ERA_OFFSET]
    else:
        month = ENGLISH_MONTHS[value.month - 1]
        parts = [value.day, month if long else month[:3], value.year]
    return NBSP.join(str(part) for part in parts)


def format_datetime(value, language=None, long=False):
    """21 มิ.ย. 2565 เวลา 14:30 น. in Thai, 21 Jun 2022, 14:30 in English."""
    if value in (None, ""):
        return ""
    value = _as_local(value)
    language = (language or translation.get_language() or "th")[:2]
    day = format_date(value, language, long)
    if language == "th":
        return f"{day} เวลา{NBSP}{value:%H:%M}{NBSP}น."
    return f"{day}, {value:%H:%M}"
