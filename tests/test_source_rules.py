"""A consultation has one rule in every language: widget settings (who may take part,
when results show) and phases are read from the page the translations are made from,
so an editor's change on the Thai page holds on /en/ before the translation is synced."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from consultation_blocks.factories import make_participant, widget, widget_body
from consultation_blocks.models import Vote
from consultation_blocks.participants.choices import VerificationLevel
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db


def _translate(page, english):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=english)
    translation.save_target(publish=False)
    translated = page.get_translation(english).specific
    translated.get_latest_revision().publish()  # as load_demo_content does
    return type(translated).objects.get(pk=translated.pk)


@pytest.fixture
def bilingual(home):
    """A Thai vote page and its English translation, both live."""
    english = Locale.objects.get(language_code="en")
    section = make_section(home, "vote", slug="votes")
    _translate(section, english)
    thai = make_consultation(
        section,
        title="ไฟส่องสว่าง",
        body=widget_body(widget("agree_disagree", "w-lights", results="live")),
    )
    thai.save_revision().publish()
    return thai, _translate(thai, english)


def _change_thai_widget(thai, **settings):
    """The editor changes the widget on the Thai page only (no sync of the English one)."""
    body = thai.body.get_prep_value()
    body[0]["value"].update(settings)
    thai.body = json.dumps(body)
    thai.save_revision().publish()


def test_raising_the_level_on_the_thai_page_holds_on_the_english_page(bilingual, client):
    thai, english = bilingual
    _change_thai_widget(thai, minimum_verification=str(VerificationLevel.RESIDENT.value))
    voter = make_participant(verification_level=VerificationLevel.EMAIL)
    client.force_login(voter.user)

    response = client.post(
        reverse("bokrao_vote"),
        {"page": english.pk, "widget": "w-lights", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_results_hidden_on_the_thai_page_are_hidden_on_the_english_page_and_in_json(
    bilingual, client
):
    thai, english = bilingual
    _change_thai_widget(thai, results="after_closing")
    voter = make_participant()
    client.force_login(voter.user)

    response = client.post(
        reverse("bokrao_vote"),
        {"page": english.pk, "widget": "w-lights", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert "choices" not in response.json()  # no counts while results are hidden

    html = client.get(english.url).content.decode()
    assert 'data-result="agree"' not in html
    assert Vote.objects.count() == 1


def test_live_results_come_with_the_json_answer(bilingual, client):
    _thai, english = bilingual
    client.force_login(make_participant().user)
    response = client.post(
        reverse("bokrao_vote"),
        {"page": english.pk, "widget": "w-lights", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["choices"] == {"agree": 1}


def test_the_english_page_follows_the_thai_pages_phases(bilingual, client):
    """The phases are read from the source page: a vote closed there is closed on /en/."""
    from consultation_blocks.timing import frozen_at

    thai, english = bilingual
    client.force_login(make_participant().user)
    with frozen_at(thai.closes_at):  # the listening phase has just ended
        response = client.post(
            reverse("bokrao_vote"),
            {"page": english.pk, "widget": "w-lights", "choice": "agree"},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 403
    assert Vote.objects.count() == 0
