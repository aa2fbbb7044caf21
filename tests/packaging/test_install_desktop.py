"""packaging/install-desktop.sh against a fresh account: every folder made, every file where the
desktop looks for it, and an uninstall that leaves nothing of ours behind."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
SCRIPT = PACKAGING / "install-desktop.sh"
APP_ID = "io.github.kubecanvas.KubeCanvas"
MIME = "application/x-kubecanvas-project"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                          env=clean, timeout=120)


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_user_install_into_a_fresh_home_puts_every_file_where_the_desktop_looks(
        tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = _run(home, "--user")
    assert done.returncode == 0, done.stderr
    share = home / ".local" / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert desktop.is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    hicolor = share / "icons" / "hicolor"
    for size in (16, 32, 48, 128, 256, 512):
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert not any(p.suffix == ".png" for p in (share / "icons").iterdir()), \
        "icons must land inside hicolor, not beside it"
    if shutil.which("update-mime-database"):
        assert MIME in (share / "mime" / "globs2").read_text(encoding="utf-8")


def test_uninstall_removes_what_the_install_added(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".local" / "share" / "applications").mkdir(parents=True)
    other = home / ".local" / "share" / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\nName=Other\n", encoding="utf-8")
    assert _run(home, "--user").returncode == 0
    done = _run(home, "--user", "--uninstall")
    assert done.returncode == 0, done.stderr
    left = _files(home)
    assert not [f for f in left if APP_ID in f], left
    assert other.is_file()


def test_bundle_is_installed_and_put_on_path(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "kubecanvas"
    bundle.mkdir(parents=True)
    program = bundle / "kubecanvas"
    program.write_text("#!/bin/sh\necho bundled\n", encoding="utf-8")
    program.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    assert _run(home, "--bundle", str(bundle)).returncode == 0
    link = home / ".local" / "bin" / "kubecanvas"
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout == "bundled\n"
    assert _run(home, "--uninstall").returncode == 0
    assert not link.exists() and not (home / ".local" / "opt" / "kubecanvas").exists()


def test_system_install_honours_prefix(tmp_path: Path) -> None:
    prefix = tmp_path / "usr-local"
    done = _run(tmp_path, "--system", PREFIX=str(prefix))
    assert done.returncode == 0, done.stderr
    assert (prefix / "share" / "applications" / f"{APP_ID}.desktop").is_file()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()


def test_unknown_option_is_refused_with_one_line(tmp_path: Path) -> None:
    done = _run(tmp_path, "--everyone")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--everyone" in done.stderr


def test_desktop_file_claims_the_project_type_and_not_yaml() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    types = [t for t in parser["Desktop Entry"]["MimeType"].split(";") if t]
    assert types == [MIME]


def test_icns_holds_every_macos_size() -> None:
    data = (PACKAGING / "icons" / "kubecanvas.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    codes, offset = [], 8
    while offset < len(data):
        code, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        assert data[offset + 8:offset + 16] == b"\x89PNG\r\n\x1a\n"
        codes.append(code.decode())
        offset += length
    assert offset == len(data)
    assert {"icp4", "icp5", "ic07", "ic08", "ic09", "ic10"} <= set(codes)
