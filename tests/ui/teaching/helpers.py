"""Small helpers shared by the teaching UI tests."""

from __future__ import annotations

from kubecanvas.teaching import load_lessons
from kubecanvas.ui.window.main_window import MainWindow

LESSONS = {lesson.id: lesson for lesson in load_lessons()}


def rid(window: MainWindow, kind: str, name: str) -> str:
    """The id of the resource `kind/name` in the window's design."""
    assert window.session is not None
    return next(r.id for r in window.session.document.by_kind(kind) if r.name == name)


def select(window: MainWindow, kind: str, name: str) -> str:
    assert window.scene is not None
    ident = rid(window, kind, name)
    window.scene.select_ids([ident])
    return ident
