#!/usr/bin/env bash
# Opens an exported CSV in LibreOffice Calc (headless), converts it to xlsx and back to
# CSV, and checks that the columns and the Chinese text survive. Not part of CI: it
# installs libreoffice-calc-nogui (large) on first use.
#   scripts/check-excel.sh [hits.csv]    (default: exports 合法性审查 from corpus/)
set -euo pipefail
cd "$(dirname "$0")/.."
# Any soffice is not enough: with only Writer installed, Calc's CSV filter is missing and
# the conversion fails with "source file could not be loaded". Ask dpkg for Calc itself.
has_calc() {
  command -v soffice >/dev/null 2>&1 || return 1
  for pkg in libreoffice-calc-nogui libreoffice-calc; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" && return 0
  done
  return 1
}
if ! has_calc; then
  . "$(dirname "$0")/lib/apt-install.sh"
  apt_install check-excel libreoffice-calc-nogui
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="${1:-}"
if [ -z "$csv" ]; then
  swift build -c release --product report-search >/dev/null
  bin="$(swift build -c release --show-bin-path)/report-search"
  "$bin" index corpus --index "$work/index" --quiet >/dev/null
  csv="$work/hits.csv"
  "$bin" export 合法性审查 --index "$work/index" -o "$csv" --limit 50
fi
cp "$csv" "$work/in.csv"
# Filter options: comma separator, double-quote, UTF-8 (76), start at row 1.
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$work" "$work/in.csv" >/dev/null
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "$work/back" "$work/in.xlsx" >/dev/null
python3 - "$work/in.csv" "$work/back/in.csv" <<'PY'
import csv, sys
def rows(p):
    with open(p, newline='', encoding='utf-8-sig') as f:
        return list(csv.reader(f))
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert len(a) == len(b), f"row count {len(a)} != {len(b)}"
text_cols = [i for i, h in enumerate(a[0]) if h not in ("score",)]
bad = [(r, c) for r in range(len(a)) for c in text_cols if a[r][c] != b[r][c]]
print(f"check-excel: {len(a)-1} rows x {len(a[0])} columns through xlsx; {len(bad)} cells differ")
for r, c in bad[:5]:
    print(f"  row {r} column {a[0][c]}: {a[r][c][:40]!r} -> {b[r][c][:40]!r}")
sys.exit(1 if bad else 0)
PY
