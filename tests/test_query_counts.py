"""A page's number of database queries does not grow with what people said on it.

Each page that lists participation is counted, then counted again with twice the data
(comments, votes, widgets, pages, participants), and must cost the same. The counts are
taken with CaptureQueriesContext so that a failure shows the queries of both renders.
"""

from itertools import cycle

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_comments.models import Comment as DjangoComment
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG, XtdComment

from consultation_blocks.comments.choices import CommentState
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import (
    comment_widget,
    make_participant,
    poll_widget,
    widget,
    widget_body,
)
from consultation_blocks.models import Comment, Participant, Vote
from consultation_blocks.participants.choices import Area, VerificationLevel, VoterGroup
from consultation_blocks.timing import now
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section

pytestmark = pytest.mark.django_db

# What the issue asks of a consultation page with forty widgets and a thousand comments.
PAGE_QUERY_CEILING = 20


def _queries(client, url, **extra):
    """(status, queries) of one GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, [query["sql"] for query in captured.captured_queries]


def _same_count(before, after):
    """An assertion message that shows what differs between two renders."""
    lines = [f"{len(before)} queries, then {len(after)} with twice the data:"]
    lines += [f"  before: {sql[:160]}" for sql in before]
    lines += [f"  after:  {sql[:160]}" for sql in after]
    return "\n".join(lines)


def forty_widgets(prefix="w"):
    """Ten each of comments, agree/disagree, polls and supports, interleaved."""
    widgets = []
    for n in range(10):
        widgets += [
            comment_widget(f"{prefix}-comments-{n}"),
            widget("agree_disagree", f"{prefix}-agree-{n}", allow_neutral=True),
            poll_widget(
                f"{prefix}-poll-{n}",
                {f"{prefix}-poll-{n}-a": "ก", f"{prefix}-poll-{n}-b": "ข"},
                allow_other=True,
            ),
            widget("support", f"{prefix}-support-{n}", question="สนับสนุน", goal=100),
        ]
    return widgets


def consultation_with(section, widgets, slug):
    page = make_consultation(section, slug=slug, body=widget_body(*widgets))
    page.save_revision().publish()
    return page


def widget_ids(page, kind):
    return [child.id for child in page.body if child.block_type == kind]


def people(count, prefix):
    return [make_participant(f"{prefix}{n}") for n in range(count)]


def _insert(model, rows):
    """INSERT `rows` (instances) into `model`'s own table: the columns it adds to its
    parents. bulk_create refuses models with parents, and a comment has two."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})",
            [
                [
                    field.get_db_prep_save(getattr(row, field.attname), connection)
                    for field in fields
                ]
                for row in rows
            ],
        )


# The levels of a thread's replies in reading order, by thread: none, one reply, a reply
# with a reply to it, and that with a second reply to the thread.
REPLY_SHAPES = [[], [1], [1, 2], [1, 2, 1]]


def add_comments(page, count, authors, start=0):
    """`count` comments over the page's comment widgets, as post_comment stores them
    (django-comments-xtd's tree: thread_id, parent_id, level, order, nested_count) but
    in a few queries: threads with up to three replies, two levels deep; one in ten
    held, one in fifteen hidden; and reactions and reports from other participants.

    test_bulk_comments_are_threaded_as_post_comment_threads_them checks the tree.
    """
    content_type = ContentType.objects.get_for_model(page.specific_class)
    widgets = cycle(widget_ids(page, "comments"))
    writers = cycle(authors)
    shapes = cycle(REPLY_SHAPES)
    planned = []  # (comment, index of its parent in `planned` or None)
    while len(planned) < count:
        widget_id = next(widgets)
        levels = [0, *next(shapes)][: count - len(planned)]
        parents = {}  # level -> index of the last comment at that level in this thread
        for level in levels:
            n = start + len(planned)
            author = next(writers)
            state = CommentState.PUBLISHED
            if n % 10 == 3:
                state = CommentState.HELD
            elif n % 15 == 7:
                state = CommentState.HIDDEN
            comment = Comment(
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=settings.SITE_ID,
                user=author.user,
                user_name=author.display_name,
                comment=f"ความคิดเห็นที่ {n} เรื่องไฟส่องสว่าง",
                submit_date=now(),
                is_public=state != CommentState.HELD,
                is_removed=state == CommentState.HIDDEN,
                level=level,
                consultation=page.translation_key,
                widget=widget_id,
                participant=author,
                voter_group=author.voter_group,
                area=author.area,
                verification_level=author.verification_level,
                state=state,
                moderation_reason="นอกประเด็น" if state == CommentState.HIDDEN else "",
            )
            parents[level] = len(planned)
            planned.append((comment, parents.get(level - 1) if level else None))
    made = [comment for comment, _parent in planned]
    # The base table first: it gives every comment its id.
    bases = DjangoComment.objects.bulk_create(DjangoComment(**_base_fields(c)) for c in made)
    for comment, base in zip(made, bases, strict=True):
        comment.pk = comment.id = comment.comment_ptr_id = comment.xtdcomment_ptr_id = base.pk
    root = None
    for comment, parent in planned:
        if parent is None:
            root, comment.order = comment, 1
            comment.thread_id = comment.parent_id = comment.pk
            continue
        # Each reply comes last in its thread's reading order, and every comment above
        # it counts it among its nested ones.
        comment.thread_id, comment.parent_id = root.pk, made[parent].pk
        comment.order = root.nested_count + 2
        made[parent].nested_count += 1
        if made[parent] is not root:
            root.nested_count += 1
    _insert(XtdComment, made)
    _insert(Comment, made)
    kinds = cycle([LIKEDIT_FLAG, LIKEDIT_FLAG, DISLIKEDIT_FLAG, CommentFlag.SUGGEST_REMOVAL])
    CommentFlag.objects.bulk_create(
        CommentFlag(comment_id=comment.pk, user=reader.user, flag=next(kinds), flag_date=now())
        for comment in made[::2]
        for reader in authors[:2]
        if reader.pk != comment.participant_id
    )
    return made


def _base_fields(comment):
    return {
        field.attname: getattr(comment, field.attname)
        for field in DjangoComment._meta.local_concrete_fields
        if not field.primary_key
    }


def voters(count, prefix="voter"):
    """Participants without accounts (as entered on site), in every voter group."""
    groups = cycle(VoterGroup.values)
    areas = cycle(Area.values)
    return Participant.objects.bulk_create(
        Participant(
            display_name=f"{prefix} {n}",
            voter_group=next(groups),
            area=next(areas),
            verification_level=VerificationLevel.STAFF,
        )
        for n in range(count)
    )


def add_votes(page, people):
    """A vote of each of `people` on every vote widget of the page."""
    answers = cycle(["agree", "disagree", "neutral"])
    votes = []
    for n, person in enumerate(people):
        for child in page.body:
            if child.block_type == "comments":
                continue
            vote = Vote(consultation=page.translation_key, widget=child.id, page=page)
            vote.take_snapshot(person)
            if child.block_type == "agree_disagree":
                vote.choices = [next(answers)]
            elif child.block_type == "support":
                vote.choices = ["support"]
            elif n % 4 == 0:
                vote.choices, vote.other_text = ["other"], f"อื่น ๆ {n}"
            else:
                vote.choices = [f"{child.id}-a"]
            votes.append(vote)
    Vote.objects.bulk_create(votes)


def vote_everywhere(participant, page):
    """`participant` answers every vote widget of the page, as the site stores it."""
    for child in page.body:
        if child.block_type == "agree_disagree":
            cast_vote(participant, page, child.id, "agree")
        elif child.block_type == "support":
            cast_vote(participant, page, child.id, "support")
        elif child.block_type == "poll":
            cast_vote(participant, page, child.id, ["other"], other_text="ทางม้าลาย")


@pytest.fixture
def debates(home):
    return make_section(home, "debate", slug="debates")


def test_a_page_of_forty_widgets_costs_as_many_queries_with_twice_the_comments(debates):
    page = consultation_with(debates, forty_widgets(), "forty-widgets")
    authors = people(25, "author")
    me = authors[0]
    vote_everywhere(me, page)
    add_comments(page, 1000, authors)
    add_votes(page, voters(200))

    anonymous, signed_in = Client(), Client()
    signed_in.force_login(me.user)
    first = {}
    for name, client in (("anonymous", anonymous), ("participant", signed_in)):
        client.get(page.url)  # the site's settings rows are made on the first visit
        response, first[name] = _queries(client, page.url)
        assert response.status_code == 200

    add_comments(page, 1000, authors, start=1000)
    add_votes(page, voters(200, "late voter"))
    assert Comment.objects.count() == 2000

    for name, client in (("anonymous", anonymous), ("participant", signed_in)):
        response, again = _queries(client, page.url)
        assert response.status_code == 200
        assert len(again) == len(first[name]), f"{name}: " + _same_count(first[name], again)
        assert len(again) <= PAGE_QUERY_CEILING, f"{name}: " + _same_count(first[name], again)


def _tree(page):
    """Each comment of the page in reading order: its level, order, number of nested
    replies, and where its parent and thread start (as positions, not ids)."""
    rows = list(
        Comment.objects.filter(consultation=page.translation_key).order_by("thread_id", "order")
    )
    at = {comment.pk: n for n, comment in enumerate(rows)}
    return [(c.level, c.order, c.nested_count, at[c.parent_id], at[c.thread_id]) for c in rows]


def test_bulk_comments_are_threaded_as_post_comment_threads_them(debates):
    posted = consultation_with(debates, [comment_widget("w-talk")], "posted")
    bulk = consultation_with(debates, [comment_widget("w-talk")], "bulk")
    writers = people(2, "writer")
    for n, shape in enumerate(REPLY_SHAPES):
        last = {0: post_comment(writers[0], posted, "w-talk", f"เรื่องที่ {n}")}
        for m, level in enumerate(shape):
            last[level] = post_comment(
                writers[1], posted, "w-talk", f"ตอบ {n}.{m}", parent_id=last[level - 1].pk
            )

    add_comments(bulk, 10, writers)

    assert len(_tree(posted)) == 10
    assert _tree(bulk) == _tree(posted)
