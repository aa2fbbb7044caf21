"""`kubecanvas cluster check|apply|import` against a stand-in kubectl on PATH (see conftest)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kubecanvas.cluster import ClusterError, Kubectl, apply_resources
from kubecanvas.io.project import load_project
from kubecanvas.io.yaml_in import load_text
from kubecanvas.io.yaml_out import dump_resources

DESIGN = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, namespace: elsewhere}
data: {b: "2"}
"""

LIVE = """\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: kube-root-ca.crt
    namespace: shop
    uid: 1
  data: {ca.crt: x}
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
    uid: 2a
    resourceVersion: "77"
    creationTimestamp: "2026-01-01T00:00:00Z"
    managedFields: [{manager: kubectl}]
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: '{}'
  spec:
    clusterIP: 10.96.0.12
    clusterIPs: [10.96.0.12]
    selector: {app: web}
    ports: [{port: 80, protocol: TCP, targetPort: 80}]
  status: {loadBalancer: {}}
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
    annotations: {deployment.kubernetes.io/revision: "3"}
  spec:
    replicas: 2
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: nginx}]
  status: {replicas: 2}
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    name: web-5d9c
    namespace: shop
    ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
  spec:
    selector: {matchLabels: {app: web}}
- apiVersion: v1
  kind: ServiceAccount
  metadata: {name: default, namespace: shop}
kind: List
metadata: {resourceVersion: ""}
"""


@pytest.fixture
def design(tmp_path: Path) -> Path:
    path = tmp_path / "app.yaml"
    path.write_text(DESIGN, encoding="utf-8")
    return path


def _applies(stand_ins) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return [c for c in stand_ins.calls() if "apply" in c["args"][:3]]


def test_check_reports_every_resource_accepted(stand_ins, cli, design: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    code, out, err = cli("cluster", "check", str(design))
    assert code == 0, err
    assert "kubectl context 'kind-dev' (server dry run):" in out
    assert "ok       Deployment shop/web: created" in out
    assert "ok       Service shop/web: created" in out
    assert "4 accepted, 0 refused" in out
    (apply,) = _applies(stand_ins)
    assert apply["args"][:3] == ["apply", "--request-timeout=60s", "--dry-run=server"]
    assert apply["args"][-2] == "-f"
    assert [d["kind"] for d in apply["documents"]] == ["ConfigMap", "ConfigMap", "Service",
                                                       "Deployment"]  # apply order


def test_check_names_the_refused_resource_its_line_and_reason(stand_ins, cli, design: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    stand_ins.configure(invalid=["web"], missing_namespaces=["elsewhere"],
                        warning="spec.template: deprecated field")
    code, out, _err = cli("cluster", "check", str(design))
    assert code == 1
    lines = out.splitlines()
    deployment = next(line for line in lines if "Deployment shop/web" in line)
    assert deployment.strip().startswith("REFUSED")
    assert f"{design}:8: " in deployment
    assert "Invalid: Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image:" \
        " Required value" in deployment
    other = next(line for line in lines if "ConfigMap elsewhere/other" in line)
    assert "REFUSED" in other and 'namespaces "elsewhere" not found' in other
    assert any("ok       ConfigMap shop/settings" in line for line in lines)
    assert "warning  spec.template: deprecated field" in out
    assert "1 accepted, 3 refused" in out  # the Service web is refused with its Deployment
    # the refusal that names no object was asked again for the unanswered resources alone
    singles = [c for c in _applies(stand_ins) if len(c["documents"]) == 1]
    assert {d["metadata"]["name"] for c in singles for d in c["documents"]} == {"other"}


def test_unreachable_cluster_is_said_plainly(stand_ins, cli, design: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    stand_ins.configure(unreachable=True)
    code, out, err = cli("cluster", "check", str(design))
    assert code == 2 and out == ""
    assert err.strip() == ("kubecanvas: error: the cluster of the current context cannot be "
                           "reached: The connection to the server 127.0.0.1:6443 was refused - "
                           "did you specify the right host or port?")


def test_no_context_and_unknown_context(stand_ins, cli, design: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    stand_ins.configure(no_context=True)
    code, _out, err = cli("cluster", "check", str(design))
    assert code == 2 and "kubectl has no current context" in err
    stand_ins.configure(contexts=["kind-dev"])
    code, _out, err = cli("cluster", "check", str(design), "--context", "prod")
    assert code == 2 and "no context named 'prod'" in err


def test_missing_kubectl_names_what_to_install(stand_ins, cli, design: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (("check", str(design)), ("apply", str(design), "--yes"),
                 ("import", "-n", "shop", "-o", str(design.with_suffix(".kcanvas")))):
        code, _out, err = cli("cluster", *args)
        assert code == 2 and "kubectl is not installed" in err, args


def test_apply_needs_confirmation_and_then_applies_for_real(stand_ins, cli, design: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    stand_ins.install("kubectl")
    code, _out, err = cli("cluster", "apply", str(design))  # pytest's stdin is not a terminal
    assert code == 2 and "pass --yes" in err and not _applies(stand_ins)
    code, out, err = cli("cluster", "apply", str(design), "--yes", "--context", "kind-dev")
    assert code == 0, err
    (apply,) = _applies(stand_ins)
    assert not any(a.startswith("--dry-run") for a in apply["args"])
    assert "(applied)" in out and "ok       Deployment shop/web: created" in out
    assert apply["args"][:3] == ["--context", "kind-dev", "apply"]


def test_apply_is_refused_while_error_findings_remain(stand_ins, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    broken = tmp_path / "broken.yaml"
    broken.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n"
                      "  - port: eighty\n", encoding="utf-8")
    code, _out, err = cli("cluster", "apply", str(broken), "--yes")
    assert code == 1 and "nothing was written" in err and not _applies(stand_ins)


def test_import_namespace_strips_cluster_fields_and_controller_objects(stand_ins, cli,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    stand_ins.install("kubectl")
    stand_ins.prints(LIVE)
    out_file = tmp_path / "live.kcanvas"
    code, _out, err = cli("cluster", "import", "-n", "shop", "-o", str(out_file))
    assert code == 0, err
    assert "imported 2 resource(s)" in err and "3 made by controllers left out" in err
    (get,) = [c for c in stand_ins.calls() if c["args"][:1] == ["get"]]
    assert "deployments.apps" in get["args"][1].split(",")
    assert get["args"][2:6] == ["--namespace", "shop", "--output", "yaml"]
    document = load_project(out_file)
    by_kind = {r.kind: r for r in document}
    assert sorted(by_kind) == ["Deployment", "Service"]
    service = by_kind["Service"].manifest
    assert service["metadata"] == {"name": "web", "namespace": "shop"}
    assert "status" not in service and "clusterIP" not in service["spec"]
    assert "annotations" not in by_kind["Deployment"].manifest["metadata"]
    assert by_kind["Service"].origin is not None
    assert by_kind["Service"].origin.source == "kubectl --context kind-dev get -n shop -o yaml"


def test_import_namespace_errors(stand_ins, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    stand_ins.configure(forbidden=True)
    code, _out, err = cli("cluster", "import", "-n", "shop", "-o", str(tmp_path / "a.kcanvas"))
    assert code == 2 and 'cannot list resource "secrets"' in err
    stand_ins.configure()
    stand_ins.prints("apiVersion: v1\nitems: []\nkind: List\nmetadata: {resourceVersion: ''}\n")
    code, _out, err = cli("cluster", "import", "-n", "nope", "-o", str(tmp_path / "a.kcanvas"))
    assert code == 2 and "holds no objects" in err and not (tmp_path / "a.kcanvas").exists()


def test_many_unnamed_refusals_do_not_ask_one_by_one_forever(stand_ins) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    text = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}, namespace: "
                   f"gone}}\n" for i in range(40))
    stand_ins.configure(missing_namespaces=["gone"])
    resources = load_text(text, "m.yaml").resources
    report = apply_resources(Kubectl(), resources, dump_resources)
    assert len(report.rejected) == 40
    assert all('namespaces "gone" not found' in a.message for a in report.answers)
    assert len(_applies(stand_ins)) == 1


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_real_kubectl_against_a_closed_port(tmp_path: Path) -> None:
    """The real kubectl, with a kubeconfig pointing at a port nobody listens on."""
    config = tmp_path / "kubeconfig"
    config.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "closed",
        "clusters": [{"name": "closed", "cluster": {"server": "https://127.0.0.1:9"}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": "closed", "context": {"cluster": "closed", "user": "u"}}],
    }), encoding="utf-8")
    design = tmp_path / "app.yaml"
    design.write_text(DESIGN, encoding="utf-8")
    env = {"KUBECONFIG": str(config), "PATH": str(Path(shutil.which("kubectl") or "").parent),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "kubecanvas", "cluster", "check", str(design)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert "cannot be reached" in done.stderr and "127.0.0.1:9" in done.stderr


def test_cluster_error_type_is_exported() -> None:
    assert issubclass(ClusterError, Exception)


def test_check_of_nothing_and_of_partly_unreadable_input(stand_ins, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    code, _out, err = cli("cluster", "check", str(empty))
    assert code == 2 and "no resources" in err
    partly = tmp_path / "partly.yaml"
    partly.write_text(DESIGN + "---\nkind: [broken\n", encoding="utf-8")
    code, out, err = cli("cluster", "check", str(partly))
    assert code == 1 and "4 accepted, 0 refused" in out and f"{partly}:" in err
