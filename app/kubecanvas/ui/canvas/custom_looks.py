"""How the cards of mapped custom kinds look: the mapping's short name, colour and icon.

A mapping file (`io.kinds_file`) may give a custom kind a short name for the card's kind line, an
accent colour and a built-in kind's icon to borrow (`icon: Secret`). A look belongs to a kind *in
its API group*: Istio's `networking.istio.io` Gateway is not Gateway API's
`gateway.networking.k8s.io` Gateway, and must not take its colour. So the looks are not written
into the built-in tables keyed by kind alone (`CARD_KINDS`, `KIND_COLOURS`, `GLYPHS`); the
painters ask `look_of(kind, api_version)`, which picks the mapping the wiring graph picks
(`KindMappings.for_kind`: the mapping naming the resource's group, else one that names no
group). A stand-in (a referenced object the files do not define) has no apiVersion and takes the
kind's latest mapping. Kinds KubeCanvas draws itself are never restyled.

The mappings in force are those of the last design a scene was built for (the process draws one
design's looks at a time, as the palette and the inspector share the icons).
"""

from __future__ import annotations

from collections.abc import Callable

from kubecanvas.model.custom_kinds import KindMapping, KindMappings
from kubecanvas.model.kinds import is_known

_current = KindMappings()
#: called after the mappings in force changed (the icon cache is cleared so)
_listeners: list[Callable[[], None]] = []


def apply_looks(mappings: KindMappings) -> None:
    """Draw mapped custom kinds as `mappings` say, from now on."""
    global _current
    if mappings.kinds == _current.kinds:
        return
    _current = mappings
    for listener in _listeners:
        listener()


def on_looks_changed(listener: Callable[[], None]) -> None:
    """Call `listener` whenever `apply_looks` changes the mappings in force."""
    _listeners.append(listener)


def look_of(kind: str, api_version: str = "") -> KindMapping | None:
    """The mapping that styles `kind` of `api_version` ('': a stand-in, any group), or None
    (a built-in kind, or a kind no mapping styles: it keeps its initials and category colour)."""
    if not _current or is_known(kind):
        return None
    return _current.for_kind(kind, api_version)
