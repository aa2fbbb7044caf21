"""Every sentence a simulation or a lesson check produces exists in English and in Korean.

The simulations return `Text` values (English `str` carrying Korean); these tests run every
simulation kind on every lesson diagram, on a document built to reach the rarer branches, on a
malformed one and on a few corpus apps, and check that every sentence has a Korean version that
contains Hangul and differs from the English, and that no other string field slipped through as
an English-only sentence.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kubecanvas.io import load_paths
from kubecanvas.model import binding, record
from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import pod_template
from kubecanvas.teaching import (
    SimCluster,
    load_lessons,
    progress,
    simulate_claim,
    simulate_cronjob,
    simulate_deployment,
    simulate_environment,
    simulate_job,
    simulate_network,
    simulate_service,
    simulate_statefulset,
    walk_ingress,
)
from kubecanvas.teaching.text import Text, concat, join, kind_ko, local

from .helpers import build
from .test_robustness import MALFORMED

START = datetime(2026, 1, 1, tzinfo=UTC)
LESSONS = load_lessons()
HANGUL = re.compile("[\uac00-\ud7a3]")

#: The fields of each result type that hold sentences (each value, or each item, is a Text).
PROSE = {
    "Endpoint": ("note",), "ServiceSimulation": ("dns_answer", "notes"),
    "WalkStep": ("text",), "IngressWalk": ("reason",), "RolloutStep": ("action",),
    "RolloutPlan": ("notes",), "StatefulSetSimulation": ("notes",),
    "JobSimulation": ("retries", "notes"),
    "CronJobSimulation": ("concurrency", "notes", "error"),
    "VolumeVerdict": ("reasons",), "ClaimSimulation": ("explanation",),
    "EnvVar": ("source",), "MountedFile": ("source",), "ContainerView": ("skipped", "problems"),
    "LocalhostGroup": ("clashes",), "Reachability": ("reason",), "NetworkSimulation": ("notes",),
    "CheckResult": ("text",),
}
#: String fields that hold data rather than sentences (names, values the user wrote, ...).
DATA = {"value", "content", "request", "schedule", "name", "pod", "path", "source_name"}


def _requests(doc: Document, rid: str) -> list[str]:
    """Requests that reach, miss a host and miss a path of one Ingress."""
    out = ["GET nowhere.invalid/", "GET example.com/zz-no-such-path"]
    for rule in as_list(doc.get(rid).spec.get("rules")):
        host = str(as_mapping(rule).get("host") or "example.com").replace("*", "a")
        for entry in as_list(as_mapping(as_mapping(rule).get("http")).get("paths")):
            out.append(f"GET https://{host}{as_mapping(entry).get('path') or '/'}")
        out.append(f"GET {host}/zz-no-such-path")
    return out


def simulate_all(doc: Document, graph: WiringGraph) -> dict[str, list[Any]]:
    """Every simulation the "What happens" panel can show for `doc`, grouped by kind."""
    cluster = SimCluster(doc)
    out: dict[str, list[Any]] = {}
    for res in doc:
        kind = res.kind
        add = out.setdefault
        if kind == "Service":
            add("service", []).append(simulate_service(doc, graph, res.id, cluster))
        elif kind == "Ingress":
            add("ingress", []).extend(walk_ingress(doc, graph, res.id, r, cluster)
                                      for r in _requests(doc, res.id))
        elif kind == "Deployment":
            add("deployment", []).append(simulate_deployment(doc, graph, res.id, cluster))
        elif kind == "StatefulSet":
            add("statefulset", []).append(simulate_statefulset(doc, graph, res.id))
        if kind in ("Job", "CronJob"):
            add("job", []).append(simulate_job(doc, res.id))
        if kind == "CronJob":
            add("cronjob", []).append(simulate_cronjob(doc, res.id, START))
        if pod_template(res) is not None:
            for reveal in (False, True):
                add("environment", []).append(
                    simulate_environment(doc, graph, res.id, reveal=reveal, cluster=cluster))
    out["claim"] = [simulate_claim(doc, graph, c.node) for c in graph.claims()]
    out["network"] = [simulate_network(doc, graph, cluster)]
    return out


def _walk(value: Any, where: str) -> Iterator[tuple[str, str, Any]]:
    """(where, field name, value) of every field of every dataclass or record inside `value`."""
    if isinstance(value, type):
        return
    names = ([f.name for f in dataclasses.fields(value)] if dataclasses.is_dataclass(value)
             else [f.name for f in record.fields(value)])
    if names:
        for name in names:
            item = getattr(value, name)
            yield f"{where}.{type(value).__name__}.{name}", name, item
            yield from _walk(item, f"{where}.{name}")
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from _walk(item, f"{where}[{i}]")


def _sentences(value: Any) -> list[Any]:
    items = value if isinstance(value, (tuple, list)) else (value,)
    return [v for v in items if isinstance(v, str) and v]


def untranslated(results: dict[str, list[Any]] | list[Any]) -> tuple[list[str], int]:
    """(problems, number of sentences checked) over every prose field of `results`."""
    problems, count = [], 0
    groups = results.values() if isinstance(results, dict) else [results]
    for group in groups:
        for result in group:
            for where, name, value in _walk(result, type(result).__name__):
                owner = where.rsplit(".", 2)[-2]
                if name in PROSE.get(owner, ()):
                    for text in _sentences(value):
                        count += 1
                        if not isinstance(text, Text):
                            problems.append(f"{where}: not a Text: {text!r}")
                        elif not HANGUL.search(text.ko) or text.ko == text.en:
                            problems.append(f"{where}: no Korean: {text!r}")
                elif name not in DATA and isinstance(value, str) and not isinstance(value, Text) \
                        and re.search(r"[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+", value):
                    problems.append(f"{where}: an English sentence outside PROSE: {value!r}")
    return problems, count


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_simulation_of_every_lesson_diagram_speaks_korean(lesson) -> None:
    doc = lesson.document()
    graph = WiringGraph(doc)
    problems, count = untranslated(simulate_all(doc, graph))
    assert problems == []
    assert count > 0


def test_lesson_diagrams_reach_every_simulation_kind() -> None:
    kinds: set[str] = set()
    for lesson in LESSONS:
        doc = lesson.document()
        kinds |= {k for k, v in simulate_all(doc, WiringGraph(doc)).items() if v}
    assert kinds == {"service", "ingress", "deployment", "statefulset", "job", "cronjob",
                     "claim", "environment", "network"}


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_step_check_describes_itself_in_korean(lesson) -> None:
    doc = lesson.document()
    statuses = progress(lesson, doc, WiringGraph(doc))
    results = [r for status in statuses for r in status.results]
    problems, count = untranslated(results)
    assert problems == []
    assert count == len(results) > 0


BRANCHES = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  strategy: {type: Recreate}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      volumes:
        - {name: scratch, emptyDir: {medium: Memory}}
        - {name: disk, emptyDir: {}}
        - {name: host, hostPath: {path: /var/log}}
        - {name: data, persistentVolumeClaim: {claimName: small}}
        - {name: conf, configMap: {name: app-config, items: [{key: nope, path: x}]}}
        - {name: gone, configMap: {name: missing}}
        - {name: maybe, secret: {secretName: missing, optional: true}}
        - {name: bin, configMap: {name: app-config}}
        - name: proj
          projected:
            sources:
              - serviceAccountToken: {path: token, audience: vault}
              - downwardAPI: {items: [{path: cpu, resourceFieldRef: {resource: limits.cpu}},
                                      {path: mem, resourceFieldRef: {resource: requests.memory,
                                                                     containerName: other}}]}
        - {name: odd, nfs: {server: nfs.local, path: /}}
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 80}, {name: also, containerPort: 80}]
          env:
            - {name: PLAIN, value: "x-$(MISSING)"}
            - {name: K, valueFrom: {configMapKeyRef: {name: app-config, key: absent}}}
            - {name: O, valueFrom: {configMapKeyRef: {name: app-config, key: absent,
                                                       optional: true}}}
            - {name: M, valueFrom: {secretKeyRef: {name: missing, key: k}}}
            - {name: MO, valueFrom: {secretKeyRef: {name: missing, key: k, optional: true}}}
            - {name: B, valueFrom: {secretKeyRef: {name: creds, key: broken}}}
            - {name: CPU, valueFrom: {resourceFieldRef: {resource: requests.cpu}}}
            - {name: LIM, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
          envFrom: [{configMapRef: {name: app-config}, prefix: "1-"},
                    {secretRef: {name: gone}}, {secretRef: {name: gone2, optional: true}}]
          volumeMounts:
            - {name: scratch, mountPath: /scratch}
            - {name: disk, mountPath: /disk}
            - {name: host, mountPath: /host}
            - {name: data, mountPath: /data}
            - {name: conf, mountPath: /conf}
            - {name: gone, mountPath: /gone}
            - {name: maybe, mountPath: /maybe}
            - {name: bin, mountPath: /bin/blob, subPath: blob}
            - {name: bin, mountPath: /nothing, subPath: nothing-here}
            - {name: proj, mountPath: /proj}
            - {name: odd, mountPath: /odd}
            - {name: undeclared, mountPath: /u}
        - name: sidecar
          image: busybox:1.36
          ports: [{containerPort: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {LOG_LEVEL: debug}
binaryData: {blob: AAEC}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
data: {broken: "!!!not-base64"}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}, {name: raw, port: 81, targetPort: 9999},
          {name: named, port: 82, targetPort: grpc}]
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: manual}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: outside}
spec: {type: ExternalName, externalName: db.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16, ports: [{containerPort: 5432}]}]
  volumeClaimTemplates:
    - metadata: {name: pgdata}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}},
             storageClassName: fast}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: lonely}
spec:
  serviceName: web
  replicas: 0
  selector: {matchLabels: {app: lonely}}
  template:
    metadata: {labels: {app: lonely}}
    spec:
      containers: [{name: c, image: busybox:1.36}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: ImplementationSpecific,
             backend: {service: {name: web, port: {number: 80}}}}
          - {path: /raw, pathType: Prefix, backend: {service: {name: web, port: {number: 81}}}}
          - {path: /named, pathType: Prefix, backend: {service: {name: web, port: {number: 82}}}}
          - {path: /nope, pathType: Prefix, backend: {service: {name: web, port: {number: 99}}}}
          - {path: /none, pathType: Prefix, backend: {service: {name: ghost, port: {number: 80}}}}
          - {path: /empty, pathType: Prefix,
             backend: {service: {name: nobody, port: {number: 80}}}}
    - host: "*.example.com"
      http:
        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]
    - http:
        paths: [{path: /, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fallback}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
  rules: [{host: a.example.com, http: {paths: [{path: /x, pathType: Exact,
                                                backend: {service: {name: web,
                                                                    port: {number: 80}}}}]}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completionMode: Indexed
  completions: 3
  parallelism: 2
  backoffLimit: 2
  template:
    spec:
      restartPolicy: OnFailure
      containers: [{name: c, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: queue}
spec:
  parallelism: 2
  template:
    spec:
      restartPolicy: Always
      containers: [{name: c, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  timeZone: Asia/Seoul
  suspend: true
  startingDeadlineSeconds: 200
  concurrencyPolicy: Forbid
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never,
                                         containers: [{name: c, image: busybox:1.36}]}}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: lost}
spec:
  schedule: "0 3 * * *"
  timeZone: Nowhere/City
  concurrencyPolicy: Sometimes
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never,
                                         containers: [{name: c, image: busybox:1.36}]}}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: late}
spec:
  schedule: "0 25 * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never,
                                         containers: [{name: c, image: busybox:1.36}]}}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: swap}
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Replace
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never,
                                         containers: [{name: c, image: busybox:1.36}]}}}}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: small}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  volumeMode: Filesystem
  selector: {matchLabels: {tier: gold}}
  resources: {requests: {storage: 5Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: picky}
spec:
  storageClassName: manual
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: elsewhere}
spec:
  storageClassName: cloud
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: named}
spec:
  storageClassName: ""
  volumeName: pv-named
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-named}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-block, labels: {tier: gold}}
spec:
  capacity: {storage: 10Gi}
  volumeMode: Block
  accessModes: [ReadWriteOnce]
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-tiny, labels: {tier: gold}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadOnlyMany]
  storageClassName: manual
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-reserved}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  claimRef: {namespace: default, name: someone-else}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-nocap}
spec:
  accessModes: [ReadWriteOnce]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
"""


def test_the_rarer_branches_speak_korean_too() -> None:
    loaded = load_paths_text(BRANCHES)
    doc, graph = loaded
    results = simulate_all(doc, graph)
    problems, count = untranslated(results)
    assert problems == []
    assert count > 150
    walks = results["ingress"]
    assert {w.broken_at for w in walks} >= {None, "path", "port", "service", "pods", "container"}
    errors = {c.cronjob: c.error.ko for c in results["cronjob"] if c.error}
    assert sorted(errors.values()) == ["25: 허용 범위 [0, 23] 밖입니다",
                                       "알 수 없는 시간대(timeZone)입니다: 'Nowhere/City'"]
    claims = {c.outcome for c in results["claim"]}
    assert claims == {"bound", "provisioned", "pending"}


def load_paths_text(text: str) -> tuple[Document, WiringGraph]:
    return build(text)


def test_a_malformed_document_speaks_korean_too() -> None:
    doc, graph = build(MALFORMED)
    problems, count = untranslated(simulate_all(doc, graph))
    assert problems == []
    assert count > 10


@pytest.mark.parametrize("app", ["aks-store-demo", "gcp-microservices-demo", "k8s-examples"])
def test_corpus_apps_speak_korean(corpus: Path, app: str) -> None:
    doc = Document(load_paths([corpus / app]).resources)
    problems, count = untranslated(simulate_all(doc, WiringGraph(doc)))
    assert problems == []
    assert count > 50


def test_binding_reasons_are_bilingual_rule_for_rule() -> None:
    """Every reason `binding.mismatches` gives carries its Korean."""
    doc, graph = build(BRANCHES)
    default = graph.default_storage_class()
    pairs = 0
    for claim in graph.claims():
        for volume in graph.volumes():
            reasons = binding.mismatches(claim, volume, default)
            assert all(isinstance(r, Text) and HANGUL.search(r.ko) for r in reasons)
            pairs += bool(reasons)
    assert pairs >= 10
    verdicts = [v for c in graph.claims() for v in simulate_claim(doc, graph, c.node).verdicts]
    reasons = {r.ko for v in verdicts for r in v.reasons}
    assert any("용량 부족" in r for r in reasons) and any("volumeMode" in r for r in reasons)


def test_text_is_its_english_and_carries_korean() -> None:
    text = Text("Binds pv-a.", "pv-a에 바인딩됩니다.")
    assert text == "Binds pv-a." and hash(text) == hash("Binds pv-a.")
    assert text.get("ko") == "pv-a에 바인딩됩니다." and text.get("en") == "Binds pv-a."
    assert str(text) == "Binds pv-a." and type(str(text)) is str
    assert copy.deepcopy(text).ko == text.ko and pickle.loads(pickle.dumps(text)).ko == text.ko
    with pytest.raises(AttributeError):
        text.ko = "x"  # type: ignore[misc]
    joined = join([text, "pv-b"], " or ", " 또는 ")
    assert (joined.en, joined.ko) == ("Binds pv-a. or pv-b", "pv-a에 바인딩됩니다. 또는 pv-b")
    assert concat(text, Text("!", "!!")).ko == "pv-a에 바인딩됩니다.!!"
    assert local(text, "ko") == text.ko and local("web-0", "ko") == "web-0"
    assert local(None, "en") == "" and kind_ko("PersistentVolumeClaim") == "퍼시스턴트볼륨클레임"
