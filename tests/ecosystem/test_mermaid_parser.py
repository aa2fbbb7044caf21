"""The Mermaid output parsed by Mermaid's own parser (the one GitHub renders with).

Marked slow: the first run installs the `mermaid` and `jsdom` npm packages into a cache folder
(~/.cache/kubecanvas-tests/mermaid, reused afterwards); skipped when Node.js or npm is missing or
the npm registry cannot be reached.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kubecanvas.io.mermaid import to_mermaid
from kubecanvas.io.yaml_in import load_paths, load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[1] / "resources" / "examples" / "shop.yaml"
CACHE = Path.home() / ".cache" / "kubecanvas-tests" / "mermaid"

pytestmark = pytest.mark.slow

AWKWARD = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: end, namespace: subgraph}
spec:
  rules:
  - host: 'a.example.com'
    http:
      paths:
      - {path: '/x"y', pathType: Prefix, backend: {service: {name: graph, port: {number: 80}}}}
      - {path: '/{a}[b](c)|d#e;f', pathType: Prefix, backend: {service: {name: graph, port: {name: '--> x'}}}}
      - {path: '/`tick`<b>', pathType: Prefix, backend: {service: {name: click.me, port: {number: 1}}}}
---
apiVersion: v1
kind: Service
metadata: {name: graph, namespace: subgraph}
spec: {selector: {app: "a"}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: 0-start, namespace: "class"}
spec: {ports: [{port: 80}]}
"""


@pytest.fixture(scope="module")
def parser_dir() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js or npm is not installed")
    if not (CACHE / "node_modules" / "mermaid").is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                               "--prefix", str(CACHE), "mermaid@11", "jsdom@25"],
                              capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot install mermaid from npm: {done.stderr.strip()[-300:]}")
    shutil.copy(HERE / "mermaid_parse.mjs", CACHE / "mermaid_parse.mjs")
    return CACHE


def _parse(parser_dir: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(parser_dir / "mermaid_parse.mjs"), *map(str, files)],
                          cwd=parser_dir, capture_output=True, text=True, timeout=120,
                          check=False)


def _write(tmp_path: Path, name: str, document: Document) -> Path:
    path = tmp_path / name
    path.write_text(to_mermaid(document, WiringGraph(document, subscribe=False)),
                    encoding="utf-8")
    return path


def test_mermaid_parser_accepts_our_output(parser_dir: Path, tmp_path: Path) -> None:
    files = [HERE / "golden" / "small.mmd",
             _write(tmp_path, "shop.mmd", Document(load_paths([EXAMPLE]).resources)),
             _write(tmp_path, "awkward.mmd", Document(load_text(AWKWARD, "a.yaml").resources))]
    done = _parse(parser_dir, files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("OK ") == 3


def test_mermaid_parser_is_strict_enough_to_catch_a_bad_label(parser_dir: Path,
                                                              tmp_path: Path) -> None:
    bad = tmp_path / "bad.mmd"
    bad.write_text('flowchart LR\n  a["x"y"] --> b\n', encoding="utf-8")
    done = _parse(parser_dir, [bad])
    assert done.returncode == 1 and "FAIL" in done.stdout
