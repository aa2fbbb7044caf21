"""A small application's `render` is mostly start-up: what the process does besides drawing.

Each test runs a render in a fresh process (what is loaded, and what happens at its end, is the
point) and asserts the picture was written too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from kubecanvas.ui.commands.design_files import EXAMPLE


def _run(code: str, cwd: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_render_makes_no_collector_pass_and_freezes_what_is_alive_at_exit(
        tmp_path: Path) -> None:
    """As a command does (`__main__._one_run`): Python's last full pass over Qt's modules and
    types cost a small render 30 ms of its 0.4 s, and a pass over everything the render made,
    on the first allocation after it, 8 ms more."""
    out = tmp_path / "d.png"
    code = f"""
        import atexit, gc
        # registered first, so it runs last: after the launcher's own exit handler
        atexit.register(lambda: print(gc.get_freeze_count() > 0))
        from kubecanvas.__main__ import main
        passes = []
        gc.callbacks.append(lambda phase, info: passes.append(info) if phase == "stop" else None)
        code = main(["render", {str(EXAMPLE)!r}, "-o", {str(out)!r}])
        gc.callbacks.clear()
        # what the render made is no longer counted as new: the next allocation walks none of it
        print(code, len(passes), gc.isenabled(), gc.get_count()[0] < gc.get_threshold()[0])
    """
    # written, with no pass during the render, the collector on again with nothing pending,
    # and frozen at exit
    assert _run(code, tmp_path) == ["0", "0", "True", "True", "True"]
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_a_png_render_loads_only_what_it_draws_with(tmp_path: Path) -> None:
    """KubeCanvas modules only the editor or another format needs stay unloaded: each was
    milliseconds of a small render's start (`render_cli.QT_FREE`). Only our own modules are
    named: whether PySide, PyYAML or the standard library load `json` or create a Qt type
    early is theirs to change."""
    out = tmp_path / "d.png"
    code = f"""
        import sys
        from kubecanvas.__main__ import main
        code = main(["render", {str(EXAMPLE)!r}, "-o", {str(out)!r}])
        names = ("kubecanvas.ui.canvas.export_svg", "kubecanvas.ui.canvas.svg_direct",
                 # the editor's gestures (`ui/canvas/gestures.py`)
                 "kubecanvas.ui.canvas.gestures", "kubecanvas.ui.canvas.drag",
                 "kubecanvas.ui.canvas.route_slices", "kubecanvas.ui.canvas.wiring",
                 "kubecanvas.ui.canvas.scene_update", "kubecanvas.model.connect",
                 "kubecanvas.model.rewiring")
        print(code, ",".join(name for name in names if name in sys.modules) or "none")
    """
    assert _run(code, tmp_path) == ["0", "none"]
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_a_render_process_ends_without_tearing_down(tmp_path: Path) -> None:
    """The launcher ends a `render` process itself once the picture is written (`_leave`):
    the interpreter's and Qt's tear-down of everything the render made cost 6 ms of a small
    one's 0.19 s. The streams are flushed first and the exit status is the render's."""
    out = tmp_path / "d.png"
    code = f"""
        import atexit, sys
        atexit.register(lambda: print("torn down"))
        from kubecanvas.__main__ import main
        print("rendering", flush=False)  # left in the buffer: the launcher flushes it
        sys.argv = ["kubecanvas", "render", {str(EXAMPLE)!r}, "-o", {str(out)!r}]
        main()
        print("returned")
    """
    assert _run(code, tmp_path) == ["rendering"]
    assert out.read_bytes()[:4] == b"\x89PNG"
    missing = subprocess.run([sys.executable, "-m", "kubecanvas", "render", "nowhere.yaml",
                              "-o", "x.png"], capture_output=True, text=True, timeout=120,
                             cwd=tmp_path, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr


def test_a_render_imports_its_qt_free_modules_before_pyside(tmp_path: Path) -> None:
    """Once PySide is loaded, its import hook reads the source of every module imported after
    it (to see whether it uses PySide): the model and io modules a render uses are imported
    first (`render_cli.QT_FREE`), so only the canvas's own modules pay for that."""
    out = tmp_path / "d.png"
    code = f"""
        import sys
        from kubecanvas.__main__ import main
        code = main(["render", {str(EXAMPLE)!r}, "-o", {str(out)!r}])
        names = list(sys.modules)
        late = names[names.index("PySide6.QtCore"):]
        print(code, ",".join(n for n in late if n.startswith(("kubecanvas.model",
                                                              "kubecanvas.io"))) or "none")
    """
    assert _run(code, tmp_path) == ["0", "none"]
    assert out.read_bytes()[:4] == b"\x89PNG"
