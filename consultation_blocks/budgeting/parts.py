"""A round's parts as the rules use them: read once from the page's `parts` stream
through the one walker, keyed by block id."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from ..walker import walk
from ..widgets.rules import source_page
from .blocks import PartBlock, PartGroupBlock


@dataclass(frozen=True)
class Part:
    key: str  # the part's block id: what projects, ballots and counts store
    name: str
    money: int  # baht
    area_id: int | None  # None for a theme
    description: str
    group_key: str | None  # None for a part outside any group
    group_name: str
    parts_per_person: int | None  # in how many parts of its group one person may ballot
    supports_per_person: int | None  # how many projects of its group one person may support


def parts_of(page):
    """The round's parts in reading order (the source-language page's: one set of parts
    and money in every language; names are read from `page` itself where translated)."""
    cache = page.__dict__.setdefault("_bokrao_parts", {})
    if "parts" not in cache:
        cache["parts"] = _read(page)
    return cache["parts"]


def _read(page):
    source = source_page(page)
    money = {part.key: part for part in _walk(source)}
    if source is page:
        return list(money.values())
    # A translation names its parts in its own language; the money is the source's.
    named = {part.key: part for part in _walk(page)}
    return [
        replace(part, name=named[part.key].name, group_name=named[part.key].group_name)
        if part.key in named
        else part
        for part in money.values()
    ]


def _walk(page):
    groups = {}
    found_parts = []
    for found in walk(getattr(page, "parts", None)):
        if found.id and isinstance(found.block, PartGroupBlock):
            groups[found.id] = found.value
        elif found.id and isinstance(found.block, PartBlock):
            found_parts.append(found)
    for found in found_parts:
        group_key = next((key for key in found.path[:-1] if key in groups), None)
        group = groups.get(group_key)
        value = found.value
        area = value.get("area")
        yield Part(
            key=found.id,
            name=value.get("name") or "",
            money=int(value.get("money") or 0),
            area_id=int(area) if area else None,
            description=value.get("description") or "",
            group_key=group_key,
            group_name=(group.get("name") or "") if group else "",
            parts_per_person=group.get("parts_per_person") if group else None,
            supports_per_person=group.get("supports_per_person") if group else None,
        )


def part_of(page, key):
    """The part `key` of the round, or None."""
    return next((part for part in parts_of(page) if part.key == key), None)


def total_money(page):
    return sum(part.money for part in parts_of(page))


def parts_problems(parts, total, municipality_id, area_municipality):
    """What is wrong with a round's parts, for the page form: the parts' money must fit
    the round's total, and an area must be one of the round's municipality.
    `area_municipality` maps an area id to its municipality's id."""
    problems = []
    spread = sum(part.money for part in parts)
    if total is not None and spread > total:
        problems.append(
            _("The parts hold %(spread)s baht, more than the round's %(total)s baht.")
            % {"spread": f"{spread:,}", "total": f"{total:,}"}
        )
    for part in parts:
        if part.area_id is None or municipality_id is None:
            continue
        if area_municipality.get(part.area_id) != municipality_id:
            problems.append(
                _("The part “%(part)s” names an area of another municipality.")
                % {"part": part.name}
            )
    return problems
