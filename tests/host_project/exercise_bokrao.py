"""Create Bokrao pages in the migrated host project and render them over HTTP.

Run by tests/test_wheel_install.py with the fresh virtual environment's Python,
from the host project's directory, after `manage.py migrate`. Prints one JSON
line, the last line of its output, for the test to check.
"""

import importlib
import json
import os
import sys
import sysconfig
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host_settings")

import django  # noqa: E402

django.setup()

import polib  # noqa: E402  (a dependency of wagtail-localize)
from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from consultation_blocks.factories import (  # noqa: E402
    comment_widget,
    make_participant,
    widget,
    widget_body,
)
from consultation_blocks.models import Comment, Vote  # noqa: E402
from pb_pages.factories import make_consultation  # noqa: E402
from pb_pages.models import DebatePage, HomePage, ProcessIndexPage  # noqa: E402

APPS = ["pb_pages", "consultation_blocks", "search", "theme"]
HOME_TITLE = "เทศบาลตำบลบ้านทดสอบ"
DEBATE_TITLE = "ปรับปรุงสวนสาธารณะริมน้ำ"
DEBATE_SUMMARY = "ร่วมเสนอความคิดเห็นเรื่องการปรับปรุงสวนสาธารณะริมน้ำของเทศบาล"
CONSULTATION_TITLE = "ไฟส่องสว่างในซอย"
COMMENT_TEXT = "ซอยสามมืดมากหลังสองทุ่ม ขอไฟเพิ่มอีกสองดวง"


def create_pages():
    """A municipality home page as the site's root, one debate section, one open debate."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="bokrao-home", intro="สวัสดี"))
    site = Site.objects.get(is_default_site=True)
    previous_root = site.root_page
    site.root_page = home
    site.save()
    previous_root.delete()  # Wagtail's "Welcome" page, as a new host would

    section = home.add_child(
        instance=ProcessIndexPage(
            title="เวทีอภิปราย", slug="debates", process_type="debate", show_in_menus=True
        )
    )
    now = timezone.now()
    # No slug: Bokrao spells the Thai title in Latin letters (pythainlp).
    debate = section.add_child(
        instance=DebatePage(
            title=DEBATE_TITLE,
            summary=DEBATE_SUMMARY,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14),
        )
    )
    return home, section, debate


def take_part(section):
    """A consultation with a vote and a comments widget; a participant signs in through
    the public sign-in page, votes and comments through the public URLs."""
    page = make_consultation(
        section,
        title=CONSULTATION_TITLE,
        summary="เห็นด้วยหรือไม่กับการติดไฟเพิ่ม",
        body=widget_body(widget("agree_disagree", "w-agree"), comment_widget("w-talk")),
    )
    page.save_revision().publish()
    make_participant("somchai")  # email confirmed; password "pw"
    client = Client()
    with translation.override("th"):
        sign_in_url = reverse("bokrao_sign_in")
        profile_url = reverse("bokrao_profile")
        vote_url = reverse("bokrao_vote")
        comment_url = reverse("bokrao_comment")
    before = render(client, page.url)
    signed_in = client.post(sign_in_url, {"username": "somchai", "password": "pw"})
    vote = client.post(
        vote_url,
        {"page": page.pk, "widget": "w-agree", "choice": "agree"},
        HTTP_ACCEPT="application/json",
    )
    comment = client.post(
        comment_url,
        {"page": page.pk, "widget": "w-talk", "text": COMMENT_TEXT},
        HTTP_ACCEPT="application/json",
    )
    after = render(client, page.url)
    return {
        "url": page.url,
        "status_before": before["status"],
        "widgets_shown": 'id="widget-w-agree"' in before["html"]
        and 'id="widget-w-talk"' in before["html"],
        "sign_in": {"status": signed_in.status_code, "location": signed_in.get("Location")},
        "profile_url": profile_url,
        "profile_status": client.get(profile_url).status_code,
        "vote": {"status": vote.status_code, "answer": vote.json()},
        "comment": {"status": comment.status_code, "state": comment.json().get("state")},
        "stored": {
            "votes": list(Vote.objects.values_list("widget", "choices")),
            "comments": list(Comment.objects.values_list("widget", "comment", "state")),
        },
        "status_after": after["status"],
        "comment_shown": COMMENT_TEXT in after["html"],
        "vote_counted": 'data-result="agree">1<' in after["html"],
    }


def render(client, url):
    response = client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "content_language": response.headers.get("Content-Language"),
        "html": response.content.decode() if response.status_code == 200 else "",
    }


def catalogue_check():
    """For each Thai catalogue installed with the apps: how many of its texts Django uses."""
    report = {}
    with translation.override("th"):
        for app in APPS:
            package_dir = Path(importlib.import_module(app).__file__).parent
            for mo_path in sorted(package_dir.glob("**/LC_MESSAGES/django.mo")):
                entries = [
                    entry
                    for entry in polib.mofile(str(mo_path))
                    if entry.msgid and entry.msgstr and not entry.msgid_plural and not entry.msgctxt
                ]
                used = sum(translation.gettext(entry.msgid) == entry.msgstr for entry in entries)
                report[str(mo_path)] = {"entries": len(entries), "used": used}
    return report


def main():
    home, section, debate = create_pages()
    participation = take_part(section)
    client = Client()
    debate_page = render(client, debate.url)
    home_th = render(client, "/th/")
    section_page = render(client, section.url)
    with translation.override("th"):
        search_url = reverse("bokrao_search")
        cookies_url = reverse("bokrao_cookie_settings")
    search_page = render(client, f"{search_url}?q=สวน")
    cookies_page = render(client, cookies_url)

    result = {
        "python": sys.executable,
        "purelib": sysconfig.get_paths()["purelib"],
        "sys_path": sys.path,
        "cwd": os.getcwd(),
        "modules": {app: importlib.import_module(app).__file__ for app in APPS},
        "static": {
            name: finders.find(name)
            for name in ["theme/css/bokrao.css", "theme/fonts/sarabun-thai-400-normal.woff2"]
        },
        "debate": {
            "slug": debate.slug,
            "url": debate.url,
            "locale": debate.locale.language_code,
            "status": debate_page["status"],
            "title_found": f"<h1>{DEBATE_TITLE}</h1>" in debate_page["html"],
            "summary_found": DEBATE_SUMMARY in debate_page["html"],
        },
        "home_th": {
            "status": home_th["status"],
            "content_language": home_th["content_language"],
            "html_lang_th": '<html lang="th">' in home_th["html"],
            "title_found": HOME_TITLE in home_th["html"],
            "lists_debate": debate.url in home_th["html"],
        },
        "section": {
            "url": section.url,
            "status": section_page["status"],
            "lists_debate": debate.url in section_page["html"],
        },
        "search": {"url": search_url, "status": search_page["status"]},
        "cookies": {"url": cookies_url, "status": cookies_page["status"]},
        "participation": participation,
        "catalogues": catalogue_check(),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
