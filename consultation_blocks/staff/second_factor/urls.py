"""The second factor's admin URLs (under /admin/, through register_admin_urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("bokrao/second-factor/", views.manage_view, name="bokrao_second_factor"),
    path("bokrao/second-factor/verify/", views.verify_view, name="bokrao_second_factor_verify"),
    path("bokrao/second-factor/enrol/", views.enrol_view, name="bokrao_second_factor_enrol"),
    path(
        "bokrao/second-factor/remove/<int:user_id>/",
        views.remove_view,
        name="bokrao_second_factor_remove",
    ),
]
