"""Rules modules that declare their own rules: the hardening profile (security mapped to the
Pod Security Standards, reliability, supply chain, exposure, RBAC) and the default-profile
wiring checks that grew with it (Pod Security Admission labels, HPA requests and ranges,
NetworkPolicy named ports).

Each module lists its rules in a `DECLARED` tuple next to its checks; this package joins them
and `validation.registry` joins the result into `RULES`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kubecanvas.validation.hardening import (
    admission,
    exposure,
    rbac,
    reliability,
    security,
    wiring,
)
from kubecanvas.validation.hardening.declare import Declared

DECLARED: tuple[Declared, ...] = (
    *wiring.DECLARED, *admission.DECLARED, *security.DECLARED, *reliability.DECLARED,
    *exposure.DECLARED, *rbac.DECLARED,
)
DECLARED_BY_ID: Mapping[str, Declared] = {d.id: d for d in DECLARED}

__all__ = ["DECLARED", "DECLARED_BY_ID", "Declared"]
