"""Format rules for pod specs (a Pod, and every workload's pod template): the API server's checks
beyond the schema, from section 3 of the validation catalogue.

Defaults are applied before checking (catalogue 0.4): a volume with no source is an emptyDir, a
port's protocol is TCP, a pod's restartPolicy is Always, so nothing defaulting fills in is
reported missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.korean import eul_reul, eun_neun
from kubecanvas.model.quantity import try_quantity
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import (
    Finding,
    duplicate_value,
    invalid_value,
)
from kubecanvas.validation.pod_check import CONTAINER_GROUPS, PodCheck, env_entries, pod_checks
from kubecanvas.validation.rule import E, Rule, RuleId, W
from kubecanvas.validation.schema import SCHEMA_ENUM
from kubecanvas.validation.versions import version_tuple

# --- the rule ids this module reports ------------------------------------------------------------
POD_TEMPLATE_EPHEMERAL = RuleId("pod.template.ephemeral")
POD_SERVICE_ACCOUNT_NAME = RuleId("pod.serviceAccountName")
POD_PRIORITY_CLASS_NAME = RuleId("pod.priorityClassName")
POD_RUNTIME_CLASS_NAME = RuleId("pod.runtimeClassName")
POD_NODE_NAME = RuleId("pod.nodeName")
POD_HOSTNAME = RuleId("pod.hostname")
POD_SUBDOMAIN = RuleId("pod.subdomain")
POD_DNS_CONFIG_NONE = RuleId("pod.dnsConfig.none")
POD_CONTAINER_NAME_FORMAT = RuleId("pod.container.name.format")
POD_CONTAINER_NAME_UNIQUE = RuleId("pod.container.name.unique")
POD_CONTAINER_IMAGE_REQUIRED = RuleId("pod.container.image.required")
POD_CONTAINER_IMAGE_WHITESPACE = RuleId("pod.container.image.whitespace")
POD_CONTAINER_RESTART_POLICY_REGULAR = RuleId("pod.container.restartPolicy.regular")
POD_PORT_CONTAINER_PORT_RANGE = RuleId("pod.port.containerPort.range")
POD_PORT_HOST_PORT_RANGE = RuleId("pod.port.hostPort.range")
POD_PORT_NAME_FORMAT = RuleId("pod.port.name.format")
POD_PORT_NAME_UNIQUE = RuleId("pod.port.name.unique")
POD_ENV_NAME_FORMAT = RuleId("pod.env.name.format")
POD_ENV_VALUE_FROM_WITH_VALUE = RuleId("pod.env.valueFrom.withValue")
POD_ENV_VALUE_FROM_ONE_OF = RuleId("pod.env.valueFrom.oneOf")
POD_ENV_FROM_ONE_OF = RuleId("pod.envFrom.oneOf")
POD_ENV_FIELD_REF_PATH = RuleId("pod.env.fieldRef.path")
POD_ENV_FIELD_REF_API_VERSION = RuleId("pod.env.fieldRef.apiVersion")
POD_ENV_RESOURCE_FIELD_REF_RESOURCE = RuleId("pod.env.resourceFieldRef.resource")
POD_VOLUME_DOWNWARD_API_PATH = RuleId("pod.volume.downwardAPI.path")
POD_RESOURCES_NAME = RuleId("pod.resources.name")
POD_RESOURCES_QUANTITY_SYNTAX = RuleId("pod.resources.quantity.syntax")
POD_RESOURCES_NON_NEGATIVE = RuleId("pod.resources.nonNegative")
POD_RESOURCES_REQUESTS_LE_LIMITS = RuleId("pod.resources.requests<=limits")
POD_PROBE_HANDLER_EXACTLY_ONE = RuleId("pod.probe.handler.exactlyOne")
POD_PROBE_SUCCESS_THRESHOLD = RuleId("pod.probe.successThreshold")
POD_PROBE_PORT = RuleId("pod.probe.port")
WIRE_POD_NAMED_PROBE_PORT = RuleId("wire.pod.namedProbePort")


ENV_FIELD_PATHS = frozenset({"metadata.name", "metadata.namespace", "metadata.uid",
                             "spec.nodeName", "spec.serviceAccountName", "status.hostIP",
                             "status.hostIPs", "status.podIP", "status.podIPs"})
VOLUME_FIELD_PATHS = frozenset({"metadata.name", "metadata.namespace", "metadata.labels",
                                "metadata.annotations", "metadata.uid"})
RESOURCE_FIELDS = ("limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu",
                   "requests.memory", "requests.ephemeral-storage")
STANDARD_RESOURCES = frozenset({"cpu", "memory", "ephemeral-storage"})
#: Pod spec fields that name something, with the rule each is checked under.
POD_SUBDOMAIN_NAMES = (("serviceAccountName", POD_SERVICE_ACCOUNT_NAME),
                       ("priorityClassName", POD_PRIORITY_CLASS_NAME),
                       ("runtimeClassName", POD_RUNTIME_CLASS_NAME), ("nodeName", POD_NODE_NAME))
POD_LABEL_NAMES = (("hostname", POD_HOSTNAME), ("subdomain", POD_SUBDOMAIN))
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")


def _port_range(number: int) -> Text:
    return Text(f"invalid value {number}: must be between 1 and 65535, inclusive",
                f"잘못된 값 {number}: 1부터 65535까지여야 합니다")


def pod_specs(ctx: Context) -> Iterator[Finding]:
    """`pod.*`: every pod spec of the targets (Pods, templates, CronJob job templates)."""
    for check in pod_checks(ctx):
        check_pod(check)
        yield from check.out


def check_pod(c: PodCheck) -> None:
    spec = c.spec
    c.enum(("restartPolicy",), spec.get("restartPolicy"), "restartPolicy")
    c.enum(("dnsPolicy",), spec.get("dnsPolicy"), "dnsPolicy")
    if c.template and as_list(spec.get("ephemeralContainers")):
        c.report(POD_TEMPLATE_EPHEMERAL, ("ephemeralContainers",),
                 Text("ephemeral containers are not allowed in a pod template",
                      "파드 템플릿에는 임시 컨테이너(ephemeral containers)를 둘 수 없습니다"))
    for key, rule in POD_SUBDOMAIN_NAMES:
        c.name(rule, (key,), spec.get(key), p.dns1123_subdomain)
    for key, rule in POD_LABEL_NAMES:
        c.name(rule, (key,), spec.get(key), p.dns1123_label)
    if spec.get("dnsPolicy") == "None" and not as_mapping(spec.get("dnsConfig")).get("nameservers"):
        c.report(POD_DNS_CONFIG_NONE, ("dnsConfig",),
                 Text("dnsPolicy None needs dnsConfig with at least one nameserver",
                      "dnsPolicy None에는 네임서버가 하나 이상 있는 dnsConfig가 필요합니다"))
    for i, volume in enumerate(as_list(spec.get("volumes"))):
        downward = as_mapping(as_mapping(volume).get("downwardAPI"))
        for j, item in enumerate(as_list(downward.get("items"))):
            if isinstance(item, Mapping):
                check_field_ref(c, ("volumes", i, "downwardAPI", "items", j), item, volume=True)
    seen_names: set[str] = set()
    for group in CONTAINER_GROUPS:
        for i, container in enumerate(as_list(spec.get(group))):
            if isinstance(container, Mapping):
                check_container(c, (group, i), container, group, seen_names)


def check_container(c: PodCheck, path: FieldPath, container: Mapping[str, Any], group: str,
                    seen: set[str]) -> None:
    name = container.get("name")
    if isinstance(name, str) and name:
        c.name(POD_CONTAINER_NAME_FORMAT, (*path, "name"), name, p.dns1123_label)
        if name in seen:
            c.report(POD_CONTAINER_NAME_UNIQUE, (*path, "name"),
                     Text(f'duplicate value "{name}": container names must be unique in the pod',
                          f'중복된 값 "{name}": 컨테이너 이름은 파드 안에서 고유해야 합니다'))
        seen.add(name)
    image = container.get("image")
    if group != "ephemeralContainers" and (image is None or image == ""):
        c.report(POD_CONTAINER_IMAGE_REQUIRED, (*path, "image"),
                 Text("required value: every container needs an image",
                      "필수 값: 모든 컨테이너에는 이미지가 필요합니다"))
    elif isinstance(image, str) and image != image.strip() and not c.template:
        c.report(POD_CONTAINER_IMAGE_WHITESPACE, (*path, "image"),
                 Text("must not have leading or trailing whitespace",
                      "앞뒤에 공백이 있으면 안 됩니다"))
    c.enum((*path, "imagePullPolicy"), container.get("imagePullPolicy"), "imagePullPolicy")
    c.enum((*path, "terminationMessagePolicy"), container.get("terminationMessagePolicy"),
           "terminationMessagePolicy")
    if group == "containers" and "restartPolicy" in container:
        c.report(POD_CONTAINER_RESTART_POLICY_REGULAR, (*path, "restartPolicy"),
                 Text("may not be set for non-init containers",
                      "init 컨테이너가 아닌 컨테이너에는 설정할 수 없습니다"))
    check_ports(c, path, container)
    check_env(c, path, container)
    check_resources(c, (*path, "resources"), as_mapping(container.get("resources")))
    for probe in PROBES:
        if isinstance(container.get(probe), Mapping):
            check_probe(c, (*path, probe), container[probe], probe, container)


def check_ports(c: PodCheck, path: FieldPath, container: Mapping[str, Any]) -> None:
    names: set[str] = set()
    for i, port in enumerate(as_list(container.get("ports"))):
        if not isinstance(port, Mapping):
            continue
        ppath = (*path, "ports", i)
        number = port.get("containerPort")
        if isinstance(number, int) and not isinstance(number, bool) and p.port_number(number):
            c.report(POD_PORT_CONTAINER_PORT_RANGE, (*ppath, "containerPort"), _port_range(number))
        host = port.get("hostPort")
        if isinstance(host, int) and host != 0 and p.port_number(host):
            c.report(POD_PORT_HOST_PORT_RANGE, (*ppath, "hostPort"), _port_range(host))
        name = port.get("name")
        if isinstance(name, str) and name:
            c.name(POD_PORT_NAME_FORMAT, (*ppath, "name"), name, p.port_name)
            if name in names:
                c.report(POD_PORT_NAME_UNIQUE, (*ppath, "name"), duplicate_value(name))
            names.add(name)
        c.enum((*ppath, "protocol"), port.get("protocol"), "protocol")


def _relaxed_env(c: PodCheck) -> bool:
    return version_tuple(c.ctx.kube_version) >= (1, 32)


def check_env(c: PodCheck, path: FieldPath, container: Mapping[str, Any]) -> None:
    for epath, env, name in env_entries(path, container):
        if name:
            c.name(POD_ENV_NAME_FORMAT, (*epath, "name"), name,
                   lambda v: p.env_name(v, _relaxed_env(c)))
        source = env.get("valueFrom")
        if source is None:
            continue
        sources = [k for k in ("fieldRef", "resourceFieldRef", "configMapKeyRef",
                               "secretKeyRef", "fileKeyRef")
                   if as_mapping(source).get(k) is not None]
        if env.get("value") not in (None, ""):
            c.report(POD_ENV_VALUE_FROM_WITH_VALUE, (*epath, "valueFrom"),
                     Text("may not be specified when `value` is not empty",
                          "`value`가 비어 있지 않으면 지정할 수 없습니다"))
        if len(sources) != 1:
            c.report(POD_ENV_VALUE_FROM_ONE_OF, (*epath, "valueFrom"),
                     Text("must specify exactly one of: `fieldRef`, `resourceFieldRef`, "
                          "`configMapKeyRef` or `secretKeyRef`",
                          "`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` 중 "
                          "정확히 하나를 지정해야 합니다"))
            continue
        check_field_ref(c, (*epath, "valueFrom"), as_mapping(source), volume=False)
    for i, env_from in enumerate(as_list(container.get("envFrom"))):
        if not isinstance(env_from, Mapping):
            continue
        present = [k for k in ("configMapRef", "secretRef") if env_from.get(k) is not None]
        if len(present) != 1:
            c.report(POD_ENV_FROM_ONE_OF, (*path, "envFrom", i),
                     Text("must specify exactly one of: `configMapRef` or `secretRef`",
                          "`configMapRef`, `secretRef` 중 정확히 하나를 지정해야 합니다"))


def check_field_ref(c: PodCheck, path: FieldPath, holder: Mapping[str, Any], volume: bool) -> None:
    """A Downward API fieldRef/resourceFieldRef: env and volumes allow different paths."""
    field_ref = as_mapping(holder.get("fieldRef"))
    field = field_ref.get("fieldPath")
    if isinstance(field, str) and field:
        allowed = VOLUME_FIELD_PATHS if volume else ENV_FIELD_PATHS
        subscript = field.startswith(("metadata.labels['", "metadata.annotations['")) and \
            field.endswith("']")
        if field not in allowed and not subscript:
            where = "a downwardAPI volume" if volume else "env"
            where_ko = "downwardAPI 볼륨" if volume else "env"
            listed = ", ".join(sorted(allowed))
            hint, hint_ko = (" (env needs a subscript such as metadata.labels['app'], or use a "
                             "downwardAPI volume)",
                             " (env에는 metadata.labels['app'] 같은 첨자가 필요합니다. 아니면 "
                             "downwardAPI 볼륨을 써야 합니다)") \
                if field in VOLUME_FIELD_PATHS else ("", "")
            rule = POD_VOLUME_DOWNWARD_API_PATH if volume else POD_ENV_FIELD_REF_PATH
            keyed = "metadata.labels['<key>'] / metadata.annotations['<key>']"
            c.report(rule, (*path, "fieldRef", "fieldPath"), Text(
                f'unsupported value "{field}" in {where}; supported: {listed} and {keyed}{hint}',
                f'{where_ko}에서 지원하지 않는 값 "{field}"입니다. 지원하는 값: {listed}, '
                f'{keyed}{hint_ko}'))
    if field_ref.get("apiVersion") not in (None, "", "v1"):
        c.report(POD_ENV_FIELD_REF_API_VERSION, (*path, "fieldRef", "apiVersion"),
                 Text(f'unsupported pod version: {field_ref.get("apiVersion")}',
                      f'지원하지 않는 파드 버전: {field_ref.get("apiVersion")}'))
    resource = as_mapping(holder.get("resourceFieldRef")).get("resource")
    if isinstance(resource, str) and resource not in RESOURCE_FIELDS and not resource.startswith(
            ("requests.hugepages-", "limits.hugepages-")):
        c.report(POD_ENV_RESOURCE_FIELD_REF_RESOURCE, (*path, "resourceFieldRef", "resource"),
                 Text(f'unsupported value "{resource}"; supported: {", ".join(RESOURCE_FIELDS)}',
                      f'지원하지 않는 값 "{resource}"입니다. 지원하는 값: '
                      f'{", ".join(RESOURCE_FIELDS)}'))


def check_resources(c: PodCheck, path: FieldPath, resources: Mapping[str, Any]) -> None:
    limits, requests = as_mapping(resources.get("limits")), as_mapping(resources.get("requests"))
    for group, values in (("limits", limits), ("requests", requests)):
        for name, raw in values.items():
            key = str(name)
            if key not in STANDARD_RESOURCES and not key.startswith("hugepages-") and \
                    "/" not in key:
                c.report(POD_RESOURCES_NAME, (*path, group, key),
                         Text(f'invalid value "{key}": must be a standard resource type (cpu, '
                              f'memory, ephemeral-storage) or fully qualified (vendor.com/{key})',
                              f'잘못된 값 "{key}": 표준 리소스 유형(cpu, memory, ephemeral-storage)'
                              f'이거나 완전한 이름(vendor.com/{key})이어야 합니다'))
            value = try_quantity(raw)
            if value is None and raw is not None and not isinstance(raw, (list, dict)):
                c.report(POD_RESOURCES_QUANTITY_SYNTAX, (*path, group, key),
                         Text(f'"{raw}" is not a quantity (for example 500m, 1, 256Mi, 1Gi)',
                              f'"{raw}"{eun_neun(raw)} 수량이 아닙니다(예: 500m, 1, 256Mi, 1Gi)'))
            elif value is not None and value < 0:
                c.report(POD_RESOURCES_NON_NEGATIVE, (*path, group, key),
                         Text("must be greater than or equal to 0", "0 이상이어야 합니다"))
    for name, raw in requests.items():
        request, limit = try_quantity(raw), try_quantity(limits.get(name))
        if request is not None and limit is not None and request > limit:
            c.report(POD_RESOURCES_REQUESTS_LE_LIMITS, (*path, "requests", str(name)),
                     Text(f"invalid value {raw!r}: must be less than or equal to {name} limit "
                          f"of {limits.get(name)}",
                          f"잘못된 값 {raw!r}: {name} 제한 {limits.get(name)} 이하여야 합니다"))


def check_probe(c: PodCheck, path: FieldPath, probe: Mapping[str, Any], kind: str,
                container: Mapping[str, Any]) -> None:
    handlers = [k for k in ("exec", "httpGet", "tcpSocket", "grpc") if probe.get(k) is not None]
    if len(handlers) != 1:
        c.report(POD_PROBE_HANDLER_EXACTLY_ONE, path,
                 Text("must specify a handler type", "핸들러 유형을 지정해야 합니다")
                 if not handlers else
                 Text(f"may not specify more than 1 handler type (has {', '.join(handlers)})",
                      f"핸들러 유형은 하나만 지정할 수 있습니다(지정된 유형: {', '.join(handlers)})"))
    if kind in ("livenessProbe", "startupProbe") and probe.get("successThreshold") not in (None, 1):
        c.report(POD_PROBE_SUCCESS_THRESHOLD, (*path, "successThreshold"),
                 Text(f"invalid value {probe.get('successThreshold')}: must be 1",
                      f"잘못된 값 {probe.get('successThreshold')}: 1이어야 합니다"))
    http = as_mapping(probe.get("httpGet"))
    c.enum((*path, "httpGet", "scheme"), http.get("scheme"), "scheme")
    for handler in ("httpGet", "tcpSocket"):
        port = as_mapping(probe.get(handler)).get("port")
        if isinstance(port, str) and port and not port.isdigit():
            names = {str(as_mapping(x).get("name")) for x in as_list(container.get("ports"))}
            if p.port_name(port):
                c.report(POD_PROBE_PORT, (*path, handler, "port"),
                         invalid_value(port, "; ".join(p.port_name(port))))
            elif port not in names:
                c.report(WIRE_POD_NAMED_PROBE_PORT, (*path, handler, "port"),
                         Text(f'the probe uses port "{port}", but the container declares no port '
                              f'with that name; the probe fails and the kubelet restarts it',
                              f'프로브가 포트 "{port}"{eul_reul(port)} 쓰지만 컨테이너에 그 이름의 포트가 '
                              f'없습니다. 프로브가 실패하고 kubelet이 컨테이너를 다시 시작합니다'))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(SCHEMA_ENUM, E, "A field has a value outside its enumeration (restartPolicy, protocol, "
         "pathType, type...).", pod_specs),
    Rule(POD_TEMPLATE_EPHEMERAL, E, "ephemeralContainers inside a pod template.", pod_specs),
    Rule(POD_SERVICE_ACCOUNT_NAME, E, "serviceAccountName is not a DNS subdomain.", pod_specs),
    Rule(POD_PRIORITY_CLASS_NAME, E, "priorityClassName is not a DNS subdomain.", pod_specs),
    Rule(POD_RUNTIME_CLASS_NAME, E, "runtimeClassName is not a DNS subdomain.", pod_specs),
    Rule(POD_NODE_NAME, E, "nodeName is not a DNS subdomain.", pod_specs),
    Rule(POD_HOSTNAME, E, "hostname is not a DNS label.", pod_specs),
    Rule(POD_SUBDOMAIN, E, "subdomain is not a DNS label.", pod_specs),
    Rule(POD_DNS_CONFIG_NONE, E, "dnsPolicy None without dnsConfig nameservers.", pod_specs),
    Rule(POD_CONTAINER_NAME_FORMAT, E, "A container name is not a DNS-1123 label.", pod_specs),
    Rule(POD_CONTAINER_NAME_UNIQUE, E, "Two containers of a pod share a name.", pod_specs),
    Rule(POD_CONTAINER_IMAGE_REQUIRED, E, "A container has no image.", pod_specs),
    Rule(POD_CONTAINER_IMAGE_WHITESPACE, E, "A Pod's image has leading or trailing whitespace.",
         pod_specs),
    Rule(POD_CONTAINER_RESTART_POLICY_REGULAR, E, "restartPolicy set on a regular container.",
         pod_specs),
    Rule(POD_PORT_CONTAINER_PORT_RANGE, E, "containerPort is not between 1 and 65535.", pod_specs),
    Rule(POD_PORT_HOST_PORT_RANGE, E, "hostPort is not between 1 and 65535.", pod_specs),
    Rule(POD_PORT_NAME_FORMAT, E, "A container port name is not an IANA service name (15 "
         "characters, a letter, no '--').", pod_specs),
    Rule(POD_PORT_NAME_UNIQUE, E, "A container declares the same port name twice.", pod_specs),
    Rule(POD_ENV_NAME_FORMAT, E, "An environment variable name is invalid for the target version.",
         pod_specs),
    Rule(POD_ENV_VALUE_FROM_WITH_VALUE, E, "An env var sets both value and valueFrom.", pod_specs),
    Rule(POD_ENV_VALUE_FROM_ONE_OF, E, "valueFrom needs exactly one source.", pod_specs),
    Rule(POD_ENV_FROM_ONE_OF, E, "An envFrom entry needs exactly one of configMapRef and "
         "secretRef.", pod_specs),
    Rule(POD_ENV_FIELD_REF_PATH, E, "A Downward API fieldPath that env does not support (bare "
         "metadata.labels needs a subscript).", pod_specs),
    Rule(POD_ENV_FIELD_REF_API_VERSION, E, "fieldRef.apiVersion is not v1.", pod_specs),
    Rule(POD_ENV_RESOURCE_FIELD_REF_RESOURCE, E, "resourceFieldRef.resource is not a supported "
         "resource.", pod_specs),
    Rule(POD_VOLUME_DOWNWARD_API_PATH, E, "A Downward API fieldPath that volumes do not support "
         "(spec.* and status.* are env only).", pod_specs),
    Rule(POD_RESOURCES_NAME, E, "A resource name is neither standard nor fully qualified.",
         pod_specs),
    Rule(POD_RESOURCES_QUANTITY_SYNTAX, E, "A resource value is not a quantity.", pod_specs),
    Rule(POD_RESOURCES_NON_NEGATIVE, E, "A resource quantity is negative.", pod_specs),
    Rule(POD_RESOURCES_REQUESTS_LE_LIMITS, E, "A request is larger than its limit.", pod_specs),
    Rule(POD_PROBE_HANDLER_EXACTLY_ONE, E, "A probe needs exactly one handler.", pod_specs),
    Rule(POD_PROBE_SUCCESS_THRESHOLD, E, "Liveness and startup probes need successThreshold 1.",
         pod_specs),
    Rule(POD_PROBE_PORT, E, "A probe's named port is not an IANA service name.", pod_specs),
    Rule(WIRE_POD_NAMED_PROBE_PORT, W, "A probe uses a port name the container does not declare.",
         pod_specs),
)
