"""The public search page on the participation index (a real OpenSearch node)."""

import pytest

from pb_pages.factories import make_consultation, make_round, make_section
from pb_pages.models import DebatePage, InformationPage
from search.outbox import send_all_due

pytestmark = pytest.mark.django_db


def _published(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _index_everything(index):
    send_all_due(index)
    index.refresh()


def test_thai_query_finds_a_word_inside_a_sentence_with_highlight(
    home, participation_index, client
):
    debates = make_section(home, "debate", slug="debates")
    lane = make_consultation(
        debates,
        DebatePage,
        title="ไฟฟ้าในซอย",
        body=[("paragraph", "<p>ถนนในซอยมืดมากควรติดไฟส่องสว่าง</p>")],
    )
    lane.save_revision().publish()
    _index_everything(participation_index)

    response = client.get("/th/search/", {"q": "ไฟส่องสว่าง"})

    html = response.content.decode()
    found = response.context["found"]
    assert found.total == 1
    assert found.hits[0]["title"] == "ไฟฟ้าในซอย"
    assert "<mark>" in found.hits[0]["snippets"][0]
    assert f'href="{lane.url}"' in html
    assert found.facets["process_type"]["options"][0]["label"] == "การอภิปราย"


def test_facets_narrow_the_results_and_can_be_removed(home, participation_index, client):
    debates = make_section(home, "debate", slug="debates")
    budget = make_section(home, "budget", slug="budget")
    for number in range(2):
        make_consultation(
            debates, DebatePage, title=f"หนองมน เวที {number}"
        ).save_revision().publish()
    make_round(budget, title="หนองมน งบประมาณ").save_revision().publish()
    _index_everything(participation_index)

    everything = client.get("/th/search/", {"q": "หนองมน"}).context["found"]
    counts = {o["key"]: o["count"] for o in everything.facets["process_type"]["options"]}
    assert counts == {"debate": 2, "budget": 1}

    response = client.get("/th/search/", {"q": "หนองมน", "process_type": "budget"})
    narrowed = response.context["found"]
    assert [hit["title"] for hit in narrowed.hits] == ["หนองมน งบประมาณ"]
    assert (
        narrowed.facets["process_type"]["clear_url"]
        == "?q=%E0%B8%AB%E0%B8%99%E0%B8%AD%E0%B8%87%E0%B8%A1%E0%B8%99"
    )


def test_results_are_paginated(home, participation_index, client):
    for number in range(25):
        _published(home, InformationPage(title=f"ประกาศเทศบาล {number}", body=[]))
    _index_everything(participation_index)

    first = client.get("/th/search/", {"q": "ประกาศ"}).context["found"]
    second = client.get("/th/search/", {"q": "ประกาศ", "page": "2"}).context["found"]

    assert first.total == 25 and first.pages == 2
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert not {h["title"] for h in first.hits} & {h["title"] for h in second.hits}


def test_only_published_documents_reach_the_public(home, participation_index, client):
    _published(home, InformationPage(title="ประกาศที่เผยแพร่", body=[]))
    _index_everything(participation_index)
    # A document a moderator hid (comments and proposals carry this state).
    participation_index.bulk(
        [
            {
                "_index": participation_index.name,
                "_id": "comment-999",
                "_source": {
                    "doc_type": "comment",
                    "title": "ประกาศที่ถูกซ่อน",
                    "text": "ประกาศที่ถูกซ่อน",
                    "locale": "th",
                    "moderation_state": "hidden",
                },
            }
        ]
    )
    participation_index.refresh()

    found = client.get("/th/search/", {"q": "ประกาศ"}).context["found"]

    assert [hit["title"] for hit in found.hits] == ["ประกาศที่เผยแพร่"]


def test_english_search_shows_english_pages_by_default(demo_home, participation_index, client):
    from django.core.management import call_command

    call_command("search_rebuild", stdout=__import__("io").StringIO())
    found = client.get("/en/search/", {"q": "lights"}).context["found"]
    assert [hit["title"] for hit in found.hits] == ["Street lighting: which lanes first"]
    assert found.facets["locale"]["selected"] == "en"


def test_engine_down_falls_back_to_page_search_with_a_notice(home, settings, client):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unreachable"}
    _published(home, InformationPage(title="Street lights", body=[]))

    response = client.get("/th/search/", {"q": "Street"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["engine_down"] is True
    assert "ขณะนี้ระบบค้นหาทำงานในโหมดแบบง่าย" in html
    assert "Street lights" in html


def test_search_covers_every_municipality_or_one_of_them(home, participation_index, client):
    from wagtail.models import Page, Site

    from consultation_blocks.municipalities.services import municipality_of
    from pb_pages.models import HomePage

    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="เขตราชเทวี", slug="ratchathewi", locale=home.locale)
    )
    here, there = municipality_of(home), municipality_of(other)
    for parent, title in [(home, "ตลาดนัดแสนสุข"), (other, "ตลาดนัดราชเทวี")]:
        section = make_section(parent, "debate", slug=f"debates-{parent.slug}")
        make_consultation(section, DebatePage, title=title).save_revision().publish()
    _index_everything(participation_index)

    def titles(response):
        return sorted(hit["title"] for hit in response.context["found"].hits)

    # The default site's root is the first municipality's home page (its own site): its
    # search covers it, until the visitor asks for every municipality.
    own = client.get("/th/search/", {"q": "ตลาดนัด"})
    assert titles(own) == ["ตลาดนัดแสนสุข"]
    assert own.context["found"].facets["municipality"]["clear_url"].endswith("municipality=all")
    everywhere = client.get("/th/search/", {"q": "ตลาดนัด", "municipality": "all"})
    assert titles(everywhere) == ["ตลาดนัดราชเทวี", "ตลาดนัดแสนสุข"]
    options = everywhere.context["found"].facets["municipality"]["options"]
    assert {o["label"]: o["count"] for o in options} == {"เทศบาลทดสอบ": 1, "เขตราชเทวี": 1}
    one = client.get("/th/search/", {"q": "ตลาดนัด", "municipality": str(there.pk)})
    assert titles(one) == ["ตลาดนัดราชเทวี"]

    # The other municipality on a hostname of its own: its search covers it.
    Site.objects.create(hostname="ratchathewi.example", port=80, root_page=other)
    on_its_host = client.get("/th/search/", {"q": "ตลาดนัด"}, HTTP_HOST="ratchathewi.example")
    assert titles(on_its_host) == ["ตลาดนัดราชเทวี"]
    assert here.pk != there.pk
