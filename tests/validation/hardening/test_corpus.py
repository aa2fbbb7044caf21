"""The hardening profile on every real-world app of the shared corpus: no exception, every
finding bilingual, node agents' hostPath explained, and the counts per rule held (they are
compared with Checkov's in tests/bench/README.md, where each disagreement is explained)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from tests.builders import corpus_dir

from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.hardening import DECLARED_BY_ID
from kubecanvas.validation.profiles import HARDENING

HANGUL = re.compile("[\uac00-\ud7a3]")


def _apps(corpus: Path) -> list[str]:
    lines = (corpus / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return sorted({line.split("\t")[0] for line in lines if line.strip()
                   and not line.startswith("malformed-or-templated")})


@pytest.fixture(scope="module")
def findings():
    corpus = corpus_dir()
    out = []
    for app in _apps(corpus):
        document = Document(load_paths([corpus / app]).resources)
        out += [(app, document, f) for f in validate_document(document, profiles=[HARDENING])
                if f.rule in DECLARED_BY_ID]
    return out


def test_every_hardening_finding_is_bilingual(findings):
    assert findings
    for app, _document, finding in findings:
        assert HANGUL.search(finding.message.ko), (app, finding.rule)


def test_node_agents_hostpath_carries_the_reason(findings):
    agents = [(d, f) for _a, d, f in findings if f.rule == "pss.hostPath"
              and d.get(f.resource_id).kind == "DaemonSet"]
    assert agents
    assert all("node agent" in f.message for _d, f in agents)


def test_default_profile_wiring_rules_stay_quiet_on_the_corpus(corpus: Path):
    """The corpus has no PSA-labelled Namespace, its HPAs' targets set requests, and its
    NetworkPolicies allow ports by number or by names the pods declare."""
    for app in _apps(corpus):
        document = Document(load_paths([corpus / app]).resources)
        rules = {f.rule for f in validate_document(document)}
        assert not rules & {"psa.enforce", "psa.warn", "psa.audit", "hpa.metric.requestMissing",
                            "hpa.replicas.range", "networkpolicy.port.undeclared"}, app


def test_counts_per_rule(findings):
    counts = Counter(f.rule for _a, _d, f in findings)
    assert counts == EXPECTED


#: Read and judged against the manifests and against Checkov (tests/bench/README.md); an object
#: defined twice in an app is judged once, by the definition kubectl apply keeps.
EXPECTED = Counter({
    "exposure.ingress.snippet": 1, "exposure.ingress.tls": 12, "exposure.service.external": 22,
    "image.tag.unpinned": 49, "pss.allowPrivilegeEscalation": 139,
    "pss.capabilities.dropAll": 143, "pss.hostNamespaces": 5, "pss.hostPath": 13,
    "pss.hostPort": 3, "pss.privileged": 2, "pss.runAsNonRoot": 132, "pss.seccompProfile": 144,
    "pss.volumeTypes": 1, "rbac.clusterAdmin": 1, "rbac.secretsRead": 6, "rbac.wildcard": 1,
    "reliability.cronjob.startingDeadline": 2, "reliability.hpa.minReplicas": 4,
    "reliability.job.ttl": 4, "reliability.limits.memory": 112, "reliability.pdb.missing": 17,
    "reliability.probe.liveness": 105, "reliability.probe.readiness": 110,
    "reliability.replicas": 70, "reliability.requests.cpu": 94,
    "reliability.requests.ephemeralStorage": 153, "reliability.requests.memory": 103,
    "reliability.spread.missing": 16, "security.env.secretLiteral": 6,
    "security.readOnlyRootFilesystem": 144, "security.serviceAccountToken": 136,
})
