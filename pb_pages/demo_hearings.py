"""The demo drafts' hearings, held through the site's services as staff and residents
would: staff publish version 1 in the past, people comment on its paragraphs, quote
them, agree and disagree and support each other's comments; staff publish version 2
(and its English translation) after the first ten days; people comment on it. The
closed markets draft gets its comments, the municipality's answers and its published
hearing report.

Called by load_demo_content once the pages, their English translations and the
participants exist (the data: demo_drafts.py).
"""

from datetime import timedelta

from wagtail_localize.models import Translation, TranslationSource

from consultation_blocks.comments.models import Comment
from consultation_blocks.comments.services import post_comment, react
from consultation_blocks.drafts import versions
from consultation_blocks.drafts.report import services as report
from consultation_blocks.drafts.widgets import comments_widget, votes_widget
from consultation_blocks.timing import now
from consultation_blocks.widgets.votes import cast_vote

from . import demo_drafts as drafts
from . import models as page_models


def _draft_page(home, slug):
    return page_models.DraftRegulationPage.objects.descendant_of(home).get(slug=slug)


def _spread(start, end, count):
    """`count` moments evenly between `start` and `end`: when the comments were made."""
    step = (end - start) / (count + 1)
    return [start + step * (position + 1) for position in range(count)]


def _publish(page, staff, version, at):
    """Publish `version` of the draft as staff do, with its change note in both
    languages, then the page's revision (its first: the hearing starts with it)."""
    note_th, note_en = version["change_note"]
    published = versions.publish_version(page, staff, note_th, notes={"en": note_en}, at=at)
    page.save_revision(user=staff).publish(user=staff)
    return published


def _comment(citizens, page, draft, comments, start, end):
    """Post `comments` (DraftComment) on the draft's paragraphs; {key: Comment}."""
    posted = {}
    for comment, at in zip(comments, _spread(start, end, len(comments)), strict=True):
        parent = posted[comment.reply_to] if comment.reply_to else None
        posted[comment.key] = post_comment(
            citizens[comment.author],
            page,
            comments_widget(drafts.block_id(draft, comment.paragraph)),
            comment.text,
            anchor=drafts.block_id(draft, comment.paragraph),
            parent_id=parent.pk if parent else None,
            quote=comment.quote,
            at=at,
        )
    return posted


def _vote(citizens, page, draft, votes, at):
    for key, sides in votes.items():
        anchor = drafts.block_id(draft, key)
        for side, people in sides.items():
            for person in people:
                cast_vote(
                    citizens[person], page, votes_widget(anchor), [side], anchor=anchor, at=at
                )


def _support(citizens, posted, supports):
    for key, people in supports.items():
        for person in people:
            react(citizens[person], posted[key].pk, "like")


def _translate_again(page, english, admin):
    """The translator brings the English page up to the source's new text (a draft
    revision: it is published after the version, which then reads in English too)."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    po = translation.export_po()
    missing = []
    for entry in po:
        entry.msgstr = english.get(entry.msgid, "")
        if not entry.msgstr and entry.msgctxt != "slug":
            missing.append(entry.msgid)
    if missing:
        raise ValueError(f"No English for {page.title!r}: {missing}")
    translation.import_po(po, user=admin)
    translation.save_target(user=admin, publish=False)
    return page.get_translation(translation.target_locale)


def hold_waste_hearing(home, citizens, staff, admin, english):
    """Saen Suk's open hearing on its waste ordinance. `english` is the page's Thai ->
    English texts, as the loader translated it."""
    content, draft = drafts.WASTE_PAGE, drafts.WASTE
    v1, v2 = drafts.WASTE_V1, drafts.WASTE_V2
    at = now()
    v1_at = at + timedelta(days=v1["published_days"])
    v2_at = at + timedelta(days=v2["published_days"])

    page = _draft_page(home, content["slug"])
    _publish(page, staff, v1, v1_at)
    posted = _comment(
        citizens, page, draft, drafts.WASTE_COMMENTS_V1, v1_at + timedelta(hours=6), v2_at
    )
    _vote(citizens, page, draft, drafts.WASTE_VOTES[1], v2_at - timedelta(days=1))

    # Version 2: the editors publish the new text on the page, the translator brings the
    # English page up to it, then staff publish the version (in both languages).
    page = _draft_page(home, content["slug"])
    page.text = drafts.stream(draft, v2)
    page.save_revision(user=staff).publish(user=staff)
    english_page = _translate_again(page, {**english, **drafts.english(draft, v2)}, admin)
    versions.publish_version(
        page, staff, v2["change_note"][0], notes={"en": v2["change_note"][1]}, at=v2_at
    )
    english_page.get_latest_revision().publish(user=admin)

    # A fresh page: what a page knows of its versions is kept for one request.
    page = _draft_page(home, content["slug"])
    posted.update(
        _comment(citizens, page, draft, drafts.WASTE_COMMENTS_V2, v2_at + timedelta(hours=3), at)
    )
    _vote(citizens, page, draft, drafts.WASTE_VOTES[2], at - timedelta(hours=1))
    _support(citizens, posted, drafts.WASTE_SUPPORTS)
    return page, posted


def hold_market_hearing(home, citizens, staff):
    """The closed hearing on the markets draft: one version, comments and votes made
    while it was open. (page, {comment key: Comment})."""
    content, draft = drafts.MARKET_PAGE, drafts.MARKET
    at = now()
    opens_at = at + timedelta(days=content["opens_days"])
    closes_at = at + timedelta(days=content["closes_days"])
    page = _draft_page(home, content["slug"])
    _publish(page, staff, drafts.MARKET_V1, opens_at)
    posted = _comment(
        citizens, page, draft, drafts.MARKET_COMMENTS, opens_at + timedelta(days=1), closes_at
    )
    _vote(citizens, page, draft, drafts.MARKET_VOTES[1], closes_at - timedelta(days=2))
    _support(citizens, posted, drafts.MARKET_SUPPORTS)
    return page, posted


def make_market_report(page, staff):
    """The municipality answers the markets hearing, paragraph by paragraph and comment by
    comment, as the office that wrote the draft, and publishes the hearing report
    (consultation_blocks/drafts/report/). The report."""
    answered_as = drafts.MARKET_RESPONDER
    for key, (verdict, reason) in drafts.MARKET_PARAGRAPH_RESPONSES.items():
        report.respond(
            staff,
            page,
            key=drafts.block_id(drafts.MARKET, key),
            verdict=verdict,
            reason=reason,
            answered_as=answered_as,
        )
    comments = {comment.key: comment for comment in drafts.MARKET_COMMENTS}
    for key, (verdict, reason) in drafts.MARKET_COMMENT_RESPONSES.items():
        said = comments[key]
        comment = Comment.objects.get(
            consultation=page.translation_key,
            anchor=drafts.block_id(drafts.MARKET, said.paragraph),
            comment=said.text,
        )
        report.respond(
            staff, page, comment=comment, verdict=verdict, reason=reason, answered_as=answered_as
        )
    return report.publish_report(staff, page, drafts.MARKET_REPORT_SUMMARY[0])
