import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Residence, VerificationLevel, VoterGroup


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
    # The last relation to a matter they gave: the next consultation's question starts
    # from it (MatterRelation holds the answer per consultation).
    voter_group = models.CharField(
        _("relation to the matter"), max_length=20, choices=VoterGroup.choices, blank=True
    )
    # Where they live: a municipality of the platform (and one of its areas), or, with
    # `home_stated` and no municipality, somewhere else. They count as inside in their
    # own municipality and outside in every other (municipalities/standing.py).
    home_municipality = models.ForeignKey(
        "bokrao_blocks.Municipality",
        verbose_name=_("municipality they live in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    home_area = models.ForeignKey(
        "bokrao_blocks.Area",
        verbose_name=_("area they live in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    home_stated = models.BooleanField(_("said where they live"), default=False)
    # What holds everywhere: email confirmed. Resident and on-site verification hold in
    # one municipality (ResidentVerification).
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
    blocked_at = models.DateTimeField(_("blocked at"), null=True, blank=True)
    blocked_reason = models.CharField(_("why blocked"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return str(self.pseudonym)


class ResidentVerification(models.Model):
    """A participant verified as a resident of one municipality: against its register
    (RESIDENT), or by its staff on site (STAFF). One ID number verifies one account per
    municipality: the keyed hash of it is kept, never the number."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="verifications"
    )
    municipality = models.ForeignKey(
        "bokrao_blocks.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(choices=VerificationLevel.choices)
    # NULL, not "": the unique constraint below must not count the staff-verified ones.
    resident_id_hash = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    verified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resident verification")
        verbose_name_plural = _("resident verifications")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "municipality"], name="one_verification_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "resident_id_hash"], name="one_account_per_resident_id"
            ),
        ]

    def __str__(self):
        return f"{self.participant} ({self.get_level_display()})"


class MatterRelation(models.Model):
    """How a participant is related to one consultation's matter (R3): asked when they
    first take part in it, changeable while it is open. Their votes and comments keep
    the relation they had when given."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="matter_relations"
    )
    consultation = models.UUIDField(_("consultation"))
    voter_group = models.CharField(max_length=20, choices=VoterGroup.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("relation to a matter")
        verbose_name_plural = _("relations to matters")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "consultation"], name="one_relation_per_consultation"
            )
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_voter_group_display()}"


class ResidentRecord(models.Model):
    """One line of a municipality's census register, as uploaded by its staff.

    Only a keyed hash of the national ID is kept, with the date of birth and, when the
    register has the column, the area the person is registered in.
    """

    municipality = models.ForeignKey(
        "bokrao_blocks.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    id_hash = models.CharField(max_length=64)
    birth_date = models.DateField()
    area = models.ForeignKey(
        "bokrao_blocks.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resident register entry")
        verbose_name_plural = _("resident register")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "id_hash"], name="one_register_line_per_id"
            )
        ]

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
    # For an anchor in a text that has versions (a draft's paragraph): the version it was
    # read in, so that what was said stays with the words it answered (drafts/).
    anchor_version = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    participant = models.ForeignKey(
        "bokrao_blocks.Participant",
        verbose_name=_("participant"),
        # Kept without the person after the account is deleted, if the site keeps them.
        null=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
    )
    # The municipality of the consultation, so that staff's lists filter by it.
    municipality = models.ForeignKey(
        "bokrao_blocks.Municipality", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    voter_group = models.CharField(max_length=20, choices=VoterGroup.choices, blank=True)
    # Inside or outside the consultation's municipality, and their area when inside.
    area = models.CharField(max_length=20, choices=Residence.choices, blank=True)
    home_area = models.ForeignKey(
        "bokrao_blocks.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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

    def take_snapshot(self, standing):
        """Record who the participant is now, here (a municipalities.standing.Standing):
        later changes to their profile do not move it."""
        self.participant = standing.participant
        self.municipality_id = standing.municipality_id
        self.voter_group = standing.voter_group
        self.area = standing.residence
        self.home_area_id = standing.home_area_id
        self.verification_level = standing.verification_level
