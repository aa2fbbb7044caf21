"""KubeCanvas `--profile hardening` side by side with Checkov on the shared corpus.

    python tests/bench/bench_checkov.py [--corpus ../shared/corpus] [--venv /tmp/checkov-venv]
                                        [--write-readme] [--details out.json]

Checkov runs from its own virtual environment (created and filled from PyPI by this script
when missing), offline: `--skip-download`, no API key. For each application folder of the
corpus it runs both tools as whole processes (`kubecanvas validate APP --profile hardening
--format json` and `checkov -d APP --framework kubernetes --skip-download -o json`), times
them, and for every hardening rule that has a Checkov counterpart counts the resources each
tool flags. Counting resources, not findings, is the only fair unit: Checkov reports a check
once per resource, KubeCanvas once per field (per container). `--details` writes every
disagreement (resource, rule, which tool) for the explanations in tests/bench/README.md;
`--write-readme` puts the tables there. Run on demand; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
README = HERE / "README.md"
BEGIN, END = "<!-- checkov: begin -->", "<!-- checkov: end -->"

#: Our rule (or rules) -> the Checkov checks that test the same thing.
COUNTERPARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "liveness probe": (("reliability.probe.liveness",), ("CKV_K8S_8",)),
    "readiness probe": (("reliability.probe.readiness",), ("CKV_K8S_9",)),
    "CPU request": (("reliability.requests.cpu",), ("CKV_K8S_10",)),
    "CPU limit (opt-in)": (("reliability.limits.cpu",), ("CKV_K8S_11",)),
    "memory request": (("reliability.requests.memory",), ("CKV_K8S_12",)),
    "memory limit": (("reliability.limits.memory",), ("CKV_K8S_13",)),
    "image tag": (("image.tag.unpinned",), ("CKV_K8S_14",)),
    "privileged": (("pss.privileged",), ("CKV_K8S_16",)),
    "host namespaces": (("pss.hostNamespaces",), ("CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19")),
    "privilege escalation": (("pss.allowPrivilegeEscalation",), ("CKV_K8S_20",)),
    "read-only root": (("security.readOnlyRootFilesystem",), ("CKV_K8S_22",)),
    "root containers": (("pss.runAsNonRoot", "pss.runAsUser"), ("CKV_K8S_23",)),
    "added capabilities": (("pss.capabilities.add",), ("CKV_K8S_25", "CKV_K8S_39")),
    "hostPort": (("pss.hostPort",), ("CKV_K8S_26",)),
    "hostPath / docker socket": (("pss.hostPath",), ("CKV_K8S_27",)),
    "drop ALL": (("pss.capabilities.dropAll",), ("CKV_K8S_37",)),
    "NET_RAW kept": (("pss.capabilities.dropAll",), ("CKV_K8S_28",)),
    "seccomp": (("pss.seccompProfile",), ("CKV_K8S_31",)),
    "service account token": (("security.serviceAccountToken",), ("CKV_K8S_38",)),
    "secrets and env": (("security.env.secretLiteral",), ("CKV_K8S_35",)),
    "RBAC wildcard": (("rbac.wildcard",), ("CKV_K8S_49",)),
    "RBAC pods/exec": (("rbac.podsExec",), ("CKV2_K8S_2",)),
    "RBAC read all Secrets": (("rbac.secretsRead",), ("CKV2_K8S_5",)),
    "RBAC escalate/bind/impersonate": (("rbac.escalation",),
                                       ("CKV_K8S_157", "CKV_K8S_158", "CKV2_K8S_3")),
    "NGINX snippet": (("exposure.ingress.snippet",), ("CKV_K8S_153",)),
}
#: Checkov checks with no hardening counterpart, on purpose (see README).
NOT_MAPPED = ("CKV_K8S_15 imagePullPolicy Always", "CKV_K8S_21 default namespace",
              "CKV_K8S_29/30 some securityContext present", "CKV_K8S_40 UID above 10000",
              "CKV_K8S_43 digest required", "CKV_K8S_41/42 default ServiceAccount",
              "CKV2_K8S_6 pod without NetworkPolicy")
PROFILES = ("hardening", "cpu-limits")


def ensure_checkov(venv: Path) -> Path:
    """The checkov executable of `venv`, installing it there from PyPI when missing."""
    exe = venv / "bin" / "checkov"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "checkov"], check=True)
    return exe


def apps(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*/*") if p.is_dir()
                  and p.parent.name != "malformed-or-templated")


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    return time.perf_counter() - start, done.stdout


def ours(app: Path) -> tuple[float, set[tuple[str, str]]]:
    """(seconds, {(rule, 'Kind/name')}) of `kubecanvas validate` with the hardening profiles."""
    cmd = [sys.executable, "-m", "kubecanvas", "validate", str(app), "--format", "json"]
    for profile in PROFILES:
        cmd += ["--profile", profile]
    seconds, out = _timed(cmd, dict(os.environ))
    found = set()
    for finding in json.loads(out)["findings"]:
        res = finding["resource"]
        found.add((finding["rule"], f"{res['kind']}/{res['name']}"))
    return seconds, found


def theirs(exe: Path, app: Path) -> tuple[float, set[tuple[str, str]]]:
    """(seconds, {(check id, 'Kind/name')}) of the failed Checkov checks."""
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false",
               LOG_LEVEL="ERROR")
    env.pop("BC_API_KEY", None)
    cmd = [str(exe), "-d", str(app), "--framework", "kubernetes", "--skip-download", "-o",
           "json", "--compact", "--quiet"]
    seconds, out = _timed(cmd, env)
    found = set()
    text = out.strip()
    reports: Any = json.loads(text) if text.startswith(("{", "[")) else []
    for report in reports if isinstance(reports, list) else [reports]:
        for check in report.get("results", {}).get("failed_checks", []):
            kind, _, rest = str(check.get("resource", "")).partition(".")
            name = rest.partition(".")[2] if "." in rest else rest  # Kind.namespace.name
            found.add((check["check_id"], f"{kind}/{name}"))
    return seconds, found


def compare(per_app: dict[str, tuple[set[tuple[str, str]], set[tuple[str, str]]]]
            ) -> tuple[dict[str, dict[str, tuple[int, int, int]]], list[dict[str, str]]]:
    """Per check name and app: (ours, theirs, both) resource counts; and every disagreement."""
    table: dict[str, dict[str, tuple[int, int, int]]] = collections.defaultdict(dict)
    disagreements = []
    for app, (mine, other) in per_app.items():
        for name, (rules, checks) in COUNTERPARTS.items():
            a = {res for rule, res in mine if rule in rules}
            b = {res for check, res in other if check in checks}
            table[name][app] = (len(a), len(b), len(a & b))
            for res in sorted(a - b):
                disagreements.append({"check": name, "app": app, "resource": res,
                                      "flagged_by": "kubecanvas"})
            for res in sorted(b - a):
                disagreements.append({"check": name, "app": app, "resource": res,
                                      "flagged_by": "checkov"})
    return table, disagreements


def render(table: dict[str, dict[str, tuple[int, int, int]]], times: dict[str, tuple[float,
           float]], command: str) -> str:
    lines = [f"Command: `{command}`, run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
             f"{len(times)} application folders. Counts are resources flagged "
             "(KubeCanvas / Checkov / both).", "",
             "| check | KubeCanvas | Checkov | both | only KubeCanvas | only Checkov |",
             "|---|---|---|---|---|---|"]
    for name in COUNTERPARTS:
        a = sum(v[0] for v in table[name].values())
        b = sum(v[1] for v in table[name].values())
        both = sum(v[2] for v in table[name].values())
        lines.append(f"| {name} | {a} | {b} | {both} | {a - both} | {b - both} |")
    lines += ["", "Per application (KubeCanvas/Checkov, resources; checks where both are 0 "
              "left out; seconds are whole-process wall time):", "",
              "| application | KubeCanvas s | Checkov s | counts |", "|---|---|---|---|"]
    for app in sorted(times):
        cells = [f"{name} {table[name][app][0]}/{table[name][app][1]}" for name in COUNTERPARTS
                 if table[name][app][:2] != (0, 0)]
        ours_s, theirs_s = times[app]
        lines.append(f"| {app} | {ours_s:.2f} | {theirs_s:.2f} | {'; '.join(cells)} |")
    ours_all = [t[0] for t in times.values()]
    theirs_all = [t[1] for t in times.values()]
    lines += ["", f"Whole-process time per folder, median: KubeCanvas {statistics.median(ours_all):.2f} s, "
              f"Checkov {statistics.median(theirs_all):.2f} s; total {sum(ours_all):.1f} s "
              f"against {sum(theirs_all):.1f} s."]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/checkov-venv"))
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--details", type=Path)
    args = parser.parse_args()
    exe = ensure_checkov(args.venv)
    per_app, times = {}, {}
    for app in apps(args.corpus):
        key = str(app.relative_to(args.corpus))
        t_ours, mine = ours(app)
        t_theirs, other = theirs(exe, app)
        per_app[key], times[key] = (mine, other), (t_ours, t_theirs)
        print(f"{key}: {t_ours:.2f} s / {t_theirs:.2f} s", file=sys.stderr)
    table, disagreements = compare(per_app)
    text = render(table, times, "python tests/bench/bench_checkov.py --write-readme")
    print(text)
    if args.details:
        args.details.write_text(json.dumps(disagreements, indent=1), encoding="utf-8")
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
