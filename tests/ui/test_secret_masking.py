"""Secret values never show on screen or in pictures unless the user asks: not on the canvas, not
in the inspector or the YAML dock until revealed, not in image exports. (Exports of YAML keep them exactly: see
tests/io/test_secret_roundtrip.py.)"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit
from tests.model.factories import deployment

from kubecanvas.model.resource import Resource
from kubecanvas.ui.canvas.export_image import export_image
from kubecanvas.ui.canvas.svg_painter import SvgPainter

PLAIN = "hunter2-XYZZY"
ENCODED = base64.b64encode(PLAIN.encode()).decode()
TOKEN = "tok-PLUGH-42"
VALUES = (PLAIN, ENCODED, TOKEN)


def secret() -> Resource:
    return Resource({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db-creds"},
                     "type": "Opaque", "data": {"password": ENCODED},
                     "stringData": {"token": TOKEN}}, position=(0.0, 0.0))


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text our items draw from now on (they draw with QPainter.drawText, or into an SVG
    with SvgPainter.drawText)."""
    texts: list[str] = []
    for painter_type in (QPainter, SvgPainter):
        original = painter_type.drawText

        def record(painter: object, *args: object, _original=original) -> object:
            texts.extend(str(a) for a in args if isinstance(a, str))
            return _original(painter, *args)

        monkeypatch.setattr(painter_type, "drawText", record)
    return texts


def _leaks(texts: list[str]) -> list[str]:
    return [text for text in texts if any(value in text for value in VALUES)]


def test_the_canvas_never_draws_secret_values(make_window, drawn: list[str]) -> None:
    window = make_window([secret(), deployment("web")])
    image = QImage(1200, 800, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    # the content (the scene's rectangle has room around it: drawn whole, the cards are tiles)
    window.scene.render(painter, QRectF(image.rect()), window.scene.itemsBoundingRect())
    painter.end()
    assert any("db-creds" in text for text in drawn)  # the recording works: this can fail
    assert not _leaks(drawn)
    for item in window.scene.items():
        assert not any(value in item.toolTip() for value in VALUES)


def _visible_texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    texts = []
    for line in widget.findChildren(QLineEdit):
        if line.isVisibleTo(widget):
            texts.append(line.displayText())
    for edit in widget.findChildren(QPlainTextEdit):
        if edit.isVisibleTo(widget):
            texts.append(edit.toPlainText())
    for label in widget.findChildren(QLabel):
        if label.isVisibleTo(widget):
            texts.append(label.text())
    return texts


def test_the_inspector_hides_values_until_revealed(make_window) -> None:
    res = secret()
    window = make_window([res])
    window.scene.select_ids([res.id])
    QApplication.processEvents()
    inspector = window.inspector
    assert inspector.rid == res.id
    shown = "\n".join(_visible_texts(inspector))
    assert "db-creds" in shown
    for value in VALUES:
        assert value not in shown, value
    assert inspector.reveal_button.isVisibleTo(inspector)
    inspector.reveal_button.click()
    QApplication.processEvents()
    revealed = "\n".join(_visible_texts(inspector))
    assert TOKEN in revealed and (ENCODED in revealed or PLAIN in revealed)


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_image_exports_do_not_contain_values(make_window, drawn: list[str], tmp_path: Path,
                                             suffix: str) -> None:
    window = make_window([secret(), deployment("web")])
    drawn.clear()
    path = export_image(window.scene, tmp_path / f"diagram{suffix}")
    assert any("db-creds" in text for text in drawn)
    assert not _leaks(drawn)
    data = path.read_bytes()
    for value in VALUES:
        assert value.encode() not in data, value


def test_the_yaml_dock_hides_values_of_a_selected_secret(make_window) -> None:
    res = secret()
    window = make_window([res])
    window.yaml_panel.show()
    window.scene.select_ids([res.id])
    QApplication.processEvents()
    window.yaml_panel.refresh(force=True)
    text = window.yaml_panel.text.toPlainText()
    assert "db-creds" in text
    for value in VALUES:
        assert value not in text, value
    window.yaml_panel.reveal.setChecked(True)  # asked for: shown exactly
    window.yaml_panel.refresh(force=True)
    text = window.yaml_panel.text.toPlainText()
    assert ENCODED in text and TOKEN in text  # as exported: data stays base64
