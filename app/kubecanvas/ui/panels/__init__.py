"""The docks around the canvas: palette, inspector, problems, YAML and cluster.

Each panel shows what it is given and says what the user asked for with signals; none edits the
document (the window turns their requests into undoable edits).
"""
