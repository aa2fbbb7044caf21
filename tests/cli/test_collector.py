"""A command runs with the cyclic collector paused, and gives it back as it was."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

APP = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
"""


def test_a_validate_makes_no_collector_pass_and_leaves_it_enabled(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    code = textwrap.dedent("""
        import contextlib, gc, io
        from kubecanvas.__main__ import main
        passes = []
        gc.callbacks.append(lambda phase, info: passes.append(info) if phase == "stop" else None)
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            code = main(["validate", "app.yaml", "--format", "compact"])
        gc.callbacks.clear()
        print(code, len(passes), gc.isenabled(),
              "[service.selector.no-match]" in report.getvalue())
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # the run did its work (a warning, exit 0), with no pass, and the collector is on again
    assert done.stdout.split() == ["0", "0", "True", "True"]
