"""What the municipality chose to keep of a deleted account (PDPA), read in one place:
the privacy page, the deletion form and the deletion itself all ask personal_data_policy().
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .models import PersonalDataSettings

AfterDeletion = PersonalDataSettings.AfterDeletion


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

    @property
    def keeps_comments(self):
        return self.comments_after_deletion.value == AfterDeletion.KEEP

    @property
    def keeps_votes(self):
        return self.votes_after_deletion.value == AfterDeletion.KEEP


KEEP_AS_DELETED_PARTICIPANT = Choice(
    AfterDeletion.KEEP, gettext_lazy("Kept, shown as written by “deleted participant”")
)
REMOVE_COMMENTS = Choice(
    AfterDeletion.REMOVE,
    gettext_lazy(
        "Deleted. A comment that others have replied to stays in its place without its "
        "text, marked “deleted by its author”, so that the replies still make sense."
    ),
)
KEEP_COUNTED_ANONYMOUSLY = Choice(
    AfterDeletion.KEEP, gettext_lazy("Kept in the results, counted anonymously with no link to you")
)
REMOVE_VOTES = Choice(
    AfterDeletion.REMOVE,
    gettext_lazy("Deleted, and no longer counted in the results"),
)


def personal_data_policy(request=None):
    """What happens to a participant's comments and votes when they delete their account.

    The municipality chooses in the admin's settings (PersonalDataSettings).
    """
    chosen = PersonalDataSettings.load(request_or_site=request)
    comments = {
        AfterDeletion.KEEP: KEEP_AS_DELETED_PARTICIPANT,
        AfterDeletion.REMOVE: REMOVE_COMMENTS,
    }
    votes = {AfterDeletion.KEEP: KEEP_COUNTED_ANONYMOUSLY, AfterDeletion.REMOVE: REMOVE_VOTES}
    return PersonalDataPolicy(
        comments_after_deletion=comments[chosen.comments_after_deletion],
        votes_after_deletion=votes[chosen.votes_after_deletion],
    )
