"""What the benchmark peers (xapian_cjk.py, fts5_trigram.py) share: the command line skeleton,
error handling, reading the sections JSONL and the queries TSV, the timing and JSON line of
`index`, the per-query timing loop with its TSV output, and the summary line. Standard library
only.
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time


class Failure(Exception):
    """An error to report in one line (prefixed with the script's name), exit status 1."""


def die(prog, msg):
    print(prog + ": " + msg, file=sys.stderr)
    sys.exit(1)


def run_main(prog, fn, args):
    """Calls fn(args); a Failure ends the program with its message, a closed stdout quietly."""
    try:
        fn(args)
    except Failure as e:
        die(prog, str(e))
    except BrokenPipeError:
        sys.exit(1)


def make_parser(description, db, db_help):
    """The command line common to the peers: `index sections DB` and `query DB queries`, where
    db names the database argument (dbdir, dbfile) and db_help says what it is. Returns the
    parser and the `query` subparser, for the peer's own query options."""
    ap = argparse.ArgumentParser(description=description)
    sub = ap.add_subparsers(dest="cmd", required=True)
    pi = sub.add_parser("index", help="index a sections JSONL file; also writes %s.compact"
                        % db.upper())
    pi.add_argument("sections", help="JSONL, one section per line")
    pi.add_argument(db, help=db_help + " to (re)create")
    pq = sub.add_parser("query", help="run the queries of a TSV file, print hits as TSV")
    pq.add_argument(db, help=db_help + " (or its .compact copy)")
    pq.add_argument("queries", help="TSV with a header that has `qid` and `query` columns")
    return ap, pq


# --- index ---------------------------------------------------------------------------------

def cpu_seconds():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def open_text(path):
    """path opened for reading as UTF-8; a Failure when it cannot be."""
    try:
        return open(path, encoding="utf-8")
    except OSError as e:
        raise Failure("cannot open %s: %s" % (path, e.strerror))


def read_sections(path):
    """Yields section dicts from a JSONL file, streaming (one line at a time)."""
    with open_text(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise Failure("%s:%d: not valid JSON: %s" % (path, n, e))
            if not isinstance(rec, dict):
                raise Failure("%s:%d: expected a JSON object" % (path, n))
            for key in ("path", "line_start", "line_end", "text"):
                if key not in rec:
                    raise Failure("%s:%d: missing field %r" % (path, n, key))
            yield rec


def start_clock():
    """The start of the indexing, for stop_clock."""
    return time.perf_counter(), cpu_seconds()


def stop_clock(start):
    """(wall seconds, CPU seconds) since start_clock(), and the peak RSS so far in kB."""
    wall0, cpu0 = start
    index_seconds = time.perf_counter() - wall0
    index_cpu = cpu_seconds() - cpu0
    peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return index_seconds, index_cpu, peak_rss_kb


def print_index_line(system, clock, db_bytes, compacted_bytes, compact_seconds, compacted_path,
                     sections):
    """The JSON line of `index` on stdout; clock is what stop_clock returned."""
    index_seconds, index_cpu, peak_rss_kb = clock
    print(json.dumps({
        "system": system,
        "index_seconds": round(index_seconds, 3),
        "cpu_seconds": round(index_cpu, 3),
        "peak_rss_kb": peak_rss_kb,
        "bytes": db_bytes,
        "compacted_bytes": compacted_bytes,
        "compact_seconds": round(compact_seconds, 3),
        "compacted_path": compacted_path,
        "sections": sections,
    }))


# --- queries -------------------------------------------------------------------------------

def read_queries(path):
    """(qid, query) pairs from a TSV with a header holding `qid` and `query` columns.
    No CSV quoting: queries may contain double quotes (phrase syntax)."""
    with open_text(path) as f:
        header = f.readline().rstrip("\r\n").split("\t")
        if "qid" not in header or "query" not in header:
            raise Failure("%s: header must have `qid` and `query` columns" % path)
        qi, qq = header.index("qid"), header.index("query")
        out = []
        for n, line in enumerate(f, 2):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) <= max(qi, qq):
                raise Failure("%s:%d: too few columns" % (path, n))
            out.append((cols[qi], cols[qq]))
    return out


def clean(s):
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def run_queries(queries, run, snippets, warmup=None):
    """Runs each query once, timed with perf_counter: run(qid, query) returns the hits, each
    (path, line_start, line_end, snippet). With warmup (a function of the query text), every
    query goes through it once, untimed, first. Writes the TSV rows to stdout (the snippet as
    a 7th column with snippets) and returns (times in ms, number of queries without a hit)."""
    if warmup:
        for _qid, query in queries:
            warmup(query)
    out = sys.stdout
    times, no_hits = [], 0
    for qid, query in queries:
        t0 = time.perf_counter()
        hits = run(qid, query)
        ms = (time.perf_counter() - t0) * 1000.0
        times.append(ms)
        if not hits:
            no_hits += 1
            out.write("%s\t%.3f\t0\t\t\t%s\n" % (qid, ms, "\t" if snippets else ""))
        for rank, (path, ls, le, snip) in enumerate(hits, 1):
            row = "%s\t%.3f\t%d\t%s\t%s\t%s" % (qid, ms, rank, path, ls, le)
            if snippets:
                if isinstance(snip, bytes):
                    snip = snip.decode("utf-8", "replace")
                row += "\t" + clean(snip or "")
            out.write(row + "\n")
    out.flush()
    return times, no_hits


def summary(system, times_ms, extra):
    s = sorted(times_ms)
    out = {"system": system, "queries": len(s)}
    if s:
        out["median_ms"] = round(statistics.median(s), 3)
        out["p95_ms"] = round(s[max(0, math.ceil(0.95 * len(s)) - 1)], 3)  # nearest rank
        out["mean_ms"] = round(statistics.fmean(s), 3)
        out["max_ms"] = round(s[-1], 3)
        out["total_ms"] = round(sum(s), 3)
    out.update(extra)
    return out
