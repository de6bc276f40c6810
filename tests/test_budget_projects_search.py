"""Projects in the participation index: every project of a live round is public, but
not one whose author is blocked; the document links to the project's page."""

import pytest

from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.projects.documents import ProjectDocuments
from consultation_blocks.factories import make_participant
from consultation_blocks.timing import now
from pb_pages.factories import make_round, make_section
from search import registry

pytestmark = pytest.mark.django_db


def test_projects_are_registered_with_search():
    assert isinstance(registry.DOCUMENT_TYPES["project"], ProjectDocuments)


def test_a_projects_document_links_to_its_page_and_is_public_unless_its_author_is_blocked(
    home,
):
    round_page = make_round(make_section(home, "budget", slug="budget"))
    author = make_participant("author")
    project = make_project(round_page, "north", "ซ่อมไฟทาง", author=author)
    documents = ProjectDocuments()
    document = documents.builder()(project)
    assert document["title"] == "ซ่อมไฟทาง"
    assert document["url"] == f"{round_page.url}p/{project.pk}/"
    assert document["moderation_state"] == "published"
    assert documents.still_public([str(project.pk)]) == {str(project.pk)}
    author.blocked_at = now()
    author.save()
    assert documents.still_public([str(project.pk)]) == set()
