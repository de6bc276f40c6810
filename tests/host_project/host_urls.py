"""URLs of the host project (see host_settings.py): `wagtail start`'s, plus Bokrao."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from consultation_blocks import urls as bokrao_participation_urls
from search import urls as bokrao_search_urls  # Bokrao
from theme import urls as bokrao_theme_urls  # Bokrao

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Bokrao: every public page lives under its language, /th/... and /en/...
urlpatterns += i18n_patterns(
    path("search/", include(bokrao_search_urls)),
    path("participate/", include(bokrao_participation_urls)),
    path("", include(bokrao_theme_urls)),
    path("", include(wagtail_urls)),  # last: Wagtail serves every other path
    prefix_default_language=True,
)
