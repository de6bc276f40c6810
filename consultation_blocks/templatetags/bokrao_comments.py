from django import template

from consultation_blocks.comments import services as comments

register = template.Library()


@register.filter
def comment_text(text):
    """A comment's plain text, escaped, with safe links and line breaks."""
    return comments.comment_html(text)


@register.filter
def author(comment):
    return comments.author_name(comment)


@register.inclusion_tag("bokrao_blocks/drafts/answered.html", takes_context=True)
def answered_note(context, comment):
    """On a draft's paragraph: "on version N", with the text it answered, for a comment
    made on a text that has changed since (`answered` comes from drafts/reading.py)."""
    note = (context.get("answered") or {}).get(comment.anchor_version)
    return {"note": note if note and not note["same"] else None, "comment": comment}
