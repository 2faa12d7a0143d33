#!/usr/bin/env bash
# Benchmarks (not tests): report-search against its peers, same sections, same queries,
# same machine, one run. README "Performance" explains the table.
#
#   scripts/bench.sh            gov-reports and all three folders of ../shared/corpus
#   BENCH_SCOPE=gov scripts/bench.sh      gov-reports only (minutes, not tens of minutes)
#   BENCH_DESIGN=1 scripts/bench.sh       also the index-format and tokenizer tables (#3/#5)
#   BENCH_PEERS=fts5 scripts/bench.sh     only the SQLite FTS5 peer (FLAG_CJK_NGRAM takes longest)
#   BENCH_SCRATCH=.build-release ...      build release there (keeps it apart from .build)
#   BENCH_PROFILE=1 scripts/bench.sh      also preads and instructions per query on gov-reports
#                                         (scripts/bench/profile_queries.sh: strace -c, callgrind)
#   BENCH_EXTRACT=1 scripts/bench.sh      also extraction throughput: 40 gov-reports as PDF and
#                                         DOCX (LibreOffice, converted once and kept in the
#                                         scratch folder) against the same reports as text,
#                                         and pdftotext alone (scripts/bench/extraction.sh)
#   BENCH_EXTRACT=only scripts/bench.sh   only that (a few minutes once converted)
#
# For each corpus: index wall and CPU time, peak memory, size before and after
# compaction, for report-search and, in the same run, Xapian FLAG_CJK_NGRAM through
# python3-xapian and SQLite FTS5 trigram (scripts/bench/), one document per section
# (report-search-bench sections). Then query latency with snippets over
# ../shared/eval/dev-queries.tsv on gov-reports, each query timed inside the batch run;
# section-level MRR@10 of each system on the same queries; and index growth over 25, 50
# and 100 MB of input. Ends with a table of figures and ratios (peer / ours).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/corpus
queries=../shared/eval/dev-queries.tsv
if [ ! -d "$shared/gov-reports" ] || [ ! -f "$queries" ]; then
  echo "bench: ../shared/corpus/gov-reports or ../shared/eval/dev-queries.tsv is absent; nothing to measure" >&2
  exit 0
fi
scripts/setup.sh >/dev/null
if ! /usr/bin/python3 -c 'import xapian, sqlite3' 2>/dev/null; then
  apt-get install -y python3-xapian >/dev/null
fi
# BENCH_SCRATCH=.build-release keeps the release build apart from the debug one.
scratch=(${BENCH_SCRATCH:+--scratch-path "$BENCH_SCRATCH"})
swift build -c release "${scratch[@]}" >/dev/null
bin="$(swift build -c release "${scratch[@]}" --show-bin-path)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results.jsonl"
py=/usr/bin/python3

if [ "${BENCH_EXTRACT:-0}" != 0 ]; then
  scripts/bench/extraction.sh "$bin" "${BENCH_SCRATCH:-.build}" "${BENCH_EXTRACT_FILES:-40}"
  [ "$BENCH_EXTRACT" = only ] && exit 0
fi

if [ "${BENCH_DESIGN:-0}" = 1 ]; then
  "$bin/report-search-bench" tokenizer "$shared/gov-reports"
  "$bin/report-search-bench" formats "$shared/gov-reports" "$work/formats"
  rm -rf "$work/formats"
fi

# One JSON line per measurement: {"scope", "system", ...}.
record() { "$py" -c 'import json,sys; d=json.loads(sys.argv[3]); d.update(scope=sys.argv[1], system=sys.argv[2]); print(json.dumps(d))' "$@" >> "$results"; }

# report-search index: wall, CPU, peak RSS via /usr/bin/time; sizes before and after
# xapian-compact (a first build is already merged by compaction).
index_ours() {  # scope dirs...
  local scope=$1; shift
  local index="$work/ours-$scope"
  /usr/bin/time -f '{"index_seconds": %e, "cpu_seconds": %U, "sys_seconds": %S, "peak_rss_kb": %M}' -o "$work/time.json" \
    "$bin/report-search" index "$@" --index "$index" --quiet >&2
  local bytes compacted unchanged
  bytes=$(du -sb "$index" | cut -f1)
  # An unchanged second run must write nothing and take a few percent of the first.
  unchanged=$( { /usr/bin/time -f %e "$bin/report-search" index "$@" --index "$index" --quiet >/dev/null; } 2>&1 | tail -1)
  xapian-compact -m "$index" "$index.c" >/dev/null
  compacted=$(du -sb "$index.c" | cut -f1)
  rm -rf "$index.c"
  # The search copy `publish` writes: compacted, without the termlist (Xapian needs it only
  # to delete or replace documents).
  "$bin/report-search" publish "$index.c" --index "$index" >/dev/null
  searchcopy=$(du -sb "$index.c" | cut -f1)
  rm -rf "$index.c"
  record "$scope" report-search "$("$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["cpu_seconds"]=round(d["cpu_seconds"]+d.pop("sys_seconds"),2); d.update(bytes=int(sys.argv[2]), compacted_bytes=int(sys.argv[3]), unchanged_seconds=float(sys.argv[4]), search_copy_bytes=int(sys.argv[5])); print(json.dumps(d))' "$work/time.json" "$bytes" "$compacted" "$unchanged" "$searchcopy")"
}

peers=${BENCH_PEERS:-cjk fts5}
index_peers() {  # scope sections.jsonl
  local scope=$1 sections=$2
  if [[ " $peers " == *" cjk "* ]]; then
    record "$scope" xapian-cjk-ngram "$(scripts/bench/xapian_cjk.py index "$sections" "$work/cjk-$scope")"
  fi
  if [[ " $peers " == *" fts5 "* ]]; then
    record "$scope" sqlite-fts5-trigram "$(scripts/bench/fts5_trigram.py index "$sections" "$work/fts5-$scope.db")"
  fi
}

# Query latency with snippets, and MRR@10 from the hits (path + line range vs target).
query_all() {  # scope
  local scope=$1
  cut -f1,3 "$queries" | tail -n +2 > "$work/q.tsv"
  "$bin/report-search" search --queries "$work/q.tsv" --index "$work/ours-$scope" --format csv --timing \
    > "$work/ours-hits.csv" 2> "$work/ours-timing.txt"
  # One root: report-search's paths are relative to it, the eval file's start with its name.
  record "$scope" report-search "$(scripts/bench/score_hits.py csv "$work/ours-hits.csv" "$work/ours-timing.txt" \
    "$queries" "$([ "$scope" = gov ] && echo gov-reports/)")"
  for peer in $peers; do
    local script db system
    if [ $peer = cjk ]; then script=xapian_cjk.py; db="$work/cjk-$scope.compact"; system=xapian-cjk-ngram
    else script=fts5_trigram.py; db="$work/fts5-$scope.db.compact"; system=sqlite-fts5-trigram; fi
    scripts/bench/$script query "$db" "$queries" > "$work/$peer-hits.tsv" 2> "$work/$peer-summary.json"
    record "$scope" $system "$(scripts/bench/score_hits.py tsv "$work/$peer-hits.tsv" "$queries")"
  done
}

echo "bench: gov-reports" >&2
"$bin/report-search-bench" sections "$shared/gov-reports" > "$work/sections-gov.jsonl"
index_ours gov "$shared/gov-reports"
index_peers gov "$work/sections-gov.jsonl"
query_all gov
if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  scripts/bench/profile_queries.sh "$bin/report-search" "$work/ours-gov" "$work/q.tsv" 40 >&2
fi

if [ "${BENCH_SCOPE:-all}" = all ]; then
  echo "bench: all three folders" >&2
  all=("$shared/gov-reports" "$shared/laws-cn" "$shared/news-xwlb")
  "$bin/report-search-bench" sections "${all[@]}" > "$work/sections-all.jsonl"
  index_ours all "${all[@]}"
  rm -rf "$work/ours-all"
  index_peers all "$work/sections-all.jsonl"
  rm -rf "$work"/cjk-all* "$work"/fts5-all*

  # Growth: the first 25, 50 and 100 MB of files (in path order) of the three folders.
  for mb in 25 50 100; do
    echo "bench: growth, $mb MB" >&2
    slice="$work/slice-$mb"
    "$py" - "$slice" "$mb" "${all[@]}" <<'EOF'
import os, shutil, sys
slice, mb, roots = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
budget = mb << 20
files = sorted(os.path.join(d, f) for r in roots for d, _, fs in os.walk(r) for f in fs if not f.startswith("."))
for path in files:
    if budget <= 0: break
    target = os.path.join(slice, os.path.relpath(path, os.path.dirname(roots[0])))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(path, target)
    budget -= os.path.getsize(path)
EOF
    index_ours "growth-$mb" "$slice"
    rm -rf "$slice" "$work/ours-growth-$mb"
  done
fi

"$py" - "$results" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
data = {}
for r in rows:
    data.setdefault((r["scope"], r["system"]), {}).update(r)
systems = ["report-search", "xapian-cjk-ngram", "sqlite-fts5-trigram"]
def fmt(v, unit):
    if v is None: return "–"
    return {"s": "%.1f s", "MB": "%.0f MB", "ms": "%.3f ms", "": "%.3f"}[unit] % v
metrics = [("index_seconds", "index wall", "s", 1), ("unchanged_seconds", "second run, unchanged", "s", 1),
           ("cpu_seconds", "index CPU", "s", 1),
           ("peak_rss_kb", "peak memory", "MB", 1 / 1024), ("bytes", "size", "MB", 1 / 1e6),
           ("compacted_bytes", "compacted size", "MB", 1 / 1e6),
           ("search_copy_bytes", "compacted, no termlist (search copy)", "MB", 1 / 1e6),
           ("median_ms", "query median, snippets", "ms", 1), ("p95_ms", "query p95, snippets", "ms", 1),
           ("mrr10", "MRR@10 (dev queries)", "", 1)]
for scope in ["gov", "all"]:
    if (scope, "report-search") not in data: continue
    print("\n## %s\n" % ("gov-reports" if scope == "gov" else "all three folders"))
    print("| measure | " + " | ".join(systems) + " | ratios (peer / ours) |")
    print("|---|" + "---|" * (len(systems) + 1))
    for key, label, unit, scale in metrics:
        vals = [data.get((scope, s), {}).get(key) for s in systems]
        if all(v is None for v in vals): continue
        vals = [None if v is None else v * scale for v in vals]
        ours = vals[0]
        ratios = ", ".join("%.2f×" % (v / ours) if v is not None and ours else "–" for v in vals[1:])
        print("| %s | %s | %s |" % (label, " | ".join(fmt(v, unit) for v in vals), ratios))
growth = [(int(s.split("-")[1]), d) for (s, sys_), d in data.items() if s.startswith("growth-")]
if growth:
    print("\n## growth (report-search)\n\n| input | index wall | peak memory | compacted size | s per MB |\n|---|---|---|---|---|")
    for mb, d in sorted(growth):
        print("| %d MB | %.1f s | %.0f MB | %.0f MB | %.2f |" % (mb, d["index_seconds"], d["peak_rss_kb"] / 1024, d["compacted_bytes"] / 1e6, d["index_seconds"] / mb))
EOF
