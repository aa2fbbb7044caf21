"""Stand-in programs for the ecosystem tests: `kubectl`, `kustomize` and `helm` on PATH.

Each stand-in is a small Python script written into the test's own folder. It appends its
arguments (and, for `apply -f FILE`, the documents it was sent) to `calls.jsonl`, and answers the
way the real program does: the same output lines, error texts and exit codes, as observed from
kubectl 1.32 (the unreachable-cluster text was captured from a real kubectl pointed at a closed
port). PATH holds only the stand-ins' folder, so the real programs cannot answer instead.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

STAND_IN = '''\
import json, os, sys
import yaml

NAME = os.path.basename(sys.argv[0])
CONFIG = json.loads(os.environ.get("FAKE_CONFIG", "{}"))
args = sys.argv[1:]
record = {"program": NAME, "args": list(args)}


def out(text):
    sys.stdout.write(text)


def fail(text, code=1):
    sys.stderr.write(text + "\\n")
    finish(code)


def finish(code=0):
    with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\\n")
    sys.exit(code)


def type_of(doc):
    kind = str(doc.get("kind", "")).lower()
    api = str(doc.get("apiVersion", ""))
    return kind + ("." + api.rsplit("/", 1)[0] if "/" in api else "")


def apply():
    path = args[args.index("-f") + 1]
    docs = [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]
    record["documents"] = docs
    if CONFIG.get("unreachable"):
        fail("E1126 04:23:29.100095   26214 memcache.go:265] couldn't get current server API "
             "group list: dial tcp 127.0.0.1:6443: connect: connection refused\\n"
             "The connection to the server 127.0.0.1:6443 was refused - did you specify the "
             "right host or port?")
    dry = " (server dry run)" if "--dry-run=server" in args else ""
    errors = []
    for doc in docs:
        meta = doc.get("metadata") or {}
        name, ns = meta.get("name"), meta.get("namespace")
        if name in CONFIG.get("invalid", []):
            kind = doc["kind"] + ("." + doc["apiVersion"].split("/")[0]
                                  if "/" in doc["apiVersion"] else "")
            errors.append(f'Error from server (Invalid): error when creating "{path}": {kind} '
                          f'"{name}" is invalid: spec.template.spec.containers[0].image: '
                          "Required value")
        elif ns and ns in CONFIG.get("missing_namespaces", []):
            errors.append(f'Error from server (NotFound): error when creating "{path}": '
                          f'namespaces "{ns}" not found')
        else:
            out(f"{type_of(doc)}/{name} created{dry}\\n")
    if CONFIG.get("warning"):
        sys.stderr.write("Warning: " + CONFIG["warning"] + "\\n")
    if errors:
        fail("\\n".join(errors))
    finish()


def kubectl():
    if args[:1] == ["--context"]:
        if args[1] not in CONFIG.get("contexts", ["kind-dev"]):
            fail(f'error: context "{args[1]}" does not exist')
        del args[:2]
    if args[:2] == ["config", "current-context"]:
        if CONFIG.get("no_context"):
            fail("error: current-context is not set")
        out(CONFIG.get("context", "kind-dev") + "\\n")
        finish()
    if args[:2] == ["config", "get-contexts"]:
        out("\\n".join(CONFIG.get("contexts", ["kind-dev"])) + "\\n")
        finish()
    if args[:1] == ["kustomize"]:
        out(open(os.environ["FAKE_OUTPUT"], encoding="utf-8").read())
        finish()
    if args[:1] == ["apply"]:
        apply()
    if args[:1] == ["get"]:
        if CONFIG.get("unreachable"):
            fail("The connection to the server 127.0.0.1:6443 was refused - did you specify "
                 "the right host or port?")
        if CONFIG.get("forbidden"):
            fail('Error from server (Forbidden): secrets is forbidden: User "dev" cannot list '
                 'resource "secrets" in API group "" in the namespace "shop"')
        out(open(os.environ["FAKE_OUTPUT"], encoding="utf-8").read())
        finish()
    fail("error: unknown command for the stand-in: " + " ".join(args))


if NAME == "kubectl":
    kubectl()
elif NAME in ("kustomize", "helm"):
    if CONFIG.get("fail"):
        fail(CONFIG["fail"])
    out(open(os.environ["FAKE_OUTPUT"], encoding="utf-8").read())
    finish()
'''


@dataclass
class StandIns:
    """The stand-in programs of one test and what they were asked."""

    folder: Path
    log: Path
    output: Path
    monkeypatch: pytest.MonkeyPatch

    def install(self, *names: str) -> None:
        for name in names:
            path = self.folder / name
            path.write_text(f"#!{sys.executable}\n" + STAND_IN, encoding="utf-8")
            path.chmod(0o755)

    def configure(self, **config: Any) -> None:
        self.monkeypatch.setenv("FAKE_CONFIG", json.dumps(config))

    def prints(self, text: str) -> None:
        self.output.write_text(textwrap.dedent(text), encoding="utf-8")

    def calls(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def stand_ins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandIns:
    """A folder of stand-in programs that is the whole PATH (none installed until asked)."""
    if os.name == "nt":
        pytest.skip("the stand-in programs are POSIX scripts")
    folder = tmp_path / "bin"
    folder.mkdir()
    helpers = StandIns(folder, tmp_path / "calls.jsonl", tmp_path / "output.yaml", monkeypatch)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_LOG", str(helpers.log))
    monkeypatch.setenv("FAKE_OUTPUT", str(helpers.output))
    monkeypatch.setenv("FAKE_CONFIG", "{}")
    return helpers


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `kubecanvas ARGS` in process: (exit code, stdout, stderr)."""
    from kubecanvas.cli.main import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
