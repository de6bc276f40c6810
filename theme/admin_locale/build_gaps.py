"""List the Thai gaps of the Wagtail admin after an upgrade.

For the installed Wagtail, wagtail-localize and Django, print every msgid of
their English catalogues (locale/en/LC_MESSAGES/*.po, the list of messages)
that has Thai neither in the package's own Thai catalogue nor in ours
(th/LC_MESSAGES/*.po next to this script). Those are the strings to translate
and add to our catalogue:

    python theme/admin_locale/build_gaps.py          # report; exit status 1 if gaps
    python theme/admin_locale/build_gaps.py --stale  # ours to review: now translated
                                                     # upstream, upstream Thai changed, gone
    python theme/admin_locale/build_gaps.py --po > /tmp/new.po   # fill in the msgstr
    cd theme/admin_locale/th/LC_MESSAGES
    msgcat --use-first django.po /tmp/new.po -o django.po.new && mv django.po.new django.po
    msgfmt --check -o django.mo django.po

(--domain djangojs for the scripts' catalogue.)

Standard library only, reads installed files, never the network.
"""

import argparse
import ast
import importlib.metadata
import importlib.util
import re
import sys
from pathlib import Path

OURS = Path(__file__).resolve().parent / "th" / "LC_MESSAGES"

# (distribution, app directory inside it): the catalogues the admin loads.
PACKAGES = [
    ("wagtail", "wagtail/admin"),
    ("wagtail", "wagtail"),
    ("wagtail", "wagtail/users"),
    ("wagtail", "wagtail/snippets"),
    ("wagtail", "wagtail/images"),
    ("wagtail", "wagtail/documents"),
    ("wagtail", "wagtail/sites"),
    ("wagtail", "wagtail/embeds"),
    ("wagtail", "wagtail/search"),
    ("wagtail", "wagtail/contrib/settings"),
    ("wagtail", "wagtail/contrib/redirects"),
    ("wagtail", "wagtail/locales"),
    ("wagtail-localize", "wagtail_localize"),
    ("wagtail-localize", "wagtail_localize/locales"),
    # Django messages the admin shows: form errors, "3 hours ago", password rules.
    ("django", "django/conf"),
    ("django", "django/contrib/auth"),
    ("django", "django/contrib/contenttypes"),
]
DOMAINS = ("django", "djangojs")

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def read_po(path):
    """Entries of a .po file: dicts with msgctxt, msgid, msgid_plural, msgstrs,
    flags and comments. Obsolete (#~) entries are skipped."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", Path(path).read_text(encoding="utf-8")):
        entry = {
            "msgctxt": None,
            "msgid_plural": None,
            "msgstrs": [],
            "flags": set(),
            "comments": [],
        }
        key = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#~") or not line:
                continue
            elif line.startswith("#"):
                entry["comments"].append(line)
            else:
                match = _KEYWORD.match(line)
                if match:
                    key = match[1]
                    value = ast.literal_eval(match[2])
                    if key.startswith("msgstr"):
                        entry["msgstrs"].append(value)
                        key = ("msgstr", len(entry["msgstrs"]) - 1)
                    else:
                        entry[key] = value
                elif line.startswith('"') and key:
                    value = ast.literal_eval(line)
                    if isinstance(key, tuple):
                        entry["msgstrs"][key[1]] += value
                    else:
                        entry[key] += value
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def is_translated(entry):
    return (
        "fuzzy" not in entry["flags"]
        and bool(entry["msgstrs"])
        and all(s.strip() for s in entry["msgstrs"])
    )


def key(entry):
    return (entry["msgctxt"], entry["msgid"])


def package_dir(distribution, app_dir):
    top = app_dir.split("/")[0]
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]).parent / app_dir


def our_entries(domain):
    path = OURS / f"{domain}.po"
    return read_po(path) if path.is_file() else []


def find_gaps():
    """[(distribution, app_dir, domain, entry)] missing from upstream Thai and ours."""
    gaps, seen = [], set()
    for domain in DOMAINS:
        ours = {key(e) for e in our_entries(domain) if is_translated(e)}
        for distribution, app_dir in PACKAGES:
            base = package_dir(distribution, app_dir)
            if base is None:
                continue
            english = base / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not english.is_file():
                continue
            thai = base / "locale" / "th" / "LC_MESSAGES" / f"{domain}.po"
            upstream = (
                {key(e) for e in read_po(thai) if is_translated(e)} if thai.is_file() else set()
            )
            for entry in read_po(english):
                k = key(entry)
                if k in upstream or k in ours or (domain, k) in seen:
                    continue
                seen.add((domain, k))
                gaps.append((distribution, app_dir, domain, entry))
    return gaps


def _all_english_keys(domain):
    """Msgids of every English catalogue of the three distributions, including
    apps we do not list (a permission name may reuse one of their msgids)."""
    keys = set()
    for top in ("wagtail", "wagtail_localize"):
        base = package_dir(top, top)
        if base is not None:
            for path in base.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
                keys.update(key(e) for e in read_po(path))
    for distribution, app_dir in PACKAGES:
        base = package_dir(distribution, app_dir)
        path = base / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po" if base else None
        if path is not None and path.is_file():
            keys.update(key(e) for e in read_po(path))
    return keys


def _sources(entry):
    """Packages named in the '#. source:' comment of one of our entries."""
    text = " ".join(c[2:].strip() for c in entry["comments"] if c.startswith("#."))
    match = re.search(r"source:\s*(.*)", text)
    return {s.strip() for s in match[1].split(",")} if match else set()


def _squash(text):
    return re.sub(r"\s+", "", text)


def find_stale():
    """Entries of ours to review after an upgrade: gap entries that their own
    package's Thai catalogue now translates, corrections whose upstream Thai
    changed since we corrected it, and entries whose msgid no longer exists."""
    stale = []
    for domain in DOMAINS:
        upstream = {}  # key -> {app_dir: Thai}
        for distribution, app_dir in PACKAGES:
            base = package_dir(distribution, app_dir)
            path = base / "locale" / "th" / "LC_MESSAGES" / f"{domain}.po" if base else None
            if path is not None and path.is_file():
                for e in read_po(path):
                    if is_translated(e):
                        upstream.setdefault(key(e), {})[app_dir] = e["msgstrs"][0]
        english = _all_english_keys(domain)
        for entry in our_entries(domain):
            translator = " ".join(c[1:].strip() for c in entry["comments"] if c.startswith("# "))
            sources = {s.replace(".", "/") for s in _sources(entry)}
            there = {
                app: thai for app, thai in upstream.get(key(entry), {}).items() if app in sources
            }
            if key(entry) not in english:
                stale.append((domain, entry, "msgid gone from the English catalogues"))
            elif "upstream-correction" in translator:
                was = re.search(r"«(.*)»", translator)
                old = {_squash(t) for t in was[1].split(" | ")} if was else set()
                if not {_squash(t) for t in there.values()} <= old:
                    stale.append((domain, entry, "upstream Thai changed; re-check our correction"))
            elif there:
                stale.append((domain, entry, "upstream Thai now translates it"))
    return stale


def po_string(keyword, text):
    if "\n" not in text[:-1]:
        return f"{keyword} {_quote(text)}\n"
    lines = text.splitlines(keepends=True)
    return f'{keyword} ""\n' + "".join(f"{_quote(line)}\n" for line in lines)


def _quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


def write_po(gaps, domain, out):
    out.write(
        'msgid ""\nmsgstr ""\n"Language: th\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    )
    for _distribution, app_dir, entry_domain, entry in gaps:
        if entry_domain != domain:
            continue
        out.write(f"\n#. source: {app_dir}\n")
        flags = sorted(f for f in entry["flags"] if f.endswith("-format"))
        if flags:
            out.write("#, " + ", ".join(flags) + "\n")
        if entry["msgctxt"] is not None:
            out.write(po_string("msgctxt", entry["msgctxt"]))
        out.write(po_string("msgid", entry["msgid"]))
        if entry["msgid_plural"]:
            out.write(po_string("msgid_plural", entry["msgid_plural"]))
            out.write('msgstr[0] ""\n')
        else:
            out.write('msgstr ""\n')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--po", action="store_true", help="print the gaps as a .po to fill in")
    parser.add_argument(
        "--domain",
        choices=DOMAINS,
        default="django",
        help="domain written by --po (default: django)",
    )
    parser.add_argument(
        "--stale",
        action="store_true",
        help="list our entries that upstream now covers or that are gone",
    )
    args = parser.parse_args(argv)

    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("wagtail", "wagtail-localize", "django")
    )
    if args.stale:
        stale = find_stale()
        print(f"# {len(stale)} entries of ours to review ({versions})")
        for domain, entry, why in stale:
            print(f"{domain}\t{why}\t{entry['msgid']!r}")
        return 0
    gaps = find_gaps()
    if args.po:
        write_po(gaps, args.domain, sys.stdout)
        return 0
    print(f"# {len(gaps)} msgids without Thai ({versions})")
    for _distribution, app_dir, domain, entry in gaps:
        context = f" [context: {entry['msgctxt']}]" if entry["msgctxt"] is not None else ""
        print(f"{domain}\t{app_dir}\t{entry['msgid']!r}{context}")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
