"""The canvas: the scene mirroring the document, its items (nodes, wires, namespace frames,
replicas, labels), the wiring gesture, the view (zoom, pan, drops) and pictures of it.

Nothing here knows the window or the panels; it imports only the model, validation,
`ui.i18n` and `ui.session` (the `Update` the scene follows).
"""
