"""Load the Saen Suk demo municipality, in Thai with English translations.

Safe to run again: content that is already there is left as it is.
"""

import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from consultation_blocks.comments.services import post_comment
from consultation_blocks.models import Participant
from consultation_blocks.participants.choices import VerificationLevel, VoterGroup
from consultation_blocks.timing import now
from pb_pages import demo_content as demo
from pb_pages import models as page_models
from pb_pages.phases.models import Phase
from theme.models import CookieConsentSettings

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = os.environ.get("BOKRAO_DEMO_ADMIN_PASSWORD", "bokrao-demo")
DEMO_CITIZEN_EMAIL = "somchai@saensuk.example"


class Command(BaseCommand):
    help = "Load demo content: the Saen Suk municipality with one consultation of each process."

    def handle(self, *args, **options):
        admin = self._ensure_admin()
        self._ensure_citizen()
        thai, _ = Locale.objects.get_or_create(language_code="th")
        english, _ = Locale.objects.get_or_create(language_code="en")
        home = page_models.HomePage.objects.filter(locale=thai, slug=demo.HOME["slug"]).first()
        if home:
            self.stdout.write("Demo content is already loaded; nothing to do.")
        else:
            with transaction.atomic():
                home = self._create_pages(thai, english, admin)
                self._post_comments(thai)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo municipality: {home.title} at /th/ and /en/.\n"
                f"Admin: http://127.0.0.1:8000/admin/  user: {DEMO_ADMIN_USERNAME}  "
                f"password: {DEMO_ADMIN_PASSWORD}\n"
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

    def _post_comments(self, thai):
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
        for process_type, author, text in demo.DEMO_COMMENTS:
            page = page_models.ConsultationPage.objects.get(locale=thai, process_type=process_type)
            widget = next(child.id for child in page.body if child.block_type == "comments")
            post_comment(authors[author], page, widget, text)

    def _create_pages(self, thai, english, admin):
        root = Page.get_first_root_node()
        english_texts = {}

        home = self._publish(
            root,
            page_models.HomePage(
                title=demo.HOME["title"][0],
                slug=demo.HOME["slug"],
                intro=demo.HOME["intro"][0],
                locale=thai,
            ),
            english_texts,
            dict([demo.HOME["title"], demo.HOME["intro"]]),
        )
        self._make_site_root(home)

        at = now()
        for section_content in demo.SECTIONS:
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
            for consultation in demo.CONSULTATIONS[section_content["process_type"]]:
                page_class = getattr(page_models, consultation["kind"])
                page = page_class(
                    title=consultation["title"],
                    slug=consultation["slug"],
                    summary=consultation["summary"],
                    opens_at=at + consultation["opens_in"],
                    closes_at=at + consultation["closes_in"],
                    body=consultation["body"],
                )
                if consultation["phases"]:
                    page.phases = [
                        Phase(
                            kind=kind,
                            sort_order=position,
                            starts_at=at + timedelta(days=starts),
                            ends_at=at + timedelta(days=ends),
                        )
                        for position, (kind, starts, ends) in enumerate(consultation["phases"])
                    ]
                self._publish(
                    section,
                    page,
                    english_texts,
                    consultation["english"],
                )

        information = {}
        for info in demo.INFORMATION_PAGES:
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

        site = Site.objects.get(is_default_site=True)
        consent = CookieConsentSettings.for_site(site)
        consent.policy_page = information["privacy"]
        consent.save()

        self._translate(home, english, english_texts, admin)
        return home

    def _publish(self, parent, page, english_texts, english):
        parent.add_child(instance=page)
        page.save_revision().publish()
        english_texts[page.pk] = english
        return page

    def _make_site_root(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        previous_root = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "root_page": home,
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

    def _translate(self, home, english, english_texts, admin):
        """Create the English tree and fill in each page's PO file, as a translator would."""
        for page in home.get_descendants(inclusive=True).filter(locale=home.locale):
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
        english_home = home.get_translation(english)
        for page in english_home.get_descendants(inclusive=True):
            page.get_latest_revision().publish(user=admin)
