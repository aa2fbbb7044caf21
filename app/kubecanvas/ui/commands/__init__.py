"""Commands and menus: the undo adapter, gestures turned into edits, the File and Cluster
commands, autosave, and hardening (the Problems panel's toggle, Harden This Workload).
"""
