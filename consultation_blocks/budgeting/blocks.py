"""The parts of a budget round, as editors compose them: each part (an area of the
municipality or a theme) has its own money; parts may be grouped, and a group says in
how many of its parts one person may ballot (and how many projects they may support).

A part is known everywhere by its block id (projects, ballots and counts store it), so
renaming a part or moving it into a group keeps everything said about it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def area_choices():
    """Every area of every municipality: the page form checks it is the round's own."""
    from ..municipalities.models import Area

    return [
        (str(area.pk), f"{area.municipality.display_name}: {area.display_name}")
        for area in Area.objects.select_related("municipality")
    ]


class AreaChoiceBlock(blocks.ChoiceBlock):
    """An area, stored as its id. Reading a part keeps the id as stored: Wagtail's
    ChoiceBlock would match it against the choices, every area of the platform, one
    query for each part of each round on every request. The editor's form and its
    validation still offer and check the choices."""

    def to_python(self, value):
        return value


class PartBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    area = AreaChoiceBlock(
        label=_("Area"),
        choices=area_choices,
        required=False,
        help_text=_("Leave empty for a theme (youth, the environment) rather than an area."),
    )
    money = blocks.IntegerBlock(label=_("Money (baht)"), min_value=1)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=1000)

    class Meta:
        icon = "table"
        label = _("Part")


class PartGroupBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name of the group"), max_length=200)
    parts_per_person = blocks.IntegerBlock(
        label=_("Parts one person may ballot in"), min_value=1, default=1
    )
    supports_per_person = blocks.IntegerBlock(
        label=_("Projects one person may support in this group"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    parts = blocks.StreamBlock([("part", PartBlock())], label=_("Parts"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Group of parts")


class RoundPartsBlock(blocks.StreamBlock):
    part = PartBlock()
    group = PartGroupBlock()

    class Meta:
        min_num = 1
