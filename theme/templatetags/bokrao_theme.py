from django import template
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from ..conf import host_setting, theme_setting
from ..consent import OPTIONAL_CATEGORIES, needs_asking, read_consent
from ..dates import format_date, format_datetime
from ..models import CookieConsentSettings
from ..pages import routed_ancestors, translations_of

register = template.Library()


@register.filter
def local_date(value, style=""):
    """{{ page.opens_at|local_date }} -> 21 มิ.ย. 2565; |local_date:"long" spells the month."""
    return format_date(value, long=style == "long")


@register.filter
def local_datetime(value, style=""):
    return format_datetime(value, long=style == "long")


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page of the part of the site being shown, in the visitor's language: the
    municipality's home page (a page class saying `is_municipality_home`) the page is
    in, or the site's root page (the platform's front page) above every municipality."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    page = context.get("page")
    if isinstance(page, Page):
        chain = (page, *routed_ancestors(page))
        for shown in chain:
            if getattr(shown, "is_municipality_home", False):
                return shown
        if len(chain) == 1 and page.depth > site.root_page.depth:
            # Not routed (a preview, a page a view loaded): ask the tree, once.
            for ancestor in page.get_ancestors().specific().order_by("-depth"):
                if getattr(ancestor, "is_municipality_home", False):
                    return ancestor
        else:
            # Routing passed the site's root: the root in the page's language.
            root = chain[-1]
            if root.translation_key == site.root_page.translation_key:
                return root
    return site.root_page.specific.localized


@register.filter
def is_within(page, section):
    """True when `page` is `section` or below it (the menu marks the current section)."""
    return isinstance(page, Page) and page.path.startswith(section.path)


@register.simple_tag
def breadcrumb_pages(page):
    """The pages above `page`, from the home down (the tree's root left out)."""
    chain = routed_ancestors(page)
    top = chain[-1] if chain else page
    # Routing came down from the site's root: the platform's front page, a municipality's
    # home page on a hostname of its own, or a home page under the tree's root.
    if top.depth <= 2 or getattr(top, "is_municipality_home", False):
        return [ancestor for ancestor in reversed(chain) if ancestor.depth > 1]
    return list(page.get_ancestors()[1:])


@register.simple_tag(takes_context=True)
def language_links(context):
    """This page in every site language; that language's home page where no translation exists."""
    request = context["request"]
    page = context.get("page")
    translations = {}
    # A page's own address below it (a proposal under its call), kept in every language.
    below = context.get("subpage_path", "")
    if isinstance(page, Page):
        for translated in translations_of(page):
            if translated.live:
                translations[translated.locale.language_code] = translated.url + below
    links = []
    for code, name in host_setting("LANGUAGES"):
        if page is None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = translations.get(code) or f"/{code}/"
        links.append(
            {"code": code, "name": name, "url": url, "current": code == translation.get_language()}
        )
    return links


@register.inclusion_tag("bokrao_theme/includes/cookie_banner.html", takes_context=True)
def cookie_banner(context):
    request = context["request"]
    policy = CookieConsentSettings.for_request(request)
    consent = read_consent(request)
    policy_page = policy.policy_page.localized if policy.policy_page else None
    return {
        "request": request,
        "show": needs_asking(consent, policy.policy_version),
        "texts": policy.texts(),
        "policy_page": policy_page,
        "policy_version": policy.policy_version,
        "accepted": consent.accepted if consent else frozenset(),
        "categories": OPTIONAL_CATEGORIES,
        "cookie_name": theme_setting("CONSENT_COOKIE"),
        "max_age": theme_setting("CONSENT_MAX_AGE_DAYS") * 24 * 3600,
    }


@register.inclusion_tag("bokrao_theme/includes/consent_scripts.html", takes_context=True)
def consent_scripts(context):
    """Scripts of optional categories: live once accepted, inert placeholders before."""
    consent = read_consent(context["request"])
    scripts = []
    for category, paths in theme_setting("CONSENT_SCRIPTS").items():
        for path in paths:
            allowed = consent is not None and consent.allows(category)
            scripts.append({"category": category, "src": static(path), "allowed": allowed})
    return {"scripts": scripts}
