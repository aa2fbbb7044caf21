"""Commands and menus: the undo adapter, gestures turned into edits, the File and Cluster
commands and autosave.
"""
