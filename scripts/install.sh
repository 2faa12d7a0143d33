#!/usr/bin/env bash
# Installs report-search under PREFIX (default /usr/local), like a tool:
#   PREFIX/bin/report-search
#   PREFIX/share/bash-completion/completions/report-search
#   PREFIX/share/zsh/site-functions/_report-search
#   PREFIX/share/fish/vendor_completions.d/report-search.fish
#   PREFIX/share/man/man1/report-search.1 (and one page per subcommand)
# and lists those files in PREFIX/share/report-search/install-manifest.txt.
#
#   scripts/install.sh [PREFIX]               build release and install (again: replaces)
#   scripts/install.sh --uninstall [PREFIX]   remove exactly the files in the manifest
#
# Runs scripts/setup.sh first for the build's libraries (SKIP_SETUP=1 leaves that out).
# Directories are left in place (they may hold other tools' files); only
# PREFIX/share/report-search, ours, goes when it is empty.
set -euo pipefail
cd "$(dirname "$0")/.."

uninstall=0
if [ "${1:-}" = "--uninstall" ]; then uninstall=1; shift; fi
case "${1:-}" in -*) echo "usage: scripts/install.sh [--uninstall] [PREFIX]" >&2; exit 64 ;; esac
prefix="${1:-/usr/local}"
prefix="${prefix%/}"
manifest_name="share/report-search/install-manifest.txt"
manifest="$prefix/$manifest_name"

# Removes the files the manifest lists (paths relative to PREFIX), then the manifest.
remove_installed() {
  local rel
  while IFS= read -r rel; do
    [ -n "$rel" ] || continue
    case "$rel" in
      /* | *..*) echo "install: refusing a manifest line outside $prefix: $rel" >&2; exit 1 ;;
    esac
    if [ -e "$prefix/$rel" ] || [ -L "$prefix/$rel" ]; then
      rm -f "$prefix/$rel"
      echo "  removed $prefix/$rel"
    fi
  done <"$manifest"
  rm -f "$manifest"
  rmdir "$prefix/share/report-search" 2>/dev/null || true
}

if [ "$uninstall" = 1 ]; then
  if [ ! -f "$manifest" ]; then
    echo "install: nothing to uninstall: no $manifest (was report-search installed with PREFIX=$prefix?)" >&2
    exit 1
  fi
  echo "install: removing report-search from $prefix"
  remove_installed
  echo "install: done"
  exit 0
fi

[ "${SKIP_SETUP:-0}" = "1" ] || scripts/setup.sh
stage="$(mktemp -d "${TMPDIR:-/tmp}/report-search-stage.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
scripts/stage-install.sh "$stage"

if [ -f "$manifest" ]; then
  echo "install: replacing the report-search installed in $prefix"
  remove_installed
fi
echo "install: installing into $prefix"
mkdir -p "$prefix/share/report-search"
new_manifest="$stage.manifest"
: >"$new_manifest"
(cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) | while IFS= read -r rel; do
  mode=0644
  [ -x "$stage/$rel" ] && mode=0755
  install -D -m "$mode" "$stage/$rel" "$prefix/$rel"
  echo "$rel" >>"$new_manifest"
  echo "  $prefix/$rel"
done
echo "$manifest_name" >>"$new_manifest"
mv "$new_manifest" "$manifest"
chmod 0644 "$manifest"
echo "install: done; $(wc -l <"$manifest") files listed in $manifest"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "install: add $prefix/bin to PATH to run report-search" ;; esac
if [ "$prefix" != /usr/local ] && [ "$prefix" != /usr ]; then
  echo "install: for the man page: MANPATH=$prefix/share/man:\$MANPATH man report-search"
fi
