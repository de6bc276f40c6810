from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..participants.models import Contribution
from .choices import AgencyKind, ProposalState, WithinPowers


class Agency(models.Model):
    """Where a proposal outside the municipality's powers is forwarded (R8): a district
    office, the province, a national agency. A municipality keeps its own list; one
    without a municipality is offered to every municipality."""

    municipality = models.ForeignKey(
        "bokrao_blocks.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agencies",
        help_text=_("Leave empty to offer it to every municipality."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Proposal(Contribution):
    """What a resident proposes on a call for proposals.

    A contribution like a vote or a comment: it belongs to the call (`consultation`, the
    call's translation key, so the call's pages in every language list it), `participant`
    is its author, and who they were when they wrote it (voter group, inside or outside,
    area) is kept for the reports. It is written in one language. Its supports are votes
    and its comments are comments of the call page, on the widget `widget_id`
    (services.py): counted, reported, downloaded and erased as every other vote and comment.
    """

    call = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call for proposals"),
        null=True,
        on_delete=models.SET_NULL,  # an editor's deletion never deletes what people said
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=400)
    description = models.TextField(_("description"), max_length=6000)
    # The id of one of the call's categories (a list item: it stays when the call is
    # edited or translated, like a poll option).
    category = models.CharField(_("category"), max_length=64, blank=True)
    # The area it is about (Contribution's `area` and `home_area` say where its author lives).
    concerned_area = models.ForeignKey(
        "bokrao_blocks.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ImageField(_("image"), upload_to="proposals/images/", blank=True)
    document = models.FileField(_("document"), upload_to="proposals/documents/", blank=True)
    within_powers = models.CharField(
        _("within the municipality's powers (the author's view)"),
        max_length=10,
        choices=WithinPowers.choices,
        default=WithinPowers.UNSURE,
    )

    state = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalState.choices,
        default=ProposalState.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    threshold_reached_at = models.DateTimeField(
        _("reached the support threshold at"), null=True, blank=True
    )
    # Staff's view: outside the municipality's powers, so it goes to the area plan.
    outside_powers = models.BooleanField(_("outside the municipality's powers"), default=False)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("forwarded to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    agency_answer = models.TextField(_("the agency's answer"), max_length=4000, blank=True)
    agency_answered_at = models.DateTimeField(_("the agency answered at"), null=True, blank=True)
    # Featured by editors: shown in "featured proposals" blocks, lowest first.
    featured_order = models.PositiveSmallIntegerField(_("featured order"), null=True, blank=True)
    # A duplicate merged into another: it points there, its supports moved there.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        permissions = [("review_proposal", _("Can review, answer and feature proposals"))]
        indexes = [models.Index(fields=["consultation", "state"])]

    def __str__(self):
        return self.title

    @property
    def widget_id(self):
        """Its supports' and comments' widget on the call page (services.py)."""
        return widget_id_of(self.pk)


WIDGET_PREFIX = "proposal-"


def widget_id_of(proposal_id):
    return f"{WIDGET_PREFIX}{proposal_id}"


def proposal_id_of(widget_id):
    """The proposal a widget id names, or None."""
    if widget_id and widget_id.startswith(WIDGET_PREFIX):
        rest = widget_id[len(WIDGET_PREFIX) :]
        if rest.isdigit() and rest.isascii():
            return int(rest)
    return None


class StatusChange(models.Model):
    """One step of a proposal's public history: from, to, when, the official answer and
    the role that answered for the municipality. Never edited."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(max_length=20, choices=ProposalState.choices, blank=True)
    to_state = models.CharField(_("status"), max_length=20, choices=ProposalState.choices)
    answer = models.TextField(_("official answer"), max_length=4000, blank=True)
    # Shown publicly: a role ("Public works division"), never a person's name.
    answered_as = models.CharField(
        _("answered for the municipality by"), max_length=150, blank=True
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Staff only (the log): who made the change.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.from_state} -> {self.to_state}"


class Follower(models.Model):
    """Someone who is emailed when the proposal's status changes: its author, its
    supporters and whoever pressed "Follow"."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="followers")
    participant = models.ForeignKey(
        "bokrao_blocks.Participant", on_delete=models.CASCADE, related_name="followed_proposals"
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "participant"], name="bokrao_follow_a_proposal_once"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} follows {self.proposal_id}"
