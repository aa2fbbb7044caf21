"""What the commands do with Secret values read from a cluster (see `model/secret_values.py`).

`import` and `cluster import` leave them in the cluster unless `--include-secret-values`;
`export` refuses to write a Secret whose values stayed in the cluster (it would write empty
values over the real ones) unless `--omit-secrets`, which writes every Secret without values;
`cluster check` and `cluster apply` leave such Secrets out of what they send. Each says which
Secrets on standard error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from kubecanvas.cli.errors import EXIT_FINDINGS, CliError, warn
from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.model.secret_values import (
    describe,
    leave_values_in_cluster,
    read_from_a_cluster,
    secrets_without_values,
    without_values,
)


def import_secrets(resources: Iterable[Resource], include: bool, output: str,
                   from_cluster: bool = False) -> list[Resource]:
    """The resources with the values of Secrets read from a cluster left there, unless
    `include` (then with a warning that the project holds them). `from_cluster`: every
    resource came from a cluster (`cluster import`), not only those that say so."""
    result: list[Resource] = []
    affected: list[Resource] = []
    for resource in resources:
        if resource.kind == "Secret" and (from_cluster or read_from_a_cluster(resource)):
            affected.append(resource)
            if not include:
                resource = leave_values_in_cluster(resource)
        result.append(resource)
    if not affected:
        return result
    names = ", ".join(r.label() for r in affected)
    if include:
        warn(f"{output} holds the values of {len(affected)} Secret(s) read from a cluster "
             f"({names}); anyone who can read the file can read them, so do not commit it or "
             "share it (without --include-secret-values only keys and types are imported)")
    else:
        print(f"kubecanvas: {len(affected)} Secret(s) imported with their keys and type but "
              f"without values, which stay in the cluster ({names}); --include-secret-values "
              "imports them", file=sys.stderr)
    return result


def for_export(document: Document, omit: bool) -> Document:
    """The document to write: unchanged; every Secret without values when `omit` (said on
    standard error); refused while a Secret's values stayed in the cluster and `omit` is not
    given, since writing it would put empty values in place of the real ones.

    Raises:
        CliError: a Secret holds values left in the cluster (exit 1, nothing written).
    """
    if not omit:
        left = secrets_without_values(document)
        if left:
            raise CliError(
                f"{describe(left)}: imported without values, which stay in the cluster; an "
                "export would write empty values in their place. Type the values in, or pass "
                "--omit-secrets to write Secrets without data; nothing was written",
                exit_code=EXIT_FINDINGS)
        return document
    secrets = [r for r in document if r.kind == "Secret"]
    if not secrets:
        return document
    print(f"kubecanvas: {len(secrets)} Secret(s) written without data or stringData "
          f"(--omit-secrets): {', '.join(r.label() for r in secrets)}", file=sys.stderr)
    result = Document([without_values(r) for r in document])
    result.settings = document.settings
    return result


def for_cluster(resources: Sequence[Resource]) -> list[Resource]:
    """The resources to send to a cluster: Secrets whose values stayed there are left out
    (sending them would replace the values by empty ones), with a note saying which."""
    left = secrets_without_values(resources)
    if not left:
        return list(resources)
    print(f"kubecanvas: not sent: {describe(left)}: imported without values, which stay in "
          "the cluster", file=sys.stderr)
    skipped = {id(r) for r, _keys in left}
    return [r for r in resources if id(r) not in skipped]
