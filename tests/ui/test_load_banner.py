"""An inherited folder with a broken file: no modal box, a bar over the canvas whose Show goes to
the problem in the Problems panel, and a close button; a clean design shows no bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox

GOOD = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n"
BROKEN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n data: x\n"


def test_banner_show_and_close(make_window, qtbot, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, "utf-8")
    (tmp_path / "bad.yaml").write_text(BROKEN, "utf-8")
    window = make_window()
    window.problems.hide()
    assert window.open_paths([tmp_path])
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    banner = window.load_banner
    assert banner.isVisible() and banner.geometry().top() == 0
    assert banner.width() == window.view.width()
    assert "bad.yaml:5:2" in banner.full_text and "bad.yaml:5:2" in banner.label.toolTip()
    shown = banner.label.text()
    assert shown == banner.full_text or shown.endswith("…")
    assert banner.label.fontMetrics().horizontalAdvance(shown) <= banner.label.width()
    qtbot.mouseClick(banner.show_button, Qt.MouseButton.LeftButton)
    problems = window.problems
    assert problems.isVisible()
    current = problems.finding_at(problems.tree.currentItem())
    assert current is not None and current.rule == "load.problem"
    assert "bad.yaml:5:2" in str(current.message)
    assert problems.summary.text().startswith("1 error")
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert window.open_paths([tmp_path])  # again: the bar comes back
    assert banner.isVisible()
    window.files.new()  # a new design has no load problems
    assert not banner.isVisible()
    assert not any(f.rule == "load.problem" for f in problems.findings)
    assert isinstance(problems, QDockWidget)


def test_no_banner_for_a_clean_folder(make_window, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, "utf-8")
    window = make_window()
    assert window.open_paths([tmp_path])
    assert not window.load_banner.isVisible()
    assert not any(f.rule == "load.problem" for f in window.problems.findings)
