"""A part's ballots and results as a Pabulib file (pabulib.org/format), so researchers
and the public can check a count with their own tools: one .pb file per part.

Pabulib keeps one file per budget: a city whose districts each have their own money is
published as one file per district (the `subunit`), never one file of several budgets,
which the format cannot say. So the whole round is a .zip of its parts' files
(pb_zip), read from one stream of the round's ballots.

No personal data: voters are numbered 1, 2, 3 in the order of their ballots, and each
row holds only the projects chosen and whether the ballot was cast online or on paper
(Pabulib's `voting_method`). The rule is written as pabulib-checker knows it:
"greedy-threshold" with a threshold of 1 vote for most votes first (a project nobody
chose does not win), and "unknown" with a comment for our Method of Equal Shares (cost
utilities, which the checker's equal shares, with approval utilities, does not
compute). Projects are listed in the published tie order, so that the checker's
greedy, which sorts by votes only, meets ties as we do."""

import csv
import io
import zipfile

from ..choices import BallotKind, Channel, CountingRule
from ..parts import part_of
from . import tally
from .greedy import Candidate, tie_order

METHODS = {Channel.ONLINE: "internet", Channel.PAPER: "paper"}


def _date(value):
    return value.strftime("%d.%m.%Y") if value else ""


def _ballot_dates(page):
    for span in page.timeline().spans():
        if span.kind.key == "ballot":
            return span.starts_at, span.ends_at
    return page.opens_at, page.closes_at


def _known(outcome_parts):
    return {p["key"]: {v["id"] for v in p["projects"]} for p in outcome_parts}


def _votes(page, known, part=None):
    """{part key: [(sorted project ids, voting method)]}: one stream of the ballots."""
    found = {}
    for key, _ballot, channel, chosen in tally.approval_sets(
        page.translation_key, part=part, details=True
    ):
        chosen = sorted(chosen & known.get(key, set()))
        if chosen:
            found.setdefault(key, []).append((chosen, METHODS.get(channel, "internet")))
    return found


def pb_file(page, part_key, count, votes=None, titles=None, municipality=None):
    """The Pabulib text of part `part_key` of round `page`, with the winners of
    `count` (the round's rule's RoundCount). pb_zip passes what it read once for all
    parts: the ballots' `votes`, the projects' `titles` and the `municipality`."""
    from ...municipalities.services import municipality_of

    part = part_of(page, part_key)
    outcome = next(p for p in count.outcome["parts"] if p["key"] == part_key)
    known = {verdict["id"] for verdict in outcome["projects"]}
    if votes is None:
        votes = _votes(page, {part_key: known}, part=part_key)
    votes = votes.get(part_key, [])
    if titles is None:
        titles = dict(page_projects(page).filter(pk__in=known).values_list("pk", "title"))
        municipality = municipality_of(page)
    begin, end = _ballot_dates(page)
    meta = [
        ("description", f"{page.title}: {part.name}"),
        ("country", "Thailand"),
        ("unit", municipality.name if municipality else page.title),
        ("subunit", part.name),
        ("instance", str((begin or page.opens_at).year)),
        ("num_projects", len(outcome["projects"])),
        ("num_votes", len(votes)),
        ("budget", part.money),
        ("vote_type", "approval"),
        ("rule", "greedy-threshold" if count.rule == CountingRule.GREEDY else "unknown"),
        ("date_begin", _date(begin)),
        ("date_end", _date(end or begin)),
    ]
    if page.ballot_kind == BallotKind.APPROVAL and page.approval_limit:
        meta.append(("max_length", page.approval_limit))
    else:
        meta.append(("max_sum_cost", part.money))
    if count.rule == CountingRule.GREEDY:
        meta.append(("min_project_score_threshold", 1))
    meta += [("language", "th"), ("currency", "THB")]
    if count.rule != CountingRule.GREEDY:
        meta.append(
            (
                "comment",
                "#1: Method of Equal Shares with cost utilities, completed by raising "
                f"each voter's share by {outcome['notes'].get('step', 1)} baht while the "
                "outcome fits, then by most votes first.",
            )
        )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    writer.writerows(meta)
    out.write("PROJECTS\n")
    writer.writerow(["project_id", "cost", "votes", "name", "selected"])
    ordered = sorted(
        outcome["projects"],
        key=lambda v: tie_order(Candidate(v["id"], v["cost"], v["votes"])),
    )
    for verdict in ordered:
        writer.writerow(
            [
                verdict["id"],
                verdict["cost"],
                verdict["votes"],
                titles.get(verdict["id"], ""),
                1 if verdict["won"] else 0,
            ]
        )
    out.write("VOTES\n")
    writer.writerow(["voter_id", "vote", "voting_method"])
    for number, (chosen, method) in enumerate(votes, 1):
        writer.writerow([number, ",".join(str(i) for i in chosen), method])
    return out.getvalue()


def pb_zip(page, count, name):
    """The whole round as a .zip of one Pabulib file per part that had projects on its
    ballot (bytes), each named `name`-<part key>.pb."""
    from ...municipalities.services import municipality_of

    known = _known(count.outcome["parts"])
    votes = _votes(page, known)
    every = set().union(*known.values()) if known else set()
    titles = dict(page_projects(page).filter(pk__in=every).values_list("pk", "title"))
    municipality = municipality_of(page)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for outcome in count.outcome["parts"]:
            if part_of(page, outcome["key"]) is None or not outcome["projects"]:
                # A part removed from the page after the count, or one with no project
                # on the ballot: Pabulib has no instance without projects.
                continue
            text = pb_file(page, outcome["key"], count, votes, titles, municipality)
            archive.writestr(f"{name}-{outcome['key']}.pb", text.encode("utf-8"))
    return out.getvalue()


def page_projects(page):
    from ..models import Project

    return Project.objects.filter(consultation=page.translation_key)
