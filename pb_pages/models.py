from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import CharBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from consultation_blocks.blocks import RICH_TEXT_FEATURES, ConsultationBodyBlock, HomeBodyBlock
from consultation_blocks.budgeting import phases as budget_phases
from consultation_blocks.budgeting import rules as budget_rules
from consultation_blocks.budgeting.ballots import views as ballot_views
from consultation_blocks.budgeting.blocks import RoundPartsBlock
from consultation_blocks.budgeting.choices import BallotKind, BallotResidence, CountingRule
from consultation_blocks.budgeting.counting import views as results_views
from consultation_blocks.budgeting.fields import VoterGroupsField
from consultation_blocks.budgeting.projects import views as round_views
from consultation_blocks.drafts import compare as draft_compare
from consultation_blocks.drafts import hearing
from consultation_blocks.drafts import views as draft_views
from consultation_blocks.drafts import widgets as draft_widgets
from consultation_blocks.drafts.blocks import DraftTextBlock
from consultation_blocks.drafts.numbering import Numerals, SectionWord
from consultation_blocks.drafts.report import views as report_views
from consultation_blocks.municipalities import services as municipalities
from consultation_blocks.participants.choices import VerificationLevel
from consultation_blocks.proposals import views as proposal_views
from consultation_blocks.proposals.choices import ThresholdKind
from consultation_blocks.timing import window_state
from theme.user_input import clean_user_text

from . import listings
from .forms import BokraoPageForm
from .phases import services as phase_services
from .phases.forms import ConsultationPageForm
from .phases.models import Phase, PhaseShift  # noqa: F401  (models of this app)
from .processes import PROCESS_DESCRIPTIONS, ProcessType
from .slugs import ASCII_SLUG, available_slug, readable_slug


class BokraoPage(Page):
    """What every Bokrao page type shares: a readable ASCII slug for Thai titles."""

    base_form_class = BokraoPageForm

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # Wagtail loads each page on the way down in full, two queries apiece; a page
        # the path only passes through routes on, so its own fields wait until read.
        if len(path_components) < 2:
            return super().route(request, path_components)
        child = self.get_children().filter(slug=path_components[0]).first()
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: treebeard's get_parent() reads it
        return child.specific_deferred.route(request, path_components[1:])

    def full_clean(self, *args, **kwargs):
        # Wagtail would fill an empty slug from slugify(title), which is empty
        # for a Thai title; spell the title in Latin letters instead.
        if not self.slug and self.path:
            self.slug = available_slug(readable_slug(self.title), self.get_parent(), self)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.slug and not ASCII_SLUG.match(self.slug):
            raise ValidationError(
                {
                    "slug": _(
                        "Use only Latin letters, digits and hyphens in the slug, or leave it "
                        "empty to spell the title in Latin letters."
                    )
                }
            )


class PlatformHomePage(BokraoPage):
    """The platform's front page: every municipality on it, by province, with what is
    open there. The municipalities' home pages are its children."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["bokrao_pages.HomePage", "bokrao_pages.InformationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("platform front page")

    # Up to this many municipalities the front page lists them all; past it, their
    # provinces, each a page of its own (?province=...).
    LISTED_AT_ONCE = 60

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = clean_user_text(request.GET.get("province")).strip()[:100] or None
        if (
            province is None
            and HomePage.objects.child_of(self).live().count() > self.LISTED_AT_ONCE
        ):
            context["province_list"] = listings.provinces_of(self)
            return context
        context["provinces"] = listings.municipalities_by_province(self, request, province=province)
        context["province"] = province
        return context


class HomePage(BokraoPage):
    """A municipality's front page: its open consultations, by process."""

    # The layout's home link and menu look for the nearest page that says this.
    is_municipality_home = True

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    # Under the platform's front page; directly under the tree's root on an install
    # from before there were many municipalities.
    parent_page_types = ["bokrao_pages.PlatformHomePage", "wagtailcore.Page"]
    subpage_types = ["bokrao_pages.ProcessIndexPage", "bokrao_pages.InformationPage"]

    class Meta:
        verbose_name = _("municipality home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["processes"] = listings.open_consultations_by_process(self)
        return context

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Every municipality home page is a municipality's (a translation, its source's).
        municipalities.ensure_for_home_page(self)


class ProcessIndexPage(BokraoPage):
    """The section of one process type: all its consultations, open ones first."""

    process_type = models.CharField(
        _("process"), max_length=20, choices=ProcessType.choices, default=ProcessType.DEBATE
    )
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("process_type"), FieldPanel("intro")]
    override_translatable_fields = [SynchronizedField("process_type")]
    parent_page_types = ["bokrao_pages.HomePage"]
    subpage_types = [
        "bokrao_pages.DebatePage",
        "bokrao_pages.ProposalIndexPage",
        "bokrao_pages.VotePage",
        "bokrao_pages.DraftRegulationPage",
        "bokrao_pages.BudgetRoundPage",
    ]

    class Meta:
        verbose_name = _("process section")

    @property
    def process_description(self):
        return PROCESS_DESCRIPTIONS[self.process_type]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = [
            group for group in listings.consultations_by_state(self) if group["pages"]
        ]
        return context


class ConsultationPage(BokraoPage):
    """One consultation: a text people respond to, in phases (pb_pages/phases/).

    Concrete (not abstract) so that the home page finds the open consultations of
    every process in one query. `opens_at` and `closes_at` are the consultation's
    frame, kept from its phases (first start, last end; no end while a phase is held),
    so that listings filter in SQL; rules ask `timeline()` instead.
    """

    base_form_class = ConsultationPageForm
    process = None  # each page type names its ProcessType

    process_type = models.CharField(max_length=20, choices=ProcessType.choices, editable=False)
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    body = StreamField(ConsultationBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        InlinePanel(
            "phases",
            label=_("Phase"),
            heading=_("Phases"),
            min_num=1,
            help_text=_(
                "The steps of the consultation, in order: what people may do in each, "
                "and when. A consultation with one listening phase is open from its "
                "start to its end."
            ),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("process_type"),
    ]
    override_translatable_fields = [
        SynchronizedField("process_type"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
    ]
    parent_page_types = []  # only its concrete types are created
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")

    @classmethod
    def can_create_at(cls, parent):
        parent = parent.specific
        return (
            super().can_create_at(parent) and getattr(parent, "process_type", None) == cls.process
        )

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be after the opening time.")}
            )

    def full_clean(self, *args, **kwargs):
        phase_services.keep_frame(self)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.process_type = self.process
        phase_services.keep_frame(self)
        super().save(*args, **kwargs)

    def timeline(self):
        """The phases as they run (phases/timeline.py), with staff's holds and advances."""
        return phase_services.timeline_of_page(self)

    @property
    def current_phase(self):
        return self.timeline().current()

    @property
    def state(self):
        # The frame agrees with the timeline (a held phase leaves it without an end),
        # and costs no query in a listing of many consultations.
        return window_state(self.opens_at, self.closes_at)


class DebatePage(ConsultationPage):
    """A question put to the public: background and widgets in the body, arguments in
    its comments; once closed, the municipality's summary of what was said and what it
    will do next."""

    process = ProcessType.DEBATE
    parent_page_types = ["bokrao_pages.ProcessIndexPage"]

    outcome = RichTextField(
        _("summary of the debate"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown once the debate has closed: what people said."),
    )
    next_steps = RichTextField(
        _("what the municipality will do next"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = ConsultationPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("next_steps")], heading=_("After closing")
        )
    ]

    class Meta:
        verbose_name = _("debate")


class ProposalIndexPage(RoutablePageMixin, ConsultationPage):
    """A call for citizen proposals on one theme: its text and widgets (the body), its
    rules for proposals (below), and the proposals themselves, each on a page of its own
    under the call's address (consultation_blocks/proposals/)."""

    process = ProcessType.PROPOSALS
    parent_page_types = ["bokrao_pages.ProcessIndexPage"]

    categories = StreamField(
        [("category", CharBlock(label=_("Category"), max_length=100))],
        blank=True,
        verbose_name=_("categories"),
        help_text=_("What proposals may be about; the author chooses one."),
    )
    review_first = models.BooleanField(
        _("review proposals before they are published"),
        default=False,
        help_text=_(
            "Unticked: a proposal is published when its author submits it, and moderated "
            "afterwards."
        ),
    )
    submit_verification = models.PositiveSmallIntegerField(
        _("who may submit proposals"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.EMAIL,
    )
    support_verification = models.PositiveSmallIntegerField(
        _("who may support proposals"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.EMAIL,
    )
    threshold_kind = models.CharField(
        _("support threshold"),
        max_length=20,
        choices=ThresholdKind.choices,
        default=ThresholdKind.NONE,
    )
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A number of supports, or a percentage (2.5 means 2.5 %)."),
    )
    hide_rejected_from_search = models.BooleanField(
        _("rejected proposals leave public search"), default=False
    )

    content_panels = ConsultationPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("categories"),
                FieldPanel("review_first"),
                FieldPanel("submit_verification"),
                FieldPanel("support_verification"),
                FieldRowPanel([FieldPanel("threshold_kind"), FieldPanel("threshold")]),
                FieldPanel("hide_rejected_from_search"),
            ],
            heading=_("Proposals"),
        )
    ]
    override_translatable_fields = ConsultationPage.override_translatable_fields + [
        SynchronizedField("review_first"),
        SynchronizedField("submit_verification"),
        SynchronizedField("support_verification"),
        SynchronizedField("threshold_kind"),
        SynchronizedField("threshold"),
        SynchronizedField("hide_rejected_from_search"),
    ]

    class Meta:
        verbose_name = _("call for proposals")

    def clean(self):
        super().clean()
        if self.threshold_kind != ThresholdKind.NONE and not self.threshold:
            raise ValidationError({"threshold": _("Give the threshold, or choose no threshold.")})
        if (
            self.threshold_kind in (ThresholdKind.MUNICIPALITY_SHARE, ThresholdKind.AREA_SHARE)
            and self.threshold
            and self.threshold > 100
        ):
            raise ValidationError({"threshold": _("A percentage is at most 100.")})

    def category_choices(self):
        """(key, label) of the call's categories, keyed by their list item ids."""
        return [(child.id, child.value) for child in self.categories]

    # The proposals live under the call's address (views in consultation_blocks/proposals/):
    # a proposal's page stays at p/<its number>/ whatever is edited.
    @path("")
    def call(self, request):
        return proposal_views.call_page(self, request)

    @path("p/<int:proposal_id>/")
    def proposal(self, request, proposal_id):
        return proposal_views.proposal_page(self, request, proposal_id)

    @path("new/")
    def new_proposal(self, request):
        return proposal_views.submit(self, request)

    @path("p/<int:proposal_id>/edit/")
    def edit_proposal(self, request, proposal_id):
        return proposal_views.submit(self, request, proposal_id)

    @path("similar/")
    def similar(self, request):
        return proposal_views.similar(self, request)

    @path("data/<str:data_format>/")
    def open_data(self, request, data_format):
        return proposal_views.open_data(self, request, data_format)

    @path("area-plan/<str:data_format>/")
    def area_plan(self, request, data_format):
        return proposal_views.area_plan(self, request, data_format)


class VotePage(ConsultationPage):
    process = ProcessType.VOTE
    parent_page_types = ["bokrao_pages.ProcessIndexPage"]

    class Meta:
        verbose_name = _("vote")


class DraftRegulationPage(RoutablePageMixin, ConsultationPage):
    """A draft ordinance, bill, policy or plan put to a public hearing: its text in
    structure blocks (`text`), published in versions that people read and annotate
    paragraph by paragraph (consultation_blocks/drafts/). The body holds what goes
    beside the text: the background, and questions to the public (polls, comments)."""

    process = ProcessType.LEGISLATION
    parent_page_types = ["bokrao_pages.ProcessIndexPage"]

    text = StreamField(
        DraftTextBlock(),
        blank=True,
        verbose_name=_("text of the draft"),
        help_text=_(
            "Readers see the text once it is published as a version (Drafts → versions "
            "in the admin); the first version is published with the page."
        ),
    )
    section_word = models.CharField(
        _("sections are called"),
        max_length=10,
        choices=SectionWord.choices,
        default=SectionWord.KHO,
    )
    numerals = models.CharField(
        _("numbers are written in"),
        max_length=10,
        choices=Numerals.choices,
        default=Numerals.THAI,
    )
    comment_verification = models.PositiveSmallIntegerField(
        _("who may comment on the text"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.EMAIL,
    )
    paragraph_votes = models.BooleanField(
        _("readers may agree or disagree with each paragraph"), default=True
    )

    content_panels = ConsultationPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("section_word"), FieldPanel("numerals")]),
                FieldPanel("comment_verification"),
                FieldPanel("paragraph_votes"),
            ],
            heading=_("How the draft is read"),
        ),
        FieldPanel("text"),
    ]
    search_fields = ConsultationPage.search_fields + [index.SearchField("text")]
    override_translatable_fields = ConsultationPage.override_translatable_fields + [
        SynchronizedField("section_word"),
        SynchronizedField("numerals"),
        SynchronizedField("comment_verification"),
        SynchronizedField("paragraph_votes"),
    ]

    class Meta:
        verbose_name = _("draft regulation")

    def on_site_items(self):
        return draft_widgets.on_site_items(self)

    def phase_rules_problems(self, rows, parent_page=None):
        """The hearing lasts at least the municipality's shortest hearing."""
        municipality = municipalities.municipality_of(parent_page or self)
        return hearing.hearing_problems(rows, hearing.minimum_days(municipality))

    # The reader lives under the draft's address (consultation_blocks/drafts/views.py).
    @path("")
    def read(self, request):
        return draft_views.reading_page(self, request)

    @path("v/<int:number>/")
    def read_version(self, request, number):
        return draft_views.reading_page(self, request, number)

    @path("p/<str:key>/")
    def paragraph(self, request, key):
        return draft_views.paragraph_page(self, request, key)

    @path("comments/")
    def comments(self, request):
        return draft_views.comment_list(self, request)

    @path("compare/")
    def compare(self, request):
        return draft_compare.compare_page(self, request)

    # The hearing report (consultation_blocks/drafts/report/views.py).
    @path("report/")
    def report(self, request):
        return report_views.report_page(self, request)

    @path("report/pdf/")
    def report_pdf(self, request):
        return report_views.report_pdf(self, request)

    @path("report/csv/")
    def report_csv(self, request):
        return report_views.report_csv_view(self, request)


class BudgetRoundPage(RoutablePageMixin, ConsultationPage):
    """A participatory budgeting round: its story and widgets (the body), its money split
    into parts (areas or themes, maybe grouped), its rules for projects, supports, ballots
    and counting, and the projects themselves under the round's address
    (consultation_blocks/budgeting/)."""

    process = ProcessType.BUDGET
    parent_page_types = ["bokrao_pages.ProcessIndexPage"]

    total_money = models.PositiveBigIntegerField(
        _("money of the round (baht)"),
        default=0,
        help_text=_("The parts below share it; together they may not hold more."),
    )
    parts = StreamField(
        RoundPartsBlock(),
        default=list,
        verbose_name=_("parts"),
        help_text=_(
            "The areas or themes the money is split into, each with its own amount. Group "
            "parts to let each person ballot in only some of them."
        ),
    )
    ballot_kind = models.CharField(
        _("what a ballot may hold"),
        max_length=10,
        choices=BallotKind.choices,
        default=BallotKind.KNAPSACK,
    )
    approval_limit = models.PositiveSmallIntegerField(
        _("most projects on one ballot"),
        null=True,
        blank=True,
        help_text=_("For ballots of at most a number of projects."),
    )
    minimum_spend_percent = models.PositiveSmallIntegerField(
        _("a ballot spends at least this percentage of the part's money"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no minimum."),
    )
    minimum_projects = models.PositiveSmallIntegerField(
        _("fewest projects on one ballot"), null=True, blank=True
    )
    maximum_projects = models.PositiveSmallIntegerField(
        _("most projects on one ballot (also with money)"), null=True, blank=True
    )
    counting_rule = models.CharField(
        _("counting rule"),
        max_length=20,
        choices=CountingRule.choices,
        default=CountingRule.GREEDY,
        help_text=_("Both are computed and shown; this one decides the winners."),
    )
    submit_verification = models.PositiveSmallIntegerField(
        _("who may submit projects"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.EMAIL,
    )
    support_verification = models.PositiveSmallIntegerField(
        _("who may support projects"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.EMAIL,
    )
    ballot_verification = models.PositiveSmallIntegerField(
        _("who may ballot"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.RESIDENT,
    )
    ballot_residence = models.CharField(
        _("who may ballot, by where they live"),
        max_length=10,
        choices=BallotResidence.choices,
        default=BallotResidence.ANYONE,
    )
    ballot_voter_groups = VoterGroupsField(
        _("who may ballot, by their relation to the matter"),
        default=list,
        blank=True,
        help_text=_("Tick none to let every group ballot."),
    )

    content_panels = ConsultationPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("total_money"), FieldPanel("parts")], heading=_("Money and parts")
        ),
        MultiFieldPanel(
            [
                FieldPanel("submit_verification"),
                FieldPanel("support_verification"),
                FieldPanel("ballot_verification"),
                FieldPanel("ballot_residence"),
                FieldPanel("ballot_voter_groups"),
            ],
            heading=_("Who takes part"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ballot_kind"), FieldPanel("approval_limit")]),
                FieldPanel("minimum_spend_percent"),
                FieldRowPanel([FieldPanel("minimum_projects"), FieldPanel("maximum_projects")]),
                FieldPanel("counting_rule"),
            ],
            heading=_("Ballots and counting"),
        ),
    ]
    override_translatable_fields = ConsultationPage.override_translatable_fields + [
        SynchronizedField(name)
        for name in (
            "total_money",
            "ballot_kind",
            "approval_limit",
            "minimum_spend_percent",
            "minimum_projects",
            "maximum_projects",
            "counting_rule",
            "submit_verification",
            "support_verification",
            "ballot_verification",
            "ballot_residence",
            "ballot_voter_groups",
        )
    ]

    class Meta:
        verbose_name = _("budget round")

    def clean(self):
        super().clean()
        problems = budget_rules.round_settings_problems(self)
        if problems:
            raise ValidationError(problems)

    def phase_rules_problems(self, rows, parent_page=None):
        """Only a round's steps, each once, in the round's order."""
        return budget_phases.round_phase_problems(rows)

    # The projects, the ballot and the results live under the round's address
    # (consultation_blocks/budgeting/).
    def route(self, request, path_components):
        # The round answers every address below it (its projects, ballot, results), so
        # it is the page served: its own fields are read in one query here, not one
        # query each later, as the deferred instance routing hands over would.
        deferred = self.get_deferred_fields()
        if deferred:
            self.refresh_from_db(fields=list(deferred))
        return super().route(request, path_components)

    @path("")
    def round(self, request):
        return round_views.round_page(self, request)

    @path("p/<int:project_id>/")
    def project(self, request, project_id):
        return round_views.project_page(self, request, project_id)

    @path("p/<int:project_id>/follow/")
    def follow_project(self, request, project_id):
        from consultation_blocks.budgeting.implementation import views as follow_views

        return follow_views.follow_project(self, request, project_id)

    @path("new/")
    def new_project(self, request):
        return round_views.submit_project(self, request)

    @path("ballot/")
    def ballot(self, request):
        return ballot_views.ballot_overview(self, request)

    @path("ballot/<str:part>/")
    def ballot_part(self, request, part):
        return ballot_views.ballot_page(self, request, part)

    @path("results/")
    def results(self, request):
        return results_views.results_page(self, request)

    @path("data/<str:data_format>/")
    def open_data(self, request, data_format):
        return results_views.open_data(self, request, data_format)

    @path("area-plan/<str:data_format>/")
    def area_plan(self, request, data_format):
        return round_views.area_plan(self, request, data_format)


class InformationPage(BokraoPage):
    """Plain pages: about the platform, privacy and cookies, how to take part."""

    body = StreamField(ConsultationBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["bokrao_pages.HomePage", "bokrao_pages.PlatformHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
