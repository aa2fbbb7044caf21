"""A card's name lines (`card_text.name_lines`) are what fitting by `elidedText` gives.

The name a card shows is measured once and not elided again when it fits; a name whose width
is exactly the room is still asked of `elidedText`, since `horizontalAdvance` rounds. These
hold the shortcut to the plain rule (split at `-`/`.`, then elide in the middle) for names
short, long, at the boundary and without a break.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from kubecanvas.ui.canvas import fonts
from kubecanvas.ui.canvas.card_text import name_lines, split_name

FITS = 106  # the room `card_text.draw_card_text` gives a name


def _plain(name: str, fits: int) -> tuple[str, str]:
    """The rule without the shortcut: every name elided, as the card used to do it."""
    title = fonts.metrics(13, True)
    first, second = "", name
    if title.horizontalAdvance(name) > fits:
        first, second = split_name(name, lambda t: title.horizontalAdvance(t) <= fits)
    return first, title.elidedText(second, Qt.TextElideMode.ElideMiddle, fits)


def test_names_short_long_and_at_the_edge(qapp: object) -> None:
    title = fonts.metrics(13, True)
    names = ["web", "redis-master", "nginx-configuration-snippet", "averyveryverylongname",
             "alertmanager-main-0", "a.b.c.d.e.f.g.h.i.j.k", "ｗｉｄｅ-名前-이름"]
    # a name that grows a letter at a time passes the edge of the room
    names += ["m" * n for n in range(1, 16)] + [f"svc-{'x' * n}" for n in range(1, 16)]
    for name in names:
        for fits in (FITS, title.horizontalAdvance(name), title.horizontalAdvance(name) - 1):
            assert name_lines(name, fits) == _plain(name, fits), (name, fits)
    assert name_lines("web", FITS) == ("", "web")
    assert name_lines("nginx-configuration-snippet", FITS)[0] == "nginx-"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-.", min_size=1, max_size=40),
       st.integers(min_value=20, max_value=160))
def test_any_name_any_room(qapp: object, name: str, fits: int) -> None:
    assert name_lines(name, fits) == _plain(name, fits)
