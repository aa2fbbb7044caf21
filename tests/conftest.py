"""Shared test fixtures: the corpus location. What tests import (builders, the corpus path,
document snapshots) lives in `tests/builders.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.builders import corpus_dir

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def corpus() -> Path:
    return corpus_dir()
