"""One open design: the document with its derived graph and validator, and where it lives.

Opening a file builds a new session rather than refilling the old document, so subscriptions
(graph at order 0, validator at 10, views at 100) start clean and undo history cannot reach
across files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.ui.i18n import tr
from kubecanvas.validation import Validator

PROJECT_SUFFIX = ".kcanvas"


@dataclass
class Session:
    """A document and everything kept current with it.

    Attributes:
        document: the design.
        graph: its wiring graph (subscribed at order 0).
        validator: its findings (subscribed at order 10).
        path: the project file it is saved to, None until saved as a project.
        sources: the YAML files or folders it was imported from (saved back to on Save when
            there is no project file).
        load_problems: messages from loading (file, line and what was wrong).
        yaml_path: the single YAML file chosen with Save As; Save then rewrites it.
    """

    document: Document
    graph: WiringGraph
    validator: Validator
    path: Path | None = None
    sources: list[Path] = field(default_factory=list)
    load_problems: list[str] = field(default_factory=list)
    yaml_path: Path | None = None

    @classmethod
    def create(cls, document: Document | None = None, path: Path | None = None,
               sources: list[Path] | None = None) -> Session:
        doc = document if document is not None else Document()
        # a design saved as a project, or drawn anew, is exported in apply order; manifests
        # opened from files are saved back in their own order, which then matters
        doc.ordered_by_export = path is not None or not sources
        graph = WiringGraph(doc)
        return cls(doc, graph, Validator(doc, graph), path, list(sources or []))

    @property
    def title(self) -> str:
        """The name shown in the window title."""
        if self.path is not None:
            return self.path.name
        if self.yaml_path is not None:
            return self.yaml_path.name
        if len(self.sources) == 1:
            return self.sources[0].name
        if self.sources:
            return tr("{name} and {count} more").format(name=self.sources[0].name,
                                                         count=len(self.sources) - 1)
        return tr("Untitled")
