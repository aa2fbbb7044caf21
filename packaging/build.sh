#!/usr/bin/env bash
# Build the KubeCanvas desktop bundle: a one-folder application in dist/kubecanvas/ (on macOS
# also dist/KubeCanvas.app), with PyInstaller and packaging/kubecanvas.spec.
#
# The bundle is built from exact versions: a virtual environment (build/venv) gets every
# dependency, PyInstaller included, from packaging/requirements.lock with their hashes
# (`pip install --require-hashes`), then KubeCanvas itself without dependencies. Refresh the
# lock (after changing dependencies in pyproject.toml, or to take new releases) with:
#   packaging/build.sh --update-lock
# which runs pip-tools' `pip-compile --generate-hashes` (installed into build/venv).
#
# Usage: packaging/build.sh [--dist DIR] [--work DIR] [--update-lock]
#   --dist DIR     where the bundle goes (default: dist/ in the repository)
#   --work DIR     PyInstaller's scratch folder (default: build/pyinstaller in the repository)
#   --update-lock  re-resolve packaging/requirements.lock, then stop
# Environment: PYTHON (default python3.11, else python3) makes the build environment; the lock
# is resolved for Python 3.11, the bundle's Python.
#
# Install on Linux after building: packaging/install-desktop.sh [--user|--system]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
dist="$root/dist"
work="$root/build/pyinstaller"
venv="$root/build/venv"
lock="$here/requirements.lock"
update_lock=0

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) dist="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --update-lock) update_lock=1; shift ;;
        -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "build.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != "3.11" ]; then
    echo "build.sh: the lock is resolved for Python 3.11; $PYTHON is $version (set PYTHON)" >&2
    exit 2
fi
# one build at a time shares build/venv: two at once (the test suite's workers build a bundle
# each) ran pip on the same environment and broke it. flock is util-linux's; without it
# (macOS) builds are not serialised.
mkdir -p "$root/build"
if command -v flock >/dev/null 2>&1; then
    exec 9>"$root/build/.build.lock"
    flock 9
fi
[ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
py="$venv/bin/python"

cd "$root"
if [ "$update_lock" = 1 ]; then
    "$py" -m pip install --quiet pip-tools
    "$py" -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
        --no-emit-index-url --no-emit-find-links --extra packaging \
        --output-file "$lock" pyproject.toml
    echo "build.sh: wrote $lock"
    exit 0
fi

"$py" -m pip install --quiet --require-hashes -r "$lock"
"$py" -m pip install --quiet --no-deps --no-build-isolation .
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" "$here/kubecanvas.spec"

bundle="$dist/kubecanvas"
exe="$bundle/kubecanvas"
[ -x "$exe" ] || exe="$bundle/kubecanvas.exe"
"$exe" --version
echo "build.sh: built $bundle ($(du -sh "$bundle" | cut -f1))"
