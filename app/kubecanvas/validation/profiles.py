"""Rule profiles: which rule sets a validation runs.

The default profile holds what `kubectl apply` rejects and what breaks at run time; it always
runs. `hardening` adds the security and reliability hygiene every linter checks (off by
default, so a design that works is not buried under advice the user did not ask for), and
`cpu-limits` adds the one rule that is advice only some teams want (a CPU limit throttles).
Profiles are turned on by `kubecanvas validate --profile`, by the project setting
`settings.profiles` and by the editor's toggle, which writes that setting.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT = "default"
HARDENING = "hardening"
CPU_LIMITS = "cpu-limits"

#: Every profile, with a one-line description for `--help`.
PROFILES: dict[str, str] = {
    DEFAULT: "what the API server rejects and what breaks at run time (always on)",
    HARDENING: "security (Pod Security Standards), reliability, supply chain, exposure, RBAC",
    CPU_LIMITS: "opt-in: every container sets a CPU limit (a limit throttles; off unless asked)",
}


class UnknownProfileError(ValueError):
    """A profile name that is not in `PROFILES`."""


def active_profiles(*groups: Iterable[str] | None) -> frozenset[str]:
    """The default profile plus every profile named in `groups` (None entries are skipped).

    Raises:
        UnknownProfileError: a name that is not a known profile (the message lists them).
    """
    names = {DEFAULT}
    for group in groups:
        for name in group or ():
            name = name.strip()
            if not name:
                continue
            if name not in PROFILES:
                raise UnknownProfileError(
                    f"unknown profile {name!r}; known profiles: {', '.join(PROFILES)}")
            names.add(name)
    return frozenset(names)
