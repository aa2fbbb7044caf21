"""Asking the cluster about a design: `kubectl apply --dry-run=server`, and applying for real.

A server-side dry run runs everything the API server would run on a real apply (defaulting,
validation, admission webhooks, quota, policies) without storing anything, so it catches what no
offline check can: a namespace that does not exist, a webhook that refuses a label, an immutable
field that differs from the live object. The answer comes back per resource.

kubectl prints one line per accepted object on stdout (`deployment.apps/web created (server dry
run)`) and one per refused object on stderr (`Error from server (Invalid): error when creating
"...": Deployment.apps "web" is invalid: ...`). Accepted lines name kind, group and name, and are
matched to resources in the order they were sent. Refusals do not always name the object (a
missing namespace names only the namespace), so a refusal that cannot be matched is asked again
for each unanswered resource on its own, which names it for certain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kubecanvas.cluster.kubectl import Completed, Kubectl
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text

#: Resources -> the YAML to send (the caller's exporter, so the cluster sees what export writes).
Dump = Callable[[Sequence[Resource]], str]

_ACCEPTED = re.compile(r"^(?P<type>[a-z0-9.-]+)/(?P<name>\S+) (?P<verb>[a-z-]+)"
                       r"(?: \((?P<dry>server dry run|dry run)\))?\s*$")
_ERROR = re.compile(r"^(?:Error from server|error:|Error:|unable to recognize)", re.IGNORECASE)
_NAMED = re.compile(r'(?P<kind>[A-Z][A-Za-z0-9]*)(?:\.(?P<group>[a-z0-9.-]+))? "(?P<name>[^"]+)"')
#: At most this many unanswered resources are asked again one by one.
MAX_SINGLE_RETRIES = 25


@dataclass(frozen=True)
class Answer:
    """The server's answer for one resource.

    Attributes:
        resource_id: the document id of the resource.
        label: how it is named in messages ('Deployment shop/web').
        accepted: True when the server took it.
        outcome: kubectl's word: 'created', 'configured', 'unchanged' ... or 'rejected'.
        message: the server's reason when it refused (empty when accepted).
    """

    resource_id: str
    label: str
    accepted: bool
    outcome: str
    message: str = ""


@dataclass
class ServerReport:
    """All answers of one check or apply, in document order, plus what kubectl warned about."""

    context: str
    dry_run: bool
    answers: list[Answer] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> list[Answer]:
        return [a for a in self.answers if not a.accepted]


def _type_of(resource: Resource) -> str:
    """How kubectl names the resource's type in its output: `deployment.apps`, `service`."""
    kind = resource.kind.lower()
    return f"{kind}.{resource.group}" if resource.group else kind


def _accepted_lines(stdout: str) -> list[tuple[str, str, str]]:
    found = []
    for line in stdout.splitlines():
        match = _ACCEPTED.match(line.strip())
        if match:
            found.append((match["type"], match["name"], match["verb"]))
    return found


def _error_lines(done: Completed) -> tuple[list[str], list[str]]:
    """(errors, warnings) from stderr."""
    errors, warnings = [], []
    for line in done.error_lines():
        if line.startswith("Warning:"):
            warnings.append(line.removeprefix("Warning:").strip())
        elif _ERROR.match(line):
            errors.append(line)
        elif errors:  # a refusal that goes on over several lines
            errors[-1] = f"{errors[-1]} {line}"
    return errors, warnings


def _reason(line: str) -> str:
    """The useful part of a refusal: after `error when creating "FILE": ` when present."""
    text = re.sub(r'^Error from server \((?P<why>[^)]*)\): ', r"\g<why>: ", line)
    return re.sub(r'error when (?:creating|applying|patching|retrieving[^:]*) "[^"]*": ', "", text)


def _match_named(errors: list[str], resource: Resource) -> str | None:
    for line in errors:
        for match in _NAMED.finditer(line):
            group = match["group"] or ""
            if match["kind"] == resource.kind and match["name"] == resource.name \
                    and group == resource.group:
                return _reason(line)
    return None


def _apply_args(dry_run: bool) -> list[str]:
    args = ["apply", "--request-timeout=60s"]
    if dry_run:
        args.append("--dry-run=server")
    return args


def _send(kubectl: Kubectl, resources: Sequence[Resource], dump: Dump,
          dry_run: bool) -> Completed:
    done = kubectl.run(_apply_args(dry_run), dump(resources))
    kubectl.raise_if_unreachable(done)
    return done


def apply_resources(kubectl: Kubectl, resources: Sequence[Resource], dump: Dump, *,
                    dry_run: bool = True) -> ServerReport:
    """Send resources to the cluster (a server-side dry run unless `dry_run=False`).

    Raises:
        ClusterError: kubectl is missing, has no context, or cannot reach the cluster.
    """
    report = ServerReport(kubectl.current_context(), dry_run)
    if not resources:
        return report
    done = _send(kubectl, resources, dump, dry_run)
    errors, report.warnings = _error_lines(done)
    pending = list(_accepted_lines(done.stdout))
    answers: dict[str, Answer] = {}
    for resource in resources:
        for index, (kind_type, name, verb) in enumerate(pending):
            if kind_type == _type_of(resource) and name == resource.name:
                answers[resource.id] = Answer(resource.id, resource.label(), True, verb)
                del pending[index]
                break
    unanswered = [r for r in resources if r.id not in answers]
    answers.update(_explain(kubectl, unanswered, errors, dump, dry_run, report))
    report.answers = [answers[r.id] for r in resources]
    return report


def _explain(kubectl: Kubectl, unanswered: list[Resource], errors: list[str], dump: Dump,
             dry_run: bool, report: ServerReport) -> dict[str, Answer]:
    """Answers for resources kubectl did not accept: from a refusal naming them, from the only
    refusal when one resource is left, else by asking again for each one alone."""
    answers: dict[str, Answer] = {}
    general = "; ".join(_reason(e) for e in errors) or Text(
        "kubectl gave no answer for it", "kubectl이 이 리소스에 대해 아무 답도 주지 않았습니다")
    for resource in unanswered:
        named = _match_named(errors, resource)
        if named is None and len(unanswered) == 1 and len(errors) == 1:
            named = _reason(errors[0])
        if named is None and len(unanswered) <= MAX_SINGLE_RETRIES:
            named = _ask_alone(kubectl, resource, dump, dry_run, report)
        if named is None:
            named = general
        if named.startswith("accepted:"):
            answers[resource.id] = Answer(resource.id, resource.label(), True,
                                          named.removeprefix("accepted:"))
        else:
            answers[resource.id] = Answer(resource.id, resource.label(), False, "rejected",
                                          named)
    return answers


def _ask_alone(kubectl: Kubectl, resource: Resource, dump: Dump, dry_run: bool,
               report: ServerReport) -> str | None:
    done = _send(kubectl, [resource], dump, dry_run)
    errors, warnings = _error_lines(done)
    report.warnings += [w for w in warnings if w not in report.warnings]
    accepted = _accepted_lines(done.stdout)
    if accepted and done.returncode == 0:
        return f"accepted:{accepted[0][2]}"
    if errors:
        return "; ".join(_reason(e) for e in errors)
    return None
