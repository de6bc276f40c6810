"""Wagtail's page index on the engine is created with our Thai analysis whenever it does
not exist yet, whichever comes first: a page published, a command, a search. And
`search_rebuild` fills it as well as the participation index."""

import io
import uuid

import pytest
from django.core.management import call_command
from wagtail.models import Page

from pb_pages.factories import make_home
from pb_pages.models import InformationPage
from search.engines import client_for
from search.thai import index_text

pytestmark = pytest.mark.django_db

DARK_LANE = "ถนนในซอยมืดมากควรติดไฟส่องสว่าง"


@pytest.fixture
def page_index(opensearch_url, settings):
    """Page search on the OpenSearch node, in indexes of its own that nothing created yet."""
    prefix = f"bokrao-test-{uuid.uuid4().hex[:12]}-"
    client = client_for(opensearch_url)

    def use_engine():
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.engine",
                "URLS": [opensearch_url],
                "INDEX_PREFIX": prefix,
            }
        }

    name = f"{prefix}wagtailcore_page"
    try:
        yield {"name": name, "client": client, "use_engine": use_engine}
    finally:
        for index in client.indices.get(index=f"{prefix}*"):
            client.indices.delete(index=index)


def _analyses_thai(index):
    client, name = index["client"], index["name"]
    assert client.indices.exists(index=name), f"{name} was not created"
    # Made with our settings and mapping: Wagtail's catch-all field exists and cuts the
    # words of search/thai.py at spaces only (a dynamic mapping has neither).
    words = index_text(DARK_LANE)
    tokens = client.indices.analyze(index=name, body={"field": "_all_text", "text": words})
    analysis = next(iter(client.indices.get_settings(index=name).values()))["settings"]
    default = analysis["index"].get("analysis", {}).get("analyzer", {}).get("default", {})
    return default.get("type") == "whitespace" and [t["token"] for t in tokens["tokens"]] == (
        words.split()
    )


def _found(index, query):
    results = Page.objects.live().search(query)  # makes the index if none is there
    if index:
        index["client"].indices.refresh(index=index["name"])
    return {page.title for page in results}


def _lane_page(home):
    page = InformationPage(title="คำร้องจากชาวบ้าน", body=[("paragraph", f"<p>{DARK_LANE}</p>")])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_first_published_page_creates_the_page_index_with_thai_analysis(page_index):
    page_index["use_engine"]()
    home = make_home()  # saved and indexed before anything made the index
    _lane_page(home)

    assert _analyses_thai(page_index)
    assert page_index["client"].indices.exists_alias(name=page_index["name"])
    assert _found(page_index, "ไฟส่องสว่าง") == {"คำร้องจากชาวบ้าน"}


def test_a_search_before_any_page_creates_the_page_index(page_index):
    page_index["use_engine"]()

    assert _found(page_index, "ถนน") == set()  # no error from a missing index

    assert _analyses_thai(page_index)


def test_update_index_swaps_out_the_index_a_page_created(page_index):
    page_index["use_engine"]()
    _lane_page(make_home())

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())

    behind = list(page_index["client"].indices.get_alias(name=page_index["name"]))
    assert len(behind) == 1 and not behind[0].endswith("_first")
    assert _analyses_thai(page_index)
    assert _found(page_index, "ไฟส่องสว่าง") == {"คำร้องจากชาวบ้าน"}


def test_search_rebuild_fills_the_participation_and_the_page_index(page_index, participation_index):
    # Pages made while page search ran on the database: the engine has neither index.
    _lane_page(make_home())
    assert not page_index["client"].indices.exists(index=page_index["name"])
    page_index["use_engine"]()

    out = io.StringIO()
    call_command("search_rebuild", stdout=out)

    assert "Indexed 1 documents" in out.getvalue()  # the information page
    assert "The page index is rebuilt." in out.getvalue()
    assert participation_index.count() == 1
    assert _analyses_thai(page_index)
    assert _found(page_index, "ไฟส่องสว่าง") == {"คำร้องจากชาวบ้าน"}


def test_search_rebuild_without_an_engine_rebuilds_page_search_on_the_database(settings):
    settings.BOKRAO_SEARCH = {"URL": ""}
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    _lane_page(make_home())

    out = io.StringIO()
    call_command("search_rebuild", stdout=out)

    assert "No search engine is configured" in out.getvalue()
    assert _found(None, "ไฟส่องสว่าง") == {"คำร้องจากชาวบ้าน"}
