"""No picture of a real application shows a Secret's value: the SVG, draw.io and Mermaid
exports of every corpus application are searched for each Secret value, decoded.

Real values are often plain words ('password', 'admin') that a picture shows for another reason
(a key named `password`, an env var). So each application is drawn twice: as it is, and with
every Secret value replaced by a marker of its own. A value is leaked when it occurs more often
in the real picture than in the marked one, and a marker is leaked when it occurs at all.
Applications without Secret values have nothing to leak and are not drawn (the whole corpus is
read; six applications hold Secrets, drawn in about two seconds).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.builders import corpus_dir

from kubecanvas.io.drawio import to_drawio
from kubecanvas.io.mermaid import to_mermaid
from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.ui.canvas.export_image import export_image
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.commands.design_files import lay_out

FIELDS = ("data", "stringData")


def _applications(corpus: Path) -> list[Path]:
    index = (corpus / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [corpus / name for name in sorted({line.split("\t")[0] for line in index})]


def _values(resources: list[Resource]) -> Iterator[tuple[Resource, str, str, str]]:
    """(Secret, field, key, value as a workload sees it) for every Secret value."""
    for resource in resources:
        if resource.kind != "Secret":
            continue
        for field in FIELDS:
            values = resource.manifest.get(field)
            for key, value in (values.items() if isinstance(values, dict) else ()):
                text = str(value or "")
                if field == "data":
                    with contextlib.suppress(binascii.Error, ValueError):  # else: as written
                        text = base64.b64decode(text, validate=True).decode("utf-8", "replace")
                if text.strip():
                    yield resource, field, str(key), text


def _marked(resources: list[Resource]) -> tuple[list[Resource], list[str]]:
    """The resources with each Secret value replaced by a marker; the markers."""
    markers: list[str] = []
    result = []
    for resource in resources:
        if resource.kind != "Secret":
            result.append(resource)
            continue
        manifest: dict[str, Any] = dict(resource.manifest)
        for field in FIELDS:
            if isinstance(manifest.get(field), dict):
                marked = {}
                for key in manifest[field]:
                    markers.append(f"kcmark{len(markers):03d}q")
                    marked[key] = base64.b64encode(markers[-1].encode()).decode() \
                        if field == "data" else markers[-1]
                manifest[field] = marked
        result.append(resource.with_manifest(manifest))
    return result, markers


def _pictures(resources: list[Resource], folder: Path) -> dict[str, str]:
    document = Document(resources)
    graph = WiringGraph(document)
    lay_out(document, graph)
    scene = CanvasScene(document, graph)
    svg = export_image(scene, folder / "picture.svg").read_text(encoding="utf-8")
    return {"svg": svg, "drawio": to_drawio(document, graph),
            "mermaid": to_mermaid(document, graph)}


def _forms(value: str) -> set[str]:
    """How a value could show up: as written, base64, and XML-escaped."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")
    return {value, escaped, base64.b64encode(value.encode()).decode()}


def test_no_picture_of_a_corpus_application_shows_a_secret_value(qapp, tmp_path: Path) -> None:
    drawn = 0
    leaks = []
    for application in _applications(corpus_dir()):
        resources = load_paths([application]).resources
        values = list(_values(resources))
        if not values:
            continue
        drawn += 1
        real = _pictures(resources, tmp_path)
        marked_resources, markers = _marked(resources)
        marked = _pictures(marked_resources, tmp_path)
        for secret in {r.name for r, *_ in values}:  # the pictures do carry text to search
            # a long name wraps onto two lines at a `-` or `.` on a node: its first part shows
            shown = re.split(r"[-.]", secret)[0][:12]
            assert all(shown in text for text in real.values()), (application, secret)
        for fmt, text in real.items():
            for secret, field, key, value in values:
                for form in _forms(value):
                    if text.count(form) > marked[fmt].count(form):
                        leaks.append(f"{application.name} {fmt}: {secret.label()} {field}.{key}")
            leaks.extend(f"{application.name} {fmt}: marker {m}" for m in markers
                         if any(form in marked[fmt] for form in _forms(m)))
    assert drawn >= 5  # the corpus holds Secrets in six applications
    assert leaks == []
