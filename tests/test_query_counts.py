"""A page's number of database queries does not grow with what people said on it.

Each page that lists participation is counted, then counted again with twice the data
(comments, votes, widgets, pages, participants), and must cost the same. The counts are
taken with CaptureQueriesContext so that a failure shows the queries of both renders.
"""

import json
from itertools import cycle

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_comments.models import Comment as DjangoComment
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG, XtdComment

from consultation_blocks.comments import moderation
from consultation_blocks.comments import services as comments
from consultation_blocks.comments.choices import CommentState, FlagReason
from consultation_blocks.comments.models import CommentFlagReason
from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import (
    comment_widget,
    make_participant,
    poll_widget,
    widget,
    widget_body,
)
from consultation_blocks.models import (
    Comment,
    Municipality,
    Participant,
    ResidentVerification,
    Vote,
)
from consultation_blocks.municipalities.standing import standing
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.timing import now
from consultation_blocks.widgets.votes import cast_vote
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import DebatePage, DraftRegulationPage, VotePage

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
                state=state,
                moderation_reason="นอกประเด็น" if state == CommentState.HIDDEN else "",
            )
            comment.take_snapshot(standing(author, page))
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
    """Participants without accounts (as entered on site), in every voter group, living
    inside and outside the (first) municipality, verified there by staff."""
    groups = cycle(VoterGroup.values)
    areas = cycle(Residence.values)
    municipality = Municipality.objects.order_by("pk").first()
    made = Participant.objects.bulk_create(
        Participant(
            display_name=f"{prefix} {n}",
            voter_group=next(groups),
            home_stated=True,
            home_municipality=municipality if next(areas) == Residence.INSIDE else None,
        )
        for n in range(count)
    )
    ResidentVerification.objects.bulk_create(
        ResidentVerification(
            participant=person, municipality=municipality, level=VerificationLevel.STAFF
        )
        for person in made
    )
    return made


def add_votes(page, people):
    """A vote of each of `people` on every vote widget of the page."""
    answers = cycle(["agree", "disagree", "neutral"])
    votes = []
    for n, person in enumerate(people):
        for child in page.body:
            if child.block_type == "comments":
                continue
            vote = Vote(consultation=page.translation_key, widget=child.id, page=page)
            vote.take_snapshot(standing(person, page))
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
        html = response.content.decode()
        # Each comment widget shows its first threads, then the link to more.
        assert html.count('class="comments__more"') == 10
        # The participant sees their own answers on the twenty agree and support widgets.
        assert html.count('aria-pressed="true"') == (20 if name == "participant" else 0)
        assert html.count('value="ทางม้าลาย"') == (10 if name == "participant" else 0)


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


def _assert_same_queries(client, url, double, **extra):
    """GET `url`, `double()` what it lists, GET again: as many queries. The two responses."""
    client.get(url, **extra)  # the site's settings rows are made on the first visit
    first, before = _queries(client, url, **extra)
    double()
    second, after = _queries(client, url, **extra)
    assert first.status_code == second.status_code == 200
    assert len(after) == len(before), _same_count(before, after)
    return first, second


def _with_widgets(page, widgets, paragraphs=0):
    """Publish `page` with these widgets and as many paragraphs (a new revision)."""
    body = [
        {"type": "paragraph", "value": f"<p>ข้อ {n} ไฟส่องสว่าง</p>", "id": f"para-{n}"}
        for n in range(paragraphs)
    ]
    page.body = json.dumps(body + widgets)
    page.save_revision().publish()
    return page


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("staff", "s@example.com", "pw"))
    return client


def test_a_page_costs_as_many_queries_with_twice_the_widgets_and_paragraphs(debates):
    page = consultation_with(debates, [], "growing")
    _with_widgets(page, forty_widgets("a")[:20], paragraphs=10)
    authors = people(5, "author")
    me = authors[0]
    vote_everywhere(me, page)
    add_comments(page, 50, authors)
    signed_in = Client()
    signed_in.force_login(me.user)

    def double():
        _with_widgets(page, forty_widgets("a")[:20] + forty_widgets("b")[:20], paragraphs=20)
        vote_everywhere(me, page)
        add_comments(page, 100, authors, start=50)

    visitors = {"anonymous": Client(), "participant": signed_in}
    before = {}
    for name, client in visitors.items():
        client.get(page.url)
        before[name] = _queries(client, page.url)[1]
    double()
    for name, client in visitors.items():
        response, after = _queries(client, page.url)
        assert response.content.decode().count('<section class="widget') == 40
        assert len(after) == len(before[name]), f"{name}: " + _same_count(before[name], after)
        assert len(after) <= PAGE_QUERY_CEILING, f"{name}: " + _same_count(before[name], after)


OPEN, UPCOMING, CLOSED = (-1, 30), (5, 30), (-30, -2)
PROCESSES = {"debate": DebatePage, "vote": VotePage, "legislation": DraftRegulationPage}


def _consultations(sections, batch, per_state=3):
    """In each section, `per_state` consultations open, upcoming and closed."""
    for section in sections:
        for n in range(per_state):
            for state, (opens, closes) in zip("ouc", (OPEN, UPCOMING, CLOSED), strict=True):
                make_consultation(
                    section,
                    page_class=PROCESSES[section.process_type],
                    slug=f"{section.slug}-{batch}-{state}-{n}",
                    title=f"ไฟส่องสว่างซอย {batch}{state}{n}",
                    opens_in_days=opens,
                    closes_in_days=closes,
                ).save_revision().publish()


def test_the_home_lists_twice_the_open_consultations_in_as_many_queries(home):
    sections = [make_section(home, kind, slug=kind) for kind in PROCESSES]
    _consultations(sections, "a")

    first, second = _assert_same_queries(Client(), home.url, lambda: _consultations(sections, "b"))
    assert first.content.decode().count('class="card"') == 9  # the open ones
    assert second.content.decode().count('class="card"') == 18


def test_a_section_lists_twice_the_consultations_in_as_many_queries(home):
    section = make_section(home, "debate", slug="debate")
    _consultations([section], "a")

    first, second = _assert_same_queries(
        Client(), section.url, lambda: _consultations([section], "b")
    )
    assert first.content.decode().count('class="card"') == 9  # open, upcoming and closed
    assert second.content.decode().count('class="card"') == 18


def test_page_search_finds_twice_the_pages_in_as_many_queries(home, settings):
    settings.BOKRAO_SEARCH = {"URL": ""}  # the database backend, without an engine
    section = make_section(home, "debate", slug="debate")
    _consultations([section], "a", per_state=2)

    first, second = _assert_same_queries(
        Client(), "/th/search/?q=ไฟส่องสว่างซอย", lambda: _consultations([section], "b", per_state=2)
    )
    assert first.context["results"].paginator.count == 6
    assert second.context["results"].paginator.count == 12


def _report_data(page, batch, widgets):
    _with_widgets(page, widgets)
    add_comments(page, 60, people(4, f"author-{batch}"), start=0 if batch == "a" else 60)
    add_votes(page, voters(30, f"voter {batch}"))


def test_the_participation_report_and_its_csv_cost_as_many_queries_with_twice_the_data(
    debates, staff
):
    page = consultation_with(debates, [], "reported")
    _report_data(page, "a", forty_widgets("a")[:20])

    def double():
        _report_data(page, "b", forty_widgets("a")[:20] + forty_widgets("b")[:20])

    url = reverse("bokrao_report", args=[page.pk])
    first, second = _assert_same_queries(staff, url, double)
    assert (len(first.context["widgets"]), len(second.context["widgets"])) == (20, 40)
    assert second.context["participants"] == 2 * first.context["participants"]

    def more():
        _report_data(page, "c", forty_widgets("a")[:20] + forty_widgets("b")[:20])

    first, second = _assert_same_queries(staff, url, more, data={"format": "csv"})
    assert len(second.content.decode("utf-8").splitlines()) > 1


def test_the_moderation_queue_costs_as_many_queries_with_twice_the_held_comments(debates, staff):
    moderator = get_user_model().objects.get(username="staff")

    def comments_on_a_new_page(batch):
        page = consultation_with(debates, [comment_widget("w-talk")], f"queue-{batch}")
        made = add_comments(page, 50, people(4, f"author-{batch}"))
        # Each report with its reason, as participants send them.
        CommentFlagReason.objects.bulk_create(
            CommentFlagReason(flag=flag, reason=FlagReason.SPAM, note="")
            for flag in CommentFlag.objects.filter(
                comment__in=[comment.pk for comment in made], flag=CommentFlag.SUGGEST_REMOVAL
            )
        )
        for comment in made[:5]:
            moderation.hide(moderator, comment, "นอกประเด็น")

    comments_on_a_new_page("a")
    url = reverse("bokrao_moderation")
    first, second = _assert_same_queries(staff, url, lambda: comments_on_a_new_page("b"))
    assert len(second.context["rows"]) == 2 * len(first.context["rows"])

    first, second = _assert_same_queries(
        staff, url, lambda: comments_on_a_new_page("c"), data={"state": "hidden"}
    )
    assert len(second.context["rows"]) > len(first.context["rows"])


def test_the_on_site_entry_form_costs_as_many_queries_with_twice_the_widgets(debates, staff):
    page = consultation_with(debates, [], "on-site")
    _report_data(page, "a", forty_widgets("a")[:20])

    def double():
        _report_data(page, "b", forty_widgets("a")[:20] + forty_widgets("b")[:20])

    url = reverse("bokrao_on_site", args=[page.pk])
    first, second = _assert_same_queries(staff, url, double)
    assert (len(first.context["widgets"]), len(second.context["widgets"])) == (20, 40)


def test_the_data_download_costs_as_many_queries_with_twice_the_data(debates, staff):
    me = make_participant("somchai")
    others = people(2, "other")
    moderator = get_user_model().objects.get(username="staff")
    client = Client()
    client.force_login(me.user)

    def take_part_on_new_pages(batch):
        for n in range(3):
            page = consultation_with(debates, forty_widgets(f"{batch}{n}")[:8], f"mine-{batch}{n}")
            vote_everywhere(me, page)
            mine = post_comment(me, page, f"{batch}{n}-comments-0", f"ความเห็นของฉัน {batch}{n}")
            post_comment(me, page, f"{batch}{n}-comments-1", f"อีกข้อ {batch}{n}")
            theirs = post_comment(others[0], page, f"{batch}{n}-comments-0", f"ของคนอื่น {n}")
            comments.react(me, theirs.pk, "like")
            comments.flag(me, theirs.pk, FlagReason.SPAM)
            moderation.hide(moderator, mine, "นอกประเด็น")

    take_part_on_new_pages("a")
    first, second = _assert_same_queries(
        client, reverse("bokrao_my_data"), lambda: take_part_on_new_pages("b")
    )
    before, after = json.loads(first.content), json.loads(second.content)
    for section in ("votes", "comments", "reactions_and_reports", "moderation"):
        assert len(after[section]) == 2 * len(before[section]) > 0, section
