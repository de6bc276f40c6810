"""The participation benchmark's database: created, filled, checked and dropped here.

The benchmark owns one PostgreSQL database (`bokrao_bench` by default) on the server that
`site/scripts/postgres.sh` starts: created at the start, dropped at the end, and dropped
at the next start if an interrupted run left it behind. Nothing else is touched.
"""

import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

SETTINGS_MODULE = "bench.participation_settings"
DEFAULT_NAME = "bokrao_bench"


def say(message):
    print(f"bench: {message}", file=sys.stderr)


class Database:
    """A database of the benchmark's own next to the one `admin_url` names."""

    def __init__(self, admin_url, name=DEFAULT_NAME):
        self.admin_url, self.name = admin_url, name
        parts = urlsplit(admin_url)
        self.url = urlunsplit(parts._replace(path=f"/{name}"))
        self.created = False

    def _admin(self):
        return psycopg.connect(self.admin_url, autocommit=True)

    def create(self):
        with self._admin() as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            if exists:
                say(f"dropping {self.name}, left by a run that did not finish")
                self._drop(connection)
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
            self.created = True
            return connection.execute("SHOW server_version").fetchone()[0]

    def drop(self):
        if self.created:
            with self._admin() as connection:
                self._drop(connection)
            self.created = False

    def _drop(self, connection, attempts=10):
        # A plain DROP first: it stops an autovacuum worker busy with our fresh tables,
        # which FORCE may not (the worker runs as the superuser). FORCE last, for a
        # connection left open by a gunicorn worker that was killed.
        statement = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(self.name))
        for _attempt in range(attempts):
            try:
                connection.execute(statement)
                return
            except psycopg.errors.ObjectInUse:
                time.sleep(1)
        connection.execute(statement + sql.SQL(" WITH (FORCE)"))

    def backend_pids(self):
        """The server processes serving this database right now (for their CPU time)."""
        with self._admin() as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]
            ).fetchall()
        return [pid for (pid,) in rows]


def server_environment(database_url, secret_key, host):
    """Exactly what production reads from the environment, for this run."""
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": host,
        "DATABASE_URL": database_url,
        # No search engine: the outbox writes nothing (search.outbox.enqueue).
        "ELASTICSEARCH_URL": "",
    }


def setup_django(environment):
    os.environ.update(environment)
    import django

    django.setup()
    # Production logs at INFO; here that would be every task of creating the page.
    logging.getLogger().setLevel(logging.WARNING)


@dataclass
class Participant:
    id: int
    user_id: int
    session_key: str


@dataclass
class Consultation:
    page_id: int
    url: str
    consultation: str  # the page's translation key, as votes store it
    vote_widgets: list
    comment_widget: str
    anchors: list  # paragraph block ids a comment may be about


PARAGRAPHS = [
    "ตลาดหนองมนจะปรับปรุงทางเดินและหลังคาใหม่ในปีงบประมาณ 2569",
    "ไฟส่องสว่างริมถนนเลียบชายหาดบางแสนจะเปลี่ยนเป็นหลอด LED ทั้งหมด",
    "ระบบระบายน้ำในซอยที่น้ำท่วมขังทุกปีจะขยายท่อและเพิ่มบ่อพัก",
]


def build(participant_count, vote_widget_count, with_comments):
    """Migrate, then one consultation page and signed-in participants with sessions."""
    from django.core.management import call_command
    from django.db import connection

    from bench.participation_urls import CREATE_CEILING_TABLE

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(CREATE_CEILING_TABLE)
    consultation = _consultation(vote_widget_count, with_comments)
    return consultation, _participants(participant_count)


def _consultation(vote_widget_count, with_comments):
    from consultation_blocks.factories import comment_widget, widget
    from pb_pages.factories import make_consultation, make_home, make_section

    home = make_home()
    section = make_section(home, "debate", slug="debates")
    vote_widgets = [f"w-agree-{n}" for n in range(1, vote_widget_count + 1)]
    anchors = [f"p-{n}" for n in range(1, len(PARAGRAPHS) + 1)]
    body = [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": anchor}
        for anchor, text in zip(anchors, PARAGRAPHS, strict=True)
    ]
    body += [
        widget("agree_disagree", widget_id, question=f"ข้อ {n}: เห็นด้วยหรือไม่", allow_neutral=True)
        for n, widget_id in enumerate(vote_widgets, start=1)
    ]
    comments = "w-comments" if with_comments else ""
    if comments:
        body.append(comment_widget(comments))
    page = make_consultation(section, slug="nong-mon-market", body=json.dumps(body))
    page.save_revision().publish()
    page.refresh_from_db()
    return Consultation(
        page_id=page.pk,
        url=page.url,
        consultation=str(page.translation_key),
        vote_widgets=vote_widgets,
        comment_widget=comments,
        anchors=anchors,
    )


def _participants(count):
    """`count` email-confirmed participants, each with a signed-in session.

    The session is written by the session engine with exactly the keys that
    `django.contrib.auth.login` stores, so `request.user` resolves as after the sign-in
    form, without a password hash per participant (about half a second each).
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password

    from consultation_blocks.models import Participant as ParticipantModel
    from consultation_blocks.participants.choices import VerificationLevel, VoterGroup

    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"bench-{n:05d}@example.com",
            email=f"bench-{n:05d}@example.com",
            password=make_password(None),  # no password: they never use the sign-in form
        )
        for n in range(count)
    )
    groups = list(VoterGroup)
    participants = ParticipantModel.objects.bulk_create(
        ParticipantModel(
            user=user,
            verification_level=VerificationLevel.EMAIL,
            voter_group=groups[n % len(groups)],
        )
        for n, user in enumerate(users)
    )
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    signed_in = []
    for user, participant in zip(users, participants, strict=True):
        session = SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # as login() writes
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        signed_in.append(Participant(participant.pk, user.pk, session.session_key))
    return signed_in


# ---------------------------------------------------------------- after the run
def stored_votes(consultation):
    """{(participant id, widget, anchor): choice} of every vote on the consultation."""
    from consultation_blocks.models import Vote

    field = "choices" if any(f.name == "choices" for f in Vote._meta.fields) else "choice"
    rows = Vote.objects.filter(consultation=consultation).values_list(
        "participant_id", "widget", "anchor", field
    )
    stored, duplicates = {}, 0
    for participant, widget_id, anchor, choice in rows:
        if isinstance(choice, list):
            choice = ",".join(choice)
        key = (participant, widget_id, anchor)
        duplicates += key in stored
        stored[key] = choice
    return stored, len(rows), duplicates


def stored_ceiling_rows():
    """[(user id, target)] of every ceiling row."""
    from django.db import connection

    from bench.participation_urls import CEILING_TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT user_id, target FROM {CEILING_TABLE}")  # noqa: S608
        return cursor.fetchall()


def stored_comments(consultation):
    """[(id, participant id, text, parent id or None, state)] of the consultation's comments."""
    from consultation_blocks.models import Comment

    rows = Comment.objects.filter(consultation=consultation).values_list(
        "pk", "participant_id", "comment", "parent_id", "state"
    )
    return list(rows)


def close_connections():
    from django.db import connections

    connections.close_all()
