from django.urls import path

from . import views

urlpatterns = [path("cookies/", views.cookie_settings, name="bokrao_cookie_settings")]
