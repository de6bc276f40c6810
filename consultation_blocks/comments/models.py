from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import (
    MaxThreadLevelExceededException,
    XtdComment,
    max_thread_level_for_content_type,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ..participants.models import Contribution, Participant
from .choices import CommentState, FlagReason


class Comment(XtdComment, Contribution):
    """A comment in a comment widget, threaded by django-comments-xtd.

    Like a vote, it belongs to a consultation (the page's translation key) and a
    widget (its block id), and may be about an anchor: a paragraph or an item.
    Visibility is `state`; django-comments' is_public / is_removed follow it.
    """

    # Named, because the default reverse name "comment" clashes with the text field.
    xtdcomment_ptr = models.OneToOneField(
        XtdComment, parent_link=True, on_delete=models.CASCADE, related_name="participation"
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
    # The words of the paragraph the comment is about, when the participant chose some.
    quote = models.TextField(_("quoted words"), blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["consultation", "widget"])]

    def save(self, *args, **kwargs):
        """A new comment takes the place in its thread that django-comments-xtd gives it,
        in fewer statements.

        xtd inserts a new comment, then works out its thread and saves all three tables
        again, its pre_save handler looking for replies the comment cannot have yet. A
        reply's place (thread, level, order, its ancestors' counts) needs no id of its
        own: xtd's own computation runs first and the row is inserted with it. A first
        comment is its own thread and parent, which one UPDATE sets once it has an id.
        """
        if self.pk is not None:
            super().save(*args, **kwargs)
            return
        with transaction.atomic(savepoint=False):
            if self.parent_id:
                if not max_thread_level_for_content_type(self.content_type):
                    raise MaxThreadLevelExceededException(self)
                self._calculate_thread_data()
            # django-comments' save (it dates the comment), without xtd's second one.
            super(XtdComment, self).save(*args, **kwargs)
            if not self.parent_id:
                self.parent_id = self.thread_id = self.pk
                XtdComment.norel_objects.filter(pk=self.pk).update(
                    parent_id=self.pk, thread_id=self.pk
                )


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


class ModerationRules(models.Model):
    """What holds a comment for review. The platform's rules (ModerationSettings) apply
    in every municipality that has not set its own (MunicipalModerationRules)."""

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
        abstract = True


@register_setting(icon="warning")
class ModerationSettings(ModerationRules, BaseGenericSetting):
    class Meta:
        verbose_name = _("moderation rules")

    def __str__(self):
        return str(self._meta.verbose_name)


class MunicipalModerationRules(ModerationRules):
    municipality = models.OneToOneField(
        "bokrao_blocks.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="moderation_rules",
    )

    class Meta:
        verbose_name = _("moderation rules of a municipality")

    def __str__(self):
        return str(self.municipality)
