"""Search learns its document types from the apps (search/registry.py) and imports none."""

import ast
import logging
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.timezone import now

from pb_pages.models import InformationPage
from search import registry
from search.models import OutboxEntry
from search.outbox import send_all_due

SEARCH = Path(__file__).resolve().parents[1] / "search"
DOMAIN_APPS = {"consultation_blocks", "pb_pages"}


def _imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_module_of_search_imports_a_domain_app():
    modules = sorted(SEARCH.rglob("*.py"))
    assert len(modules) > 20  # the walk found the app, migrations and commands included

    found = [
        f"{path.relative_to(SEARCH.parent)} imports {module}"
        for path in modules
        for module in _imported_modules(path)
        if module.split(".")[0] in DOMAIN_APPS
    ]

    assert found == [], "search/ must learn about apps through search.registry"


def test_the_apps_register_pages_votes_comments_and_proposals_and_say_which_are_read():
    assert set(registry.DOCUMENT_TYPES) == {
        "page",
        "vote",
        "comment",
        "proposal",
        "draft_paragraph",
        "project",
    }
    assert sorted(registry.public_types()) == [
        "comment",
        "draft_paragraph",
        "page",
        "project",
        "proposal",
    ]
    assert sorted(registry.staff_types()) == ["comment", "page", "project", "proposal"]
    assert sorted(name for name, t in registry.DOCUMENT_TYPES.items() if t.follows_page) == [
        "comment",
        "draft_paragraph",
        "page",
        "project",
        "proposal",
    ]
    assert set(registry.STAFF_FILTERS) == {
        "moderation_state",
        "voter_group",
        "area",
        "proposal_state",
        "process_type",
    }
    with translation.override("en"):
        assert registry.label_of("status", "open") == "Open"
    assert registry.label_of("process_type", "not-a-process") == "not-a-process"


def test_a_type_registered_twice_is_refused():
    with pytest.raises(ValueError, match="'comment' is registered twice"):
        registry.register(registry.DOCUMENT_TYPES["comment"])


class RecordingIndex:
    """Stands in for the engine: keeps what the outbox sends."""

    name = "bokrao-test"

    def __init__(self):
        self.actions = []

    def bulk(self, actions):
        self.actions.extend(actions)


@pytest.mark.django_db
def test_an_outbox_entry_of_an_unregistered_type_is_reported_and_the_rest_is_sent(
    home, settings, caplog
):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unused"}
    page = home.add_child(instance=InformationPage(title="ยังส่งได้", body=[]))
    page.save_revision().publish()
    # Left behind by an app that indexed petitions and is no longer installed.
    stray = OutboxEntry.objects.create(document_type="petition", object_id="7")
    index = RecordingIndex()

    with caplog.at_level(logging.ERROR, logger="search.outbox"):
        sent = send_all_due(index)

    assert sent == 1
    assert [action["_id"] for action in index.actions] == [f"page-{page.pk}"]
    stray.refresh_from_db()
    assert "petition" in stray.last_error and "No app registers" in stray.last_error
    assert stray.attempts == 1 and stray.next_attempt_at > now()
    assert any("petition" in record.getMessage() for record in caplog.records)
    # Kept, not lost: it waits for an app that registers the type.
    assert send_all_due(index) == 0
    assert OutboxEntry.objects.filter(pk=stray.pk).exists()
