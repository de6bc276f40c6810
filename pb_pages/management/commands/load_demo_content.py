"""Load the demo platform: Saen Suk and Ratchathewi under the platform's front page, in
Thai with English translations, each with its areas and a staff account.

Safe to run again: content that is already there is left as it is.
"""

import json
import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from consultation_blocks.comments.services import post_comment, react
from consultation_blocks.models import Participant
from consultation_blocks.municipalities.models import Area
from consultation_blocks.participants.choices import VerificationLevel, VoterGroup
from consultation_blocks.proposals import services as proposals
from consultation_blocks.proposals.choices import AgencyKind, ProposalState, WithinPowers
from consultation_blocks.proposals.models import Agency
from consultation_blocks.timing import now
from pb_pages import demo_budget, demo_drafts, demo_hearings
from pb_pages import demo_content as demo
from pb_pages import models as page_models
from pb_pages.municipalities import describe_municipality, make_staff_groups, staff_group
from pb_pages.phases.models import Phase
from theme.models import CookieConsentSettings

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = os.environ.get("BOKRAO_DEMO_ADMIN_PASSWORD", "bokrao-demo")
DEMO_CITIZEN_EMAIL = "somchai@saensuk.example"


class Command(BaseCommand):
    help = (
        "Load demo content: the platform with Saen Suk (one consultation of each process) "
        "and Ratchathewi (one debate)."
    )

    def handle(self, *args, **options):
        admin = self._ensure_admin()
        self._ensure_citizen()
        thai, _ = Locale.objects.get_or_create(language_code="th")
        english, _ = Locale.objects.get_or_create(language_code="en")
        loaded = page_models.HomePage.objects.filter(locale=thai, slug=demo.HOME["slug"]).exists()
        if loaded:
            self.stdout.write("Demo content is already loaded; nothing to do.")
        else:
            with transaction.atomic():
                homes = self._create_pages(thai, english, admin)
                self._ensure_staff(homes)
                self._place_citizen(homes)
                self._post_comments(homes)
                citizens = self._ensure_citizens(homes)
                self._argue_on_the_beach(homes, citizens)
                self._collect_proposals(homes, citizens)
                self._hold_budget_rounds(homes, citizens)
                self._hold_hearings(homes, citizens, admin)
        municipalities = ", ".join(
            f"{municipality['title'][0]} at /th/{municipality['slug']}/"
            for municipality in demo.MUNICIPALITIES
        )
        staff = " and ".join(municipality["staff"] for municipality in demo.MUNICIPALITIES)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo platform at /th/ and /en/: {municipalities}.\n"
                f"Admin: http://127.0.0.1:8000/admin/  user: {DEMO_ADMIN_USERNAME}  "
                f"password: {DEMO_ADMIN_PASSWORD}\n"
                f"Municipal staff: {staff}, same password.\n"
                f"Citizen: http://127.0.0.1:8000/th/participate/account/sign-in/  "
                f"email: {DEMO_CITIZEN_EMAIL}  password: {DEMO_ADMIN_PASSWORD}"
            )
        )

    def _ensure_admin(self):
        User = get_user_model()
        admin = User.objects.filter(username=DEMO_ADMIN_USERNAME).first()
        if admin is None:
            admin = User.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@saensuk.example", DEMO_ADMIN_PASSWORD
            )
            profile = UserProfile.get_for_user(admin)
            profile.preferred_language = "th"
            profile.save()
        return admin

    def _ensure_citizen(self):
        """A resident with a confirmed email, to try every widget as a citizen."""
        User = get_user_model()
        if User.objects.filter(username=DEMO_CITIZEN_EMAIL).exists():
            return
        user = User.objects.create_user(
            DEMO_CITIZEN_EMAIL, DEMO_CITIZEN_EMAIL, DEMO_ADMIN_PASSWORD, first_name="สมชาย"
        )
        Participant.objects.create(
            user=user,
            display_name="สมชาย",
            voter_group=VoterGroup.RESIDENT,
            verification_level=VerificationLevel.EMAIL,
        )

    def _ensure_staff(self, homes):
        """A staff account per municipality: its editor, moderator, report reader and
        office staff (who enters what people say at the office, and paper ballots)."""
        User = get_user_model()
        for content in demo.MUNICIPALITIES:
            municipality = homes[content["slug"]].municipality
            user = User.objects.create_user(
                content["staff"], f"{content['staff']}@bokrao.example", DEMO_ADMIN_PASSWORD
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "th"
            profile.save()
            user.groups.add(
                *[
                    staff_group(municipality, role)
                    for role in ("editors", "moderators", "report_readers", "office")
                ]
            )

    def _place_citizen(self, homes):
        """Somchai lives in Saen Suk, in Nong Mon: inside there, outside in Ratchathewi."""
        municipality = homes["saensuk"].municipality
        somchai = Participant.objects.get(user__username=DEMO_CITIZEN_EMAIL)
        somchai.home_municipality = municipality
        somchai.home_area = municipality.areas.get(code="01")
        somchai.home_stated = True
        somchai.save(update_fields=["home_municipality", "home_area", "home_stated"])

    def _post_comments(self, homes):
        """A few residents' comments, through the same service as the site's form."""
        authors = {"somchai": Participant.objects.get(user__username=DEMO_CITIZEN_EMAIL)}
        user = get_user_model().objects.create_user(
            "malee@saensuk.example", "malee@saensuk.example", None
        )
        authors["malee"] = Participant.objects.create(
            user=user,
            display_name="มาลี",
            voter_group=VoterGroup.CONCERNED,
            home_stated=True,
            verification_level=VerificationLevel.EMAIL,
        )
        for slug, process_type, author, text in demo.DEMO_COMMENTS:
            # The first consultation of that process (Saen Suk has three debates).
            page = (
                page_models.ConsultationPage.objects.descendant_of(homes[slug])
                .filter(process_type=process_type)
                .order_by("path")
                .first()
            )
            widget = next(child.id for child in page.body if child.block_type == "comments")
            post_comment(authors[author], page, widget, text)

    def _ensure_citizens(self, homes):
        """Saen Suk's demo participants by key: residents of its communities, people who
        are concerned and people who are interested from elsewhere."""
        municipality = homes["saensuk"].municipality
        citizens = {
            participant.user.username.split("@")[0]: participant
            for participant in Participant.objects.filter(
                user__username__in=[DEMO_CITIZEN_EMAIL, "malee@saensuk.example"]
            ).select_related("user")
        }
        User = get_user_model()
        for key, name, group, area_code in [
            *demo.DEMO_CITIZENS,
            *demo_drafts.DRAFT_CITIZENS,
            *demo_budget.VOTERS,
        ]:
            email = f"{key}@saensuk.example"
            user = User.objects.create_user(email, email, None, first_name=name)
            citizens[key] = Participant.objects.create(
                user=user,
                display_name=name,
                voter_group=group,
                verification_level=VerificationLevel.EMAIL,
                home_stated=True,
                home_municipality=municipality if area_code else None,
                home_area=municipality.areas.get(code=area_code) if area_code else None,
            )
        return citizens

    def _argue_on_the_beach(self, homes, citizens):
        """The open beach debate's arguments and replies, and people agreeing and
        disagreeing with them, through the site's services."""
        page = page_models.DebatePage.objects.descendant_of(homes["saensuk"]).get(
            slug=demo.BEACH_DEBATE
        )
        widget = next(child.id for child in page.body if child.block_type == "comments")
        posted = {}
        for key, author, text, parent in demo.BEACH_ARGUMENTS:
            parent_id = posted[parent].pk if parent else None
            posted[key] = post_comment(citizens[author], page, widget, text, parent_id=parent_id)
        for key, reactions in demo.BEACH_REACTIONS.items():
            for kind, people in reactions.items():
                for person in people:
                    react(citizens[person], posted[key].pk, kind)

    def _collect_proposals(self, homes, citizens):
        """Ten proposals on Saen Suk's call, written, supported, answered, forwarded and
        featured through the proposals' services, as residents and staff would."""
        home = homes["saensuk"]
        call = page_models.ProposalIndexPage.objects.descendant_of(home).get()
        staff = get_user_model().objects.get(username=demo.SAENSUK["staff"])
        district = Agency.objects.create(
            municipality=home.municipality,
            name=demo.DISTRICT_OFFICE[0],
            name_en=demo.DISTRICT_OFFICE[1],
            kind=AgencyKind.DISTRICT,
        )
        areas = {area.code: area for area in home.municipality.areas.all()}
        for content in demo.PROPOSALS:
            fields = {
                "title": content["title"],
                "summary": content["summary"],
                "description": content["description"],
                "category": content["category"],
                "concerned_area": areas.get(content["area"]),
                "within_powers": WithinPowers.UNSURE
                if content["area"] is None
                else WithinPowers.YES,
            }
            author = citizens[content["author"]]
            proposal = proposals.save_proposal(
                author, call, fields, submit=not content.get("draft")
            )
            for supporter in content.get("supports", []):
                proposals.support(citizens[supporter], proposal, call)
            for to_state, answer, answered in content.get("moves", []):
                proposals.change_state(
                    staff,
                    proposal,
                    to_state,
                    answer=answer,
                    answered_as=demo.STAFF_ROLE if answered else "",
                    agency=district if to_state == ProposalState.FORWARDED else None,
                )
            if content.get("agency_answer"):
                proposals.record_agency_answer(staff, proposal, content["agency_answer"])
            if content.get("featured") is not None:
                proposals.feature(staff, proposal, content["featured"])

    def _hold_budget_rounds(self, homes, citizens):
        """Saen Suk's finished 2570 round and its 2571 round, supporting now."""
        staff = get_user_model().objects.get(username=demo.SAENSUK["staff"])
        demo_budget.hold_rounds(homes["saensuk"], citizens, staff)

    def _hold_hearings(self, homes, citizens, admin):
        """The waste ordinance's open hearing in two versions, and the closed hearing on
        markets with the municipality's answers in its report."""
        home = homes["saensuk"]
        staff = get_user_model().objects.get(username=demo.SAENSUK["staff"])
        waste = next(
            consultation
            for consultation in demo.CONSULTATIONS["legislation"]
            if consultation["draft"] == demo_drafts.WASTE
        )
        demo_hearings.hold_waste_hearing(home, citizens, staff, admin, waste["english"])
        market, _comments = demo_hearings.hold_market_hearing(home, citizens, staff)
        demo_hearings.make_market_report(market, staff)

    def _create_pages(self, thai, english, admin):
        """The platform's front page, the site's root, and each municipality under it."""
        english_texts = {}
        platform = self._publish(
            Page.get_first_root_node(),
            page_models.PlatformHomePage(
                title=demo.PLATFORM["title"][0],
                slug=demo.PLATFORM["slug"],
                intro=demo.PLATFORM["intro"][0],
                locale=thai,
            ),
            english_texts,
            dict([demo.PLATFORM["title"], demo.PLATFORM["intro"]]),
        )
        self._make_site_root(platform)
        homes = {}
        information = {}
        for content in demo.MUNICIPALITIES:
            homes[content["slug"]] = self._create_municipality(
                platform, content, english_texts, information
            )

        site = Site.objects.get(is_default_site=True)
        consent = CookieConsentSettings.for_site(site)
        consent.policy_page = information["privacy"]
        consent.save()

        self._translate(platform, english, english_texts, admin)
        return homes

    def _create_municipality(self, platform, content, english_texts, information):
        home = self._publish(
            platform,
            page_models.HomePage(
                title=content["title"][0],
                slug=content["slug"],
                intro=content["intro"][0],
                locale=platform.locale,
            ),
            english_texts,
            dict([content["title"], content["intro"]]),
        )
        home.municipality = describe_municipality(home, **content["details"])
        areas = {}
        for code, name, name_en, population in content["areas"]:
            areas[code] = Area.objects.create(
                municipality=home.municipality,
                code=code,
                name=name,
                name_en=name_en,
                population=population,
            )
        make_staff_groups(home.municipality, home)

        at = now()
        for section_content in content["sections"]:
            section = self._publish(
                home,
                page_models.ProcessIndexPage(
                    title=section_content["title"][0],
                    slug=section_content["slug"],
                    process_type=section_content["process_type"],
                    intro=f"<p>{section_content['intro'][0]}</p>",
                    show_in_menus=True,
                ),
                english_texts,
                dict([section_content["title"], section_content["intro"]]),
            )
            for consultation in content["consultations"][section_content["process_type"]]:
                page_class = getattr(page_models, consultation["kind"])
                fields = consultation["fields"]
                if consultation.get("budget_year"):
                    year = consultation["budget_year"]
                    fields = {
                        **fields,
                        "total_money": demo_budget.round_total(year),
                        "parts": json.dumps(demo_budget.round_parts(year, areas)),
                    }
                page = page_class(
                    title=consultation["title"],
                    slug=consultation["slug"],
                    summary=consultation["summary"],
                    opens_at=at + consultation["opens_in"],
                    closes_at=at + consultation["closes_in"],
                    body=consultation["body"],
                    **fields,
                )
                if consultation["phases"]:
                    page.phases = [
                        Phase(
                            kind=kind,
                            sort_order=position,
                            starts_at=at + timedelta(days=starts),
                            ends_at=None if ends is None else at + timedelta(days=ends),
                        )
                        for position, (kind, starts, ends) in enumerate(consultation["phases"])
                    ]
                self._publish(
                    section,
                    page,
                    english_texts,
                    consultation["english"],
                    # A draft's first version is published by its hearing, with its own
                    # date and change note, once its translation exists.
                    publish="draft" not in consultation,
                )

        if content.get("featured_proposals"):
            # The home page shows the featured proposals of the municipality's calls.
            heading = content["featured_proposals"]
            home.body = json.dumps(
                [
                    {
                        "type": "featured_proposals",
                        "value": {"heading": heading[0], "call": None, "count": 3},
                    }
                ]
            )
            home.save_revision().publish()
            english_texts[home.pk] = {**english_texts[home.pk], heading[0]: heading[1]}

        for info in content["information_pages"]:
            information[info["slug"]] = self._publish(
                home,
                page_models.InformationPage(
                    title=info["title"][0],
                    slug=info["slug"],
                    body=[("paragraph", demo._p(text)) for text in info["body"]],
                    show_in_menus=info["show_in_menus"],
                ),
                english_texts,
                {**info["english"], info["title"][0]: info["title"][1]},
            )
        return home

    def _publish(self, parent, page, english_texts, english, publish=True):
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        english_texts[page.pk] = english
        return page

    def _make_site_root(self, platform):
        site = Site.objects.filter(is_default_site=True).first()
        previous_root = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "root_page": platform,
                "hostname": "localhost",
                "port": 80,
                "site_name": "บอกเรา",
            },
        )
        # Wagtail's migrations leave a "Welcome to Wagtail" page; the demo replaces it.
        if (
            previous_root
            and previous_root.specific_class is Page
            and not previous_root.get_children()
        ):
            previous_root.delete()

    def _translate(self, platform, english, english_texts, admin):
        """Create the English tree and fill in each page's PO file, as a translator would."""
        # In the tree's order: each page's parent is translated before it.
        for page in platform.get_descendants(inclusive=True).filter(locale=platform.locale):
            source, _ = TranslationSource.get_or_create_from_instance(page.specific)
            translation, _ = Translation.objects.get_or_create(source=source, target_locale=english)
            po = translation.export_po()
            texts = english_texts[page.pk]
            missing = []
            for entry in po:
                entry.msgstr = texts.get(entry.msgid, "")
                if not entry.msgstr and entry.msgctxt != "slug":
                    missing.append(entry.msgid)
            if missing:
                raise CommandError(f"No English for {page.title!r}: {missing}")
            translation.import_po(po, user=admin)
            # A draft first: wagtail-localize publishes on commit from a revision that
            # remembers the page before its children existed, which inside this
            # transaction would reset the English pages' child counts.
            translation.save_target(user=admin, publish=False)
        english_platform = platform.get_translation(english)
        for page in english_platform.get_descendants(inclusive=True):
            page.get_latest_revision().publish(user=admin)
