"""`kubecanvas export INPUT... -o out.yaml | -o DIR/ | -o - | --write-back`.

Writes `kubectl apply -f`-ready YAML: one multi-document file in the order a cluster needs, a
folder with one file per resource and a `kustomization.yaml`, standard output, or each resource
back into the file it came from. It refuses (exit 1, nothing written) while error findings
remain, unless `--force`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kubecanvas.cli import options
from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError, warn

if TYPE_CHECKING:  # the loader, validator and writers are imported in `run`, when used
    from kubecanvas.cli import inputs
    from kubecanvas.model.document import Document
    from kubecanvas.model.resource import Resource
    from kubecanvas.validation.findings import Finding

HELP = "write kubectl-ready YAML (or a Helm chart) from YAML inputs or a .kcanvas project"
DESCRIPTION = """\
Export a design as YAML that `kubectl apply -f` accepts, in the order a cluster needs
(Namespaces, StorageClasses, PVs, PVCs, ServiceAccounts, ConfigMaps, Secrets, Services,
workloads, Ingresses, HPAs, the rest).

  -o out.yaml     one multi-document file
  -o DIR/         one file per resource plus kustomization.yaml (a trailing / or an existing
                  folder selects this)
  -o -            standard output (the default)
  --helm-chart DIR
                  a Helm chart: Chart.yaml, values.yaml with names, images, replicas,
                  container resources and Service ports per resource (web.image,
                  web.replicas...), and templates/<kind>-<name>.yaml; `helm template` of it
                  with its own values gives back the same manifests
  --write-back    each resource back into the file it was imported from; untouched documents
                  stay byte for byte, comments included (-o FILE then receives resources that
                  have no file)

The export is refused while error findings remain (see `kubecanvas validate`), unless --force,
and while a Secret imported without its values (they stayed in the cluster) still has them
empty, unless --omit-secrets: that writes every Secret without data and stringData (for
repositories whose Secrets come from a secret manager) and says which. Values are never made up.

exit codes: 0 written; 1 refused because of error findings; 2 unreadable input or bad usage."""

EXAMPLES = options.examples(
    "kubecanvas export app.kcanvas -o app.yaml",
    "kubecanvas export k8s/ -o out/            # one file per resource + kustomization.yaml",
    "kubecanvas export -f app.kcanvas | kubectl apply -f -",
    "kubecanvas export app.kcanvas --helm-chart charts/shop",
    "kubecanvas export k8s/ --write-back       # edited resources back into their files")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("export", help=HELP, description=DESCRIPTION,
                                 epilog=EXAMPLES, formatter_class=options.Formatter)
    options.add_inputs(parser, "YAML file, folder (searched recursively), .kcanvas project, "
                               "kustomization folder, or -")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="out.yaml, DIR/ or - (default: - unless --write-back)")
    parser.add_argument("--write-back", action="store_true",
                        help="write resources back to the files they came from")
    parser.add_argument("--helm-chart", metavar="DIR",
                        help="write a Helm chart into DIR instead of plain YAML")
    parser.add_argument("--chart-name", metavar="NAME",
                        help="name of the Helm chart (default: the folder's name)")
    parser.add_argument("--force", action="store_true",
                        help="export even when there are error findings")
    options.add_omit_option(parser)
    options.add_common_options(parser)
    parser.set_defaults(run=run, parser=parser)


def _is_folder_target(output: str) -> bool:
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def refuse_or_warn(document: Document, findings: list[Finding], loaded: inputs.Loaded,
                    force: bool) -> None:
    """Stop (exit 1) while error findings remain, unless forced; warn about the rest."""
    from kubecanvas.cli.report import error_count, to_text_report
    from kubecanvas.validation.findings import Severity

    errors = error_count(findings, loaded.problems)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    if errors and not force:
        shown = [f for f in findings if f.severity is Severity.ERROR]
        problems = [p for p in loaded.problems if p.severity is Severity.ERROR]
        sys.stderr.write(to_text_report(document, shown, problems))
        raise CliError(f"{errors} error finding(s); nothing was written. Fix them, or pass "
                       "--force to export anyway", exit_code=EXIT_FINDINGS)
    if errors:
        warn(f"exporting despite {errors} error finding(s) (--force)")
    if warnings:
        warn(f"{warnings} warning(s); run `kubecanvas validate` to see them")


def _write_back(document: Document, output: str | None) -> None:
    if output is not None and (output == "-" or _is_folder_target(output)):
        raise CliError("--write-back takes -o FILE only, for resources that have no file")
    from kubecanvas.io.writeback import WriteBackError, write_back

    try:
        result = write_back(document, new_file=Path(output) if output else None)
    except WriteBackError as exc:
        raise CliError(str(exc)) from None
    for note in result.notes:
        warn(note)
    same = f" ({len(result.unchanged)} unchanged, not rewritten)" if result.unchanged else ""
    print(f"kubecanvas: wrote {len(result.written)} file(s) back{same}", file=sys.stderr)
    if result.skipped:
        names = ", ".join(str(path) for path in result.skipped)
        raise CliError(f"{len(result.skipped)} file(s) not written back, so their edits are not "
                       f"saved: {names} (see the warning above)", exit_code=1)


def _write_chart(document: Document, args: argparse.Namespace) -> None:
    if args.output is not None or args.write_back:
        raise CliError("--helm-chart writes a chart folder; it cannot be combined with -o or "
                       "--write-back")
    from kubecanvas.io.helm_chart import HelmChartError, build_chart, write_chart

    folder = Path(args.helm_chart)
    name = args.chart_name or re.sub(r"[^a-z0-9-]+", "-", folder.resolve().name.lower()).strip("-")
    try:
        written = write_chart(build_chart(document, name), folder)
    except HelmChartError as exc:
        raise CliError(str(exc)) from None
    print(f"kubecanvas: wrote Helm chart {name!r} ({len(written)} file(s)) to {folder}",
          file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    options.check_output_name(args.output, "Use -o - (the default) for standard output, or a "
                                           "name with a suffix such as app.yaml")
    paths = options.gather_inputs(args)
    from kubecanvas.cli import inputs
    from kubecanvas.cli.secret_values import for_export
    from kubecanvas.io.atomic import atomic_write_text
    from kubecanvas.io.yaml_out import dump_resources, write_folder

    version = inputs.check_kube_version(args.kube_version)
    loaded = inputs.load_inputs(paths, strip_cluster_fields=args.strip_cluster_fields,
                                ignore_file=args.ignore_file,
                                limits=inputs.read_limits(args.limit))
    inputs.require_resources(loaded, paths, "nothing was written")
    document = loaded.document
    findings = inputs.validate(loaded, version)
    refuse_or_warn(document, findings, loaded, args.force)
    document = for_export(document, args.omit_secrets)
    if args.helm_chart is not None:
        _write_chart(document, args)
        return EXIT_OK
    if args.write_back:
        _write_back(document, args.output)
        return EXIT_OK
    output = args.output or "-"
    kept = _kept_with_notes(document)
    if output == "-":
        inputs.emit(dump_resources(kept))
    elif _is_folder_target(output):
        written = write_folder(kept, Path(output))
        print(f"kubecanvas: wrote {len(written)} file(s) to {output}", file=sys.stderr)
    else:
        atomic_write_text(output, dump_resources(kept))
        print(f"kubecanvas: wrote {len(kept)} resource(s) to {output}", file=sys.stderr)
    return EXIT_OK


def _kept_with_notes(document: Document) -> list[Resource]:
    """What `kubectl apply` of the design leaves: an object defined more than once is exported
    once, as its last definition, with a note on standard error for each one left out."""
    from kubecanvas.io.yaml_out import applied_objects, overwritten_note
    from kubecanvas.model.kinds import effective_namespace

    kept, overwritten = applied_objects(document)
    if overwritten:
        def key(r: Resource) -> tuple[str, str, str, str]:
            return r.group, r.kind, effective_namespace(r), r.name
        last = {key(r): r for r in kept}
        for res in overwritten:
            warn(overwritten_note(res, last.get(key(res), res)))
    return kept
