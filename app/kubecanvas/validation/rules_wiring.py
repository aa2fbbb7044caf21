"""Wiring rules across resources (catalogue sections 10.1, 11.1, 16 and anchors.md's wiring
catalogue): the port chain Ingress -> Service port -> targetPort -> containerPort, ConfigMap and
Secret keys, TLS Secrets, StatefulSet governing Services and HPA targets. Policies that select
nothing, overlapping selectors, duplicate nodePorts and duplicate resources are `rules_clashes`'.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import DELETE, as_list, as_mapping
from kubecanvas.model.kinds import get_path, pod_spec, template_labels
from kubecanvas.model.korean import eul_reul, eun_neun, euro_ro, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, kind_term
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, Fix
from kubecanvas.validation.fixes import closest, ko_label, set_field
from kubecanvas.validation.rule import INFO, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
SERVICE_TARGET_PORT_MISSING = RuleId("service.targetPort.missing")
SERVICE_TARGET_PORT_UNDECLARED = RuleId("service.targetPort.undeclared")
SERVICE_SELECTOR_MULTIPLE_WORKLOADS = RuleId("service.selector.multiple-workloads")
INGRESS_BACKEND_PORT_MISSING = RuleId("ingress.backend.port.missing")
INGRESS_TLS_SECRET_TYPE = RuleId("ingress.tls.secret-type")
REF_KEY_MISSING = RuleId("ref.key.missing")
REF_KEY_MISSING_OPTIONAL = RuleId("ref.key.missing.optional")
REF_KEY_BINARY_ENV = RuleId("ref.key.binary-env")
STATEFULSET_SERVICE_NOT_HEADLESS = RuleId("statefulset.service.not-headless")
STATEFULSET_SERVICE_NO_SELECT = RuleId("statefulset.service.no-select")
HPA_TARGET_REPLICAS = RuleId("hpa.target.replicas")


def container_ports(res: Resource) -> list[tuple[str, int | None, str]]:
    """(name, number, protocol) of the ports a workload's pods declare (regular containers and
    sidecar init containers, as the endpoints controller looks them up)."""
    spec = pod_spec(res) or {}
    out = []
    for group in ("containers", "initContainers"):
        for container in as_list(spec.get(group)):
            container = as_mapping(container)
            if group == "initContainers" and container.get("restartPolicy") != "Always":
                continue
            for port in as_list(container.get("ports")):
                port = as_mapping(port)
                number = port.get("containerPort")
                out.append((str(port.get("name") or ""),
                            number if isinstance(number, int) else None,
                            str(port.get("protocol") or "TCP")))
    return out


def _selected(ctx: Context, svc: Resource) -> list[Resource]:
    return [r for r in (ctx.resource(e.target) for e in ctx.out_edges(svc.id, EdgeType.SELECTS))
            if r is not None]


def service_ports(ctx: Context) -> Iterator[Finding]:
    """`service.targetPort.*`: each port's targetPort must exist on every selected workload."""
    for svc in ctx.targets("Service"):
        workloads = _selected(ctx, svc)
        if not workloads:
            continue
        for i, port in enumerate(as_list(svc.spec.get("ports"))):
            port = as_mapping(port)
            target = port.get("targetPort")
            if target in (None, "", 0):
                target = port.get("port")  # the API server's default
            protocol = str(port.get("protocol") or "TCP")
            for res in workloads:
                yield from _target_port(ctx, svc, (*("spec", "ports", i), "targetPort"), target,
                                        protocol, res)


def _target_port(ctx: Context, svc: Resource, path: tuple[str | int, ...], target: Any,
                 protocol: str, res: Resource) -> Iterator[Finding]:
    ports = container_ports(res)
    if isinstance(target, str) and not target.isdigit():
        if any(n == target and proto == protocol for n, _, proto in ports):
            return
        names = [n for n, _, proto in ports if n and proto == protocol]
        guess = closest(target, names) or (names[0] if len(names) == 1 else None)
        fix = set_field(svc, path, guess, Text(f"change targetPort to {guess}",
                                               f"targetPort를 {guess}{euro_ro(guess)} 바꿉니다")) \
            if guess else None
        shown = ", ".join(f"{n or '(unnamed)'}={num}" for n, num, _ in ports) or "none"
        yield ctx.report(SERVICE_TARGET_PORT_MISSING, svc, Text(
            f'targetPort "{target}" names no {protocol} container port of {res.label()} (its '
            f"ports: {shown}); its pods are left out of the endpoints.",
            f'targetPort "{target}"{eun_neun(target)} {ko_label(res)}의 {protocol} 컨테이너 포트 이름이 '
            f"아닙니다(포트: {shown}). 그 파드는 엔드포인트에서 빠집니다."), path, (res.id,), fix)
        return
    number = int(target) if isinstance(target, (int, str)) and str(target).isdigit() else None
    if number is None or not ports or any(num == number for _, num, _ in ports):
        return  # containerPort is informational: no declared ports, nothing to compare
    named = [(n, num) for n, num, proto in ports if proto == protocol]
    fix = None
    if len(named) == 1:
        value: Any = named[0][0] or named[0][1]
        fix = set_field(svc, path, value, Text(f"change targetPort to {value}",
                                               f"targetPort를 {value}{euro_ro(value)} 바꿉니다"))
    shown = ", ".join(str(num) for _, num, _ in ports)
    yield ctx.report(SERVICE_TARGET_PORT_UNDECLARED, svc, Text(
        f"targetPort {number} is not a declared container port of {res.label()} (it declares "
        f"{shown}); unless the app listens there undeclared, connections are refused.",
        f"targetPort {number}{eun_neun(number)} {ko_label(res)}에 선언된 컨테이너 포트가 아닙니다(선언된 포트: "
        f"{shown}). 앱이 선언 없이 그 포트에서 듣지 않는 한 연결이 거부됩니다."), path, (res.id,),
        fix)


_APP_KEYS = ("app.kubernetes.io/name", "app", "k8s-app", "name")


def _app_of(res: Resource) -> str:
    labels = template_labels(res)
    return next((labels[k] for k in _APP_KEYS if k in labels), res.name)


def service_spread(ctx: Context) -> Iterator[Finding]:
    """`service.selector.multiple-workloads`: a Service whose selector matches the pods of
    unrelated workloads (different app labels) sends traffic to all of them."""
    for svc in ctx.targets("Service"):
        workloads = [w for w in _selected(ctx, svc) if w.kind not in ("Job", "CronJob", "Pod")]
        apps = sorted({_app_of(w) for w in workloads})
        if len(apps) < 2:
            continue
        names = ", ".join(w.label() for w in workloads[:4])
        info = ctx.graph.selector_info(svc.id)
        names_ko = ", ".join(ko_label(w) for w in workloads[:4])
        described = info.selector.describe() if info else ''
        yield ctx.report(SERVICE_SELECTOR_MULTIPLE_WORKLOADS, svc, Text(
            f"the selector {described} matches the pods of unrelated workloads ({names}); "
            f"traffic is spread across all of them. Narrow the selector unless that is intended.",
            f"셀렉터 {described}{i_ga(described)} 서로 관계없는 워크로드({names_ko})의 파드와 일치합니다. "
            f"트래픽이 그 모두에 나뉩니다. 의도한 것이 아니라면 셀렉터를 좁혀야 합니다."),
            ("spec", "selector"), tuple(w.id for w in workloads))


def ingress_ports(ctx: Context) -> Iterator[Finding]:
    """`ingress.backend.port.missing`: the backend port must be one of the Service's ports."""
    for ing in ctx.targets("Ingress"):
        for edge in ctx.out_edges(ing.id, EdgeType.ROUTES):
            svc = ctx.resource(edge.target)
            if svc is None or edge.reference is None or svc.spec.get("type") == "ExternalName":
                continue
            wanted = edge.reference.get("port")
            ports = [as_mapping(p) for p in as_list(svc.spec.get("ports"))]
            if wanted is None or any(p.get("port") == wanted or (
                    p.get("name") and p.get("name") == wanted) for p in ports):
                continue
            by_name = isinstance(wanted, str) and not wanted.isdigit()
            base = edge.reference.path[:-1]
            fix: Fix | None = None
            if len(ports) == 1 and ports[0].get("port") is not None:
                fix = _port_fix(ing, base, ports[0])
            offered = ", ".join(f"{p.get('name') or '(unnamed)'}={p.get('port')}" for p in ports)
            yield ctx.report(INGRESS_BACKEND_PORT_MISSING, ing, Text(
                f"{'port name' if by_name else 'port'} {wanted} is not a port of {svc.label()} "
                f"(it offers {offered or 'none'}); the route fails.",
                f"{'포트 이름' if by_name else '포트'} {wanted}{eun_neun(wanted)} {ko_label(svc)}의 포트가 "
                f"아닙니다(제공하는 포트: {offered or '없음'}). 라우트가 실패합니다."),
                (*base, "port"), (svc.id,), fix)


def _port_fix(ing: Resource, base: tuple[str | int, ...], port: Mapping[str, Any]) -> Fix | None:
    description = Text(f"route to port {port['port']}", f"포트 {port['port']}{euro_ro(port['port'])} 라우팅합니다")
    if base and base[-1] == "service":
        return set_field(ing, (*base, "port"), {"number": port["port"]}, description)
    if base:
        return set_field(ing, (*base, "servicePort"), port["port"], description)
    return None


def ingress_tls(ctx: Context) -> Iterator[Finding]:
    """`ingress.tls.secret-type`: a TLS Secret needs tls.crt and tls.key."""
    for ing in ctx.targets("Ingress"):
        for edge in ctx.out_edges(ing.id, EdgeType.TLS):
            secret = ctx.resource(edge.target)
            if secret is None:
                continue
            keys = set(as_mapping(secret.manifest.get("data"))) | set(
                as_mapping(secret.manifest.get("stringData")))
            missing = sorted({"tls.crt", "tls.key"} - keys)
            if missing:
                yield ctx.report(INGRESS_TLS_SECRET_TYPE, ing, Text(
                    f"{secret.label()} has no {' or '.join(missing)}; the ingress controller "
                    f"serves its default certificate.",
                    f"{ko_label(secret)}에 {' 또는 '.join(missing)}{i_ga(' 또는 '.join(missing))} 없습니다. 인그레스 "
                    f"컨트롤러가 기본 인증서를 내보냅니다."), edge.path,
                                 (secret.id,))


def _keys_of(res: Resource) -> tuple[set[str], set[str]]:
    """(keys env can read, keys only in binaryData) of a ConfigMap or Secret."""
    if res.kind == "ConfigMap":
        data = set(map(str, as_mapping(res.manifest.get("data"))))
        binary = set(map(str, as_mapping(res.manifest.get("binaryData"))))
        return data | binary, binary - data
    return set(map(str, as_mapping(res.manifest.get("data")))) | set(
        map(str, as_mapping(res.manifest.get("stringData")))), set()


def config_keys(ctx: Context) -> Iterator[Finding]:
    """`ref.key.missing`: keys named by env key refs and volume `items` must exist."""
    for res in ctx.targets():
        for edge in ctx.out_edges(res.id):
            if edge.type not in (EdgeType.ENV, EdgeType.MOUNTS) or edge.reference is None:
                continue
            target = ctx.resource(edge.target)
            if target is None or target.kind not in ("ConfigMap", "Secret"):
                continue
            # the target is the definition kubectl apply keeps (Context.out_edges)
            present, binary_only = _keys_of(target)
            for key in edge.reference.get("keys", ()) or ():
                if not key:
                    continue
                optional = edge.reference.optional
                if key not in present:
                    guess = closest(key, present)
                    hint = f" Did you mean key {guess}?" if guess else ""
                    hint_ko = f" 혹시 키 {guess}입니까?" if guess else ""
                    key_path = _key_path(res, edge.path, key)
                    fix = set_field(res, key_path, guess, Text(
                        f"did you mean key {guess}?", f"키를 {guess}{euro_ro(guess)} 고칩니다")) \
                        if guess and key_path else None
                    yield ctx.report(
                        REF_KEY_MISSING_OPTIONAL if optional else REF_KEY_MISSING, res,
                        _key_missing(target, key, optional, edge.type, hint, hint_ko),
                        key_path or edge.path, (target.id,), fix)
                elif key in binary_only and edge.type == EdgeType.ENV:
                    yield ctx.report(REF_KEY_BINARY_ENV, res, Text(
                        f"key {key!r} of {target.label()} is only in binaryData, which is not "
                        f"propagated to environment variables.",
                        f"{ko_label(target)}의 키 {key!r}{eun_neun(repr(key))} binaryData에만 있고, binaryData는 "
                        f"환경 변수로 전달되지 않습니다."), edge.path, (target.id,))


def _key_path(res: Resource, name_path: tuple[str | int, ...],
              key: str) -> tuple[str | int, ...] | None:
    """Where `key` is written: `...KeyRef.key` beside an env ref's name, or the `items[j].key`
    of a volume source."""
    source = get_path(res.manifest, name_path[:-1])
    if not isinstance(source, Mapping):
        return None
    if source.get("key") == key:
        return (*name_path[:-1], "key")
    for j, item in enumerate(as_list(source.get("items"))):
        if as_mapping(item).get("key") == key:
            return (*name_path[:-1], "items", j, "key")
    return None


def statefulset_service(ctx: Context) -> Iterator[Finding]:
    """`statefulset.service.*`: serviceName names a headless Service selecting the pods."""
    for sts in ctx.targets("StatefulSet"):
        for edge in ctx.out_edges(sts.id, EdgeType.GOVERNS):
            svc = ctx.resource(edge.target)
            if svc is None:
                continue
            if svc.spec.get("clusterIP") != "None":
                yield ctx.report(STATEFULSET_SERVICE_NOT_HEADLESS, sts, Text(
                    f"{svc.label()} is not headless (clusterIP: None), so the pods get no stable "
                    f"DNS names (<pod>.{svc.name}).",
                    f"{ko_label(svc)}{i_ga(ko_label(svc))} 헤드리스(clusterIP: None)가 아니어서 파드가 안정적인 "
                    f"DNS 이름(<pod>.{svc.name})을 얻지 못합니다."), edge.path,
                    (svc.id,), set_field(svc, ("spec", "clusterIP"), "None", Text(
                        f"make {svc.label()} headless", f"{ko_label(svc)}{eul_reul(ko_label(svc))} 헤드리스로 만듭니다")))
            if not any(e.target == sts.id for e in ctx.out_edges(svc.id, EdgeType.SELECTS)):
                yield ctx.report(STATEFULSET_SERVICE_NO_SELECT, sts, Text(
                    f"{svc.label()} does not select this StatefulSet's pods, so they get no DNS "
                    f"records.",
                    f"{ko_label(svc)}{i_ga(ko_label(svc))} 이 스테이트풀셋의 파드를 선택하지 않아 파드에 DNS "
                    f"레코드가 생기지 않습니다."), edge.path, (svc.id,))


def hpa_targets(ctx: Context) -> Iterator[Finding]:
    """`hpa.target.replicas`: a workload scaled by an HPA should not pin spec.replicas."""
    for res in ctx.targets():
        # replicas first: few resources set them, and the edges into each of the others were
        # gathered and sorted for nothing (a tenth of a second at 50,000 resources)
        if get_path(res.manifest, ("spec", "replicas")) is None:
            continue
        hpas = ctx.in_edges(res.id, EdgeType.SCALES)
        if not hpas:
            continue
        hpa = ctx.resource(hpas[0].source)
        yield ctx.report(HPA_TARGET_REPLICAS, res, Text(
            f"{hpa.label() if hpa else 'an HPA'} scales this {res.kind}, but spec.replicas is "
            f"set: every apply resets the replica count.",
            f"{ko_label(hpa) if hpa else 'HPA'}{i_ga(ko_label(hpa) if hpa else 'HPA')} 이 {kind_term(res.kind)}{eul_reul(kind_term(res.kind))} 스케일하지만 "
            f"spec.replicas가 설정되어 있습니다. apply할 때마다 레플리카 수가 초기화됩니다."),
            ("spec", "replicas"), tuple(e.source for e in hpas),
            set_field(res, ("spec", "replicas"), DELETE, Text(
                "remove spec.replicas (the HPA owns it)",
                "spec.replicas를 제거합니다(HPA가 관리합니다)")))


def _key_missing(target: Resource, key: str, optional: bool | None, edge_type: str, hint: str,
                 hint_ko: str) -> Text:
    """'ConfigMap shop/cfg has no key 'x'; the container fails to start.' in both languages."""
    if optional:
        tail = Text("; it is optional, so it is skipped.", ". optional이므로 건너뜁니다.")
    elif edge_type == EdgeType.ENV:
        tail = Text("; the container fails to start.", ". 컨테이너가 시작하지 못합니다.")
    else:
        tail = Text("; the volume fails to mount.", ". 볼륨이 마운트되지 않습니다.")
    return Text(f"{target.label()} has no key {key!r}{tail.en}{hint}",
                f"{ko_label(target)}에 키 {key!r}{i_ga(repr(key))} 없습니다{tail.ko}{hint_ko}")


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(SERVICE_TARGET_PORT_MISSING, W, "A named targetPort matches no container port of a "
         "selected workload (by name and protocol).", service_ports),
    Rule(SERVICE_TARGET_PORT_UNDECLARED, W, "A numeric targetPort is not among the selected "
         "workload's declared container ports.", service_ports),
    Rule(SERVICE_SELECTOR_MULTIPLE_WORKLOADS, INFO, "A Service selects the pods of unrelated "
         "workloads (different app labels).", service_spread),
    Rule(INGRESS_BACKEND_PORT_MISSING, W, "An Ingress backend port is not a port of its Service "
         "(by number or name).", ingress_ports),
    Rule(INGRESS_TLS_SECRET_TYPE, W, "An Ingress TLS Secret lacks tls.crt or tls.key.",
         ingress_tls),
    Rule(REF_KEY_MISSING, W, "A key named by an env key ref or volume items is not in the "
         "ConfigMap or Secret.", config_keys),
    Rule(REF_KEY_MISSING_OPTIONAL, INFO, "An optional key ref names a key that is not there.",
         config_keys),
    Rule(REF_KEY_BINARY_ENV, W, "An env var reads a ConfigMap key that only exists in binaryData.",
         config_keys),
    Rule(STATEFULSET_SERVICE_NOT_HEADLESS, W, "A StatefulSet's serviceName names a Service that "
         "is not headless.", statefulset_service),
    Rule(STATEFULSET_SERVICE_NO_SELECT, W, "A StatefulSet's governing Service does not select "
         "its pods.", statefulset_service),
    Rule(HPA_TARGET_REPLICAS, W, "A workload scaled by an HPA also pins spec.replicas.",
         hpa_targets),
)
