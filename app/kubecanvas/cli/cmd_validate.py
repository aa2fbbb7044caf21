"""`kubecanvas validate INPUT...`: check a design and report findings.

Exit 0 when there is no error finding, 1 when there is at least one (load problems that dropped a
document count as errors), 2 when an input cannot be read at all or the usage is wrong.
"""

from __future__ import annotations

import argparse
from typing import Any

from kubecanvas.cli import inputs
from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError
from kubecanvas.cli.report import has_errors, render
from kubecanvas.validation.profiles import DEFAULT, PROFILES, UnknownProfileError, active_profiles

HELP = "check YAML files, folders or a project and report what is wired wrong"
DESCRIPTION = """\
Check Kubernetes YAML (files, folders, `-` for standard input) or a .kcanvas project: references
to missing resources, selectors that select nothing, workloads whose selector misses their own
pods, schema and API rules of the target Kubernetes version. A `.kubecanvas-ignore` file beside
the inputs (or named with --ignore-file) lists findings to ignore.

profiles: the default rules always run; `--profile hardening` adds security (Pod Security
Standards), reliability, supply-chain, exposure and RBAC rules, `--profile cpu-limits` the
opt-in CPU-limit rule. A project's `settings.profiles` turns profiles on too.

exit codes: 0 no error findings; 1 error findings (documents that could not be read count);
2 unreadable input or bad usage."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("validate", help=HELP, description=DESCRIPTION,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="YAML file, folder (searched recursively), .kcanvas project, or -")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--profile", action="append", metavar="NAME", default=[],
                        help="turn on a rule profile beyond the default one: "
                             + "; ".join(f"{name}: {text}" for name, text in PROFILES.items()
                                         if name != DEFAULT)
                             + " (repeat the option or separate names with commas)")
    inputs.add_common_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    version = inputs.check_kube_version(args.kube_version)
    loaded = inputs.load_inputs(args.inputs, strip_cluster_fields=args.strip_cluster_fields,
                                ignore_file=args.ignore_file)
    inputs.require_resources(loaded, args.inputs, "nothing was validated")
    profiles = [name for value in args.profile for name in value.split(",") if name.strip()]
    try:
        active_profiles(profiles)
    except UnknownProfileError as exc:
        raise CliError(f"--profile: {exc}") from None
    findings = inputs.validate(loaded, version, profiles)
    inputs.emit(render(loaded.document, findings, loaded.problems, args.format))
    return EXIT_FINDINGS if has_errors(findings, loaded.problems) else EXIT_OK
