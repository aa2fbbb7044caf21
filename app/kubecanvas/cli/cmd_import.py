"""`kubecanvas import YAML... -o app.kcanvas`: turn manifests into a laid-out project.

Exit 0 when everything was read; 1 when some documents could not be read but the rest was saved
(each problem is printed as `file:line:col: severity: message`); 2 when nothing could be read, an
input is missing, or the usage is wrong (nothing is written then).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kubecanvas.cli import options
from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError

if TYPE_CHECKING:  # the loader, layout and project writer are imported in `run`, when used
    from kubecanvas.cli import inputs
    from kubecanvas.model.document import Document

HELP = "read YAML (or Kustomize/Helm output), lay it out, and save a .kcanvas project"
DESCRIPTION = """\
Read Kubernetes YAML (files, folders searched recursively for .yaml/.yml/.json, `-` for standard
input; multi-document streams and `kind: List` included), lay the resources out by namespace and
traffic, and save them as a KubeCanvas project. Documents that cannot be read are reported with
file, line and column; everything else is imported.

--kustomize DIR imports what `kubectl kustomize DIR` (or `kustomize build DIR`) renders, and
--helm CHART [--values FILE] [--release NAME] what `helm template` renders; each resource
remembers the command that produced it. Those programs must be installed; KubeCanvas says which
one is missing.

Secrets read from a cluster (a `kubectl get secret -o yaml` dump: they carry uid,
resourceVersion...) are imported with their keys and type but without values, which stay in the
cluster; --include-secret-values keeps them in the project.

exit codes: 0 everything imported; 1 some documents could not be read (the rest was saved);
2 nothing could be read, an input is missing, kubectl/kustomize/helm is missing or failed, or
bad usage (nothing is written)."""

EXAMPLES = options.examples(
    "kubecanvas import k8s/ -o shop.kcanvas",
    "kubecanvas import -f deploy.yaml -f service.yaml -o shop.kcanvas",
    "kubecanvas import --kustomize overlays/prod -o prod.kcanvas",
    "kubecanvas import --helm bitnami/redis --values values.yaml -o redis.kcanvas",
    "kubectl get deploy,svc,cm -n shop -o yaml | kubecanvas import - --strip-cluster-fields "
    "-o shop.kcanvas")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import", help=HELP, description=DESCRIPTION,
                                 epilog=EXAMPLES, formatter_class=options.Formatter)
    options.add_inputs(parser, "YAML file, folder (searched recursively), or - for standard "
                               "input")
    parser.add_argument("--kustomize", metavar="DIR", action="append", default=[],
                        help="import what `kubectl kustomize DIR` (or `kustomize build DIR`) "
                             "renders; repeatable")
    parser.add_argument("--helm", metavar="CHART",
                        help="import what `helm template CHART` renders (a chart folder, "
                             "archive or repo/chart)")
    parser.add_argument("--values", metavar="FILE", action="append", default=[],
                        help="values file for --helm; repeatable")
    parser.add_argument("--release", metavar="NAME", help="release name for --helm")
    parser.add_argument("--namespace", metavar="NS", help="namespace for --helm")
    parser.add_argument("-o", "--output", required=True, metavar="PROJECT",
                        help="project file to write (for example app.kcanvas)")
    parser.add_argument("--strip-cluster-fields", action="store_true",
                        help="drop status, managedFields, uid and other fields a cluster adds "
                             "(for `kubectl get -o yaml` dumps)")
    parser.add_argument("--kube-version", metavar="X.Y",
                        help="target Kubernetes version to store in the project")
    options.add_include_option(parser)
    options.add_limit_option(parser)
    parser.set_defaults(run=run, parser=parser)


def _load(args: argparse.Namespace) -> inputs.Loaded:
    """YAML inputs plus what Kustomize and Helm render, as one document."""
    from kubecanvas.cli import inputs
    from kubecanvas.io.external import ExternalToolError, render_helm, render_kustomize
    from kubecanvas.model.document import Document
    from kubecanvas.model.record import replace

    if not (args.inputs or args.filename or args.kustomize or args.helm):
        raise CliError("nothing to import: give YAML files or folders, --kustomize DIR or "
                       "--helm CHART")
    if (args.values or args.release or args.namespace) and not args.helm:
        raise CliError("--values, --release and --namespace go with --helm CHART")
    if args.inputs or args.filename:
        loaded = inputs.load_inputs(options.gather_inputs(args),
                                    strip_cluster_fields=args.strip_cluster_fields,
                                    allow_project=False,
                                    limits=inputs.read_limits(args.limit))
    else:
        loaded = inputs.Loaded(Document())
    try:
        rendered = [render_kustomize(folder) for folder in args.kustomize]
        if args.helm:
            rendered.append(render_helm(args.helm, args.values, args.release, args.namespace))
    except ExternalToolError as exc:
        raise CliError(str(exc)) from None
    for output in rendered:
        for problem in output.result.problems:
            loaded.problems.append(inputs.as_finding(replace(problem, file=output.command)))
        for resource in output.result.resources:
            loaded.document.add(resource)
    return loaded


def _canonical(document: Document) -> Document:
    """The imported resources in the canonical order with ids made from it: the project file
    is then a pure function of the input, whatever order the files were read in."""
    from kubecanvas.model.document import Document
    from kubecanvas.model.order import with_stable_ids

    out = Document(with_stable_ids(document))
    out.settings = document.settings
    return out


def run(args: argparse.Namespace) -> int:
    from kubecanvas.cli import inputs
    from kubecanvas.cli.secret_values import import_secrets
    from kubecanvas.io.project import ProjectError, save_project
    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.model.layout import auto_layout
    from kubecanvas.validation.findings import Severity

    options.check_output_name(args.output, "Give the project file to write, for example "
                                           "app.kcanvas")
    version = inputs.check_kube_version(args.kube_version)
    output = Path(args.output)
    if output.is_dir():
        raise CliError("is a folder; give the project file to write, for example app.kcanvas",
                       file=args.output)
    loaded = _load(args)
    inputs.require_resources(loaded, [*args.inputs, *args.filename, *args.kustomize,
                                      *filter(None, [args.helm])],
                             f"nothing was imported; {args.output} was not written")
    inputs.print_problems(loaded.problems)
    document = loaded.document
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    if errors and len(document) == 0:
        raise CliError(f"nothing could be imported ({len(errors)} document(s) could not be "
                       f"read); {args.output} was not written")
    document = _canonical(document)
    settings = document.settings
    document = Document(import_secrets(document, args.include_secret_values, args.output))
    document.settings = settings
    graph = WiringGraph(document, subscribe=False)
    with document.batch():
        for rid, position in auto_layout(document, graph).items():
            document.move(rid, position)
    if version is not None:
        document.settings.kube_version = version
    try:
        save_project(document, output)
    except ProjectError as exc:
        raise CliError(str(exc)) from None
    files = len({(r.origin.source or r.origin.file) for r in document if r.origin is not None})
    print(f"kubecanvas: imported {len(document)} resource(s) from {files} source(s) into "
          f"{os.fspath(output)}" + (f"; {len(errors)} document(s) skipped" if errors else ""),
          file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_OK
