"""The follow-up of selected projects (R2): milestones, progress, money spent, followers.

Plain functions called by the admin screens, the public follow form, the demo and the
tests. A refusal raises ImplementationRefused carrying a Decision; nothing is stored."""

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ...participants.rules import Decision, Refused
from ..choices import Implementation, MilestoneStatus
from ..models import Milestone, Project, ProjectFollower, Spending
from ..parts import parts_of

# More than any municipality's yearly budget: a typing slip, not a spending.
ABSURD_AMOUNT = 10_000_000_000


class ImplementationRefused(Refused):
    """Nothing was stored; `decision` says why (what staff sent is wrong)."""

    default_status = 400


def _refuse(reason, status=400):
    raise ImplementationRefused(Decision(False, reason), status=status)


def _selected(project):
    if not project.selected:
        _refuse(_("Only a project the round selected has a follow-up."))


def add_milestone(project, date, text, status=MilestoneStatus.DONE, photo=None, by=None):
    _selected(project)
    text = (text or "").strip()
    if not text:
        _refuse(_("Say what happened at this milestone."))
    if status not in MilestoneStatus.values:
        _refuse(_("Choose one of the milestone's statuses."))
    with transaction.atomic():
        milestone = Milestone.objects.create(
            project=project, date=date, text=text[:2000], status=status, photo=photo or "", by=by
        )
        from .emails import tell_followers_of_milestone

        transaction.on_commit(lambda: tell_followers_of_milestone.enqueue(milestone.pk))
    return milestone


def record_spending(project, amount, spent_on, note="", by=None):
    _selected(project)
    if amount is None or amount <= 0:
        _refuse(_("Money spent is a positive number of baht."))
    if amount > ABSURD_AMOUNT:
        _refuse(
            _("%(amount)s baht is more than any round holds: check the amount.")
            % {"amount": f"{amount:,}"}
        )
    return Spending.objects.create(
        project=project, amount=amount, spent_on=spent_on, note=(note or "")[:300], by=by
    )


def set_progress(project, progress, implementation=None):
    _selected(project)
    if progress is None or not 0 <= progress <= 100:
        _refuse(_("Progress is a percentage from 0 to 100."))
    if implementation is not None and implementation not in Implementation.values:
        _refuse(_("Choose one of the implementation statuses."))
    project.progress = progress
    fields = ["progress", "updated_at"]
    if implementation is not None:
        project.implementation = implementation
        fields.append("implementation")
    project.save(update_fields=fields)
    return project


def follow(participant, project):
    try:
        with transaction.atomic():
            ProjectFollower.objects.get_or_create(project=project, participant=participant)
    except IntegrityError:
        pass  # a parallel click made it


def unfollow(participant, project):
    ProjectFollower.objects.filter(project=project, participant=participant).delete()


def money_of_project(project):
    allocated = (project.cost or 0) if project.selected else 0
    spent = project.spendings.aggregate(total=Sum("amount"))["total"] or 0
    return {"allocated": allocated, "spent": spent}


def money_of_round(page):
    """{"allocated", "spent", "parts": [{"part", "allocated", "spent"}]}: two grouped
    queries whatever the number of projects. Allocated: the cost of selected projects."""
    consultation = page.translation_key
    allocated = dict(
        Project.objects.filter(consultation=consultation, selected=True)
        .values("part")
        .annotate(total=Sum("cost"))
        .order_by()
        .values_list("part", "total")
    )
    spent = dict(
        Spending.objects.filter(project__consultation=consultation)
        .values("project__part")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("project__part", "total")
    )
    rows = [
        {"part": part, "allocated": allocated.get(part.key) or 0, "spent": spent.get(part.key) or 0}
        for part in parts_of(page)
    ]
    return {
        "allocated": sum(allocated.values(), 0) if allocated else 0,
        "spent": sum(spent.values(), 0) if spent else 0,
        "parts": rows,
    }


def followers_of(project):
    """How many participants follow the project (one COUNT)."""
    return ProjectFollower.objects.filter(project=project).count()
