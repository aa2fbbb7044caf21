"""`kubecanvas cluster check|apply|import`: the design against a real cluster, through kubectl.

Exit codes: 0 every resource accepted (check), applied (apply) or the namespace imported
(import); 1 the server refused some resources, the apply was declined or refused because of
error findings; 2 kubectl is missing, has no context, the cluster cannot be reached, the input
is unreadable, or bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kubecanvas.cli import options
from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError

if TYPE_CHECKING:  # kubectl, the loader and the model are imported when a command runs
    from kubecanvas.cluster import Kubectl, ServerReport
    from kubecanvas.model.document import Document
    from kubecanvas.model.resource import Resource

HELP = "check a design against a cluster, apply it, or import a namespace (via kubectl)"
DESCRIPTION = """\
Talk to the cluster of your current kubectl context (or --context), through kubectl only:
KubeCanvas never reads or stores credentials.

  cluster check INPUT...           server-side dry run: the API server's answer per resource
  cluster apply INPUT... [--yes]   apply for real, after a confirmation
  cluster import -n NS -o P        the namespace's objects as a project, cluster fields removed,
                                   Secrets with their keys but without values (unless
                                   --include-secret-values)

exit codes: 0 all accepted / applied / imported; 1 the server refused some resources, some
documents could not be read, or the apply was declined or refused because of error findings; 2 kubectl missing, no context, cluster
unreachable, unreadable input or bad usage."""

EXAMPLES = options.examples(
    "kubecanvas cluster check k8s/",
    "kubecanvas cluster check -f app.kcanvas --context staging",
    "kubecanvas cluster apply k8s/ --yes",
    "kubecanvas cluster import -n shop -o shop.kcanvas")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("cluster", help=HELP, description=DESCRIPTION,
                                 epilog=EXAMPLES, formatter_class=options.Formatter)
    parser.set_defaults(parser=parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="server-side dry run of a design",
                               description="Send the design to the API server with "
                               "`kubectl apply --dry-run=server` and print its answer per "
                               "resource. Nothing is changed in the cluster.",
                               epilog=options.examples(
                                   "kubecanvas cluster check k8s/",
                                   "kubecanvas cluster check -f app.kcanvas --context staging"),
                               formatter_class=options.Formatter)
    _inputs(check)
    check.set_defaults(run=run_check, parser=check)
    apply = actions.add_parser("apply", help="apply a design to the cluster",
                               description="Apply the design with `kubectl apply`, after a "
                               "confirmation (or --yes). Refused while error findings remain, "
                               "unless --force.",
                               epilog=options.examples("kubecanvas cluster apply k8s/",
                                                       "kubecanvas cluster apply -f app.yaml "
                                                       "--context dev --yes"),
                               formatter_class=options.Formatter)
    _inputs(apply)
    apply.add_argument("-y", "--yes", action="store_true",
                       help="do not ask for confirmation (needed when not on a terminal)")
    apply.add_argument("--force", action="store_true",
                       help="apply even when there are error findings")
    apply.set_defaults(run=run_apply, parser=apply)
    imp = actions.add_parser("import", help="import a namespace from the cluster",
                             description="Read the namespace's objects of the kinds KubeCanvas "
                             "knows with `kubectl get -o yaml`, leave out what controllers made "
                             "and what the cluster added, lay them out and save a project.",
                             epilog=options.examples("kubecanvas cluster import -n shop -o "
                                                     "shop.kcanvas",
                                                     "kubecanvas cluster import -n shop -o "
                                                     "shop.kcanvas --context prod"),
                             formatter_class=options.Formatter)
    imp.add_argument("-n", "--namespace", required=True, help="the namespace to import")
    imp.add_argument("-o", "--output", required=True, metavar="PROJECT",
                     help="project file to write (for example app.kcanvas)")
    imp.add_argument("--context", help="kubectl context (default: the current context)")
    options.add_include_option(imp)
    imp.set_defaults(run=run_import, parser=imp)


def _inputs(parser: argparse.ArgumentParser) -> None:
    options.add_inputs(parser, "YAML file, folder, .kcanvas project, kustomization folder, "
                               "or -")
    parser.add_argument("--context", help="kubectl context (default: the current context)")
    parser.add_argument("--strip-cluster-fields", action="store_true",
                        help="drop status, managedFields and other fields a cluster adds")


def _kubectl(context: str | None) -> Kubectl:
    from kubecanvas.cluster import ClusterError, Kubectl

    try:
        return Kubectl(context)
    except ClusterError as exc:
        raise CliError(str(exc)) from None


def _where(resource: Resource | None) -> str:
    if resource is None or resource.origin is None or resource.origin.file == "-":
        return ""
    return f"{resource.origin.file}:{resource.origin.line}: "


def print_report(report: ServerReport, document: Document) -> None:
    """One line per resource on stdout; refusals name the file and line the resource is at."""
    mode = "server dry run" if report.dry_run else "applied"
    print(f"kubectl context {report.context!r} ({mode}):")
    for answer in report.answers:
        if answer.accepted:
            print(f"  ok       {answer.label}: {answer.outcome}")
        else:
            where = _where(document.find(answer.resource_id))
            print(f"  REFUSED  {where}{answer.label}: {answer.message}")
    for warning in report.warnings:
        print(f"  warning  {warning}")
    refused = len(report.rejected)
    print(f"{len(report.answers) - refused} accepted, {refused} refused")


def _send(args: argparse.Namespace, document: Document, dry_run: bool) -> int:
    from kubecanvas.cli.secret_values import for_cluster
    from kubecanvas.cluster import ClusterError, apply_resources
    from kubecanvas.io.yaml_out import apply_order, dump_resources

    if len(document) == 0:
        raise CliError("the inputs hold no resources; nothing to send to the cluster")
    resources = for_cluster(apply_order(document))
    if not resources:
        raise CliError("nothing left to send to the cluster")
    kubectl = _kubectl(args.context)
    try:
        report = apply_resources(kubectl, resources, dump_resources, dry_run=dry_run)
    except ClusterError as exc:
        raise CliError(str(exc)) from None
    print_report(report, document)
    return EXIT_FINDINGS if report.rejected else EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from kubecanvas.cli import inputs
    from kubecanvas.validation.findings import Severity

    loaded = inputs.load_inputs(options.gather_inputs(args),
                                strip_cluster_fields=args.strip_cluster_fields)
    inputs.print_problems(loaded.problems)
    code = _send(args, loaded.document, dry_run=True)
    unread = any(p.severity is Severity.ERROR for p in loaded.problems)
    return EXIT_FINDINGS if unread else code


def _confirm(count: int, context: str) -> bool:
    if not sys.stdin.isatty():
        raise CliError("refusing to apply without confirmation: not on a terminal; pass --yes")
    print(f"Apply {count} resource(s) to the cluster of context {context!r}? [y/N] ",
          end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def run_apply(args: argparse.Namespace) -> int:
    from kubecanvas.cli import inputs
    from kubecanvas.cli.cmd_export import refuse_or_warn
    from kubecanvas.cluster import ClusterError

    loaded = inputs.load_inputs(options.gather_inputs(args),
                                strip_cluster_fields=args.strip_cluster_fields)
    document = loaded.document
    refuse_or_warn(document, inputs.validate(loaded, None), loaded, args.force)
    if not args.yes:
        try:
            context = _kubectl(args.context).current_context()
        except ClusterError as exc:
            raise CliError(str(exc)) from None
        if not _confirm(len(document), context):
            print("kubecanvas: nothing applied", file=sys.stderr)
            return EXIT_FINDINGS
    return _send(args, document, dry_run=False)


def run_import(args: argparse.Namespace) -> int:
    from kubecanvas.cli.secret_values import import_secrets
    from kubecanvas.cluster import ClusterError, designed_resources, fetch_namespace
    from kubecanvas.io.project import ProjectError, save_project
    from kubecanvas.io.yaml_in import load_text
    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.model.layout import auto_layout

    options.check_output_name(args.output, "Give the project file to write, for example "
                                           "shop.kcanvas")
    output = Path(args.output)
    if output.is_dir():
        raise CliError("is a folder; give the project file to write, for example app.kcanvas",
                       file=args.output)
    try:
        fetched = fetch_namespace(_kubectl(args.context), args.namespace)
    except ClusterError as exc:
        raise CliError(str(exc)) from None
    result = load_text(fetched.text, "-", strip_cluster_fields=True, source=fetched.command)
    kept, left_out = designed_resources(result.resources)
    kept = import_secrets(kept, args.include_secret_values, args.output, from_cluster=True)
    if not kept:
        raise CliError(f"namespace {args.namespace!r} holds no objects of the kinds KubeCanvas "
                       f"knows (or does not exist); {args.output} was not written")
    document = Document(kept)
    graph = WiringGraph(document, subscribe=False)
    with document.batch():
        for rid, position in auto_layout(document, graph).items():
            document.move(rid, position)
    try:
        save_project(document, output)
    except ProjectError as exc:
        raise CliError(str(exc)) from None
    print(f"kubecanvas: imported {len(kept)} resource(s) from namespace {args.namespace!r} "
          f"into {os.fspath(output)} ({len(left_out)} made by controllers left out)",
          file=sys.stderr)
    return EXIT_OK
