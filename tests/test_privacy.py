import pytest
from django.utils import translation

from consultation_blocks.privacy.policy import personal_data_policy

pytestmark = pytest.mark.django_db


def _in(language, text):
    """`text` as our catalogues say it in `language` (English until it is translated)."""
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["th", "en"])
def test_privacy_page_renders_in_each_language(home, client, language):
    response = client.get(f"/{language}/participate/account/privacy/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert _in(language, "How we use your data") in html
    assert f'href="/{language}/cookies/"' in html  # cookies are described there


def test_privacy_page_states_the_municipalitys_current_setting_for_deleted_accounts(home, client):
    policy = personal_data_policy()

    html = client.get("/en/participate/account/privacy/").content.decode()

    assert "salted hash" in html
    assert f"<dd>{policy.comments_after_deletion.label}</dd>" in html
    assert f"<dd>{policy.votes_after_deletion.label}</dd>" in html


def test_default_policy_keeps_comments_as_a_deleted_participants_and_votes_anonymously():
    policy = personal_data_policy()
    assert policy.comments_after_deletion.value == "keep"
    assert policy.votes_after_deletion.value == "keep"
    with translation.override("en"):
        assert "deleted participant" in str(policy.comments_after_deletion)
        assert "counted anonymously" in str(policy.votes_after_deletion)


def test_sign_up_form_links_to_the_privacy_page_by_its_consent_box(home, client):
    html = client.get("/th/participate/account/sign-up/").content.decode()

    assert 'href="/th/participate/account/privacy/"' in html
    assert _in("th", "How we use your data") in html
    assert 'aria-describedby="id_accept_privacy_helptext"' in html


def test_footer_links_to_the_privacy_page(home, client):
    html = client.get("/en/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/en/participate/account/privacy/">How we use your data</a>' in footer
