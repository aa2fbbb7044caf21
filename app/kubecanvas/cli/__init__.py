"""The headless command line: `kubecanvas import | export | validate`.

It stands on io, validation and the model only and never imports Qt (an import-linter contract
and a test hold it to that), so it runs on servers and in CI. Entry point: `main(argv) -> int`.
"""

from __future__ import annotations
