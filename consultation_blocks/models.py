import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .participants import Area, CommentState, FlagReason, VerificationLevel, VoterGroup


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
        Participant,
        verbose_name=_("participant"),
        null=True,  # counted anonymously after the account is deleted, if the site keeps votes
        on_delete=models.SET_NULL,
        related_name="votes",
    )
    # A list: one key for agree/disagree, support and single-choice polls, up to the
    # widget's maximum for multiple-choice polls; "other" comes with `other_text`.
    choices = models.JSONField(_("choices"), default=list)
    other_text = models.CharField(_("other answer"), max_length=200, blank=True)
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
        return f"{self.widget}/{self.target or '-'}: {', '.join(self.choices)}"


class Comment(XtdComment):
    """A comment in a comment widget, threaded by django-comments-xtd.

    Like a vote, it belongs to a consultation (the page's translation key) and a
    widget (its block id), and may be about an anchor: a paragraph or an item.
    Visibility is `state`; django-comments' is_public / is_removed follow it.
    """

    # Named, because the default reverse name "comment" clashes with the text field.
    xtdcomment_ptr = models.OneToOneField(
        XtdComment, parent_link=True, on_delete=models.CASCADE, related_name="participation"
    )

    consultation = models.UUIDField(_("consultation"), db_index=True)
    widget = models.CharField(_("widget"), max_length=64)
    anchor = models.CharField(_("about"), max_length=64, blank=True, default="")
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        null=True,  # "deleted participant" when the account is deleted and comments stay
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    voter_group = models.CharField(max_length=20, choices=VoterGroup.choices, blank=True)
    area = models.CharField(max_length=20, choices=Area.choices, blank=True)
    verification_level = models.PositiveSmallIntegerField(
        choices=VerificationLevel.choices, default=VerificationLevel.UNVERIFIED
    )
    state = models.CharField(
        _("moderation"),
        max_length=20,
        choices=CommentState.choices,
        default=CommentState.PUBLISHED,
        db_index=True,
    )
    held_because = models.CharField(_("held because"), max_length=300, blank=True)
    moderation_reason = models.CharField(_("moderator's reason"), max_length=300, blank=True)
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
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["consultation", "widget"])]


class CommentFlagReason(models.Model):
    """Why a participant flagged a comment; the flag itself is django-comments' CommentFlag."""

    flag = models.OneToOneField(CommentFlag, on_delete=models.CASCADE, related_name="reason")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("details"), max_length=300, blank=True)

    def __str__(self):
        return self.get_reason_display()


class ModerationAction(models.Model):
    """The log of moderators' decisions: who did what, when and why. Never edited."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        BLOCK = "block", _("Blocked participant")
        UNBLOCK = "unblock", _("Unblocked participant")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


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


@register_setting(icon="warning")
class ModerationSettings(BaseGenericSetting):
    banned_words = models.TextField(
        _("banned words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one waits for review."),
    )
    flags_to_hold = models.PositiveSmallIntegerField(
        _("flags before review"),
        default=3,
        help_text=_("A published comment is held for review after this many flags."),
    )
    links_to_hold = models.PositiveSmallIntegerField(
        _("links before review"),
        default=3,
        help_text=_("A comment with more links than this waits for review."),
    )

    class Meta:
        verbose_name = _("moderation rules")


@register_setting(icon="lock")
class PersonalDataSettings(BaseGenericSetting):
    class AfterDeletion(models.TextChoices):
        KEEP = "keep", _("Keep, without the person")
        REMOVE = "remove", _("Remove")

    comments_after_deletion = models.CharField(
        _("comments of a deleted account"),
        max_length=10,
        choices=AfterDeletion.choices,
        default=AfterDeletion.KEEP,
        help_text=_("Kept comments show “deleted participant” instead of a name."),
    )
    votes_after_deletion = models.CharField(
        _("votes of a deleted account"),
        max_length=10,
        choices=AfterDeletion.choices,
        default=AfterDeletion.KEEP,
        help_text=_("Kept votes stay counted, with no link to any person."),
    )

    class Meta:
        verbose_name = _("personal data")
