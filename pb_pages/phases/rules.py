"""Who may move a consultation's phases by hand: whoever may publish the page."""


def may_steer_phases(user, page):
    if not (user and user.is_active):
        return False
    return page.permissions_for_user(user).can_publish()
