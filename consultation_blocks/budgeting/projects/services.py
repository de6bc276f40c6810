"""The actions on a round's projects: a participant submits one, staff create one or
turn an accepted proposal into one, staff review it (feasible with a cost, or not with
a public reason; within the municipality's powers or not), move it to another part and
choose the shortlist; participants support projects to shortlist them.

Views, the admin, the demo and the tests all call these. A project's supports are votes
on the widget `project.widget_id` of the round page (as a proposal's are of its call),
so tallies, the personal-data download and erasure treat them as every vote. The limit
of supports per group of parts is count-then-act: it runs under the participant's row
lock, so parallel supports by one person store only what the limit allows.
"""

import uuid
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from search.outbox import enqueue_many
from theme.user_input import clean_user_text

from ...municipalities.services import municipality_of
from ...municipalities.standing import settle_relation, standing
from ...participants.models import Participant
from ...participants.rules import Decision, Refused
from ...proposals.choices import ProposalState
from ...timing import now
from ...widgets import votes
from ...widgets.models import Vote
from ..choices import RemovalReason, Review
from ..models import Project, widget_id_of
from ..parts import part_of, parts_of
from . import rules

DOCUMENT_TYPE = "project"
# Proposals in these states were accepted: they may become a project.
ACCEPTED_STATES = frozenset({ProposalState.ACCEPTED, ProposalState.IN_PROGRESS})
PROJECT_FIELDS = ["title", "description", "part", "location", "image", "estimated_cost"]


class ProjectRefused(Refused):
    """Nothing was stored; `decision` says why (in the visitor's language).

    `status` is 403 when the person may not do this (now), 400 when what they sent is wrong.
    """


def _refuse(reason, status=400):
    return ProjectRefused(Decision(False, reason), status=status)


def _check(decision):
    if not decision.allowed:
        raise ProjectRefused(decision)


def _check_staff(user, page):
    if not rules.may_review(user, page):
        raise _refuse(_("You do not run this budget round."), 403)


def _locked(project):
    return Project.objects.select_for_update().get(pk=project.pk)


def _reindex(project_ids):
    enqueue_many(DOCUMENT_TYPE, list(project_ids))


def _the_part(page, key):
    part = part_of(page, key)
    if part is None:
        raise _refuse(_("Choose one of the round's parts."))
    return part


def _new_project(page, fields):
    _the_part(page, fields.get("part"))
    project = Project(
        consultation=page.translation_key,
        widget="round",
        round=page,
        language=page.locale.language_code,
    )
    for name in PROJECT_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(project, name, fields[name])
    return project


# Submitting and creating ------------------------------------------------------------


def submit_project(participant, page, fields, at=None):
    """`participant` submits a project to the round `page` while its phase allows it.
    `fields` are a ProjectForm's cleaned data (forms.py checked them, re-encoded the image)."""
    _check(rules.may_submit(participant, page, at))
    with transaction.atomic():
        project = _new_project(page, fields)
        settle_relation(participant, page)
        project.take_snapshot(standing(participant, page))
        project.save()
        _reindex([project.pk])
    return project


def create_project(user, page, fields):
    """Staff add a project to the round, in any phase; it has no author."""
    _check_staff(user, page)
    with transaction.atomic():
        project = _new_project(page, fields)
        found = municipality_of(page)
        project.municipality_id = found.pk if found else None
        project.created_by = user
        project.save()
        _reindex([project.pk])
    return project


def project_from_proposal(user, page, proposal, part, estimated_cost):
    """Staff turn an accepted proposal into a project of the round, in `part`: it copies
    the proposal's title, description and photo (a copy: erasing the proposal keeps the
    project's), keeps its author and who they were, and links back to it."""
    _check_staff(user, page)
    if proposal.state not in ACCEPTED_STATES:
        raise _refuse(_("Only an accepted proposal can become a project."))
    with transaction.atomic():
        if Project.objects.filter(proposal=proposal).exists():
            raise _refuse(_("This proposal has already become a project."))
        project = _new_project(
            page,
            {
                "title": proposal.title,
                "description": proposal.description or proposal.summary,
                "part": part,
                "estimated_cost": int(estimated_cost),
            },
        )
        project.proposal = proposal
        project.created_by = user
        for name in ("participant", "municipality_id", "voter_group", "area", "home_area_id"):
            setattr(project, name, getattr(proposal, name))
        project.verification_level = proposal.verification_level
        if proposal.image:
            with proposal.image.open("rb") as image:
                extension = PurePosixPath(proposal.image.name).suffix or ".jpg"
                project.image = ContentFile(image.read(), name=f"{uuid.uuid4().hex}{extension}")
        project.save()
        _reindex([project.pk])
    return project


# Staff's review ---------------------------------------------------------------------


def _take_off_ballots(project, reason, user, at):
    """While the round ballots: the project leaves every ballot holding it (ballots/)."""
    from ..ballots import services as ballots

    ballots.remove_project_from_ballots(project, reason, by=user, at=at)


def review(user, page, project, feasible, cost=None, reason="", within_powers=None, at=None):
    """Staff's review: feasible with its cost, or not feasible with a public reason (its
    author is emailed); and, if given, whether it is within the municipality's powers
    (those outside go to the area-plan export, R8). A project found not feasible leaves
    the shortlist, and while the round ballots, the ballots holding it."""
    _check_staff(user, page)
    reason = clean_user_text(reason or "").replace("\r\n", "\n").strip()
    if feasible:
        if cost is None or str(cost).strip() == "":
            raise _refuse(_("Give the project's cost in baht."))
        try:
            cost = int(str(cost).replace(",", "").strip())
        except ValueError:
            raise _refuse(_("Give the cost as a whole number of baht.")) from None
        if cost <= 0:
            raise _refuse(_("Give the cost as a whole number of baht."))
    elif not reason:
        raise _refuse(_("Say why the project is not feasible: the reason is public."))
    if len(reason) > 4000:
        raise _refuse(_("The reason is at most 4,000 characters long."))
    at = at or now()
    with transaction.atomic():
        locked = _locked(project)
        was_shortlisted = locked.shortlisted
        locked.review = Review.FEASIBLE if feasible else Review.UNFEASIBLE
        locked.cost = cost if feasible else None
        locked.unfeasible_reason = "" if feasible else reason
        locked.reviewed_at = at
        if within_powers is not None:
            locked.within_powers = bool(within_powers)
        if not feasible:
            locked.shortlisted = False
        locked.save()
        if not feasible:
            if was_shortlisted and rules.balloting(page, at):
                _take_off_ballots(locked, RemovalReason.UNFEASIBLE, user, at)
            if locked.participant_id:
                from .emails import tell_author_unfeasible

                transaction.on_commit(lambda: tell_author_unfeasible.enqueue(locked.pk))
        _reindex([locked.pk])
    project.refresh_from_db()
    return project


def set_within_powers(user, page, project, within_powers):
    """Staff say whether the municipality can do the project itself (R8)."""
    _check_staff(user, page)
    Project.objects.filter(pk=project.pk).update(within_powers=bool(within_powers))
    project.within_powers = bool(within_powers)
    _reindex([project.pk])
    return project


def move(user, page, project, part_key, at=None):
    """Staff move the project to another part of the round; while the round ballots, it
    leaves the ballots of its old part (their lines removed, each person told)."""
    _check_staff(user, page)
    _the_part(page, part_key)
    at = at or now()
    with transaction.atomic():
        locked = _locked(project)
        if locked.part == part_key:
            return locked
        if locked.shortlisted and rules.balloting(page, at):
            _take_off_ballots(locked, RemovalReason.MOVED, user, at)
        locked.part = part_key
        locked.save(update_fields=["part", "updated_at"])
        _reindex([locked.pk])
    project.refresh_from_db()
    return project


def set_shortlist(user, page, project_ids, at=None):
    """Staff choose the round's shortlist: exactly the feasible projects among
    `project_ids` are on the ballot. Only feasible projects can be; one taken off while
    the round ballots leaves the ballots holding it. Returns the shortlisted ids."""
    _check_staff(user, page)
    at = at or now()
    wanted = {int(pk) for pk in project_ids}
    with transaction.atomic():
        projects = list(
            Project.objects.select_for_update()
            .filter(consultation=page.translation_key)
            .order_by("pk")
        )
        refused = [p for p in projects if p.pk in wanted and p.review != Review.FEASIBLE]
        if refused:
            raise _refuse(
                _("Only feasible projects can be on the ballot: “%(title)s” is not.")
                % {"title": refused[0].title}
            )
        changed = []
        for project in projects:
            chosen = project.pk in wanted
            if project.shortlisted == chosen:
                continue
            if not chosen and rules.balloting(page, at):
                _take_off_ballots(project, RemovalReason.WITHDRAWN, user, at)
            project.shortlisted = chosen
            changed.append(project)
        Project.objects.bulk_update(changed, ["shortlisted"])
        _reindex([project.pk for project in changed])
    return sorted(pk for pk in wanted if any(p.pk == pk for p in projects))


# Supports ---------------------------------------------------------------------------


def supports_of(project):
    return Vote.objects.filter(consultation=project.consultation, widget=project.widget_id)


def _group_widgets(page, part):
    """The widget ids of the round's projects in `part`'s group (or in `part` alone)."""
    if part.group_key:
        keys = [found.key for found in parts_of(page) if found.group_key == part.group_key]
    else:
        keys = [part.key]
    ids = Project.objects.filter(consultation=page.translation_key, part__in=keys).values_list(
        "pk", flat=True
    )
    return [widget_id_of(pk) for pk in ids]


def supported_in_group(participant, page, part):
    """How many projects of `part`'s group `participant` supports."""
    return Vote.objects.filter(
        consultation=page.translation_key,
        participant=participant,
        widget__in=_group_widgets(page, part),
    ).count()


def support(participant, project, page, at=None):
    """`participant` supports `project` (once: a second support changes nothing), within
    the limit of its group of parts. Under the participant's lock: of parallel supports
    by one person, only those the limit allows are stored."""
    _check(rules.may_support(participant, project, page, at))
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        project = Project.objects.select_related("participant").get(pk=project.pk)
        _check(rules.may_support(participant, project, page, at))
        if supports_of(project).filter(participant=participant).exists():
            return project
        part = part_of(page, project.part)
        if part is not None and part.supports_per_person:
            _check(rules.within_support_limit(part, supported_in_group(participant, page, part)))
        try:
            votes.store_vote(
                participant,
                page,
                project.widget_id,
                rules.support_block(),
                rules.support_settings(page),
                ["support"],
                at=at,
            )
        except votes.VoteRefused as refusal:
            raise ProjectRefused(refusal.decision, refusal.status) from refusal
        _reindex([project.pk])
    return project


def withdraw_support(participant, project, page, at=None):
    """Take back `participant`'s support while supporting is open. True if there was one."""
    _check(rules.may_support(participant, project, page, at))
    with transaction.atomic():
        removed = votes.remove_vote(participant, page, project.widget_id)
        _reindex([project.pk])
    return removed
