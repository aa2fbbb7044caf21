"""An SVG writer that the canvas items paint into as if it were a `QPainter`.

File > Export Image and `kubecanvas render` draw the scene's own items, with their own `paint`
code, so a picture is exactly what the editor shows. Qt's `QSvgGenerator` took 6.1 s of CPU
for a 5,000-resource design (about 100 µs per drawing call: it writes the whole pen, brush and
font state around each call) and wrote 35 MB. `SvgPainter` takes the same calls (the subset of
`QPainter` the items use) and writes one element per call with its style as attributes: 3.8 s,
of which 2.8 s is the items' own paint code, and 8.6 MB. A call it does not know raises
`AttributeError` (`export_svg` then lets Qt write the picture, and the corpus test in
`tests/ui/test_export_svg.py` fails), so an item that starts drawing something new cannot go
missing from pictures.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from kubecanvas.ui.canvas.svg_style import (
    PaintState,
    colour_attributes,
    escape,
    fill_of,
    font_attributes,
    number,
)
from kubecanvas.ui.canvas.wire_geometry import Element

_MOVE = QPainterPath.ElementType.MoveToElement
_CURVE = QPainterPath.ElementType.CurveToElement
_H_CENTER = int(Qt.AlignmentFlag.AlignHCenter.value)
_RIGHT = int(Qt.AlignmentFlag.AlignRight.value)
_V_CENTER = int(Qt.AlignmentFlag.AlignVCenter.value)
_BOTTOM = int(Qt.AlignmentFlag.AlignBottom.value)


class SvgPainter:
    """Collects SVG elements from `QPainter`-style calls; `offset` moves what is drawn next
    (an item's position in the picture). `svg()` gives the whole document."""

    def __init__(self, width: float, height: float, title: str = "") -> None:
        self.width, self.height, self.title = width, height, title
        self.parts: list[str] = []
        self._state = PaintState()
        self._saved: list[PaintState] = []
        self._dx = self._dy = 0.0
        self._fonts: dict[tuple[str, int, int, bool], tuple[str, QFontMetricsF, float, float]] = {}
        self._by_font: dict[int, tuple[QFont, tuple[str, QFontMetricsF, float, float]]] = {}
        self._aligns: dict[Any, tuple[str, str]] = {}
        self._widths: dict[tuple[str, str], float] = {}
        self._text_fills: dict[int, str] = {}
        self._styles: dict[tuple[int, str], tuple[QFont, str, float]] = {}
        self._defined: dict[Hashable, str] = {}
        self._defs: list[str] = []

    # --- state ------------------------------------------------------------------------------
    def offset(self, dx: float, dy: float) -> None:
        self._dx, self._dy = dx, dy

    def group(self, css_class: str) -> None:
        """Open a `<g class=...>` (what kind of item follows, for styling and for tests)."""
        self.parts.append(f'<g class="{css_class}">')

    def end_group(self) -> None:
        self.parts.append("</g>")

    def reuse(self, key: Hashable, x: float, y: float, draw: Callable[[SvgPainter], None]
              ) -> None:
        """What `draw` paints (at the origin), placed at (x, y): drawn once per `key` as a
        definition, then used wherever it recurs (a kind's icon on thousands of cards)."""
        name = self._defined.get(key)
        if name is None:
            name = self._defined[key] = f"d{len(self._defined)}"
            parts, offset = self.parts, (self._dx, self._dy)
            self.parts, self._dx, self._dy = [], 0.0, 0.0
            self.save()
            draw(self)
            self.restore()
            self._defs.append(f'<g id="{name}">' + "".join(self.parts) + "</g>")
            self.parts, (self._dx, self._dy) = parts, offset
        self.parts.append(f'<use xlink:href="#{name}" x="{x + self._dx:.7g}" '
                          f'y="{y + self._dy:.7g}"/>')

    def save(self) -> None:
        self._saved.append(self._state.copy())

    def restore(self) -> None:
        self._state = self._saved.pop()

    def setRenderHint(self, hint: Any, on: bool = True) -> None:  # noqa: N802 (QPainter's name)
        """Antialiasing and the like are the viewer's business in SVG."""

    def worldTransform(self) -> QTransform:  # noqa: N802
        return QTransform()

    def setPen(self, pen: QPen | QColor | Qt.PenStyle) -> None:  # noqa: N802
        self._state.set_pen(pen if isinstance(pen, QPen) else QPen(pen))

    def pen(self) -> QPen:
        return QPen(self._state.pen)

    def setBrush(self, brush: QBrush | QColor | Qt.BrushStyle | Qt.GlobalColor) -> None:  # noqa: N802
        self._state.set_brush(brush if isinstance(brush, QBrush) else QBrush(brush))

    def brush(self) -> QBrush:
        return QBrush(self._state.brush)

    def setFont(self, font: QFont) -> None:  # noqa: N802
        self._state.font = font

    def font(self) -> QFont:
        return QFont(self._state.font)

    # --- shapes ------------------------------------------------------------------------------
    # One f-string per element: this runs for every card, wire and glyph of a design.
    def _shape(self, element: str) -> None:
        state = self._state
        self.parts.append(f"<{element} {state.fill} {state.stroke}/>")

    def origin(self) -> tuple[float, float]:
        """Where `offset` put what is drawn now."""
        return self._dx, self._dy

    def styled(self, element: str, fill: str, stroke: str) -> None:
        """An element with its fill and stroke attributes given (`fill_of`, `stroke_of`),
        made once per style by the caller (`svg_direct.py`) rather than from the pen and brush
        set for each shape."""
        self.parts.append(f"<{element} {fill} {stroke}/>")

    def drawRect(self, rect: QRectF) -> None:  # noqa: N802
        self._shape(f'rect x="{rect.x() + self._dx:.7g}" y="{rect.y() + self._dy:.7g}" '
                    f'width="{rect.width():.7g}" height="{rect.height():.7g}"')

    def fillRect(self, rect: QRectF, colour: QColor | str) -> None:  # noqa: N802
        fill = fill_of(QBrush(QColor(colour)))
        self.parts.append(f'<rect x="{rect.x() + self._dx:.7g}" y="{rect.y() + self._dy:.7g}" '
                          f'width="{rect.width():.7g}" height="{rect.height():.7g}" {fill} '
                          'stroke="none"/>')

    def drawRoundedRect(self, rect: QRectF, rx: float, ry: float,  # noqa: N802
                        mode: Qt.SizeMode = Qt.SizeMode.AbsoluteSize) -> None:
        width, height = rect.width(), rect.height()
        if mode == Qt.SizeMode.RelativeSize:
            rx, ry = rx * width / 200, ry * height / 200
        self._shape(f'rect x="{rect.x() + self._dx:.7g}" y="{rect.y() + self._dy:.7g}" '
                    f'width="{width:.7g}" height="{height:.7g}" rx="{rx:.7g}" ry="{ry:.7g}"')

    def drawEllipse(self, shape: QRectF | QPointF, rx: float = 0.0,  # noqa: N802
                    ry: float = 0.0) -> None:
        if isinstance(shape, QPointF):
            cx, cy = shape.x(), shape.y()
        else:
            rx, ry = shape.width() / 2, shape.height() / 2
            cx, cy = shape.x() + rx, shape.y() + ry
        self._shape(f'ellipse cx="{cx + self._dx:.7g}" cy="{cy + self._dy:.7g}" '
                    f'rx="{rx:.7g}" ry="{ry:.7g}"')

    def drawLine(self, *args: Any) -> None:  # noqa: N802
        if len(args) == 2:
            (a, b), dx, dy = args, self._dx, self._dy
            ends = (a.x() + dx, a.y() + dy, b.x() + dx, b.y() + dy)
        else:
            line = QLineF(args[0] if len(args) == 1 else QLineF(*args))
            ends = (line.x1() + self._dx, line.y1() + self._dy, line.x2() + self._dx,
                    line.y2() + self._dy)
        x1, y1, x2, y2 = ends
        self.parts.append(f'<line x1="{x1:.7g}" y1="{y1:.7g}" x2="{x2:.7g}" y2="{y2:.7g}" '
                          f'{self._state.stroke}/>')

    def drawPolygon(self, polygon: QPolygonF, *_: Any) -> None:  # noqa: N802
        known = getattr(polygon, "points", None)  # an `ArrowHead`'s corners as numbers
        if known is not None and polygon.size() == len(known):
            self.draw_points(known)
            return
        dx, dy = self._dx, self._dy
        corners = (polygon.at(i) for i in range(polygon.size()))
        points = " ".join(f"{p.x() + dx:.7g},{p.y() + dy:.7g}" for p in corners)
        self._shape(f'polygon points="{points}" fill-rule="evenodd"')

    def draw_points(self, known: tuple[tuple[float, float], ...]) -> None:
        """`drawPolygon` of corners given as numbers (no `QPolygonF` to make and read)."""
        dx, dy = self._dx, self._dy
        points = " ".join(f"{x + dx:.7g},{y + dy:.7g}" for x, y in known)
        self._shape(f'polygon points="{points}" fill-rule="evenodd"')

    def drawPath(self, path: QPainterPath) -> None:  # noqa: N802
        self._shape(f'path d="{self.path_data(path)}" fill-rule="evenodd"')

    def draw_elements(self, elements: tuple[Element, ...]) -> None:
        """`drawPath` of a path given as its elements (`wire_geometry.py`), no `QPainterPath`."""
        self._shape(f'path d="{self.element_data(elements)}" fill-rule="evenodd"')

    def drawArc(self, rect: QRectF, start: int, span: int) -> None:  # noqa: N802
        path = QPainterPath()
        path.arcMoveTo(QRectF(rect), start / 16)
        path.arcTo(QRectF(rect), start / 16, span / 16)
        self.parts.append(f'<path d="{self.path_data(path)}" fill="none" '
                          f'{self._state.stroke}/>')

    def drawChord(self, rect: QRectF, start: int, span: int) -> None:  # noqa: N802
        path = QPainterPath()
        path.arcMoveTo(QRectF(rect), start / 16)
        path.arcTo(QRectF(rect), start / 16, span / 16)
        path.closeSubpath()
        self.drawPath(path)

    def path_data(self, path: QPainterPath) -> str:
        """A painter path as SVG path data (Qt keeps quadratic curves as cubic ones)."""
        dx, dy = self._dx, self._dy
        known = getattr(path, "elements", None)  # a wire's `RoutePath`: its numbers are ours
        if known is not None and path.elementCount() == getattr(path, "count", -1):
            return self.element_data(known)
        elements = [path.elementAt(i) for i in range(path.elementCount())]
        out: list[str] = []
        i, count = 0, len(elements)
        while i < count:
            element = elements[i]
            if element.type == _CURVE and i + 2 < count:
                c2, end = elements[i + 1], elements[i + 2]
                out.append(f"C{element.x + dx:.7g} {element.y + dy:.7g} {c2.x + dx:.7g} "
                           f"{c2.y + dy:.7g} {end.x + dx:.7g} {end.y + dy:.7g}")
                i += 3
                continue
            letter = "M" if element.type == _MOVE else "L"
            out.append(f"{letter}{element.x + dx:.7g} {element.y + dy:.7g}")
            i += 1
        return "".join(out)

    def element_data(self, known: tuple[Element, ...]) -> str:
        """Path elements given as numbers (`wire_geometry.Element`) as SVG path data."""
        dx, dy = self._dx, self._dy
        return "".join(
            f"C{n[0] + dx:.7g} {n[1] + dy:.7g} {n[2] + dx:.7g} {n[3] + dy:.7g} "
            f"{n[4] + dx:.7g} {n[5] + dy:.7g}" if letter == "C"
            else f"{letter}{n[0] + dx:.7g} {n[1] + dy:.7g}" for letter, n in known)

    # --- text --------------------------------------------------------------------------------
    def _font(self) -> tuple[str, QFontMetricsF, float, float]:
        """(font attributes, metrics, ascent, height) of the font set; cached by the font
        object, which is kept so that its id stays its own (paint code uses a few fonts made
        once per module)."""
        font = self._state.font
        found = self._by_font.get(id(font))
        if found is None or found[0] is not font:
            key = (font.family(), font.pixelSize(), font.weight().value, font.italic())
            entry = self._fonts.get(key)
            if entry is None:
                # as QPainter.setFont does: what the font leaves open comes from the default
                # font (a QFont made before the application has no family of its own)
                resolved = font.resolve(QGuiApplication.font())
                info = QFontInfo(resolved)
                metrics = QFontMetricsF(resolved)
                entry = (font_attributes(info.family(), info.pixelSize(), key[2], key[3]),
                         metrics, metrics.ascent(), metrics.ascent() + metrics.descent())
                self._fonts[key] = entry
            found = (font, entry)
            self._by_font[id(font)] = found
        return found[1]

    def drawText(self, rect: QRectF, flags: int | Qt.AlignmentFlag, text: str) -> None:  # noqa: N802
        """One line of text placed in `rect` as Qt places it (left, centre or right; top,
        middle or bottom), in the pen's colour."""
        if not text:
            return
        attributes, metrics, ascent, height = self._font()
        align = self._aligns.get(flags)
        if align is None:
            value = int(getattr(flags, "value", flags))
            align = self._aligns[flags] = (
                "c" if value & _H_CENTER else "r" if value & _RIGHT else "l",
                "c" if value & _V_CENTER else "b" if value & _BOTTOM else "t")
        x = rect.x()
        if align[0] != "l":  # the same labels recur on thousands of wires
            width = self._widths.get((attributes, text))
            if width is None:
                width = self._widths[attributes, text] = metrics.horizontalAdvance(text)
            x = x + (rect.width() - width) / 2 if align[0] == "c" else x + rect.width() - width
        top = rect.y()
        if align[1] == "c":
            top += (rect.height() - height) / 2
        elif align[1] == "b":
            top += rect.height() - height
        self.parts.append(f'<text x="{x + self._dx:.7g}" y="{top + ascent + self._dy:.7g}" '
                          f'{attributes} {self._text_fill()} xml:space="preserve">'
                          f'{escape(text)}</text>')

    def _text_fill(self) -> str:
        """The fill attributes of text in the pen's colour."""
        colour = self._state.pen.color().rgba()
        fill = self._text_fills.get(colour)
        if fill is None:
            name, opacity = colour_attributes(self._state.pen.color())
            fill = self._text_fills[colour] = f'fill="{name}"' + (
                f' fill-opacity="{opacity}"' if opacity else "")
        return fill

    def text_style(self, font: QFont, colour: str) -> tuple[str, float]:
        """(the font and fill attributes, the ascent) `drawText` gives a line in `font` and
        `colour`, for a writer that places many top-left aligned lines itself
        (`svg_direct.py`); left as it was: the pen and font set."""
        found = self._styles.get((id(font), colour))
        if found is None or found[0] is not font:
            self.save()
            self.setFont(font)
            self.setPen(QColor(colour))
            attributes, _metrics, ascent, _height = self._font()
            found = self._styles[id(font), colour] = (font, f"{attributes} {self._text_fill()}",
                                                      ascent)
            self.restore()
        return found[1], found[2]

    # --- the document ------------------------------------------------------------------------
    def svg(self) -> str:
        width, height = number(self.width), number(self.height)
        head = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                f'<svg xmlns="http://www.w3.org/2000/svg" '
                f'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="{width}" '
                f'height="{height}" viewBox="0 0 {width} {height}">\n'
                f"<title>{escape(self.title)}</title>\n")
        defs = "<defs>\n" + "\n".join(self._defs) + "\n</defs>\n" if self._defs else ""
        return head + defs + "\n".join(self.parts) + "\n</svg>\n"
