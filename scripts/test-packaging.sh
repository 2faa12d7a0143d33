#!/usr/bin/env bash
# Tests installing the tool, both ways, on this machine (one release build serves both):
# 1. scripts/install.sh into a temporary PREFIX holding a file of someone else's: the
#    binary runs, the manifest lists every file, a second install replaces, and
#    --uninstall removes exactly the listed files (the other file stays).
# 2. The Debian package: builds it (scripts/make-deb.sh), installs it
# with `apt-get install ./report-search_*.deb` (a reinstall when it is already there),
# runs /usr/bin/report-search --version, doctor, and a real index + search of corpus/
# into a temporary folder, then removes it with `apt-get remove` and checks that
# /usr/bin/report-search is gone. Needs root (or sudo). Non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "test-packaging: needs root to install the package; run as root or install sudo" >&2
    exit 1
  fi
fi
apt=($sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300)

work="$(mktemp -d "${TMPDIR:-/tmp}/report-search-test-packaging.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "test-packaging: FAILED: $*" >&2; exit 1; }

prefix="$work/prefix"
mkdir -p "$prefix/share/man/man1"
echo "another tool's page" >"$prefix/share/man/man1/other.1"
scripts/install.sh "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "install.sh $prefix"; }
manifest="$prefix/share/report-search/install-manifest.txt"
for rel in bin/report-search share/bash-completion/completions/report-search share/zsh/site-functions/_report-search \
           share/fish/vendor_completions.d/report-search.fish share/man/man1/report-search.1 share/man/man1/report-search.doctor.1; do
  [ -f "$prefix/$rel" ] || fail "install.sh did not install $rel"
  grep -qx "$rel" "$manifest" || fail "the manifest does not list $rel"
done
[ "$(find "$prefix" -type f | wc -l)" = "$(($(wc -l <"$manifest") + 1))" ] || fail "files installed but not in the manifest"
"$prefix/bin/report-search" --version >/dev/null || fail "the installed binary does not run"
bash -c "source '$prefix/share/bash-completion/completions/report-search' && complete -p report-search" >/dev/null ||
  fail "the bash completion does not load"
SKIP_SETUP=1 scripts/install.sh "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "install.sh again"; }
scripts/install.sh --uninstall "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "install.sh --uninstall"; }
[ "$(find "$prefix" -type f)" = "$prefix/share/man/man1/other.1" ] || fail "--uninstall left or removed the wrong files: $(find "$prefix" -type f)"
echo "test-packaging: install.sh ok (installed, replaced, uninstalled into $prefix)"

SKIP_SETUP=1 scripts/make-deb.sh "$work"
deb="$(ls "$work"/report-search_*.deb)"
version="$(dpkg-deb --field "$deb" Version)"

if dpkg-query -W -f='${Status}' report-search 2>/dev/null | grep -q "install ok installed"; then
  echo "test-packaging: report-search $(dpkg-query -W -f='${Version}' report-search) is installed already; reinstalling over it"
fi
echo "test-packaging: apt-get install $deb"
"${apt[@]}" install --reinstall --no-install-recommends "$deb" >"$work/apt.log" 2>&1 || {
  cat "$work/apt.log" >&2; echo "test-packaging: apt-get install failed" >&2; exit 1; }

[ "$(/usr/bin/report-search --version)" = "$version" ] || fail "/usr/bin/report-search --version is not $version"
[ -f /usr/share/man/man1/report-search.1.gz ] || fail "no man page"
[ -f /usr/share/bash-completion/completions/report-search ] || fail "no bash completion"
[ -f /usr/share/zsh/vendor-completions/_report-search ] || fail "no zsh completion"
/usr/bin/report-search index corpus --index "$work/index" --quiet || fail "index of corpus/"
hits="$(/usr/bin/report-search search 合法性审查 --index "$work/index" --format csv --limit 5)"
echo "$hits" | head -3
[ "$(echo "$hits" | wc -l)" -ge 2 ] || fail "search 合法性审查 found nothing"
echo "$hits" | grep -q "【合法性审查】" || fail "no highlighted hit"
/usr/bin/report-search doctor --index "$work/index" || fail "doctor"

echo "test-packaging: apt-get remove report-search"
"${apt[@]}" remove report-search >"$work/apt.log" 2>&1 || {
  cat "$work/apt.log" >&2; fail "apt-get remove"; }
[ ! -e /usr/bin/report-search ] || fail "/usr/bin/report-search is still there after apt-get remove"
dpkg-query -W -f='${Status}' report-search 2>/dev/null | grep -q "install ok installed" && fail "still installed"
echo "test-packaging: ok (report-search $version installed, indexed, searched, removed)"
