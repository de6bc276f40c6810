"""What a visitor sends, made safe before anything uses it: text without control
characters, ids that are database ids, a `next` that stays on this site.

Every app reads its parameters through these (participation, search, the theme's cookie
choice), so one bad value is handled the same way everywhere: it never reaches the
database or a redirect as it came. It lives in the theme, the one app every other may
import (search imports no domain app).
"""

import re

from django.utils.http import url_has_allowed_host_and_scheme

# C0 control characters but tab, line feed and carriage return; DEL; and the surrogate
# halves a JSON string may carry alone (no encoding can store them). PostgreSQL refuses
# NUL in text outright; the others are never meant as text and break pages and exports.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

# The largest value of a BigAutoField (and of SQLite's INTEGER).
MAX_ID = 2**63 - 1


def clean_user_text(value):
    """`value` as text with NUL and the other control characters removed (None: "").

    Tab, line feed and carriage return stay: a comment keeps its lines.
    """
    if value is None:
        return ""
    return _NOT_TEXT.sub("", str(value))


def parse_id(value):
    """A database id from a form, a query or a URL, or None when it is not one.

    Only ASCII digits: "²".isdigit() is true and int() refuses it, "٣" is a digit to
    int() but not to anyone typing an id; and never past the largest id a database holds.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def is_local_url(request, url):
    """True for a path of this site ("/th/..."): never another site, a scheme such as
    javascript:, a protocol-relative "//host", or a bare word that is no path at all."""
    return (
        isinstance(url, str)
        and url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def next_url(request, default, *, from_query=True):
    """The form's `next` (or the query's, when `from_query`) if it is a local URL of this
    site; otherwise `default`."""
    target = request.POST.get("next") or (request.GET.get("next") if from_query else None)
    return target if is_local_url(request, target) else default
