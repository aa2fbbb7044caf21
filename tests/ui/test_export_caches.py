"""A picture is drawn with every item cache off (a cached card in a PDF or SVG would be a blurred
bitmap), and the editor's caches are as they were afterwards. The SVG writer takes the items'
drawing calls themselves and asks for no cache; only Qt's painters (PNG, PDF, and the SVG
generator an item the writer cannot copy falls back to) turn them off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from kubecanvas.ui.canvas import export_image as export_module
from kubecanvas.ui.canvas.export_image import export_image
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.commands.design_files import EXAMPLE

_NONE = QGraphicsItem.CacheMode.NoCache


def _editor_scene() -> CanvasScene:
    design = design_files.read_design([EXAMPLE])
    return CanvasScene(design.document, design.graph)


def _modes(scene: CanvasScene) -> list[QGraphicsItem.CacheMode]:
    return [item.cacheMode() for item in scene.items()]


@pytest.mark.parametrize("suffix", [".png", ".pdf", ".svg", "qt.svg"])
def test_caches_are_off_while_qt_paints_and_back_after(qtbot, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       suffix: str) -> None:
    scene = _editor_scene()
    if suffix == "qt.svg":  # an item the writer does not copy: Qt's generator draws it all
        rotated = QGraphicsRectItem(QRectF(0, 0, 40, 20))
        rotated.setRotation(30)
        scene.addItem(rotated)
    before = _modes(scene)
    assert any(mode != _NONE for mode in before)  # the editor caches its cards
    seen: list[list[QGraphicsItem.CacheMode]] = []
    painter = {".png": "_png", ".pdf": "_pdf", ".svg": "_svg", "qt.svg": "_qt_svg"}[suffix]
    drawn = getattr(export_module, painter)

    def drawing(*args: object, **kwargs: object) -> None:
        seen.append(_modes(scene))
        drawn(*args, **kwargs)

    monkeypatch.setattr(export_module, painter, drawing)
    export_image(scene, tmp_path / f"d{suffix.replace('qt', '')}")
    assert seen
    if suffix == ".svg":  # the writer asks no cache: none was touched
        assert seen[0] == before
    else:
        assert all(mode == _NONE for mode in seen[0])
    assert _modes(scene) == before
