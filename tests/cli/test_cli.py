"""The command line, in process: exit codes, output shapes, stdin and stdout, refusals."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from kubecanvas.cli.main import main

GOOD = """\
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
"""

#: A workload whose selector misses its own pods: an error finding.
MISMATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: not-api
    spec:
      containers:
      - name: api
        image: api:1
"""

#: A Service that selects nothing: a warning, not an error.
LONELY = """\
apiVersion: v1
kind: Service
metadata:
  name: lonely
  namespace: shop
spec:
  selector:
    app: nobody
  ports:
  - port: 80
"""

BROKEN = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
 data: {
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


# --- top level ---------------------------------------------------------------------------------
def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from kubecanvas import __version__

    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"kubecanvas {__version__}"


@pytest.mark.parametrize("command", ["import", "export", "validate"])
def test_each_subcommand_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert f"usage: kubecanvas {command}" in out and "exit codes" in out


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["validate"], ["validate", "--bogus", "x"],
                                  ["validate", "--format", "xml", "x.yaml"], ["import", "x.yaml"]])
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err


# --- validate ----------------------------------------------------------------------------------
def test_validate_clean_input_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", write(tmp_path, "app.yaml", GOOD))
    assert code == 0
    assert "0 error(s)" in out


def test_validate_warnings_alone_exit_0(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", write(tmp_path, "app.yaml", LONELY))
    assert code == 0
    assert "service.selector.no-match" in out


def test_validate_error_findings_exit_1_with_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD + "---\n" + MISMATCH)
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    assert "workload.selector.template-mismatch" in out and str(path) in out


def test_validate_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", MISMATCH + "---\n" + LONELY)
    code, out, _ = run(capsys, "validate", "--format", "json", path)
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"findings", "summary"}
    assert data["summary"]["errors"] >= 1 and data["summary"]["warnings"] >= 1
    for finding in data["findings"]:
        assert {"rule", "severity", "message", "resource", "file", "line", "field", "related",
                "fix"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert set(finding["resource"]) == {"apiVersion", "kind", "namespace", "name"}
    mismatch = next(f for f in data["findings"]
                    if f["rule"] == "workload.selector.template-mismatch")
    assert mismatch["file"] == str(path) and mismatch["line"] >= 1
    assert mismatch["resource"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                    "namespace": "shop", "name": "api"}


def test_validate_sarif_is_a_sarif_log(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", MISMATCH + "---\n" + BROKEN)
    code, out, _ = run(capsys, "validate", "--format", "sarif", path)
    assert code == 1
    data = json.loads(out)
    assert data["version"] == "2.1.0"
    results = data["runs"][0]["results"]
    rules = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    assert {"yaml.parse", "workload.selector.template-mismatch"} <= {r["ruleId"] for r in results}
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]


def test_validate_load_problems_are_findings_with_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD + "---\n" + BROKEN)
    code, out, _ = run(capsys, "validate", "--format", "json", path)
    assert code == 1
    data = json.loads(out)
    parse = [f for f in data["findings"] if f["rule"] == "yaml.parse"]
    assert len(parse) == 1
    assert parse[0]["file"] == str(path) and parse[0]["line"] > 30
    assert parse[0]["severity"] == "error"
    assert data["summary"]["resources"] == 2 and data["summary"]["errors"] == 1


def test_validate_text_reports_load_problem_location(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.yaml", BROKEN)
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    assert f"{path}:" in out and "yaml.parse" in out and "1 error(s)" in out


def test_validate_missing_input_exits_2(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, err = run(capsys, "validate", missing)
    assert code == 2 and out == ""
    assert err.strip() == f"kubecanvas: error: {missing}: no such file or folder"


def test_validate_damaged_project_exits_2(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.kcanvas", '{"format": "kubecanvas", "version": ')
    code, _, err = run(capsys, "validate", path)
    assert code == 2
    assert err.startswith("kubecanvas: error: ") and "Traceback" not in err


def test_validate_unknown_kube_version_exits_2(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD)
    code, _, err = run(capsys, "validate", "--kube-version", "banana", path)
    assert code == 2 and "--kube-version" in err


def test_validate_accepts_kube_version(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "validate", "--kube-version", "1.33", write(tmp_path, "a.yaml", GOOD))
    assert code == 0


def test_validate_reads_stdin(monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, MISMATCH)
    code, out, _ = run(capsys, "validate", "--format", "json", "-")
    assert code == 1
    data = json.loads(out)
    assert any(f["file"] == "-" for f in data["findings"])


def test_validate_honours_ignore_file_beside_inputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", MISMATCH)
    assert run(capsys, "validate", path)[0] == 1
    write(tmp_path, ".kubecanvas-ignore",
          "workload.selector.template-mismatch  Deployment/shop/api  # on purpose\n")
    code, out, _ = run(capsys, "validate", path)
    assert code == 0 and "template-mismatch" not in out


def test_validate_folder_ignore_file_and_explicit_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "app", "api.yaml", MISMATCH)
    rules = write(tmp_path, "rules.ignore", "workload.selector.template-mismatch *\n")
    assert run(capsys, "validate", tmp_path / "app")[0] == 1
    assert run(capsys, "validate", "--ignore-file", rules, tmp_path / "app")[0] == 0


def test_malformed_ignore_file_is_reported_with_its_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD)
    ignore = write(tmp_path, ".kubecanvas-ignore", "just-one-word\n")
    code, _, err = run(capsys, "validate", path)
    assert code == 2
    assert err.startswith(f"kubecanvas: error: {ignore}: line 1")


# --- import ------------------------------------------------------------------------------------
def test_import_saves_a_laid_out_project(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from kubecanvas.io.project import load_project

    project = tmp_path / "app.kcanvas"
    code, out, err = run(capsys, "import", write(tmp_path, "app.yaml", GOOD), "-o", project,
                         "--kube-version", "1.33")
    assert code == 0 and out == ""
    assert "imported 2 resource(s)" in err
    document = load_project(project)
    assert [r.kind for r in document] == ["Service", "Deployment"]
    service, deployment = list(document)
    assert service.position[0] < deployment.position[0]  # traffic flows left to right
    assert document.settings.kube_version == "1.33"


def test_import_partial_failure_exits_1_and_saves_the_rest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kubecanvas.io.project import load_project

    bad = write(tmp_path, "bad.yaml", BROKEN)
    project = tmp_path / "app.kcanvas"
    code, _, err = run(capsys, "import", write(tmp_path, "good.yaml", GOOD), bad, "-o", project)
    assert code == 1
    first = err.splitlines()[0]
    file, line, column, _ = first.split(":", 3)
    assert file == str(bad) and int(line) >= 1 and int(column) >= 1
    assert len(load_project(project)) == 2


def test_import_of_nothing_readable_exits_2_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "app.kcanvas"
    code, _, err = run(capsys, "import", write(tmp_path, "bad.yaml", BROKEN), "-o", project)
    assert code == 2 and not project.exists()
    assert "nothing could be imported" in err


def test_import_from_stdin_strips_cluster_fields(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from kubecanvas.io.project import load_project

    dump = {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": {"name": "c", "namespace": "shop", "uid": "123", "resourceVersion": "9"},
         "data": {"a": "b"}},
    ]}
    feed_stdin(monkeypatch, yaml.safe_dump(dump))
    project = tmp_path / "dump.kcanvas"
    code, _, _ = run(capsys, "import", "-", "-o", project, "--strip-cluster-fields")
    assert code == 0
    (resource,) = list(load_project(project))
    assert resource.metadata == {"name": "c", "namespace": "shop"}


def test_import_refuses_a_folder_as_output(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", write(tmp_path, "a.yaml", GOOD), "-o", tmp_path)
    assert code == 2 and "is a folder" in err


# --- export ------------------------------------------------------------------------------------
def test_export_to_stdout_in_apply_order(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD)
    code, out, _ = run(capsys, "export", path, "-o", "-")
    assert code == 0
    docs = list(yaml.safe_load_all(out))
    assert [d["kind"] for d in docs] == ["Service", "Deployment"]
    assert docs == list(yaml.safe_load_all(GOOD))


def test_export_refuses_error_findings_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", MISMATCH)
    target = tmp_path / "out.yaml"
    code, out, err = run(capsys, "export", path, "-o", target)
    assert code == 1 and out == "" and not target.exists()
    assert "workload.selector.template-mismatch" in err and "--force" in err
    code, _, err = run(capsys, "export", path, "-o", target, "--force")
    assert code == 0 and target.exists()
    assert yaml.safe_load(target.read_text())["metadata"]["name"] == "api"


def test_export_refuses_when_documents_could_not_be_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD + "---\n" + BROKEN)
    code, out, err = run(capsys, "export", path)
    assert code == 1 and out == "" and "yaml.parse" in err


def test_export_warnings_do_not_block(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", write(tmp_path, "a.yaml", LONELY))
    assert code == 0 and yaml.safe_load(out)["kind"] == "Service"
    assert "warning" in err


def test_export_folder_writes_kustomization(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "app.yaml", GOOD)
    out_dir = tmp_path / "out"
    code, _, _ = run(capsys, "export", path, "-o", f"{out_dir}/")
    assert code == 0
    kustomization = yaml.safe_load((out_dir / "kustomization.yaml").read_text())
    assert kustomization["kind"] == "Kustomization"
    listed = [yaml.safe_load((out_dir / name).read_text()) for name in kustomization["resources"]]
    assert [d["kind"] for d in listed] == ["Service", "Deployment"]


def test_export_from_project_round_trips(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "app.kcanvas"
    assert run(capsys, "import", write(tmp_path, "a.yaml", GOOD), "-o", project)[0] == 0
    code, out, _ = run(capsys, "export", project)
    assert code == 0
    assert sorted(yaml.safe_load_all(out), key=str) == sorted(yaml.safe_load_all(GOOD), key=str)


def test_export_write_back_keeps_untouched_files_byte_for_byte(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "# the shop\n" + GOOD.replace("port: 80", "port: 80  # public")
    path = write(tmp_path, "app.yaml", text)
    code, out, _ = run(capsys, "export", path, "--write-back")
    assert code == 0 and out == ""
    assert path.read_text(encoding="utf-8") == text


def test_export_write_back_rejects_folder_output(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", write(tmp_path, "a.yaml", GOOD), "--write-back",
                       "-o", f"{tmp_path}/")
    assert code == 2 and "--write-back" in err


def test_export_write_back_of_stdin_needs_a_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, GOOD)
    code, _, err = run(capsys, "export", "-", "--write-back")
    assert code == 2 and "kubecanvas: error:" in err
    feed_stdin(monkeypatch, GOOD)
    target = tmp_path / "new.yaml"
    code, _, _ = run(capsys, "export", "-", "--write-back", "-o", target)
    assert code == 0
    assert [d["kind"] for d in yaml.safe_load_all(target.read_text())] == ["Service",
                                                                          "Deployment"]


def test_export_into_missing_folder_is_a_clean_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "out.yaml"
    code, _, err = run(capsys, "export", write(tmp_path, "a.yaml", GOOD), "-o", target)
    assert code == 2
    assert err.startswith("kubecanvas: error: ") and "Traceback" not in err


def test_project_cannot_be_mixed_with_yaml(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    yaml_file = write(tmp_path, "a.yaml", GOOD)
    project = tmp_path / "app.kcanvas"
    assert run(capsys, "import", yaml_file, "-o", project)[0] == 0
    code, _, err = run(capsys, "export", project, yaml_file)
    assert code == 2 and "combined" in err


def test_internal_errors_never_show_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from kubecanvas.cli import inputs

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(inputs, "validate", explode)
    monkeypatch.delenv("KUBECANVAS_DEBUG", raising=False)
    code, _, err = run(capsys, "validate", write(tmp_path, "a.yaml", GOOD))
    assert code == 3
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err
