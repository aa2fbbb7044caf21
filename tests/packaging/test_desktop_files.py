"""The desktop integration files: well-formed, consistent with each other, icons at every size."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
APP_ID = "io.github.kubecanvas.KubeCanvas"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME = "application/x-kubecanvas-project"


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_files_with_the_kubecanvas_command() -> None:
    entry = _desktop()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "kubecanvas %F"
    assert entry["Icon"] == APP_ID
    assert MIME in entry["MimeType"].split(";")
    assert entry["Categories"].endswith(";") and entry["MimeType"].endswith(";")


def test_mime_type_registers_the_project_suffix() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "kubecanvas-mime.xml").getroot()
    mime = root.find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == MIME
    glob = mime.find("m:glob", ns)
    assert glob is not None and glob.get("pattern") == "*.kcanvas"


def test_mime_magic_matches_a_real_project_file(tmp_path: Path) -> None:
    from kubecanvas.io.project import save_project
    from kubecanvas.model.document import Document

    save_project(Document(), tmp_path / "a.kcanvas")
    head = (tmp_path / "a.kcanvas").read_bytes()[:256]
    assert b'"kubecanvas-project"' in head


def test_metainfo_names_the_desktop_file_and_mime_type() -> None:
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/mediatype") == MIME
    assert root.findtext("provides/binary") == "kubecanvas"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_metainfo_passes_appstreamcli() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net",
                           str(PACKAGING / f"{APP_ID}.metainfo.xml")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed")
def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_at_each_size(size: int) -> None:
    data = (PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png") \
        .read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (size, size)


def test_spec_and_build_script_use_no_fixed_paths() -> None:
    spec = (PACKAGING / "kubecanvas.spec").read_text(encoding="utf-8")
    assert "/root" not in spec and "/usr" not in spec and "site-packages" not in spec
    assert "SPECPATH" in spec and "COLLECT(" in spec
    script = PACKAGING / "build.sh"
    assert script.stat().st_mode & 0o111, "build.sh must be executable"


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="shared-mime-info not installed")
def test_mime_database_accepts_the_type(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(PACKAGING / "kubecanvas-mime.xml", packages)
    done = subprocess.run(["update-mime-database", str(tmp_path / "mime")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "mime" / "application" / "x-kubecanvas-project.xml").is_file()
    assert "application/x-kubecanvas-project" in (tmp_path / "mime" / "globs2").read_text()
