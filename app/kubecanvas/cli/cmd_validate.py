"""`kubecanvas validate INPUT...`: check a design and report findings.

Exit 0 when there is no error finding, 1 when there is at least one (load problems that dropped a
document count as errors), 2 when an input cannot be read at all or the usage is wrong.

The loader and the validator are imported in `run`, not at module level: `--help`, `--version`
and shell completion build this parser and should not pay for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kubecanvas.cli import color, options

HELP = "check YAML files, folders or a project and report what is wired wrong"
DESCRIPTION = """\
Check Kubernetes YAML (files, folders, `-` for standard input) or a .kcanvas project: references
to missing resources, selectors that select nothing, workloads whose selector misses their own
pods, schema and API rules of the target Kubernetes version. A `.kubecanvas-ignore` file beside
the inputs (or named with --ignore-file) lists findings to ignore. A folder that holds a
kustomization.yaml (or that file itself) is checked as `kubectl kustomize` renders it.

profiles: the default rules always run; `--profile hardening` adds security (Pod Security
Standards), reliability, supply-chain, exposure and RBAC rules, `--profile cpu-limits` the
opt-in CPU-limit rule. A project's `settings.profiles` turns profiles on too.

formats: text (grouped by file, for people), compact (one `file:line:col: severity: message
[rule-id]` line per finding, for editors and CI problem matchers), json, sarif (code scanning).

exit codes: 0 no error findings; 1 error findings (documents that could not be read count);
2 unreadable input or bad usage."""

EXAMPLES = options.examples(
    "kubecanvas validate k8s/",
    "kubecanvas validate -f deploy.yaml -f service.yaml",
    "kubecanvas validate -R -f k8s/ --format compact",
    "kubectl kustomize overlays/prod | kubecanvas validate -",
    "kubecanvas validate k8s/ --kube-version 1.29 --format sarif > findings.sarif",
    "kubectl canvas validate k8s/          # the same, as a kubectl plugin")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("validate", help=HELP, description=DESCRIPTION,
                                 epilog=EXAMPLES, formatter_class=options.Formatter)
    options.add_inputs(parser, "YAML file, folder (searched recursively), .kcanvas project, "
                               "kustomization folder, or -")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format (default: text)")
    # Named here rather than read from validation.profiles: building the parser (--help,
    # completion) must not load the validator; run() checks the names against the real list.
    parser.add_argument("--profile", action="append", metavar="NAME", default=[],
                        help="turn on a rule profile beyond the default one: hardening, "
                             "cpu-limits (repeat the option or separate names with commas)")
    parser.add_argument("--kinds", action="append", default=[], metavar="FILE",
                        help="a mapping file for custom kinds (which fields refer to which "
                             "kinds), beyond the shipped ones and the project's "
                             ".kubecanvas/kinds.yaml; repeatable")
    parser.add_argument("-o", "--output", metavar="FORMAT", help=argparse.SUPPRESS)
    parser.add_argument("--color", choices=color.CHOICES, default="auto",
                        help="colour severities and rule ids: auto (on a terminal, unless "
                             "NO_COLOR is set), always, never (default: auto)")
    options.add_common_options(parser)
    parser.add_argument("-j", "--jobs", type=options.positive_int, metavar="N",
                        help="processes to check with (default: the number of "
                             "cores); the report is the same with any number")
    parser.set_defaults(run=run, parser=parser)


#: Also in report.py's `render`; listed here so that building the parser loads no validator.
FORMATS = ("text", "compact", "json", "sarif")


def run(args: argparse.Namespace) -> int:
    from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError

    if args.output is not None:
        raise CliError(f"validate prints its report on standard output; for a format, use "
                       f"--format {args.output if args.output in FORMATS else 'json'} "
                       f"(formats: {', '.join(FORMATS)}), and > FILE to keep it")
    paths = options.gather_inputs(args)
    from kubecanvas.cli import inputs
    from kubecanvas.cli.report import has_errors, render

    version = inputs.check_kube_version(args.kube_version)
    jobs = args.jobs or options.default_jobs()
    # Read in this process whatever `jobs`: parsing in workers sends the parsed documents back,
    # and making them again here cost about what the workers saved (50,000 resources on 2 cores,
    # session 12: 5.5 s CPU and wall in one process, 7.8 s CPU and 7.4 s wall with 2); the
    # second core pays in the checks, where only the findings travel back.
    loaded = inputs.load_inputs(paths, strip_cluster_fields=args.strip_cluster_fields,
                                ignore_file=args.ignore_file,
                                limits=inputs.read_limits(args.limit),
                                keep_original=False)  # validate never writes files back
    inputs.require_resources(loaded, paths, "nothing was validated")
    from kubecanvas.io.kinds_file import KindsFileError, load_kinds

    try:  # the references of custom kinds (cert-manager, Gateway API...) are checked too
        loaded.document.kind_mappings = load_kinds(
            [Path(p) for p in paths if p != "-"], [Path(k) for k in args.kinds])
    except KindsFileError as exc:
        raise CliError(str(exc)) from None
    from kubecanvas.validation.profiles import UnknownProfileError, active_profiles

    profiles = [name for value in args.profile for name in value.split(",") if name.strip()]
    try:
        active_profiles(profiles)
    except UnknownProfileError as exc:
        raise CliError(f"--profile: {exc}") from None
    findings = inputs.validate(loaded, version, profiles, jobs)
    report = render(loaded.document, findings, loaded.problems, args.format)
    if args.format in ("text", "compact") and color.wanted(args.color):
        report = color.colorize(report)
    inputs.emit(report)
    return EXIT_FINDINGS if has_errors(findings, loaded.problems) else EXIT_OK
