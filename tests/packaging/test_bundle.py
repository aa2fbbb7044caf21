"""Build the desktop bundle with PyInstaller and run the bundled binary headless.

Marked slow: about 40 s of build on two cores. It builds into the test's own folder with
`packaging/build.sh`, then runs the bundled `kubecanvas` with `--version`, `validate`, `export`
and `render` (draw.io, Mermaid, and SVG when this checkout's `render` draws images) on the shipped
example, and checks each output. It prints the bundle's size and its start time against
`python -m kubecanvas --version`, measured in the same run (see the -s output or the report).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "shop.yaml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="build.sh is a POSIX shell script"),
]


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON=sys.executable)
    env.pop("KUBECANVAS_DEBUG", None)
    return env


def _run(argv: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=timeout, check=False)


def _start_time(argv: list[str], cwd: Path, runs: int = 5) -> float:
    """Median wall time of `argv` in seconds (after one warm-up run)."""
    _run(argv, cwd)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = _run(argv, cwd)
        times.append(time.perf_counter() - start)
        assert done.returncode == 0, done.stderr
    return statistics.median(times)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None and shutil.which("pip") is None:
        pytest.skip("PyInstaller is not installed and cannot be installed")
    work = tmp_path_factory.mktemp("bundle")
    started = time.perf_counter()
    done = _run(["bash", str(ROOT / "packaging" / "build.sh"), "--dist", str(work / "dist"),
                 "--work", str(work / "build")], ROOT, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"\nbundle build: {time.perf_counter() - started:.0f} s")
    exe = work / "dist" / "kubecanvas" / "kubecanvas"
    assert exe.is_file()
    return exe


def test_bundled_version_and_measurements(bundle: Path, tmp_path: Path) -> None:
    from kubecanvas import __version__

    done = _run([str(bundle), "--version"], tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"kubecanvas {__version__}"
    size = _size(bundle.parent)
    bundled = _start_time([str(bundle), "--version"], tmp_path)
    python = _start_time([sys.executable, "-m", "kubecanvas", "--version"], tmp_path)
    print(f"\nbundle size: {size / 1e6:.0f} MB; start (--version, median of 5): bundled "
          f"{bundled * 1000:.0f} ms, python -m kubecanvas {python * 1000:.0f} ms")
    assert size < 400e6


def test_bundled_validate_export_and_schemas(bundle: Path, tmp_path: Path) -> None:
    done = _run([str(bundle), "validate", str(EXAMPLE)], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n"
                   "  - port: eighty\n", encoding="utf-8")
    done = _run([str(bundle), "validate", str(bad)], tmp_path)
    assert done.returncode == 1 and "schema." in done.stdout, done.stdout + done.stderr
    done = _run([str(bundle), "export", str(EXAMPLE), "-o", str(tmp_path / "out.yaml")], tmp_path)
    assert done.returncode == 0, done.stderr
    exported = [d for d in yaml.safe_load_all((tmp_path / "out.yaml").read_text("utf-8")) if d]
    original = [d for d in yaml.safe_load_all(EXAMPLE.read_text("utf-8")) if d]
    assert sorted(map(str, exported)) == sorted(map(str, original))


def test_bundled_render_diagrams(bundle: Path, tmp_path: Path) -> None:
    done = _run([str(bundle), "render", str(EXAMPLE), "-o", str(tmp_path / "d.drawio")], tmp_path)
    assert done.returncode == 0, done.stderr
    root = ET.parse(tmp_path / "d.drawio").getroot()
    vertices = [c for c in root.iter("mxCell") if c.get("vertex") == "1"]
    assert len(vertices) == 10
    done = _run([str(bundle), "render", str(EXAMPLE), "-o", str(tmp_path / "d.mmd")], tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d.mmd").read_text("utf-8").startswith("flowchart LR\n")


def test_bundled_render_image_when_the_editor_draws_them(bundle: Path, tmp_path: Path) -> None:
    probe = _run([sys.executable, "-m", "kubecanvas", "render", str(EXAMPLE), "-o",
                  str(tmp_path / "probe.svg")], tmp_path)
    if probe.returncode != 0:
        pytest.skip("this checkout's `kubecanvas render` does not draw SVG yet: "
                    + (probe.stderr.strip().splitlines() or ["?"])[-1])
    done = _run([str(bundle), "render", str(EXAMPLE), "-o", str(tmp_path / "d.svg")], tmp_path)
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "d.svg").read_text("utf-8")
    assert "<svg" in svg and "web" in svg
