"""Three hundred municipalities on one platform: the front page, a municipality's home
page and a consultation run as many queries as with three."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pb_pages.factories import bulk_municipalities, make_platform
from pb_pages.models import DebatePage, HomePage

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # the site, the root paths and the content types, cached afterwards
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, captured


def test_bulk_made_municipalities_are_served_like_any_other(client):
    platform = make_platform()
    [home] = bulk_municipalities(platform, 1, consultations=2)
    assert HomePage.objects.get(pk=home.pk).get_parent().pk == platform.pk
    assert client.get("/th/m0/").context["processes"][0]["consultations"]
    response = client.get("/th/m0/debates/d1/")
    assert response.status_code == 200
    assert response.context["page"].timeline().state() == "open"
    assert DebatePage.objects.child_of(home.get_children().get()).count() == 2


def _open_counts(provinces):
    return sum(entry["open_count"] for group in provinces for entry in group["municipalities"])


def test_three_hundred_municipalities_cost_the_queries_of_three(client):
    platform = make_platform()
    bulk_municipalities(platform, 3, consultations=4, open_every=2)
    province = "จังหวัดทดสอบ 1"
    pages = {
        "province": f"/th/?province={province}",
        "home page": "/th/m1/",
        "consultation": "/th/m1/debates/d2/",
    }
    few = {name: _queries(client, url) for name, url in pages.items()}
    # Three municipalities: the front page lists them all, with what is open.
    front, _queries_few = _queries(client, "/th/")
    assert _open_counts(front.context["provinces"]) == 3 * 2
    assert _open_counts(few["province"][0].context["provinces"]) == 2

    bulk_municipalities(platform, 97, consultations=4, open_every=2, start=3)
    provinces_of_100 = _queries(client, "/th/")
    bulk_municipalities(platform, 200, consultations=4, open_every=2, start=100)
    many = {name: _queries(client, url) for name, url in pages.items()}

    # Past LISTED_AT_ONCE the front page lists the provinces, in the same queries for
    # a hundred municipalities as for three hundred, and stays light on a phone.
    front, queries = _queries(client, "/th/")
    assert [(p["count"], p["open_count"]) for p in front.context["province_list"]] == [
        (30, 60)
    ] * 10
    assert len(queries) == len(provinces_of_100[1])
    assert len(front.content) < 150 * 1024
    # A province's page lists its thirty, whatever the others.
    listed = many["province"][0].context["provinces"]
    assert sum(len(group["municipalities"]) for group in listed) == 30
    assert _open_counts(listed) == 30 * 2
    for name in pages:
        assert len(many[name][1]) == len(few[name][1]), (
            name,
            [query["sql"] for query in many[name][1]],
        )
