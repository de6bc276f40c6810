"""The five participation processes of the seeds (R1), in the seeds' order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessType(models.TextChoices):
    DEBATE = "debate", _("Debates")
    PROPOSALS = "proposals", _("Citizen proposals")
    VOTE = "vote", _("Votes")
    LEGISLATION = "legislation", _("Draft regulations")
    BUDGET = "budget", _("Participatory budgeting")


PROCESS_DESCRIPTIONS = {
    ProcessType.DEBATE: _("Discuss local issues constructively."),
    ProcessType.PROPOSALS: _("Residents propose projects and solutions."),
    ProcessType.VOTE: _("Vote to decide on local issues."),
    ProcessType.LEGISLATION: _(
        "Comment on draft policies and local ordinances, paragraph by paragraph."
    ),
    ProcessType.BUDGET: _("Propose, check, follow and vote on projects of the local budget."),
}
