"""Running the user's own kubectl: the only way KubeCanvas talks to a cluster.

KubeCanvas never reads, stores or forwards credentials: it runs `kubectl` with the user's
kubeconfig and context, exactly as the user would in a terminal, and reads what kubectl prints.
That keeps every authentication method kubectl supports (exec plugins, OIDC, cloud logins)
working without a line of code here, and leaves nothing secret in a project file.

Manifests go to kubectl in a temporary file rather than on standard input, and standard input is
closed: a kubeconfig without credentials makes kubectl prompt for a user name, and a prompt
reading the manifests from standard input would eat the first line of the design.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from kubecanvas.model.text import Text, concat

#: How long one kubectl call may take before we stop waiting.
TIMEOUT_SECONDS = 120


def not_started(program: str) -> Text:
    """The message when kubectl cannot be started at all."""
    return Text(f"kubectl ({program}) could not be started; is it installed?",
                f"kubectl({program}) 프로그램을 시작할 수 없습니다. 설치되어 있는지 확인하십시오.")


def timed_out() -> Text:
    """The message when kubectl does not answer in time."""
    return Text(f"kubectl did not answer within {TIMEOUT_SECONDS} s; is the cluster reachable?",
                f"kubectl이 {TIMEOUT_SECONDS}초 안에 응답하지 않았습니다. 클러스터에 연결할 수 "
                "있는지 확인하십시오.")
#: What kubectl prints when it cannot reach the API server (any of these, in stderr).
_UNREACHABLE = re.compile(
    r"connection refused|Unable to connect to the server|dial tcp|no such host|i/o timeout|"
    r"TLS handshake timeout|context deadline exceeded|Client\.Timeout|no route to host|"
    r"network is unreachable|was refused - did you specify", re.IGNORECASE)
_NO_CONTEXT = re.compile(r"current-context is not set|context .* (?:does not exist|not found)|"
                         r"no configuration has been provided", re.IGNORECASE)
_DIAL = re.compile(r"dial tcp [^;\"]*")
#: klog lines (`E1126 04:23:29.100095 26214 memcache.go:265] ...`): noise for the user.
_KLOG = re.compile(r"^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ \S+:\d+\] ")


class ClusterError(Exception):
    """kubectl cannot be used: it is missing, has no context, or the cluster is unreachable.

    The message (`args[0]`) is a `Text` that says plainly, in English and Korean, which of
    these it is and what to do.
    """


@dataclass(frozen=True)
class Completed:
    """What one kubectl call printed and returned."""

    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def command(self) -> str:
        return " ".join(self.argv)

    def error_lines(self) -> list[str]:
        """stderr without blank lines and kubectl's internal log lines."""
        return [line.strip() for line in self.stderr.splitlines()
                if line.strip() and not _KLOG.match(line)]


def find_kubectl() -> str:
    """The kubectl program on PATH.

    Raises:
        ClusterError: kubectl is not installed.
    """
    found = shutil.which("kubectl")
    if not found:
        raise ClusterError(Text(
            "kubectl is not installed (or not on PATH); install it from "
            "https://kubernetes.io/docs/tasks/tools/ and configure a context for your cluster",
            "kubectl이 설치되어 있지 않습니다(또는 PATH에 없습니다). "
            "https://kubernetes.io/docs/tasks/tools/ 에서 설치하고 클러스터의 컨텍스트를 "
            "설정해야 합니다"))
    return found


class Kubectl:
    """kubectl with an optional `--context` (default: the kubeconfig's current context)."""

    def __init__(self, context: str | None = None, program: str | None = None) -> None:
        self.program = program or find_kubectl()
        self.context = context

    def run(self, args: Sequence[str], manifests: str | None = None) -> Completed:
        """Run `kubectl [--context C] ARGS`; with `manifests`, `-f FILE` holds them.

        Raises:
            ClusterError: kubectl could not start or did not finish in time.
        """
        argv = [self.program]
        if self.context:
            argv += ["--context", self.context]
        argv += list(args)
        if manifests is None:
            return self._call(argv)
        handle, path = tempfile.mkstemp(prefix="kubecanvas-", suffix=".yaml")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(manifests)
            return self._call([*argv, "-f", path])
        finally:
            os.unlink(path)

    def _call(self, argv: list[str]) -> Completed:
        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=TIMEOUT_SECONDS,
                                  check=False)
        except FileNotFoundError:
            raise ClusterError(not_started(argv[0])) from None
        except subprocess.TimeoutExpired:
            raise ClusterError(timed_out()) from None
        shown = tuple(["kubectl", *argv[1:]])
        return Completed(shown, done.returncode, done.stdout, done.stderr)

    def current_context(self) -> str:
        """The context kubectl will use.

        Raises:
            ClusterError: no context is set (or the one asked for does not exist).
        """
        if self.context:
            done = self._call([self.program, "config", "get-contexts", "-o", "name"])
            names = done.stdout.split()
            if done.returncode == 0 and self.context not in names:
                known = ", ".join(names)
                raise ClusterError(Text(
                    f"kubectl has no context named {self.context!r}; known: {known or 'none'}",
                    f"kubectl에 {self.context!r}라는 컨텍스트가 없습니다. 알려진 컨텍스트: "
                    f"{known or '없음'}"))
            return self.context
        done = self._call([self.program, "config", "current-context"])
        name = done.stdout.strip()
        if done.returncode != 0 or not name:
            raise ClusterError(Text(
                "kubectl has no current context: no cluster is configured. Run "
                "`kubectl config use-context NAME` (or pass --context)",
                "kubectl에 현재 컨텍스트가 없습니다: 설정된 클러스터가 없습니다. "
                "`kubectl config use-context NAME`을 실행해야 합니다(또는 --context를 줍니다)"))
        return name

    def raise_if_unreachable(self, done: Completed) -> None:
        """Turn 'cannot reach the cluster' and 'no context' answers into one plain error."""
        if done.returncode == 0:
            return
        lines = done.error_lines()
        text = "\n".join(lines)
        if _NO_CONTEXT.search(text):
            raise ClusterError(concat(Text("kubectl has no usable context: ",
                                           "kubectl에 쓸 수 있는 컨텍스트가 없습니다: "),
                                      _first(lines, _NO_CONTEXT)))
        if _UNREACHABLE.search(text):
            where = f"context {self.context!r}" if self.context else "the current context"
            where_ko = f"컨텍스트 {self.context!r}" if self.context else "현재 컨텍스트"
            why = _first(lines, _UNREACHABLE)
            raise ClusterError(Text(f"the cluster of {where} cannot be reached: {why}",
                                    f"{where_ko}의 클러스터에 연결할 수 없습니다: {why}"))


def _first(lines: list[str], pattern: re.Pattern[str]) -> str:
    """The most telling line: kubectl's own summary, else the network error inside a longer
    message, else the first line that matches."""
    for line in lines:
        if line.startswith(("The connection to the server", "Unable to connect to the server")):
            return line
    for line in lines:
        found = _DIAL.search(line)
        if found:
            return found.group(0)
    for line in lines:
        if pattern.search(line):
            return line.removeprefix("error: ")
    return lines[0] if lines else "no details"
