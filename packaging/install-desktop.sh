#!/usr/bin/env bash
# Register KubeCanvas with the Linux desktop: the launcher entry, the icon at every size in the
# hicolor theme, the AppStream description, and the .kcanvas file type (so a double click on a
# project opens the editor). With a built bundle (packaging/build.sh -> dist/kubecanvas) it also
# installs the bundle and puts `kubecanvas` on PATH; without one it expects `kubecanvas` to be
# installed already (`pip install .`).
#
# Usage: packaging/install-desktop.sh [--user|--system] [--uninstall] [--bundle DIR]
#   --user       for the current user, under $XDG_DATA_HOME (~/.local/share) and ~/.local (default)
#   --system     for everyone, under /usr/local (run with sudo); PREFIX overrides /usr/local
#   --uninstall  remove exactly what an install puts there
#   --bundle DIR the PyInstaller bundle to install (default: dist/kubecanvas when it exists)
#
# Every folder is created when missing (a fresh account has no ~/.local/share/applications).
# The desktop caches (update-desktop-database, update-mime-database, gtk-update-icon-cache) are
# refreshed when those programs are installed; desktops that lack them rescan on next login.
set -euo pipefail

APP_ID=io.github.kubecanvas.KubeCanvas
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
scope=user
action=install
bundle=""

while [ $# -gt 0 ]; do
    case "$1" in
        --user) scope=user; shift ;;
        --system) scope=system; shift ;;
        --uninstall) action=uninstall; shift ;;
        --bundle) [ $# -ge 2 ] || { echo "install-desktop.sh: --bundle needs a folder" >&2; exit 2; }
                  bundle="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-desktop.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

if [ "$scope" = user ]; then
    : "${HOME:?install-desktop.sh: HOME is not set}"
    data="${XDG_DATA_HOME:-$HOME/.local/share}"
    bindir="$HOME/.local/bin"
    optdir="$HOME/.local/opt/kubecanvas"
else
    prefix="${PREFIX:-/usr/local}"
    data="$prefix/share"
    bindir="$prefix/bin"
    optdir="$prefix/lib/kubecanvas"
fi
apps="$data/applications"
icons="$data/icons/hicolor"
metainfo="$data/metainfo"
mime="$data/mime"

if [ -z "$bundle" ] && [ -x "$root/dist/kubecanvas/kubecanvas" ]; then
    bundle="$root/dist/kubecanvas"
fi

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$apps" || true
    fi
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$mime" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$icons" || true
    fi
}

icon_files() {  # the icon files, relative to the hicolor folder
    (cd "$here/icons/hicolor" && find . -type f -name "$APP_ID.*" | sed 's|^\./||' | sort)
}

if [ "$action" = uninstall ]; then
    rm -f "$apps/$APP_ID.desktop" "$metainfo/$APP_ID.metainfo.xml" \
        "$mime/packages/$APP_ID.xml" "$icons/scalable/apps/$APP_ID.svg"
    while IFS= read -r icon; do rm -f "$icons/$icon"; done < <(icon_files)
    if [ -L "$bindir/kubecanvas" ] && [ "$(readlink "$bindir/kubecanvas")" = "$optdir/kubecanvas" ]; then
        rm -f "$bindir/kubecanvas"
    fi
    [ -d "$optdir" ] && [ -x "$optdir/kubecanvas" ] && rm -rf "$optdir"
    refresh
    echo "install-desktop.sh: removed KubeCanvas from $data"
    exit 0
fi

if [ -n "$bundle" ]; then
    [ -x "$bundle/kubecanvas" ] || { echo "install-desktop.sh: $bundle has no kubecanvas program" >&2; exit 2; }
    mkdir -p "$(dirname "$optdir")" "$bindir"
    rm -rf "$optdir"
    cp -R "$bundle" "$optdir"
    ln -sfn "$optdir/kubecanvas" "$bindir/kubecanvas"
elif ! command -v kubecanvas >/dev/null 2>&1 && [ ! -x "$bindir/kubecanvas" ]; then
    echo "install-desktop.sh: note: no kubecanvas on PATH yet; install it (pip install .) or" \
         "build the bundle (packaging/build.sh) so the launcher can start it" >&2
fi

install -d "$apps" "$metainfo" "$mime/packages" "$icons/scalable/apps"
install -m 644 "$here/$APP_ID.desktop" "$apps/$APP_ID.desktop"
install -m 644 "$here/$APP_ID.metainfo.xml" "$metainfo/$APP_ID.metainfo.xml"
install -m 644 "$here/kubecanvas-mime.xml" "$mime/packages/$APP_ID.xml"
install -m 644 "$here/icons/kubecanvas.svg" "$icons/scalable/apps/$APP_ID.svg"
while IFS= read -r icon; do
    install -d "$icons/$(dirname "$icon")"
    install -m 644 "$here/icons/hicolor/$icon" "$icons/$icon"
done < <(icon_files)
refresh
echo "install-desktop.sh: installed KubeCanvas under $data"
