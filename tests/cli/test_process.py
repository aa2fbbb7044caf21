"""The command line as real processes: what `--version` and `--help` import, shell completion
in real shells, and `kubectl canvas` through the real kubectl."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
APP = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: other}
    spec:
      containers:
      - name: web
        image: nginx:1.27
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KUBECANVAS_DEBUG"}
    env.update(extra)
    return env


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["validate", "--help"],
                                  ["cluster", "check", "--help"], ["completion", "--help"]])
def test_version_and_help_import_neither_networkx_nor_the_validator(argv: list[str]) -> None:
    code = textwrap.dedent(f"""
        import contextlib, io, sys
        from kubecanvas.__main__ import main
        with contextlib.redirect_stdout(io.StringIO()):
            assert main({argv!r}) == 0
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("networkx", "yaml",
                       "PySide6", "shiboken6", "jsonschema_rs", "shtab")
                       or m.startswith(("kubecanvas.validation", "kubecanvas.model",
                                        "kubecanvas.io", "kubecanvas.cluster")))
        print(heavy)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_validate_imports_neither_qt_networkx_nor_the_project_writer(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    code = textwrap.dedent("""
        import contextlib, io, sys
        from kubecanvas.__main__ import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["validate", "app.yaml"])
        qt_or_networkx = ("PySide6", "shiboken6", "networkx")
        print(sorted(m for m in sys.modules if m.split(".")[0] in qt_or_networkx
                     or m in ("kubecanvas.io.project", "kubecanvas.io.writeback",
                              "kubecanvas.io.helm_chart", "kubecanvas.model.layout", "shtab")))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path, env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", ["text", "compact", "json", "sarif"])
def test_validate_of_a_small_file_creates_no_dataclass(tmp_path: Path, fmt: str) -> None:
    """The records on validate's path are `model.record`s: `dataclasses` (an `exec` per
    generated method, and `inspect`, `ast`, `dis` imported) cost a quarter of the process."""
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    code = textwrap.dedent(f"""
        import contextlib, io, sys
        from kubecanvas.__main__ import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["validate", "app.yaml", "--format", {fmt!r}, "--profile", "hardening"])
        print(sorted(m for m in sys.modules if m in ("dataclasses", "inspect")))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path, env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- completion in real shells ------------------------------------------------------------------

def _script(shell: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kubecanvas", "completion", shell],
                          capture_output=True, text=True, timeout=120, env=_env())
    assert done.returncode == 0, done.stderr
    return done.stdout


BASH_DRIVER = """
source "$1"
cd "$2"
c() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$*"
      COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _shtab_kubecanvas; echo "${COMPREPLY[*]}"; }
c kubecanvas val
c kubecanvas validate --for
c kubecanvas validate --format ""
c kubecanvas validate --kube-version 1.3
c kubecanvas validate ap
c kubecanvas completion ""
c kubecanvas ""
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_commands_options_formats_versions_and_files(tmp_path: Path) -> None:
    (tmp_path / "kc.bash").write_text(_script("bash"), encoding="utf-8")
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    (tmp_path / "driver.sh").write_text(BASH_DRIVER, encoding="utf-8")
    done = subprocess.run(["bash", str(tmp_path / "driver.sh"), str(tmp_path / "kc.bash"),
                           str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    sub, option, formats, versions, files, shells, commands = done.stdout.splitlines()
    assert sub == "validate"
    assert option == "--format"
    assert formats.split() == ["text", "compact", "json", "sarif"]
    assert "1.33" in versions.split() and all(v.startswith("1.3") for v in versions.split())
    assert files == "app.yaml"
    assert shells.split() == ["bash", "zsh", "fish"]
    assert {"import", "export", "validate", "render", "cluster", "completion"} <= set(
        commands.split())


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
def test_fish_completes_commands_formats_and_versions(tmp_path: Path) -> None:
    (tmp_path / "kc.fish").write_text(_script("fish"), encoding="utf-8")

    def complete(line: str) -> list[str]:
        done = subprocess.run(["fish", "--no-config", "-c",
                               f"source {tmp_path / 'kc.fish'}; complete -C '{line}'"],
                              capture_output=True, text=True, timeout=60, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert "validate" in complete("kubecanvas val")
    assert complete("kubecanvas validate --format ") == ["text", "compact", "json", "sarif"]
    assert "1.33" in complete("kubecanvas validate --kube-version 1.")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_script_is_valid_and_knows_formats_and_versions(tmp_path: Path) -> None:
    text = _script("zsh")
    (tmp_path / "_kubecanvas").write_text(text, encoding="utf-8")
    done = subprocess.run(["zsh", "-n", str(tmp_path / "_kubecanvas")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "#compdef kubecanvas" in text
    assert "(text compact json sarif)" in text and "1.33" in text


# --- the kubectl plugin -------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("kubectl") is None or not (BIN / "kubectl-canvas").exists(),
                    reason="needs kubectl and an installed kubecanvas")
def test_kubectl_canvas_runs_the_cli_as_a_plugin(tmp_path: Path) -> None:
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "app.yaml").write_text(APP, encoding="utf-8")
    env = _env(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", NO_COLOR="1")
    done = subprocess.run(["kubectl", "canvas", "validate", "k8s/", "--format", "compact"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stderr  # the selector misses its pods: an error finding
    assert done.stdout.startswith("k8s/app.yaml:")
    done = subprocess.run(["kubectl", "canvas", "validate", "--bogus"], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, env=env)
    assert done.returncode == 2 and "usage: kubectl canvas validate" in done.stderr
