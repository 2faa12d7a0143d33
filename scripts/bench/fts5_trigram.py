#!/usr/bin/python3
"""Benchmark peer: SQLite FTS5 with the trigram tokenizer, used the way a Python user would.

  fts5_trigram.py index SECTIONS.jsonl DBFILE
  fts5_trigram.py query DBFILE QUERIES.tsv [--short-pieces like|drop] [--limit 10]

Index: one row per section in
    CREATE VIRTUAL TABLE sections USING fts5(title, headings, text,
        path UNINDEXED, line_start UNINDEXED, line_end UNINDEXED, tokenize='trigram')
(headings joined with newlines), all rows in one transaction. The table's rank function is
set to bm25 with title and headings weighted 2 and text 1 (the same emphasis the Xapian peer
gives them). Then a compacted copy DBFILE.compact: `VACUUM INTO`, FTS5 'optimize' (merge all
segments into one b-tree) and VACUUM on the copy.

Queries, with AND semantics: the query is split on whitespace and punctuation (except a
decimal point or comma between digits) into pieces; a "quoted" part stays one piece. Each
piece of 3 or more characters becomes an FTS5 string "piece" (for trigram: an exact
substring), joined with AND. The trigram index cannot look up pieces shorter than 3
characters; by default (--short-pieces like) each becomes a filter
`(title LIKE '%p%' OR headings LIKE '%p%' OR text LIKE '%p%')`, evaluated on the rows the MATCH
found, or on all rows (a scan, unranked, in table order) when no piece is 3 characters
long. With --short-pieces drop they are left out whenever at least one long piece exists.
Ranked with `ORDER BY rank` (= bm25 with the configured weights; FTS5 sorts internally, so
snippet() runs only for the rows returned) LIMIT 10, snippet(sections, 2, '[', ']', '…', 32)
fetched for each hit. For scan-only queries the snippet is cut in Python (FTS5's snippet()
needs a MATCH). Timed per query: building the SQL + executing + fetching rows and snippets.

Output of `index`: one JSON line on stdout. Output of `query`: TSV on stdout
(qid, millis, rank, path, line_start, line_end), one row per hit, or one row with rank 0 and
empty path/lines when a query has no hit; a JSON summary line on stderr.

Standard library only (sqlite3 with FTS5; SQLite ≥ 3.34 for the trigram tokenizer).
"""
import json
import os
import re
import sqlite3
import sys
import time
import unicodedata

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common  # noqa: E402
from peer_common import Failure  # noqa: E402

PROG = "fts5_trigram.py"
SYSTEM = "sqlite-fts5-trigram"
COMPACT_SUFFIX = ".compact"
RANK = "bm25(2.0, 2.0, 1.0)"      # title, headings, text (UNINDEXED columns do not count)
SNIPPET_TOKENS = 32


def remove_old_db(path):
    """Removes an earlier output; refuses to overwrite a file that is not an SQLite database."""
    if not os.path.exists(path):
        return
    if not os.path.isfile(path):
        raise Failure("%s exists and is not a file" % path)
    with open(path, "rb") as f:
        head = f.read(16)
    if head and head != b"SQLite format 3\x00":
        raise Failure("%s exists and is not an SQLite database; not overwriting it" % path)
    os.remove(path)
    for suffix in ("-journal", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def check_sqlite():
    if sqlite3.sqlite_version_info < (3, 34, 0):
        raise Failure("SQLite %s has no trigram tokenizer (needs 3.34+)" % sqlite3.sqlite_version)


def cmd_index(args):
    if not os.path.isfile(args.sections):
        raise Failure("%s: no such file" % args.sections)
    check_sqlite()
    remove_old_db(args.dbfile)
    compact = args.dbfile + COMPACT_SUFFIX
    remove_old_db(compact)

    clock = peer_common.start_clock()
    try:
        con = sqlite3.connect(args.dbfile, isolation_level=None)
        con.execute("CREATE VIRTUAL TABLE sections USING fts5(title, headings, text, "
                    "path UNINDEXED, line_start UNINDEXED, line_end UNINDEXED, tokenize='trigram')")
        con.execute("INSERT INTO sections(sections, rank) VALUES('rank', ?)", (RANK,))
        con.execute("BEGIN")
        count = [0]

        def rows():
            for rec in peer_common.read_sections(args.sections):
                count[0] += 1
                yield (rec.get("title") or "", "\n".join(h for h in (rec.get("headings") or []) if h),
                       rec["text"] or "", rec["path"], rec["line_start"], rec["line_end"])

        con.executemany("INSERT INTO sections(title, headings, text, path, line_start, line_end) "
                        "VALUES (?, ?, ?, ?, ?, ?)", rows())
        con.execute("COMMIT")
        con.close()
    except sqlite3.Error as e:
        raise Failure("indexing into %s failed: %s" % (args.dbfile, e))
    clock = peer_common.stop_clock(clock)
    db_bytes = os.path.getsize(args.dbfile)

    t0 = time.perf_counter()
    try:
        con = sqlite3.connect(args.dbfile, isolation_level=None)
        con.execute("VACUUM INTO ?", (compact,))
        con.close()
        con = sqlite3.connect(compact, isolation_level=None)
        con.execute("INSERT INTO sections(sections) VALUES('optimize')")
        con.execute("VACUUM")
        con.close()
    except sqlite3.Error as e:
        raise Failure("compacting into %s failed: %s" % (compact, e))
    compact_seconds = time.perf_counter() - t0

    peer_common.print_index_line(SYSTEM, clock, db_bytes, os.path.getsize(compact), compact_seconds,
                                 compact, count[0])


# --- queries -------------------------------------------------------------------------------

QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』"}
KEEP = set("%％+＋#_&@")  # symbols that belong to a token (59%, C++, 5G+), not separators


def is_sep(ch):
    if ch.isspace():
        return True
    if ch in KEEP:
        return False
    cat = unicodedata.category(ch)
    return cat[0] in "PZ" or cat in ("Sm", "Sk")


def split_plain(s, out):
    buf = []
    n = len(s)
    for i, ch in enumerate(s):
        if is_sep(ch):
            # keep 2.97, 1,200, C-V2X together: . , - between alphanumerics
            if ch in ".,-" and buf and i + 1 < n and buf[-1].isalnum() and s[i + 1].isalnum() \
                    and (ch == "-" or (buf[-1].isdigit() and s[i + 1].isdigit())):
                buf.append(ch)
                continue
            if buf:
                out.append("".join(buf))
                buf = []
        else:
            buf.append(ch)
    if buf:
        out.append("".join(buf))


def split_query(q):
    """Pieces of a query: quoted parts whole (trimmed), the rest split on separators."""
    pieces = []
    i = 0
    while i < len(q):
        ch = q[i]
        if ch in QUOTES:
            j = q.find(QUOTES[ch], i + 1)
            if j < 0:  # unbalanced: treat the quote as a separator
                i += 1
                continue
            inner = q[i + 1:j].strip()
            if inner:
                pieces.append(inner)
            i = j + 1
            continue
        j = i
        while j < len(q) and q[j] not in QUOTES:
            j += 1
        split_plain(q[i:j], pieces)
        i = j
    seen, out = set(), []
    for p in pieces:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def fts_string(p):
    return '"' + p.replace('"', '""') + '"'


def like_pattern(p):
    return "%" + p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


LIKE_ANY = "(title LIKE ? ESCAPE '\\' OR headings LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')"


def build(query, short_mode, limit):
    """(sql, params, scan_pieces or None). scan_pieces is set for LIKE-only queries."""
    pieces = split_query(query)
    long_ = [p for p in pieces if len(p) >= 3]
    short = [p for p in pieces if len(p) < 3]
    if not pieces:
        return None, None, None
    if long_:
        where = ["sections MATCH ?"]
        params = [" AND ".join(fts_string(p) for p in long_)]
        if short_mode == "like":
            for p in short:
                where.append(LIKE_ANY)
                params += [like_pattern(p)] * 3
        sql = ("SELECT path, line_start, line_end, snippet(sections, 2, '[', ']', '…', %d) "
               "FROM sections WHERE %s ORDER BY rank LIMIT %d"
               % (SNIPPET_TOKENS, " AND ".join(where), limit))
        return sql, params, None
    where, params = [], []
    for p in short:
        where.append(LIKE_ANY)
        params += [like_pattern(p)] * 3
    sql = ("SELECT path, line_start, line_end, text FROM sections WHERE %s LIMIT %d"
           % (" AND ".join(where), limit))
    return sql, params, short


def scan_snippet(text, pieces, width=SNIPPET_TOKENS):
    """A window of about `width` characters around the first occurrence of a piece,
    pieces highlighted with [ ] (what snippet() would give, for LIKE-only queries)."""
    pos = -1
    for p in pieces:
        pos = text.find(p)
        if pos >= 0:
            break
    if pos < 0:
        pos = 0
    start = max(0, pos - width // 4)
    end = min(len(text), start + width)
    s = text[start:end]
    rx = re.compile("|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True)))
    s = rx.sub(lambda m: "[" + m.group(0) + "]", s)
    return ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")


def cmd_query(args):
    check_sqlite()
    if not os.path.isfile(args.dbfile):
        raise Failure("%s: no such database file" % args.dbfile)
    queries = peer_common.read_queries(args.queries)
    try:
        con = sqlite3.connect("file:%s?mode=ro" % args.dbfile.replace("?", "%3f").replace("#", "%23"),
                              uri=True, isolation_level=None)
        con.execute("SELECT 1 FROM sections LIMIT 1").fetchall()
    except sqlite3.Error as e:
        raise Failure("cannot open the sections table in %s: %s" % (args.dbfile, e))

    def run(query):
        sql, params, scan = build(query, args.short_pieces, args.limit)
        if sql is None:
            return [], False
        rows = con.execute(sql, params).fetchall()
        if scan is not None:
            rows = [(p, ls, le, scan_snippet(t, scan)) for p, ls, le, t in rows]
        return rows, scan is not None

    scans = errors = 0

    def run_timed(qid, query):
        nonlocal scans, errors
        try:
            hits, scanned = run(query)
        except sqlite3.Error as e:
            print("%s: %s: query %r failed: %s" % (PROG, qid, query, e), file=sys.stderr)
            errors += 1
            hits, scanned = [], False
        scans += scanned
        return hits

    times, no_hits = peer_common.run_queries(queries, run_timed, args.snippets,
                                             warmup=run if args.warmup else None)
    print(json.dumps(peer_common.summary(SYSTEM, times, {
        "short_pieces": args.short_pieces, "no_hits": no_hits, "like_only_scans": scans,
        "errors": errors, "sqlite": sqlite3.sqlite_version})), file=sys.stderr)
    if errors:
        sys.exit(1)


def explain(args):
    for qid, query in peer_common.read_queries(args.queries):
        sql, params, _ = build(query, args.short_pieces, args.limit)
        print("%s\t%s\t%s" % (qid, sql, json.dumps(params, ensure_ascii=False)), file=sys.stderr)


def run_command(args):
    if args.cmd == "query" and args.explain:
        explain(args)
    else:
        (cmd_index if args.cmd == "index" else cmd_query)(args)


def main():
    ap, pq = peer_common.make_parser("SQLite FTS5 trigram benchmark peer.", "dbfile",
                                     "SQLite database file")
    pq.add_argument("--short-pieces", choices=("like", "drop"), default="like",
                    help="pieces under 3 characters: LIKE filters (default) or left out when "
                         "a longer piece exists")
    pq.add_argument("--limit", type=int, default=10, help="hits per query (10)")
    pq.add_argument("--warmup", action="store_true", help="run all queries once untimed first")
    pq.add_argument("--snippets", action="store_true",
                    help="append the snippet as a 7th TSV column (for inspection)")
    pq.add_argument("--explain", action="store_true",
                    help="print each query's SQL and parameters to stderr instead of running")
    args = ap.parse_args()
    if args.cmd == "query" and args.limit < 1:
        ap.error("--limit must be ≥ 1")
    peer_common.run_main(PROG, run_command, args)


if __name__ == "__main__":
    main()
