"""Format rules for containers beyond `rules_pod` (catalogue sections 3.2, 3.3, 3.6-3.8):
non-overcommitable resources (hugepages and extended resources), the names and keys env refers
to, envFrom prefixes, sleep hooks, Downward API subscripts, DRA claim names, and the API
server's warnings about duplicate ports, env names and pull secrets.

Defaults first (catalogue 0.4): a Pod's requests default to its limits, a port's protocol to
TCP, terminationGracePeriodSeconds to 30.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.korean import eul_reul, eun_neun, euro_ro, gwa_wa
from kubecanvas.model.quantity import try_quantity
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, duplicate_value, invalid_value
from kubecanvas.validation.pod_check import PodCheck, env_entries, pod_checks
from kubecanvas.validation.rule import E, Rule, RuleId, W
from kubecanvas.validation.rules_volumes import report_fix
from kubecanvas.validation.versions import version_tuple

# --- the rule ids this module reports ------------------------------------------------------------
POD_RESOURCES_NON_OVERCOMMIT = RuleId("pod.resources.nonOvercommit")
POD_RESOURCES_INTEGER = RuleId("pod.resources.integer")
POD_RESOURCES_HUGEPAGES = RuleId("pod.resources.hugepages")
POD_RESOURCES_CLAIMS = RuleId("pod.resources.claims")
POD_ENV_KEY_REF_NAME = RuleId("pod.env.keyRef.name")
POD_ENV_KEY_REF_KEY = RuleId("pod.env.keyRef.key")
POD_ENV_FROM_NAME = RuleId("pod.envFrom.name")
POD_ENV_FROM_PREFIX = RuleId("pod.envFrom.prefix")
POD_ENV_FIELD_REF_SUBSCRIPT = RuleId("pod.env.fieldRef.subscript")
POD_LIFECYCLE_SLEEP = RuleId("pod.lifecycle.sleep")
POD_ENV_DUPLICATE = RuleId("pod.env.duplicate")
POD_PORT_DUPLICATE = RuleId("pod.port.duplicate")
POD_IMAGE_PULL_SECRETS = RuleId("pod.imagePullSecrets")
POD_CONTAINERS_REQUIRED = RuleId("pod.containers.required")
POD_PROBE_HTTP_GET_SCHEME = RuleId("pod.probe.httpGet.scheme")

DEFAULT_GRACE = 30
KEY_REFS = ("configMapKeyRef", "secretKeyRef")
ENV_FROM_REFS = ("configMapRef", "secretRef")
SUBSCRIPTED = ("metadata.labels['", "metadata.annotations['")
GROUPS = ("initContainers", "containers")
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HEADER_NAME_RE = re.compile(r"^[-A-Za-z0-9]+$")


def is_hugepages(name: str) -> bool:
    return name.startswith("hugepages-")


def is_extended(name: str) -> bool:
    """A fully qualified resource name outside kubernetes.io (`nvidia.com/gpu`): integer and
    not overcommitable (`helper.IsExtendedResourceName`)."""
    return "/" in name and "kubernetes.io/" not in name and not name.startswith("requests.")


def container_specs(ctx: Context) -> Iterator[Finding]:
    """`pod.resources.*` for hugepages/extended, `pod.env.keyRef.*`, `pod.envFrom.*`,
    `pod.lifecycle.sleep`, `pod.env.fieldRef.subscript`, `pod.resources.claims`, and the
    duplicate-port, duplicate-env and pull-secret warnings."""
    for c in pod_checks(ctx):
        spec = c.spec
        if "containers" in spec and not as_list(spec.get("containers")):
            c.report(POD_CONTAINERS_REQUIRED, ("containers",),
                     Text("required value: a pod needs at least one container",
                          "필수 값: 파드에는 컨테이너가 하나 이상 있어야 합니다"))
        claims = {str(as_mapping(x).get("name")) for x in as_list(spec.get("resourceClaims"))}
        for group in (*GROUPS, "ephemeralContainers"):
            for i, container in enumerate(as_list(spec.get(group))):
                if not isinstance(container, Mapping):
                    continue
                path = (group, i)
                resources = as_mapping(container.get("resources"))
                _resources(c, (*path, "resources"), resources)
                _resource_claims(c, (*path, "resources"), resources, claims)
                _env(c, path, container)
                _sleep_hooks(c, (*path, "lifecycle"), as_mapping(container.get("lifecycle")))
                _http_headers(c, path, container)
        _downward_volume_subscripts(c)
        _duplicate_ports(c)
        _pull_secrets(c)
        yield from c.out


def _resources(c: PodCheck, path: FieldPath, resources: Mapping[str, Any]) -> None:
    limits, requests = as_mapping(resources.get("limits")), as_mapping(resources.get("requests"))
    for group, values in (("limits", limits), ("requests", requests)):
        for name, raw in values.items():
            key = str(name)
            if not (is_extended(key) or is_hugepages(key)):
                continue  # cpu, memory...: overcommitable, checked by rules_pod
            value = try_quantity(raw)
            if value is None:
                continue
            if is_extended(key) and value.denominator != 1:
                c.report(POD_RESOURCES_INTEGER, (*path, group, key),
                         Text(f"invalid value {raw!r}: must be an integer ({key} is counted in "
                              f"whole devices)",
                              f"잘못된 값 {raw!r}: 정수여야 합니다({key}{eun_neun(key)} 장치 단위로 셉니다)"))
            if is_hugepages(key):
                size = try_quantity(key[len("hugepages-"):])
                if size is not None and size > 0 and (value / size).denominator != 1:
                    c.report(POD_RESOURCES_HUGEPAGES, (*path, group, key),
                             _hugepages(raw, key[len('hugepages-'):]))
    for name, raw in requests.items():
        key = str(name)
        if not (is_hugepages(key) or is_extended(key)):
            continue
        if name not in limits:
            report_fix(c, POD_RESOURCES_NON_OVERCOMMIT, (*path, "limits", key),
                       Text(f"required value: Limit must be set for non overcommitable "
                            f"resources ({key}); set limits.{key} equal to the request",
                            f"필수 값: 오버커밋할 수 없는 리소스({key})에는 제한을 설정해야 "
                            f"합니다. limits.{key}{eul_reul(key)} 요청과 같게 설정해야 합니다"), raw,
                       Text(f"set the {key} limit to {raw}", f"{key} 제한을 {raw}{euro_ro(raw)} 설정합니다"))
        elif try_quantity(raw) != try_quantity(limits[name]) and \
                try_quantity(raw) is not None:
            report_fix(c, POD_RESOURCES_NON_OVERCOMMIT, (*path, "requests", key),
                       Text(f"invalid value {raw!r}: must be equal to {key} limit of "
                            f"{limits[name]}",
                            f"잘못된 값 {raw!r}: {key} 제한 {limits[name]}{gwa_wa(limits[name])} 같아야 합니다"),
                       limits[name],
                       Text(f"set the {key} request to its limit {limits[name]}",
                            f"{key} 요청을 제한 {limits[name]}{euro_ro(limits[name])} 설정합니다"))
    names = set(map(str, limits)) | set(map(str, requests))
    if any(is_hugepages(n) for n in names) and not names & {"cpu", "memory"}:
        c.report(POD_RESOURCES_HUGEPAGES, path,
                 Text("forbidden: HugePages require cpu or memory (set a cpu or memory request "
                      "or limit)",
                      "금지됨: HugePages에는 cpu나 memory가 필요합니다(cpu나 memory 요청 또는 제한을 "
                      "설정해야 합니다)"))


def _resource_claims(c: PodCheck, path: FieldPath, resources: Mapping[str, Any],
                     claims: set[str]) -> None:
    for j, claim in enumerate(as_list(resources.get("claims"))):
        name = as_mapping(claim).get("name")
        if isinstance(name, str) and name and name not in claims:
            c.report(POD_RESOURCES_CLAIMS, (*path, "claims", j),
                     Text(f'not found: "{name}": must be one of the names in '
                          f"pod.spec.resourceClaims ({', '.join(sorted(claims)) or 'none'})",
                          f'찾을 수 없습니다: "{name}": pod.spec.resourceClaims의 이름 중 하나여야 '
                          f"합니다({', '.join(sorted(claims)) or '없음'})"))


def _env(c: PodCheck, path: FieldPath, container: Mapping[str, Any]) -> None:
    seen: set[str] = set()
    for epath, env, name in env_entries(path, container):
        if name:
            value = env.get("value")
            if name in seen and not (isinstance(value, str) and f"$({name})" in value):
                c.report(POD_ENV_DUPLICATE, (*epath, "name"),
                         Text(f'hides previous definition of "{name}", which may be dropped '
                              f"when using apply",
                              f'앞선 "{name}" 정의를 가립니다. apply할 때 앞의 정의가 사라질 수 '
                              f"있습니다"))
            seen.add(name)
        source = as_mapping(env.get("valueFrom"))
        for key in KEY_REFS:
            ref = source.get(key)
            if isinstance(ref, Mapping):
                _key_ref(c, (*epath, "valueFrom", key), ref)
        field = as_mapping(source.get("fieldRef")).get("fieldPath")
        if isinstance(field, str):
            _subscript(c, (*epath, "valueFrom", "fieldRef", "fieldPath"), field)
    for i, env_from in enumerate(as_list(container.get("envFrom"))):
        if not isinstance(env_from, Mapping):
            continue
        fpath = (*path, "envFrom", i)
        for key in ENV_FROM_REFS:
            ref = env_from.get(key)
            if isinstance(ref, Mapping):
                _ref_name(c, POD_ENV_FROM_NAME, (*fpath, key, "name"), ref.get("name"))
        prefix = env_from.get("prefix")
        if isinstance(prefix, str) and prefix:
            relaxed = version_tuple(c.ctx.kube_version) >= (1, 32)
            errors = p.env_name(prefix, relaxed)
            if errors:
                c.report(POD_ENV_FROM_PREFIX, (*fpath, "prefix"),
                         invalid_value(prefix, errors[0]))


def _hugepages(raw: Any, size: str) -> Text:
    return Text(f"invalid value {raw!r}: {raw} is not positive integer multiple of {size}",
                f"잘못된 값 {raw!r}: {raw}{eun_neun(raw)} {size}의 양의 정수배가 아닙니다")


def _ref_name(c: PodCheck, rule: RuleId, path: FieldPath, name: Any) -> None:
    if not name:
        c.report(rule, path, Text("required value: the name of the ConfigMap or Secret",
                                  "필수 값: 컨피그맵이나 시크릿의 이름"))
    elif isinstance(name, str) and p.dns1123_subdomain(name):
        c.report(rule, path, invalid_value(name, p.dns1123_subdomain(name)[0]))


def _key_ref(c: PodCheck, path: FieldPath, ref: Mapping[str, Any]) -> None:
    _ref_name(c, POD_ENV_KEY_REF_NAME, (*path, "name"), ref.get("name"))
    key = ref.get("key")
    if not key:
        c.report(POD_ENV_KEY_REF_KEY, (*path, "key"), Text(
            "required value: the key to read", "필수 값: 읽을 키"))
    elif isinstance(key, str) and p.config_key(key):
        c.report(POD_ENV_KEY_REF_KEY, (*path, "key"), invalid_value(key, p.config_key(key)[0]))


def _subscript(c: PodCheck, path: FieldPath, field: str) -> None:
    """The key inside `metadata.labels['k']` must itself be a label/annotation key."""
    if field.startswith(SUBSCRIPTED) and field.endswith("']"):
        key = field[field.index("['") + 2:-2]
        errors = p.qualified_name(key)
        if errors:
            c.report(POD_ENV_FIELD_REF_SUBSCRIPT, path, invalid_value(key, errors[0]))


def _downward_volume_subscripts(c: PodCheck) -> None:
    for i, volume in enumerate(as_list(c.spec.get("volumes"))):
        downward = as_mapping(as_mapping(volume).get("downwardAPI"))
        for j, item in enumerate(as_list(downward.get("items"))):
            field = as_mapping(as_mapping(item).get("fieldRef")).get("fieldPath")
            if isinstance(field, str):
                _subscript(c, ("volumes", i, "downwardAPI", "items", j, "fieldRef",
                               "fieldPath"), field)


def _sleep_hooks(c: PodCheck, path: FieldPath, lifecycle: Mapping[str, Any]) -> None:
    grace = c.spec.get("terminationGracePeriodSeconds")
    grace = grace if isinstance(grace, int) and not isinstance(grace, bool) else DEFAULT_GRACE
    allow_zero = version_tuple(c.ctx.kube_version) >= (1, 33)
    for hook in ("postStart", "preStop"):
        seconds = as_mapping(as_mapping(lifecycle.get(hook)).get("sleep")).get("seconds")
        if not isinstance(seconds, int) or isinstance(seconds, bool):
            continue
        low = seconds < 0 if allow_zero else seconds <= 0
        if low or seconds > grace:
            bound = "greater than or equal to 0" if allow_zero else "greater than 0"
            bound_ko = "0 이상" if allow_zero else "0보다 크고"
            c.report(POD_LIFECYCLE_SLEEP, (*path, hook, "sleep", "seconds"), Text(
                f"invalid value {seconds}: must be {bound} and less than "
                f"terminationGracePeriodSeconds ({grace})",
                f"잘못된 값 {seconds}: {bound_ko} terminationGracePeriodSeconds({grace}) "
                f"미만이어야 합니다"))


def _http_headers(c: PodCheck, path: FieldPath, container: Mapping[str, Any]) -> None:
    """httpGet header names of probes and hooks: `[-A-Za-z0-9]+`."""
    handlers = [(k, as_mapping(container.get(k))) for k in PROBES] + [
        (f"lifecycle.{k}", as_mapping(as_mapping(container.get("lifecycle")).get(k)))
        for k in ("postStart", "preStop")]
    for where, handler in handlers:
        hpath = (*path, *where.split("."), "httpGet", "httpHeaders")
        for j, header in enumerate(as_list(as_mapping(handler.get("httpGet")).get("httpHeaders"))):
            name = as_mapping(header).get("name")
            if isinstance(name, str) and not HEADER_NAME_RE.match(name):
                c.report(POD_PROBE_HTTP_GET_SCHEME, (*hpath, j, "name"),
                         invalid_value(name, "a valid HTTP header must consist of alphanumeric "
                                       "characters or '-' (e.g. 'X-Header-Name')"))


def _duplicate_ports(c: PodCheck) -> None:
    seen: dict[tuple[Any, str], str] = {}
    for i, container in enumerate(as_list(c.spec.get("containers"))):
        for j, port in enumerate(as_list(as_mapping(container).get("ports"))):
            port = as_mapping(port)
            ppath = ("containers", i, "ports", j)
            if port.get("hostIP") and not port.get("hostPort"):
                c.report(POD_PORT_DUPLICATE, (*ppath, "hostIP"), Text(
                    "hostIP set without hostPort", "hostPort 없이 hostIP가 설정되어 있습니다"))
            number = port.get("containerPort")
            if number is None:
                continue
            key = (number, str(port.get("protocol") or "TCP"))
            where = f"spec.containers[{i}].ports[{j}]"
            if key in seen:
                c.report(POD_PORT_DUPLICATE, ppath,
                         Text(f"duplicate port definition with {seen[key]} ({number}/{key[1]})",
                              f"{seen[key]}{gwa_wa(seen[key])} 포트 정의가 중복됩니다({number}/{key[1]})"))
            else:
                seen[key] = where


def _pull_secrets(c: PodCheck) -> None:
    seen: set[str] = set()
    for i, ref in enumerate(as_list(c.spec.get("imagePullSecrets"))):
        name = as_mapping(ref).get("name")
        if not name:
            c.report(POD_IMAGE_PULL_SECRETS, ("imagePullSecrets", i, "name"),
                     Text('invalid empty name ""', '빈 이름 ""은 유효하지 않습니다'))
        elif name in seen:
            c.report(POD_IMAGE_PULL_SECRETS, ("imagePullSecrets", i, "name"),
                     duplicate_value(name))
        else:
            seen.add(str(name))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(POD_RESOURCES_NON_OVERCOMMIT, E, "A hugepages or extended resource whose request has no "
         "limit or differs from it.", container_specs),
    Rule(POD_RESOURCES_INTEGER, E, "An extended resource (vendor.com/gpu) with a fractional "
         "quantity.", container_specs),
    Rule(POD_RESOURCES_HUGEPAGES, E, "Hugepages without a cpu or memory request/limit, or not a "
         "multiple of the page size.", container_specs),
    Rule(POD_RESOURCES_CLAIMS, E, "resources.claims names no entry of spec.resourceClaims.",
         container_specs),
    Rule(POD_ENV_KEY_REF_NAME, E, "A configMapKeyRef/secretKeyRef name is empty or not a DNS "
         "subdomain.", container_specs),
    Rule(POD_ENV_KEY_REF_KEY, E, "A configMapKeyRef/secretKeyRef key is empty or not a valid "
         "config key.", container_specs),
    Rule(POD_ENV_FROM_NAME, E, "An envFrom configMapRef/secretRef name is empty or not a DNS "
         "subdomain.", container_specs),
    Rule(POD_ENV_FROM_PREFIX, E, "An envFrom prefix that is not a valid environment variable "
         "name.", container_specs),
    Rule(POD_ENV_FIELD_REF_SUBSCRIPT, E, "The key in metadata.labels['...'] or "
         "metadata.annotations['...'] is not a qualified name.", container_specs),
    Rule(POD_LIFECYCLE_SLEEP, E, "A sleep hook's seconds is not positive or exceeds "
         "terminationGracePeriodSeconds.", container_specs),
    Rule(POD_ENV_DUPLICATE, W, "An env name repeats; the earlier definition may be dropped by "
         "kubectl apply.", container_specs),
    Rule(POD_PORT_DUPLICATE, W, "The same containerPort and protocol declared twice, or hostIP "
         "without hostPort.", container_specs),
    Rule(POD_IMAGE_PULL_SECRETS, W, "An imagePullSecrets entry with an empty or repeated name.",
         container_specs),
    Rule(POD_CONTAINERS_REQUIRED, E, "A pod spec with an empty containers list.", container_specs),
    Rule(POD_PROBE_HTTP_GET_SCHEME, E, "An httpGet header name that is not letters, digits and "
         "'-'.", container_specs),
)
