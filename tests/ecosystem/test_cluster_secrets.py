"""Secret values stay in the cluster: `cluster import` and `import` of a `kubectl get -o yaml`
dump keep keys and types but not values unless asked; `export` never writes the blanks as if
they were values; `cluster apply` does not send them (a stand-in kubectl, see conftest)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import yaml

from kubecanvas.io.project import load_project
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation import validate_document


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


#: Values nobody would write by chance: none may appear in a project made without values.
PASSWORD, USER = "pw-9f1c2e7a-in-the-cluster", "admin-4d8b"
CERT = "-----BEGIN CERTIFICATE-----\nMIIB-cert-5e6f\n-----END CERTIFICATE-----\n"
DOCKER = json.dumps({"auths": {"registry.example": {"auth": _b64("bot:tok-77aa31")}}})
VALUES = (PASSWORD, USER, CERT, DOCKER)

SECRETS = [
    {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
     "metadata": {"name": "db", "namespace": "shop", "uid": "5", "resourceVersion": "9",
                  "creationTimestamp": "2026-01-01T00:00:00Z",
                  "annotations": {"kubectl.kubernetes.io/last-applied-configuration": json.dumps(
                      {"kind": "Secret", "stringData": {"password": PASSWORD}}),
                      "team": "payments"}},
     "data": {"password": _b64(PASSWORD), "user": _b64(USER)}},
    {"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
     "metadata": {"name": "web-tls", "namespace": "shop", "uid": "6"},
     "data": {"tls.crt": _b64(CERT), "tls.key": _b64("-----BEGIN PRIVATE KEY-----\nk\n")}},
    {"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/dockerconfigjson",
     "metadata": {"name": "pull", "namespace": "shop", "uid": "7"},
     "data": {".dockerconfigjson": _b64(DOCKER)}},
]
WORKLOAD = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "api", "namespace": "shop", "uid": "8"},
    "spec": {"selector": {"matchLabels": {"app": "api"}}, "template": {
        "metadata": {"labels": {"app": "api"}},
        "spec": {"imagePullSecrets": [{"name": "pull"}], "containers": [{
            "name": "api", "image": "registry.example/api:1", "env": [
                {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                {"name": "NOPE", "valueFrom": {"secretKeyRef": {"name": "db", "key": "nope"}}},
            ]}]}}}}
LIVE = yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": [*SECRETS, WORKLOAD]})


def _leaks(text: str) -> list[str]:
    """The Secret values (as written and base64-encoded) found in `text`."""
    return [v for v in VALUES for form in (v, _b64(v)) if form in text]


def _import_namespace(stand_ins, cli, tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    stand_ins.prints(LIVE)
    out = tmp_path / "shop.kcanvas"
    code, _out, err = cli("cluster", "import", "-n", "shop", "-o", str(out), *extra)
    assert code == 0, err
    return out, err


def test_cluster_import_keeps_keys_and_types_but_not_values(stand_ins, cli, tmp_path):  # type: ignore[no-untyped-def]
    project, err = _import_namespace(stand_ins, cli, tmp_path)
    assert _leaks(project.read_text("utf-8")) == []
    assert "last-applied" not in project.read_text("utf-8")
    assert "3 Secret(s) imported with their keys and type but without values" in err
    assert "Secret shop/db" in err and "--include-secret-values" in err
    secrets = {r.name: r for r in load_project(project) if r.kind == "Secret"}
    db = secrets["db"]
    assert db.manifest["data"] == {"password": "", "user": ""}
    assert db.manifest["type"] == "Opaque"
    assert db.manifest["metadata"]["annotations"] == {"team": "payments"}
    assert db.values_in_cluster == ("password", "user")
    assert secrets["web-tls"].manifest["type"] == "kubernetes.io/tls"
    assert secrets["pull"].values_in_cluster == (".dockerconfigjson",)


def test_the_wiring_checks_still_work_on_the_keys(stand_ins, cli, tmp_path):  # type: ignore[no-untyped-def]
    project, _err = _import_namespace(stand_ins, cli, tmp_path)
    document = load_project(project)
    findings = validate_document(document, WiringGraph(document, subscribe=False), None)
    missing = [f for f in findings if f.rule == "ref.key.missing"]
    assert len(missing) == 1 and "nope" in str(missing[0].message)  # password is there
    # a blank value of a required key is not "missing": it is in the cluster
    assert not [f for f in findings if f.rule.startswith("secret.")]


def test_cluster_import_with_values_warns(stand_ins, cli, tmp_path):  # type: ignore[no-untyped-def]
    project, err = _import_namespace(stand_ins, cli, tmp_path, "--include-secret-values")
    assert "warning:" in err and "holds the values of 3 Secret(s)" in err
    db = next(r for r in load_project(project) if r.name == "db")
    assert base64.b64decode(db.manifest["data"]["password"]).decode() == PASSWORD
    assert db.values_in_cluster == ()


def test_import_of_a_secret_dump_leaves_the_values_out(stand_ins, cli, tmp_path):  # type: ignore[no-untyped-def]
    single = tmp_path / "db.yaml"  # `kubectl get secret db -o yaml`
    single.write_text(yaml.safe_dump(SECRETS[0]), encoding="utf-8")
    listed = tmp_path / "all.yaml"  # `kubectl get secrets -o yaml`
    listed.write_text(yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": SECRETS[1:]}),
                      encoding="utf-8")
    written = tmp_path / "own.yaml"  # hand-written: not from a cluster, kept as written
    written.write_text("apiVersion: v1\nkind: Secret\nmetadata: {name: dev}\n"
                       "stringData: {token: dev-only}\n", encoding="utf-8")
    for strip in ((), ("--strip-cluster-fields",)):
        out = tmp_path / "dump.kcanvas"
        code, _out, err = cli("import", str(single), str(listed), str(written), "-o", str(out),
                              *strip)
        assert code == 0, err
        assert _leaks(out.read_text("utf-8")) == [] and "3 Secret(s) imported" in err
        by_name = {r.name: r for r in load_project(out)}
        assert by_name["db"].manifest["data"] == {"password": "", "user": ""}
        assert by_name["dev"].manifest["stringData"] == {"token": "dev-only"}
    code, _out, err = cli("import", str(single), "-o", str(out), "--include-secret-values")
    assert code == 0 and _b64(PASSWORD) in out.read_text("utf-8") and "warning:" in err


def test_export_refuses_blank_values_and_omit_secrets_writes_secrets_without_data(  # type: ignore[no-untyped-def]
        stand_ins, cli, tmp_path):
    project, _err = _import_namespace(stand_ins, cli, tmp_path)
    target = tmp_path / "out.yaml"
    code, _out, err = cli("export", str(project), "-o", str(target))
    assert code == 1 and not target.exists()
    assert "Secret shop/db (password, user)" in err and "--omit-secrets" in err
    assert "nothing was written" in err
    code, _out, err = cli("export", str(project), "-o", str(target), "--omit-secrets")
    assert code == 0, err
    assert "3 Secret(s) written without data or stringData" in err and "Secret shop/pull" in err
    documents = list(yaml.safe_load_all(target.read_text("utf-8")))
    secrets = [d for d in documents if d["kind"] == "Secret"]
    assert len(secrets) == 3
    assert all("data" not in d and "stringData" not in d and d["type"] for d in secrets)
    folder = tmp_path / "gitops"
    code, _out, err = cli("export", str(project), "-o", f"{folder}/", "--omit-secrets")
    assert code == 0, err
    written = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(folder.glob("secret-*"))]
    assert len(written) == 3 and not any({"data", "stringData"} & set(d) for d in written)


def test_a_secret_whose_value_was_typed_in_exports_normally(stand_ins, cli, tmp_path):  # type: ignore[no-untyped-def]
    project, _err = _import_namespace(stand_ins, cli, tmp_path)
    data = json.loads(project.read_text("utf-8"))
    kept = []
    for entry in data["resources"]:
        if entry["manifest"]["kind"] == "Secret" and entry["manifest"]["metadata"]["name"] != "db":
            continue
        if entry["manifest"]["kind"] == "Secret":
            entry["manifest"]["data"] = {"password": _b64("new"), "user": _b64("me")}
        kept.append(entry)
    data["resources"] = kept
    project.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = cli("export", str(project), "--force")
    assert code == 0, err
    assert _b64("new") in out


def test_cluster_apply_does_not_send_blank_values(stand_ins, cli, tmp_path):  # type: ignore[no-untyped-def]
    project, _err = _import_namespace(stand_ins, cli, tmp_path)
    code, _out, err = cli("cluster", "check", str(project))
    assert "not sent: Secret shop/db (password, user)" in err, err
    sent = [d for c in stand_ins.calls() if "apply" in c["args"][:3] for d in c["documents"]]
    assert [d["kind"] for d in sent] == ["Deployment"]
