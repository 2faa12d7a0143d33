#!/usr/bin/python3
"""Scores one system's query run for bench.sh: latency median/p95 and section-level MRR@10.

  score_hits.py tsv HITS.tsv QUERIES.tsv                 a peer's `query` output
  score_hits.py csv HITS.csv TIMING.txt QUERIES.tsv [PREFIX]
                                                         report-search's --format csv and
                                                         --timing output; PREFIX goes in front
                                                         of its paths (the indexed folder's name)

Prints one JSON line: {"queries", "median_ms", "p95_ms", "mrr10"}. A hit counts when its path
is the target path and its line range holds the target line (../shared/eval/README.md).
"""
import csv
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402


def peer_hits(path):
    """qid -> [(rank, path, start, end)] and qid -> ms, from a peer's TSV."""
    hits, times = {}, {}
    for line in open(path, encoding="utf-8"):
        qid, ms, rank, hit_path, start, end = line.rstrip("\n").split("\t")[:6]
        times[qid] = float(ms)
        if rank != "0":
            hits.setdefault(qid, []).append((int(rank), hit_path, int(start), int(end)))
    return hits, times


def our_hits(hits_csv, timing, prefix):
    """The same from report-search's CSV and its `qid<TAB>ms` timing lines."""
    hits = {}
    for row in csv.DictReader(open(hits_csv, encoding="utf-8-sig")):
        hits.setdefault(row["qid"], []).append(
            (int(row["rank"]), prefix + row["path"], int(row["line_start"]), int(row["line_end"])))
    times = {}
    for line in open(timing, encoding="utf-8"):
        if "\t" in line:
            qid, ms = line.rstrip("\n").split("\t")
            times[qid] = float(ms)
    return hits, times


def mrr_at_10(hits, queries):
    total = 0.0
    rows = list(csv.DictReader(open(queries, encoding="utf-8"), delimiter="\t"))
    for q in rows:
        for rank, path, start, end in sorted(hits.get(q["qid"], []))[:10]:
            if path == q["target_path"] and start <= int(q["target_line"]) <= end:
                total += 1 / rank
                break
    return total / len(rows)


def main(argv):
    if len(argv) >= 3 and argv[0] == "tsv":
        (hits, times), queries = peer_hits(argv[1]), argv[2]
    elif len(argv) >= 4 and argv[0] == "csv":
        (hits, times), queries = our_hits(argv[1], argv[2], argv[4] if len(argv) > 4 else ""), argv[3]
    else:
        peer_common.die("score_hits.py", "usage: score_hits.py tsv HITS QUERIES | csv HITS TIMING QUERIES [PREFIX]")
    s = peer_common.summary("", list(times.values()), {})
    print(json.dumps({"queries": s["queries"], "median_ms": s["median_ms"], "p95_ms": s["p95_ms"],
                      "mrr10": round(mrr_at_10(hits, queries), 4)}))


if __name__ == "__main__":
    main(sys.argv[1:])
