"""The fixed vocabularies of a budget round."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotKind(models.TextChoices):
    """How much a ballot may hold in one part."""

    # Decidim's "vote with a budget": the chosen projects cost at most the part's money.
    KNAPSACK = "knapsack", _("Projects that together cost at most the part's money")
    # Decidim's "vote with a maximum number of projects": costs do not limit the ballot.
    APPROVAL = "approval", _("At most a number of projects, whatever they cost")


class CountingRule(models.TextChoices):
    GREEDY = "greedy", _("Most votes first, within the money")
    EQUAL_SHARES = "equal_shares", _("Method of Equal Shares")


class BallotResidence(models.TextChoices):
    """Who may ballot in a part, by where they live (R4)."""

    ANYONE = "anyone", _("Anyone, wherever they live")
    INSIDE = "inside", _("People who live in the municipality")
    AREA = "area", _("People who live in the part's area (for parts that are areas)")


class Review(models.TextChoices):
    """Staff's check of a project's feasibility and cost."""

    PENDING = "pending", _("Waiting for review")
    FEASIBLE = "feasible", _("Feasible")
    UNFEASIBLE = "unfeasible", _("Not feasible")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot")


class Implementation(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")


class RemovalReason(models.TextChoices):
    """Why a project left ballots it was on while balloting ran."""

    MOVED = "moved", _("The project was moved to another part")
    UNFEASIBLE = "unfeasible", _("The project was found not feasible")
    WITHDRAWN = "withdrawn", _("The project was taken off the shortlist")
