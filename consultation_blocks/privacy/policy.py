"""What the municipality chose to keep of a deleted account (PDPA), read in one place:
the privacy page, the deletion form and the deletion itself all ask personal_data_policy().
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from .models import AfterDeletion, MunicipalPersonalDataRules, PersonalDataSettings


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
    # The municipalities that set their own rules: {municipality id: PersonalDataPolicy}.
    # A comment or vote follows its municipality's (of()); the rest, these.
    own_rules: dict = field(default_factory=dict, compare=False)

    def of(self, municipality_id):
        return self.own_rules.get(municipality_id, self)

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


def _policy(rules, own_rules=None):
    comments = {
        AfterDeletion.KEEP: KEEP_AS_DELETED_PARTICIPANT,
        AfterDeletion.REMOVE: REMOVE_COMMENTS,
    }
    votes = {AfterDeletion.KEEP: KEEP_COUNTED_ANONYMOUSLY, AfterDeletion.REMOVE: REMOVE_VOTES}
    return PersonalDataPolicy(
        comments_after_deletion=comments[rules.comments_after_deletion],
        votes_after_deletion=votes[rules.votes_after_deletion],
        own_rules=own_rules or {},
    )


def personal_data_policy(request=None):
    """What happens to a participant's comments and votes when they delete their account.

    The platform chooses in the admin's settings (PersonalDataSettings); a municipality
    may choose its own (MunicipalPersonalDataRules, on its settings screen), which its
    comments and votes follow: policy.of(municipality id).
    """
    own = {
        rules.municipality_id: _policy(rules) for rules in MunicipalPersonalDataRules.objects.all()
    }
    return _policy(PersonalDataSettings.load(request_or_site=request), own)
