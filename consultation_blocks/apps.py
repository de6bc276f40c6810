from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationBlocksConfig(AppConfig):
    name = "consultation_blocks"
    label = "bokrao_blocks"
    verbose_name = _("Consultation blocks")
    default_auto_field = "django.db.models.BigAutoField"

    def __init__(self, app_name, app_module):
        super().__init__(app_name, app_module)
        # Importing checks registers our system checks. The apps our models build on are
        # asked for now, before any model is imported: without them Django would fail
        # with a RuntimeError about a model instead of naming the line to add.
        from . import checks

        checks.refuse_missing_apps()

    def ready(self):
        from .budgeting.counting import tasks as counting  # noqa: F401  (counts rounds at results)
        from .limits import tasks  # noqa: F401  (registers the job that forgets closed windows)
        from .staff.second_factor import checks  # noqa: F401  (registers its system check)

        self._register_with_search()
        self._register_personal_data()
        self._register_item_widgets()

    def _register_item_widgets(self):
        from .budgeting.projects.widgets import project_comments
        from .drafts.widgets import paragraph_widgets
        from .proposals.widgets import proposal_comments
        from .widgets.blocks import register_item_widgets

        register_item_widgets(proposal_comments)
        register_item_widgets(paragraph_widgets)
        register_item_widgets(project_comments)

    def _register_with_search(self):
        # Search knows no domain app: it learns our documents and labels here.
        from search import registry

        from .budgeting.projects.documents import ProjectDocuments
        from .comments.choices import CommentState
        from .comments.documents import CommentDocuments, register_anchor_describer
        from .drafts.documents import ParagraphDocuments, comment_describer
        from .participants.choices import Residence, VoterGroup
        from .proposals.choices import ProposalState
        from .proposals.documents import ProposalDocuments
        from .staff import municipalities
        from .staff.permissions import MODERATE, may_moderate
        from .widgets.documents import VoteDocuments

        registry.register(VoteDocuments())
        registry.register(CommentDocuments())
        registry.register_choices("moderation_state", CommentState, staff_filter=True)
        registry.register_choices("voter_group", VoterGroup, staff_filter=True)
        registry.register_choices("area", Residence, staff_filter=True)
        registry.register(ProposalDocuments())
        registry.register(ProjectDocuments())
        # A draft's paragraphs are found publicly; a comment on one says which it is.
        registry.register(ParagraphDocuments())
        register_anchor_describer(comment_describer)
        registry.register_choices("proposal_state", ProposalState, staff_filter=True)
        # Staff search shows held and hidden comments: those who moderate may read them.
        registry.register_staff_check(may_moderate)
        # ...of the municipalities they moderate for (a superuser: every one).
        registry.register_staff_scope(
            lambda user: municipalities.municipality_ids_of(user, MODERATE),
            choices=lambda user: [
                (str(found.pk), str(found))
                for found in municipalities.municipalities_of(user, MODERATE)
            ],
        )
        # Public search narrows by municipality: the facet shows their names.
        registry.register_municipality_names(municipality_names)
        registry.register_site_municipality(site_municipality)

    def _register_personal_data(self):
        # In the download's order; the deletion erases in the reverse order.
        from .budgeting.ballots import personal_data as ballots
        from .budgeting.implementation import personal_data as project_follows
        from .budgeting.projects import personal_data as projects
        from .comments import personal_data as comments
        from .drafts import personal_data as drafts
        from .participants import personal_data as participants
        from .privacy.registry import register, register_item_title, register_staff_fields
        from .proposals import personal_data as proposals
        from .staff.second_factor.hooks import otp_installed
        from .widgets import personal_data as widgets

        for holder in (
            participants.ACCOUNT,
            participants.PARTICIPANT,
            widgets.VOTES,
            comments.COMMENTS,
            comments.REACTIONS,
            comments.MODERATION,
            proposals.PROPOSALS,
            proposals.FOLLOWS,
            projects.PROJECTS,
            ballots.BALLOTS,
            project_follows.FOLLOWS,
        ):
            register(holder)
        # A support of a proposal, or a comment on it, is described by its title; a
        # comment on a draft's paragraph by the paragraph.
        register_item_title(proposals.proposal_title)
        register_item_title(drafts.paragraph_title)
        register_item_title(projects.project_title)
        if otp_installed():
            # Staff's second factor: that one is set up, never its secret.
            from .staff.second_factor import personal_data as second_factor

            register(second_factor.SECOND_FACTOR)
        # Who entered a vote or comment on site, who moderated: staff, never the
        # participant (the download says only that staff entered it).
        register_staff_fields(
            "bokrao_blocks.Vote.entered_by",
            "bokrao_blocks.Comment.entered_by",
            "bokrao_blocks.ModerationAction.moderator",
            # Who entered a proposal on site, who changed a proposal's status.
            "bokrao_blocks.Proposal.entered_by",
            "bokrao_blocks.StatusChange.by",
            # Who published a version of a draft.
            "bokrao_blocks.DraftVersion.published_by",
            # Who answered a hearing's comments and published its report (the public
            # reads a role: drafts/report/).
            "bokrao_blocks.HearingResponse.by",
            "bokrao_blocks.HearingReport.published_by",
            # Who created a project of a budget round (staff).
            "bokrao_blocks.Project.created_by",
            "bokrao_blocks.Project.entered_by",
            # Who entered a paper ballot, who took a project off ballots.
            *ballots.STAFF_FIELDS,
            # Who recorded a project's milestones and money spent, who counted a round.
            "bokrao_blocks.Milestone.by",
            "bokrao_blocks.Spending.by",
            "bokrao_blocks.RoundCount.by",
        )


def municipality_names(ids):
    from .municipalities.models import Municipality

    numbers = [int(pk) for pk in ids if str(pk).isdigit()]
    return {
        str(found.pk): found.display_name for found in Municipality.objects.filter(pk__in=numbers)
    }


def site_municipality(request):
    """The municipality whose own site (a hostname) `request` is on, or None."""
    from wagtail.models import Site

    from .municipalities.services import municipality_of

    site = Site.find_for_request(request)
    if site is None:
        return None
    found = municipality_of(site.root_page)
    # The platform's site has the front page as root: above every municipality.
    return found.pk if found is not None else None
