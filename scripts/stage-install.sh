#!/usr/bin/env bash
# Builds report-search for installing and lays out everything that gets installed under
# DEST (a staging folder; install.sh and make-deb.sh copy from it):
#   DEST/bin/report-search                                  release build, Swift stdlib static
#   DEST/share/bash-completion/completions/report-search    from --generate-completion-script
#   DEST/share/zsh/site-functions/_report-search
#   DEST/share/fish/vendor_completions.d/report-search.fish
#   DEST/share/man/man1/report-search*.1                    swift-argument-parser's manual plugin
# The release build goes to .build-release (the debug build in .build is left alone).
# Usage: scripts/stage-install.sh DEST
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:?usage: scripts/stage-install.sh DEST}"
scratch="${SCRATCH_PATH:-.build-release}"

# One release build serves both the binary and the man pages: the manual plugin builds
# every product with these same flags, then runs its generator on the built executable.
# -static-stdlib (what `swift build --static-swift-stdlib` passes to the compiler; `swift
# package` has no such flag) links the Swift runtime and Foundation into the binary, so the
# installed tool needs only Debian's libraries (libxapian, libopencc, libxml2, libstdc++).
mkdir -p "$scratch"
echo "stage: building release and generating the man pages (${scratch})"
swift package --scratch-path "$scratch" -Xswiftc -static-stdlib \
  plugin generate-manual --multi-page --authors "ReportSearch developers" >"$scratch/manual.log" 2>&1 || {
  tail -40 "$scratch/manual.log" >&2
  echo "stage: the release build or the manual plugin failed (full log: $scratch/manual.log)" >&2
  exit 1
}
binary="$scratch/release/report-search"
manuals="$scratch/plugins/GenerateManual/outputs/report-search"
[ -x "$binary" ] || { echo "stage: no binary at $binary" >&2; exit 1; }
ls "$manuals"/*.1 >/dev/null 2>&1 || { echo "stage: the manual plugin wrote no pages into $manuals" >&2; exit 1; }

# The generator drops every non-ASCII character (its String+Escaping.swift keeps only
# `character.isASCII`), which loses the Chinese examples and ✓/✗. Run the plugin's own
# generator again on the help with each such character as an ASCII placeholder, then turn
# the placeholders into roff's \[uXXXX] escapes. Without the generator the plugin's pages stay.
generator="$(find "$scratch" -name generate-manual-tool -type f -perm -u+x | head -1)"
if [ -n "$generator" ] && command -v perl >/dev/null 2>&1; then
  help_tool="$(mktemp -d "${TMPDIR:-/tmp}/report-search-help.XXXXXX")"
  cat >"$help_tool/report-search" <<WRAPPER
#!/bin/sh
"$(realpath "$binary")" "\$@" | perl -CS -pe 's/([^\\x00-\\x7F])/sprintf("QQU%04XQQ", ord(\$1))/ge'
WRAPPER
  chmod +x "$help_tool/report-search"
  rm -f "$manuals"/*.1
  "$generator" "$help_tool/report-search" --output-directory "$manuals" --multi-page --authors "ReportSearch developers" >/dev/null
  perl -pi -e 's/QQU([0-9A-F]{4,6})QQ/\\[u$1]/g' "$manuals"/*.1
  rm -rf "$help_tool"
else
  echo "stage: warning: the man pages lack their non-ASCII characters (no generate-manual-tool or perl)" >&2
fi

rm -rf "$dest"
mkdir -p "$dest/bin" "$dest/share/bash-completion/completions" "$dest/share/zsh/site-functions" \
  "$dest/share/fish/vendor_completions.d" "$dest/share/man/man1"
install -m 0755 "$binary" "$dest/bin/report-search"
strip "$dest/bin/report-search"  # 81 MB → 61 MB; the Swift runtime needs no symbol table
"$binary" --generate-completion-script bash >"$dest/share/bash-completion/completions/report-search"
"$binary" --generate-completion-script zsh >"$dest/share/zsh/site-functions/_report-search"
"$binary" --generate-completion-script fish >"$dest/share/fish/vendor_completions.d/report-search.fish"
for page in "$manuals"/*.1; do
  install -m 0644 "$page" "$dest/share/man/man1/$(basename "$page")"
done
chmod 0644 "$dest"/share/*/*/* "$dest"/share/*/*/*/* 2>/dev/null || true
echo "stage: $(find "$dest" -type f | wc -l) files in $dest (report-search $("$binary" --version))"
