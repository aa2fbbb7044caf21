"""kubectl habits: -f/-R, `-o yaml` refused, subcommand usage in errors, compact format, colour,
render listed, examples in every --help, SARIF text naming the resource, kustomization inputs."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import pytest

from kubecanvas.cli import color
from kubecanvas.cli.main import build_parser, main

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: shop
spec:
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {label}
    spec:
      containers:
      - name: web
        image: nginx:1.27
"""

COMPACT = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): "
                     r"(?P<msg>.+) \[(?P<rule>[a-z][\w.-]*)\]$")


def _write(path: Path, name: str, label: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEPLOYMENT.format(name=name, label=label or name), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- -o with a format name ---------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ("export", "{app}", "-o", "yaml"),
    ("export", "{app}", "-o", "json"),
    ("import", "{app}", "-o", "yaml"),
    ("cluster", "import", "-n", "shop", "-o", "json"),
])
def test_output_named_like_a_format_is_refused_with_a_hint(
        argv: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = _write(tmp_path / "app.yaml", "web")
    code, _, err = _run(capsys, *(a.format(app=app) for a in argv))
    assert code == 2
    name = argv[-1]
    assert f"-o {name} would write a file named '{name}'" in err
    assert "-o -" in err or "app.kcanvas" in err or "shop.kcanvas" in err
    assert not (tmp_path / name).exists()


def test_an_existing_folder_named_yaml_is_still_a_folder_target(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = _write(tmp_path / "app.yaml", "web")
    (tmp_path / "yaml").mkdir()
    code, _, _ = _run(capsys, "export", str(app), "-o", "yaml")
    assert code == 0 and any((tmp_path / "yaml").iterdir())


def test_validate_dash_o_points_at_format(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    app = _write(tmp_path / "app.yaml", "web")
    code, out, err = _run(capsys, "validate", str(app), "-o", "sarif")
    assert code == 2 and out == ""
    assert "--format sarif" in err


# --- -f / --filename and -R --------------------------------------------------------------------

def _resources(capsys: pytest.CaptureFixture[str], *argv: str) -> int:
    code, out, err = _run(capsys, "validate", "--format", "json", *argv)
    assert code in (0, 1), err
    return int(json.loads(out)["summary"]["resources"])


def test_filename_is_repeatable_and_mixes_with_positional_inputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "a.yaml", "a")
    b = _write(tmp_path / "b.yaml", "b")
    c = _write(tmp_path / "c.yaml", "c")
    assert _resources(capsys, "-f", str(a), "--filename", str(b)) == 2
    assert _resources(capsys, str(c), "-f", str(a), "-f", str(b)) == 3


def test_filename_folder_reads_subfolders_only_with_recursive(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "k8s" / "top.yaml", "top")
    _write(tmp_path / "k8s" / "nested" / "deep.yaml", "deep")
    folder = str(tmp_path / "k8s")
    assert _resources(capsys, "-f", folder) == 1  # as `kubectl apply -f DIR`
    assert _resources(capsys, "-R", "-f", folder) == 2
    assert _resources(capsys, folder) == 2  # a positional folder is searched recursively


def test_filename_folder_without_top_level_files_says_to_add_recursive(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "k8s" / "nested" / "deep.yaml", "deep")
    code, _, err = _run(capsys, "validate", "-f", str(tmp_path / "k8s"))
    assert code == 2 and "add -R" in err


def test_no_input_at_all_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "validate")
    assert code == 2 and "no input given" in err


# --- errors show the subcommand's usage; render is listed ---------------------------------------

@pytest.mark.parametrize("argv, usage", [
    (["validate", "x.yaml", "--bogus"], "usage: kubecanvas validate"),
    (["export", "x.yaml", "--nope"], "usage: kubecanvas export"),
    (["cluster", "check", "x.yaml", "--bogus"], "usage: kubecanvas cluster check"),
])
def test_unknown_option_shows_the_subcommands_usage(
        argv: list[str], usage: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert usage in err and "unrecognized arguments: --" in err
    assert "usage: kubecanvas [-h]" not in err


def test_render_is_listed_in_help_and_in_invalid_choice(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--help")
    assert re.search(r"^\s+render\s+draw", out, re.MULTILINE)
    code, _, err = _run(capsys, "valdate")
    assert code == 2 and "'render'" in err and "'validate'" in err


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found.extend(_parsers(sub))
    return found


def test_every_help_ends_with_examples() -> None:
    parsers = [p for p in _parsers(build_parser()) if p.add_help]  # render's own is below
    assert len(parsers) >= 9
    from kubecanvas.ui.window.render_cli import build_parser as render_parser

    for parser in [*parsers, render_parser()]:
        text = parser.format_help().rstrip()
        tail = text[text.rfind("examples:"):]
        assert "examples:" in text, parser.prog
        assert all(line.startswith(("  $ ", "  #")) for line in tail.splitlines()[1:]), (
            parser.prog)
        assert f"$ {parser.prog.split()[0]}" in tail or "$ kubectl" in tail, parser.prog


# --- compact format and colour -----------------------------------------------------------------

def test_compact_is_one_parsable_line_per_finding_and_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = _write(tmp_path / "app.yaml", "api", label="other")  # selector misses its pods
    broken = tmp_path / "broken.yaml"
    broken.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n", encoding="utf-8")
    code, out, _ = _run(capsys, "validate", "--format", "compact", str(app), str(broken))
    assert code == 1
    lines = out.splitlines()
    matches = [COMPACT.match(line) for line in lines]
    assert lines and all(matches), lines
    by_rule = {m["rule"]: m for m in matches if m}
    parse = next(m for m in matches if m and m["file"] == str(broken))
    assert parse["sev"] == "error"
    workload = next(m for m in matches if m and m["file"] == str(app) and m["sev"] == "error")
    assert "Deployment shop/api" in workload["msg"]
    assert (int(workload["line"]), int(workload["col"])) == (7, 3)  # spec.selector
    assert by_rule
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


def test_colour_marks_severity_and_rule_only_when_wanted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = _write(tmp_path / "app.yaml", "api", label="other")
    for fmt in ("text", "compact"):
        _, coloured, _ = _run(capsys, "validate", "--format", fmt, "--color", "always", str(app))
        _, plain, _ = _run(capsys, "validate", "--format", fmt, "--color", "never", str(app))
        assert "\033[1;31merror\033[0m" in coloured and "\033[2m" in coloured
        assert "\033[" not in plain
        assert re.sub(r"\033\[[0-9;]*m", "", coloured) == plain
    _, auto, _ = _run(capsys, "validate", str(app))  # captured output is no terminal
    assert "\033[" not in auto
    _, as_json, _ = _run(capsys, "validate", "--format", "json", "--color", "always", str(app))
    json.loads(as_json)


class _Tty:
    def isatty(self) -> bool:
        return True


def test_colour_auto_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert color.wanted("auto", _Tty()) is True  # type: ignore[arg-type]
    assert color.wanted("never", _Tty()) is False  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert color.wanted("auto", _Tty()) is False  # type: ignore[arg-type]
    assert color.wanted("always", _Tty()) is True  # type: ignore[arg-type]


# --- SARIF -------------------------------------------------------------------------------------

def test_sarif_message_names_the_resource(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    app = _write(tmp_path / "app.yaml", "api", label="other")
    _, out, _ = _run(capsys, "validate", "--format", "sarif", str(app))
    results = json.loads(out)["runs"][0]["results"]
    assert results
    assert all(r["message"]["text"].startswith("Deployment shop/api") for r in results)


# --- kustomization inputs ----------------------------------------------------------------------

KUSTOMIZATION = "resources:\n- deploy.yaml\nnamePrefix: prod-\n"

needs_kustomize = pytest.mark.skipif(not (shutil.which("kubectl") or shutil.which("kustomize")),
                                     reason="needs kubectl or kustomize")


@needs_kustomize
@pytest.mark.parametrize("target", ["folder", "file"])
def test_kustomization_input_is_rendered_with_a_note(
        target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = tmp_path / "overlay"
    _write(overlay / "deploy.yaml", "web")
    (overlay / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    given = overlay if target == "folder" else overlay / "kustomization.yaml"
    code, out, err = _run(capsys, "validate", "--format", "json", str(given))
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["resources"] == 1  # the rendered Deployment, not the raw files
    assert not [f for f in data["findings"] if f["rule"].startswith("yaml.")]
    assert "is a kustomization" in err and "kustomize" in err


def test_missing_kustomize_programs_are_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    overlay = tmp_path / "overlay"
    _write(overlay / "deploy.yaml", "web")
    (overlay / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, _, err = _run(capsys, "validate", str(overlay))
    assert code == 2 and "needs kubectl" in err and "Traceback" not in err
