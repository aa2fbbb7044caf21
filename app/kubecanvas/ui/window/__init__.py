"""The window that assembles the canvas, the panels, the commands and teaching mode, and the
programs that start the editor (`app`) or draw without a window (`render_cli`).
"""
