"""The versions the project promises: the oldest it allows are pinned in a constraints file the
suite can run against, and the desktop bundle is built from a lock file with hashes (issue 11)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
DATA = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PY311 = {"python_version": "3.11", "python_full_version": "3.11.0"}


def _requirements(*extras: str) -> list[Requirement]:
    texts = list(DATA["project"]["dependencies"])
    for extra in extras:
        texts += DATA["project"]["optional-dependencies"][extra]
    reqs = [Requirement(t) for t in texts]
    return [r for r in reqs if r.marker is None or r.marker.evaluate(PY311)]


def _pins(path: Path) -> dict[str, Version]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if found:
            pins[canonicalize_name(found[1])] = Version(found[2])
    return pins


def test_the_oldest_constraints_are_the_lower_bounds():
    pins = _pins(ROOT / "tests" / "constraints-oldest.txt")
    for req in _requirements("test"):
        lower = [Version(s.version) for s in req.specifier if s.operator == ">="]
        if not lower:
            continue
        assert pins.get(canonicalize_name(req.name)) == max(lower), req


def test_the_bundle_lock_pins_every_dependency_with_hashes():
    lock = ROOT / "packaging" / "requirements.lock"
    text = lock.read_text(encoding="utf-8")
    pins = _pins(lock)
    for req in _requirements("packaging"):
        name = canonicalize_name(req.name)
        assert name in pins, name
        assert req.specifier.contains(pins[name], prereleases=True), (req, pins[name])
    entries = re.split(r"\n(?=[A-Za-z0-9])", text[text.index("\n\n") + 2:])
    assert entries and all("--hash=sha256:" in e for e in entries if "==" in e)
    assert "file://" not in text and "--find-links" not in text  # nothing of one machine
    build = (ROOT / "packaging" / "build.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r \"$lock\"" in build and "requirements.lock" in build


def test_every_package_of_the_code_is_installed():
    """pyproject lists the packages by hand (the resources folder is mapped in as one): a new
    subpackage missing from the list installs nothing, and only a fresh install shows it."""
    listed = set(DATA["tool"]["setuptools"]["packages"])
    app = ROOT / "app"
    found = {".".join(p.parent.relative_to(app).parts)
             for p in (app / "kubecanvas").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
