"""The `kubecanvas` launcher and the promise that the command line never loads Qt."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import kubecanvas.__main__ as launcher

APP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: b
"""


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KUBECANVAS_DEBUG"}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_cli_commands_run_without_importing_pyside6(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    code = textwrap.dedent("""
        import sys
        from kubecanvas.cli.main import main
        codes = [main(["validate", "--format", "json", "app.yaml"]),
                 main(["import", "app.yaml", "-o", "app.kcanvas"]),
                 main(["export", "app.kcanvas", "-o", "out.yaml"])]
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print("codes", codes, "qt", loaded)
        sys.exit(1 if loaded or any(codes) else 0)
    """)
    proc = _python(code, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "qt []" in proc.stdout
    assert (tmp_path / "out.yaml").is_file()


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kubecanvas", "--version"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("kubecanvas ")
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kubecanvas", "validate", "app.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_missing_input_in_a_real_process_prints_one_line(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kubecanvas", "export", "gone.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "kubecanvas: error: gone.yaml: no such file or folder\n"


@pytest.mark.parametrize(("argv", "cli"), [
    ([], False),
    (["validate", "x"], True),
    (["import", "x"], True),
    (["export", "x"], True),
    (["--version"], True),
    (["-h"], True),
    (["valdate"], True),  # a typo gets the CLI's "invalid choice", not an editor error
    (["app.kcanvas"], False),
    (["manifests/"], False),
    (["shop.yaml", "db.yaml"], False),
])
def test_routing(argv: list[str], cli: bool) -> None:
    assert launcher.wants_cli(argv) is cli


def test_existing_folder_named_like_a_word_opens_the_editor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "manifests").mkdir()
    monkeypatch.chdir(tmp_path)
    assert launcher.wants_cli(["manifests"]) is False


def test_editor_gets_the_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    fake = types.ModuleType(launcher.EDITOR_MODULE)
    fake.run = lambda argv: seen.append(argv) or 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, launcher.EDITOR_MODULE, fake)
    assert launcher.main(["shop.yaml"]) == 7
    assert seen == [["shop.yaml"]]


def test_missing_qt_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    def no_qt(name: str) -> types.ModuleType:
        raise ModuleNotFoundError("No module named 'PySide6'", name="PySide6")

    monkeypatch.setattr(importlib, "import_module", no_qt)
    assert launcher.main([]) == 2
    err = capsys.readouterr().err
    assert "needs PySide6" in err and "Traceback" not in err


def test_launcher_routes_cli_commands_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert launcher.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("kubecanvas ")


def test_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    text = "".join(APP.replace("settings", f"settings-{i}") + "---\n" for i in range(3000))
    (tmp_path / "many.yaml").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kubecanvas", "export", "many.yaml"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "Exception ignored" not in err
