"""A `kubecanvas validate` process ends without tear-down once its report is written
(`__main__._leave`), holding what it built instead of freeing it (`io.heap.hold_until_exit`):
the whole report still arrives, with the exit status; a validate run in-process holds nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kubecanvas.__main__ import main
from kubecanvas.io import heap

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web-{n}
spec:
  selector: {{app: web-{n}}}
  ports:
  - port: 80
"""


def test_the_whole_report_and_the_status_arrive(tmp_path: Path) -> None:
    # a report larger than a pipe's buffer, so that it is still being written at the end
    (tmp_path / "app.yaml").write_text("---\n".join(SERVICE.format(n=n) for n in range(400)),
                                       encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kubecanvas", "validate", "app.yaml",
                           "--format", "json"], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 65536
    findings = json.loads(done.stdout)["findings"]
    assert sum(f["rule"] == "service.selector.no-match" for f in findings) == 400
    missing = subprocess.run([sys.executable, "-m", "kubecanvas", "validate", "nothing.yaml"],
                             capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert missing.returncode == 2 and "nothing.yaml" in missing.stderr


def test_a_validate_in_process_holds_nothing(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "app.yaml").write_text(SERVICE.format(n=1), encoding="utf-8")
    assert main(["validate", str(tmp_path / "app.yaml"), "--format", "compact"]) == 0
    assert "[service.selector.no-match]" in capsys.readouterr().out
    assert heap._held is None
