"""What a card's lines say and how they fit its width: the kind line (short names where the
full kind would be cut), the name on one or two lines (broken at `-` or `.`, never inside a
word), the detail lines elided. Apart from `NodeItem` so the measuring rules and their caches are
one small module that the canvas, the SVG writer's cards and the tests share."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor

from kubecanvas.model.layout import NODE_WIDTH
from kubecanvas.ui.canvas import fonts
from kubecanvas.ui.canvas.custom_looks import look_of
from kubecanvas.ui.i18n import kind_label, language, short_kind, tr

#: Kinds too long for a card's kind line, as kubectl's short names (the tooltip and the
#: inspector give the full kind): "HorizontalPodAutoscaler" was cut to "HorizontalPodAut…".
CARD_KINDS = {"HorizontalPodAutoscaler": "HPA", "PersistentVolumeClaim": "PVC",
              "PersistentVolume": "PV", "PodDisruptionBudget": "PDB", "ServiceAccount": "SA",
              "ConfigMap": "CM"}


def card_kind(kind: str, fits: Callable[[str], bool], api_version: str = "") -> str:
    """The kind as a card's kind line shows it: the glossary term with the English name when
    both fit (Korean), else the glossary term; in English the short name for `CARD_KINDS`, or
    the one a mapping gives a custom kind of `api_version`'s group (`custom_looks`)."""
    if language() == "en":
        look = look_of(kind, api_version)
        return look.short if look is not None and look.short else CARD_KINDS.get(kind, kind)
    return next((k for k in (kind_label(kind), short_kind(kind)) if fits(k)), short_kind(kind))


@lru_cache(maxsize=4096)
def detail_elided(text: str, width: int) -> str:
    """A card's kind or summary line cut to `width` in the detail font. Cached: the same
    lines ("Deployment", "3 replicas · nginx:1.27") recur on most cards, and `elidedText` was
    a fifth of the time a 5,000-resource picture spent painting its cards."""
    return fonts.metrics(11).elidedText(text, Qt.TextElideMode.ElideRight, width)


@lru_cache(maxsize=8192)
def name_lines(name: str, fits: int) -> tuple[str, str]:
    """A card's name as its one or two lines fit in `fits` pixels of the name font: ('',
    the line) or (first, second). Too long, the name goes on two lines, broken at a `-` or
    `.`, the second elided in the middle if it must, so the name people search for stays whole
    and five `alertmanager-main` stay apart; one line elided in the middle when no `-` or `.`
    breaks it (never inside a word). A name that fits is not elided again: `elidedText` was
    an eighth of the time a 5,000-resource SVG took to draw its cards, and it gives back the
    name when it fits (`horizontalAdvance` rounds, so one that fits exactly is asked)."""
    title = fonts.metrics(13, True)
    width = title.horizontalAdvance(name)
    if width < fits:
        return "", name
    first, second = split_name(name, lambda t: title.horizontalAdvance(t) <= fits) \
        if width > fits else ("", name)
    return first, title.elidedText(second, Qt.TextElideMode.ElideMiddle, fits)


def split_name(name: str, fits: Callable[[str], bool]) -> tuple[str, str]:
    """Two lines for a long name, broken after the last `-` or `.` that lets the first line
    fit (`nginx-configuration-` / `snippet`); ('', name) when none does: a break inside a word
    (`persistentvolu` / `meclaim-1`) read as two names, so the name stays on one line, elided
    in the middle, whole in the tooltip."""
    best = 0
    for i, char in enumerate(name):
        if char in "-._" and fits(name[:i + 1]):
            best = i + 1
    return name[:best], name[best:]


#: the width of a card's text column, beside its icon
TEXT_WIDTH = int(NODE_WIDTH - 66)


#: a card's text line: (detail font and colour, else the name's), x, y, width, height, text
CardLine = tuple[bool, float, float, float, float, str]


def card_lines(name: str, kind: str, ghost: str, line: str, api_version: str = ""
               ) -> tuple[CardLine, ...]:
    """A card's name (one size for every name: long ones wrap), kind line and detail line,
    placed in the card's coordinates, in the order they are drawn: what `draw_card_text`
    paints, and what the SVG writer writes without the painter calls (`svg_direct.py`)."""
    fits = TEXT_WIDTH - 8  # slack: glyphs hint wider at some zoom levels than measured
    top = 10.0
    first, second = name_lines(name or tr("(unnamed)"), fits)
    if first:
        lines: list[CardLine] = [(False, 58, 3, TEXT_WIDTH, 17, first),
                                 (False, 58, 19, TEXT_WIDTH, 17, second)]
        top = 4.0
    else:
        lines = [(False, 58, 10, TEXT_WIDTH, 18, second)]
    metrics = fonts.metrics(11)
    shown = card_kind(kind, lambda k: metrics.horizontalAdvance(k) <= fits - 16, api_version)
    first_line = shown if not ghost else {
        "missing": tr("missing {kind}"), "generated": tr("{kind} (generated)")
    }.get(ghost, "{kind}").format(kind=shown)
    for y, words in ((top + 20 + (12 if top < 10 else 0), first_line),
                     (top + 37 + (11 if top < 10 else 0), line)):
        lines.append((True, 58, y, TEXT_WIDTH, 15, detail_elided(words, fits)))
    return tuple(lines)


def draw_card_text(painter: Any, text: str, subtext: str, name: str, kind: str, ghost: str,
                   line: str, api_version: str = "") -> None:
    """A card's lines (`card_lines`) in the card's coordinates. `painter` is a `QPainter`
    (the canvas) or the SVG writer's `SvgPainter`: one layout for both, so a picture is what
    the canvas shows."""
    lines = card_lines(name, kind, ghost, line, api_version)
    left = Qt.AlignmentFlag.AlignLeft
    painter.setPen(QColor(text))
    painter.setFont(fonts.font(13, True))
    detail = False
    for small, x, y, width, height, words in lines:
        if small and not detail:
            detail = True
            painter.setFont(fonts.font(11))
            painter.setPen(QColor(subtext))
        painter.drawText(QRectF(x, y, width, height), left, words)
