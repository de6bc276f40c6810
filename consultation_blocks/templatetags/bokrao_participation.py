from django import template

from ..participants.relations import relation_context
from ..widgets.context import page_participation

register = template.Library()


@register.inclusion_tag("bokrao_blocks/widgets/relation.html", takes_context=True)
def relation_to_matter(context, page):
    """The signed-in participant's relation to this consultation's matter: asked
    (pre-filled) until they answer, then shown with a way to change it while open."""
    request = context.get("request")
    if request is None or not page_participation(page, request).widgets:
        return {"relation": None}
    participant = page_participation(page, request).participant
    return {"relation": relation_context(participant, page), "request": request}
