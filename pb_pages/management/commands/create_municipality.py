"""manage.py create_municipality: a municipality joins the platform (pb_pages/municipalities.py)."""

from django.core.management.base import BaseCommand, CommandError

from consultation_blocks.municipalities.models import Municipality
from pb_pages.municipalities import MunicipalityExists, create_municipality


class Command(BaseCommand):
    help = (
        "Create a municipality: its Thai and English home pages under the platform's front "
        "page, one section per process, its staff groups and, with --hostname, its own site."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The name in Thai, e.g. เทศบาลเมืองแสนสุข")
        parser.add_argument("slug", help="The address under the platform: /th/<slug>/")
        parser.add_argument("--name-en", default="", help="The name in English")
        parser.add_argument("--province", required=True, help="The province in Thai")
        parser.add_argument("--province-en", default="", help="The province in English")
        parser.add_argument(
            "--kind", default=Municipality.Kind.TOWN, choices=Municipality.Kind.values
        )
        parser.add_argument("--hostname", default=None, help="A hostname of its own (optional)")

    def handle(self, *args, **options):
        try:
            municipality = create_municipality(
                name=options["name"],
                name_en=options["name_en"],
                province=options["province"],
                province_en=options["province_en"],
                kind=options["kind"],
                slug=options["slug"],
                hostname=options["hostname"],
            )
        except MunicipalityExists:
            raise CommandError(f"A municipality at {options['slug']!r} exists already.") from None
        home = municipality.home_page.specific
        where = f" and http://{options['hostname']}/th/" if options["hostname"] else ""
        self.stdout.write(self.style.SUCCESS(f"Created {municipality.name} at {home.url}{where}"))
