"""Kind icons drawn by the project with QPainter.

Every icon is a rounded tile in the kind's accent colour with a simple white glyph, so it reads on
light and dark canvases alike and stays recognisable at half zoom (a 32 px icon drawn at 16 px).
Glyphs are built from a 0..1 unit square to scale to any size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from kubecanvas.ui.canvas.custom_looks import look_of, on_looks_changed
from kubecanvas.ui.canvas.style import kind_colour, solid

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPixmap

Glyph = Callable[[QPainter, QRectF], None]
WHITE = QColor("#ffffff")


def _r(box: QRectF, x: float, y: float, w: float, h: float) -> QRectF:
    return QRectF(box.x() + x * box.width(), box.y() + y * box.height(),
                  w * box.width(), h * box.height())


def _p(box: QRectF, x: float, y: float) -> QPointF:
    return QPointF(box.x() + x * box.width(), box.y() + y * box.height())



def _deployment(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    for i, off in enumerate((0.0, 0.13, 0.26)):
        rect = _r(box, 0.12 + off, 0.38 - off, 0.48, 0.48)
        p.setBrush(solid(WHITE) if i == 2 else Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect, 2, 2)


def _replicaset(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(_r(box, 0.16, 0.30, 0.46, 0.46), 2, 2)
    p.setBrush(solid(WHITE))
    p.drawRoundedRect(_r(box, 0.38, 0.16, 0.46, 0.46), 2, 2)


def _hexagon(p: QPainter, box: QRectF) -> None:
    path = QPainterPath()
    for i in range(6):
        angle = math.pi / 6 + i * math.pi / 3
        pt = _p(box, 0.5 + 0.36 * math.cos(angle), 0.5 + 0.36 * math.sin(angle))
        path.moveTo(pt) if i == 0 else path.lineTo(pt)
    path.closeSubpath()
    p.setBrush(solid(WHITE))
    p.drawPath(path)


def _statefulset(p: QPainter, box: QRectF) -> None:
    for i, y in enumerate((0.18, 0.42, 0.66)):
        p.setBrush(solid(WHITE) if i == 0 else Qt.BrushStyle.NoBrush)
        p.drawEllipse(_r(box, 0.18, y, 0.16, 0.16))
        p.drawLine(_p(box, 0.42, y + 0.08), _p(box, 0.82, y + 0.08))


def _daemonset(p: QPainter, box: QRectF) -> None:
    p.setBrush(solid(WHITE))
    for x in (0.16, 0.56):
        for y in (0.16, 0.56):
            p.drawRoundedRect(_r(box, x, y, 0.28, 0.28), 1.5, 1.5)


def _job(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(_r(box, 0.16, 0.16, 0.68, 0.68))
    path = QPainterPath(_p(box, 0.32, 0.52))
    path.lineTo(_p(box, 0.46, 0.65))
    path.lineTo(_p(box, 0.70, 0.36))
    p.drawPath(path)


def _cronjob(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(_r(box, 0.16, 0.16, 0.68, 0.68))
    p.drawLine(_p(box, 0.5, 0.5), _p(box, 0.5, 0.28))
    p.drawLine(_p(box, 0.5, 0.5), _p(box, 0.67, 0.6))


def _service(p: QPainter, box: QRectF) -> None:
    p.setBrush(solid(WHITE))
    for y in (0.2, 0.5, 0.8):
        p.drawLine(_p(box, 0.4, 0.5), _p(box, 0.78, y))
        p.drawEllipse(_r(box, 0.72, y - 0.07, 0.14, 0.14))
    p.drawEllipse(_r(box, 0.14, 0.34, 0.32, 0.32))


def _ingress(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(_r(box, 0.52, 0.16, 0.32, 0.68), 2, 2)
    p.drawLine(_p(box, 0.12, 0.5), _p(box, 0.62, 0.5))
    path = QPainterPath(_p(box, 0.46, 0.36))
    path.lineTo(_p(box, 0.62, 0.5))
    path.lineTo(_p(box, 0.46, 0.64))
    p.drawPath(path)


def _configmap(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(_r(box, 0.22, 0.14, 0.56, 0.72), 2, 2)
    for y in (0.32, 0.48, 0.64):
        p.drawLine(_p(box, 0.32, y), _p(box, 0.68, y))


def _secret(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(_r(box, 0.32, 0.14, 0.36, 0.40), 0, 180 * 16)
    p.drawLine(_p(box, 0.32, 0.34), _p(box, 0.32, 0.46))
    p.drawLine(_p(box, 0.68, 0.34), _p(box, 0.68, 0.46))
    p.setBrush(solid(WHITE))
    p.drawRoundedRect(_r(box, 0.22, 0.44, 0.56, 0.40), 2, 2)


def _cylinder(p: QPainter, box: QRectF, filled: bool) -> None:
    p.setBrush(solid(WHITE) if filled else Qt.BrushStyle.NoBrush)
    p.drawRect(_r(box, 0.22, 0.26, 0.56, 0.50))
    p.drawEllipse(_r(box, 0.22, 0.66, 0.56, 0.18))
    p.drawEllipse(_r(box, 0.22, 0.16, 0.56, 0.18))


def _pvc(p: QPainter, box: QRectF) -> None:
    _cylinder(p, box, filled=False)


def _pv(p: QPainter, box: QRectF) -> None:
    _cylinder(p, box, filled=True)


def _storageclass(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    for y in (0.18, 0.42, 0.66):
        p.drawRoundedRect(_r(box, 0.18, y, 0.64, 0.16), 2, 2)


def _namespace(p: QPainter, box: QRectF) -> None:
    pen = p.pen()
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(_r(box, 0.16, 0.16, 0.68, 0.68), 3, 3)


def _serviceaccount(p: QPainter, box: QRectF) -> None:
    p.setBrush(solid(WHITE))
    p.drawEllipse(_r(box, 0.36, 0.14, 0.28, 0.28))
    p.drawChord(_r(box, 0.2, 0.48, 0.6, 0.6), 0, 180 * 16)


def _hpa(p: QPainter, box: QRectF) -> None:
    p.drawLine(_p(box, 0.5, 0.16), _p(box, 0.5, 0.84))
    for tip, side in ((0.16, 1), (0.84, -1)):
        p.drawLine(_p(box, 0.5, tip), _p(box, 0.34, tip + 0.16 * side))
        p.drawLine(_p(box, 0.5, tip), _p(box, 0.66, tip + 0.16 * side))


def _shield(p: QPainter, box: QRectF, filled: bool) -> None:
    path = QPainterPath(_p(box, 0.5, 0.14))
    path.lineTo(_p(box, 0.8, 0.26))
    path.quadTo(_p(box, 0.8, 0.7), _p(box, 0.5, 0.86))
    path.quadTo(_p(box, 0.2, 0.7), _p(box, 0.2, 0.26))
    path.closeSubpath()
    p.setBrush(solid(WHITE) if filled else Qt.BrushStyle.NoBrush)
    p.drawPath(path)


def _pdb(p: QPainter, box: QRectF) -> None:
    _shield(p, box, filled=False)


def _netpol(p: QPainter, box: QRectF) -> None:
    _shield(p, box, filled=True)


def _ingressclass(p: QPainter, box: QRectF) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(_r(box, 0.16, 0.16, 0.68, 0.68))
    p.drawEllipse(_r(box, 0.36, 0.16, 0.28, 0.68))
    p.drawLine(_p(box, 0.16, 0.5), _p(box, 0.84, 0.5))


GLYPHS: dict[str, Glyph] = {
    "Deployment": _deployment, "ReplicaSet": _replicaset, "ReplicationController": _replicaset,
    "Pod": _hexagon, "StatefulSet": _statefulset, "DaemonSet": _daemonset, "Job": _job,
    "CronJob": _cronjob, "Service": _service, "Ingress": _ingress, "ConfigMap": _configmap,
    "Secret": _secret, "PersistentVolumeClaim": _pvc, "PersistentVolume": _pv,
    "StorageClass": _storageclass, "Namespace": _namespace, "ServiceAccount": _serviceaccount,
    "HorizontalPodAutoscaler": _hpa, "PodDisruptionBudget": _pdb, "NetworkPolicy": _netpol,
    "IngressClass": _ingressclass,
}


def _initials(kind: str) -> str:
    capitals = [c for c in kind if c.isupper()]
    return "".join(capitals[:3]) if len(capitals) >= 2 else kind[:2]


def paint_kind_icon(painter: QPainter, rect: QRectF, kind: str, dimmed: bool = False,
                    api_version: str = "") -> None:
    """Paint the icon of `kind` into `rect` (a square works best); `api_version` picks a mapped
    custom kind's look by its group (`custom_looks`).

    A painter that can reuse a drawing (`SvgPainter.reuse`: an SVG `<use>` of one definition
    per kind and size) gets the icon once per kind instead of once per card."""
    reuse = getattr(painter, "reuse", None)
    if reuse is not None:
        reuse_kind_icon(reuse, rect.x(), rect.y(), rect.width(), rect.height(), kind, dimmed,
                        api_version)
        return
    _paint_icon(painter, rect, kind, dimmed, api_version)


def reuse_kind_icon(reuse: Callable[..., None], x: float, y: float, width: float,
                    height: float, kind: str, dimmed: bool = False, api_version: str = ""
                    ) -> None:
    """The icon of `kind` at (x, y) through `reuse` (`SvgPainter.reuse`): one definition per
    kind, look and size, used wherever it recurs. The SVG writer's cards give their icon's
    place as numbers (`svg_direct.write_card`), without a rectangle to ask them of."""
    look = look_of(kind, api_version)
    drawn = (look.colour, look.icon) if look is not None else None
    reuse(("kind-icon", kind, drawn, dimmed, width, height), x, y,
          lambda p: _paint_icon(p, QRectF(0, 0, width, height), kind, dimmed, api_version))


def _paint_icon(painter: QPainter, rect: QRectF, kind: str, dimmed: bool,
                api_version: str = "") -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    colour = kind_colour(kind, api_version)
    if dimmed:
        colour.setAlpha(110)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(solid(colour))
    radius = rect.width() * 0.22
    painter.drawRoundedRect(rect, radius, radius)
    pen = QPen(WHITE, max(1.2, rect.width() * 0.065))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    glyph = GLYPHS.get(kind)
    if glyph is None:
        look = look_of(kind, api_version)
        glyph = GLYPHS.get(look.icon) if look is not None else None
    if glyph is not None:
        glyph(painter, rect)
    else:
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(rect.height() * 0.36)))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _initials(kind or "?"))
    painter.restore()


@lru_cache(maxsize=128)
def kind_pixmap(kind: str, size: int = 32, api_version: str = "") -> QPixmap:
    """A cached pixmap of a kind icon (for lists, menus, the palette and the inspector)."""
    from PySide6.QtGui import QPixmap  # (not for a picture, as QIcon below)

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_kind_icon(painter, QRectF(1, 1, size - 2, size - 2), kind, api_version=api_version)
    painter.end()
    return pixmap


def kind_icon(kind: str) -> QIcon:
    """A QIcon of a kind at list and toolbar sizes."""
    from PySide6.QtGui import QIcon  # (not for a picture: see render_cli.QT_FREE)

    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(kind_pixmap(kind, size))
    return icon


on_looks_changed(kind_pixmap.cache_clear)
