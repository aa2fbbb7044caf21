"""How the cards of mapped custom kinds look: the mapping's short name, colour and icon.

A mapping file (`io.kinds_file`) may give a custom kind a short name for the card's kind line, an
accent colour and a built-in kind's icon to borrow (`icon: Secret`). The canvas reads these from
the same tables as the built-in kinds (`CARD_KINDS`, `KIND_COLOURS`, `GLYPHS`), so they are
added there when a scene is built for a document; kinds are names across the whole process, so
the last design opened decides (a kind the mappings do not style keeps its initials).
"""

from __future__ import annotations

from kubecanvas.model.custom_kinds import KindMappings
from kubecanvas.ui.canvas.icons import GLYPHS, kind_pixmap
from kubecanvas.ui.canvas.node_item import CARD_KINDS
from kubecanvas.ui.canvas.style import KIND_COLOURS


def apply_looks(mappings: KindMappings) -> None:
    """Style the mapped kinds' cards and icons (never a kind KubeCanvas draws itself)."""
    changed = False
    for mapping in mappings.kinds:
        kind = mapping.kind
        if kind in _BUILT_IN:
            continue
        if mapping.short and CARD_KINDS.get(kind) != mapping.short:
            CARD_KINDS[kind] = mapping.short
        if mapping.colour and KIND_COLOURS.get(kind) != mapping.colour:
            KIND_COLOURS[kind] = mapping.colour
            changed = True
        glyph = GLYPHS.get(mapping.icon)
        if glyph is not None and GLYPHS.get(kind) is not glyph:
            GLYPHS[kind] = glyph
            changed = True
    if changed:
        kind_pixmap.cache_clear()


#: the kinds with their own icon before any mapping was applied
_BUILT_IN = frozenset(GLYPHS)
