"""The app's models, defined in its sub-packages and gathered here, so that their app
label (bokrao_blocks) and migrations stay where they were."""

from .budgeting.models import (
    Ballot,
    BallotLine,
    LineRemoval,
    Milestone,
    Project,
    ProjectFollower,
    RoundCount,
    RoundVoter,
    Spending,
)
from .comments.models import (
    Comment,
    CommentFlagReason,
    ModerationAction,
    ModerationSettings,
    MunicipalModerationRules,
)
from .drafts.models import DraftText, DraftVersion
from .drafts.report.models import HearingReport, HearingResponse
from .limits.models import AttemptWindow
from .municipalities.models import Area, Municipality
from .participants.models import (
    Contribution,
    MatterRelation,
    Participant,
    ResidentRecord,
    ResidentVerification,
)
from .privacy.models import MunicipalPersonalDataRules, PersonalDataSettings
from .proposals.models import Agency, Follower, Proposal, StatusChange
from .widgets.models import Vote

__all__ = [
    "Area",
    "Municipality",
    "MatterRelation",
    "ResidentVerification",
    "AttemptWindow",
    "Comment",
    "CommentFlagReason",
    "Contribution",
    "ModerationAction",
    "ModerationSettings",
    "MunicipalModerationRules",
    "Participant",
    "PersonalDataSettings",
    "MunicipalPersonalDataRules",
    "ResidentRecord",
    "Vote",
    "Agency",
    "Follower",
    "Proposal",
    "StatusChange",
    "DraftVersion",
    "DraftText",
    "HearingResponse",
    "HearingReport",
    "Project",
    "RoundVoter",
    "Ballot",
    "BallotLine",
    "LineRemoval",
    "RoundCount",
    "Milestone",
    "Spending",
    "ProjectFollower",
]
