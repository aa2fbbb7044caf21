"""Running kubectl off the UI thread, with a Cancel that really stops it.

A server-side dry run or an import can take as long as the cluster takes to answer (the cluster
layer waits up to two minutes), so each cluster command runs in a `ClusterTask` thread and hands
its result back through queued signals; the window keeps repainting and answering clicks.
Cancel kills the kubectl process that is running (rather than abandoning the thread while it
still talks to the cluster) and makes any later kubectl call of the same task stop at once.

The work the editor's tasks do beyond the cluster layer's own functions (listing namespaces and
contexts, reading a namespace back as a laid-out design) is here too: it runs in the task thread
and so touches no widget and no live document.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from kubecanvas.cluster import (
    ClusterError,
    Completed,
    Kubectl,
    designed_resources,
    fetch_namespace,
)
from kubecanvas.cluster.kubectl import TIMEOUT_SECONDS, not_started, timed_out
from kubecanvas.io.limits import exc_message
from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.secret_values import leave_values_in_cluster
from kubecanvas.model.text import concat
from kubecanvas.ui.commands.design_files import lay_out
from kubecanvas.ui.i18n import local_text, translator

#: texts of this module, shown in the Cluster dock (filed under "ClusterPanel")
tr = translator("ClusterPanel")


class Cancelled(Exception):
    """The user cancelled the task; kubectl was stopped."""


class CancelSwitch:
    """Shared between the UI thread (which cancels) and the task thread (which runs kubectl)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None

    @property
    def cancelled(self) -> bool:
        return self.event.is_set()

    def started(self, process: subprocess.Popen[str] | None) -> None:
        with self._lock:
            self._process = process
            if process is not None and self.event.is_set():
                process.kill()

    def cancel(self) -> None:
        """Stop the running kubectl (if any) and refuse to start another."""
        with self._lock:
            self.event.set()
            if self._process is not None and self._process.poll() is None:
                self._process.kill()


class CancellableKubectl(Kubectl):
    """The cluster layer's `Kubectl`, run with `Popen` so that Cancel can kill the process.

    Arguments, standard input (closed), timeout and the errors raised are the same as the
    cluster layer's; only the way the process is waited for differs.
    """

    def __init__(self, context: str | None, switch: CancelSwitch) -> None:
        super().__init__(context)
        self.switch = switch

    def _call(self, argv: list[str]) -> Completed:
        if self.switch.cancelled:
            raise Cancelled
        try:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                       errors="replace")
        except FileNotFoundError:
            raise ClusterError(not_started(argv[0])) from None
        self.switch.started(process)
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise ClusterError(timed_out()) from None
        finally:
            self.switch.started(None)
        if self.switch.cancelled:
            raise Cancelled
        return Completed(("kubectl", *argv[1:]), process.returncode, stdout, stderr)


#: What a task does with its kubectl; runs in the task's thread, so it must not touch widgets.
Work = Callable[[Kubectl], Any]


class ClusterTask(QThread):
    """One cluster command in its own thread.

    Exactly one of `succeeded(result)`, `failed(message)` or `cancelled()` is emitted, queued to
    the thread the task was created in. `failed` carries a plain sentence (kubectl missing, no
    context, cluster unreachable, the server refused to list something), never a traceback.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, context: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.context = context
        self.switch = CancelSwitch()

    def cancel(self) -> None:
        self.switch.cancel()

    def run(self) -> None:
        try:
            result = self.work(CancellableKubectl(self.context, self.switch))
        except Cancelled:
            self.cancelled.emit()
        except ClusterError as exc:
            if self.switch.cancelled:
                self.cancelled.emit()
            else:
                self.failed.emit(local_text(exc_message(exc)))
        except Exception as exc:  # noqa: BLE001 - shown in words, never as a traceback
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self.switch.cancelled:
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


# --- what the editor's tasks do ------------------------------------------------------------
@dataclass(frozen=True)
class Namespaces:
    """The context kubectl will use and its namespaces (empty, with `note`, when not listable)."""

    context: str
    names: list[str]
    note: str = ""


@dataclass
class Imported:
    """A namespace read back as a laid-out design (built in the task thread, used in the UI's)."""

    context: str
    document: Document
    left_out: int
    problems: list[str] = field(default_factory=list)
    #: Secrets imported with their keys but not their values, which stayed in the cluster.
    secrets_left: int = 0


def list_namespaces(kubectl: Kubectl) -> Namespaces:
    """`kubectl get namespaces -o name`; a refusal (RBAC) leaves the name to be typed."""
    context = kubectl.current_context()
    done = kubectl.run(["get", "namespaces", "--output", "name", "--request-timeout=30s"])
    kubectl.raise_if_unreachable(done)
    if done.returncode != 0:
        detail = " / ".join(done.error_lines()[-2:]) or f"exit code {done.returncode}"
        note = tr(
            "kubectl could not list the namespaces ({detail}); type the name of the one to "
            "import.").format(detail=detail)
        return Namespaces(context, [], note)
    names = [line.strip().removeprefix("namespace/") for line in done.stdout.splitlines()]
    return Namespaces(context, [n for n in names if n])


def list_contexts(kubectl: Kubectl) -> tuple[list[str], str | None]:
    """The kubeconfig's context names and its current context (None when not set)."""
    done = kubectl.run(["config", "get-contexts", "--output", "name"])
    names = done.stdout.split() if done.returncode == 0 else []
    current = kubectl.run(["config", "current-context"])
    name = current.stdout.strip() if current.returncode == 0 else ""
    return names, name or None


def import_namespace(kubectl: Kubectl, namespace: str,
                     include_secret_values: bool = False) -> Imported:
    """Fetch, strip and lay out a namespace: what `kubecanvas cluster import` does, in memory
    (Secrets without their values unless `include_secret_values`)."""
    fetched = fetch_namespace(kubectl, namespace)
    result = load_text(fetched.text, "-", strip_cluster_fields=True, source=fetched.command)
    kept, left_out = designed_resources(result.resources)
    secrets = 0 if include_secret_values else sum(r.kind == "Secret" for r in kept)
    if not include_secret_values:
        kept = [leave_values_in_cluster(r) for r in kept]
    document = Document(kept)
    lay_out(document)
    problems: list[str] = [concat(f"{p.file}:{p.line}: ", p.message) for p in result.problems]
    return Imported(kubectl.context or "", document, len(left_out), problems, secrets)
