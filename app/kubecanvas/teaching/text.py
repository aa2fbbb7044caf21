"""Sentences in two languages: `Text` and its helpers, now kept in `kubecanvas.model.text`.

The model's own sentences (wiring actions, edit descriptions, edge labels) are bilingual too and
the model may not import teaching, so the definitions moved down a layer; this module re-exports
them unchanged for the simulations and their tests.
"""

from __future__ import annotations

from kubecanvas.model.text import GLOSSARY, LANGUAGES, Text, concat, join, kind_ko, local

__all__ = ["GLOSSARY", "LANGUAGES", "Text", "concat", "join", "kind_ko", "local"]
