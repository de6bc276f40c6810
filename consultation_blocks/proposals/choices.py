"""A proposal's states and the only moves between them (R11), and the lists staff keep."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    PUBLISHED = "published", _("Published")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    FORWARDED = "forwarded", _("Forwarded to the area plan")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    # Moderated afterwards: a moderator took it off the public lists, with a reason.
    HIDDEN = "hidden", _("Hidden by a moderator")


S = ProposalState

# Where a proposal may go from each state. The author moves a draft on (submit); staff
# make every other move. Rejected, forwarded and done are answers: they stay.
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.PUBLISHED},
    S.SUBMITTED: {S.PUBLISHED, S.REJECTED},
    S.PUBLISHED: {S.UNDER_REVIEW, S.ACCEPTED, S.REJECTED, S.FORWARDED, S.HIDDEN},
    S.UNDER_REVIEW: {S.ACCEPTED, S.REJECTED, S.FORWARDED},
    S.ACCEPTED: {S.IN_PROGRESS, S.DONE},
    S.IN_PROGRESS: {S.DONE},
    S.REJECTED: set(),
    S.FORWARDED: set(),
    S.DONE: set(),
    S.HIDDEN: {S.PUBLISHED},
}

# Moves that must come with an official answer, shown on the proposal's page.
ANSWER_REQUIRED = {S.REJECTED, S.FORWARDED, S.HIDDEN}

# Shown to the public, in lists and on its page, and in open data.
PUBLIC_STATES = frozenset(
    {S.PUBLISHED, S.UNDER_REVIEW, S.ACCEPTED, S.REJECTED, S.FORWARDED, S.IN_PROGRESS, S.DONE}
)
# Open to supports (while the call's phase allows supporting): not yet decided.
SUPPORTABLE_STATES = frozenset({S.PUBLISHED, S.UNDER_REVIEW})
# Staff's moves (the author's are from a draft only).
STAFF_STATES = frozenset(set(S) - {S.DRAFT, S.SUBMITTED})


class WithinPowers(models.TextChoices):
    """What the author thinks: is this the municipality's to do?"""

    YES = "yes", _("Yes, the municipality can do this")
    NO = "no", _("No, another agency would have to")
    UNSURE = "unsure", _("I am not sure")


class AgencyKind(models.TextChoices):
    DISTRICT = "district", _("District office")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    PROVINCE = "province", _("Province")
    NATIONAL = "national", _("National agency")
    OTHER = "other", _("Other")


class ThresholdKind(models.TextChoices):
    NONE = "none", _("No threshold")
    NUMBER = "number", _("A number of supports")
    MUNICIPALITY_SHARE = (
        "municipality",
        _("A percentage of the municipality's registered residents"),
    )
    AREA_SHARE = "area", _("A percentage of the registered residents of the proposal's area")


class ProposalOrder(models.TextChoices):
    SUPPORTED = "supported", _("Most supported")
    NEWEST = "newest", _("Newest")
    COMMENTED = "commented", _("Most commented")
