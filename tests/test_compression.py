"""Pages are compressed when the browser accepts it (docs/decisions/032): a long Thai
page shrinks to a fraction, and reads the same once uncompressed."""

import gzip

import pytest

from consultation_blocks.drafts import factories as f
from pb_pages.factories import make_draft, make_section

pytestmark = pytest.mark.django_db


def test_a_long_draft_is_sent_compressed_to_a_browser_that_accepts_it(home, client):
    text = [
        f.chapter("หมวด", *[f.section(*["ให้ผู้ค้าคัดแยกมูลฝอยก่อนนำไปทิ้ง" * 6] * 2) for _ in range(60)])
    ]
    draft = make_draft(make_section(home, "legislation", slug="drafts"), text, slug="long")

    plain = client.get(draft.url)
    packed = client.get(draft.url, HTTP_ACCEPT_ENCODING="gzip")

    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 4
    unpacked = gzip.decompress(packed.content).decode()
    assert "ให้ผู้ค้าคัดแยกมูลฝอยก่อนนำไปทิ้ง" in unpacked
