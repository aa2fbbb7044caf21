"""The primitive checks a lesson step can ask for, evaluated against the live model.

Each primitive takes the check's value (as written in `lesson.yaml`) and a `LessonState`, and
returns one `CheckResult` that says, in words, what it looked for. Nothing here is stored: the
checks read the document, the wiring graph, the validator's findings and the simulations as they
are now, so a step turns done the moment the learner's edit makes it true (and back on undo).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, get_path
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import SimCluster
from kubecanvas.teaching.files import PodEnvironment, simulate_environment
from kubecanvas.teaching.ingress import walk_ingress
from kubecanvas.teaching.network import NetworkSimulation, reachable, simulate_network
from kubecanvas.teaching.storage import simulate_claim
from kubecanvas.teaching.text import Text
from kubecanvas.validation import Finding, validate_document

_INDEX = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
#: Each edge type in a Korean phrase, beside its English name in the step's tooltip.
EDGE_KO = {"selects": "셀렉터로 선택", "template": "자기 파드 템플릿을 선택", "routes": "트래픽 라우팅",
           "tls": "TLS 인증서로 사용", "class": "클래스 지정", "mounts": "볼륨으로 마운트",
           "env": "환경 변수로 읽음", "pulls": "이미지 풀 시크릿으로 사용",
           "runs-as": "서비스어카운트로 실행", "governs": "헤드리스 서비스로 관리", "creates": "생성",
           "binds": "바인딩", "reserves": "claimRef로 예약", "scales": "스케일 조정",
           "owned-by": "소유자 지정"}


class LessonError(ValueError):
    """A lesson file is malformed; the message names the file and the step."""


@dataclass(frozen=True)
class CheckResult:
    """One primitive check: whether it holds, and what it looked for, in words (a `Text`)."""

    ok: bool
    text: Text


class LessonState:
    """The model as a check sees it; findings and simulations are computed once, on demand."""

    def __init__(self, doc: Document, graph: WiringGraph,
                 findings: Sequence[Finding] | None = None) -> None:
        self.doc, self.graph = doc, graph
        self._findings = list(findings) if findings is not None else None
        self._cache: dict[str, Any] = {}

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = validate_document(self.doc, self.graph)
        return self._findings

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def cluster(self) -> SimCluster:
        cluster: SimCluster = self.cached("cluster", lambda: SimCluster(self.doc))
        return cluster

    def find(self, ref: str) -> Resource | None:
        """A resource named `Kind/name` or `Kind/namespace/name`."""
        parts = str(ref).split("/")
        if len(parts) not in (2, 3):
            raise LessonError(f"{ref!r} is not Kind/name or Kind/namespace/name")
        for res in self.doc.by_kind(parts[0]):
            if res.name == parts[-1] and (len(parts) == 2 or effective_namespace(res) == parts[1]):
                return res
        return None


def parse_path(text: str) -> tuple[str | int, ...]:
    """`spec.template.spec.containers[0].image` -> ('spec', ..., 'containers', 0, 'image')."""
    return tuple(int(m.group(2)) if m.group(2) is not None else m.group(1)
                 for m in _INDEX.finditer(str(text)))


def _edge(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    kind = str(value["type"])
    text = Text(f"{value['from']} {kind} {value['to']}",
                f"연결 {value['from']} → {value['to']} ({kind}: {EDGE_KO.get(kind, '연결')})")
    source, target = state.find(value["from"]), state.find(value["to"])
    if source is None or target is None:
        return CheckResult(False, text)
    ok = any(e.target == target.id for e in state.graph.out_edges(source.id, value["type"]))
    return CheckResult(ok, text)


def _no_edge(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    found = _edge(value, state)
    return CheckResult(not found.ok, Text(f"no edge: {found.text}",
                                          f"다음 연결이 없음: {found.text.ko}"))


def _matching(value: Any, state: LessonState) -> tuple[list[Finding], Text]:
    rule = value if isinstance(value, str) else value["rule"]
    target = None if isinstance(value, str) else value.get("resource")
    res = state.find(target) if target else None
    found = [f for f in state.findings if f.rule == rule and (
        target is None or (res is not None and f.resource_id == res.id))]
    return found, Text(f"{rule}" + (f" on {target}" if target else ""),
                       (f"{target}의 " if target else "") + f"검증 결과(finding) {rule}")


def _finding(value: Any, state: LessonState) -> CheckResult:
    found, text = _matching(value, state)
    return CheckResult(bool(found), Text(f"finding {text}", f"{text.ko} 있음"))


def _no_finding(value: Any, state: LessonState) -> CheckResult:
    found, text = _matching(value, state)
    return CheckResult(not found, Text(f"no finding {text}", f"{text.ko} 없음"))


def _field(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    res = state.find(value["resource"])
    actual = None if res is None else get_path(res.manifest, parse_path(value["path"]))
    where = f"{value['resource']} {value['path']}"
    if "equals" in value:
        return CheckResult(res is not None and actual == value["equals"],
                           Text(f"{where} = {value['equals']!r}",
                                f"{where} 값이 {value['equals']!r}"))
    if "in" in value:
        return CheckResult(res is not None and actual in value["in"],
                           Text(f"{where} in {value['in']!r}",
                                f"{where} 값이 {value['in']!r} 중 하나"))
    wanted = bool(value.get("exists", True))
    return CheckResult(res is not None and (actual is not None) == wanted,
                       Text(f"{where} {'is set' if wanted else 'is not set'}",
                            f"{where} {'설정됨' if wanted else '설정 안 됨'}"))


def _resource(value: Any, state: LessonState) -> CheckResult:
    return CheckResult(state.find(str(value)) is not None,
                       Text(f"{value} exists", f"{value} 리소스가 있음"))


def _environment(state: LessonState, ref: str) -> PodEnvironment | None:
    res = state.find(ref)
    if res is None:
        return None
    env: PodEnvironment = state.cached(f"env:{res.id}", lambda: simulate_environment(
        state.doc, state.graph, res.id, reveal=True, cluster=state.cluster()))
    return env


def _compare(actual: str | None, value: Mapping[str, Any]) -> bool:
    if actual is None:
        return False
    if "equals" in value:
        return actual == str(value["equals"])
    if "contains" in value:
        return str(value["contains"]) in actual
    return True


def _env(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    en = f"container {value['container']} of {value['resource']} sees ${value['name']}"
    ko = f"{value['resource']}의 컨테이너 {value['container']}에 환경 변수 ${value['name']} 있음"
    if "equals" in value:
        en += f" = {value['equals']!r}"
        ko += f" (값 {value['equals']!r})"
    text = Text(en, ko)
    env = _environment(state, value["resource"])
    view = next((c for c in env.containers if c.container == value["container"]), None) \
        if env else None
    var = next((v for v in view.env if v.name == value["name"]), None) if view else None
    return CheckResult(var is not None and _compare(var.value, value), text)


def _file(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    en = f"container {value['container']} of {value['resource']} sees file {value['path']}"
    ko = f"{value['resource']}의 컨테이너 {value['container']}에 파일 {value['path']} 있음"
    if "contains" in value:
        en += f" containing {value['contains']!r}"
        ko += f" ({value['contains']!r} 포함)"
    text = Text(en, ko)
    env = _environment(state, value["resource"])
    view = next((c for c in env.containers if c.container == value["container"]), None) \
        if env else None
    entry = next((f for f in view.files if f.path == value["path"]), None) if view else None
    ok = entry is not None and (not ({"equals", "contains"} & set(value))
                                or _compare(entry.content, value))
    return CheckResult(ok, text)


def _binds(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    claim, volume = state.find(value["claim"]), state.find(value["volume"])
    text = Text(f"{value['claim']} binds {value['volume']}",
                f"{value['claim']} → {value['volume']} 바인딩")
    if claim is None or volume is None:
        return CheckResult(False, text)
    sim = simulate_claim(state.doc, state.graph, claim.id)
    return CheckResult(sim.volume == volume.id, text)


def _reaches(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    ingress, workload = state.find(value["ingress"]), state.find(value["workload"])
    text = Text(f"{value['request']} through {value['ingress']} reaches {value['workload']}",
                f"요청 {value['request']}: {value['ingress']} 경유, {value['workload']}에 도달")
    if ingress is None or workload is None:
        return CheckResult(False, text)
    walk = walk_ingress(state.doc, state.graph, ingress.id, value["request"], state.cluster())
    return CheckResult(walk.reached and any(p.owner == workload.id for p in walk.pods), text)


def _reachable(value: Mapping[str, Any], state: LessonState) -> CheckResult:
    source, target = state.find(value["from"]), state.find(value["to"])
    wanted = bool(value.get("allowed", True))
    port = value.get("port")
    text = Text(f"pods of {value['from']} {'may' if wanted else 'may not'} connect to "
                f"{value['to']}" + (f" on port {port}" if port else ""),
                f"{value['from']}의 파드가 {value['to']}" + (f"의 {port}번 포트" if port else "")
                + f"에 연결할 수 {'있음' if wanted else '없음'}")
    if source is None or target is None:
        return CheckResult(False, text)
    sim: NetworkSimulation = state.cached("network", lambda: simulate_network(
        state.doc, state.graph, state.cluster()))
    return CheckResult(reachable(sim, source.id, target.id, port) == wanted, text)


Primitive = Callable[[Any, LessonState], CheckResult]

PRIMITIVES: dict[str, Primitive] = {
    "edge": _edge, "no_edge": _no_edge, "finding": _finding, "no_finding": _no_finding,
    "field": _field, "resource": _resource, "env": _env, "file": _file, "binds": _binds,
    "reaches": _reaches, "reachable": _reachable,
}
