#!/usr/bin/env bash
# Benchmarks (not tests): builds release, then on ../shared/corpus/gov-reports
#  - tokenizer throughput (MB/s);
#  - index format variants: build time, compacted size, phrase and one-character query
#    times (position-less bigrams + stored-text check vs positional phrases);
#  - report-search index: first run vs unchanged second run.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/gov-reports}"
if [ ! -d "$corpus" ]; then
  echo "bench: $corpus is absent; nothing to measure" >&2
  exit 0
fi
scripts/setup.sh >/dev/null
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/report-search-bench" tokenizer "$corpus"
"$bin/report-search-bench" formats "$corpus" "$work/formats"

echo
/usr/bin/time -f "first run: %e s wall, %U s user, %M KB peak" "$bin/report-search" index "$corpus" --index "$work/index" --quiet
/usr/bin/time -f "second run (unchanged): %e s wall, %M KB peak" "$bin/report-search" index "$corpus" --index "$work/index" --quiet
du -sh "$work/index" | sed 's/^/index size before compaction: /'
xapian-compact -m "$work/index" "$work/index.c" >/dev/null && du -sh "$work/index.c" | sed 's/^/after compaction: /'
