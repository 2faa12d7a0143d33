#!/usr/bin/env bash
# Regenerates the format fixtures in corpus/formats/ from our own report
# corpus/formats/liuxi-audit-2024-work-report.txt: PDF, DOCX with heading styles, DOCX
# without, DOC (Word 97), OFD, and a scanned (image-only) PDF and OFD. Needs LibreOffice and
# Noto CJK fonts (installed here on first use; slow), poppler-utils and img2pdf.
# The outputs are committed, so tests never need LibreOffice. Run once after changing
# the report text or the generators in scripts/fixtures/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=corpus/formats
src=$out/liuxi-audit-2024-work-report.txt
stem=liuxi-audit-2024-work-report

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[[ "$(fc-list 2>/dev/null)" == *"Noto Serif CJK"* ]] || need+=(fonts-noto-cjk)  # not `| grep -q`: pipefail
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v img2pdf >/dev/null 2>&1 || need+=(img2pdf)
if [ ${#need[@]} -gt 0 ]; then
  . scripts/lib/apt-install.sh
  apt_install make-fixtures "${need[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/fixtures/make_fodt.py "$src" "$work/$stem.fodt" --styles
python3 scripts/fixtures/make_fodt.py "$src" "$work/$stem-nostyles.fodt"
lo() { soffice --headless -env:UserInstallation=file://$work/profile --convert-to "$1" --outdir "$work" "$2" >/dev/null; }
lo pdf "$work/$stem.fodt"
lo docx "$work/$stem.fodt"
# The .doc from the unstyled copy: antiword prints the outline numbers of LibreOffice's
# heading styles ("1 （一）…"), which Word 97 files from the field rarely have.
lo doc "$work/$stem-nostyles.fodt"
lo docx "$work/$stem-nostyles.fodt"
cp "$work/$stem.pdf" "$work/$stem.docx" "$work/$stem-nostyles.docx" "$out/"
cp "$work/$stem-nostyles.doc" "$out/$stem.doc"
python3 scripts/fixtures/make_ofd.py "$src" "$out/$stem.ofd"
# A scan: pages 1-2 rendered to black-and-white images at 200 dpi (enough for Tesseract to
# read, small enough to commit) and wrapped as an image-only PDF.
pdftoppm -r 200 -mono -png -f 1 -l 2 "$work/$stem.pdf" "$work/scan"
img2pdf "$work"/scan*.png -o "$out/$stem-scanned.pdf"
# The same scan's first page as an image-only OFD.
python3 scripts/fixtures/make_scanned_ofd.py "$out/$stem-scanned.ofd" "$work"/scan-1.png
ls -l "$out"
