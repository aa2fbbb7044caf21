"""Environment and files, claims and network policies against hand-worked expectations."""

from __future__ import annotations

from kubecanvas.teaching.env import MASK
from kubecanvas.teaching.files import simulate_environment
from kubecanvas.teaching.network import reachable, simulate_network
from kubecanvas.teaching.storage import simulate_claim

from .helpers import build, deployment, rid

CONFIG = """
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {LOG_LEVEL: info, 1st: one, MODE: from-configmap, app.conf: "a=1"}
binaryData: {blob: AAEC}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
data: {password: czNjcmV0}
stringData: {token: plain-token}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 1
  selector: {matchLabels: {app: app}}
  template:
    metadata:
      labels: {app: app, tier: backend}
      annotations: {team: payments}
    spec:
      serviceAccountName: runner
      containers:
        - name: app
          image: busybox
          resources:
            requests: {cpu: 250m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          envFrom:
            - configMapRef: {name: cfg}
            - prefix: S_
              secretRef: {name: sec}
            - configMapRef: {name: absent, optional: true}
          env:
            - {name: MODE, value: from-env}
            - {name: URL, value: "http://$(POD_NAME):8080/$(LOG_LEVEL)/$$(LOG_LEVEL)"}
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
            - name: URL2
              value: "$(POD_NAME)"
            - name: IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            - name: TIER
              valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}
            - name: MEM_MI
              valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
            - name: CPU_M
              valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
            - name: CPU
              valueFrom: {resourceFieldRef: {resource: limits.cpu}}
            - name: PASSWORD
              valueFrom: {secretKeyRef: {name: sec, key: password}}
            - name: MAYBE
              valueFrom: {secretKeyRef: {name: sec, key: nope, optional: true}}
          volumeMounts:
            - {name: conf, mountPath: /etc/app}
            - {name: secret, mountPath: /etc/secret, readOnly: true}
            - {name: info, mountPath: /etc/podinfo}
            - {name: conf, mountPath: /etc/single.conf, subPath: app.conf}
            - {name: scratch, mountPath: /tmp/scratch}
      volumes:
        - name: conf
          configMap:
            name: cfg
            items: [{key: app.conf, path: app.conf, mode: 0400}, {key: LOG_LEVEL, path: level}]
        - name: secret
          secret: {secretName: sec, defaultMode: 0440}
        - name: info
          projected:
            sources:
              - downwardAPI:
                  items:
                    - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                    - {path: name, fieldRef: {fieldPath: metadata.name}}
                    - path: mem
                      resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}
              - serviceAccountToken: {path: token, audience: vault}
        - name: scratch
          emptyDir: {medium: Memory}
"""


def env_of(reveal: bool = False, version: str | None = None):
    doc, graph = build(CONFIG)
    sim = simulate_environment(doc, graph, rid(doc, "Deployment", "app"), reveal=reveal,
                               kube_version=version)
    (view,) = sim.containers
    return sim, view, {v.name: v for v in view.env}


def test_env_precedence_expansion_and_downward_api() -> None:
    sim, view, env = env_of()
    assert env["MODE"].value == "from-env" and env["MODE"].source == "value"  # env beats envFrom
    assert env["LOG_LEVEL"].value == "info"
    assert "blob" not in env  # envFrom never reads binaryData
    assert env["URL"].value == "http://$(POD_NAME):8080/info/$(LOG_LEVEL)"  # POD_NAME comes later
    assert env["POD_NAME"].value == sim.pod == sim.facts.name
    assert env["URL2"].value == sim.pod
    assert env["IP"].value == sim.facts.ip and sim.facts.ip.startswith("10.244.")
    assert env["TIER"].value == "backend"
    assert (env["MEM_MI"].value, env["CPU_M"].value, env["CPU"].value) == ("256", "250", "1")
    assert any("optional ConfigMap absent does not exist" in s for s in view.skipped)
    assert any("optional key 'nope'" in s for s in view.skipped)
    assert "MAYBE" not in env and view.problems == ()


def test_secret_values_are_masked_until_revealed_then_decoded() -> None:
    _, _, env = env_of()
    assert env["PASSWORD"].value == MASK and env["PASSWORD"].masked
    assert env["S_token"].value == MASK
    _, _, env = env_of(reveal=True)
    assert env["PASSWORD"].value == "s3cret" and not env["PASSWORD"].masked
    assert env["S_password"].value == "s3cret" and env["S_token"].value == "plain-token"


def test_invalid_keys_are_skipped_under_the_strict_rule_only() -> None:
    _, view, env = env_of(version="1.30")
    assert "1st" not in env
    assert any("'1st' is not a valid variable name" in s for s in view.skipped)
    _, _, env = env_of(version="1.33")  # relaxed names from 1.32 on
    assert env["1st"].value == "one"


def test_files_from_configmap_secret_projected_and_subpath() -> None:
    sim, view, _ = env_of()
    files = {f.path: f for f in view.files}
    assert (files["/etc/app/app.conf"].content, files["/etc/app/app.conf"].mode) == ("a=1", "0400")
    assert (files["/etc/app/level"].content, files["/etc/app/level"].mode) == ("info", "0644")
    assert "/etc/app/MODE" not in files  # items list only the keys they name
    assert files["/etc/secret/password"].content == MASK
    assert files["/etc/secret/password"].mode == "0440" and files["/etc/secret/password"].read_only
    assert files["/etc/podinfo/labels"].content == (
        f'app="app"\npod-template-hash="{sim.facts.labels["pod-template-hash"]}"\ntier="backend"')
    assert files["/etc/podinfo/name"].content == sim.pod
    assert files["/etc/podinfo/mem"].content == "256"
    assert "vault" in files["/etc/podinfo/token"].source
    assert files["/etc/single.conf"].content == "a=1" and "subPath" in files[
        "/etc/single.conf"].source
    assert files["/tmp/scratch"].kind == "directory" and "tmpfs" in files["/tmp/scratch"].source
    token = files["/var/run/secrets/kubernetes.io/serviceaccount"]
    assert "ServiceAccount runner" in token.source
    _, view, _ = env_of(reveal=True)
    assert {f.path: f for f in view.files}["/etc/secret/token"].content == "plain-token"


def test_a_missing_configmap_volume_keeps_the_pod_from_starting() -> None:
    doc, graph = build(CONFIG.replace("name: cfg\n            items", "name: gone\n            items"))
    sim = simulate_environment(doc, graph, rid(doc, "Deployment", "app"))
    assert any("ConfigMap gone does not exist" in p for p in sim.containers[0].problems)


# --- claims ---------------------------------------------------------------------------------------
PVS = """
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec: {storageClassName: manual, capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: big}
spec: {storageClassName: manual, capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /b}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: shared}
spec: {storageClassName: manual, capacity: {storage: 20Gi}, accessModes: [ReadWriteMany], hostPath: {path: /c}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
---
"""


def test_claim_binds_the_smallest_fitting_pv_and_says_why_not_the_others() -> None:
    doc, graph = build(PVS + """
apiVersion: v1
kind: PersistentVolume
metadata: {name: huge}
spec: {storageClassName: manual, capacity: {storage: 50Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /d}}
""")
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert (sim.outcome, sim.how) == ("bound", "match")
    assert sim.volume == rid(doc, "PersistentVolume", "big")
    verdicts = {v.name: v for v in sim.verdicts}
    assert verdicts["big"].binds and sim.verdicts[0].name == "big"
    assert verdicts["small"].reasons == ("capacity 1Gi < requested 5Gi",)
    assert verdicts["shared"].reasons == (
        "access modes ReadWriteOnce not offered (PV has ReadWriteMany)",)
    assert verdicts["huge"].reasons == (
        "it fits too, but big is smaller and fits",)
    assert "smallest Available PV" in sim.explanation


def test_a_volume_passed_over_says_why_it_was_not_the_one() -> None:
    """Of two equal volumes the claim binds one (by the names' hashes, which Kubernetes leaves
    open); the other is said to fit as well, not to be bigger. A claim reserved by a claimRef
    says so for a volume that would also fit."""
    twin = PVS + """
apiVersion: v1
kind: PersistentVolume
metadata: {name: big-twin}
spec: {storageClassName: manual, capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /d}}
"""
    doc, graph = build(twin)
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    chosen = next(v.name for v in sim.verdicts if v.binds)
    other = ({"big", "big-twin"} - {chosen}).pop()
    (reason,) = {v.name: v for v in sim.verdicts}[other].reasons
    assert reason == (f"it fits as well as {chosen}, which is the same size: among equal volumes "
                      "the PV controller takes any one, and KubeCanvas shows one chosen by the "
                      "names' hashes")
    assert "크기가 같은 볼륨 중에서는" in reason.ko
    reserved = twin.replace("metadata: {name: big-twin}\nspec: {",
                            "metadata: {name: big-twin}\nspec: {claimRef: {namespace: default, "
                            "name: data}, ")
    doc, graph = build(reserved)
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert (sim.how, next(v.name for v in sim.verdicts if v.binds)) == ("claimRef", "big-twin")
    assert {v.name: v for v in sim.verdicts}["big"].reasons == (
        "it fits too, but big-twin's claimRef reserves that volume for this claim",)


def test_a_pv_taken_by_another_claim_is_named() -> None:
    doc, graph = build(PVS + """
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: another}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
""")
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    # claims bind in (namespace, name) order: "another" (2Gi) takes big, the smallest fit;
    # shared offers only ReadWriteMany, so nothing is left that fits "data".
    assert sim.outcome == "pending" and "kubernetes.io/no-provisioner" in sim.explanation
    verdicts = {v.name: v.reasons for v in sim.verdicts}
    assert verdicts["big"] == ("already bound to claim default/another",)
    assert verdicts["shared"] == (
        "access modes ReadWriteOnce not offered (PV has ReadWriteMany)",)


def test_dynamic_provisioning_by_the_storage_class() -> None:
    doc, graph = build("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: fast
          annotations: {storageclass.kubernetes.io/is-default-class: "true"}
        provisioner: ebs.csi.aws.com
        volumeBindingMode: WaitForFirstConsumer
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
        """)
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert (sim.outcome, sim.storage_class, sim.provisioner) == (
        "provisioned", "fast", "ebs.csi.aws.com")
    assert "WaitForFirstConsumer" in sim.explanation and "reclaimPolicy Delete" in sim.explanation
    assert rid(doc, "StorageClass", "fast") in sim.highlight.resources


def test_a_claim_without_a_class_is_left_to_the_clusters_default_class() -> None:
    """storageClassName left out is not storageClassName "": the DefaultStorageClass admission
    plugin fills in the cluster's default class, which the design may not show. Only an
    explicit "" asks for no class, and then nothing is provisioned."""
    claim = """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}%s}
        """
    doc, graph = build(claim % "")
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.outcome == "default-class"
    assert "default StorageClass" in sim.explanation and 'storageClassName ""' not in \
        sim.explanation
    assert "기본 스토리지클래스(StorageClass)" in sim.explanation.ko
    doc, graph = build(claim % ', storageClassName: ""')
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.outcome == "pending" and 'storageClassName ""' in sim.explanation


# --- networking -----------------------------------------------------------------------------------
NET = (deployment("web", replicas=2) + deployment("api", replicas=2)
       + deployment("batch", port=7000, port_name="jobs")
       + deployment("other", ns="tools", labels="role: monitor") + """
apiVersion: v1
kind: Namespace
metadata: {name: tools, labels: {purpose: ops}}
---
""")


def test_pod_ips_are_spread_over_nodes_and_deterministic() -> None:
    doc, graph = build(NET)
    sim = simulate_network(doc, graph)
    assert [(p.name.split("-")[0], p.node, p.ip) for p in sim.pods] == [
        ("web", "node-1", "10.244.1.2"), ("web", "node-2", "10.244.2.2"),
        ("api", "node-3", "10.244.3.2"), ("api", "node-1", "10.244.1.3"),
        ("batch", "node-2", "10.244.2.3"), ("other", "node-3", "10.244.3.3")]
    assert simulate_network(doc, graph).pods == sim.pods
    assert sim.reachability == () and reachable(sim, rid(doc, "Deployment", "web"),
                                                rid(doc, "Deployment", "api"))
    assert any("No NetworkPolicy" in n for n in sim.notes)


def test_localhost_groups_list_ports_and_clashes() -> None:
    text = deployment("web").replace(
        "              containerPort: 8080\n",
        "              containerPort: 8080\n        - name: side\n          image: envoy\n"
        "          ports: [{containerPort: 8080}, {containerPort: 9901}]\n")
    doc, graph = build(text)
    (group,) = simulate_network(doc, graph).localhost
    assert group.ports == (("web", 8080, "TCP"), ("side", 8080, "TCP"), ("side", 9901, "TCP"))
    assert group.clashes and "web and side both declare 8080/TCP" in group.clashes[0]


def policy(spec: str, ns: str = "default") -> str:
    return f"""
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: p-{abs(hash(spec)) % 10000}, namespace: {ns}}}
spec:
{spec}
---"""


def test_default_deny_then_allow_from_one_workload_and_one_namespace() -> None:
    deny = policy("  podSelector: {}\n  policyTypes: [Ingress]")
    doc, graph = build(NET + deny)
    web, api, batch, other = (rid(doc, "Deployment", n) for n in ("web", "api", "batch", "other"))
    sim = simulate_network(doc, graph)
    assert not reachable(sim, web, api) and not reachable(sim, api, web)
    assert reachable(sim, web, other)  # the policy is in default; tools is untouched
    allow = policy("  podSelector: {matchLabels: {app: api}}\n  ingress:\n"
                   "    - from:\n        - podSelector: {matchLabels: {app: web}}\n"
                   "        - namespaceSelector: {matchLabels: {purpose: ops}}\n"
                   "      ports: [{port: http}]")
    doc, graph = build(NET + deny + allow)
    web, api, batch, other = (rid(doc, "Deployment", n) for n in ("web", "api", "batch", "other"))
    sim = simulate_network(doc, graph)
    assert reachable(sim, web, api, 8080) and reachable(sim, other, api)
    assert not reachable(sim, batch, api) and not reachable(sim, api, web)
    entry = next(r for r in sim.reachability if (r.source, r.target) == (web, api))
    assert entry.allowed_ports == ("8080/TCP",) and "allowed by NetworkPolicy" in entry.reason


def test_pod_and_namespace_selector_in_one_peer_mean_both() -> None:
    both = policy("  podSelector: {matchLabels: {app: api}}\n  ingress:\n    - from:\n"
                  "        - namespaceSelector: {matchLabels: {purpose: ops}}\n"
                  "          podSelector: {matchLabels: {role: web}}")
    doc, graph = build(NET + both)
    sim = simulate_network(doc, graph)
    api, other = rid(doc, "Deployment", "api"), rid(doc, "Deployment", "other")
    assert not reachable(sim, other, api)  # in tools, but not role=web


def test_egress_policies_and_port_ranges() -> None:
    egress = policy("  podSelector: {matchLabels: {app: batch}}\n  policyTypes: [Egress]\n"
                    "  egress:\n    - to: [{podSelector: {matchLabels: {app: api}}}]\n"
                    "      ports: [{port: 8000, endPort: 8100}]")
    doc, graph = build(NET + egress)
    sim = simulate_network(doc, graph)
    batch, api, web = (rid(doc, "Deployment", n) for n in ("batch", "api", "web"))
    assert reachable(sim, batch, api, 8080) and not reachable(sim, batch, web)
    assert reachable(sim, web, batch)  # ingress to batch is not restricted
