#!/usr/bin/env bash
# Builds report-search_VERSION_amd64.deb (VERSION from `report-search --version`) into
# OUTDIR (default: the package root) with dpkg-deb:
#   /usr/bin/report-search       release build, Swift runtime and Foundation linked statically
#   completions for bash, zsh (vendor-completions) and fish; /usr/share/man/man1/*.1.gz
#   /usr/share/doc/report-search/{copyright,README.md}
# Depends: the Debian packages owning each shared library the binary links (read off
# `ldd`, so the list follows the build), plus the helper programs and data it runs
# (poppler-utils, poppler-data, antiword, xapian-tools, libopencc-data);
# Suggests: tesseract-ocr-chi-sim (OCR of scanned PDFs).
# Usage: scripts/make-deb.sh [OUTDIR]      (SKIP_SETUP=1 leaves out scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

outdir="$(realpath "${1:-.}")"
[ "${SKIP_SETUP:-0}" = "1" ] || scripts/setup.sh
work="$(mktemp -d "${TMPDIR:-/tmp}/report-search-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"
scripts/stage-install.sh "$work/stage"

mkdir -p "$root/DEBIAN" "$root/usr/share/doc/report-search"
cp -a "$work/stage/." "$root/usr/"
gzip -9n "$root"/usr/share/man/man1/*.1
# Debian's zsh looks for packaged completions in vendor-completions, not site-functions.
mkdir -p "$root/usr/share/zsh/vendor-completions"
mv "$root/usr/share/zsh/site-functions/_report-search" "$root/usr/share/zsh/vendor-completions/"
rmdir "$root/usr/share/zsh/site-functions"
binary="$root/usr/bin/report-search"
version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"

# The libraries the binary links directly (its NEEDED entries; what they need in turn,
# like libxml2's ICU, their own packages depend on), located by ldd and each mapped to its
# Debian package. A library no package owns (a Swift runtime .so from /opt/swift) means
# the static link failed.
packages=()
for name in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  library="$(ldd "$binary" | awk -v n="$name" '$1 == n && $2 == "=>" { print $3 } $1 ~ "/" n "$" { print $1 }' | head -1)"
  [ -n "$library" ] || { echo "make-deb: ldd does not find $name" >&2; exit 1; }
  owner="$(dpkg -S "$library" 2>/dev/null || dpkg -S "$(realpath "$library")" 2>/dev/null || true)"
  [ -n "$owner" ] || { echo "make-deb: $library is owned by no Debian package (not linked statically?)" >&2; exit 1; }
  owner="${owner%%:*}"
  echo "make-deb: $name → $library ($owner)"
  packages+=("${owner%%:*}")
done
libraries="$(printf '%s\n' "${packages[@]}" | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g')"
# dpkg-shlibdeps (dpkg-dev) gives the same packages with the minimum versions the binary
# was linked against (libc6 (>= 2.35), …); without it the names alone will do.
if command -v dpkg-shlibdeps >/dev/null 2>&1; then
  mkdir -p "$work/shlibs/debian"
  printf 'Source: report-search\n\nPackage: report-search\nArchitecture: any\n' >"$work/shlibs/debian/control"
  versioned="$(cd "$work/shlibs" && dpkg-shlibdeps -O -e "$binary" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
  # Use it only when it names exactly the packages ldd found.
  if [ "$(echo "$versioned" | sed 's/ ([^)]*)//g' | tr ',' '\n' | tr -d ' ' | sort | paste -sd,)" = \
       "$(printf '%s\n' "${packages[@]}" | sort -u | paste -sd,)" ]; then
    libraries="$versioned"
  else
    echo "make-deb: warning: dpkg-shlibdeps says '$versioned'; using the unversioned names from ldd" >&2
  fi
fi
helpers="poppler-utils, poppler-data, antiword, xapian-tools, libopencc-data"
depends="$libraries, $helpers"

cp README.md "$root/usr/share/doc/report-search/README.md"
cat >"$root/usr/share/doc/report-search/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: report-search
Comment: ReportSearch indexes folders of Chinese reports with Xapian and finds the
 sections that answer a query. No license for ReportSearch itself has been chosen yet;
 the code it links statically keeps its own license, listed below.

Files: *
Copyright: the ReportSearch developers
License: none-chosen
 No license has been granted yet.

Files: usr/bin/report-search (Swift runtime, Foundation, statically linked)
Copyright: Apple Inc. and the Swift project authors
License: Apache-2.0 WITH Swift-exception
 Apache License 2.0 with the Runtime Library Exception: https://swift.org/LICENSE.txt

Files: usr/bin/report-search (swift-argument-parser, statically linked)
Copyright: Apple Inc. and the Swift project authors
License: Apache-2.0 WITH Swift-exception

Files: usr/bin/report-search (ZIPFoundation, statically linked)
Copyright: Thomas Zoechling
License: MIT
COPYRIGHT

installed_kb="$(du -sk "$root/usr" | cut -f1)"
cat >"$root/DEBIAN/control" <<CONTROL
Package: report-search
Version: $version
Architecture: $arch
Maintainer: ReportSearch developers <report-search@localhost>
Installed-Size: $installed_kb
Depends: $depends
Suggests: tesseract-ocr-chi-sim
Section: utils
Priority: optional
Description: find the sections of Chinese reports that answer a query
 report-search indexes folders of Chinese reports (PDF, Word, OFD, HTML, text) with
 Xapian, splits them into sections, and ranks the sections that answer a query with
 the matching words highlighted; hit lists export as CSV for Excel.
 .
 report-search doctor checks that the helper programs it runs are present and work.
CONTROL

find "$root" -type d -exec chmod 0755 {} +
deb="$outdir/report-search_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "make-deb: $deb ($(du -h "$deb" | cut -f1))"
echo "make-deb: Depends: $depends"
