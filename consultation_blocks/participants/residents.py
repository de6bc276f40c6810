"""Resident verification (R4): a participant proves they live in the municipality with
their Thai national ID number and date of birth, checked against the census register.

The number itself is never stored: the register and the participant keep a keyed hash
of it (`id_hash`), so a copy of the database does not hand out a list of ID numbers.
Where the register comes from is a backend (`RESIDENT_REGISTER_BACKEND`); by default it
is the CSV file staff upload in the admin (`UploadedRegister`).
"""

import csv
import datetime
import hashlib
import hmac
import io
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ..conf import blocks_setting, host_setting
from . import services
from .choices import VerificationLevel
from .models import ResidentRecord, ResidentVerification

BUDDHIST_ERA_OFFSET = 543
# A four-digit year above this is a Buddhist Era year (2400 BE is 1857 CE).
BUDDHIST_ERA_FROM = 2400
# Thai digits are digits too: ๑๒๓ typed on a Thai keyboard means 123.
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class InvalidNationalId(ValueError):
    """The text is not a Thai national ID number; str() says why, in the user's language."""


class InvalidDate(ValueError):
    """The text is not a date we can read; str() says why, in the user's language."""


class VerificationRefused(Exception):
    """verify_resident said no. `field` is the form field the message belongs to, or None."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class RegisterRefused(Exception):
    """An upload was refused and nothing stored. `problems` is a list of (line, message);
    line is None for a problem with the whole file."""

    def __init__(self, problems):
        super().__init__("; ".join(message for _line, message in problems))
        self.problems = problems


# The ID number


def normalise_national_id(text):
    """The 13 digits of a Thai national ID number, or InvalidNationalId.

    Spaces and dashes are allowed between the digits (the card prints 1 2345 67890 12 1);
    anything else is refused. The last digit is a checksum of the first twelve: each
    digit times its weight (13 down to 2), and the check digit is (11 - sum % 11) % 10.
    """
    text = str(text or "").strip().translate(THAI_DIGITS)
    if not re.fullmatch(r"[0-9\s-]*", text):
        raise InvalidNationalId(_("Use only digits, spaces and dashes in the ID number."))
    digits = re.sub(r"[\s-]", "", text)
    if len(digits) != 13:
        raise InvalidNationalId(_("A national ID number has 13 digits."))
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(digits[:12]))
    if (11 - total % 11) % 10 != int(digits[12]):
        raise InvalidNationalId(_("This is not a valid national ID number: check the digits."))
    return digits


def _hash_key():
    key = blocks_setting("RESIDENT_ID_KEY")
    if key:
        return key.encode() if isinstance(key, str) else key
    # A key of its own, derived so that it is not SECRET_KEY itself.
    return hashlib.sha256(b"bokrao.resident-id:" + host_setting("SECRET_KEY").encode()).digest()


def id_hash(national_id):
    """The keyed hash (HMAC-SHA256, hex) under which a national ID number is stored.

    The key is BOKRAO_PARTICIPATION["RESIDENT_ID_KEY"], or one derived from SECRET_KEY
    when that is not set. Changing the key (or SECRET_KEY, without RESIDENT_ID_KEY)
    changes every hash: upload the register again afterwards, and the participants
    verified before then cannot be matched with the new register's entries (their
    verification level stays).
    """
    digits = normalise_national_id(national_id)
    return hmac.new(_hash_key(), digits.encode(), hashlib.sha256).hexdigest()


# Dates of birth


def parse_birth_date(text):
    """A date from yyyy-mm-dd (an <input type="date">) or dd/mm/yyyy, the way Thai people
    write it; a year above 2400 is a Buddhist Era year (15/03/2528 is 15 March 1985)."""
    if isinstance(text, datetime.date):
        return text
    text = str(text or "").strip().translate(THAI_DIGITS)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    thai = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif thai:
        day, month, year = (int(part) for part in thai.groups())
    else:
        raise InvalidDate(_("Write the date as day/month/year, for example 15/03/2528."))
    if year > BUDDHIST_ERA_FROM:
        year -= BUDDHIST_ERA_OFFSET
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise InvalidDate(_("This date does not exist. Check the day and the month.")) from None
    if date > timezone.localdate() or date.year < 1880:
        raise InvalidDate(_("Check the year: it is not a possible date of birth."))
    return date


# Where the register comes from


@dataclass(frozen=True)
class RegisterMatch:
    """The register knows the person; `area` is the Area it registers them in, if any."""

    area: object = None


class UploadedRegister:
    """The register each municipality's staff upload in the admin, kept as
    ResidentRecord rows.

    A backend is any class with `match(municipality, national_id, birth_date)`, where
    national_id is 13 digits and birth_date a date, returning a RegisterMatch or None;
    name it by dotted path in BOKRAO_PARTICIPATION["RESIDENT_REGISTER_BACKEND"] to ask
    another source.
    """

    def match(self, municipality, national_id, birth_date):
        record = (
            ResidentRecord.objects.filter(
                municipality=municipality, id_hash=id_hash(national_id), birth_date=birth_date
            )
            .select_related("area")
            .first()
        )
        return RegisterMatch(record.area) if record else None


def register_backend():
    return import_string(blocks_setting("RESIDENT_REGISTER_BACKEND"))()


# The citizen's action


def verify_resident(participant, municipality, national_id, birth_date):
    """Mark `participant` as a verified resident of `municipality` if its register
    knows this ID and date. They then live there (and in the register's area).

    Raises VerificationRefused with a message in the active language. "Not in the
    register" and "another date of birth" get the same message, so the form cannot be
    used to find out whether someone is in the register.
    """
    try:
        digits = normalise_national_id(national_id)
    except InvalidNationalId as error:
        raise VerificationRefused(str(error), "national_id") from None
    try:
        birth_date = parse_birth_date(birth_date)
    except InvalidDate as error:
        raise VerificationRefused(str(error), "birth_date") from None
    found = register_backend().match(municipality, digits, birth_date)
    if found is None:
        raise VerificationRefused(
            _(
                "We could not find this ID number with this date of birth in the "
                "municipality's register. Check both, or ask at the municipal office."
            )
        )
    hashed = id_hash(digits)
    used_elsewhere = VerificationRefused(
        _(
            "This ID number has already verified another account. If that was not you, "
            "contact the municipal office."
        ),
        "national_id",
    )
    try:
        with transaction.atomic():
            services.locked(participant)
            mine = ResidentVerification.objects.filter(
                participant=participant, municipality=municipality
            ).first()
            if mine and mine.resident_id_hash and mine.resident_id_hash != hashed:
                raise VerificationRefused(
                    _("Your account is already verified with another ID number."),
                    "national_id",
                )
            taken = ResidentVerification.objects.filter(
                municipality=municipality, resident_id_hash=hashed
            ).exclude(participant=participant)
            if taken.exists():
                raise used_elsewhere
            # Staff verification on site is the higher level and stays.
            services.verify_in(
                participant,
                municipality,
                VerificationLevel.RESIDENT,
                resident_id_hash=hashed,
                area=found.area,
            )
    except IntegrityError:  # another account took this ID at the same moment
        raise used_elsewhere from None
    return participant


# Staff's upload


def read_register_csv(data):
    """The rows of an uploaded CSV file (bytes) as (line, national_id, birth_date) text.

    UTF-8, with or without the byte-order mark spreadsheets write; a header row names
    the columns national_id and birth_date (others are ignored); empty lines are skipped.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegisterRefused(
            [(None, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."))]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _register_rows(reader)
    except csv.Error:  # a cell past the csv module's limit of 128 KB
        message = _("This line cannot be read as CSV: one of its cells is longer than 128 KB.")
        raise RegisterRefused([(reader.line_num, message)]) from None


def _register_rows(reader):
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in ("national_id", "birth_date") if name not in header]
    if missing:
        raise RegisterRefused(
            [
                (
                    1,
                    _("The first line must name the columns: %(columns)s.")
                    % {"columns": "national_id, birth_date"},
                )
            ]
        )
    id_column, date_column = header.index("national_id"), header.index("birth_date")
    # An optional column: the code of the area (Area.code) the person is registered in.
    area_column = header.index("area") if "area" in header else None
    last = max(id_column, date_column, area_column or 0)
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        row += [""] * (last + 1 - len(row))
        area = row[area_column] if area_column is not None else ""
        rows.append((reader.line_num, row[id_column], row[date_column], area))
    return rows


def replace_register(municipality, rows):
    """Replace `municipality`'s whole register with `rows` of (line, national_id,
    birth_date[, area code]).

    Every row is checked first; if any is wrong nothing changes and RegisterRefused lists
    each bad line. Otherwise the old register is replaced in one transaction. Returns the
    number of entries.
    """
    problems = []
    records = {}
    first_seen = {}
    areas = {area.code: area for area in municipality.areas.all()}
    for line, national_id, birth_date, *area_code in rows:
        try:
            hashed = id_hash(national_id)
            date = parse_birth_date(birth_date)
        except (InvalidNationalId, InvalidDate) as error:
            problems.append((line, str(error)))
            continue
        code = (area_code[0] if area_code else "").strip()
        if code and code not in areas:
            problems.append(
                (line, _("No area of this municipality has the code “%(code)s”.") % {"code": code})
            )
            continue
        if hashed in records:
            problems.append(
                (line, _("The same ID number is on line %(line)s.") % {"line": first_seen[hashed]})
            )
            continue
        records[hashed] = (date, areas.get(code))
        first_seen[hashed] = line
    if problems:
        raise RegisterRefused(problems)
    if not records:
        raise RegisterRefused([(None, _("The file has no entries. The register is unchanged."))])
    with transaction.atomic():
        ResidentRecord.objects.filter(municipality=municipality).delete()
        ResidentRecord.objects.bulk_create(
            (
                ResidentRecord(municipality=municipality, id_hash=h, birth_date=d, area=area)
                for h, (d, area) in records.items()
            ),
            batch_size=2000,
        )
    return len(records)


def register_summary(municipality):
    """How many entries `municipality`'s register holds and when it was last uploaded."""
    records = ResidentRecord.objects.filter(municipality=municipality)
    latest = records.order_by("-uploaded_at").values_list("uploaded_at").first()
    return {"count": records.count(), "uploaded_at": latest[0] if latest else None}
