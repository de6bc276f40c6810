"""Remove a staff member's second factor (a lost phone and lost recovery codes):
`manage.py bokrao_reset_second_factor <username>`. Where a second factor is required,
they set up a new one at their next sign-in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from consultation_blocks.staff.second_factor import services


class Command(BaseCommand):
    help = "Remove the authenticator app and recovery codes of one account."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist as missing:
            raise CommandError(f"No account {username!r}.") from missing
        removed = services.remove_devices(user)
        services.logger.info("Second factor of user %s removed from the command line", user.pk)
        if removed:
            self.stdout.write(f"Removed {removed} second-factor device(s) of {username}.")
        else:
            self.stdout.write(f"{username} had no second factor.")
