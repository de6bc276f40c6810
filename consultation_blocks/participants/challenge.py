"""The challenge a sign-up needs once one address has made many accounts in an hour.

A town hall's Wi-Fi or a mobile network can put hundreds of honest people behind one
address, so sign-ups from an address are not simply refused: past
SIGN_UP_CHALLENGE_AFTER in an hour, each next one costs something that a person pays
once and a script creating accounts pays for every one.

- With JavaScript, the browser finds a number whose SHA-256 with the form's seed starts
  with SIGN_UP_CHALLENGE_BITS zero bits (about 2**bits hashes: a second or two on a
  phone, CPU for every account a script makes). static theme/js/challenge.js.
- Without JavaScript, the form is accepted SIGN_UP_CHALLENGE_WAIT seconds after it was
  shown: a person reads the form meanwhile.

A challenge is signed (no table of open challenges), says when it was made, and is
accepted once: its seed is counted in the rate limits' table.
"""

import hashlib
import secrets

from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import limits
from ..conf import blocks_setting
from ..timing import now

SALT = "bokrao.sign-up-challenge"
MAX_AGE = 3600  # seconds a challenge can be answered in


def new():
    """A new challenge to put in the form: (token, bits)."""
    bits = blocks_setting("SIGN_UP_CHALLENGE_BITS")
    made = {"seed": secrets.token_hex(12), "bits": bits, "at": int(now().timestamp())}
    return signing.dumps(made, salt=SALT), bits


def seed_of(token):
    """The seed the browser's script hashes with (the token's own, read back)."""
    return str(signing.loads(token, salt=SALT)["seed"])


def leading_zero_bits(digest):
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        bits += 8 - byte.bit_length()
        break
    return bits


def solves(seed, bits, solution):
    digest = hashlib.sha256(f"{seed}:{solution}".encode()).digest()
    return leading_zero_bits(digest) >= bits


def refusal(token, solution):
    """Why the challenge `token` with `solution` is not passed (a message), or None.

    Passing uses it up: the same form sent again needs a new challenge.
    """
    try:
        made = signing.loads(token or "", salt=SALT)
        seed, bits, at = str(made["seed"]), int(made["bits"]), int(made["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return _("Please send the form again: it needs a fresh check.")
    waited = now().timestamp() - at
    if waited > MAX_AGE:
        return _("This form was open too long. Please send it again.")
    solved = bool(solution) and len(solution) <= 40 and solves(seed, bits, solution)
    wait = blocks_setting("SIGN_UP_CHALLENGE_WAIT")
    if not solved and waited < wait:
        left = max(1, round(wait - waited))
        return ngettext(
            "Many accounts were created from your network in the last hour. Please wait "
            "%(seconds)d more second, then press the button again.",
            "Many accounts were created from your network in the last hour. Please wait "
            "%(seconds)d more seconds, then press the button again.",
            left,
        ) % {"seconds": left}
    if limits.count(limits.window_key("sign_up_challenge", seed), MAX_AGE) > 1:
        return _("Please send the form again: it needs a fresh check.")
    return None
