"""The running editor names its desktop file (Wayland matches windows to launchers by it) and
shows the application icon, not a kind's icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

from kubecanvas.ui.canvas.icons import kind_icon
from kubecanvas.ui.window.identity import APP_ID, app_icon, apply_identity, icon_path

ROOT = Path(__file__).resolve().parents[2]


def test_identity_names_the_desktop_file_and_sets_the_icon(qapp) -> None:
    before = (qapp.desktopFileName(), qapp.applicationName(), qapp.windowIcon())
    try:
        apply_identity(qapp)
        assert QGuiApplication.desktopFileName() == APP_ID
        assert (ROOT / "packaging" / f"{APP_ID}.desktop").is_file()
        assert qapp.windowIcon().cacheKey() == app_icon().cacheKey()
    finally:
        qapp.setDesktopFileName(before[0])
        qapp.setApplicationName(before[1])
        qapp.setWindowIcon(before[2])


def test_window_icon_is_the_application_icon(make_window) -> None:
    window = make_window()
    icon = window.windowIcon()
    assert not icon.isNull() and icon.cacheKey() == app_icon().cacheKey()
    assert icon.pixmap(32).toImage() != kind_icon("Deployment").pixmap(32).toImage()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}


def test_packaged_icon_is_the_launcher_icon() -> None:
    assert Path(icon_path()).read_bytes() == \
        (ROOT / "packaging" / "icons" / "kubecanvas.svg").read_bytes()
