"""The form a participant writes a proposal with: every field checked before anything is
stored, an image re-encoded (no EXIF: no location, no camera), a document only as PDF."""

import io
import uuid

from django import forms
from django.core.files.base import ContentFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from theme.user_input import clean_user_text

from ..municipalities.models import Area
from .choices import WithinPowers

IMAGE_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# Larger photos are scaled down: a phone's 12-megapixel photo is 4 MB on a weak signal.
IMAGE_MAX_SIDE = 1600
# A decompression bomb: a small file that opens as a gigantic image.
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def _megabytes(size):
    return f"{size / 1024 / 1024:.0f}"


def _text(value):
    return " ".join(clean_user_text(value).split())


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("What you propose, in a few words."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the problem is, what you propose and who it helps."),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the categories of this call.")},
    )
    concerned_area = forms.ModelChoiceField(
        label=_("Area it concerns"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    within_powers = forms.ChoiceField(
        label=_("Is this something the municipality can do itself?"),
        choices=WithinPowers.choices,
        initial=WithinPowers.UNSURE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the answers.")},
        help_text=_(
            "Some things are for the district, the province or a national agency: the "
            "municipality then forwards your proposal into the area plan."
        ),
    )
    image = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Its location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    document = forms.FileField(
        label=_("Document (optional)"),
        required=False,
        help_text=_("A PDF, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, call, municipality, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        categories = call.category_choices()
        if categories:
            self.fields["category"].choices = [("", gettext("Choose a category"))] + categories
            self.fields["category"].required = True
        else:
            del self.fields["category"]
        areas = Area.objects.filter(municipality=municipality).order_by("name")
        if municipality is not None and areas.exists():
            self.fields["concerned_area"].queryset = areas
            self.fields["concerned_area"].label_from_instance = lambda area: area.display_name
        else:
            del self.fields["concerned_area"]

    def _clean_line(self, name, minimum):
        value = _text(self.cleaned_data.get(name))
        if len(value) < minimum:
            raise forms.ValidationError(
                gettext("Write at least %(count)d characters.") % {"count": minimum}
            )
        return value

    def clean_title(self):
        return self._clean_line("title", 5)

    def clean_summary(self):
        return self._clean_line("summary", 10)

    def clean_description(self):
        value = clean_user_text(self.cleaned_data.get("description")).replace("\r\n", "\n")
        value = "\n\n".join(part.strip() for part in value.split("\n\n") if part.strip())
        if len(value) < 20:
            raise forms.ValidationError(
                gettext("Write at least %(count)d characters.") % {"count": 20}
            )
        return value

    def clean_image(self):
        return checked_photo(self.cleaned_data.get("image"))

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        if upload.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                gettext("The document is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": _megabytes(upload.size), "limit": _megabytes(DOCUMENT_MAX_BYTES)}
            )
        upload.seek(0)
        # By its content, not its name: a renamed program is not a PDF.
        if upload.read(5) != b"%PDF-":
            raise forms.ValidationError(gettext("Attach the document as a PDF file."))
        upload.seek(0)
        return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")


def checked_photo(upload):
    """An uploaded photo within the size limit, re-encoded (reencoded below), or None
    when none was sent; a ValidationError saying the limit otherwise. Every form that
    takes a photo (proposals, budget projects, their milestones) cleans it here."""
    if not upload:
        return None
    if upload.size > IMAGE_MAX_BYTES:
        raise forms.ValidationError(
            gettext("The photo is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(upload.size), "limit": _megabytes(IMAGE_MAX_BYTES)}
        )
    return reencoded(upload)


def reencoded(upload):
    """The photo drawn again as a new JPEG (or PNG, when it is transparent): whatever the
    file carried besides its pixels (EXIF location, scripts, a second file) is gone."""
    refusal = forms.ValidationError(gettext("Attach the photo as a JPEG, PNG or WebP image."))
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            if probe.format not in IMAGE_FORMATS:
                raise refusal
            if probe.width * probe.height > IMAGE_MAX_PIXELS:
                raise forms.ValidationError(
                    gettext("The photo has too many pixels; send a smaller one.")
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)  # upright, as the phone showed it
            image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
            transparent = image.mode in ("RGBA", "LA") or "transparency" in image.info
            out = io.BytesIO()
            if transparent:
                image.convert("RGBA").save(out, "PNG", optimize=True)
                extension = "png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
                extension = "jpg"
    except forms.ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as error:
        raise refusal from error
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
