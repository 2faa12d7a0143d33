#!/usr/bin/env bash
# Load test of `report-search serve` on loopback with wrk, bounded in time: requests per
# second and p50/p95/p99 latency for the 200 dev queries (../shared/eval/dev-queries.tsv,
# against an index of ../shared/corpus/gov-reports; corpus/ and a few queries without
# them) at concurrency 1 and 8, for /api/search and for the search page / (with facets).
#
#   scripts/bench-serve.sh                 # DURATION=10s per run; INDEX=path reuses an index
#   REPORT_SEARCH_BIN=.build/release/report-search scripts/bench-serve.sh
# Needs wrk (Debian: apt-get install wrk). The server is always stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench-serve: needs wrk (apt-get install wrk)" >&2; exit 1; }
bin="${REPORT_SEARCH_BIN:-$(swift build --show-bin-path)/report-search}"
[ -x "$bin" ] || { echo "bench-serve: $bin is not built" >&2; exit 1; }
duration="${DURATION:-10s}"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

queries="../shared/eval/dev-queries.tsv"
if [ -f "$queries" ] && [ -d ../shared/corpus/gov-reports ]; then
  corpus=../shared/corpus/gov-reports
  tail -n +2 "$queries" | cut -f3 >"$work/queries.txt"
else
  corpus=corpus
  printf '%s\n' 合法性审查 法治政府 营商环境 数字政府 乡村振兴 行政执法 >"$work/queries.txt"
fi
index="${INDEX:-$work/index}"
[ -e "$index" ] || "$bin" index "$corpus" --index "$index" --quiet
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$bin" serve --index "$index" --port "$port" 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done

# One Lua script per route: requests cycle through the queries; done() prints p95.
make_lua() {  # $1: path prefix
  python3 - "$1" "$work/queries.txt" >"$work/bench.lua" <<'PY'
import sys, urllib.parse
prefix, path = sys.argv[1], sys.argv[2]
paths = [prefix + urllib.parse.quote(q.strip(), safe="") for q in open(path, encoding="utf-8") if q.strip()]
print("local paths = {" + ",".join('"%s"' % p for p in paths) + "}")
print("""local i = 0
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50=%.1fms p95=%.1fms p99=%.1fms requests=%d errors=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, summary.requests, errors))
end""")
PY
}

echo "bench-serve: $(wc -l <"$work/queries.txt") queries, index of $corpus, $bin, $duration per run"
for route in "/api/search?q=" "/?q="; do
  make_lua "$route"
  for c in 1 8; do
    threads=$(( c < 2 ? 1 : 2 ))
    result="$(wrk -t"$threads" -c"$c" -d"$duration" --timeout 10s -s "$work/bench.lua" "http://127.0.0.1:$port" | grep RESULT)"
    echo "route=${route%\?q=} concurrency=$c ${result#RESULT }"
  done
done
