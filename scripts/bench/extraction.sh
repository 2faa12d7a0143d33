#!/usr/bin/env bash
# Extraction throughput (issues 15 and 18): the same reports as PDF, DOCX and text.
#
#   scripts/bench/extraction.sh BIN CACHE [FILES]
#
# BIN holds release builds of report-search and report-search-bench; CACHE keeps the
# converted sample between runs (bench.sh passes its scratch folder). FILES reports of
# ../shared/corpus/gov-reports, evenly spaced in name order (default 40), are written as
# Flat ODT with heading styles (scripts/fixtures/make_fodt.py, no running header; the page
# number footer stays) and converted by LibreOffice to PDF and DOCX, once: later runs reuse
# CACHE/extract-FILES/. Then, each timed 3 times (median) on the same machine:
#
#   pdftotext alone          one process per PDF, one at a time, with our flags
#                            (-enc UTF-8 -eol unix): pages/s and MB/s
#   our extraction           report-search-bench extract: detection, extractor, page
#                            furniture, title/date/agency, sections; one thread
#   index                    report-search index on each folder (all cores), a new index each time
#
# and prints a Markdown table with ratios: our PDF extraction against pdftotext alone, and
# each format's index time against the same reports as .txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$1 cache=$2 count=${3:-40}
src=../shared/corpus/gov-reports
py=/usr/bin/python3
sample="$cache/extract-$count"

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Not `fc-list | grep -q`: with pipefail, grep quitting at the first match fails the pipe.
[[ "$(fc-list)" == *"Noto Serif CJK"* ]] || need+=(fonts-noto-cjk)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  . scripts/lib/apt-install.sh
  apt_install bench "${need[@]}"
fi

# 1. The sample, converted once. A report LibreOffice cannot convert leaves the sample,
#    so that the three folders always hold the same reports.
if [ ! -f "$sample/complete" ]; then
  echo "bench: converting $count gov-reports to PDF and DOCX with LibreOffice (once; cached in $sample)" >&2
  rm -rf "$sample"
  mkdir -p "$sample/txt" "$sample/pdf" "$sample/docx" "$sample/fodt"
  mapfile -t all < <(cd "$src" && ls -1 -- *.txt | LC_ALL=C sort)
  step=$(( ${#all[@]} / count )); [ "$step" -ge 1 ] || step=1
  for ((i = 0; i < ${#all[@]} && i / step < count; i += step)); do
    name=${all[$i]%.txt}
    cp "$src/$name.txt" "$sample/txt/"
    "$py" scripts/fixtures/make_fodt.py "$src/$name.txt" "$sample/fodt/$name.fodt" --styles --header ""
  done
  profile="file://$(realpath "$sample")/lo-profile"
  for format in pdf docx; do
    soffice --headless "-env:UserInstallation=$profile" --convert-to "$format" --outdir "$sample/$format" \
      "$sample"/fodt/*.fodt >/dev/null 2>&1 || true
  done
  for txt in "$sample"/txt/*.txt; do
    name=$(basename "$txt" .txt)
    if [ ! -s "$sample/pdf/$name.pdf" ] || [ ! -s "$sample/docx/$name.docx" ]; then
      echo "bench: LibreOffice did not convert $name; left out" >&2
      rm -f "$txt" "$sample/pdf/$name.pdf" "$sample/docx/$name.docx"
    fi
  done
  rm -rf "$sample/fodt" "$sample/lo-profile"
  touch "$sample/complete"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
median3() {  # command...: prints the median wall seconds of 3 runs
  local times=()
  for _ in 1 2 3; do
    local t0; t0=$(now)
    "$@" >/dev/null
    times+=("$("$py" -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$t0" "$(now)")")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n 2p
}
pdftotext_all() { for f in "$sample"/pdf/*.pdf; do pdftotext -enc UTF-8 -eol unix "$f" - ; done; }
index_fresh() { rm -rf "$work/index"; "$bin/report-search" index "$1" --index "$work/index" --quiet; }

pages=0
for f in "$sample"/pdf/*.pdf; do pages=$(( pages + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }') )); done
echo "bench: extraction, $(ls "$sample/txt" | wc -l) reports, $pages PDF pages" >&2
pdftotext_s=$(median3 pdftotext_all)
ours=()
for format in pdf docx txt; do ours+=("$("$bin/report-search-bench" extract "$sample/$format" 3)"); done
index_s=()
for format in pdf docx txt; do index_s+=("$(median3 index_fresh "$sample/$format")"); done

"$py" - "$sample" "$pages" "$pdftotext_s" "${ours[@]}" "${index_s[@]}" <<'EOF'
import json, os, sys
sample, pages, pdftotext_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
ours = dict(zip(["pdf", "docx", "txt"], [json.loads(a) for a in sys.argv[4:7]]))
index_s = dict(zip(["pdf", "docx", "txt"], [float(a) for a in sys.argv[7:10]]))
def size(fmt): return sum(os.path.getsize(os.path.join(sample, fmt, f)) for f in os.listdir(os.path.join(sample, fmt)))
mb = {fmt: size(fmt) / 1e6 for fmt in ["pdf", "docx", "txt"]}
reports = ours["txt"]["files"]
print("\n## extraction (%d gov-reports as PDF, DOCX and text; %d PDF pages)\n" % (reports, pages))
print("| step | input | s | pages/s | MB/s | sections, characters | ratio |")
print("|---|---|---|---|---|---|---|")
print("| pdftotext alone, one file at a time | %.1f MB PDF | %.2f | %.0f | %.2f | – | 1.00 |" % (mb["pdf"], pdftotext_s, pages / pdftotext_s, mb["pdf"] / pdftotext_s))
for fmt, label in [("pdf", "PDF"), ("docx", "DOCX"), ("txt", "text")]:
    o = ours[fmt]
    per_page = "%.0f" % (pages / o["seconds"]) if fmt == "pdf" else "–"
    ratio = "%.2f× pdftotext's time" % (o["seconds"] / pdftotext_s) if fmt == "pdf" else "%.2f× text's time" % (o["seconds"] / ours["txt"]["seconds"])
    failed = ", %d failed" % o["failed"] if o["failed"] else ""
    print("| our extraction, one thread | %.1f MB %s | %.2f | %s | %.2f | %d, %d%s | %s |" % (mb[fmt], label, o["seconds"], per_page, mb[fmt] / o["seconds"], o["sections"], o["characters"], failed, ratio))
for fmt, label in [("pdf", "PDF"), ("docx", "DOCX"), ("txt", "text")]:
    print("| `report-search index`, all cores | %.1f MB %s | %.2f | %s | %.2f | – | %.2f× text's time |" % (mb[fmt], label, index_s[fmt], "%.0f" % (pages / index_s[fmt]) if fmt == "pdf" else "–", mb[fmt] / index_s[fmt], index_s[fmt] / index_s["txt"]))
EOF
