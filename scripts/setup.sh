#!/usr/bin/env bash
# Installs what ReportSearch needs to build and test, idempotently: Xapian (library,
# headers and tools such as xapian-tcpsrv/xapian-check), OpenCC, libxml2, and the helper
# programs of the report formats: poppler's pdftotext (+ poppler-data for CID fonts
# without ToUnicode maps) for PDF and antiword for Word 97 .doc / WPS.
# With --ocr, also Tesseract with its Simplified Chinese model (tesseract-ocr,
# tesseract-ocr-chi-sim), which `index --ocr` uses for scanned pages; the test command
# asks for it so that OCR is tested.
# Fast when nothing is missing: it only checks pkg-config and a few binaries.
set -euo pipefail

ocr=0
for arg in "$@"; do
  case "$arg" in
    --ocr) ocr=1 ;;
    *) echo "usage: scripts/setup.sh [--ocr]" >&2; exit 64 ;;
  esac
done

missing=()
pkg-config --exists xapian-core 2>/dev/null || missing+=(libxapian-dev)
command -v xapian-tcpsrv >/dev/null 2>&1 || missing+=(xapian-tools)
pkg-config --exists opencc 2>/dev/null || missing+=(libopencc-dev)
[ -f /usr/share/opencc/t2s.json ] || missing+=(opencc)
pkg-config --exists libxml-2.0 2>/dev/null || missing+=(libxml2-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -d /usr/share/poppler/cMap ] || missing+=(poppler-data)
command -v antiword >/dev/null 2>&1 || missing+=(antiword)
if [ $ocr = 1 ]; then
  command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
  ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-chi-sim)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all dependencies present (xapian $(pkg-config --modversion xapian-core), opencc $(pkg-config --modversion opencc))"
  exit 0
fi

. "$(dirname "$0")/lib/apt-install.sh"
apt_install setup "${missing[@]}"
