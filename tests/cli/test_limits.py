"""`--limit`: the reading limits that guard against hostile input, raised for trusted input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kubecanvas.cli.main import main

CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: v\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def configmaps(path: Path, count: int) -> Path:
    path.write_text("---\n".join(CONFIGMAP.format(name=f"c{n}") for n in range(count)),
                    encoding="utf-8")
    return path


def test_a_limit_can_be_lowered_and_raised(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = configmaps(tmp_path / "cms.yaml", 40)
    code, out, _ = run(capsys, "validate", source, "--format", "json",
                       "--limit", "file-bytes=1Ki")
    assert code == 1
    [problem] = [f for f in json.loads(out)["findings"] if f["rule"] == "yaml.parse"]
    assert "larger than the 1,024 bytes" in problem["message"]
    code, out, _ = run(capsys, "validate", source, "--format", "json",
                       "--limit", "total-bytes=10k", "--limit", "file-bytes=1Ki",
                       "--limit", "file-bytes=1M")
    findings = json.loads(out)["findings"]
    assert code == 1 and any("reached its limit of 10,000 bytes" in f["message"] for f in findings)
    code, out, _ = run(capsys, "validate", source, "--format", "json",
                       "--limit", "total-bytes=1Mi")
    assert code == 0 and not [f for f in json.loads(out)["findings"] if f["rule"] == "yaml.parse"]


@pytest.mark.parametrize(("given", "said"), [
    ("nodes=5", "unknown limit 'nodes'; known: file-bytes, total-bytes"),
    ("depth=-3", "depth: '-3' is not a positive whole number"),
    ("file-bytes=12Q", "file-bytes: '12Q' is not a positive whole number"),
    ("file-bytes", "file-bytes: '' is not a positive whole number"),
])
def test_a_bad_limit_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      given: str, said: str) -> None:
    source = configmaps(tmp_path / "cms.yaml", 2)
    code, _, err = run(capsys, "validate", source, "--limit", given)
    assert code == 2 and said in err


@pytest.mark.slow
def test_a_file_of_100_000_small_configmaps_validates(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18: no count of documents is refused as such (there used to be 20,000)."""
    source = configmaps(tmp_path / "cms.yaml", 100_000)
    code, out, _ = run(capsys, "validate", source, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 0
    assert not [f for f in findings if f["severity"] == "error"]
    unused = [f for f in findings if f["rule"] == "resource.unused"]
    assert len(unused) == 100_000
    # every document read as a resource, and nothing else said (no load problem either)
    assert json.loads(out)["summary"]["resources"] == 100_000
    assert len(findings) == 100_000
