"""Rules modules that declare their own rules: the hardening profile (security mapped to the
Pod Security Standards, reliability, supply chain, exposure, RBAC) and the default-profile
wiring checks that grew with it (Pod Security Admission labels, HPA requests and ranges,
NetworkPolicy named ports).

Each module lists its rules in a `DECLARED` tuple next to its checks (with the Korean texts and
documentation pages the explanation panel shows); this package joins them, and offers them to
`validation.registry` as `RULES` like every other rules module.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType

from kubecanvas.validation.hardening import (
    admission,
    exposure,
    rbac,
    reliability,
    security,
    wiring,
)
from kubecanvas.validation.hardening.declare import Declared
from kubecanvas.validation.rule import Rule

#: The modules, in the order their rules are listed.
MODULES: tuple[ModuleType, ...] = (wiring, admission, security, reliability, exposure, rbac)
DECLARED: tuple[Declared, ...] = tuple(d for module in MODULES for d in module.DECLARED)
DECLARED_BY_ID: Mapping[str, Declared] = {d.id: d for d in DECLARED}
RULES: tuple[Rule, ...] = tuple(
    Rule(d.id, d.severity, d.summary, d.function, d.profile, d.url, d.why) for d in DECLARED)

__all__ = ["DECLARED", "DECLARED_BY_ID", "MODULES", "RULES", "Declared"]
