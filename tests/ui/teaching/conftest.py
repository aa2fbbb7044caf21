"""A main window with teaching mode installed, back in English after every test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from kubecanvas.ui.teaching import TeachingController, i18n, install_teaching
from kubecanvas.ui.window.main_window import MainWindow

from .helpers import LESSONS


@pytest.fixture
def teaching(make_window, qtbot) -> Iterator[Callable[[str | None], tuple[MainWindow, TeachingController]]]:
    """`teaching(lesson_id)`: a window with teaching installed and that lesson open (or none)."""

    def make(lesson_id: str | None = None) -> tuple[MainWindow, TeachingController]:
        window = make_window()
        controller = install_teaching(window)
        qtbot.waitUntil(controller.happens_panel.isVisible)  # new docks show on the next loop
        if lesson_id is not None:
            assert controller.open_lesson(LESSONS[lesson_id])
        return window, controller

    yield make
    i18n.set_language("en")
    i18n.MISSING.clear()

