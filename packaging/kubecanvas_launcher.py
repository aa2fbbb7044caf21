"""Entry point of the bundled application (PyInstaller runs this file as `__main__`).

The same launcher as the `kubecanvas` console script: subcommands run the headless command line,
anything else opens the editor.
"""

from __future__ import annotations

import multiprocessing
import sys

from kubecanvas.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
