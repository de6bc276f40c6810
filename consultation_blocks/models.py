import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Area, VerificationLevel, VoterGroup


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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return str(self.pseudonym)


class Vote(models.Model):
    """One participant's answer to one widget about one target (the page or an item).

    A consultation is the page's translation key, so /th/ and /en/ count together;
    a widget is its StreamField block id, so editing the page keeps its votes.
    """

    consultation = models.UUIDField(_("consultation"), db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,  # an editor's deletion never deletes what people said
        related_name="+",
    )
    widget = models.CharField(_("widget"), max_length=64)
    target = models.CharField(_("target"), max_length=64, blank=True, default="")
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("choice"), max_length=64)
    # Who the participant was when they voted: results are split by these.
    voter_group = models.CharField(max_length=20, choices=VoterGroup.choices, blank=True)
    area = models.CharField(max_length=20, choices=Area.choices, blank=True)
    verification_level = models.PositiveSmallIntegerField(choices=VerificationLevel.choices)
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "widget", "target", "participant"],
                name="bokrao_one_vote_per_participant_per_target",
            )
        ]

    def __str__(self):
        return f"{self.widget}/{self.target or '-'}: {self.choice}"
