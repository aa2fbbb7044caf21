"""Two builds at once take turns on `build/venv` (the suite's workers may each build a bundle;
running pip on one environment from two processes broke it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="build.sh is a POSIX shell script"),
    pytest.mark.skipif(shutil.which("flock") is None, reason="flock (util-linux) is missing"),
]

#: A stand-in Python for build.sh: it answers the version check with 3.11, and when asked to
#: make the build environment it notes when it started and ended, sleeping between, then fails
#: (which ends that build: the steps after it are not this test's business).
FAKE_PYTHON = """#!/bin/sh
if [ "$1" = "-c" ]; then echo 3.11; exit 0; fi
echo "start $$" >> "$LOG"
sleep 0.5
echo "end $$" >> "$LOG"
exit 1
"""


def test_concurrent_builds_make_the_build_environment_one_at_a_time(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    (root / "packaging").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "build.sh", root / "packaging" / "build.sh")
    fake = tmp_path / "python3.11"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    log = tmp_path / "log"
    env = {"PATH": "/usr/bin:/bin", "PYTHON": str(fake), "LOG": str(log)}
    builds = [subprocess.Popen(["bash", str(root / "packaging" / "build.sh")], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for _ in range(2)]
    assert [build.wait(timeout=60) for build in builds] == [1, 1]
    events = [line.split()[0] for line in log.read_text().splitlines()]
    assert events == ["start", "end", "start", "end"]  # never two inside at once
