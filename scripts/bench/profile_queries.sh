#!/usr/bin/env bash
# Where a query's time goes, in numbers that repeat on a noisy machine (README, Performance):
#
#   scripts/bench/profile_queries.sh BIN INDEX QUERIES.tsv [N]
#
# QUERIES.tsv: `qid<TAB>query` lines (`cut -f1,3 ../shared/eval/dev-queries.tsv | tail -n +2`).
# Prints the preads per query of the whole batch (strace -c), then valgrind's instruction
# count for the first N queries (default 40) and for an empty batch (startup), and the top
# inclusive entries of the profile with report-search's own symbols named. Callgrind reads
# only a stripped binary here (its debuginfo reader gives up on Swift's), so the binary is
# stripped into a temporary folder and its addresses are named from BIN's symbol table.
set -euo pipefail
bin=$1 index=$2 queries=$3 n=${4:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=$(grep -c . "$queries")
strace -f -c -o "$work/strace.txt" "$bin" search --queries "$queries" --index "$index" --format csv >/dev/null 2>&1
preads=$(awk '$NF == "pread64" { print $4 }' "$work/strace.txt")
echo "preads: ${preads:-0} for $total queries ($(( ${preads:-0} / total )) per query)"

head -n "$n" "$queries" > "$work/q.tsv"
strip -o "$work/bin" "$bin"
nm -n --defined-only "$bin" | awk 'tolower($2) == "t"' > "$work/syms"
: > "$work/empty.tsv"
valgrind --tool=callgrind --callgrind-out-file="$work/empty.out" "$work/bin" search --queries "$work/empty.tsv" \
  --index "$index" --format csv >/dev/null 2>"$work/empty.err"
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$work/bin" search --queries "$work/q.tsv" \
  --index "$index" --format csv >/dev/null 2>"$work/cg.err"
startup=$(sed -n 's/.*I *refs: *//p' "$work/empty.err" | tr -d ,)
all=$(sed -n 's/.*I *refs: *//p' "$work/cg.err" | tr -d ,)
echo "instructions: $all for $n queries, $startup for an empty batch (startup)"
callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' > "$work/incl.txt" || true
/usr/bin/python3 - "$work" <<'EOF'
import bisect, re, subprocess, sys
work = sys.argv[1]
syms = []
for line in open(work + "/syms"):
    addr, _, name = line.split(None, 2)
    syms.append((int(addr, 16), name.strip()))
addrs = [a for a, _ in syms]
rows = []
for line in open(work + "/incl.txt"):
    count, rest = line.split(")", 1)
    m = re.search(r"\?\?\?:0x([0-9a-f]+)\S* \[" + re.escape(work) + "/bin\]", rest)
    if m:
        i = bisect.bisect_right(addrs, int(m.group(1), 16)) - 1
        rows.append((count + ")", syms[i][1] if i >= 0 else rest.strip()))
    else:
        rows.append((count + ")", rest.strip()))
names = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(n for _, n in rows),
                       capture_output=True, text=True).stdout.split("\n")
print("top inclusive entries:")
for (count, _), name in list(zip(rows, names))[:40]:
    print("  %s  %s" % (count.strip(), name[:110]))
EOF
