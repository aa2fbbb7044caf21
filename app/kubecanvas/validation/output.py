"""Findings as text, JSON and SARIF 2.1.0.

Every format names the file and line of the field a finding is about (from the resource's origin),
so a terminal, a CI log and a code-scanning view all point at the same place. Resources created in
the editor have no file; they are listed under "(not saved)" and get no physical location.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from kubecanvas import __version__
from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.validation.findings import Finding, Severity, resource_ref
from kubecanvas.validation.registry import RULES, RULES_BY_ID

UNSAVED = "(not saved)"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def location(document: Document, finding: Finding) -> tuple[str | None, int | None]:
    """(file, line) of the finding's field, or (None, None) for an unsaved resource."""
    res = document.find(finding.resource_id) if finding.resource_id else None
    if res is None or res.origin is None:
        return None, None
    return res.origin.file, res.origin.line_of(finding.path)


def related_ref(document: Document, node: str) -> dict[str, str]:
    """The JSON name of a related node: a resource, a missing one, or a generated one."""
    res = document.find(node)
    if res is not None:
        return resource_ref(res)
    if node.startswith("missing:"):
        _, kind, namespace, name = node.split(":", 3)
        return {"apiVersion": "", "kind": kind, "namespace": namespace, "name": name}
    if node.startswith("generated:"):
        _, owner, kind, name = node.split(":", 3)
        owner_res = document.find(owner)
        ns = owner_res.namespace if owner_res is not None else ""
        return {"apiVersion": "", "kind": kind, "namespace": ns, "name": name}
    return {"apiVersion": "", "kind": "", "namespace": "", "name": node}


def summary(findings: Sequence[Finding], document: Document | None = None) -> dict[str, Any]:
    counts = Counter(f.severity.value for f in findings)
    out: dict[str, Any] = {"errors": counts.get("error", 0), "warnings": counts.get("warning", 0),
                           "info": counts.get("info", 0), "total": len(findings)}
    if document is not None:
        out["resources"] = len(document)
    out["rules"] = dict(sorted(Counter(f.rule for f in findings).items()))
    return out


def finding_to_json(document: Document, finding: Finding) -> dict[str, Any]:
    res = document.find(finding.resource_id) if finding.resource_id else None
    file, line = location(document, finding)
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "resource": resource_ref(res),
        "file": file,
        "line": line,
        "field": finding.field,
        "related": [related_ref(document, node) for node in finding.related],
        "fix": finding.fix.description if finding.fix is not None else None,
    }


def to_json_data(document: Document, findings: Sequence[Finding]) -> dict[str, Any]:
    return {"findings": [finding_to_json(document, f) for f in findings],
            "summary": summary(findings, document)}


def to_json(document: Document, findings: Sequence[Finding], indent: int | None = 2) -> str:
    """`{"findings": [...], "summary": {...}}` as the core issue defines it."""
    return json.dumps(to_json_data(document, findings), indent=indent, sort_keys=False)


def _label(res: Resource | None) -> str:
    return res.label() if res is not None else "(document)"


def to_text(document: Document, findings: Sequence[Finding]) -> str:
    """Findings grouped by file, each with its line, severity, rule, resource, field and fix."""
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for finding in findings:
        file, line = location(document, finding)
        groups.setdefault(file or UNSAVED, []).append((line or 0, finding))
    lines: list[str] = []
    for file in sorted(groups, key=lambda f: (f == UNSAVED, f)):
        lines.append(file)
        for line, finding in sorted(groups[file], key=lambda item: item[0]):
            res = document.find(finding.resource_id) if finding.resource_id else None
            where = f"{line}:" if line else "-:"
            field = f" {finding.field}:" if finding.field else ":"
            lines.append(f"  {where:<6}{finding.severity.value:<8}{finding.rule}  "
                         f"{_label(res)}{field} {finding.message}")
            if finding.fix is not None:
                lines.append(f"        fix: {finding.fix.description}")
    counts = summary(findings)
    lines.append(f"{counts['errors']} error(s), {counts['warnings']} warning(s), "
                 f"{counts['info']} info")
    return "\n".join(lines) + "\n"


_DOCS = "https://kubernetes.io/docs/"
#: Where to read about a rule's subject, by rule id prefix (first match wins).
HELP_PAGES: tuple[tuple[str, str], ...] = (
    ("api.", "reference/using-api/deprecation-guide/"),
    ("schema.", "reference/kubernetes-api/"),
    ("meta.labels", "concepts/overview/working-with-objects/labels/"),
    ("meta.annotations", "concepts/overview/working-with-objects/annotations/"),
    ("meta.", "concepts/overview/working-with-objects/names/"),
    ("sel.", "concepts/overview/working-with-objects/labels/#label-selectors"),
    ("svc.selector", "concepts/overview/working-with-objects/labels/#label-selectors"),
    ("pod.probe", "concepts/configuration/liveness-readiness-startup-probes/"),
    ("wire.pod.namedProbePort", "concepts/configuration/liveness-readiness-startup-probes/"),
    ("pod.resources", "concepts/configuration/manage-resources-containers/"),
    ("pod.tolerations", "concepts/scheduling-eviction/taint-and-toleration/"),
    ("pod.affinity", "concepts/scheduling-eviction/assign-pod-node/"),
    ("pod.nodeSelector", "concepts/scheduling-eviction/assign-pod-node/"),
    ("pod.topologySpread", "concepts/scheduling-eviction/topology-spread-constraints/"),
    ("pod.dnsConfig", "concepts/services-networking/dns-pod-service/"),
    ("pod.volume", "concepts/storage/volumes/"),
    ("pod.mount", "concepts/storage/volumes/"),
    ("pod.env", "tasks/inject-data-application/environment-variable-expose-pod-information/"),
    ("wire.pod.resourceFieldRef", "concepts/workloads/pods/downward-api/"),
    ("pod.initContainer", "concepts/workloads/pods/init-containers/"),
    ("pod.", "concepts/workloads/pods/"),
    ("deploy.", "concepts/workloads/controllers/deployment/"),
    ("workload.", "concepts/workloads/controllers/deployment/"),
    ("sts.", "concepts/workloads/controllers/statefulset/"),
    ("statefulset.", "concepts/workloads/controllers/statefulset/"),
    ("job.", "concepts/workloads/controllers/job/"),
    ("cron.", "concepts/workloads/controllers/cron-jobs/"),
    ("svc.", "concepts/services-networking/service/"),
    ("service.", "concepts/services-networking/service/"),
    ("ingclass.", "concepts/services-networking/ingress/#ingress-class"),
    ("ing.", "concepts/services-networking/ingress/"),
    ("ingress.", "concepts/services-networking/ingress/"),
    ("cm.", "concepts/configuration/configmap/"),
    ("secret.", "concepts/configuration/secret/"),
    ("ref.key", "concepts/configuration/configmap/"),
    ("pv.", "concepts/storage/persistent-volumes/"),
    ("pvc.", "concepts/storage/persistent-volumes/"),
    ("hpa.", "tasks/run-application/horizontal-pod-autoscale/"),
    ("networkpolicy.", "concepts/services-networking/network-policies/"),
    ("pdb.", "concepts/workloads/pods/disruptions/"),
    ("rbac.", "reference/access-authn-authz/rbac/"),
    ("apply.crd", "tasks/extend-kubernetes/custom-resources/custom-resource-definitions/"),
    ("apply.", "tasks/manage-kubernetes-objects/declarative-config/"),
)
DEFAULT_HELP = "concepts/overview/working-with-objects/"


def help_uri(rule_id: str) -> str:
    """A Kubernetes documentation page about the subject of `rule_id` (SARIF `helpUri`)."""
    page = next((page for prefix, page in HELP_PAGES if rule_id.startswith(prefix)),
                DEFAULT_HELP)
    return _DOCS + page


def sarif_uri(file: str, base: Path | None = None) -> tuple[str, bool]:
    """(URI, relative?) of a file for SARIF: relative to `base` (default the working directory)
    when it lies below it, so code scanning maps it onto the repository; else an absolute
    `file:` URI."""
    base = (base or Path.cwd()).resolve()
    path = Path(file)
    if not path.is_absolute():
        return quote(PurePosixPath(*path.parts).as_posix()), True
    try:
        relative = path.resolve().relative_to(base)
    except ValueError:
        return path.resolve().as_uri(), False
    return quote(PurePosixPath(*relative.parts).as_posix()), True


def sarif_location(file: str, region: dict[str, int]) -> dict[str, Any]:
    uri, relative = sarif_uri(file)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


SRCROOT = "%SRCROOT%"


def _sarif_rule(rule_id: str) -> dict[str, Any]:
    rule = RULES_BY_ID.get(rule_id)
    summary_text = rule.summary if rule is not None else rule_id
    level = _SARIF_LEVEL[rule.severity] if rule is not None else "warning"
    out = {"id": rule_id, "name": rule_id, "shortDescription": {"text": summary_text},
           "fullDescription": {"text": summary_text}, "helpUri": help_uri(rule_id),
           "help": {"text": f"{summary_text} (KubeCanvas rule {rule_id})"},
           "defaultConfiguration": {"level": level}}
    if rule is not None and rule.url:  # a rule that declares why it matters and where to read
        out["helpUri"] = rule.url
        out["fullDescription"] = {"text": f"{summary_text} {rule.why}"}
        out["help"] = {"text": f"{summary_text} {rule.why} See {rule.url} (KubeCanvas rule "
                               f"{rule_id}, profile {rule.profile})",
                       "markdown": f"{summary_text}\n\n{rule.why}\n\n[Kubernetes "
                                   f"documentation]({rule.url}) (KubeCanvas rule `{rule_id}`, "
                                   f"profile `{rule.profile}`)"}
        out["properties"] = {"tags": [rule.profile, rule_id.split(".", 1)[0]]}
    return out


def _sarif_result(document: Document, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    res = document.find(finding.resource_id) if finding.resource_id else None
    file, line = location(document, finding)
    # A code-scanning alert shows message.text alone: it names the resource and field itself.
    text = finding.message if res is None else (
        f"{_label(res)}{' ' + finding.field if finding.field else ''}: {finding.message}")
    if finding.fix is not None:
        text += f" Fix: {finding.fix.description}."
    loc: dict[str, Any] = {}
    if file is not None:
        loc.update(sarif_location(file, {"startLine": max(1, line or 1)}))
    if res is not None:
        ns = f"{res.namespace}/" if res.namespace else ""
        fqn = f"{res.kind}/{ns}{res.name}" + (f"#{finding.field}" if finding.field else "")
        loc["logicalLocations"] = [{"fullyQualifiedName": fqn, "kind": "resource"}]
    result: dict[str, Any] = {"ruleId": finding.rule, "ruleIndex": index[finding.rule],
                              "level": _SARIF_LEVEL[finding.severity], "message": {"text": text}}
    if loc:
        result["locations"] = [loc]
    return result


def to_sarif_data(document: Document, findings: Sequence[Finding],
                  all_rules: bool = True) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; `all_rules` lists every registered rule in the driver."""
    ids: list[str] = [rule.id for rule in RULES] if all_rules else []
    for finding in findings:
        if finding.rule not in ids:
            ids.append(finding.rule)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    driver = {"name": "KubeCanvas", "version": __version__,
              "rules": [_sarif_rule(rule_id) for rule_id in ids]}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": driver},
                      "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri()
                                                       + "/"}},
                      "results": [_sarif_result(document, f, index) for f in findings]}]}


def to_sarif(document: Document, findings: Sequence[Finding], indent: int | None = 2) -> str:
    return json.dumps(to_sarif_data(document, findings), indent=indent)


FORMATS = ("text", "json", "sarif")


def render(document: Document, findings: Iterable[Finding], fmt: str = "text") -> str:
    """Render in one of FORMATS."""
    items = list(findings)
    if fmt == "text":
        return to_text(document, items)
    if fmt == "json":
        return to_json(document, items)
    if fmt == "sarif":
        return to_sarif(document, items)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
