"""theme/compiled.py: a queryset compiled once gives what the queryset gives, for any values."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Count
from django.db.transaction import TransactionManagementError

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.models import Vote
from consultation_blocks.participants.models import Participant
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import DebatePage
from theme.compiled import (
    EXAMPLE_INT,
    EXAMPLE_MOMENT,
    EXAMPLE_TEXT,
    EXAMPLE_UUID,
    CompiledQuery,
)
from theme.pages import live_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_debates(home):
    section = make_section(home, "debate", slug="debates")
    pages = []
    for slug in ("one", "two"):
        page = make_consultation(
            section, slug=slug, body=widget_body(widget("agree_disagree", "w-agree"))
        )
        page.save_revision().publish()
        pages.append(page)
    return pages


def _counts(consultation, widget_id):
    return (
        Vote.objects.filter(consultation=consultation, widget=widget_id)
        .values_list("choices", "voter_group")
        .annotate(n=Count("pk"))
        .order_by("voter_group")
    )


def test_rows_are_the_querysets_own_for_each_new_value(two_debates):
    one, two = two_debates
    for n in range(3):
        cast_vote(make_participant(f"r{n}", voter_group="resident"), one, "w-agree", "agree")
    cast_vote(make_participant("b", voter_group="interested"), one, "w-agree", "disagree")
    cast_vote(make_participant("t"), two, "w-agree", "disagree")
    query = CompiledQuery(_counts, EXAMPLE_UUID, EXAMPLE_TEXT.format(1))

    for page in (one, two):
        # Converted by the fields: choices come back as lists, not JSON text.
        assert query.rows(page.translation_key, "w-agree") == list(
            _counts(page.translation_key, "w-agree")
        )
    assert query.rows(one.translation_key, "w-agree")[0][0] == ["disagree"]
    assert query.rows(str(one.translation_key), "w-none") == []


def test_instances_carry_fields_annotations_and_moments(two_debates):
    one, two = two_debates
    # live_page compiles its query per page class; the page comes back whole.
    assert live_page(one.pk) == one  # Wagtail's two queries the first time
    again = live_page(one.pk)  # the compiled one
    assert type(again) is DebatePage
    assert (again.pk, again.title, again.translation_key) == (
        one.pk,
        one.title,
        one.translation_key,
    )
    assert again.first_published_at == DebatePage.objects.get(pk=one.pk).first_published_at
    assert [block.block_type for block in again.body] == ["agree_disagree"]
    assert live_page(two.pk).pk == two.pk
    DebatePage.objects.filter(pk=two.pk).update(live=False)
    assert live_page(two.pk) is None


def test_moments_are_passed_as_the_backend_wants(two_debates):
    somchai = make_participant()
    cast_vote(somchai, two_debates[0], "w-agree", "agree")
    stored = Vote.objects.get()
    query = CompiledQuery(
        lambda since: Vote.objects.filter(updated_at__gte=since).values_list("pk"), EXAMPLE_MOMENT
    )
    assert query.rows(stored.updated_at - timedelta(seconds=1)) == [(stored.pk,)]
    assert query.rows(stored.updated_at + timedelta(seconds=1)) == []


def test_an_example_that_is_not_in_the_query_exactly_once_is_refused():
    twice = CompiledQuery(
        lambda pk: Participant.objects.filter(pk=pk) | Participant.objects.filter(user_id=pk),
        EXAMPLE_INT,
    )
    with pytest.raises(ImproperlyConfigured, match="2 times"):
        twice.rows(1)
    missing = CompiledQuery(lambda pk: Participant.objects.filter(pk=1), EXAMPLE_INT)
    with pytest.raises(ImproperlyConfigured, match="0 times"):
        missing.rows(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_locking_query_needs_a_transaction_every_time():
    somchai = make_participant()
    locked = CompiledQuery(
        lambda pk: Participant.objects.select_for_update().filter(pk=pk), EXAMPLE_INT
    )
    with transaction.atomic():
        assert [found.pk for found in locked.instances(somchai.pk)] == [somchai.pk]
    # Outside one, as Django says for the queryset itself (a database that has no row
    # locks, SQLite, ignores select_for_update and so this rule).
    from django.db import connection

    if connection.features.has_select_for_update:
        with pytest.raises(TransactionManagementError):
            locked.instances(somchai.pk)
