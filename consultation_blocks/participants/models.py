import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Area, VerificationLevel, VoterGroup


class Participant(models.Model):
    """A person taking part; the index and exports know them only by `pseudonym`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    pseudonym = models.UUIDField(_("pseudonym"), default=uuid.uuid4, unique=True, editable=False)
    voter_group = models.CharField(
        _("relation to the area"), max_length=20, choices=VoterGroup.choices, blank=True
    )
    area = models.CharField(_("where they live"), max_length=20, choices=Area.choices, blank=True)
    verification_level = models.PositiveSmallIntegerField(
        _("verification level"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.UNVERIFIED,
    )
    display_name = models.CharField(
        _("public name"),
        max_length=50,
        blank=True,
        help_text=_("Shown with your comments. Leave empty to appear as “participant”."),
    )
    # The keyed hash of the national ID that verified this participant as a resident,
    # so one ID verifies one account; the number itself is never stored.
    resident_id_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    blocked_at = models.DateTimeField(_("blocked at"), null=True, blank=True)
    blocked_reason = models.CharField(_("why blocked"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return str(self.pseudonym)


class ResidentRecord(models.Model):
    """One line of the municipality's census register, as uploaded by staff.

    Only a keyed hash of the national ID is kept, with the date of birth.
    """

    id_hash = models.CharField(max_length=64, unique=True)
    birth_date = models.DateField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resident register entry")
        verbose_name_plural = _("resident register")

    def __str__(self):
        return self.id_hash[:12]


class Contribution(models.Model):
    """What every vote and comment records: where it belongs, who gave it, and who they
    were at the time (results are split by these), and whether staff entered it on site.

    A consultation is the page's translation key, so /th/ and /en/ count together; a
    widget is its StreamField block id, so editing the page keeps what people said; an
    anchor is the block (a paragraph, a project) it is about, or "" for the whole widget.
    """

    consultation = models.UUIDField(_("consultation"), db_index=True)
    widget = models.CharField(_("widget"), max_length=64)
    anchor = models.CharField(_("about"), max_length=64, blank=True, default="")
    participant = models.ForeignKey(
        "bokrao_blocks.Participant",
        verbose_name=_("participant"),
        # Kept without the person after the account is deleted, if the site keeps them.
        null=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
    )
    voter_group = models.CharField(max_length=20, choices=VoterGroup.choices, blank=True)
    area = models.CharField(max_length=20, choices=Area.choices, blank=True)
    verification_level = models.PositiveSmallIntegerField(
        choices=VerificationLevel.choices, default=VerificationLevel.UNVERIFIED
    )
    # On-site entry (R9): the staff member who entered it, and where.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at_place = models.CharField(_("entered at"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def take_snapshot(self, participant):
        """Record who `participant` is now: later changes to their profile do not move it."""
        self.participant = participant
        self.voter_group = participant.voter_group
        self.area = participant.area
        self.verification_level = participant.verification_level
