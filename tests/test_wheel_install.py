"""The `bokrao` wheel works in a Wagtail site that is not ours (docs/extension.md).

Builds the wheel from a copy of the working tree, checks what it carries, installs
it into a fresh virtual environment (its dependencies come from the package index,
so this test needs the network; set PIP_FIND_LINKS to a wheelhouse to go faster),
then migrates the host project of tests/host_project/, creates pages and renders
them with Django's test client, all with the new environment's Python, from a
directory where the repository cannot be imported.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

REPO_DIR = Path(__file__).resolve().parents[1]
HOST_PROJECT_DIR = Path(__file__).resolve().parent / "host_project"
APPS = ["pb_pages", "consultation_blocks", "search", "theme"]
# What docs/extension.md installs beside the wheel (pinned as the site's extra is).
TASKS_BACKEND = "django-tasks-db==0.12.0"
# Inside an app, what the wheel must carry besides its Python modules.
DATA_DIRS = {"templates", "static", "locale", "admin_locale", "migrations"}
# Not copied to the build: environments, build output, caches, local data.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
    ".pytest_cache", ".ruff_cache", "test-output", ".engine",
)  # fmt: skip


def clean_env(extra_path=None):
    """The outer environment without what would let the repository leak in."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env["PYTHONNOUSERSITE"] = "1"
    if extra_path:
        env["PATH"] = f"{extra_path}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(args, cwd, env, timeout=600):
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({result.returncode})\n"
        f"--- stdout\n{result.stdout[-5000:]}\n--- stderr\n{result.stderr[-5000:]}"
    )
    return result


def expected_app_files():
    """Every module and data file of the four apps in the working tree, as wheel paths."""
    expected = set()
    for app in APPS:
        for path in (REPO_DIR / app).rglob("*"):
            relative = path.relative_to(REPO_DIR / app)
            if (
                not path.is_file()
                or "__pycache__" in relative.parts
                or "node_modules" in relative.parts
                or path.name.startswith(".")
            ):
                continue
            if path.suffix == ".py" or relative.parts[0] in DATA_DIRS:
                expected.add(f"{app}/{relative.as_posix()}")
    return expected


def check_wheel_contents(wheel):
    names = {name for name in zipfile.ZipFile(wheel).namelist() if not name.endswith("/")}
    paths = [PurePosixPath(name) for name in names]

    # Only the four apps and the metadata: no site configuration, tests or front-end tooling.
    top_level = {path.parts[0] for path in paths}
    dist_info = PurePosixPath(wheel).name.split("-py3-")[0] + ".dist-info"
    assert top_level == {*APPS, dist_info}, top_level
    for path in paths:
        assert not {"bokrao_site", "site", "tests", "node_modules"} & set(path.parts), path
    assert "manage.py" not in names

    missing = expected_app_files() - names
    assert not missing, f"missing from the wheel: {sorted(missing)}"

    for app in APPS:
        assert f"{app}/apps.py" in names
        assert f"{app}/migrations/__init__.py" in names
        assert any(name.startswith(f"{app}/templates/") for name in names), app
    assert "pb_pages/migrations/0001_initial.py" in names
    assert "theme/migrations/0001_initial.py" in names
    assert "theme/static/theme/css/bokrao.css" in names
    fonts = {
        name for name in names if PurePosixPath(name).match("theme/static/theme/fonts/*.woff2")
    }
    assert len(fonts) >= 4, fonts

    # Translations: compiled catalogues ship, one beside each source catalogue.
    po_files = {name for name in names if name.endswith(".po")}
    mo_files = {name for name in names if name.endswith(".mo")}
    assert mo_files, "no compiled Thai catalogue (.mo) in the wheel"
    assert not {po[:-3] + ".mo" for po in po_files} - mo_files, "a .po without its .mo"
    return mo_files


@pytest.mark.slow
def test_wheel_installs_into_a_host_wagtail_site(tmp_path):
    clean = clean_env()

    # (a) Build the wheel from a copy of the working tree (no build/ or egg-info left
    # in the repository, and no stale files from a previous build in the wheel).
    source = tmp_path / "source"
    shutil.copytree(REPO_DIR, source, ignore=COPY_IGNORE)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, source], tmp_path, clean)
    [wheel] = dist.glob("bokrao-*.whl")

    # (b) What the wheel carries.
    mo_files = check_wheel_contents(wheel)

    # (c) A fresh virtual environment with the wheel and its dependencies from the index,
    # and the task backend docs/extension.md installs beside it.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path, clean)
    python = venv / "bin" / "python"
    env = clean_env(extra_path=venv / "bin")
    run(
        [python, "-m", "pip", "install", "--no-input", "--disable-pip-version-check",
         wheel, TASKS_BACKEND],
        tmp_path,
        env,
        timeout=900,
    )  # fmt: skip

    # (d) The host project, in a directory of its own.
    host = tmp_path / "host"
    shutil.copytree(HOST_PROJECT_DIR, host, ignore=shutil.ignore_patterns("__pycache__"))

    # (e) The host follows docs/extension.md: Bokrao's system checks find nothing missing.
    checked = run([python, "manage.py", "check"], host, env)
    assert "System check identified no issues" in checked.stdout, checked.stdout + checked.stderr
    deploy = run([python, "manage.py", "check", "--deploy"], host, env)
    assert "bokrao_" not in deploy.stdout + deploy.stderr, deploy.stdout + deploy.stderr

    # Migrate (the rate limits' table too); the wheel's migrations match its models.
    run([python, "manage.py", "migrate", "--no-input"], host, env)
    run(
        [python, "manage.py", "makemigrations", "--check", "--dry-run",
         "bokrao_pages", "bokrao_blocks", "bokrao_search", "bokrao_theme"],
        host,
        env,
    )  # fmt: skip
    run([python, "manage.py", "collectstatic", "--no-input"], host, env)
    for name in ["theme/css/bokrao.css", "theme/fonts/sarabun-thai-400-normal.woff2"]:
        assert (host / "static" / name).is_file(), name

    # (e, f) Create pages and render them over HTTP with Django's test client.
    output = run([python, "exercise_bokrao.py"], host, env).stdout
    result = json.loads(output.strip().splitlines()[-1])

    # Everything came from the fresh environment, nothing from the repository.
    venv_dir = venv.resolve()
    purelib = Path(result["purelib"]).resolve()
    assert purelib.is_relative_to(venv_dir), purelib
    assert Path(result["python"]).parent.resolve() == (venv / "bin").resolve()
    assert Path(result["cwd"]).resolve() == host.resolve()
    for app, module_file in result["modules"].items():
        module_path = Path(module_file).resolve()
        assert module_path.is_relative_to(purelib), (app, module_path)
        assert not module_path.is_relative_to(REPO_DIR), (app, module_path)
    for entry in result["sys_path"]:
        assert not (entry and Path(entry).resolve().is_relative_to(REPO_DIR)), entry
    for name, found in result["static"].items():
        assert found and Path(found).resolve().is_relative_to(purelib), (name, found)

    debate = result["debate"]
    assert debate["locale"] == "th"
    assert debate["slug"] and debate["slug"].isascii(), debate["slug"]
    assert debate["url"] == f"/th/debates/{debate['slug']}/", debate["url"]
    assert debate["status"] == 200, debate
    assert debate["title_found"], debate
    assert debate["summary_found"], debate

    home = result["home_th"]
    assert home["status"] == 200, home
    assert home["html_lang_th"], home
    assert home["content_language"] == "th", home
    assert home["title_found"], home
    assert home["lists_debate"], home

    assert result["section"]["status"] == 200, result["section"]
    assert result["section"]["lists_debate"], result["section"]
    assert result["search"] == {"url": "/th/search/", "status": 200}

    # A participant signs in, votes and comments through the public URLs; both are
    # stored and shown on the page.
    taking_part = result["participation"]
    assert taking_part["status_before"] == 200, taking_part
    assert taking_part["widgets_shown"], taking_part
    assert taking_part["sign_in"] == {"status": 302, "location": taking_part["profile_url"]}
    assert taking_part["profile_status"] == 200, taking_part
    assert taking_part["vote"]["status"] == 200, taking_part["vote"]
    assert taking_part["vote"]["answer"]["choices"] == {"agree": 1}, taking_part["vote"]
    assert taking_part["comment"] == {"status": 201, "state": "published"}, taking_part
    assert taking_part["stored"]["votes"] == [["w-agree", ["agree"]]], taking_part["stored"]
    [[widget_id, text, state]] = taking_part["stored"]["comments"]
    assert (widget_id, state) == ("w-talk", "published"), taking_part["stored"]
    assert taking_part["status_after"] == 200, taking_part
    assert taking_part["comment_shown"], taking_part
    assert taking_part["vote_counted"], taking_part
    assert result["cookies"] == {"url": "/th/cookies/", "status": 200}

    # Each installed Thai catalogue is found and used by Django in the host.
    installed = {
        Path(path).resolve().relative_to(purelib).as_posix(): counts
        for path, counts in result["catalogues"].items()
    }
    assert set(installed) == {name for name in mo_files if name.endswith("/django.mo")}
    for name, counts in installed.items():
        assert counts["entries"] and counts["used"], (name, counts)
