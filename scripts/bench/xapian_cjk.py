#!/usr/bin/python3
"""Benchmark peer: Xapian's built-in CJK n-gram indexing, used the way a Python user would.

  xapian_cjk.py index SECTIONS.jsonl DBDIR
  xapian_cjk.py query DBDIR QUERIES.tsv [--op and|or] [--limit 10] [--snippet-bytes 160]

One Xapian document per section. TermGenerator with FLAG_CJK_NGRAM (Han text becomes
unigrams + bigrams, with positions). Body = the section text (wdf 1); the report title and
the section's heading path are indexed twice, as in Xapian's own "index1.py" example: with
prefix "S" (searchable as `title:...`) and unprefixed with a higher wdf increment, so plain
queries match them and they weigh more than body text. The document data is JSON with
path, line_start, line_end and the text (needed for snippets).

Queries: QueryParser with FLAG_DEFAULT (phrase, boolean, love/hate) | FLAG_CJK_NGRAM, default
operator AND (or OR with --op or), BM25 (Xapian's default weighting), top 10, and for each hit
MSet.snippet(text, ...) with SNIPPET_CJK_NGRAM. Timed per query: parse + get_mset + fetching
the 10 documents + 10 snippets.

Output of `index`: one JSON line on stdout. Output of `query`: TSV on stdout
(qid, millis, rank, path, line_start, line_end), one row per hit, or one row with rank 0 and
empty path/lines when a query has no hit; a JSON summary line on stderr.

Standard library + python3-xapian only. Use Debian's /usr/bin/python3.
"""
import json
import os
import shutil
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402
from peer_common import Failure  # noqa: E402

try:
    import xapian
except ImportError:  # pragma: no cover - environment problem
    sys.exit("xapian_cjk.py: cannot import the xapian module; run with Debian's /usr/bin/python3 "
             "(package python3-xapian)")

PROG = "xapian_cjk.py"
SYSTEM = "xapian-cjk-ngram"
FIELD_PREFIX = "S"      # title + headings, for `title:` searches
FIELD_WDF = 2           # unprefixed title/heading terms count this much per occurrence
COMPACT_SUFFIX = ".compact"


def tree_bytes(path):
    """Sum of the apparent sizes of the regular files under path."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            fp = os.path.join(root, f)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total


def is_xapian_dir(path):
    return any(os.path.exists(os.path.join(path, f)) for f in ("iamglass", "iamchert", "iamhoney"))


def remove_old_db(path):
    """Removes an earlier output so the new one is not mixed with it; refuses non-Xapian data."""
    if not os.path.exists(path):
        return
    if os.path.isdir(path) and (is_xapian_dir(path) or not os.listdir(path)):
        shutil.rmtree(path)
    else:
        raise Failure("%s exists and is not a Xapian database; not overwriting it" % path)


def cmd_index(args):
    if not os.path.isfile(args.sections):
        raise Failure("%s: no such file" % args.sections)
    remove_old_db(args.dbdir)
    compact_dir = args.dbdir.rstrip("/") + COMPACT_SUFFIX
    remove_old_db(compact_dir)

    clock = peer_common.start_clock()
    try:
        db = xapian.WritableDatabase(args.dbdir, xapian.DB_CREATE_OR_OVERWRITE)
    except xapian.Error as e:
        raise Failure("cannot create %s: %s" % (args.dbdir, e.get_msg()))
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    n = 0
    for rec in peer_common.read_sections(args.sections):
        text = rec["text"] or ""
        fields = [rec.get("title") or ""] + [h for h in (rec.get("headings") or []) if h]
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        for f in fields:
            if f:
                tg.increase_termpos()           # no phrase matches across field boundaries
                tg.index_text(f, FIELD_WDF)
                tg.index_text(f, 1, FIELD_PREFIX)
        doc.set_data(json.dumps({"path": rec["path"], "line_start": rec["line_start"],
                                 "line_end": rec["line_end"], "text": text},
                                ensure_ascii=False))
        db.add_document(doc)
        n += 1
    db.commit()
    db.close()
    clock = peer_common.stop_clock(clock)
    db_bytes = tree_bytes(args.dbdir)

    # Compacted copy, like `xapian-compact -m DBDIR DBDIR.compact`.
    t0 = time.perf_counter()
    try:
        xapian.Database(args.dbdir).compact(compact_dir, xapian.DBCOMPACT_MULTIPASS)
    except xapian.Error as e:
        raise Failure("compaction into %s failed: %s" % (compact_dir, e.get_msg()))
    compact_seconds = time.perf_counter() - t0

    peer_common.print_index_line(SYSTEM, clock, db_bytes, tree_bytes(compact_dir), compact_seconds,
                                 compact_dir, n)


def cmd_query(args):
    if not os.path.isdir(args.dbdir):
        raise Failure("%s: no such database directory" % args.dbdir)
    queries = peer_common.read_queries(args.queries)
    try:
        db = xapian.Database(args.dbdir)
    except xapian.Error as e:
        raise Failure("cannot open %s: %s" % (args.dbdir, e.get_msg()))
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.add_prefix("title", FIELD_PREFIX)
    qp.set_default_op(xapian.Query.OP_AND if args.op == "and" else xapian.Query.OP_OR)
    qflags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM
    sflags = xapian.MSet.SNIPPET_BACKGROUND_MODEL | xapian.MSet.SNIPPET_EXHAUSTIVE
    cjk_snippets = hasattr(xapian.MSet, "SNIPPET_CJK_NGRAM")
    if cjk_snippets:
        sflags |= xapian.MSet.SNIPPET_CJK_NGRAM
    stem = xapian.Stem("none")
    enquire = xapian.Enquire(db)

    def run(query):
        try:
            q = qp.parse_query(query, qflags)
        except xapian.QueryParserError:
            q = qp.parse_query(query, xapian.QueryParser.FLAG_CJK_NGRAM)
        enquire.set_query(q)
        mset = enquire.get_mset(0, args.limit)
        hits = []
        for m in mset:
            d = json.loads(m.document.get_data())
            snip = mset.snippet(d["text"], args.snippet_bytes, stem, sflags, "[", "]", "…")
            hits.append((d["path"], d["line_start"], d["line_end"], snip))
        return hits

    times, no_hits = peer_common.run_queries(queries, lambda _qid, query: run(query), args.snippets,
                                             warmup=run if args.warmup else None)
    print(json.dumps(peer_common.summary(SYSTEM, times, {
        "op": args.op, "no_hits": no_hits, "snippet_cjk_ngram": cjk_snippets,
        "xapian": xapian.version_string()}), ensure_ascii=False), file=sys.stderr)


def run_command(args):
    try:
        (cmd_index if args.cmd == "index" else cmd_query)(args)
    except xapian.Error as e:
        raise Failure("Xapian error: %s" % e.get_msg())


def main():
    ap, pq = peer_common.make_parser("Xapian CJK n-gram benchmark peer.", "dbdir",
                                     "Xapian database directory")
    pq.add_argument("--op", choices=("and", "or"), default="and", help="default operator (and)")
    pq.add_argument("--limit", type=int, default=10, help="hits per query (10)")
    pq.add_argument("--snippet-bytes", type=int, default=160,
                    help="length passed to MSet.snippet, which counts UTF-8 bytes "
                         "(160 ≈ 53 Han characters; default 160)")
    pq.add_argument("--warmup", action="store_true", help="run all queries once untimed first")
    pq.add_argument("--snippets", action="store_true",
                    help="append the snippet as a 7th TSV column (for inspection)")
    args = ap.parse_args()
    if args.cmd == "query" and (args.limit < 1 or args.snippet_bytes < 1):
        ap.error("--limit and --snippet-bytes must be ≥ 1")
    peer_common.run_main(PROG, run_command, args)


if __name__ == "__main__":
    main()
