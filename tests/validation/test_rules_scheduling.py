"""Table-driven tests for the pod-spec rules of catalogue 3.2-3.8 beyond the first pass (probe
numbers, init containers, host ports, DNS config, tolerations, affinity, topology spread,
Downward API divisors), for Jobs (completion modes, policies, selectors), for Services by type and
for IngressClasses. Each rule has a case that triggers it and a close one that must not; the
defaults of catalogue 0.4 are in the "must not" rows (a missing operator is Equal, a missing
IngressClass parameter scope is Cluster...)."""

from __future__ import annotations

import pytest

from .docs import check, container, deployment, meta, service


def pod(containers=None, **spec):
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta("p"),
            "spec": {"containers": containers or [container()], **spec}}


def probe(**fields):
    return pod([container(livenessProbe={"tcpSocket": {"port": 80}, **fields})])


def env_resource(resource, divisor):
    return pod([container(env=[{"name": "R", "valueFrom": {"resourceFieldRef": {
        "resource": resource, "divisor": divisor}}}])])


def ports(*specs, **pod_spec):
    return pod([container(name=f"c{i}", ports=[p]) for i, p in enumerate(specs)], **pod_spec)


def spread(*constraints):
    return pod(topologySpreadConstraints=list(constraints))


SPREAD = {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
          "labelSelector": {"matchLabels": {"app": "web"}}}


def node_affinity(requirement):
    return pod(affinity={"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchExpressions": [requirement]}]}}})


def job(name="j", **spec):
    template = {"spec": {"restartPolicy": "Never", "containers": [container()]}}
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta(name),
            "spec": {"template": template, **spec}}


def failure_rule(**rule):
    return job(podFailurePolicy={"rules": [{"action": "FailJob", **rule}]})


EXIT_1 = {"operator": "In", "values": [1]}


def svc(**spec):
    out = service(selector={"app": "web"})
    out["spec"].update(spec)
    return out


def ingress_class(**spec):
    return {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": meta("ic"),
            "spec": {"controller": "example.com/ingress", **spec}}


CASES = [
    # probes
    ("probe-negative-period", probe(periodSeconds=-1), "pod.probe.numbers", True),
    ("probe-defaults", probe(), "pod.probe.numbers", False),
    ("probe-liveness-success-2", probe(successThreshold=2), "pod.probe.successThreshold", True),
    ("probe-readiness-success-2", pod([container(readinessProbe={"tcpSocket": {"port": 80},
                                                                 "successThreshold": 2})]),
     "pod.probe.successThreshold", False),
    ("probe-readiness-tgps", pod([container(readinessProbe={
        "tcpSocket": {"port": 80}, "terminationGracePeriodSeconds": 10})]), "pod.probe.tgps",
     True),
    ("probe-liveness-tgps-zero", probe(terminationGracePeriodSeconds=0), "pod.probe.tgps", True),
    ("probe-liveness-tgps-ok", probe(terminationGracePeriodSeconds=5), "pod.probe.tgps", False),
    ("probe-exec-empty", pod([container(livenessProbe={"exec": {}})]), "pod.probe.exec.command",
     True),
    # init containers
    ("init-restart-onfailure", pod(initContainers=[container("i", restartPolicy="OnFailure")]),
     "pod.initContainer.restartPolicy", True),
    ("init-sidecar", pod(initContainers=[container("i", restartPolicy="Always",
                                                   readinessProbe={"tcpSocket": {"port": 80}})]),
     "pod.initContainer.probes", False),
    ("init-probe", pod(initContainers=[container("i", readinessProbe={"tcpSocket": {
        "port": 80}})]), "pod.initContainer.probes", True),
    # divisors and containerName
    ("divisor-cpu-1k", env_resource("limits.cpu", "1k"), "pod.env.resourceFieldRef.divisor", True),
    ("divisor-cpu-1m", env_resource("limits.cpu", "1m"), "pod.env.resourceFieldRef.divisor",
     False),
    ("divisor-memory-1Mi", env_resource("limits.memory", "1Mi"),
     "pod.env.resourceFieldRef.divisor", False),
    ("divisor-memory-2Mi", env_resource("limits.memory", "2Mi"),
     "pod.env.resourceFieldRef.divisor", True),
    ("divisor-memory-int", env_resource("requests.memory", 1), "pod.env.resourceFieldRef.divisor",
     False),
    ("resourcefieldref-container", pod([container(env=[{"name": "R", "valueFrom": {
        "resourceFieldRef": {"resource": "limits.cpu", "containerName": "db"}}}])]),
     "wire.pod.resourceFieldRef.container", True),
    ("downward-volume-no-container", pod(volumes=[{"name": "d", "downwardAPI": {"items": [{
        "path": "cpu", "resourceFieldRef": {"resource": "limits.cpu"}}]}}]),
     "pod.volume.downwardAPI.oneOf", True),
    ("downward-volume-container", pod(volumes=[{"name": "d", "downwardAPI": {"items": [{
        "path": "cpu", "resourceFieldRef": {"resource": "limits.cpu", "containerName": "app"}}]}}]),
     "pod.volume.downwardAPI.oneOf", False),
    # host ports
    ("hostport-conflict", ports({"containerPort": 80, "hostPort": 8080},
                                {"containerPort": 81, "hostPort": 8080}),
     "pod.port.hostPort.conflict", True),
    ("hostport-other-protocol", ports({"containerPort": 80, "hostPort": 8080},
                                      {"containerPort": 81, "hostPort": 8080, "protocol": "UDP"}),
     "pod.port.hostPort.conflict", False),
    ("hostnetwork-mismatch", ports({"containerPort": 80, "hostPort": 8080}, hostNetwork=True),
     "pod.port.hostNetwork", True),
    ("hostnetwork-equal", ports({"containerPort": 80, "hostPort": 80}, hostNetwork=True),
     "pod.port.hostNetwork", False),
    ("hostnetwork-template-default", deployment(hostNetwork=True), "pod.port.hostNetwork", False),
    # DNS config
    ("dns-four-servers", pod(dnsConfig={"nameservers": ["1.1.1.1", "1.0.0.1", "8.8.8.8",
                                                        "8.8.4.4"]}), "pod.dnsConfig.limits",
     True),
    ("dns-bad-ip", pod(dnsConfig={"nameservers": ["dns.local"]}), "pod.dnsConfig.limits", True),
    ("dns-search-trailing-dot", pod(dnsConfig={"searches": ["svc.cluster.local."],
                                               "options": [{"name": "ndots", "value": "2"}]}),
     "pod.dnsConfig.limits", False),
    ("dns-option-no-name", pod(dnsConfig={"options": [{"value": "2"}]}), "pod.dnsConfig.limits",
     True),
    # tolerations
    ("toleration-empty-key-equal", pod(tolerations=[{"effect": "NoSchedule"}]),
     "pod.tolerations", True),
    ("toleration-empty-key-exists", pod(tolerations=[{"operator": "Exists"}]), "pod.tolerations",
     False),
    ("toleration-exists-value", pod(tolerations=[{"key": "k", "operator": "Exists",
                                                  "value": "v"}]), "pod.tolerations", True),
    ("toleration-seconds-noschedule", pod(tolerations=[{
        "key": "k", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 30}]),
     "pod.tolerations", True),
    ("toleration-seconds-noexecute", pod(tolerations=[{
        "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
        "tolerationSeconds": 30}]), "pod.tolerations", False),
    ("toleration-effect-case", pod(tolerations=[{"key": "k", "value": "v",
                                                 "effect": "noSchedule"}]),
     "pod.tolerations", True),
    # affinity
    ("node-affinity-no-terms", pod(affinity={"nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": []}}}),
     "pod.affinity.node", True),
    ("node-affinity-gt-two", node_affinity({"key": "cpu", "operator": "Gt", "values": ["1", "2"]}),
     "pod.affinity.node", True),
    ("node-affinity-in", node_affinity({"key": "zone", "operator": "In", "values": ["a"]}),
     "pod.affinity.node", False),
    ("node-affinity-exists-values", node_affinity({"key": "gpu", "operator": "Exists",
                                                   "values": ["x"]}), "pod.affinity.node", True),
    ("node-selector-bad", pod(nodeSelector={"disk type": "ssd"}), "pod.nodeSelector", True),
    ("node-selector-ok", pod(nodeSelector={"kubernetes.io/os": "linux"}), "pod.nodeSelector",
     False),
    ("pod-affinity-no-topology", pod(affinity={"podAntiAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {
            "matchLabels": {"app": "web"}}}]}}), "pod.affinity.pod", True),
    ("pod-affinity-null-selector", pod(affinity={"podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {
            "topologyKey": "kubernetes.io/hostname"}}]}}), "pod.affinity.pod.nullSelector", True),
    ("pod-affinity-ok", pod(affinity={"podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {
            "topologyKey": "kubernetes.io/hostname", "labelSelector": {
                "matchLabels": {"app": "web"}}}}]}}), "pod.affinity.pod", False),
    # topology spread
    ("spread-skew-zero", spread({**SPREAD, "maxSkew": 0}), "pod.topologySpread", True),
    ("spread-ok", spread(SPREAD), "pod.topologySpread", False),
    ("spread-duplicate", spread(SPREAD, SPREAD), "pod.topologySpread", True),
    ("spread-min-domains-anyway", spread({**SPREAD, "whenUnsatisfiable": "ScheduleAnyway",
                                          "minDomains": 2}), "pod.topologySpread", True),
    ("spread-min-domains-ok", spread({**SPREAD, "minDomains": 2}), "pod.topologySpread", False),
    # pod-level numbers
    ("active-deadline-zero", pod(activeDeadlineSeconds=0), "pod.activeDeadlineSeconds", True),
    ("tgps-negative", pod(terminationGracePeriodSeconds=-1), "pod.tgps.negative", True),
    ("host-alias-bad-ip", pod(hostAliases=[{"ip": "300.1.1.1", "hostnames": ["a.local"]}]),
     "pod.hostAliases", True),
    ("host-alias-ok", pod(hostAliases=[{"ip": "10.1.1.1", "hostnames": ["a.local"]}]),
     "pod.hostAliases", False),
    ("memory-millis", pod([container(resources={"limits": {"memory": "128974848500m"}})]),
     "pod.resources.fractionalBytes", True),
    ("memory-half-ki", pod([container(resources={"limits": {"memory": "0.5Ki"}})]),
     "pod.resources.fractionalBytes", False),
    # jobs
    ("indexed-no-completions", job(completionMode="Indexed"), "job.indexed.completions", True),
    ("indexed-completions", job(completionMode="Indexed", completions=3),
     "job.indexed.completions", False),
    ("indexed-hostname", job(name="a" * 62, completionMode="Indexed", completions=10),
     "job.indexed.hostname", True),
    ("per-index-nonindexed", job(backoffLimitPerIndex=1), "job.backoffLimitPerIndex", True),
    ("per-index-ok", job(completionMode="Indexed", completions=4, backoffLimitPerIndex=1,
                         maxFailedIndexes=2), "job.backoffLimitPerIndex", False),
    ("max-failed-without-per-index", job(completionMode="Indexed", completions=4,
                                         maxFailedIndexes=2), "job.backoffLimitPerIndex", True),
    ("failure-both", failure_rule(onExitCodes=EXIT_1, onPodConditions=[{"type": "DisruptionTarget"}]),
     "job.podFailurePolicy.rules", True),
    ("failure-neither", failure_rule(), "job.podFailurePolicy.rules", True),
    ("failure-ok", failure_rule(onExitCodes=EXIT_1), "job.podFailurePolicy.rules", False),
    ("failure-fail-index", failure_rule(action="FailIndex", onExitCodes=EXIT_1),
     "job.podFailurePolicy.rules", True),
    ("exit-codes-unordered", failure_rule(onExitCodes={"operator": "In", "values": [3, 1]}),
     "job.podFailurePolicy.onExitCodes", True),
    ("exit-codes-zero-in", failure_rule(onExitCodes={"operator": "In", "values": [0, 1]}),
     "job.podFailurePolicy.onExitCodes", True),
    ("exit-codes-zero-notin", failure_rule(onExitCodes={"operator": "NotIn", "values": [0]}),
     "job.podFailurePolicy.onExitCodes", False),
    ("exit-codes-container", failure_rule(onExitCodes={**EXIT_1, "containerName": "db"}),
     "job.podFailurePolicy.onExitCodes", True),
    ("pod-condition-status", failure_rule(action="Ignore", onPodConditions=[{
        "type": "DisruptionTarget", "status": "true"}]), "job.podFailurePolicy.onPodConditions",
     True),
    ("pod-condition-default-status", failure_rule(action="Ignore", onPodConditions=[{
        "type": "DisruptionTarget"}]), "job.podFailurePolicy.onPodConditions", False),
    ("replacement-with-failure-policy", job(podReplacementPolicy="TerminatingOrFailed",
                                            podFailurePolicy={"rules": [{
                                                "action": "FailJob", "onExitCodes": EXIT_1}]}),
     "job.podReplacementPolicy", True),
    ("success-policy-nonindexed", job(successPolicy={"rules": [{"succeededCount": 1}]}),
     "job.successPolicy", True),
    ("success-policy-ok", job(completionMode="Indexed", completions=5, successPolicy={
        "rules": [{"succeededIndexes": "0-2,4", "succeededCount": 2}]}), "job.successPolicy",
     False),
    ("success-policy-indexes-past-end", job(completionMode="Indexed", completions=3,
                                            successPolicy={"rules": [{
                                                "succeededIndexes": "0-5"}]}),
     "job.successPolicy", True),
    ("job-selector-custom", job(selector={"matchLabels": {"app": "x"}}),
     "job.selector.generated", True),
    ("job-selector-manual", job(manualSelector=True, selector={"matchLabels": {"app": "x"}}),
     "job.selector.generated", False),
    ("cron-template-selector", {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("c"),
                                "spec": {"schedule": "@daily", "jobTemplate": {"spec": {
                                    **job()["spec"], "selector": {"matchLabels": {"a": "b"}}}}}},
     "cron.jobTemplate.selector", True),
    # services by type
    ("clusterips-mismatch", svc(clusterIP="10.0.0.1", clusterIPs=["10.0.0.2"]),
     "svc.clusterIPs.sync", True),
    ("clusterips-dual", svc(clusterIP="10.0.0.1", clusterIPs=["10.0.0.1", "fd00::1"],
                            ipFamilyPolicy="PreferDualStack", ipFamilies=["IPv4", "IPv6"]),
     "svc.clusterIPs.sync", False),
    ("ipfamilies-single-two", svc(ipFamilies=["IPv4", "IPv6"]), "svc.ipFamilies", True),
    ("ipfamilies-dual", svc(ipFamilies=["IPv4", "IPv6"], ipFamilyPolicy="RequireDualStack"),
     "svc.ipFamilies", False),
    ("externalname-clusterip", {**svc(), "spec": {"type": "ExternalName",
                                                  "externalName": "db.example.com",
                                                  "clusterIP": "10.0.0.1"}},
     "svc.externalName.noIPs", True),
    ("externalname-ok", {**svc(), "spec": {"type": "ExternalName",
                                           "externalName": "db.example.com"}},
     "svc.externalName.noIPs", False),
    ("etp-clusterip", svc(externalTrafficPolicy="Local"), "svc.externalTrafficPolicy", True),
    ("etp-nodeport", svc(type="NodePort", externalTrafficPolicy="Local"),
     "svc.externalTrafficPolicy", False),
    ("healthcheck-nodeport", svc(type="NodePort", healthCheckNodePort=30100),
     "svc.healthCheckNodePort", True),
    ("lb-fields-on-clusterip", svc(loadBalancerSourceRanges=["10.0.0.0/8"]), "svc.lb.typeOnly",
     True),
    ("lb-source-range-bad", svc(type="LoadBalancer", loadBalancerSourceRanges=["10.0.0.0/33"]),
     "svc.lb.sourceRanges", True),
    ("lb-source-range-ok", svc(type="LoadBalancer", loadBalancerSourceRanges=["10.0.0.0/8"]),
     "svc.lb.sourceRanges", False),
    ("lb-kubelet-port", {**svc(), "spec": {"type": "LoadBalancer", "ports": [{"port": 10250}]}},
     "svc.lb.kubeletPort", True),
    ("affinity-config-none", svc(sessionAffinityConfig={"clientIP": {"timeoutSeconds": 10}}),
     "svc.sessionAffinity", True),
    ("affinity-timeout-high", svc(sessionAffinity="ClientIP", sessionAffinityConfig={
        "clientIP": {"timeoutSeconds": 90000}}), "svc.sessionAffinity", True),
    ("affinity-ok", svc(sessionAffinity="ClientIP", sessionAffinityConfig={
        "clientIP": {"timeoutSeconds": 10800}}), "svc.sessionAffinity", False),
    ("nodeport-twice", {**svc(), "spec": {"type": "NodePort", "ports": [
        {"name": "a", "port": 80, "nodePort": 30080},
        {"name": "b", "port": 81, "nodePort": 30080}]}}, "svc.nodePort.unique", True),
    ("nodeport-tcp-udp", {**svc(), "spec": {"type": "NodePort", "ports": [
        {"name": "a", "port": 53, "nodePort": 30053},
        {"name": "b", "port": 53, "protocol": "UDP", "nodePort": 30053}]}},
     "svc.nodePort.unique", False),
    ("app-protocol-bad", {**svc(), "spec": {"ports": [{"port": 80, "appProtocol": "http 2"}]}},
     "svc.port.appProtocol", True),
    ("external-ip-loopback", svc(externalIPs=["127.0.0.1"]), "svc.externalIPs", True),
    ("external-ip-ok", svc(externalIPs=["203.0.113.10"]), "svc.externalIPs", False),
    ("traffic-distribution-bad", svc(trafficDistribution="Nearest"), "svc.trafficDistribution",
     True),
    # ingress classes
    ("ingclass-controller-no-domain", ingress_class(controller="nginx"), "ingclass.controller",
     True),
    ("ingclass-controller-ok", ingress_class(), "ingclass.controller", False),
    ("ingclass-params-default-scope", ingress_class(parameters={
        "apiGroup": "k8s.example.com", "kind": "Params", "name": "p"}), "ingclass.parameters",
     False),
    ("ingclass-params-namespace-no-ns", ingress_class(parameters={
        "apiGroup": "k8s.example.com", "kind": "Params", "name": "p", "scope": "Namespace"}),
     "ingclass.parameters", True),
    ("ingclass-params-cluster-ns", ingress_class(parameters={
        "kind": "Params", "name": "p", "scope": "Cluster", "namespace": "x"}),
     "ingclass.parameters", True),
]


@pytest.mark.parametrize(("manifest", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule_table(manifest, rule, fires):
    findings = check(manifest)
    found = [f for f in findings if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in findings]


def test_ingress_class_annotation_must_match():
    ing = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
           "metadata": {"name": "i", "annotations": {"kubernetes.io/ingress.class": "nginx"}},
           "spec": {"ingressClassName": "traefik", "defaultBackend": {"service": {
               "name": "web", "port": {"number": 80}}}}}
    assert [f.rule for f in check(ing) if f.rule == "ing.className.annotation"]
    ing["metadata"]["annotations"]["kubernetes.io/ingress.class"] = "traefik"
    assert not [f.rule for f in check(ing) if f.rule == "ing.className.annotation"]


def test_traffic_distribution_prefer_same_zone_is_version_dependent():
    manifest = svc(trafficDistribution="PreferSameZone")
    assert [f for f in check(manifest, version="1.31") if f.rule == "svc.trafficDistribution"]
    assert not [f for f in check(manifest, version="1.34") if f.rule == "svc.trafficDistribution"]
