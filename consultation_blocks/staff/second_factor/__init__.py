"""Staff's second factor in the Wagtail admin: a TOTP app and ten recovery codes.

After the password, a staff member (anyone who may open the admin) who has set up an
authenticator app enters its 6-digit code, or a recovery code, before any admin page
opens. The STAFF_SECOND_FACTOR setting (conf.py) says whether staff must set one up
("required"), may ("optional", the default) or are never asked ("off").

django-otp keeps the devices and marks the verified session (its OTPMiddleware);
middleware.py sends unverified staff from admin URLs to verify or to enrol. Wrong codes
count in the project's rate limits (action "second_factor").
"""
