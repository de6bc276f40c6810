"""The actions on ballots: add a project to one's ballot in a part, remove it, submit the
ballot, reopen it; staff's entry of a paper ballot (R9); and taking a project off every
ballot when it leaves the ballot while balloting runs.

Every action of one person in a round takes the lock of their RoundVoter row (created
under its unique constraint on their first action, then selected for update), then
checks again what it checked before, as the database has it now (decision 015): of
parallel requests that together would overspend a part, each one finds the lines the
previous ones stored, and of a paper and an online ballot entered at once, the second
finds the first one's channel.

A ballot counts only once submitted: BallotLine.counted is True exactly while its ballot
is submitted, so the count is one GROUP BY over counted lines (counting/tally.py).
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from theme.compiled import EXAMPLE_INT, EXAMPLE_TEXT, EXAMPLE_UUID, CompiledQuery
from theme.user_input import clean_user_text

from ...municipalities.standing import settle_relation, standing
from ...participants.rules import Decision, Refused
from ...timing import now
from ..choices import Channel
from ..models import Ballot, BallotLine, LineRemoval, Project, RoundVoter
from ..parts import part_of
from ..rules import may_enter_paper_ballots
from . import rules

WIDGET = "ballot"


class BallotRefused(Refused):
    """Nothing was stored; `decision` says why (in the visitor's language).

    `status` is 403 when the person may not do this (now), 400 when what they sent is
    wrong (a project not on the ballot, one too many)."""


def _check(decision, status=403):
    if not decision.allowed:
        raise BallotRefused(decision, status)


def _refuse(reason, status=400):
    return BallotRefused(Decision(False, reason), status)


@dataclass(frozen=True)
class BallotNow:
    """A ballot as an action left it: what the page and the script show next, without
    asking the database again."""

    ballot: Ballot | None
    chosen: list  # [(project id, cost)] in the order they were added

    @property
    def costs(self):
        return [cost for _pk, cost in self.chosen]


# Every ballot action asks these with other values: compiled once (theme/compiled.py).
# One row at most for the voter and the project (unique): no ordering to ask for.
_VOTER_LOCKED = CompiledQuery(
    lambda consultation, participant_id: (
        RoundVoter.objects.select_for_update()
        .filter(consultation=consultation, participant_id=participant_id)
        .order_by()[:1]
    ),
    EXAMPLE_UUID,
    EXAMPLE_INT,
)
# The person's online ballot in a part with its lines (one row per line, or one row
# of the ballot alone), each with its project's cost and whether it is still on offer
# (what rules.on_ballot reads).
_BALLOT_FIELDS = ("pk", "consultation", "part", "participant_id", "submitted_at")
_LINE_FIELDS = (
    "lines__pk",
    "lines__project_id",
    "lines__project__cost",
    "lines__project__estimated_cost",
    "lines__project__consultation",
    "lines__project__part",
    "lines__project__review",
    "lines__project__shortlisted",
)
_BALLOT_WITH_LINES = CompiledQuery(
    lambda consultation, part, participant_id: (
        Ballot.objects.filter(consultation=consultation, part=part, participant_id=participant_id)
        .order_by("lines__added_at", "lines__pk")
        .values_list(*_BALLOT_FIELDS, *_LINE_FIELDS)
    ),
    EXAMPLE_UUID,
    EXAMPLE_TEXT.format(1),
    EXAMPLE_INT,
)
_PROJECT = CompiledQuery(
    lambda pk: (
        Project.objects.filter(pk=pk)
        .only("consultation", "part", "review", "shortlisted", "cost", "estimated_cost")
        .order_by()[:1]
    ),
    EXAMPLE_INT,
)


@dataclass(frozen=True)
class _Line:
    """A line as the actions need it."""

    pk: int
    project_id: int
    cost: int
    on_offer: tuple  # (consultation, part, review, shortlisted) of its project now

    def on_ballot_of(self, page, part_key):
        consultation, part, review, shortlisted = self.on_offer
        project = SimpleNamespace(
            consultation=consultation, part=part, review=review, shortlisted=shortlisted
        )
        return rules.on_ballot(project, page, part_key).allowed


def _locked_voter(participant, page, channel):
    """The person's RoundVoter row of this round, locked until the transaction ends.

    Made on their first action; of two first actions at once, the unique constraint
    lets one make it and the other find it (get_or_create runs in a savepoint)."""
    found = _VOTER_LOCKED.instances(page.translation_key, participant.pk)
    if found:
        return found[0]
    voter, _created = RoundVoter.objects.get_or_create(
        consultation=page.translation_key, participant=participant, defaults={"channel": channel}
    )
    return RoundVoter.objects.select_for_update().get(pk=voter.pk)


def _allowed_now(participant, page, part_key, at):
    """The part, if the person may ballot in it now (asked before the lock: nothing
    here depends on their ballots)."""
    part = _part_or_refuse(page, part_key)
    _check(rules.may_take_part(participant, page, part, at))
    return part


def _lock(participant, page, part):
    """Take the person's lock, then check what depends on their ballots as stored now:
    one part per group, and online only if they have not balloted on paper."""
    voter = _locked_voter(participant, page, Channel.ONLINE)
    _check(rules.room_for(participant, page, part, voter.channel, Channel.ONLINE))


def _part_or_refuse(page, part_key):
    part = part_of(page, part_key)
    if part is None:
        raise BallotRefused(Decision(False, _("This round has no such part.")), 404)
    return part


def _ballot(participant, page, part_key):
    """The person's online ballot in the part, whole, as stored now (or None)."""
    return Ballot.objects.filter(
        consultation=page.translation_key, part=part_key, participant=participant
    ).first()


def _ballot_and_lines(participant, page, part_key, create=True):
    """(the person's online ballot in the part, made on first need, its lines as _Line
    in the order they were added), as stored now, in one query."""
    rows = _BALLOT_WITH_LINES.rows(page.translation_key, part_key, participant.pk)
    if rows:
        # Only what the actions read or write: the other fields load if asked for.
        ballot = Ballot.from_db(
            "default",
            [name if name != "pk" else "id" for name in _BALLOT_FIELDS],
            rows[0][: len(_BALLOT_FIELDS)],
        )
        lines = []
        for row in rows:
            pk, project_id, cost, estimated, *on_offer = row[len(_BALLOT_FIELDS) :]
            if pk is not None:  # the ballot alone: no line on it
                cost = cost if cost is not None else estimated
                lines.append(_Line(pk, project_id, cost, tuple(on_offer)))
        return ballot, lines
    if not create:
        return None, []
    ballot = Ballot(
        consultation=page.translation_key, widget=WIDGET, part=part_key, channel=Channel.ONLINE
    )
    settle_relation(participant, page)
    ballot.take_snapshot(standing(participant, page))
    ballot.save()
    return ballot, []


def _chosen(lines):
    """[(project id, cost)] of `lines`."""
    return [(line.project_id, line.cost) for line in lines]


def _choosable(project_id, page, part_key):
    """The project, as stored now, if a ballot of the part may hold it."""
    found = _PROJECT.instances(project_id)
    if not found:
        raise _refuse(_("This project is not on the ballot of this part."))
    _check(rules.on_ballot(found[0], page, part_key), 400)
    return found[0]


def _reopen(ballot):
    """A submitted ballot that is changed is not counted until it is submitted again.

    Why, rather than keeping it submitted and checking each change against the submit
    rules: a person who swaps one project for another removes first and adds after, and
    between the two steps their ballot may be below the round's minimum (70% of the
    money, two projects); refusing the removal would make a ballot impossible to change,
    and counting the in-between ballot would count something they never confirmed. The
    ballot page says plainly that a changed ballot must be submitted again."""
    if ballot.submitted_at is None:
        return
    ballot.submitted_at = None
    ballot.save(update_fields=["submitted_at", "updated_at"])
    BallotLine.objects.filter(ballot=ballot).update(counted=False)


def add_line(participant, page, part_key, project, at=None):
    """Put `project` on `participant`'s ballot in the part. Returns a BallotNow."""
    part = _allowed_now(participant, page, part_key, at)
    project_id = project.pk if isinstance(project, Project) else project
    with transaction.atomic():
        _lock(participant, page, part)
        project = _choosable(project_id, page, part_key)
        ballot, lines = _ballot_and_lines(participant, page, part_key)
        chosen = _chosen(lines)
        if any(pk == project.pk for pk, _cost in chosen):
            return BallotNow(ballot, chosen)  # already on it: a second click changes nothing
        limits = rules.limits_of(page, part)
        cost = rules.cost_of(project)
        _check(rules.may_add(limits, [cost for _pk, cost in chosen], cost), 400)
        _reopen(ballot)
        BallotLine.objects.create(
            ballot=ballot, project=project, consultation=ballot.consultation, part=part_key
        )
    return BallotNow(ballot, [*chosen, (project.pk, cost)])


def remove_line(participant, page, part_key, project, at=None):
    """Take `project` off the ballot (nothing changes if it was not on it). Returns a
    BallotNow."""
    part = _allowed_now(participant, page, part_key, at)
    project_id = project.pk if isinstance(project, Project) else project
    with transaction.atomic():
        _lock(participant, page, part)
        ballot, lines = _ballot_and_lines(participant, page, part_key, create=False)
        line = next((line for line in lines if line.project_id == project_id), None)
        if line is not None:
            _reopen(ballot)
            BallotLine.objects.filter(pk=line.pk).delete()
            lines.remove(line)
    return BallotNow(ballot, _chosen(lines))


def submit_ballot(participant, page, part_key, at=None):
    """Submit the ballot: it counts from now on (and can still be changed until
    balloting closes). Returns a BallotNow."""
    part = _allowed_now(participant, page, part_key, at)
    with transaction.atomic():
        _lock(participant, page, part)
        ballot, lines = _ballot_and_lines(participant, page, part_key, create=False)
        if ballot is None:
            raise _refuse(_("Choose at least one project before you submit."))
        # A line added at the very moment staff took its project off the ballot:
        # remove_project_from_ballots could not see it yet.
        stale_ids = [line.pk for line in lines if not line.on_ballot_of(page, part_key)]
        if stale_ids:
            stale = list(
                BallotLine.objects.filter(pk__in=stale_ids).select_related("project", "ballot")
            )
            _remove_lines(stale, rules.removal_reason(stale[0].project, part_key), None, at)
            raise _refuse(
                _("A project on your ballot is no longer on offer and was removed. Look again.")
            )
        chosen = _chosen(lines)
        _check(rules.may_submit(rules.limits_of(page, part), [c for _p, c in chosen]), 400)
        ballot.submitted_at = at or now()
        ballot.save(update_fields=["submitted_at", "updated_at"])
        BallotLine.objects.filter(ballot=ballot).update(counted=True)
    return BallotNow(ballot, chosen)


def reopen(participant, page, part_key, at=None):
    """Take a submitted ballot back to change it: not counted until submitted again.
    Returns a BallotNow."""
    part = _allowed_now(participant, page, part_key, at)
    with transaction.atomic():
        _lock(participant, page, part)
        ballot, lines = _ballot_and_lines(participant, page, part_key, create=False)
        if ballot is not None:
            _reopen(ballot)
    return BallotNow(ballot, _chosen(lines))


def ballot_of(participant, page, part_key):
    """The person's ballot in the part, or None (for templates and views)."""
    if participant is None:
        return None
    return _ballot(participant, page, part_key)


# Paper ballots (R9) ------------------------------------------------------------------


def enter_paper_ballot(user, page, participant, part_key, project_ids, place, cast_at=None):
    """A paper ballot filled in at `place` at `cast_at`, entered by staff `user`: counted
    with the online ones, shown apart (channel paper).

    `participant` is a Participant, or a staff.on_site.NewParticipant for someone
    without an account (created, staff-verified, as on-site entry does). Returns the
    ballot; raises BallotRefused with nothing stored."""
    from ...staff import on_site

    if not may_enter_paper_ballots(user, page):
        raise BallotRefused(
            Decision(False, _("You do not enter paper ballots for this municipality.")), 403
        )
    place = " ".join(clean_user_text(place or "").split())[:200]
    if not place:
        raise _refuse(_("Say where this ballot was cast."))
    part = _part_or_refuse(page, part_key)
    ids = list(dict.fromkeys(int(pk) for pk in project_ids))
    if not ids:
        raise _refuse(_("Tick the projects the ballot chose."))
    cast_at = cast_at or now()
    with transaction.atomic():
        # The person as on-site entry finds or registers them (verified by staff).
        person, _created = on_site._on_site_participant(participant, page)
        voter = _locked_voter(person, page, Channel.PAPER)
        _check(rules.channel_decision(voter.channel, Channel.PAPER))
        _check(rules.may_ballot(person, page, part_key, cast_at, channel=Channel.PAPER))
        if Ballot.objects.filter(
            consultation=page.translation_key, part=part_key, participant=person
        ).exists():
            raise _refuse(_("A paper ballot of this person in this part is already entered."))
        projects = [_choosable(pk, page, part_key) for pk in ids]
        limits = rules.limits_of(page, part)
        costs = []
        for project in projects:
            _check(rules.may_add(limits, costs, rules.cost_of(project)), 400)
            costs.append(rules.cost_of(project))
        _check(rules.may_submit(limits, costs), 400)
        ballot = Ballot(
            consultation=page.translation_key,
            widget=WIDGET,
            part=part_key,
            channel=Channel.PAPER,
            submitted_at=now(),
            cast_at=cast_at,
            entered_by=user,
            entered_at_place=place,
        )
        settle_relation(person, page)
        ballot.take_snapshot(standing(person, page))
        try:
            with transaction.atomic():
                ballot.save()
        except IntegrityError as error:
            raise _refuse(
                _("A paper ballot of this person in this part is already entered.")
            ) from error
        BallotLine.objects.bulk_create(
            BallotLine(
                ballot=ballot,
                project=project,
                consultation=ballot.consultation,
                part=part_key,
                counted=True,
            )
            for project in projects
        )
    return ballot


# A project leaves the ballot ----------------------------------------------------------


def remove_project_from_ballots(project, reason, by=None, at=None):
    """`project` moved to another part, was found not feasible or left the shortlist
    while balloting runs: its lines go from every ballot, each removal is kept
    (LineRemoval) and each person is told (an email, and a notice on their ballot page
    until they have seen it). A submitted ballot stays submitted without the project:
    the rest is what the person confirmed; one left with no project is no longer
    submitted (there is nothing to count). Returns the removals.

    Call it in the transaction that changes the project (projects/services.py)."""
    with transaction.atomic():
        # Each person's lock, in one order, so that no add or submit of theirs runs
        # in between (and two removals cannot deadlock).
        people = BallotLine.objects.filter(project=project).values("ballot__participant")
        list(
            RoundVoter.objects.select_for_update()
            .filter(consultation=project.consultation, participant__in=people)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        lines = list(BallotLine.objects.filter(project=project).select_related("ballot"))
        return _remove_lines(lines, reason, by, at)


def _remove_lines(lines, reason, by, at):
    at = at or now()
    removals = LineRemoval.objects.bulk_create(
        LineRemoval(
            consultation=line.consultation,
            participant_id=line.ballot.participant_id,
            project_id=line.project_id,
            part=line.part,
            reason=reason,
            was_submitted=line.ballot.submitted_at is not None,
            removed_at=at,
            by=by,
        )
        for line in lines
    )
    BallotLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
    # A submitted ballot is never empty, so the count reads ballots, not their lines.
    Ballot.objects.filter(
        pk__in={line.ballot_id for line in lines}, submitted_at__isnull=False
    ).exclude(Exists(BallotLine.objects.filter(ballot=OuterRef("pk")))).update(submitted_at=None)
    ids = [removal.pk for removal in removals if removal.participant_id is not None]
    if ids:
        from .emails import tell_lines_removed

        transaction.on_commit(lambda: tell_lines_removed.enqueue(ids))
    return removals


def unseen_removals(participant, page, part_key=None):
    """The removals of `participant`'s lines they have not seen yet (newest first)."""
    if participant is None:
        return []
    found = LineRemoval.objects.filter(
        consultation=page.translation_key, participant=participant, seen_at__isnull=True
    ).select_related("project")
    if part_key is not None:
        found = found.filter(part=part_key)
    return list(found)


def mark_seen(removals, at=None):
    LineRemoval.objects.filter(pk__in=[removal.pk for removal in removals]).update(
        seen_at=at or now()
    )
