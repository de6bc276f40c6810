"""What a budget round gathers: its projects, the ballots people cast and their lines,
who balloted and how (online or on paper), the lines a reclassification removed, the
counts, and the follow-up of winning projects (milestones, money spent, followers).

Money is in whole baht. A part is named by its block id in the round's `parts` stream
(blocks.py), so editing the parts never loses a project or a ballot."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..participants.models import Contribution
from .choices import (
    Channel,
    CountingRule,
    Implementation,
    MilestoneStatus,
    RemovalReason,
    Review,
)


class Project(Contribution):
    """A project for the round's money, in one of its parts.

    A contribution like a proposal: `consultation` is the round's translation key (its
    pages in every language list it), `participant` its author (None when staff created
    it), and who they were when they wrote it is kept. Its supports are votes and its
    comments comments of the round page, on the widget `widget_id`.
    """

    round = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("budget round"),
        null=True,
        on_delete=models.SET_NULL,  # an editor's deletion never deletes what people said
        related_name="+",
    )
    part = models.CharField(_("part"), max_length=64, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=6000)
    location = models.CharField(_("location"), max_length=300, blank=True)
    image = models.ImageField(_("image"), upload_to="budgeting/images/", blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (baht)"))
    # Staff's review (R7, R8): public from the "publishing costs" step on.
    review = models.CharField(
        _("review"), max_length=12, choices=Review.choices, default=Review.PENDING
    )
    cost = models.PositiveBigIntegerField(_("cost (baht)"), null=True, blank=True)
    unfeasible_reason = models.TextField(_("why it is not feasible"), max_length=4000, blank=True)
    within_powers = models.BooleanField(_("within the municipality's powers"), default=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    shortlisted = models.BooleanField(_("on the ballot"), default=False)
    # A winner under the round's counting rule, set when the results are published.
    selected = models.BooleanField(_("selected"), default=False)
    # The accepted proposal it was turned from (decision 026: the project's side holds it).
    proposal = models.OneToOneField(
        "bokrao_blocks.Proposal",
        verbose_name=_("from the proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Implementation (R2), for the selected projects.
    implementation = models.CharField(
        _("implementation"),
        max_length=12,
        choices=Implementation.choices,
        default=Implementation.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["consultation", "part"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_100")
        ]

    def __str__(self):
        return self.title

    @property
    def widget_id(self):
        """Its supports' and comments' widget on the round page."""
        return widget_id_of(self.pk)

    @property
    def is_feasible(self):
        return self.review == Review.FEASIBLE


WIDGET_PREFIX = "project-"


def widget_id_of(project_id):
    return f"{WIDGET_PREFIX}{project_id}"


class RoundVoter(models.Model):
    """One person's taking part in a round's ballot, and how: online or on paper (R9).

    Unique per round and person: the row every ballot of theirs locks, so parallel
    requests add lines one after another, and a person who balloted on paper cannot
    ballot online (and the reverse)."""

    consultation = models.UUIDField(_("budget round"))
    participant = models.ForeignKey(
        "bokrao_blocks.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="round_votes",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(_("first ballot at"), auto_now_add=True)

    class Meta:
        verbose_name = _("voter of a round")
        verbose_name_plural = _("voters of rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "participant"], name="one_voter_record_per_round"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} ({self.get_channel_display()})"


class Ballot(Contribution):
    """One person's ballot in one part of a round. Lines are added and removed while
    balloting runs; it counts once submitted, and can be changed until balloting closes.
    Contribution's snapshot (voter group, inside or outside, area) splits the results;
    `entered_by` and `entered_at_place` say who entered a paper ballot, and where."""

    part = models.CharField(_("part"), max_length=64)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # For a paper ballot: when it was filled in at the office (entered later by staff).
    cast_at = models.DateTimeField(_("cast at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "part", "participant"],
                condition=Q(participant__isnull=False),
                name="one_ballot_per_part_and_person",
            )
        ]
        indexes = [models.Index(fields=["consultation", "part", "submitted_at"])]

    def __str__(self):
        return f"{self.part} ({self.get_channel_display()})"


class BallotLine(models.Model):
    """A project chosen on a ballot. `consultation` and `part` repeat the ballot's, so
    that the count groups the lines of a round without a join."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="lines")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ballot_lines")
    consultation = models.UUIDField()
    part = models.CharField(max_length=64)
    # Copied from the ballot when it is submitted (and cleared when it is reopened): the
    # count reads only lines of submitted ballots, in one GROUP BY.
    counted = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot line")
        verbose_name_plural = _("ballot lines")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="one_line_per_project")
        ]
        indexes = [models.Index(fields=["consultation", "counted", "project"])]

    def __str__(self):
        return f"{self.ballot_id}: {self.project_id}"


class LineRemoval(models.Model):
    """A ballot line removed because its project moved to another part, was found not
    feasible or left the shortlist while balloting ran: kept, and the person told."""

    consultation = models.UUIDField(_("budget round"))
    participant = models.ForeignKey(
        "bokrao_blocks.Participant",
        verbose_name=_("participant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="removals")
    part = models.CharField(_("part"), max_length=64)
    reason = models.CharField(_("reason"), max_length=12, choices=RemovalReason.choices)
    was_submitted = models.BooleanField(_("the ballot had been submitted"), default=False)
    removed_at = models.DateTimeField(_("removed at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("removed ballot line")
        verbose_name_plural = _("removed ballot lines")
        ordering = ["-removed_at", "-pk"]

    def __str__(self):
        return f"{self.project_id} ({self.get_reason_display()})"


class RoundCount(models.Model):
    """The result of counting a round's ballots by one rule: per part, the projects in
    the order the rule took them, why each won or lost, and the money left. Stored when
    the count is made, so the results page reads it and every later look agrees."""

    consultation = models.UUIDField(_("budget round"), db_index=True)
    rule = models.CharField(_("rule"), max_length=20, choices=CountingRule.choices)
    counted_at = models.DateTimeField(_("counted at"))
    ballots = models.PositiveIntegerField(_("ballots counted"), default=0)
    outcome = models.JSONField(_("outcome"), default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("count")
        verbose_name_plural = _("counts")
        ordering = ["-counted_at", "-pk"]

    def __str__(self):
        return f"{self.get_rule_display()} ({self.counted_at:%Y-%m-%d %H:%M})"


class Milestone(models.Model):
    """A step in building a selected project, on its public timeline (R2)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.DONE
    )
    photo = models.ImageField(_("photo"), upload_to="budgeting/milestones/", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date}: {self.text[:40]}"


class Spending(models.Model):
    """Money spent on a selected project, against the money allocated to it (its cost)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="spendings")
    amount = models.PositiveBigIntegerField(_("amount (baht)"))
    spent_on = models.DateField(_("date"))
    note = models.CharField(_("what for"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("money spent")
        verbose_name_plural = _("money spent")
        ordering = ["spent_on", "pk"]

    def __str__(self):
        return f"{self.spent_on}: {self.amount:,}"


class ProjectFollower(models.Model):
    """A participant told about a project's progress (new milestones)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="followers")
    participant = models.ForeignKey(
        "bokrao_blocks.Participant", on_delete=models.CASCADE, related_name="followed_projects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower of a project")
        verbose_name_plural = _("followers of projects")
        constraints = [
            models.UniqueConstraint(fields=["project", "participant"], name="follow_project_once")
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.project_id}"
