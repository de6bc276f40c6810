from django.db import models


class AttemptWindow(models.Model):
    """One rate limit's current window (limits/__init__.py): attempts at one action by one
    participant or address since the window opened. `key` is the action and a keyed hash
    of who tried, never the address or the account."""

    key = models.CharField(max_length=100, primary_key=True)
    closes_at = models.DateTimeField()
    attempts = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.key}: {self.attempts}"
