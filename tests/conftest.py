import io

import pytest
from django.core.management import call_command

from pb_pages.factories import make_home


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def demo_home(db):
    """The demo municipality, loaded by the same command the Quick start runs."""
    from pb_pages.models import HomePage

    call_command("load_demo_content", stdout=io.StringIO())
    return HomePage.objects.get(slug="saensuk", locale__language_code="th")
