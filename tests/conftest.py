"""Shared test fixtures: the corpus location. What tests import (builders, the corpus path,
document snapshots) lives in `tests/builders.py`."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from tests.builders import corpus_dir

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Prepared schemas (validation/schema_cache.py) go to a folder of this test session, never to
# the user's cache; the processes the tests start inherit it.
if "KUBECANVAS_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="kubecanvas-test-cache-")
    os.environ["KUBECANVAS_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)


@pytest.fixture
def corpus() -> Path:
    return corpus_dir()
