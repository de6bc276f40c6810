from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# Texts in Thai and English side by side: a site setting belongs to a site, not
# to a locale, so wagtail-localize cannot translate it (docs/decisions/004-cookie-consent.md).
BANNER_TEXTS = ["title", "message", "essential", "performance", "targeting"]


@register_setting(icon="lock")
class CookieConsentSettings(BaseSiteSetting):
    title_th = models.CharField(_("title (Thai)"), max_length=120, default="เราใช้คุกกี้")
    title_en = models.CharField(_("title (English)"), max_length=120, default="We use cookies")
    message_th = models.TextField(
        _("message (Thai)"),
        default=(
            "เราใช้คุกกี้ที่จำเป็นเพื่อให้เว็บไซต์ทำงานได้ และจะใช้คุกกี้ประเภทอื่นเมื่อท่านยินยอมเท่านั้น "
            "ท่านเลือกได้ว่าจะยอมรับคุกกี้ประเภทใด และเปลี่ยนใจได้ทุกเมื่อ"
        ),
    )
    message_en = models.TextField(
        _("message (English)"),
        default=(
            "We use the cookies this site needs to work, and other cookies only with your consent. "
            "Choose which kinds you accept; you can change your mind at any time."
        ),
    )
    essential_th = models.TextField(
        _("essential cookies (Thai)"),
        default=(
            "จำเป็นต่อการให้บริการเว็บไซต์ เช่น การเข้าสู่ระบบ การเลือกภาษา และการจดจำการตั้งค่าคุกกี้นี้ "
            "จึงเปิดใช้งานตลอดเวลา"
        ),
    )
    essential_en = models.TextField(
        _("essential cookies (English)"),
        default=(
            "Needed for the site to work, such as signing in, the language you chose and this "
            "cookie choice, so they are always on."
        ),
    )
    performance_th = models.TextField(
        _("performance cookies (Thai)"),
        default=("ช่วยให้เทศบาลทราบว่าหน้าใดมีผู้ใช้งานมาก และปรับปรุงเว็บไซต์ให้ใช้งานง่ายขึ้น โดยไม่ระบุตัวตนของท่าน"),
    )
    performance_en = models.TextField(
        _("performance cookies (English)"),
        default=(
            "Help the municipality see which pages are used and make the site easier to use, "
            "without identifying you."
        ),
    )
    targeting_th = models.TextField(
        _("targeting cookies (Thai)"),
        default="ใช้แสดงข่าวสารและการรับฟังความคิดเห็นที่ตรงกับความสนใจของท่าน",
    )
    targeting_en = models.TextField(
        _("targeting cookies (English)"),
        default="Used to show news and consultations that match your interests.",
    )
    policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy and cookie policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    policy_version = models.PositiveSmallIntegerField(
        _("policy version"),
        default=1,
        help_text=_("Raise this number to ask every visitor for their choice again."),
    )

    panels = [
        MultiFieldPanel([FieldPanel(f"{name}_th") for name in BANNER_TEXTS], heading="ไทย"),
        MultiFieldPanel([FieldPanel(f"{name}_en") for name in BANNER_TEXTS], heading="English"),
        FieldPanel("policy_page"),
        FieldPanel("policy_version"),
    ]

    class Meta:
        verbose_name = _("cookie consent")

    def texts(self, language=None):
        """The banner's texts in `language`, Thai where the English is left empty."""
        language = (language or translation.get_language() or "th")[:2]
        suffix = "en" if language == "en" else "th"
        return {
            name: getattr(self, f"{name}_{suffix}") or getattr(self, f"{name}_th")
            for name in BANNER_TEXTS
        }
