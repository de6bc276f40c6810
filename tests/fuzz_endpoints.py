"""Every public endpoint of the site and its parameters: what the fuzz test sends.

One list, read by tests/test_fuzz.py (in CI) and bench/fuzz.py (the longer run). A
parameter is named with its kind; tests/fuzzing.py knows, for each kind, the values a
browser sends and the malformed ones an attacker does. `writes` names the models a
request to the endpoint may add rows to: a refused request (4xx) must add none.

A new public URL goes here: test_every_public_url_is_fuzzed fails until it does.
"""

from dataclasses import dataclass, field

# Rows any participation request could add (the counts compared around refused requests).
CONTRIBUTIONS = ("vote", "comment", "comment_flag", "flag_reason", "outbox")
ACCOUNTS = ("user", "participant")


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL's name, or "page:<what>" for a Wagtail page
    path: str  # after the language prefix; {comment}, {token}, {uidb64} are filled in
    methods: tuple  # the methods it is meant for; others are sent too, and refused
    params: dict = field(default_factory=dict)  # parameter -> kind (tests/fuzzing.py)
    writes: tuple = ()


ENDPOINTS = [
    # consultation_blocks/urls.py, under /<language>/participate/
    Endpoint(
        "bokrao_vote",
        "participate/vote/",
        ("POST",),
        {
            "page": "page_id",
            "widget": "widget",
            "anchor": "anchor",
            "choice": "choice",
            "other": "text",
            "withdraw": "flag",
            "next": "next",
        },
        CONTRIBUTIONS,
    ),
    Endpoint(
        "bokrao_comment",
        "participate/comment/",
        ("POST",),
        {
            "page": "page_id",
            "widget": "widget",
            "text": "text",
            "parent": "comment_id",
            "anchor": "anchor",
            "quote": "quote",
            "next": "next",
        },
        CONTRIBUTIONS,
    ),
    Endpoint(
        "bokrao_comment_react",
        "participate/comment/{comment}/react/",
        ("POST",),
        {"kind": "reaction", "next": "next"},
        CONTRIBUTIONS,
    ),
    Endpoint(
        "bokrao_comment_flag",
        "participate/comment/{comment}/flag/",
        ("POST",),
        {"reason": "flag_reason", "note": "text", "next": "next"},
        CONTRIBUTIONS,
    ),
    Endpoint(
        "bokrao_relation",
        "participate/relation/",
        ("POST",),
        {"page": "page_id", "voter_group": "voter_group", "next": "next"},
        ("matter_relation", "participant"),
    ),
    Endpoint(
        "bokrao_proposal_support",
        "participate/proposal/support/",
        ("POST",),
        {"proposal": "proposal_id", "page": "page_id", "withdraw": "flag", "next": "next"},
        (*CONTRIBUTIONS, "proposal_follower"),
    ),
    Endpoint(
        "bokrao_proposal_follow",
        "participate/proposal/follow/",
        ("POST",),
        {"proposal": "proposal_id", "page": "page_id", "stop": "flag", "next": "next"},
        ("proposal_follower",),
    ),
    Endpoint(
        "bokrao_profile",
        "participate/account/",
        ("GET", "POST"),
        {
            "display_name": "text",
            "voter_group": "voter_group",
            "home": "home",
            "action": "profile_action",
        },
        ACCOUNTS,
    ),
    Endpoint(
        "bokrao_verify_resident",
        "participate/account/verify/",
        ("GET", "POST"),
        {"national_id": "national_id", "birth_date": "birth_date", "next": "next"},
        ACCOUNTS,
    ),
    Endpoint(
        "bokrao_sign_up",
        "participate/account/sign-up/",
        ("GET", "POST"),
        {
            "email": "email",
            "password": "password",
            "display_name": "text",
            "voter_group": "voter_group",
            "home": "home",
            "accept_privacy": "flag",
            "challenge": "text",
            "challenge_solution": "text",
            "next": "next",
        },
        ACCOUNTS,
    ),
    Endpoint(
        "bokrao_sign_in",
        "participate/account/sign-in/",
        ("GET", "POST"),
        {"username": "email", "password": "password", "next": "next"},
    ),
    Endpoint("bokrao_sign_out", "participate/account/sign-out/", ("POST",), {"next": "next"}),
    Endpoint("bokrao_confirm_email", "participate/account/confirm/{token}/", ("GET",)),
    Endpoint(
        "bokrao_password_reset",
        "participate/account/password-reset/",
        ("GET", "POST"),
        {"email": "email"},
    ),
    Endpoint("bokrao_password_reset_sent", "participate/account/password-reset/sent/", ("GET",)),
    Endpoint("bokrao_password_reset_done", "participate/account/password-reset/done/", ("GET",)),
    Endpoint(
        "bokrao_password_reset_confirm",
        "participate/account/password-reset/{uidb64}/{token}/",
        ("GET", "POST"),
        {"new_password1": "password", "new_password2": "password"},
    ),
    Endpoint("bokrao_privacy", "participate/account/privacy/", ("GET",)),
    Endpoint("bokrao_my_data", "participate/account/my-data/", ("GET",)),
    Endpoint(
        "bokrao_delete_account",
        "participate/account/delete/",
        ("GET", "POST"),
        {"password": "password"},
        ACCOUNTS,
    ),
    # theme/urls.py
    Endpoint(
        "bokrao_cookie_settings",
        "cookies/",
        ("GET", "POST"),
        {"choice": "consent_choice", "category": "consent_category", "next": "next"},
    ),
    # search/urls.py: the public search
    Endpoint(
        "bokrao_search",
        "search/",
        ("GET",),
        {
            "q": "query",
            "page": "page_number",
            "process_type": "text",
            "consultation": "text",
            "status": "text",
            "locale": "text",
        },
    ),
    # pb_pages: Wagtail's pages, with the parameters a page reads
    Endpoint("page:home", "", ("GET",), {"q": "text"}),
    Endpoint(
        "page:consultation",
        "{consultation}",
        ("GET",),
        {"comments-w-talk": "page_number", "page": "page_number"},
    ),
    Endpoint("page:missing", "{missing}", ("GET",)),
    # A call for proposals and what lives under its address (pb_pages ProposalIndexPage).
    Endpoint(
        "page:call",
        "{call}",
        ("GET",),
        {
            "category": "category",
            "area": "area",
            "state": "proposal_state",
            "group": "voter_group",
            "order": "order",
            "page": "page_number",
        },
    ),
    Endpoint("page:proposal", "{call}p/{proposal}/", ("GET",)),
    Endpoint(
        "page:new_proposal",
        "{call}new/",
        ("GET", "POST"),
        {
            "title": "text",
            "summary": "text",
            "description": "long_text",
            "category": "category",
            "concerned_area": "area",
            "within_powers": "within_powers",
            "draft": "flag",
            "submit": "flag",
        },
        ("proposal", "proposal_follower", "status_change", "outbox"),
    ),
    Endpoint(
        "page:edit_proposal",
        "{call}p/{proposal}/edit/",
        ("GET", "POST"),
        {"title": "text", "summary": "text", "description": "long_text", "submit": "flag"},
        ("proposal", "proposal_follower", "status_change", "outbox"),
    ),
    Endpoint("page:similar", "{call}similar/", ("GET",), {"q": "text", "exclude": "proposal_id"}),
    Endpoint("page:open_data", "{call}data/json/", ("GET",)),
    # A draft regulation's reader (pb_pages DraftRegulationPage, consultation_blocks/drafts).
    Endpoint("page:draft", "{draft}", ("GET",), {"v": "version"}),
    Endpoint("page:draft_version", "{draft}v/{number}/", ("GET",)),
    Endpoint(
        "page:paragraph",
        "{draft}p/{paragraph}/",
        ("GET",),
        {"v": "version", "fragment": "flag", "sort-para-fee": "order"},
    ),
    Endpoint(
        "page:draft_comments",
        "{draft}comments/",
        ("GET",),
        {
            "paragraph": "paragraph",
            "group": "voter_group",
            "area": "area",
            "order": "draft_order",
            "page": "page_number",
        },
    ),
    Endpoint("page:area_plan", "{call}area-plan/csv/", ("GET",)),
    # A budget round (pb_pages BudgetRoundPage, consultation_blocks/budgeting).
    Endpoint(
        "page:round",
        "{round}",
        ("GET",),
        {"part": "part", "state": "project_state", "order": "round_order"},
    ),
    Endpoint(
        "page:project",
        "{round}p/{project}/",
        ("GET", "POST"),
        {"withdraw": "flag"},
        ("vote", "outbox", "matter_relation"),
    ),
    Endpoint(
        "page:new_project",
        "{round}new/",
        ("GET", "POST"),
        {
            "title": "text",
            "description": "long_text",
            "part": "part",
            "location": "text",
            "estimated_cost": "cost",
        },
        ("project", "outbox", "matter_relation"),
    ),
    Endpoint(
        "page:follow_project",
        "{round}p/{project}/follow/",
        ("POST",),
        {"unfollow": "flag", "next": "next"},
        ("project_follower",),
    ),
    Endpoint("page:ballot", "{round}ballot/", ("GET",)),
    Endpoint(
        "page:ballot_part",
        "{round}ballot/{part}/",
        ("GET", "POST"),
        {"action": "ballot_action", "project": "project_id"},
        ("ballot", "ballot_line", "round_voter", "line_removal", "matter_relation"),
    ),
    Endpoint(
        "bokrao_ballot",
        "participate/ballot/",
        ("POST",),
        {
            "page": "round_id",
            "part": "part",
            "action": "ballot_action",
            "project": "project_id",
            "next": "next",
        },
        ("ballot", "ballot_line", "round_voter", "line_removal", "matter_relation"),
    ),
    Endpoint("page:round_results", "{round}results/", ("GET",)),
    Endpoint("page:round_data", "{round}data/{data_format}/", ("GET",), {"part": "part"}),
    Endpoint("page:round_area_plan", "{round}area-plan/{data_format}/", ("GET",)),
]

# Every request also carries, now and then, a consent cookie of this kind (theme/consent.py).
COOKIE_KINDS = {"bokrao_consent": "consent_cookie"}
