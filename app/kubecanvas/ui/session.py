"""One open design: the document with its derived graph and validator, and where it lives.

Opening a file builds a new session rather than refilling the old document, so what follows it
starts clean and undo history cannot reach across files.

The editor's update order is stated here, once. The session is the document's one subscriber:
after each change (an edit, an undo, a load) it brings the wiring graph up to date, which says
which resources it touched; then the validator re-checks what that touches; then each view hears
one `Update` (what changed, what the graph touched), in `VIEWS` order. No view subscribes to the
document itself, and none reads what the graph touched through a side channel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kubecanvas.io.kinds_file import shipped_kinds
from kubecanvas.model.document import Change, Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.record import field, record
from kubecanvas.ui.i18n import tr

if TYPE_CHECKING:  # loaded when a session is made: `render` draws without one
    from kubecanvas.model.layout.membership import BlockKey
    from kubecanvas.validation import Validator

PROJECT_SUFFIX = ".kcanvas"

ViewName = Literal["scene", "inspector", "window", "teaching", "cluster", "autosave"]
#: The views that follow a design, in the order they hear of each change (after the graph and
#: the validator): the canvas first, so the window's badges find its nodes; the inspector; the
#: window's problems, YAML and counts; teaching and the cluster markers, which read the canvas
#: and the findings; the autosave countdown last.
VIEWS: tuple[ViewName, ...] = ("scene", "inspector", "window", "teaching", "cluster", "autosave")


@record(frozen=True)
class Update:
    """One change of the document, once the graph and the validator have caught up.

    Attributes:
        change: what the document says changed.
        touched: the resources whose wiring the graph re-derived (the changed ones and their
            neighbours before and after); empty when only positions or settings changed.
        rewired: of those, the ones whose own edges may have changed (`WiringGraph.
            last_rewired`): the wires to draw again.
    """

    change: Change
    touched: frozenset[str]
    rewired: frozenset[str] = frozenset()


View = Callable[[Update], None]


@record
class Session:
    """A document and everything kept current with it.

    Attributes:
        document: the design.
        graph: its wiring graph, brought up to date first after each change.
        validator: its findings, re-checked right after the graph.
        path: the project file it is saved to, None until saved as a project.
        sources: the YAML files or folders it was imported from (saved back to on Save when
            there is no project file).
        load_problems: messages from loading (file, line and what was wrong).
        yaml_path: the single YAML file chosen with Save As; Save then rewrites it.
        layout_blocks: each resource's block as the layout grouped them when the design was
            opened (`design_read.lay_out`), for the first scene's stand-ins; taken once.
    """

    document: Document
    graph: WiringGraph
    validator: Validator
    path: Path | None = None
    sources: list[Path] = field(default_factory=list)
    load_problems: list[str] = field(default_factory=list)
    yaml_path: Path | None = None
    layout_blocks: dict[str, BlockKey] | None = field(default=None, repr=False)
    _views: dict[ViewName, View] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.document.subscribe(self._on_change)

    @classmethod
    def create(cls, document: Document | None = None, path: Path | None = None,
               sources: list[Path] | None = None, graph: WiringGraph | None = None) -> Session:
        """A session for `document`; `graph`, when given, is its wiring graph already built
        (by `design_files.read_design`), which costs as much as the layout on large designs."""
        from kubecanvas.validation import Validator

        doc = document if document is not None else Document()
        # a design saved as a project, or drawn anew, is exported in apply order; manifests
        # opened from files are saved back in their own order, which then matters
        doc.ordered_by_export = path is not None or not sources
        if not doc.kind_mappings:  # the shipped custom kinds (cert-manager, Gateway API...)
            doc.kind_mappings = shipped_kinds()
        graph = graph if graph is not None else WiringGraph(doc, subscribe=False)
        validator = Validator(doc, graph, subscribe=False)
        return cls(doc, graph, validator, path, list(sources or []))

    # --- the update order ----------------------------------------------------------------------
    def listen(self, name: ViewName, view: View) -> None:
        """Let the view `name` hear each change, at its place in `VIEWS` (one per name: a
        second call replaces the first)."""
        self._views[name] = view

    def unlisten(self, name: ViewName) -> None:
        self._views.pop(name, None)

    @property
    def listeners(self) -> tuple[ViewName, ...]:
        """The views listening now, in the order they hear of a change."""
        return tuple(name for name in VIEWS if name in self._views)

    def _on_change(self, change: Change) -> None:
        touched = frozenset(self.graph.apply_change(change)) if change.structural else frozenset()
        self.validator.apply(change, touched)
        rewired = frozenset(self.graph.last_rewired) if change.structural else frozenset()
        update = Update(change, touched, rewired)
        for name in VIEWS:
            view = self._views.get(name)
            if view is not None:
                view(update)

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
