"""Wiring mistakes found in real apps that no peer reports (default profile).

- `hpa.metric.requestMissing`: an HPA with a Utilization target (CPU or memory, `Resource` or
  `ContainerResource`, or the 80 % CPU an HPA gets when it names no metric) scales a workload
  whose containers lack that request: the autoscaler cannot compute a utilization and never
  scales (FailedGetResourceMetric, "missing request for cpu").
- `hpa.replicas.range`: minReplicas above maxReplicas; the API server refuses it.
- `networkpolicy.port.undeclared`: an ingress rule allows a port by name that no selected pod
  declares; a named port matches nothing then, so the traffic the rule meant to let in is
  dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.hardening.declare import (
    DOCS,
    Declared,
    E,
    W,
    container_label,
    pod_view,
)
from kubecanvas.validation.hardening.reliability import SUGGESTED, ask_field
from kubecanvas.validation.profiles import DEFAULT
from kubecanvas.validation.rule import RuleId

# --- the rule ids this module reports ------------------------------------------------------------
HPA_METRIC_REQUEST_MISSING = RuleId("hpa.metric.requestMissing")
HPA_REPLICAS_RANGE = RuleId("hpa.replicas.range")
NETWORKPOLICY_PORT_UNDECLARED = RuleId("networkpolicy.port.undeclared")

HPA_URL = DOCS + "tasks/run-application/horizontal-pod-autoscale/"


def utilization_metrics(hpa: Resource) -> Iterator[tuple[str, str | None, FieldPath]]:
    """(resource name, container or None, path) of every Utilization target of an HPA."""
    spec = hpa.spec
    if hpa.api_version == "autoscaling/v1":
        yield "cpu", None, ("spec", "targetCPUUtilizationPercentage")
        return
    metrics = as_list(spec.get("metrics"))
    if not metrics:
        yield "cpu", None, ("spec", "metrics")  # the API defaults to 80 % CPU utilization
        return
    for i, metric in enumerate(metrics):
        metric = as_mapping(metric)
        kind = metric.get("type")
        key = "resource" if kind == "Resource" else "containerResource" \
            if kind == "ContainerResource" else None
        if key is None:
            continue
        body = as_mapping(metric.get(key))
        target = as_mapping(body.get("target"))
        if target.get("type") == "Utilization" or "targetAverageUtilization" in body:
            container = str(body.get("container") or "") if key == "containerResource" else None
            yield str(body.get("name") or ""), container, ("spec", "metrics", i, key)


def _has_request(container: Mapping[str, Any], name: str) -> bool:
    resources = as_mapping(container.get("resources"))
    return name in as_mapping(resources.get("requests")) \
        or name in as_mapping(resources.get("limits"))


def hpa_requests(ctx: Context) -> Iterator[Finding]:
    """`hpa.metric.requestMissing`."""
    for hpa in ctx.targets("HorizontalPodAutoscaler"):
        targets = [t for t in (ctx.resource(e.target) for e in
                               ctx.out_edges(hpa.id, EdgeType.SCALES)) if t is not None]
        for target in targets:
            view = pod_view(target)
            if view is None:
                continue
            for name, only, path in utilization_metrics(hpa):
                if name not in ("cpu", "memory"):
                    continue
                for c, cpath, section in view.containers(init=False):
                    if (only is not None and c.get("name") != only) or _has_request(c, name):
                        continue
                    who = container_label(c, section)
                    where = (*cpath, "resources", "requests", name)
                    yield ctx.report(HPA_METRIC_REQUEST_MISSING, hpa, Text(
                        f"the HPA scales {target.label()} on {name} utilization, but {who.en} "
                        f"sets no {name} request: utilization is usage divided by request, so "
                        f"the autoscaler reports FailedGetResourceMetric and never scales. Set "
                        f"resources.requests.{name}.",
                        f"HPA가 {name} 사용률로 스케일하지만 {who.ko}에 {name} 요청량이 없습니다. "
                        f"사용률은 사용량을 요청량으로 나눈 값이라 오토스케일러가 "
                        f"FailedGetResourceMetric을 보고하고 스케일하지 않습니다. "
                        f"resources.requests.{name} 값을 설정합니다."), path, (target.id,),
                        ask_field(target, where, Text(
                            f"{name} request for {who.en} of {target.label()}",
                            f"{target.label()}의 {who.ko} {name} 요청량"), SUGGESTED[name],
                            Text(f"set resources.requests.{name} of {who.en} in "
                                 f"{target.label()}",
                                 f"{target.label()}의 {who.ko}에 resources.requests.{name} 값을 "
                                 "설정합니다")))


def hpa_range(ctx: Context) -> Iterator[Finding]:
    """`hpa.replicas.range`."""
    for hpa in ctx.targets("HorizontalPodAutoscaler"):
        low, high = hpa.spec.get("minReplicas", 1), hpa.spec.get("maxReplicas")
        if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool) \
                and not isinstance(high, bool) and low > high:
            yield ctx.report(HPA_REPLICAS_RANGE, hpa, Text(
                f"minReplicas ({low}) is greater than maxReplicas ({high}); the API server "
                "refuses the HPA. Raise maxReplicas or lower minReplicas.",
                f"minReplicas({low})가 maxReplicas({high})보다 큽니다. API 서버가 HPA를 거부합니다. "
                "maxReplicas를 올리거나 minReplicas를 내립니다."), ("spec", "minReplicas"))


def _declared_ports(ctx: Context, rids: list[str]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for rid in rids:
        res = ctx.resource(rid)
        view = pod_view(res) if res is not None else None
        if view is None:
            continue
        for c, _path, _section in view.containers():
            for port in as_list(c.get("ports")):
                port = as_mapping(port)
                if port.get("name"):
                    out.add((str(port["name"]), str(port.get("protocol") or "TCP")))
    return out


def policy_ports(ctx: Context) -> Iterator[Finding]:
    """`networkpolicy.port.undeclared` (ingress rules: their ports are the selected pods')."""
    for policy in ctx.targets("NetworkPolicy"):
        selected = [e.target for e in ctx.out_edges(policy.id, EdgeType.SELECTS)]
        if not selected:
            continue
        declared = None
        for i, rule in enumerate(as_list(policy.spec.get("ingress"))):
            for j, port in enumerate(as_list(as_mapping(rule).get("ports"))):
                name = as_mapping(port).get("port")
                if not isinstance(name, str) or name.isdigit():
                    continue
                protocol = str(as_mapping(port).get("protocol") or "TCP")
                if declared is None:
                    declared = _declared_ports(ctx, selected)
                if (name, protocol) in declared:
                    continue
                yield ctx.report(NETWORKPOLICY_PORT_UNDECLARED, policy, Text(
                    f'ingress port "{name}" ({protocol}) is not a port name any selected pod '
                    "declares: a named port matches nothing then, so the traffic this rule meant "
                    "to allow is dropped. Use the name the containers declare, or a number.",
                    f'ingress 포트 "{name}"({protocol}): 선택된 어떤 파드도 선언하지 않은 포트 '
                    "이름입니다. 이름 포트가 아무것도 가리키지 않아 이 규칙이 허용하려던 트래픽이 "
                    "차단됩니다. 컨테이너가 선언한 이름이나 번호를 씁니다."),
                    ("spec", "ingress", i, "ports", j, "port"), tuple(selected))


DECLARED: tuple[Declared, ...] = (
    Declared(HPA_METRIC_REQUEST_MISSING, W,
             "An HPA scales on CPU or memory utilization, but a container of its target sets "
             "no such request.",
             "HPA가 CPU나 메모리 사용률로 스케일하는데 대상의 컨테이너에 그 요청량이 없습니다.",
             "Utilization is usage divided by the request; without a request the autoscaler "
             "fails with FailedGetResourceMetric and never scales.",
             "사용률은 사용량을 요청량으로 나눈 값입니다. 요청량이 없으면 오토스케일러가 "
             "FailedGetResourceMetric으로 실패해 스케일하지 않습니다.",
             HPA_URL + "#support-for-resource-metrics", hpa_requests, DEFAULT),
    Declared(HPA_REPLICAS_RANGE, E, "An HPA's minReplicas is greater than its maxReplicas.",
             "HPA의 minReplicas가 maxReplicas보다 큽니다.",
             "The API server validates the range and refuses the object.",
             "API 서버가 범위를 검사해 오브젝트를 거부합니다.",
             HPA_URL, hpa_range, DEFAULT),
    Declared(NETWORKPOLICY_PORT_UNDECLARED, W,
             "A NetworkPolicy ingress rule allows a port name no selected pod declares.",
             "네트워크폴리시 ingress 규칙이 선택된 어떤 파드도 선언하지 않은 포트 이름을 허용합니다.",
             "A named port is resolved on each selected pod; where no container declares it the "
             "rule allows nothing, and a default-deny policy then drops the traffic.",
             "이름 포트는 선택된 파드마다 해석됩니다. 선언한 컨테이너가 없으면 규칙이 아무것도 허용하지 "
             "않아 기본 거부 정책이 트래픽을 차단합니다.",
             DOCS + "concepts/services-networking/network-policies/", policy_ports, DEFAULT),
)
