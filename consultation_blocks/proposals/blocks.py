"""The "featured proposals" block editors place on any page, the home page included."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FeaturedProposalsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    call = blocks.PageChooserBlock(
        label=_("From the call for proposals"),
        page_type="bokrao_pages.ProposalIndexPage",
        required=False,
        help_text=_("Leave empty for the featured proposals of every call of the municipality."),
    )
    count = blocks.IntegerBlock(label=_("How many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "pick"
        label = _("Featured proposals")
        template = "bokrao_blocks/proposals/featured_block.html"

    def get_context(self, value, parent_context=None):
        from ..municipalities.services import municipality_of
        from .listing import featured_cards

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        call = value.get("call")
        if call is not None:
            context["cards"] = featured_cards(
                call.specific, consultation=call.translation_key, count=value["count"]
            )
        else:
            municipality = municipality_of(page) if page is not None else None
            context["cards"] = featured_cards(
                None,
                municipality_id=municipality.pk if municipality else -1,
                count=value["count"],
            )
        return context
