"""Every fix a hardening-package finding offers removes that finding; fixes that need a value
ask for it (offering a declared port or a common request) and use what the user gives."""

from __future__ import annotations

import pytest

from kubecanvas.model.kinds import get_path
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.profiles import CPU_LIMITS, HARDENING

from ..docs import deployment, doc
from .manifests import C0, hpa
from .test_rules import CASES

PROFILES = (HARDENING, CPU_LIMITS)


def _fixable(document, rule):
    return [f for f in validate_document(document, profiles=PROFILES)
            if f.rule == rule and f.fix is not None]


#: Firing cases whose finding offers a fix.
FIXED = [(case, manifests, rule) for case, manifests, rule, fires in CASES
         if fires and _fixable(doc(*manifests), rule)]
#: Rules whose fix needs judgement the manifest cannot give (which Secret, which tag, which
#: TTL, whether exposure is meant, which rights the app needs): no fix, on purpose.
NO_FIX = {"pss.hostPath", "pss.capabilities.add", "pss.sysctls", "pss.volumeTypes",
          "pss.runAsUser", "pss.seLinux", "security.env.secretLiteral",
          "security.configMap.sensitive", "reliability.probe.livenessBeforeReadiness",
          "reliability.pdb.missing", "reliability.spread.missing", "reliability.job.ttl",
          "reliability.cronjob.startingDeadline", "image.tag.unpinned",
          "exposure.service.external", "exposure.ingress.tls", "exposure.ingress.snippet",
          "rbac.wildcard", "rbac.clusterAdmin", "rbac.podsExec", "rbac.secretsRead",
          "rbac.escalation", "hpa.replicas.range", "networkpolicy.port.undeclared"}


def test_every_rule_without_a_fix_is_one_on_purpose():
    firing = {rule for _c, _m, rule, fires in CASES if fires}
    with_fix = {rule for _c, _m, rule in FIXED}
    assert firing - with_fix <= NO_FIX, (firing - with_fix) - NO_FIX


@pytest.mark.parametrize(("case", "manifests", "rule"), FIXED, ids=[c for c, _m, _r in FIXED])
def test_fix_removes_its_finding(case, manifests, rule):
    document = doc(*manifests)
    fixable = _fixable(document, rule)
    finding = fixable[0]
    finding.fix.edit().apply(document)
    after = validate_document(document, profiles=PROFILES)
    assert not [f for f in after if f.rule == rule and f.resource_id == finding.resource_id
                and f.field == finding.field], finding.fix.description


def test_fixes_that_need_a_value_ask_for_it():
    document = doc(deployment())
    (cpu,) = _fixable(document, "reliability.requests.cpu")
    assert cpu.fix.ask is not None and cpu.fix.ask.suggestion == "100m"
    assert "a value you choose" in cpu.fix.description
    cpu.fix.edit("250m").apply(document)
    (res,) = list(document)
    assert get_path(res.manifest, (*C0, "resources", "requests", "cpu")) == "250m"
    (live,) = _fixable(document, "reliability.probe.liveness")
    assert live.fix.ask.suggestion == "http"  # the container's declared port
    live.fix.edit("8080").apply(document)
    (res,) = list(document)
    assert get_path(res.manifest, (*C0, "livenessProbe")) == {"tcpSocket": {"port": 8080}}


def test_hpa_request_fix_sets_the_request_on_the_target():
    document = doc(deployment(), hpa(metrics=[{"type": "Resource", "resource": {
        "name": "memory", "target": {"type": "Utilization", "averageUtilization": 80}}}]))
    (finding,) = [f for f in validate_document(document) if f.rule == "hpa.metric.requestMissing"]
    assert finding.fix.ask.suggestion == "128Mi"
    finding.fix.edit("512Mi").apply(document)
    web = next(r for r in document if r.kind == "Deployment")
    assert get_path(web.manifest, (*C0, "resources", "requests", "memory")) == "512Mi"
    assert not [f for f in validate_document(document) if f.rule == "hpa.metric.requestMissing"]
