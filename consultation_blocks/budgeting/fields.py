"""A page field holding a set of voter groups (R3), edited as ticks."""

from django import forms
from django.db import models

from ..participants.choices import VoterGroup


class VoterGroupsField(models.JSONField):
    """A list of VoterGroup values; empty means every group."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=VoterGroup.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )
