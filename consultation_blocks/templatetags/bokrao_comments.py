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
