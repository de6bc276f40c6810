"""Personal data (PDPA): what the participation features keep, and what becomes of it.

The privacy page reads the municipality's choices from `personal_data_policy()`, so
the page always states the setting in force.
"""

from dataclasses import dataclass

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Choice:
    """A setting's value for code, and its label for people."""

    value: str
    label: str

    def __str__(self):
        return str(self.label)


@dataclass(frozen=True)
class PersonalDataPolicy:
    comments_after_deletion: Choice
    votes_after_deletion: Choice


KEEP_AS_DELETED_PARTICIPANT = Choice(
    "keep", gettext_lazy("Kept, shown as written by “deleted participant”")
)
KEEP_COUNTED_ANONYMOUSLY = Choice(
    "keep", gettext_lazy("Kept in the results, counted anonymously with no link to you")
)


def personal_data_policy():
    """What happens to a participant's comments and votes when they delete their account.

    The defaults for now; a site setting chosen by the municipality will replace them.
    """
    return PersonalDataPolicy(
        comments_after_deletion=KEEP_AS_DELETED_PARTICIPANT,
        votes_after_deletion=KEEP_COUNTED_ANONYMOUSLY,
    )


def privacy(request):
    policy = personal_data_policy()
    return TemplateResponse(
        request,
        "bokrao_blocks/accounts/privacy.html",
        {
            "comments_after_deletion": policy.comments_after_deletion.label,
            "votes_after_deletion": policy.votes_after_deletion.label,
        },
    )
