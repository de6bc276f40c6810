"""Test and demo helpers: a round's parts as raw stream data, and its projects."""

from ..timing import now
from .choices import Review
from .models import Project


def part(key, name, money, area=None, description=""):
    """A part as raw stream data: `key` is its block id (what projects and ballots keep)."""
    return {
        "type": "part",
        "id": key,
        "value": {
            "name": name,
            "area": str(area.pk) if area is not None else "",
            "money": money,
            "description": description,
        },
    }


def group(key, name, *parts, parts_per_person=1, supports_per_person=None):
    """A group of parts (built with part() above, which then nest as group items)."""
    return {
        "type": "group",
        "id": key,
        "value": {
            "name": name,
            "parts_per_person": parts_per_person,
            "supports_per_person": supports_per_person,
            "parts": list(parts),
        },
    }


# A round's steps from a month ago to the next months: balloting runs now.
BALLOTING_NOW = [
    ("information", -40, -30),
    ("submitting_projects", -30, -20),
    ("reviewing_projects", -20, -15),
    ("supporting_projects", -15, -10),
    ("publishing_costs", -10, -1),
    ("ballot", -1, 10),
    ("counting", 10, 12),
    ("results", 12, 40),
    ("implementation", 40, None),
]


def make_project(
    round_page,
    part_key,
    title="ซ่อมไฟทางในซอย",
    cost=None,
    author=None,
    review=Review.FEASIBLE,
    shortlisted=True,
    **fields,
):
    """A project of `round_page` in part `part_key`: reviewed feasible with `cost` and on
    the ballot unless told otherwise; by `author` (a Participant) or by staff."""
    estimated = fields.pop("estimated_cost", cost or 100_000)
    project = Project(
        consultation=round_page.translation_key,
        widget="round",
        round=round_page,
        part=part_key,
        language=round_page.locale.language_code,
        title=title,
        description=fields.pop("description", f"รายละเอียดของโครงการ{title}"),
        estimated_cost=estimated,
        cost=cost if review == Review.FEASIBLE else None,
        review=review,
        reviewed_at=now() if review != Review.PENDING else None,
        shortlisted=shortlisted and review == Review.FEASIBLE,
        **fields,
    )
    if author is not None:
        from ..municipalities.standing import standing

        project.take_snapshot(standing(author, round_page))
    else:
        from ..municipalities.services import municipality_of

        found = municipality_of(round_page)
        project.municipality_id = found.pk if found else None
    project.save()
    return project
