"""`kubecanvas` refuses what the editor cannot do in one line and exit 2: an option it does not
know, and a session without a display (where Qt would abort with exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kubecanvas.cli.editor as launcher


def _kubecanvas(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "KUBECANVAS_DEBUG")}
    return subprocess.run([sys.executable, "-m", "kubecanvas", *args], cwd=cwd,
                          env={**clean, **env}, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland sessions")
def test_no_display_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _kubecanvas([], tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("kubecanvas: error: no display")


def test_unknown_option_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _kubecanvas(["--verbose"], tmp_path, QT_QPA_PLATFORM="offscreen")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--verbose" in done.stderr


@pytest.mark.parametrize(("args", "env", "refused"), [
    (["shop.yaml"], {"DISPLAY": ":0"}, False),
    (["shop.yaml"], {"WAYLAND_DISPLAY": "wayland-0"}, False),
    (["shop.yaml"], {}, True),
    ([], {"QT_QPA_PLATFORM": "offscreen"}, False),
    ([], {"QT_QPA_PLATFORM": "xcb"}, True),
    ([], {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, True),
    (["-x"], {"DISPLAY": ":0"}, True),
    (["--", "-odd-name.yaml"], {"DISPLAY": ":0"}, False),
])
def test_refusals(args: list[str], env: dict[str, str], refused: bool) -> None:
    assert (launcher.editor_refusal(args, env, "linux") is not None) is refused


def test_other_platforms_need_no_display_variable() -> None:
    assert launcher.editor_refusal([], {}, "darwin") is None
    assert launcher.editor_refusal([], {}, "win32") is None
