from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from consultation_blocks import urls as participation_urls
from search import urls as search_urls
from theme import urls as theme_urls
from theme import views as theme_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("favicon.ico", theme_views.favicon),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language: /th/... and /en/...
urlpatterns += i18n_patterns(
    path("search/", include(search_urls)),
    path("participate/", include(participation_urls)),
    path("", include(theme_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
