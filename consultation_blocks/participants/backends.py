"""Django's ModelBackend, loading the account's participant in the same query.

Every request of a signed-in visitor who takes part needs both the account
(`request.user`) and its participant; one join costs the database and Django less than
a second query. A session signed in through ModelBackend keeps working: a site lists
this backend first and ModelBackend after it (docs/extension.md).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ParticipantBackend(ModelBackend):
    def get_user(self, user_id):
        accounts = get_user_model()._default_manager.select_related("participant")
        user = next(iter(accounts.filter(pk=user_id).order_by()[:1]), None)
        return user if user is not None and self.user_can_authenticate(user) else None
