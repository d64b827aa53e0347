"""The app as a user installs it: a wheel built from this tree, installed into a fresh
venv, run from outside the checkout; and the desktop files that describe it.

The wheel test keeps to ~15 s: the fresh venv gets no copies of the dependencies but a
.pth line pointing at the project venv's site-packages (where they already are), and the
wheel goes in with ``--no-deps``. ``longform_desktop`` itself must come from the wheel,
which the test asserts from ``__file__``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from longform_desktop import resources
from longform_desktop.core.catalog import load_catalog

from .conftest import CONTENT, REPO

PACKAGING = REPO / "packaging"
APP_ID = "io.github.longform.Desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
DESKTOP_FILE = PACKAGING / "longform-desktop.desktop"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))

#: What the build reads from the tree (pyproject.toml's wheel and sdist selections).
BUILD_INPUTS = ["pyproject.toml", "README.md", ".gitignore", "src", "content", "resources"]


def _run(args: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs
    )


class Installed:
    """A venv with only the wheel installed in it, and how to run its commands."""

    def __init__(self, root: Path, wheel: Path, site_packages: Path) -> None:
        self.root = root
        self.wheel = wheel
        self.site_packages = site_packages
        self.python = root / "venv" / "bin" / "python"

    def run(self, cwd: Path, *args: str, env: dict[str, str] | None = None):
        return _run([self.root / "venv" / "bin" / args[0], *args[1:]], cwd=cwd, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel-install")
    # Build from a copy: a build in the shared working tree would race other people's runs
    # (pip writes build/ and *.egg-info into the source folder).
    source = root / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in BUILD_INPUTS:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=ignore)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(src, source / name)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", root / "dist", source])
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (root / "dist").glob("longform_desktop-*.whl")

    venv = root / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    where = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    site_packages = Path(where.stdout.strip())
    # The dependencies, already installed for the tests; after the venv's own
    # site-packages on sys.path, so the wheel's longform_desktop is the one imported.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "zz_project_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    added = _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel]
    )
    assert added.returncode == 0, added.stdout + added.stderr
    return Installed(root, wheel, site_packages)


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory away from the checkout, with no content override."""
    monkeypatch.delenv("LONGFORM_CONTENT_DIR")
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        monkeypatch.delenv(name, raising=False)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    return cwd


def test_the_wheel_ships_every_module_the_content_and_the_resources(installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    # The copy the wheel was built from: the working tree may have changed since.
    source = installed.root / "source"
    package = source / "src" / "longform_desktop"
    modules = {
        "longform_desktop/" + p.relative_to(package).as_posix() for p in package.rglob("*.py")
    }
    assert modules - names == set()
    shipped = {
        f"longform_desktop/_bundled/{top}/{p.relative_to(source / top).as_posix()}"
        for top in ("content", "resources")
        for p in (source / top).rglob("*")
        if p.is_file()
    }
    assert shipped - names == set()
    assert any(name.startswith("longform_desktop/_bundled/resources/icons/") for name in names)


def test_the_installed_app_is_imported_from_the_wheel(installed, outside: Path) -> None:
    code = (
        "import longform_desktop, longform_desktop.resources as r, longform_desktop.paths as p; "
        "print(longform_desktop.__file__); print(r.resources_dir()); print(p.content_dir()); "
        "print(len(r.icon_files()))"
    )
    out = _run([installed.python, "-c", code], cwd=outside)
    assert out.returncode == 0, out.stderr
    package_file, resources_dir, content_dir, icons = out.stdout.split("\n")[:4]
    package = installed.site_packages / "longform_desktop"
    assert Path(package_file) == package / "__init__.py"
    assert Path(resources_dir) == package / "_bundled" / "resources"
    assert Path(content_dir) == package / "_bundled" / "content"
    assert int(icons) == len(resources.ICON_SIZES)


def test_catalog_from_outside_the_checkout_lists_every_deep_dive(installed, outside) -> None:
    expected = load_catalog(CONTENT)
    plain = installed.run(outside, "longform", "catalog")
    assert plain.returncode == 0, plain.stderr
    for section in expected.sections:
        assert section.title in plain.stdout
    for article in expected.articles:
        assert article.title in plain.stdout

    as_json = installed.run(outside, "longform", "catalog", "--json")
    assert as_json.returncode == 0, as_json.stderr
    payload = json.loads(as_json.stdout)
    slugs = [a["slug"] for s in payload["sections"] for a in s["articles"]]
    assert sorted(slugs) == sorted(a.slug for a in expected.articles)
    assert sum(a["written"] for s in payload["sections"] for a in s["articles"]) == sum(
        a.is_written for a in expected.articles
    )


def test_search_from_outside_the_checkout_finds_the_deep_dives(installed, outside) -> None:
    found = installed.run(outside, "longform", "search", "write skew", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert hits, found.stdout
    slugs = {a.slug for a in load_catalog(CONTENT).articles}
    assert {hit["article"]["slug"] for hit in hits} <= slugs
    assert any("skew" in hit["snippet"].lower() for hit in hits)


def test_an_install_without_its_content_says_where_it_looked(installed, outside) -> None:
    bundled = installed.site_packages / "longform_desktop" / "_bundled" / "content"
    aside = bundled.with_name("content-aside")
    bundled.rename(aside)
    try:
        failed = installed.run(outside, "longform", "catalog")
    finally:
        aside.rename(bundled)
    assert failed.returncode == 2
    assert f"no deep dives found: looked in {bundled} (does not exist)" in failed.stderr
    assert "Traceback" not in failed.stderr and failed.stderr.count("\n") == 1


# --- the desktop entry and the AppStream metainfo -------------------------------------


def _metainfo() -> ElementTree.Element:
    return ElementTree.parse(METAINFO).getroot()


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP_FILE.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def test_desktop_entry_and_metainfo_name_the_shipped_icon_and_each_other() -> None:
    entry = _desktop_entry()
    assert entry["Icon"] == resources.ICON_NAME
    assert entry["Exec"].split()[0] in {*PYPROJECT["project"]["gui-scripts"]}
    root = _metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    icons = {icon.get("type"): icon.text for icon in root.iter("icon")}
    assert icons.get("stock") == resources.ICON_NAME


def test_metainfo_release_is_the_project_version() -> None:
    releases = [r.get("version") for r in _metainfo().iter("release")]
    assert releases, "the metainfo needs a <release> entry"
    assert releases[0] == PYPROJECT["project"]["version"]


def test_metainfo_screenshots_are_committed_files_at_the_repository_address() -> None:
    repository = PYPROJECT["project"]["urls"]["Repository"]
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", repository)
    assert match, repository
    raw = f"https://raw.githubusercontent.com/{match[1]}/{match[2]}/main/"
    images = [image.text or "" for image in _metainfo().iter("image")]
    assert images
    for url in images:
        assert url.startswith(raw), url
        assert (REPO / url.removeprefix(raw)).is_file(), url
    urls = {u.get("type"): u.text for u in _metainfo().iter("url")}
    assert urls.get("homepage") == PYPROJECT["project"]["urls"]["Homepage"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: sh scripts/system-deps.sh test)")
    return path


def test_metainfo_validates() -> None:
    out = _run([_tool("appstreamcli"), "validate", "--no-net", "--explain", METAINFO])
    assert out.returncode == 0, out.stdout + out.stderr
    # Warnings fail too (exit code 0 allows them): stores reject or demote such entries.
    assert not re.search(r"^W:", out.stdout, re.MULTILINE), out.stdout


def test_desktop_entry_validates() -> None:
    out = _run([_tool("desktop-file-validate"), DESKTOP_FILE])
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "", out.stdout  # hints and warnings too


@pytest.mark.parametrize("table", ["scripts", "gui-scripts"])
def test_every_entry_point_names_a_function_that_exists(table: str) -> None:
    import importlib

    for name, target in PYPROJECT["project"][table].items():
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), name
