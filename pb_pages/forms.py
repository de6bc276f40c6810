from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .slugs import available_slug, readable_slug


class BokraoPageForm(WagtailAdminPageForm):
    """The page editor's form: the slug may be left empty for a Thai title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Latin letters, digits and hyphens. Leave empty to spell the title in "
                "Latin letters."
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            return slug
        title = self.cleaned_data.get("title", "")
        return available_slug(readable_slug(title), self.parent_page, self.instance)
