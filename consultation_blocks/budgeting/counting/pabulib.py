"""A part's ballots and results as a Pabulib file (pabulib.org/format), so researchers
and the public can check a count with their own tools: one .pb file per part.

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


def pb_file(page, part_key, count):
    """The Pabulib text of part `part_key` of round `page`, with the winners of
    `count` (the round's rule's RoundCount)."""
    from ...municipalities.services import municipality_of

    part = part_of(page, part_key)
    outcome = next(p for p in count.outcome["parts"] if p["key"] == part_key)
    known = {verdict["id"] for verdict in outcome["projects"]}
    votes = []
    for _part, _ballot, channel, chosen in tally.approval_sets(
        page.translation_key, part=part_key, details=True
    ):
        chosen = sorted(chosen & known)
        if chosen:
            votes.append((chosen, METHODS.get(channel, "internet")))
    titles = dict(page_projects(page).filter(pk__in=known).values_list("pk", "title"))
    begin, end = _ballot_dates(page)
    municipality = municipality_of(page)
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


def page_projects(page):
    from ..models import Project

    return Project.objects.filter(consultation=page.translation_key)
