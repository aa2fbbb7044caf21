"""The Import Namespace dialog: which namespace, and into which design."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.ui.i18n import translator

#: texts of this module, filed under "ImportNamespaceDialog" in the editor's catalogue
tr = translator("ImportNamespaceDialog")

NEW_DESIGN, ADD_TO_CURRENT = "new", "add"


class ImportNamespaceDialog(QDialog):
    """Ask for a namespace (the cluster's namespaces offered, any name accepted) and whether the
    result opens as a new untitled design or is added to the current one as one undo step."""

    def __init__(self, namespaces: Sequence[str], context: str, note: str, can_add: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportNamespaceDialog")
        self.setWindowTitle(tr("Import Namespace"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Read the objects of one namespace of context {context} with "
                          "kubectl get. Cluster-managed fields and objects made by "
                          "controllers are left out.").format(context=context), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.namespace = QComboBox(self)
        self.namespace.setEditable(True)
        self.namespace.addItems(list(namespaces))
        if "default" in namespaces:
            self.namespace.setCurrentText("default")
        form.addRow(tr("&Namespace:"), self.namespace)
        layout.addLayout(form)
        if note:
            hint = QLabel(note, self)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.new_design = QRadioButton(tr("Open as a new &untitled design"), self)
        self.add_current = QRadioButton(tr("&Add to the current design (one undo step)"),
                                        self)
        self.new_design.setChecked(True)
        self.add_current.setEnabled(can_add)
        layout.addWidget(self.new_design)
        layout.addWidget(self.add_current)
        # a design is a file people commit: Secret values stay in the cluster unless asked
        self.secret_values = QCheckBox(tr("Include the values of &Secrets"), self)
        self.secret_values.setObjectName("IncludeSecretValues")
        self.secret_values.setToolTip(tr(
            "Off: Secrets are imported with their keys and type, their values stay in the "
            "cluster. On: the values are stored in the design, where anyone who can read the "
            "file can read them."))
        layout.addWidget(self.secret_values)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, str] | None:
        """(namespace, NEW_DESIGN or ADD_TO_CURRENT), None without a namespace."""
        name = self.namespace.currentText().strip().removeprefix("namespace/")
        if not name:
            return None
        return name, ADD_TO_CURRENT if self.add_current.isChecked() else NEW_DESIGN

    def include_secret_values(self) -> bool:
        """True when the user asked for the Secrets' values too (off unless asked)."""
        return self.secret_values.isChecked()
