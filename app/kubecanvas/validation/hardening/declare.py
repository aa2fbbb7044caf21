"""How a rules module declares its own rules, and the pod walk the hardening checks share.

A module lists its rules as `Declared` entries next to the check functions that report them;
`hardening/__init__.py` joins the modules and `validation.registry` joins that into `RULES`.
Each entry carries what the explanation panel, SARIF and the CLI need beyond the registry's
summary: the Korean summary, why the rule matters in both languages and a kubernetes.io page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath
from kubecanvas.model.kinds import pod_template_path
from kubecanvas.model.record import record
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, Severity
from kubecanvas.validation.profiles import HARDENING
from kubecanvas.validation.rule import RuleId

Check = Callable[[Context], Iterable[Finding]]
DOCS = "https://kubernetes.io/docs/"
E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@record(frozen=True)
class Declared:
    """One rule as its module declares it.

    Attributes:
        id: stable rule id.
        severity: registered severity (a check may raise it per finding, as psa.enforce does).
        summary: one line in English (SARIF short description, explanation "what").
        summary_ko: the same in Korean.
        why: why it matters, in English (SARIF help text, explanation "at run time").
        why_ko: the same in Korean.
        url: a kubernetes.io documentation page.
        function: the check that reports it.
        profile: the profile that turns it on.
    """

    id: RuleId
    severity: Severity
    summary: str
    summary_ko: str
    why: str
    why_ko: str
    url: str
    function: Check
    profile: str = HARDENING


@record(frozen=True)
class PodView:
    """A pod spec and where it lives in its owner's manifest."""

    res: Resource
    spec: Mapping[str, Any]
    path: FieldPath                 # path of the pod spec ('spec', 'template', 'spec')
    annotations: Mapping[str, Any]  # the pod template's annotations

    def containers(self, init: bool = True,
                   ) -> Iterator[tuple[Mapping[str, Any], FieldPath, str]]:
        """(container, its path, section) for containers, init and ephemeral containers."""
        sections = ("containers", "initContainers", "ephemeralContainers") if init \
            else ("containers",)
        for section in sections:
            items = self.spec.get(section)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if isinstance(item, Mapping):
                    yield item, (*self.path, section, i), section


def pod_view(res: Resource) -> PodView | None:
    """The pod spec of a pod-owning resource (None for other resources)."""
    tpath = pod_template_path(res)
    if tpath is None:
        return None
    node: Any = res.manifest
    for step in tpath:
        node = node.get(step) if isinstance(node, Mapping) else None
    if not isinstance(node, Mapping):
        return None
    spec = node.get("spec")
    if not isinstance(spec, Mapping):
        return None
    meta = node.get("metadata")
    annotations = meta.get("annotations") if isinstance(meta, Mapping) else None
    return PodView(res, spec, (*tpath, "spec"),
                   annotations if isinstance(annotations, Mapping) else {})


def pod_views(ctx: Context) -> Iterator[PodView]:
    """Every targeted pod owner's pod spec, memoised per validation run."""
    views = ctx.target_cache.get("hardening.pod_views")
    if views is None:
        views = [v for v in (pod_view(r) for r in ctx.targets()) if v is not None]
        ctx.target_cache["hardening.pod_views"] = views
    yield from views




def container_label(container: Mapping[str, Any], section: str) -> Text:
    """'container "app"' / 'init container "setup"' in both languages."""
    name = container.get("name") or "?"
    if section == "initContainers":
        return Text(f'init container "{name}"', f'초기화 컨테이너 "{name}"')
    if section == "ephemeralContainers":
        return Text(f'ephemeral container "{name}"', f'임시 컨테이너 "{name}"')
    return Text(f'container "{name}"', f'컨테이너 "{name}"')


LONG_RUNNING = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                          "ReplicationController"})


def is_long_running(res: Resource, spec: Mapping[str, Any]) -> bool:
    """True for pods meant to keep running: controllers' pods, and bare Pods that restart
    Always (a Pod with restartPolicy Never/OnFailure is a one-off task, like a Job's)."""
    if res.kind in LONG_RUNNING:
        return True
    if res.kind == "Pod":
        return spec.get("restartPolicy") in (None, "Always")
    return False
