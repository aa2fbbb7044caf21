"""The Qt editor: main window, canvas, panels and the undo adapter.

Everything here is a view of the document or an intent sent to the undo stack; the document in
`kubecanvas.model` stays the only truth.
"""

from __future__ import annotations
