"""URL slugs for pages titled in Thai.

Django's and Wagtail's slugify drop Thai vowels and tone marks (they are not
word characters), so "ไฟส่องสว่าง" would become the unreadable "ไฟสองสวาง".
Our URLs are ASCII: the editor may type an English slug; when they leave it
empty, the title is romanised word by word with the Royal Thai General System
(docs/decisions/003-thai-urls.md).
"""

import re

from django.utils.text import slugify
from pythainlp.tokenize import word_tokenize
from pythainlp.transliterate import romanize
from wagtail.models import Page

THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
MAX_SLUG_LENGTH = 80


def _romanise(match):
    words = word_tokenize(match.group(0), keep_whitespace=False)
    return " ".join(romanize(word, engine="royin") for word in words)


def readable_slug(title):
    """An ASCII slug for `title`; empty only when the title has nothing to spell."""
    latin = THAI_RUN.sub(_romanise, title or "")
    slug = slugify(latin, allow_unicode=False)[:MAX_SLUG_LENGTH].strip("-")
    return slug


def available_slug(base, parent, page=None):
    """`base`, or `base-2`, `base-3`... whichever no sibling under `parent` uses."""
    base = base or "page"
    candidate, number = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        number += 1
        candidate = f"{base}-{number}"
    return candidate
