"""The Qt editor, in rooms: `canvas` (scene, items, the wiring gesture, view, pictures),
`panels` (palette, inspector, problems, YAML, cluster), `commands` (undo adapter, edits from
gestures, menus, File and Cluster commands, autosave, hardening), `teaching` (lessons,
explanations, presentation) and `window`, which assembles them and starts the editor. `session`
(one open design) and `i18n` serve every room.

Everything here is a view of the document or an intent sent to the undo stack; the document in
`kubecanvas.model` stays the only truth.
"""

from __future__ import annotations
