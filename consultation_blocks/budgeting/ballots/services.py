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

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

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


def _locked_voter(participant, page, channel):
    """The person's RoundVoter row of this round, locked until the transaction ends.

    Made on their first action; of two first actions at once, the unique constraint
    lets one make it and the other find it (get_or_create runs in a savepoint)."""
    voter, _created = RoundVoter.objects.get_or_create(
        consultation=page.translation_key, participant=participant, defaults={"channel": channel}
    )
    return RoundVoter.objects.select_for_update().get(pk=voter.pk)


def _part_or_refuse(page, part_key):
    part = part_of(page, part_key)
    if part is None:
        raise BallotRefused(Decision(False, _("This round has no such part.")), 404)
    return part


def _ballot(participant, page, part_key, create=True):
    """The person's online ballot in the part (made on first need), as stored now."""
    found = Ballot.objects.filter(
        consultation=page.translation_key, part=part_key, participant=participant
    ).first()
    if found is not None or not create:
        return found
    ballot = Ballot(
        consultation=page.translation_key, widget=WIDGET, part=part_key, channel=Channel.ONLINE
    )
    settle_relation(participant, page)
    ballot.take_snapshot(standing(participant, page))
    ballot.save()
    return ballot


def _chosen(ballot):
    """The projects on a ballot now: [(project id, cost)]."""
    if ballot is None:
        return []
    return [
        (pk, cost if cost is not None else estimated)
        for pk, cost, estimated in BallotLine.objects.filter(ballot=ballot)
        .order_by("added_at", "pk")
        .values_list("project_id", "project__cost", "project__estimated_cost")
    ]


def _choosable(project_id, page, part_key):
    """The project, as stored now, if a ballot of the part may hold it."""
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise _refuse(_("This project is not on the ballot of this part."))
    _check(rules.on_ballot(project, page, part_key), 400)
    return project


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
    """Put `project` on `participant`'s ballot in the part. Returns the ballot."""
    part = _part_or_refuse(page, part_key)
    _check(rules.may_ballot(participant, page, part_key, at))
    project_id = project.pk if isinstance(project, Project) else project
    with transaction.atomic():
        _locked_voter(participant, page, Channel.ONLINE)
        # Again under the lock: the channel, the group and the lines as stored now.
        _check(rules.may_ballot(participant, page, part_key, at))
        project = _choosable(project_id, page, part_key)
        ballot = _ballot(participant, page, part_key)
        chosen = _chosen(ballot)
        if any(pk == project.pk for pk, _cost in chosen):
            return ballot  # already on it: a second click changes nothing
        limits = rules.limits_of(page, part)
        _check(rules.may_add(limits, [cost for _pk, cost in chosen], rules.cost_of(project)), 400)
        _reopen(ballot)
        BallotLine.objects.create(
            ballot=ballot, project=project, consultation=ballot.consultation, part=part_key
        )
    return ballot


def remove_line(participant, page, part_key, project, at=None):
    """Take `project` off the ballot. True if it was on it."""
    _part_or_refuse(page, part_key)
    _check(rules.may_ballot(participant, page, part_key, at))
    project_id = project.pk if isinstance(project, Project) else project
    with transaction.atomic():
        _locked_voter(participant, page, Channel.ONLINE)
        _check(rules.may_ballot(participant, page, part_key, at))
        ballot = _ballot(participant, page, part_key, create=False)
        if ballot is None:
            return False
        line = BallotLine.objects.filter(ballot=ballot, project_id=project_id).first()
        if line is None:
            return False
        _reopen(ballot)
        line.delete()
    return True


def _stale_lines(ballot, page, part_key):
    """Lines whose project left the ballot (a line added at the very moment staff took
    its project off: remove_project_from_ballots could not see it yet)."""
    return [
        line
        for line in BallotLine.objects.filter(ballot=ballot).select_related("project")
        if not rules.on_ballot(line.project, page, part_key).allowed
    ]


def submit_ballot(participant, page, part_key, at=None):
    """Submit the ballot: it counts from now on (and can still be changed until
    balloting closes). Returns the ballot."""
    part = _part_or_refuse(page, part_key)
    _check(rules.may_ballot(participant, page, part_key, at))
    with transaction.atomic():
        _locked_voter(participant, page, Channel.ONLINE)
        _check(rules.may_ballot(participant, page, part_key, at))
        ballot = _ballot(participant, page, part_key, create=False)
        if ballot is None:
            raise _refuse(_("Choose at least one project before you submit."))
        stale = _stale_lines(ballot, page, part_key)
        if stale:
            _remove_lines(stale, rules.removal_reason(stale[0].project, part_key), None, at)
            raise _refuse(
                _("A project on your ballot is no longer on offer and was removed. Look again.")
            )
        _check(rules.may_submit(rules.limits_of(page, part), [c for _p, c in _chosen(ballot)]), 400)
        ballot.submitted_at = at or now()
        ballot.save(update_fields=["submitted_at", "updated_at"])
        BallotLine.objects.filter(ballot=ballot).update(counted=True)
    return ballot


def reopen(participant, page, part_key, at=None):
    """Take a submitted ballot back to change it: not counted until submitted again."""
    _part_or_refuse(page, part_key)
    _check(rules.may_ballot(participant, page, part_key, at))
    with transaction.atomic():
        _locked_voter(participant, page, Channel.ONLINE)
        _check(rules.may_ballot(participant, page, part_key, at))
        ballot = _ballot(participant, page, part_key, create=False)
        if ballot is not None:
            _reopen(ballot)
    return ballot


def ballot_of(participant, page, part_key):
    """The person's ballot in the part, or None (for templates and views)."""
    if participant is None:
        return None
    return _ballot(participant, page, part_key, create=False)


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
