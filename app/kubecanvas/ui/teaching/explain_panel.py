"""The "Explain" panel: what the selected node, edge or finding is, what it does at run time and
why it matters, with a link to the Kubernetes documentation.

The texts come from `kubecanvas.teaching.explain` in English or Korean; a finding shows its own
message (English, as the validator writes it) above its rule's explanation.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.teaching import Explanation, explain_edge, explain_node, explain_rule
from kubecanvas.ui.canvas.edge_labels import localized_label
from kubecanvas.ui.teaching.i18n import language, tr
from kubecanvas.ui.tones import follow_theme, tone
from kubecanvas.validation.findings import Finding


def explanation_html(explanation: Explanation, lead: str = "") -> str:
    """One explanation as rich text in the current language."""
    lang = language()
    parts = [f"<h2 style='margin:2px 0 6px 0'>{escape(explanation.text('title', lang))}</h2>"]
    if lead:
        parts.append(f"<p><i>{escape(lead)}</i></p>")
    for name, heading in (("what", tr("What it is")), ("runtime", tr("At run time")),
                          ("why", tr("Why it matters"))):
        parts.append(f"<h3 style='margin:8px 0 2px 0'>{escape(heading)}</h3>"
                     f"<p>{escape(explanation.text(name, lang))}</p>")
    link = escape(explanation.url)
    parts.append(f"<p><a href='{link}'>{escape(tr('Kubernetes documentation'))}</a>: "
                 f"<span style='color:{tone('muted')}'>{link}</span></p>")
    return "".join(parts)


class ExplainPanel(QDockWidget):
    """Dock explaining the selected thing.

    Attributes:
        explanation: what is shown now (None: nothing explainable is selected).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExplainPanel")
        self.explanation: Explanation | None = None
        self._lead = ""
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.setWidget(self.browser)
        self.retranslate()
        follow_theme(self, self._render)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Explain"))
        self._render()

    def _render(self) -> None:
        if self.explanation is None:
            self.browser.setHtml("<p>" + escape(tr(
                "Select a resource, a wire or a problem to see what it is, what it does at run "
                "time and why it matters.")) + "</p>")
        else:
            # an edge's label may be one of the model's own words ('pull', 'tls'): shown localized
            lead = localized_label(self._lead, language())
            self.browser.setHtml(explanation_html(self.explanation, lead))

    def show_explanation(self, explanation: Explanation | None, lead: str = "") -> None:
        self.explanation, self._lead = explanation, lead
        self._render()

    def show_node(self, graph: WiringGraph, rid: str) -> None:
        self.show_explanation(explain_node(graph, rid))

    def show_edge(self, edge: Edge) -> None:
        try:
            explanation: Explanation | None = explain_edge(edge.type)
        except KeyError:
            explanation = None
        self.show_explanation(explanation, edge.label or edge.field)

    def show_finding(self, finding: Finding) -> None:
        try:
            explanation: Explanation | None = explain_rule(finding.rule)
        except KeyError:
            explanation = None
        self.show_explanation(explanation, finding.message)
