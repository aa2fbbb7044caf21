"""The model: resources, the document, kinds, selectors, the wiring graph and reversible edits.

Pure Python: imports neither Qt nor a YAML library.
"""
