"""Service rules by type (catalogue section 10: LoadBalancer, traffic policies, clusterIPs,
ipFamilies, ExternalName, session affinity) and Ingress class rules (section 11).

Defaults first (catalogue 0.4): a Service is ClusterIP, its externalTrafficPolicy is only
defaulted when it is externally reachable, a port's protocol is TCP.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.resource import Resource
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.versions import version_tuple

Path = tuple[str | int, ...]
KUBELET_PORT = 10250
INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


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
        for i, ip in enumerate(_list(spec.get("externalIPs"))):
            yield from _external_ip(ctx, res, ("spec", "externalIPs", i), str(ip))


def _cluster_ips(ctx: Context, res: Resource, spec: Mapping[str, Any],
                 kind: str) -> Iterator[Finding]:
    ips = [str(x) for x in _list(spec.get("clusterIPs"))]
    cluster_ip = spec.get("clusterIP")
    if kind == "ExternalName":
        for key in ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"):
            if spec.get(key) not in (None, "", []):
                yield ctx.report("svc.externalName.noIPs", res,
                                 "may not be set for ExternalName services", ("spec", key))
        return
    if ips:
        if cluster_ip in (None, ""):
            yield ctx.report("svc.clusterIPs.sync", res, "clusterIPs set without clusterIP; "
                             "set clusterIP to the first value", ("spec", "clusterIPs"))
        elif ips[0] != cluster_ip:
            yield ctx.report("svc.clusterIPs.sync", res,
                             f'invalid value "{ips[0]}": first value must match `clusterIP` '
                             f'("{cluster_ip}")', ("spec", "clusterIPs", 0))
        if "None" in ips and ips != ["None"]:
            yield ctx.report("svc.clusterIPs.sync", res,
                             "'None' must be the first and only value", ("spec", "clusterIPs"))
        families = [_family(ip) for ip in ips if ip != "None"]
        if len(ips) > 2 or len(set(families)) != len(families):
            yield ctx.report("svc.clusterIPs.sync", res, "may specify no more than one IP for "
                             "each IP family", ("spec", "clusterIPs"))
    yield from _ip_families(ctx, res, spec, ips)


def _ip_families(ctx: Context, res: Resource, spec: Mapping[str, Any],
                 ips: list[str]) -> Iterator[Finding]:
    families = [str(f) for f in _list(spec.get("ipFamilies"))]
    for i, family in enumerate(families):
        if family not in ("IPv4", "IPv6"):
            yield ctx.report("svc.ipFamilies", res, f'unsupported value "{family}": supported '
                             f'values: "IPv4", "IPv6"', ("spec", "ipFamilies", i))
    if len(families) > 2 or len(set(families)) != len(families):
        yield ctx.report("svc.ipFamilies", res, "may specify no more than one entry per IP "
                         "family (at most 2)", ("spec", "ipFamilies"))
    policy = spec.get("ipFamilyPolicy")
    if policy in (None, "SingleStack") and (len(families) > 1 or len(
            [ip for ip in ips if ip != "None"]) > 1):
        yield ctx.report("svc.ipFamilies", res, "two IP families need ipFamilyPolicy "
                         "PreferDualStack or RequireDualStack", ("spec", "ipFamilyPolicy"))
    for i, ip in enumerate(ips):
        if i < len(families) and ip != "None" and _family(ip) is not None and \
                f"IPv{_family(ip)}" != families[i]:
            yield ctx.report("svc.ipFamilies", res, f'invalid value "{families[i]}": does not '
                             f'match clusterIPs[{i}] ("{ip}")', ("spec", "ipFamilies", i))


def _traffic_policies(ctx: Context, res: Resource, spec: Mapping[str, Any],
                      kind: str) -> Iterator[Finding]:
    external = kind in ("NodePort", "LoadBalancer") or bool(_list(spec.get("externalIPs")))
    if spec.get("externalTrafficPolicy") not in (None, "") and not external:
        yield ctx.report("svc.externalTrafficPolicy", res,
                         f'invalid value "{spec["externalTrafficPolicy"]}": may only be set for '
                         f"externally-accessible services (NodePort, LoadBalancer, or with "
                         f"externalIPs)", ("spec", "externalTrafficPolicy"))
    health = spec.get("healthCheckNodePort")
    if health not in (None, 0) and not (kind == "LoadBalancer" and
                                        spec.get("externalTrafficPolicy") == "Local"):
        yield ctx.report("svc.healthCheckNodePort", res, "may only be set when `type` is "
                         "'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
                         ("spec", "healthCheckNodePort"))
    distribution = spec.get("trafficDistribution")
    allowed = ["PreferClose"]
    if version_tuple(ctx.kube_version) >= (1, 33):
        allowed += ["PreferSameZone", "PreferSameNode"]
    if distribution is not None and distribution not in allowed:
        yield ctx.report("svc.trafficDistribution", res, f'unsupported value "{distribution}": '
                         f'supported values: {", ".join(allowed)}', ("spec", "trafficDistribution"))


def _load_balancer(ctx: Context, res: Resource, spec: Mapping[str, Any],
                   kind: str) -> Iterator[Finding]:
    if kind != "LoadBalancer":
        for key in ("allocateLoadBalancerNodePorts", "loadBalancerSourceRanges",
                    "loadBalancerClass"):
            if spec.get(key) not in (None, []):
                yield ctx.report("svc.lb.typeOnly", res, "may only be used when `type` is "
                                 "'LoadBalancer'", ("spec", key))
        return
    for i, cidr in enumerate(_list(spec.get("loadBalancerSourceRanges"))):
        try:
            ipaddress.ip_network(str(cidr).strip(), strict=False)
        except ValueError:
            yield ctx.report("svc.lb.sourceRanges", res, f'invalid value "{cidr}": must be a '
                             "valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                             ("spec", "loadBalancerSourceRanges", i))
    for i, port in enumerate(_list(spec.get("ports"))):
        if _map(port).get("port") == KUBELET_PORT:
            yield ctx.report("svc.lb.kubeletPort", res, f"may not expose port {KUBELET_PORT} "
                             "externally since it is used by kubelet", ("spec", "ports", i, "port"))


def _session_affinity(ctx: Context, res: Resource, spec: Mapping[str, Any]) -> Iterator[Finding]:
    config = spec.get("sessionAffinityConfig")
    if (spec.get("sessionAffinity") or "None") == "None":
        if config is not None:
            yield ctx.report("svc.sessionAffinity", res, "must not be set when session affinity "
                             "is None", ("spec", "sessionAffinityConfig"))
        return
    timeout = _map(_map(config).get("clientIP")).get("timeoutSeconds")
    if isinstance(timeout, int) and not 0 < timeout <= 86400:
        yield ctx.report("svc.sessionAffinity", res, f"invalid value {timeout}: must be greater "
                         "than 0 and less than 86400", ("spec", "sessionAffinityConfig",
                                                        "clientIP", "timeoutSeconds"))


def _ports(ctx: Context, res: Resource, spec: Mapping[str, Any], kind: str) -> Iterator[Finding]:
    seen: set[tuple[int, str]] = set()
    for i, port in enumerate(_list(spec.get("ports"))):
        port = _map(port)
        number = port.get("nodePort")
        if isinstance(number, int) and number:
            key = (number, str(port.get("protocol") or "TCP"))
            if key in seen:
                yield ctx.report("svc.nodePort.unique", res, f"duplicate value {number}",
                                 ("spec", "ports", i, "nodePort"))
            seen.add(key)
        app = port.get("appProtocol")
        if isinstance(app, str) and p.qualified_name(app):
            yield ctx.report("svc.port.appProtocol", res, f'invalid value "{app}": '
                             f"{p.qualified_name(app)[0]}", ("spec", "ports", i, "appProtocol"))
    if kind == "ExternalName" and spec.get("selector"):
        yield ctx.report("svc.externalName.selector", res, "the selector of an ExternalName "
                         "Service is ignored (it is a DNS CNAME to externalName)",
                         ("spec", "selector"))


def _external_ip(ctx: Context, res: Resource, path: Path, ip: str) -> Iterator[Finding]:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        yield ctx.report("svc.externalIPs", res, f'invalid value "{ip}": must be a valid IP '
                         "address, (e.g. 10.9.8.7 or 2001:db8::ffff)", path)
        return
    if address.is_unspecified or address.is_loopback or address.is_link_local or \
            (address.is_multicast and address.is_link_local):
        yield ctx.report("svc.externalIPs", res, f'invalid value "{ip}": may not be '
                         "unspecified, loopback or link-local", path)


def ingress_classes(ctx: Context) -> Iterator[Finding]:
    """`ingclass.*` and `ing.className*`: IngressClass specs and how Ingresses name a class."""
    for res in ctx.targets("IngressClass"):
        controller = res.spec.get("controller")
        if isinstance(controller, str) and not p.domain_prefixed_path(controller):
            yield ctx.report("ingclass.controller", res, f'invalid value "{controller}": must be '
                             'a domain-prefixed path (such as "acme.io/foo"), at most 250 '
                             "characters", ("spec", "controller"))
        params = res.spec.get("parameters")
        if isinstance(params, Mapping):
            yield from _class_parameters(ctx, res, params)
    for res in ctx.targets("Ingress"):
        name = res.spec.get("ingressClassName")
        if isinstance(name, str) and p.dns1123_subdomain(name):
            yield ctx.report("ing.className", res, f'invalid value "{name}": '
                             f"{p.dns1123_subdomain(name)[0]}", ("spec", "ingressClassName"))
        annotation = _map(res.metadata.get("annotations")).get(INGRESS_CLASS_ANNOTATION)
        if isinstance(name, str) and annotation is not None and annotation != name:
            yield ctx.report("ing.className.annotation", res, f'invalid value "{annotation}": '
                             "must match `ingressClassName` when both are specified",
                             ("metadata", "annotations", INGRESS_CLASS_ANNOTATION))


def _class_parameters(ctx: Context, res: Resource,
                      params: Mapping[str, Any]) -> Iterator[Finding]:
    base: Path = ("spec", "parameters")
    # networking/v1 defaulting sets a missing scope to Cluster (SetDefaults_IngressClass).
    scope, namespace = params.get("scope") or "Cluster", params.get("namespace")
    for key in ("kind", "name"):
        if not params.get(key):
            yield ctx.report("ingclass.parameters", res, "required value", (*base, key))
    if scope not in ("Namespace", "Cluster"):
        yield ctx.report("ingclass.parameters", res, f'unsupported value "{scope}": supported '
                         'values: "Cluster", "Namespace"', (*base, "scope"))
    elif scope == "Namespace" and not namespace:
        yield ctx.report("ingclass.parameters", res, "required value: `parameters.scope` is set "
                         "to 'Namespace'", (*base, "namespace"))
    elif scope == "Cluster" and namespace:
        yield ctx.report("ingclass.parameters", res, "forbidden: `parameters.scope` is set to "
                         "'Cluster'", (*base, "namespace"))
