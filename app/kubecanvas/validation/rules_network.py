"""Service rules by type (catalogue section 10: LoadBalancer, traffic policies, clusterIPs,
ipFamilies, ExternalName, session affinity) and Ingress class rules (section 11).

Defaults first (catalogue 0.4): a Service is ClusterIP, its externalTrafficPolicy is only
defaulted when it is externally reachable, a port's protocol is TCP.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.korean import eun_neun
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import (
    Finding,
    invalid_value,
    unsupported_value,
)
from kubecanvas.validation.rule import INFO, E, Rule, RuleId
from kubecanvas.validation.versions import version_tuple

# --- the rule ids this module reports ------------------------------------------------------------
SVC_CLUSTER_IPS_SYNC = RuleId("svc.clusterIPs.sync")
SVC_IP_FAMILIES = RuleId("svc.ipFamilies")
SVC_EXTERNAL_NAME_NO_IPS = RuleId("svc.externalName.noIPs")
SVC_EXTERNAL_NAME_SELECTOR = RuleId("svc.externalName.selector")
SVC_EXTERNAL_TRAFFIC_POLICY = RuleId("svc.externalTrafficPolicy")
SVC_HEALTH_CHECK_NODE_PORT = RuleId("svc.healthCheckNodePort")
SVC_TRAFFIC_DISTRIBUTION = RuleId("svc.trafficDistribution")
SVC_LB_TYPE_ONLY = RuleId("svc.lb.typeOnly")
SVC_LB_SOURCE_RANGES = RuleId("svc.lb.sourceRanges")
SVC_LB_KUBELET_PORT = RuleId("svc.lb.kubeletPort")
SVC_SESSION_AFFINITY = RuleId("svc.sessionAffinity")
SVC_NODE_PORT_UNIQUE = RuleId("svc.nodePort.unique")
SVC_PORT_APP_PROTOCOL = RuleId("svc.port.appProtocol")
SVC_EXTERNAL_IPS = RuleId("svc.externalIPs")
INGCLASS_CONTROLLER = RuleId("ingclass.controller")
INGCLASS_PARAMETERS = RuleId("ingclass.parameters")
ING_CLASS_NAME = RuleId("ing.className")
ING_CLASS_NAME_ANNOTATION = RuleId("ing.className.annotation")

KUBELET_PORT = 10250
INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class"




def _family(ip: str) -> int | None:
    try:
        return ipaddress.ip_address(ip).version
    except ValueError:
        return None


def service_types(ctx: Context) -> Iterator[Finding]:
    """`svc.*` rules that depend on the Service type and its IP fields."""
    for res in ctx.targets("Service"):
        spec = res.spec
        kind = spec.get("type") or "ClusterIP"
        yield from _cluster_ips(ctx, res, spec, kind)
        yield from _traffic_policies(ctx, res, spec, kind)
        yield from _load_balancer(ctx, res, spec, kind)
        yield from _session_affinity(ctx, res, spec)
        yield from _ports(ctx, res, spec, kind)
        for i, ip in enumerate(as_list(spec.get("externalIPs"))):
            yield from _external_ip(ctx, res, ("spec", "externalIPs", i), str(ip))


def _cluster_ips(ctx: Context, res: Resource, spec: Mapping[str, Any],
                 kind: str) -> Iterator[Finding]:
    ips = [str(x) for x in as_list(spec.get("clusterIPs"))]
    cluster_ip = spec.get("clusterIP")
    if kind == "ExternalName":
        for key in ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"):
            if spec.get(key) not in (None, "", []):
                yield ctx.report(SVC_EXTERNAL_NAME_NO_IPS, res, Text(
                    "may not be set for ExternalName services",
                    "ExternalName 서비스에는 설정할 수 없습니다"), ("spec", key))
        return
    if ips:
        if cluster_ip in (None, ""):
            yield ctx.report(SVC_CLUSTER_IPS_SYNC, res, Text(
                "clusterIPs set without clusterIP; set clusterIP to the first value",
                "clusterIP 없이 clusterIPs가 설정되어 있습니다. clusterIP를 첫 번째 값으로 설정해야 "
                "합니다"), ("spec", "clusterIPs"))
        elif ips[0] != cluster_ip:
            yield ctx.report(SVC_CLUSTER_IPS_SYNC, res,
                             invalid_value(ips[0], f'first value must match `clusterIP` '
                                                   f'("{cluster_ip}")'), ("spec", "clusterIPs", 0))
        if "None" in ips and ips != ["None"]:
            yield ctx.report(SVC_CLUSTER_IPS_SYNC, res,
                             Text("'None' must be the first and only value",
                                  "'None'은 첫 번째이자 유일한 값이어야 합니다"), ("spec", "clusterIPs"))
        families = [_family(ip) for ip in ips if ip != "None"]
        if len(ips) > 2 or len(set(families)) != len(families):
            yield ctx.report(SVC_CLUSTER_IPS_SYNC, res, Text(
                "may specify no more than one IP for each IP family",
                "IP 패밀리마다 IP는 하나만 지정할 수 있습니다"), ("spec", "clusterIPs"))
    yield from _ip_families(ctx, res, spec, ips)


def _ip_families(ctx: Context, res: Resource, spec: Mapping[str, Any],
                 ips: list[str]) -> Iterator[Finding]:
    families = [str(f) for f in as_list(spec.get("ipFamilies"))]
    for i, family in enumerate(families):
        if family not in ("IPv4", "IPv6"):
            yield ctx.report(SVC_IP_FAMILIES, res, unsupported_value(family, '"IPv4", "IPv6"'),
                             ("spec", "ipFamilies", i))
    if len(families) > 2 or len(set(families)) != len(families):
        yield ctx.report(SVC_IP_FAMILIES, res, Text(
            "may specify no more than one entry per IP family (at most 2)",
            "IP 패밀리마다 항목은 하나만 지정할 수 있습니다(최대 2개)"), ("spec", "ipFamilies"))
    policy = spec.get("ipFamilyPolicy")
    if policy in (None, "SingleStack") and (len(families) > 1 or len(
            [ip for ip in ips if ip != "None"]) > 1):
        yield ctx.report(SVC_IP_FAMILIES, res, Text(
            "two IP families need ipFamilyPolicy PreferDualStack or RequireDualStack",
            "IP 패밀리가 둘이면 ipFamilyPolicy가 PreferDualStack이나 RequireDualStack이어야 합니다"),
            ("spec", "ipFamilyPolicy"))
    for i, ip in enumerate(ips):
        if i < len(families) and ip != "None" and _family(ip) is not None and \
                f"IPv{_family(ip)}" != families[i]:
            yield ctx.report(SVC_IP_FAMILIES, res, Text(
                f'invalid value "{families[i]}": does not match clusterIPs[{i}] ("{ip}")',
                f'잘못된 값 "{families[i]}": clusterIPs[{i}]("{ip}")와 맞지 않습니다'),
                ("spec", "ipFamilies", i))


def _traffic_policies(ctx: Context, res: Resource, spec: Mapping[str, Any],
                      kind: str) -> Iterator[Finding]:
    external = kind in ("NodePort", "LoadBalancer") or bool(as_list(spec.get("externalIPs")))
    if spec.get("externalTrafficPolicy") not in (None, "") and not external:
        yield ctx.report(SVC_EXTERNAL_TRAFFIC_POLICY, res,
                         Text(f'invalid value "{spec["externalTrafficPolicy"]}": may only be set '
                              f"for externally-accessible services (NodePort, LoadBalancer, or "
                              f"with externalIPs)",
                              f'잘못된 값 "{spec["externalTrafficPolicy"]}": 외부에서 접근할 수 '
                              f"있는 서비스(NodePort, LoadBalancer, 또는 externalIPs가 있는 "
                              f"서비스)에만 설정할 수 있습니다"), ("spec", "externalTrafficPolicy"))
    health = spec.get("healthCheckNodePort")
    if health not in (None, 0) and not (kind == "LoadBalancer" and
                                        spec.get("externalTrafficPolicy") == "Local"):
        yield ctx.report(SVC_HEALTH_CHECK_NODE_PORT, res, Text(
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is "
            "'Local'",
            "`type`이 'LoadBalancer'이고 `externalTrafficPolicy`가 'Local'일 때만 설정할 수 있습니다"),
                         ("spec", "healthCheckNodePort"))
    distribution = spec.get("trafficDistribution")
    allowed = ["PreferClose"]
    if version_tuple(ctx.kube_version) >= (1, 33):
        allowed += ["PreferSameZone", "PreferSameNode"]
    if distribution is not None and distribution not in allowed:
        yield ctx.report(SVC_TRAFFIC_DISTRIBUTION, res,
                         unsupported_value(distribution, ", ".join(allowed)),
                         ("spec", "trafficDistribution"))


def _load_balancer(ctx: Context, res: Resource, spec: Mapping[str, Any],
                   kind: str) -> Iterator[Finding]:
    if kind != "LoadBalancer":
        for key in ("allocateLoadBalancerNodePorts", "loadBalancerSourceRanges",
                    "loadBalancerClass"):
            if spec.get(key) not in (None, []):
                yield ctx.report(SVC_LB_TYPE_ONLY, res, Text(
                    "may only be used when `type` is 'LoadBalancer'",
                    "`type`이 'LoadBalancer'일 때만 쓸 수 있습니다"), ("spec", key))
        return
    for i, cidr in enumerate(as_list(spec.get("loadBalancerSourceRanges"))):
        try:
            ipaddress.ip_network(str(cidr).strip(), strict=False)
        except ValueError:
            yield ctx.report(SVC_LB_SOURCE_RANGES, res, invalid_value(
                cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"),
                             ("spec", "loadBalancerSourceRanges", i))
    for i, port in enumerate(as_list(spec.get("ports"))):
        if as_mapping(port).get("port") == KUBELET_PORT:
            yield ctx.report(SVC_LB_KUBELET_PORT, res, Text(
                f"may not expose port {KUBELET_PORT} externally since it is used by kubelet",
                f"포트 {KUBELET_PORT}{eun_neun(KUBELET_PORT)} kubelet이 쓰므로 외부에 노출할 수 없습니다"),
                ("spec", "ports", i, "port"))


def _session_affinity(ctx: Context, res: Resource, spec: Mapping[str, Any]) -> Iterator[Finding]:
    config = spec.get("sessionAffinityConfig")
    if (spec.get("sessionAffinity") or "None") == "None":
        if config is not None:
            yield ctx.report(SVC_SESSION_AFFINITY, res, Text(
                "must not be set when session affinity is None",
                "세션 어피니티가 None이면 설정할 수 없습니다"), ("spec", "sessionAffinityConfig"))
        return
    timeout = as_mapping(as_mapping(config).get("clientIP")).get("timeoutSeconds")
    if isinstance(timeout, int) and not 0 < timeout <= 86400:
        yield ctx.report(SVC_SESSION_AFFINITY, res, Text(
            f"invalid value {timeout}: must be greater than 0 and less than 86400",
            f"잘못된 값 {timeout}: 0보다 크고 86400보다 작아야 합니다"),
            ("spec", "sessionAffinityConfig", "clientIP", "timeoutSeconds"))


def _ports(ctx: Context, res: Resource, spec: Mapping[str, Any], kind: str) -> Iterator[Finding]:
    seen: set[tuple[int, str]] = set()
    for i, port in enumerate(as_list(spec.get("ports"))):
        port = as_mapping(port)
        number = port.get("nodePort")
        if isinstance(number, int) and number:
            key = (number, str(port.get("protocol") or "TCP"))
            if key in seen:
                yield ctx.report(SVC_NODE_PORT_UNIQUE, res, Text(
                    f"duplicate value {number}", f"중복된 값 {number}"),
                                 ("spec", "ports", i, "nodePort"))
            seen.add(key)
        app = port.get("appProtocol")
        if isinstance(app, str) and p.qualified_name(app):
            yield ctx.report(SVC_PORT_APP_PROTOCOL, res, invalid_value(
                app, p.qualified_name(app)[0]), ("spec", "ports", i, "appProtocol"))
    if kind == "ExternalName" and spec.get("selector"):
        yield ctx.report(SVC_EXTERNAL_NAME_SELECTOR, res, Text(
            "the selector of an ExternalName Service is ignored (it is a DNS CNAME to "
            "externalName)",
            "ExternalName 서비스의 셀렉터는 무시됩니다(externalName을 가리키는 DNS CNAME입니다)"),
                         ("spec", "selector"))


def _external_ip(ctx: Context, res: Resource, path: FieldPath, ip: str) -> Iterator[Finding]:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        yield ctx.report(SVC_EXTERNAL_IPS, res, invalid_value(
            ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"), path)
        return
    if address.is_unspecified or address.is_loopback or address.is_link_local or \
            (address.is_multicast and address.is_link_local):
        yield ctx.report(SVC_EXTERNAL_IPS, res, Text(
            f'invalid value "{ip}": may not be unspecified, loopback or link-local',
            f'잘못된 값 "{ip}": 지정되지 않은 주소, 루프백, 링크 로컬 주소일 수 없습니다'), path)


def ingress_classes(ctx: Context) -> Iterator[Finding]:
    """`ingclass.*` and `ing.className*`: IngressClass specs and how Ingresses name a class."""
    for res in ctx.targets("IngressClass"):
        controller = res.spec.get("controller")
        if isinstance(controller, str) and not p.domain_prefixed_path(controller):
            yield ctx.report(INGCLASS_CONTROLLER, res, Text(
                f'invalid value "{controller}": must be a domain-prefixed path (such as '
                f'"acme.io/foo"), at most 250 characters',
                f'잘못된 값 "{controller}": 250자 이하의 도메인 접두사가 붙은 경로(예: '
                f'"acme.io/foo")여야 합니다'), ("spec", "controller"))
        params = res.spec.get("parameters")
        if isinstance(params, Mapping):
            yield from _class_parameters(ctx, res, params)
    for res in ctx.targets("Ingress"):
        name = res.spec.get("ingressClassName")
        if isinstance(name, str) and p.dns1123_subdomain(name):
            yield ctx.report(ING_CLASS_NAME, res, invalid_value(
                name, p.dns1123_subdomain(name)[0]), ("spec", "ingressClassName"))
        annotation = as_mapping(res.metadata.get("annotations")).get(INGRESS_CLASS_ANNOTATION)
        if isinstance(name, str) and annotation is not None and annotation != name:
            yield ctx.report(ING_CLASS_NAME_ANNOTATION, res, Text(
                f'invalid value "{annotation}": must match `ingressClassName` when both are '
                f"specified",
                f'잘못된 값 "{annotation}": 둘 다 지정되면 `ingressClassName`과 같아야 합니다'),
                             ("metadata", "annotations", INGRESS_CLASS_ANNOTATION))


def _class_parameters(ctx: Context, res: Resource,
                      params: Mapping[str, Any]) -> Iterator[Finding]:
    base: FieldPath = ("spec", "parameters")
    # networking/v1 defaulting sets a missing scope to Cluster (SetDefaults_IngressClass).
    scope, namespace = params.get("scope") or "Cluster", params.get("namespace")
    for key in ("kind", "name"):
        if not params.get(key):
            yield ctx.report(INGCLASS_PARAMETERS, res, Text("required value", "필수 값입니다"),
                             (*base, key))
    if scope not in ("Namespace", "Cluster"):
        yield ctx.report(INGCLASS_PARAMETERS, res,
                         unsupported_value(scope, '"Cluster", "Namespace"'), (*base, "scope"))
    elif scope == "Namespace" and not namespace:
        yield ctx.report(INGCLASS_PARAMETERS, res, Text(
            "required value: `parameters.scope` is set to 'Namespace'",
            "필수 값: `parameters.scope`가 'Namespace'로 설정되어 있습니다"), (*base, "namespace"))
    elif scope == "Cluster" and namespace:
        yield ctx.report(INGCLASS_PARAMETERS, res, Text(
            "forbidden: `parameters.scope` is set to 'Cluster'",
            "금지됨: `parameters.scope`가 'Cluster'로 설정되어 있습니다"), (*base, "namespace"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(SVC_CLUSTER_IPS_SYNC, E, "clusterIPs does not start with clusterIP, mixes None, or "
         "repeats an IP family.", service_types),
    Rule(SVC_IP_FAMILIES, E, "ipFamilies with unknown or repeated families, two families under "
         "SingleStack, or not matching clusterIPs.", service_types),
    Rule(SVC_EXTERNAL_NAME_NO_IPS, E, "An ExternalName Service sets clusterIP(s), ipFamilies or "
         "ipFamilyPolicy.", service_types),
    Rule(SVC_EXTERNAL_NAME_SELECTOR, INFO, "The selector of an ExternalName Service is ignored.",
         service_types),
    Rule(SVC_EXTERNAL_TRAFFIC_POLICY, E, "externalTrafficPolicy on a Service that is not "
         "externally accessible.", service_types),
    Rule(SVC_HEALTH_CHECK_NODE_PORT, E, "healthCheckNodePort without type LoadBalancer and "
         "externalTrafficPolicy Local.", service_types),
    Rule(SVC_TRAFFIC_DISTRIBUTION, E, "trafficDistribution is not a supported value for the "
         "target version.", service_types),
    Rule(SVC_LB_TYPE_ONLY, E, "allocateLoadBalancerNodePorts, loadBalancerSourceRanges or "
         "loadBalancerClass on a non-LoadBalancer Service.", service_types),
    Rule(SVC_LB_SOURCE_RANGES, E, "A loadBalancerSourceRanges entry is not a CIDR.",
         service_types),
    Rule(SVC_LB_KUBELET_PORT, E, "A LoadBalancer exposes port 10250 (the kubelet's).",
         service_types),
    Rule(SVC_SESSION_AFFINITY, E, "sessionAffinityConfig with affinity None, or a ClientIP "
         "timeout outside 1-86400.", service_types),
    Rule(SVC_NODE_PORT_UNIQUE, E, "The same nodePort and protocol twice in one Service.",
         service_types),
    Rule(SVC_PORT_APP_PROTOCOL, E, "appProtocol is not a qualified name.", service_types),
    Rule(SVC_EXTERNAL_IPS, E, "An externalIPs entry is not an IP, or is unspecified, loopback or "
         "link-local.", service_types),
    Rule(INGCLASS_CONTROLLER, E, "An IngressClass controller is not a domain-prefixed path.",
         ingress_classes),
    Rule(INGCLASS_PARAMETERS, E, "IngressClass parameters without kind/name, or with a "
         "scope/namespace mismatch.", ingress_classes),
    Rule(ING_CLASS_NAME, E, "ingressClassName is not a DNS subdomain.", ingress_classes),
    Rule(ING_CLASS_NAME_ANNOTATION, E, "The kubernetes.io/ingress.class annotation differs from "
         "ingressClassName.", ingress_classes),
)
