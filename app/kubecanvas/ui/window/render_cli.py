"""`kubecanvas render INPUT... -o diagram.svg|png|pdf`: the editor's picture, without a window.

For documentation builds and CI: the inputs are laid out exactly as the editor opens them, drawn
by the same `CanvasScene` and written by the same `export_image` as File > Export Image, in the
light theme unless `--theme dark` is asked for. Qt runs offscreen, so no display is needed.
`.drawio` and `.mmd` outputs are written by the io layer's diagram writers when it has them.

Exit codes follow the other commands: 0 written, 1 written but some documents could not be read
(they are listed), 2 nothing readable, a missing input or bad usage (nothing written).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

PICTURE_SUFFIXES = (".png", ".svg", ".pdf")
EXAMPLES = """\
examples:
  $ kubecanvas render k8s/ -o diagram.svg
  $ kubecanvas render shop.kcanvas -o shop.png --theme dark
  $ kubecanvas render k8s/ -o diagram.drawio
  $ kubecanvas render k8s/ -o diagram.mmd"""


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
                        help="YAML files or folders, or one .kcanvas project")
    parser.add_argument("-o", "--output", type=Path,
                        help="the picture to write: .svg, .png or .pdf "
                             "(.drawio and .mmd when available); required unless --stats")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="canvas colours (default: light, for printing)")
    parser.add_argument("--select", nargs="+", metavar="NAME", default=[],
                        help="draw only these resources (NAME or Kind/NAME)")
    parser.add_argument("--scale", type=float, default=2.0,
                        help="PNG pixels per canvas unit (default: 2, for sharp slides)")
    parser.add_argument("--stats", action="store_true",
                        help="print the drawn picture's quality as one JSON object on standard "
                             "output: crossings, wires_through_cards, label_overlaps, "
                             "wire_length, area, aspect")
    return parser


def _fail(message: str) -> int:
    print(f"kubecanvas: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str]) -> int:
    """Run `kubecanvas render`; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.output is None and not args.stats:
        parser.error("the following arguments are required: -o/--output (or --stats)")
    from kubecanvas.ui.commands.diagram_formats import DIAGRAM_FORMATS, diagram_writer

    suffix = args.output.suffix.lower() if args.output is not None else ""
    if args.output is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return _render(args, suffix)
    text_formats = [s for s in DIAGRAM_FORMATS if diagram_writer(s) is not None]
    if suffix not in PICTURE_SUFFIXES and suffix not in text_formats:
        return _fail(f"{args.output}: the output must end in "
                     + ", ".join((*PICTURE_SUFFIXES, *text_formats)))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return _render(args, suffix)


def _render(args: argparse.Namespace, suffix: str) -> int:
    from PySide6.QtWidgets import QApplication

    from kubecanvas.ui.canvas.export_image import ExportError, export_image
    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.ui.canvas.style import DARK, LIGHT
    from kubecanvas.ui.commands import file_ops
    from kubecanvas.ui.commands.diagram_formats import write_diagram

    app = QApplication.instance() or QApplication(["kubecanvas"])
    try:
        session = file_ops.open_paths([Path(p) for p in args.inputs])
    except file_ops.OpenError as exc:
        return _fail(str(exc).splitlines()[0])
    for problem in session.load_problems:
        print(f"kubecanvas: warning: {problem}", file=sys.stderr)
    if len(session.document) == 0 and session.path is None:
        return _fail(_nothing_found(args.inputs))
    ids = select_ids(session.document, args.select)
    if args.select and not ids:
        return _fail("--select matched no resource: " + ", ".join(args.select))
    try:
        if args.output is not None and suffix not in PICTURE_SUFFIXES:
            write_diagram(session.document, session.graph, args.output)
        if args.output is None or suffix in PICTURE_SUFFIXES or args.stats:
            scene = CanvasScene(session.document, session.graph)
            if args.output is not None and suffix in PICTURE_SUFFIXES:
                theme = DARK if args.theme == "dark" else LIGHT
                export_image(scene, args.output, ids or None, scale=args.scale, theme=theme)
            if args.stats:
                _print_stats(scene)
            scene.detach()
    except (ExportError, OSError, ValueError) as exc:
        return _fail(str(exc))
    del app
    if args.output is not None:
        print(f"wrote {args.output}", file=sys.stderr)
    return 1 if session.load_problems else 0


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
