from django.urls import path

from .budgeting.ballots import views as ballots
from .comments import views as comments
from .participants import accounts, relations
from .privacy import views as privacy
from .proposals import views as proposals
from .widgets import views as widgets

urlpatterns = [
    path("vote/", widgets.vote, name="bokrao_vote"),
    path("comment/", comments.comment, name="bokrao_comment"),
    path("relation/", relations.answer, name="bokrao_relation"),
    path("ballot/", ballots.ballot_action, name="bokrao_ballot"),
    path("proposal/support/", proposals.support, name="bokrao_proposal_support"),
    path("proposal/follow/", proposals.follow, name="bokrao_proposal_follow"),
    path("comment/<int:comment_id>/react/", comments.react, name="bokrao_comment_react"),
    path("comment/<int:comment_id>/flag/", comments.flag, name="bokrao_comment_flag"),
    path("account/", accounts.profile, name="bokrao_profile"),
    path("account/verify/", accounts.verify_resident, name="bokrao_verify_resident"),
    path("account/sign-up/", accounts.sign_up, name="bokrao_sign_up"),
    path("account/sign-in/", accounts.sign_in, name="bokrao_sign_in"),
    path("account/sign-out/", accounts.sign_out, name="bokrao_sign_out"),
    path("account/confirm/<str:token>/", accounts.confirm_email, name="bokrao_confirm_email"),
    path("account/password-reset/", accounts.password_reset, name="bokrao_password_reset"),
    path(
        "account/password-reset/sent/",
        accounts.password_reset_sent,
        name="bokrao_password_reset_sent",
    ),
    path(
        "account/password-reset/done/",
        accounts.password_reset_done,
        name="bokrao_password_reset_done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="bokrao_password_reset_confirm",
    ),
    path("account/privacy/", privacy.privacy, name="bokrao_privacy"),
    path("account/my-data/", privacy.download_my_data, name="bokrao_my_data"),
    path("account/delete/", privacy.delete_my_account, name="bokrao_delete_account"),
]
