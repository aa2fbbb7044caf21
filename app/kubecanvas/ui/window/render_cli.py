"""`kubecanvas render INPUT... -o diagram.svg|png|pdf`: the editor's picture, without a window.

For documentation builds, CI and pipelines: the inputs are laid out exactly as the editor opens
them, drawn by the same `CanvasScene` and written by the same `export_image` as File > Export
Image, in the light theme unless `--theme dark` is asked for. Qt runs offscreen, so no display
is needed. `.drawio`, `.mmd`, `.dot` and `.d2` outputs are written by the io layer's diagram
writers. `-` as the input reads YAML from standard input (`kubectl kustomize overlays/prod |
kubecanvas render - -o prod.svg`); `-o -` writes to standard output, in the `--format` given.

Exit codes: 0 once the picture is written (documents that could not be read are listed as
warnings; findings are `validate`'s business, unless `--fail-on error|warning` asks: then 1 when
the design has such findings), 2 when nothing readable, a missing input or bad usage (nothing
written).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PICTURE_SUFFIXES = (".png", ".svg", ".pdf")
#: The largest PNG side written: bigger images fail to open in most viewers and browsers.
PNG_LIMIT = 16384
EXAMPLES = """\
examples:
  $ kubecanvas render k8s/ -o diagram.svg
  $ kubecanvas render shop.kcanvas -o shop.png --theme dark
  $ kubectl kustomize overlays/prod | kubecanvas render - -o prod.svg
  $ kubecanvas render k8s/ -o - --format mmd >> README.md
  $ kubecanvas render k8s/ -o diagram.d2
  $ kubecanvas render k8s/ --stats
  $ kubecanvas render platform/ -o overview.svg --overview
  $ kubecanvas render k8s/ -o access.svg --layers wiring,rbac,network"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"kubecanvas render: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kubecanvas render",
                     description="Draw YAML files, folders or a .kcanvas project as an image, "
                                 "exactly as the editor shows it, without opening a window.",
                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="YAML files or folders, one .kcanvas project, or - for standard "
                             "input")
    parser.add_argument("-o", "--output",
                        help="the file to write: .svg, .png, .pdf, .drawio, .mmd, .dot or .d2; "
                             "- for standard output (with --format); required unless --stats")
    parser.add_argument("--format", choices=("svg", "png", "pdf", "drawio", "mmd", "dot", "d2"),
                        help="the output format (default: from the output's suffix)")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="canvas colours (default: light, for printing)")
    parser.add_argument("--select", nargs="+", metavar="NAME", default=[],
                        help="draw only these resources (NAME or Kind/NAME)")
    parser.add_argument("--scale", type=float, default=2.0,
                        help="PNG pixels per canvas unit (default: 2, for sharp slides)")
    parser.add_argument("--legend", action=argparse.BooleanOptionalAction, default=True,
                        help="draw a legend of the wire types under the picture (default: on; "
                             "SVG, PNG and PDF)")
    parser.add_argument("--replicas", action="store_true",
                        help="one card per claim a StatefulSet creates (default: one card per "
                             "claim template, 'data ×3')")
    parser.add_argument("--layers", metavar="LIST",
                        help="the relations to draw, comma-separated: wiring (routes, "
                             "selectors, mounts...), rbac (RoleBinding -> Role and "
                             "ServiceAccount), network (NetworkPolicy traffic), or all "
                             "(default: the project's choice, else wiring)")
    parser.add_argument("--kinds", action="append", default=[], metavar="FILE",
                        help="a mapping file for custom kinds (icon, colour, which fields refer "
                             "to which kinds), beyond the shipped ones and the project's "
                             ".kubecanvas/kinds.yaml; repeatable")
    parser.add_argument("--fail-on", choices=("error", "warning", "never"), default="never",
                        help="exit 1 after writing when the design has findings this severe "
                             "(default: never; `kubecanvas validate` is the checker)")
    parser.add_argument("--overview", action="store_true",
                        help="draw each application as one tile with its resource count and "
                             "finding badge, and the wires between applications as one line "
                             "with their number, as the editor does when zoomed far out: the "
                             "picture of a big design (SVG, PNG and PDF)")
    parser.add_argument("--stats", action="store_true",
                        help="print the drawn picture's quality as one JSON object on standard "
                             "output: crossings, wires_through_cards, label_overlaps, "
                             "wire_length, area, aspect")
    return parser


def _fail(message: str) -> int:
    print(f"kubecanvas: error: {message}", file=sys.stderr)
    return 2


def output_suffix(output: str | None, fmt: str | None) -> str:
    """The suffix naming the format to write ('' when only --stats is asked for).

    Raises:
        ValueError: the format cannot be told, or no writer exists for it.
    """
    if output is None:
        return ""
    suffix = f".{fmt}" if fmt else ("" if output == "-" else Path(output).suffix.lower())
    if output == "-" and not suffix:
        raise ValueError("-o - writes to standard output: name the format with --format "
                         "(svg, png, pdf, drawio, mmd, dot or d2)")
    if suffix in PICTURE_SUFFIXES:  # the text writers are not even imported for a picture
        return suffix
    from kubecanvas.ui.commands.diagram_formats import DIAGRAM_FORMATS, diagram_writer

    if diagram_writer(suffix) is None:
        text_formats = [s for s in DIAGRAM_FORMATS if diagram_writer(s) is not None]
        raise ValueError(f"{output}: the output must end in "
                         + ", ".join((*PICTURE_SUFFIXES, *text_formats)))
    return suffix


def main(argv: Sequence[str]) -> int:
    """Run `kubecanvas render`; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.output is None and not args.stats:
        parser.error("the following arguments are required: -o/--output (or --stats)")
    if "-" in args.inputs and len(args.inputs) > 1:
        parser.error("- (standard input) cannot be combined with other inputs")
    if args.stats and args.output == "-":
        parser.error("--stats prints to standard output: write the picture to a file")
    if args.overview and args.select:
        parser.error("--overview draws the whole design: leave out --select")
    if args.layers is not None:
        from kubecanvas.model.layers import parse_layers

        try:
            args.layers = parse_layers(args.layers)
        except ValueError as exc:
            parser.error(f"--layers: {exc}")
    try:
        suffix = output_suffix(args.output, args.format)
    except ValueError as exc:
        return _fail(str(exc))
    if args.overview and suffix not in PICTURE_SUFFIXES:
        return _fail("--overview draws a picture: write .svg, .png or .pdf")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A picture is made once and the process ends: the cycle collector only walked the
    # design's hundreds of thousands of objects again and again while they were being made
    # (0.6 s of 11 at 5,000 resources, peak memory 234 -> 248 MB without it).
    enabled = gc.isenabled()  # (off already when the launcher runs it: `__main__._one_run`)
    gc.disable()
    try:
        return _render(args, suffix)
    finally:
        if enabled:
            gc.enable()


def _open(inputs: Sequence[str], kinds: Sequence[Path] = ()) -> Any:
    """The design for the inputs (standard input when it is `-`), read and laid out as the
    editor opens it, but without the editor's session: the validator runs only for
    `--fail-on` (`_verdict`), since the picture shows no findings. `kinds`: mapping files
    for custom kinds beyond the shipped ones and the project's."""
    from kubecanvas.io.kinds_file import KindsFileError, load_kinds
    from kubecanvas.ui.commands import design_read

    if list(inputs) != ["-"]:
        return design_read.read_design([Path(p) for p in inputs], kinds, keep_original=False,
                                        positions=False)
    from kubecanvas.io.yaml_in import load_text
    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph

    result = load_text(sys.stdin.read(), "-")
    document = Document(result.resources)
    try:
        document.kind_mappings = load_kinds([], kinds)
    except KindsFileError as exc:
        raise design_read.OpenError(str(exc)) from None
    design = design_read.Design(document, WiringGraph(document, subscribe=False))
    design.blocks = design_read.lay_out(design.document, design.graph)
    design.load_problems = [f"-:{p.line}:{p.column}: {p.message}" for p in result.problems]
    return design


#: Qt-free modules a render uses, imported before PySide6: once it is loaded, PySide's import
#: hook reads the source of every module imported after it (to see whether it uses PySide),
#: 65 files for a render, 25 ms of a small one. Start-up is most of a small picture's time, so
#: what only the editor needs is imported where it is used: `QIcon` (its types cost 4 ms).
QT_FREE = ("kubecanvas.io.yaml_in", "kubecanvas.io.kinds_file", "kubecanvas.model.graph",
           "kubecanvas.model.layers", "kubecanvas.model.layout.routing",
           "kubecanvas.model.layout.membership", "kubecanvas.model.claim_templates",
           "kubecanvas.io.png")


def _render(args: argparse.Namespace, suffix: str) -> int:
    import importlib

    for name in QT_FREE:
        importlib.import_module(name)
    from PySide6.QtWidgets import QApplication

    from kubecanvas.ui.canvas.export_image import ExportError
    from kubecanvas.ui.commands import design_read

    app = QApplication.instance() or QApplication(["kubecanvas"])
    try:
        design = _open(args.inputs, [Path(k) for k in args.kinds])
    except design_read.OpenError as exc:
        return _fail(str(exc).splitlines()[0])
    for problem in design.load_problems:
        print(f"kubecanvas: warning: {problem}", file=sys.stderr)
    if len(design.document) == 0 and design.path is None:
        return _fail(_nothing_found(args.inputs))
    if args.layers is not None:  # for this picture only: the design is never saved
        from kubecanvas.model.layers import VIEW_KEY, layer_names

        design.document.settings.view[VIEW_KEY] = layer_names(args.layers)
    ids = select_ids(design.document, args.select)
    if args.select and not ids:
        return _fail("--select matched no resource: " + ", ".join(args.select))
    # findings only for the overview's badges or --fail-on: a picture of cards shows none
    findings = _findings(design) if args.overview or args.fail_on != "never" else []
    try:
        if args.output == "-":
            with tempfile.TemporaryDirectory(prefix="kubecanvas-render-") as folder:
                target = Path(folder) / f"diagram{suffix}"
                _write(args, design, ids, suffix, target, findings)
                sys.stdout.flush()
                sys.stdout.buffer.write(target.read_bytes())
                sys.stdout.flush()
        else:
            _write(args, design, ids, suffix, Path(args.output) if args.output else None,
                   findings)
    except (ExportError, OSError, ValueError) as exc:
        return _fail(str(exc))
    del app
    if args.output not in (None, "-"):
        print(f"wrote {args.output}", file=sys.stderr)
    return _verdict(findings, args.fail_on)


def _write(args: argparse.Namespace, design: Any, ids: list[str], suffix: str,
           target: Path | None, findings: list[Any]) -> None:
    """Write the picture (or text diagram) to `target` and print --stats when asked."""
    from kubecanvas.ui.canvas.export_image import export_image, export_rect
    from kubecanvas.ui.canvas.legend import add_legend
    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.ui.canvas.style import DARK, LIGHT

    if target is not None and suffix not in PICTURE_SUFFIXES:
        from kubecanvas.ui.commands.diagram_formats import write_diagram

        write_diagram(design.document, design.graph, target)
    if target is not None and suffix in PICTURE_SUFFIXES or args.stats:
        scene = CanvasScene(design.document, design.graph, claims_per_replica=args.replicas,
                            picture=True, blocks=design.blocks)
        if args.stats:
            _print_stats(scene)
        if target is not None and args.overview:
            from kubecanvas.ui.canvas.export_overview import export_overview
            from kubecanvas.ui.i18n import set_language

            set_language("en")  # the catalogue of English plural forms ("1 resource")
            scene.set_findings(findings)  # the tiles' badges
            export_overview(scene, target, scale=args.scale,
                            theme=DARK if args.theme == "dark" else LIGHT)
        elif target is not None and suffix in PICTURE_SUFFIXES:
            if args.legend and not ids:
                add_legend(scene)
            if suffix == ".png":
                _check_png_size(export_rect(scene, ids or None), args.scale)
            theme = DARK if args.theme == "dark" else LIGHT
            export_image(scene, target, ids or None, scale=args.scale, theme=theme)


def _check_png_size(rect: Any, scale: float) -> None:
    """Refuse a PNG over `PNG_LIMIT` pixels on a side, saying how to get a picture anyway."""
    width, height = round(rect.width() * scale), round(rect.height() * scale)
    if max(width, height) > PNG_LIMIT:
        fitting = PNG_LIMIT / max(rect.width(), rect.height())
        raise ValueError(
            f"the PNG would be {width:,} x {height:,} pixels, over {PNG_LIMIT:,} on a side, "
            f"which most viewers cannot open: use --scale {fitting:.2g} or less, or write SVG "
            f"(-o diagram.svg), which stays sharp at any size")


def _verdict(findings: list[Any], fail_on: str) -> int:
    """0 once written; 1 when --fail-on asks and the design has findings that severe."""
    if fail_on == "never":
        return 0
    from kubecanvas.validation.findings import Severity

    floor = Severity(fail_on).rank
    worst = [f for f in findings if f.severity.rank >= floor]
    if worst:
        print(f"kubecanvas: {len(worst)} finding(s) of severity {fail_on} or worse "
              f"(`kubecanvas validate` lists them)", file=sys.stderr)
        return 1
    return 0


def _findings(design: Any) -> list[Any]:
    """The design's findings, as the editor's validator has them."""
    from kubecanvas.ui.session import Session

    session = Session.create(design.document, path=design.path, sources=design.sources,
                             graph=design.graph)
    return list(session.validator.findings)


def _print_stats(scene: object) -> None:
    """The quality figures of the picture as drawn, as one JSON object on standard output."""
    import json

    from kubecanvas.ui.canvas.drawn_geometry import scene_quality
    from kubecanvas.ui.canvas.scene import CanvasScene

    assert isinstance(scene, CanvasScene)
    print(json.dumps(scene_quality(scene).as_dict(), sort_keys=True))


def _nothing_found(inputs: Sequence[str]) -> str:
    """Why nothing is drawn: YAML inputs that hold no resource are an error (exit 2), as in
    `validate`, `import` and `export`, not an empty picture (an empty project is drawn)."""
    where = f"{inputs[0]}: " if len(inputs) == 1 else ""
    return (f"{where}no Kubernetes resource found (an empty file or folder, or only documents "
            f"without apiVersion and kind); nothing was drawn")


def select_ids(document: object, names: Sequence[str]) -> list[str]:
    """The ids of resources named `NAME` or `Kind/NAME` (case-sensitive, as in kubectl)."""
    from kubecanvas.model.document import Document

    assert isinstance(document, Document)
    wanted = set(names)
    return [r.id for r in document if r.name in wanted or f"{r.kind}/{r.name}" in wanted]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
