"""More pod-spec format rules (catalogue sections 3.2, 3.3, 3.7 and 3.8): probe numbers, init
containers, host ports, DNS config, tolerations, affinity, topology spread and Downward API
divisors.

They run on the same pod specs as `rules_pod` (a Pod, every workload template and a CronJob's job
template), after defaulting (catalogue 0.4): a missing probe number is its default, a missing
operator is `Equal`, a missing `whenUnsatisfiable` is a schema error reported elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_int, as_list, as_mapping
from kubecanvas.model.korean import eun_neun
from kubecanvas.model.quantity import try_quantity
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import (
    Finding,
    duplicate_value,
    invalid_value,
    unsupported_value,
)
from kubecanvas.validation.pod_check import PodCheck, pod_checks
from kubecanvas.validation.rule import E, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
POD_PROBE_NUMBERS = RuleId("pod.probe.numbers")
POD_PROBE_TGPS = RuleId("pod.probe.tgps")
POD_PROBE_EXEC_COMMAND = RuleId("pod.probe.exec.command")
POD_INIT_CONTAINER_RESTART_POLICY = RuleId("pod.initContainer.restartPolicy")
POD_INIT_CONTAINER_PROBES = RuleId("pod.initContainer.probes")
POD_ENV_RESOURCE_FIELD_REF_DIVISOR = RuleId("pod.env.resourceFieldRef.divisor")
POD_VOLUME_DOWNWARD_API_ONE_OF = RuleId("pod.volume.downwardAPI.oneOf")
WIRE_POD_RESOURCE_FIELD_REF_CONTAINER = RuleId("wire.pod.resourceFieldRef.container")
POD_PORT_HOST_PORT_CONFLICT = RuleId("pod.port.hostPort.conflict")
POD_PORT_HOST_NETWORK = RuleId("pod.port.hostNetwork")
POD_DNS_CONFIG_LIMITS = RuleId("pod.dnsConfig.limits")
POD_HOST_ALIASES = RuleId("pod.hostAliases")
POD_ACTIVE_DEADLINE_SECONDS = RuleId("pod.activeDeadlineSeconds")
POD_TGPS_NEGATIVE = RuleId("pod.tgps.negative")
POD_RESOURCES_FRACTIONAL_BYTES = RuleId("pod.resources.fractionalBytes")

PROBE_NUMBERS = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
                 "failureThreshold")
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
CPU_DIVISORS = frozenset({"1m", "1"})
BYTE_DIVISORS = frozenset({"1", "1k", "1M", "1G", "1T", "1P", "1E",
                           "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"})
MAX_INT32 = 2147483647


_REQUIRED = Text("required value", "필수 값입니다")



def scheduling(ctx: Context) -> Iterator[Finding]:
    """`pod.*` rules of sections 3.2-3.8 not in `rules_pod` (placement: `rules_affinity`), on
    every pod spec of the targets."""
    for check in pod_checks(ctx):
        _containers(check)
        _host_ports(check)
        _dns_config(check)
        _pod_numbers(check)
        yield from check.out


def _containers(c: PodCheck) -> None:
    names = {str(as_mapping(x).get("name")) for g in ("initContainers", "containers")
             for x in as_list(c.spec.get(g))}
    for group in ("initContainers", "containers"):
        for i, container in enumerate(as_list(c.spec.get(group))):
            if not isinstance(container, Mapping):
                continue
            path = (group, i)
            sidecar = group == "initContainers" and container.get("restartPolicy") == "Always"
            if group == "initContainers":
                _init_container(c, path, container, sidecar)
            for probe in PROBES:
                if isinstance(container.get(probe), Mapping):
                    _probe(c, (*path, probe), container[probe], probe)
            for e, env in enumerate(as_list(container.get("env"))):
                value_from = as_mapping(as_mapping(env).get("valueFrom"))
                ref = as_mapping(value_from.get("resourceFieldRef"))
                if ref:
                    _resource_field_ref(c, (*path, "env", e, "valueFrom", "resourceFieldRef"),
                                        ref, names)
    for v, volume in enumerate(as_list(c.spec.get("volumes"))):
        downward = as_mapping(as_mapping(volume).get("downwardAPI"))
        for j, item in enumerate(as_list(downward.get("items"))):
            ref = as_mapping(as_mapping(item).get("resourceFieldRef"))
            if ref:
                _resource_field_ref(c, ("volumes", v, "downwardAPI", "items", j,
                                        "resourceFieldRef"), ref, names, volume=True)


def _init_container(c: PodCheck, path: tuple[str | int, ...], container: Mapping[str, Any],
                    sidecar: bool) -> None:
    policy = container.get("restartPolicy")
    if policy is not None and policy != "Always":
        c.report(POD_INIT_CONTAINER_RESTART_POLICY, (*path, "restartPolicy"),
                 unsupported_value(policy, '"Always"'))
    if sidecar:
        return
    for key in ("lifecycle", *PROBES):
        if container.get(key) is not None:
            c.report(POD_INIT_CONTAINER_PROBES, (*path, key),
                     Text("may not be set for init containers without restartPolicy=Always",
                          "restartPolicy=Always가 없는 init 컨테이너에는 설정할 수 없습니다"))


def _probe(c: PodCheck, path: tuple[str | int, ...], probe: Mapping[str, Any],
           kind: str) -> None:
    for key in PROBE_NUMBERS:
        value = as_int(probe.get(key))
        if value is not None and value < 0:
            c.report(POD_PROBE_NUMBERS, (*path, key),
                     Text(f"invalid value {value}: must be greater than or equal to 0",
                          f"잘못된 값 {value}: 0 이상이어야 합니다"))
    grace = as_int(probe.get("terminationGracePeriodSeconds"))
    if kind == "readinessProbe" and probe.get("terminationGracePeriodSeconds") is not None:
        c.report(POD_PROBE_TGPS, (*path, "terminationGracePeriodSeconds"),
                 Text("must not be set for readinessProbes", "readinessProbe에는 설정할 수 없습니다"))
    elif grace is not None and grace <= 0:
        c.report(POD_PROBE_TGPS, (*path, "terminationGracePeriodSeconds"),
                 Text(f"invalid value {grace}: must be greater than 0",
                      f"잘못된 값 {grace}: 0보다 커야 합니다"))
    command = as_mapping(probe.get("exec"))
    if "exec" in probe and isinstance(probe.get("exec"), Mapping) and not command.get("command"):
        c.report(POD_PROBE_EXEC_COMMAND, (*path, "exec", "command"), _REQUIRED)


def _resource_field_ref(c: PodCheck, path: tuple[str | int, ...], ref: Mapping[str, Any],
                        containers: set[str], volume: bool = False) -> None:
    resource = str(ref.get("resource") or "")
    divisor = ref.get("divisor")
    if divisor is not None and resource:
        text = str(divisor)
        if resource.endswith(".cpu"):
            if text not in CPU_DIVISORS:
                c.report(POD_ENV_RESOURCE_FIELD_REF_DIVISOR, (*path, "divisor"),
                         invalid_value(text, "only divisor's values 1m and 1 are supported "
                                             "with the cpu resource"))
        elif text not in BYTE_DIVISORS:
            c.report(POD_ENV_RESOURCE_FIELD_REF_DIVISOR, (*path, "divisor"),
                     invalid_value(text, f"only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, "
                                         f"1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the "
                                         f"{resource} resource"))
    name = ref.get("containerName")
    if volume and not name:
        c.report(POD_VOLUME_DOWNWARD_API_ONE_OF, (*path, "containerName"),
                 Text("required value: a downwardAPI volume's resourceFieldRef names its "
                      "container",
                      "필수 값: downwardAPI 볼륨의 resourceFieldRef에는 컨테이너 이름이 필요합니다"))
    elif isinstance(name, str) and name and name not in containers:
        c.report(WIRE_POD_RESOURCE_FIELD_REF_CONTAINER, (*path, "containerName"),
                 Text(f'"{name}" names no container of the pod (containers: '
                      f'{", ".join(sorted(containers)) or "none"}); the pod fails to start',
                      f'"{name}"{eun_neun(name)} 파드의 컨테이너 이름이 아닙니다(컨테이너: '
                      f'{", ".join(sorted(containers)) or "없음"}). 파드가 시작하지 못합니다'))


def _host_ports(c: PodCheck) -> None:
    """Unique protocol/hostIP/hostPort among regular containers; hostNetwork needs equal ports."""
    host_network = c.spec.get("hostNetwork") is True
    seen: dict[str, tuple[str | int, ...]] = {}
    for group in ("initContainers", "containers"):
        for i, container in enumerate(as_list(c.spec.get(group))):
            for j, port in enumerate(as_list(as_mapping(container).get("ports"))):
                if not isinstance(port, Mapping):
                    continue
                ppath = (group, i, "ports", j, "hostPort")
                host, number = as_int(port.get("hostPort")), as_int(port.get("containerPort"))
                if host_network and host and number and host != number:
                    c.report(POD_PORT_HOST_NETWORK, ppath,
                             Text(f"invalid value {host}: must match `containerPort` when "
                                  f"`hostNetwork` is true",
                                  f"잘못된 값 {host}: `hostNetwork`가 true이면 `containerPort`와 "
                                  f"같아야 합니다"))
                if group != "containers" or not host:
                    continue
                key = f'{port.get("protocol") or "TCP"}/{port.get("hostIP") or ""}/{host}'
                if key in seen:
                    c.report(POD_PORT_HOST_PORT_CONFLICT, ppath, duplicate_value(key))
                seen.setdefault(key, ppath)


def _dns_config(c: PodCheck) -> None:
    config = as_mapping(c.spec.get("dnsConfig"))
    servers = as_list(config.get("nameservers"))
    base = ("dnsConfig",)
    if len(servers) > 3:
        c.report(POD_DNS_CONFIG_LIMITS, (*base, "nameservers"),
                 Text(f"must not have more than 3 nameservers (has {len(servers)})",
                      f"네임서버는 3개를 넘을 수 없습니다(현재 {len(servers)}개)"))
    for i, server in enumerate(servers):
        if not p.is_ip(str(server)):
            c.report(POD_DNS_CONFIG_LIMITS, (*base, "nameservers", i),
                     invalid_value(server, "must be a valid IP address"))
    searches = [str(s) for s in as_list(config.get("searches"))]
    if len(searches) > 32:
        c.report(POD_DNS_CONFIG_LIMITS, (*base, "searches"),
                 Text(f"must not have more than 32 search paths (has {len(searches)})",
                      f"검색 경로는 32개를 넘을 수 없습니다(현재 {len(searches)}개)"))
    if len(" ".join(searches)) > 2048:
        c.report(POD_DNS_CONFIG_LIMITS, (*base, "searches"),
                 Text("must not have more than 2048 characters (including spaces) in the search "
                      "list",
                      "검색 목록은 공백을 포함해 2048자를 넘을 수 없습니다"))
    for i, search in enumerate(searches):
        errors = p.dns1123_subdomain(search[:-1] if search.endswith(".") else search)
        if errors and search != ".":
            c.report(POD_DNS_CONFIG_LIMITS, (*base, "searches", i),
                     invalid_value(search, errors[0]))
    for i, option in enumerate(as_list(config.get("options"))):
        if isinstance(option, Mapping) and not option.get("name"):
            c.report(POD_DNS_CONFIG_LIMITS, (*base, "options", i, "name"), _REQUIRED)


def _pod_numbers(c: PodCheck) -> None:
    deadline = as_int(c.spec.get("activeDeadlineSeconds"))
    if deadline is not None and not 1 <= deadline <= MAX_INT32 and c.res.kind in ("Pod", "Job"):
        c.report(POD_ACTIVE_DEADLINE_SECONDS, ("activeDeadlineSeconds",),
                 Text(f"invalid value {deadline}: must be between 1 and 2147483647, inclusive",
                      f"잘못된 값 {deadline}: 1부터 2147483647까지여야 합니다"))
    grace = as_int(c.spec.get("terminationGracePeriodSeconds"))
    if grace is not None and grace < 0:
        c.report(POD_TGPS_NEGATIVE, ("terminationGracePeriodSeconds",),
                 Text("must be >= 0; negative values are invalid and will be treated as 1",
                      "0 이상이어야 합니다. 음수는 유효하지 않으며 1로 취급됩니다"))
    for i, alias in enumerate(as_list(c.spec.get("hostAliases"))):
        alias = as_mapping(alias)
        ip = alias.get("ip")
        if ip is not None and not p.is_ip(str(ip)):
            c.report(POD_HOST_ALIASES, ("hostAliases", i, "ip"),
                     invalid_value(ip, "must be a valid IP address, (e.g. 10.9.8.7 or "
                                       "2001:db8::ffff)"))
        for j, host in enumerate(as_list(alias.get("hostnames"))):
            if p.dns1123_subdomain(str(host)):
                c.report(POD_HOST_ALIASES, ("hostAliases", i, "hostnames", j),
                         invalid_value(host, p.dns1123_subdomain(str(host))[0]))
    for path, name, raw in _quantities(c):
        value = try_quantity(raw)
        if value is not None and name in ("memory", "ephemeral-storage") and value != int(value):
            c.report(POD_RESOURCES_FRACTIONAL_BYTES, (*path, name),
                     Text(f'fractional byte value "{raw}" is invalid, must be an integer',
                          f'바이트 값 "{raw}"에 소수가 있어 유효하지 않습니다. 정수여야 합니다'))


def _quantities(c: PodCheck) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    """(path of the requests/limits map, resource name, raw value) of every container."""
    for group in ("initContainers", "containers"):
        for i, container in enumerate(as_list(c.spec.get(group))):
            resources = as_mapping(as_mapping(container).get("resources"))
            for kind in ("requests", "limits"):
                for name, raw in as_mapping(resources.get(kind)).items():
                    yield (group, i, "resources", kind), str(name), raw


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(POD_PROBE_NUMBERS, E, "A probe's delay, timeout, period or threshold is negative.",
         scheduling),
    Rule(POD_PROBE_TGPS, E, "A probe's terminationGracePeriodSeconds is not positive, or is set "
         "on a readinessProbe.", scheduling),
    Rule(POD_PROBE_EXEC_COMMAND, E, "An exec probe without a command.", scheduling),
    Rule(POD_INIT_CONTAINER_RESTART_POLICY, E, "An init container's restartPolicy is not Always "
         "(the sidecar form).", scheduling),
    Rule(POD_INIT_CONTAINER_PROBES, E, "Probes or lifecycle hooks on an init container that is "
         "not a sidecar.", scheduling),
    Rule(POD_ENV_RESOURCE_FIELD_REF_DIVISOR, E, "A resourceFieldRef divisor the API does not "
         "support (cpu: 1m or 1; bytes: 1, 1k..1E, 1Ki..1Ei).", scheduling),
    Rule(POD_VOLUME_DOWNWARD_API_ONE_OF, E, "A downwardAPI volume's resourceFieldRef without "
         "containerName.", scheduling),
    Rule(WIRE_POD_RESOURCE_FIELD_REF_CONTAINER, W, "resourceFieldRef.containerName names no "
         "container of the pod.", scheduling),
    Rule(POD_PORT_HOST_PORT_CONFLICT, E, "Two containers of a pod claim the same "
         "protocol/hostIP/hostPort.", scheduling),
    Rule(POD_PORT_HOST_NETWORK, E, "With hostNetwork, hostPort must equal containerPort.",
         scheduling),
    Rule(POD_DNS_CONFIG_LIMITS, E, "dnsConfig over its limits (3 nameservers, 32 searches, 2048 "
         "characters) or with invalid entries.", scheduling),
    Rule(POD_HOST_ALIASES, E, "A hostAliases entry with an invalid IP or hostname.", scheduling),
    Rule(POD_ACTIVE_DEADLINE_SECONDS, E, "activeDeadlineSeconds outside 1-2147483647.",
         scheduling),
    Rule(POD_TGPS_NEGATIVE, W, "A negative terminationGracePeriodSeconds (accepted with a "
         "warning, treated as 1).", scheduling),
    Rule(POD_RESOURCES_FRACTIONAL_BYTES, W, "A memory or ephemeral-storage quantity that is not "
         "a whole number of bytes.", scheduling),
)
