from django.urls import path

from . import accounts, views

urlpatterns = [
    path("vote/", views.vote, name="bokrao_vote"),
    path("account/", accounts.profile, name="bokrao_profile"),
    path("account/sign-up/", accounts.sign_up, name="bokrao_sign_up"),
    path("account/sign-in/", accounts.sign_in, name="bokrao_sign_in"),
    path("account/sign-out/", accounts.sign_out, name="bokrao_sign_out"),
    path("account/confirm/<str:token>/", accounts.confirm_email, name="bokrao_confirm_email"),
]
