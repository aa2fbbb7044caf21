"""RBAC relations read from bindings: the role a binding grants and the ServiceAccounts it
grants it to, plus the words that say what a role allows.

A RoleBinding or ClusterRoleBinding is a by-name reference twice over (`roleRef`, `subjects[]`),
so its edges are ordinary references in the wiring graph: they resolve, go missing, follow a
rename and undo like any other. They are drawn on the RBAC layer (`model.layers`). Whether a
missing role is a defect is `validation.rules_access`'s verdict (`rbac.*`); a role the API
server creates itself (`cluster-admin`, `system:*`) is marked as provided by the cluster so the
picture draws it as a muted stand-in, not as a red missing box.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.references import EdgeType, Reference
from kubecanvas.model.resource import Resource

BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")
#: ClusterRoles every cluster creates at start-up (the rest of `system:*` too).
DEFAULT_CLUSTER_ROLES = frozenset({"cluster-admin", "admin", "edit", "view"})
#: Roles the API server bootstraps in kube-system and kube-public (besides `system:*`).
DEFAULT_ROLES = frozenset({"extension-apiserver-authentication-reader"})
SYSTEM_NAMESPACES = frozenset({"kube-system", "kube-public"})


def is_builtin_role(kind: str, namespace: str, name: str) -> bool:
    """True for a role the API server bootstraps, which no manifest needs to define."""
    return name.startswith("system:") or (kind == "ClusterRole" and name in DEFAULT_CLUSTER_ROLES) \
        or (namespace in SYSTEM_NAMESPACES and name in DEFAULT_ROLES)


def rbac_references(res: Resource, namespace: str) -> list[Reference]:
    """The role and ServiceAccounts a binding names (`namespace`: where the binding lands).

    A ClusterRoleBinding's roleRef to a Role (which the API server rejects, `rbac.roleRef.kind`)
    and a ClusterRoleBinding's ServiceAccount subject without a namespace name nothing that
    could exist, so they draw no edge.
    """
    if res.kind not in BINDING_KINDS:
        return []
    out: list[Reference] = []
    role = as_mapping(res.manifest.get("roleRef"))
    kind, name = _str(role.get("kind")), _str(role.get("name"))
    if name and (kind == "ClusterRole" or kind == "Role" and res.kind == "RoleBinding"):
        role_ns = namespace if kind == "Role" else ""
        out.append(Reference(EdgeType.ROLE_REF, ("roleRef", "name"), kind, name, role_ns,
                             detail=(("provided", is_builtin_role(kind, role_ns, name)),)))
    for i, subject in enumerate(as_list(res.manifest.get("subjects"))):
        subject = as_mapping(subject)
        account = _str(subject.get("name"))
        if subject.get("kind") != "ServiceAccount" or not account:
            continue
        account_ns = _str(subject.get("namespace")) or (namespace if res.kind == "RoleBinding"
                                                         else "")
        if account_ns:
            # every namespace has its "default" account: the cluster provides it
            out.append(Reference(EdgeType.SUBJECT, ("subjects", i, "name"), "ServiceAccount",
                                 account, account_ns,
                                 detail=(("provided", account == "default"),)))
    return out


def rules(manifest: Mapping[str, Any]) -> list[tuple[str, str]]:
    """`(what, verbs)` per rule of a Role or ClusterRole, in manifest order, in YAML's words
    (`("pods, services", "get, list, watch")`, `("deployments.apps (web)", "patch")`,
    `("/healthz", "get")`); either is '' when the rule names none, so each view can say that
    in its own language."""
    out = []
    for rule in as_list(manifest.get("rules")):
        rule = as_mapping(rule)
        verbs = ", ".join(_str(v) for v in as_list(rule.get("verbs")))
        what = [_resource_name(r, rule) for r in as_list(rule.get("resources"))]
        what += [_str(u) for u in as_list(rule.get("nonResourceURLs"))]
        names = as_list(rule.get("resourceNames"))
        suffix = f" ({', '.join(_str(n) for n in names)})" if names else ""
        out.append((f"{', '.join(what)}{suffix}" if what else suffix.strip(), verbs))
    return out


def is_aggregated(manifest: Mapping[str, Any]) -> bool:
    """True for a ClusterRole whose rules the control plane fills from other ClusterRoles."""
    return not as_list(manifest.get("rules")) and isinstance(manifest.get("aggregationRule"),
                                                             Mapping)


def rule_lines(manifest: Mapping[str, Any]) -> list[str]:
    """One line per rule of a Role or ClusterRole: `resources: verbs`, in manifest order
    (`pods, services: get, list, watch`; `/healthz: get` for non-resource URLs; an aggregated
    ClusterRole says so)."""
    lines = [f"{what or '(nothing)'}: {verbs or '(no verbs)'}" for what, verbs in rules(manifest)]
    if is_aggregated(manifest):
        lines.append("aggregated from other ClusterRoles")
    return lines


def _resource_name(resource: Any, rule: Mapping[str, Any]) -> str:
    """`deployments.apps` for a resource outside the core group, as `kubectl describe` shows."""
    groups = [g for g in (_str(g) for g in as_list(rule.get("apiGroups"))) if g]
    text = _str(resource)
    return f"{text}.{groups[0]}" if len(groups) == 1 and groups[0] != "*" else text


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))
