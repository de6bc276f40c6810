"""Whether the search engine answers: the cheap question, and what searches last saw.

`answers(url)` asks the engine a cheap question (GET /, a short timeout). The outbox
worker asks it at every round while entries wait for an engine that was away
(search/outbox.py, `send_waiting`), so it notices at once when the engine is back.

Public search and staff search go through `call`: a failure marks the engine down
("down since"), neither believed forever nor forgotten at once. For `ENGINE_RECHECK`
seconds after it, searches do not wait on the engine (they answer from the database or
say so straight away); then the next search asks `answers` and uses the engine again if
it does. Per process and in memory: a restart forgets it, and the first search then
simply tries the engine. Django's clock (search knows no domain app); tests pass `at`.
"""

import logging
from datetime import timedelta

from django.utils.timezone import now

from . import engines
from .conf import search_setting

log = logging.getLogger(__name__)

# Seconds the probe waits for an answer: a node that takes longer is as good as down.
PROBE_TIMEOUT = 2

_down_since = {}  # url -> when it last failed


def mark_down(url, error=None, at=None):
    """The engine at `url` just failed (connection refused, timeout, 5xx, a broken index)."""
    if url not in _down_since:
        log.warning("The search engine at %s is down: %s", url, error)
    _down_since[url] = at or now()


def mark_up(url):
    if _down_since.pop(url, None) is not None:
        log.warning("The search engine at %s answers again.", url)


def marked_down(url):
    return url in _down_since


def forget():
    """Forget every mark (tests)."""
    _down_since.clear()


def answers(url, timeout=PROBE_TIMEOUT):
    """Whether the engine at `url` answers a cheap request now (GET /, nothing searched)."""
    try:
        engines.detect_product(url, timeout=timeout)
    except engines.EngineUnavailable:
        return False
    return True


def usable(url, at=None):
    """Whether a search view should ask the engine at `url` now.

    Yes unless it failed recently; once the mark is `ENGINE_RECHECK` seconds old, the
    engine is probed: it answers, the mark goes; it does not, the mark is renewed.
    """
    since = _down_since.get(url)
    if since is None:
        return True
    at = at or now()
    if at - since < timedelta(seconds=search_setting("ENGINE_RECHECK")):
        return False
    if answers(url):
        mark_up(url)
        return True
    _down_since[url] = at
    return False


def call(url, work, at=None):
    """work() against the engine at `url`, or EngineUnavailable without waiting on it.

    Any failure of `work` marks the engine down and comes out as EngineUnavailable, so
    a caller has one exception to answer with its fallback (never a server error).
    """
    if not usable(url, at):
        raise engines.EngineUnavailable(f"The search engine at {url} was down moments ago.")
    try:
        return work()
    except Exception as error:
        mark_down(url, error, at)
        raise engines.EngineUnavailable(f"The search engine at {url} failed: {error}") from error
