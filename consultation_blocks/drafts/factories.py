"""Draft texts for tests and demos, as raw stream data (drafts-contract shapes)."""

import uuid

from ..conf import host_setting


def _id():
    return str(uuid.uuid4())


def paragraph(text, items=(), key=None):
    return {
        "type": "item",
        "id": key or _id(),
        "value": {
            "text": text,
            "items": [{"type": "item", "id": _id(), "value": item} for item in items],
        },
    }


def section(*paragraphs, title="", key=None):
    """A section of `paragraphs` (strings, or paragraph() dicts)."""
    return {
        "type": "section",
        "id": key or _id(),
        "value": {
            "title": title,
            "paragraphs": [p if isinstance(p, dict) else paragraph(p) for p in paragraphs],
        },
    }


def chapter(title, *sections, key=None):
    return {
        "type": "chapter",
        "id": key or _id(),
        "value": {"title": title, "sections": list(sections)},
    }


def preamble(*paragraphs, title="", key=None):
    return {
        "type": "preamble",
        "id": key or _id(),
        "value": {
            "title": title,
            "paragraphs": [{"type": "item", "id": _id(), "value": text} for text in paragraphs],
        },
    }


def long_text(sections, paragraphs_per_section=3, chapters=1):
    """A draft of `sections` sections in `chapters` chapters, each of a few paragraphs."""
    per_chapter = max(1, sections // chapters)
    made, number = [], 0
    for c in range(chapters):
        body = []
        for _s in range(per_chapter):
            number += 1
            body.append(
                section(
                    *[
                        f"ข้อความวรรคที่ {p + 1} ของข้อ {number} ว่าด้วยการจัดเก็บมูลฝอยในชุมชน"
                        for p in range(paragraphs_per_section)
                    ]
                )
            )
        made.append(chapter(f"หมวดที่ {c + 1}", *body))
    return made


def bulk_paragraph_comments(page, keys, count, authors, version=1):
    """`count` published comments on the paragraphs `keys` of draft `page` (spread over
    them in turn, authors in turn), each stored as post_comment stores a first comment
    (its own thread in django-comments-xtd's tree), in three statements: for scale tests
    and benchmarks, where posting twenty thousand one by one would take minutes and even
    building them as model instances takes most of a minute."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection
    from django.db.models import Max
    from django_comments.models import Comment as DjangoComment
    from django_comments_xtd.models import XtdComment

    from ..comments.choices import CommentState
    from ..comments.models import Comment
    from ..municipalities.standing import standing
    from ..timing import now
    from .widgets import comments_widget

    content_type = ContentType.objects.get_for_model(page.specific_class)
    models = (DjangoComment, XtdComment, Comment)
    # One comment of each author, as the ORM would write it; every row copies its
    # author's, with its own id, paragraph and words.
    examples = []
    for author in authors:
        example = Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=host_setting("SITE_ID"),
            user=author.user,
            user_name=author.display_name,
            submit_date=now(),
            is_public=True,
            level=0,
            order=1,
            consultation=page.translation_key,
            anchor_version=version,
            state=CommentState.PUBLISHED,
        )
        example.take_snapshot(standing(author, page))
        examples.append(
            [
                {
                    field.column: field.get_db_prep_save(
                        getattr(example, field.attname), connection
                    )
                    for field in model._meta.local_concrete_fields
                }
                for model in models
            ]
        )
    first = (DjangoComment.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    ids = range(first, first + count)
    own = {
        "id": ids,
        "comment_ptr_id": ids,
        "xtdcomment_ptr_id": ids,
        "thread_id": ids,
        "parent_id": ids,
        "widget": [comments_widget(keys[n % len(keys)]) for n in range(count)],
        "anchor": [keys[n % len(keys)] for n in range(count)],
        "comment": [f"ความคิดเห็นที่ {n} ต่อวรรคนี้" for n in range(count)],
    }
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for position, model in enumerate(models):
            columns = [field.column for field in model._meta.local_concrete_fields]
            cursor.executemany(
                f"INSERT INTO {quote(model._meta.db_table)} "
                f"({', '.join(quote(column) for column in columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                [
                    [
                        own[column][n]
                        if column in own
                        else examples[n % len(authors)][position][column]
                        for column in columns
                    ]
                    for n in range(count)
                ],
            )
        # The ids were given, not drawn: PostgreSQL's sequence moves past them.
        for statement in connection.ops.sequence_reset_sql(no_style(), [DjangoComment]):
            cursor.execute(statement)
