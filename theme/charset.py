"""Requests that declare a character set other than UTF-8 get a plain 400.

Django decodes a form with the charset its Content-Type names. For a form it refuses any
but UTF-8 with BadRequest, and a name that is no text codec ("rot13", "bogus") raises
LookupError. Either happens first inside the CSRF check, and again in the error page's
own CSRF check, so the visitor got a 500 instead of the 400. This middleware answers
before anything reads the body: it goes after LocaleMiddleware (the message is in the
visitor's language) and before CsrfViewMiddleware.
"""

import codecs

from django.http import HttpResponseBadRequest
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _


def _is_utf8(name):
    try:
        return len(name) < 40 and codecs.lookup(name).name == "utf-8"
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return False


class RefuseUnknownCharsetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
        charset = params.get("charset")
        if charset is not None:
            if not _is_utf8(charset):
                return HttpResponseBadRequest(
                    _("Send the form as UTF-8 text: other character sets are not accepted."),
                    content_type="text/plain; charset=utf-8",
                )
            # "utf8", "UTF_8": the same, under the one name Django's form parser accepts.
            request.encoding = "utf-8"
        return self.get_response(request)
