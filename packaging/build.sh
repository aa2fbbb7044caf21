#!/usr/bin/env bash
# Build the KubeCanvas desktop bundle: a one-folder application in dist/kubecanvas/ (on macOS
# also dist/KubeCanvas.app), with PyInstaller and packaging/kubecanvas.spec.
#
# Usage: packaging/build.sh [--dist DIR] [--work DIR]
#   --dist DIR   where the bundle goes (default: dist/ in the repository)
#   --work DIR   PyInstaller's scratch folder (default: build/pyinstaller in the repository)
# Environment: PYTHON (default python3) is the interpreter that has kubecanvas installed
# (`pip install -e .`); PyInstaller is installed into it when missing.
#
# Install on Linux after building (per user; use /usr/local paths for everyone):
#   cp -r dist/kubecanvas ~/.local/opt/ && ln -s ~/.local/opt/kubecanvas/kubecanvas ~/.local/bin/
#   cp packaging/io.github.kubecanvas.KubeCanvas.desktop ~/.local/share/applications/
#   cp -r packaging/icons/hicolor ~/.local/share/icons/
#   xdg-mime install --novendor packaging/kubecanvas-mime.xml
#   update-desktop-database ~/.local/share/applications
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
PYTHON=${PYTHON:-python3}
dist="$root/dist"
work="$root/build/pyinstaller"

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) dist="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "build.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

if ! "$PYTHON" -c "import kubecanvas" 2>/dev/null; then
    echo "build.sh: kubecanvas is not installed for $PYTHON; run: $PYTHON -m pip install -e ." >&2
    exit 2
fi
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: installing PyInstaller" >&2
    "$PYTHON" -m pip install --quiet "pyinstaller>=6"
fi

cd "$root"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" "$here/kubecanvas.spec"

bundle="$dist/kubecanvas"
exe="$bundle/kubecanvas"
[ -x "$exe" ] || exe="$bundle/kubecanvas.exe"
"$exe" --version
echo "build.sh: built $bundle ($(du -sh "$bundle" | cut -f1))"
