"""Packaging regressions: the PySide6 pin that keeps Python 3.11 off the broken 6.12.0 build.

PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error: none_dealloc") after
some thousands of calls to void methods such as `QGraphicsItem.setPos`, which an editor makes on
every drag. The declared requirement must keep 3.11 on 6.11.x, and the installed build must survive
a long run of such calls.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _pyside_requirements() -> list[Requirement]:
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    reqs = [Requirement(text) for text in data["project"]["dependencies"]]
    return [r for r in reqs if r.name.lower() == "pyside6-essentials"]


def _applicable(python: str) -> list[Requirement]:
    env = {"python_version": python, "python_full_version": f"{python}.0"}
    return [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate(env)]


def test_python_311_cannot_get_pyside_6_12_0() -> None:
    reqs = _applicable("3.11")
    assert reqs, "no PySide6-Essentials requirement applies to Python 3.11"
    for req in reqs:
        assert not req.specifier.contains(Version("6.12.0"), prereleases=True), str(req)
        assert not req.specifier.contains(Version("6.12.1"), prereleases=True), str(req)
        assert req.specifier.contains(Version("6.11.3")), str(req)


def test_newer_pythons_still_get_a_pyside_requirement() -> None:
    for python in ("3.12", "3.13"):
        reqs = _applicable(python)
        assert len(reqs) == 1, f"Python {python} should get exactly one PySide6 requirement"
        assert reqs[0].specifier.contains(Version("6.12.0"))


_SET_POS_LOOP = textwrap.dedent("""
    from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
    app = QApplication([])
    scene = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 180, 72)
    scene.addItem(item)
    for i in range(20000):
        item.setPos(i % 500, i % 300)
        item.setZValue(i % 7)
    assert item.pos().x() == 19999 % 500
    print("survived", flush=True)
""")


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    if importlib.util.find_spec("PySide6") is None:
        pytest.skip("PySide6 is not installed")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", _SET_POS_LOOP], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    assert "survived" in proc.stdout
    assert "none_dealloc" not in proc.stderr
