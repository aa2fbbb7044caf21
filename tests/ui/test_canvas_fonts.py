"""Canvas text is fitted with the metrics of the font it is painted in.

Both the editor and `render` import the canvas before they create the application. A font made
at import time has no family yet, so its metrics came from another face than the one painting
used, and names that should have wrapped were clipped at the card edge.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kubecanvas

UI = Path(kubecanvas.__file__).parent / "ui"
FONT_TYPES = {"QFont", "QFontMetrics", "QFontMetricsF"}


def _module_level_font_calls(tree: ast.Module) -> list[int]:
    """Lines where a module's top level (not a function or class body) constructs a font."""
    lines = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) \
                    and sub.func.id in FONT_TYPES:
                lines.append(sub.lineno)
    return lines


def test_no_ui_module_makes_a_font_at_import() -> None:
    found = {str(path.relative_to(UI)): lines for path in sorted(UI.rglob("*.py"))
             if (lines := _module_level_font_calls(ast.parse(path.read_text("utf-8"))))}
    assert found == {}


FIT_CHECK = """
import kubecanvas.ui.canvas.scene  # the canvas first, as the editor and render import it
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from kubecanvas.ui.canvas import fonts
app = QGuiApplication(["t"])
after = QFont()
after.setPixelSize(13)
after.setBold(True)
text = "api-0-allow-http checkout-service"
print(fonts.metrics(13, True).horizontalAdvance(text), QFontMetrics(after).horizontalAdvance(text))
"""


def test_names_are_fitted_with_the_painted_font_when_the_canvas_is_imported_first() -> None:
    out = subprocess.run([sys.executable, "-c", FIT_CHECK], capture_output=True, text=True,
                         check=True, env={"QT_QPA_PLATFORM": "offscreen",
                                          "PATH": "/usr/bin:/bin"})
    fitted, painted = out.stdout.split()
    assert fitted == painted
