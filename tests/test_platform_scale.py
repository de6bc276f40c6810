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


def test_three_hundred_municipalities_cost_the_queries_of_three(client):
    platform = make_platform()
    bulk_municipalities(platform, 3, consultations=4, open_every=2)
    pages = {"front page": "/th/", "home page": "/th/m1/", "consultation": "/th/m1/debates/d2/"}
    few = {name: _queries(client, url) for name, url in pages.items()}
    assert (
        sum(
            entry["open_count"]
            for group in few["front page"][0].context["provinces"]
            for entry in group["municipalities"]
        )
        == 3 * 2
    )

    bulk_municipalities(platform, 297, consultations=4, open_every=2, start=3)
    many = {name: _queries(client, url) for name, url in pages.items()}
    front = many["front page"][0]
    assert sum(len(group["municipalities"]) for group in front.context["provinces"]) == 300
    assert (
        sum(
            entry["open_count"]
            for group in front.context["provinces"]
            for entry in group["municipalities"]
        )
        == 300 * 2
    )
    for name in pages:
        assert len(many[name][1]) == len(few[name][1]), (
            name,
            [query["sql"] for query in many[name][1]],
        )
