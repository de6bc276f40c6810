"""Rate limits: how often one address or one participant may try something.

Counted in Django's cache, in fixed windows. With several server processes the cache
must be shared (database or Redis cache) for the limits to hold across them.
"""

from django.core.cache import cache
from django.utils.translation import gettext as _

from consultation_blocks.conf import blocks_setting


class TooMany(Exception):
    def __init__(self, seconds):
        minutes = max(1, round(seconds / 60))
        super().__init__(
            _("Too many attempts. Please wait %(minutes)s minutes and try again.")
            % {"minutes": minutes}
        )


def client_address(request):
    # REMOTE_ADDR is the proxy's address behind one; production sets the real one there.
    return request.META.get("REMOTE_ADDR", "")


def check(action, who):
    """Count one attempt at `action` by `who`; raise TooMany past the configured limit."""
    attempts, seconds = blocks_setting("RATE_LIMITS")[action]
    key = f"bokrao-limit:{action}:{who}"
    # Increment first: only a window's first attempt creates the key. (Adding first would
    # make the database cache try an INSERT on every request, which fails and is logged.)
    try:
        count = cache.incr(key)
    except ValueError:  # no window open yet
        if cache.add(key, 1, timeout=seconds):
            count = 1
        else:  # a parallel request opened it first
            count = cache.incr(key)
    if count > attempts:
        raise TooMany(seconds)
