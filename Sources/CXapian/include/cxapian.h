/*
 * cxapian.h — a plain C API over Xapian 1.4 (libxapian-dev), holding exactly what
 * ReportSearch uses.
 *
 * Conventions (after leveldb's c.h):
 *  - every object is an opaque handle; every cx_*_open / cx_*_new has one cx_*_free;
 *  - strings are a pointer plus a byte length and may hold NUL bytes; the pointer may be
 *    NULL only when the length is 0;
 *  - every call that can fail returns a cx_status and takes `char **error` last.
 *    On failure *error receives a malloc'd message (free it with cx_free); on success it
 *    is left untouched. `error` may be NULL to ignore the message. No C++ exception ever
 *    leaves this library;
 *  - strings handed out (cx_*_get_*, *_data, *_value) are malloc'd copies: free them with
 *    cx_free;
 *  - pointers are non-null unless marked _Nullable (clang's assume_nonnull region below),
 *    so Swift imports handles as non-optional and only the marked pointers as optionals.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#if !defined(__clang__)
#define _Nonnull
#define _Nullable
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __clang__
#pragma clang assume_nonnull begin
#endif

/* Error kinds, from the Xapian exception that was caught. */
typedef enum cx_status {
    CX_OK = 0,
    CX_ERROR_LOCK = 1,             /* DatabaseLockError: another writer holds the lock */
    CX_ERROR_CORRUPT = 2,          /* DatabaseCorruptError */
    CX_ERROR_OPENING = 3,          /* DatabaseOpeningError / DatabaseVersionError */
    CX_ERROR_MODIFIED = 4,         /* DatabaseModifiedError: reopen() and retry */
    CX_ERROR_NOT_FOUND = 5,        /* DatabaseNotFoundError, DocNotFoundError */
    CX_ERROR_INVALID_ARGUMENT = 6, /* InvalidArgumentError, InvalidOperationError, RangeError */
    CX_ERROR_NETWORK = 7,          /* NetworkError, NetworkTimeoutError */
    CX_ERROR_OTHER = 8,            /* anything else, including std::exception */
    CX_ERROR_UNSUPPORTED = 9       /* UnimplementedError: a feature this backend lacks, e.g.
                                      a MatchDecider over a remote (xapian-tcpsrv) shard */
} cx_status;

typedef struct cx_database cx_database;   /* Xapian::Database (read-only, possibly combined) */
typedef struct cx_writable cx_writable;   /* Xapian::WritableDatabase */
typedef struct cx_document cx_document;   /* Xapian::Document */
typedef struct cx_query cx_query;         /* Xapian::Query (immutable) */
typedef struct cx_enquire cx_enquire;     /* Xapian::Enquire */
typedef struct cx_mset cx_mset;           /* Xapian::MSet */
typedef struct cx_termiter cx_termiter;   /* a term list snapshot */

/* Frees a string handed out by this library; NULL is ignored. */
void cx_free(void *_Nullable pointer);

/* ---- read-only databases ---- */

/* Opens a database directory or a stub database file (Xapian's stub syntax). */
cx_status cx_database_open(const char *_Nullable path, size_t path_length,
                           cx_database *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* A database with no shards; add shards with cx_database_add_database. */
cx_status cx_database_new_empty(cx_database *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* A remote shard served by xapian-tcpsrv. Timeouts in milliseconds (0 = 10 s, Xapian's default). */
cx_status cx_database_open_remote(const char *_Nullable host, size_t host_length, unsigned port,
                                  unsigned timeout_ms, unsigned connect_timeout_ms,
                                  cx_database *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* Appends all shards of `shard` to `database` (searching them as one). */
cx_status cx_database_add_database(cx_database *database, const cx_database *shard,
                                   char *_Nullable *_Nullable error);
/* Re-opens at the latest commit. */
cx_status cx_database_reopen(cx_database *database, char *_Nullable *_Nullable error);
/* NULL is ignored. */
void cx_database_free(cx_database *_Nullable database);

cx_status cx_database_doccount(const cx_database *database, uint32_t *out, char *_Nullable *_Nullable error);
/* The sum of every document's length (the sum of its wdfs) over every shard. */
cx_status cx_database_total_length(const cx_database *database, uint64_t *out, char *_Nullable *_Nullable error);
/* The values in `slot` of the documents `query` matches (in docid order), back to back in
 * *values, each one's length in *lengths (both freed with cx_free). */
cx_status cx_database_matching_values(const cx_database *database, const cx_query *query, uint32_t slot,
                                      char *_Nullable *_Nonnull values, uint32_t *_Nullable *_Nonnull lengths,
                                      size_t *count, char *_Nullable *_Nullable error);
cx_status cx_database_termfreq(const cx_database *database, const char *_Nullable term, size_t term_length,
                               uint32_t *out, char *_Nullable *_Nullable error);
cx_status cx_database_get_document(const cx_database *database, uint32_t docid,
                                   cx_document *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* User metadata (key/value strings stored with the database); empty when the key is not set. */
cx_status cx_database_get_metadata(const cx_database *database, const char *_Nullable key, size_t key_length,
                                   char *_Nullable *_Nonnull value, size_t *value_length,
                                   char *_Nullable *_Nullable error);
/* A snapshot of all terms starting with `prefix`, with their term frequencies. */
cx_status cx_database_allterms(const cx_database *database, const char *_Nullable prefix, size_t prefix_length,
                               cx_termiter *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* A snapshot of the terms that have synonyms (Xapian's synonym table), starting with
 * `prefix`; term frequencies are 0. */
cx_status cx_database_synonym_keys(const cx_database *database, const char *_Nullable prefix, size_t prefix_length,
                                   cx_termiter *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* A snapshot of the synonyms stored for `term` (empty when it has none); term frequencies are 0. */
cx_status cx_database_synonyms(const cx_database *database, const char *_Nullable term, size_t term_length,
                               cx_termiter *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* Compacts every shard of `database` into one database directory at `destination`. */
cx_status cx_database_compact(cx_database *database, const char *_Nullable destination,
                              size_t destination_length, char *_Nullable *_Nullable error);
/* Runs Xapian's consistency check in a child process; returns the number of errors found
 * in *errors. A check that crashes (Xapian 1.4.22 reads out of bounds on some damaged
 * blocks) returns CX_ERROR_CORRUPT. */
cx_status cx_database_check(const char *_Nullable path, size_t path_length, size_t *errors,
                            char *_Nullable *_Nullable error);

/* ---- term lists ---- */

/* Advances; returns 1 and sets term/termfreq when there is one, 0 at the end.
 * The term pointer stays valid until the next call or cx_termiter_free. */
int cx_termiter_next(cx_termiter *iterator, const char *_Nullable *_Nonnull term, size_t *term_length,
                     uint32_t *termfreq);
/* NULL is ignored. */
void cx_termiter_free(cx_termiter *_Nullable iterator);

/* ---- writable databases ---- */

typedef enum cx_open_mode {
    CX_CREATE_OR_OPEN = 0,
    CX_CREATE_OR_OVERWRITE = 1
} cx_open_mode;

cx_status cx_writable_open(const char *_Nullable path, size_t path_length, cx_open_mode mode,
                           cx_writable *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
cx_status cx_writable_commit(cx_writable *database, char *_Nullable *_Nullable error);
/* Commits pending changes and releases the lock. */
cx_status cx_writable_close(cx_writable *database, char *_Nullable *_Nullable error);
/* Frees the handle (NULL is ignored). Xapian's destructor commits pending changes and
 * swallows any error: call cx_writable_commit or cx_writable_close first to see it. */
void cx_writable_free(cx_writable *_Nullable database);
/* A read handle on the same database; it sees uncommitted changes. */
cx_status cx_writable_database(const cx_writable *database, cx_database *_Nullable *_Nonnull out,
                               char *_Nullable *_Nullable error);

cx_status cx_writable_add_document(cx_writable *database, const cx_document *document,
                                   uint32_t *docid, char *_Nullable *_Nullable error);
/* Deletes every document indexed by `term`. */
cx_status cx_writable_delete_documents_by_term(cx_writable *database, const char *_Nullable term,
                                               size_t term_length, char *_Nullable *_Nullable error);
/* An empty value deletes the key. */
cx_status cx_writable_set_metadata(cx_writable *database, const char *_Nullable key, size_t key_length,
                                   const char *_Nullable value, size_t value_length,
                                   char *_Nullable *_Nullable error);

/* Adds `synonym` to the synonyms of `term` (no-op when present); committed with the next commit. */
cx_status cx_writable_add_synonym(cx_writable *database, const char *_Nullable term, size_t term_length,
                                  const char *_Nullable synonym, size_t synonym_length,
                                  char *_Nullable *_Nullable error);
/* Removes every synonym of `term`. */
cx_status cx_writable_clear_synonyms(cx_writable *database, const char *_Nullable term, size_t term_length,
                                     char *_Nullable *_Nullable error);

/* ---- documents ---- */

cx_status cx_document_new(cx_document *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* NULL is ignored. */
void cx_document_free(cx_document *_Nullable document);
/* A term at a position (1-based in Xapian; 0 is allowed but unusual), wdf += wdf_increment. */
cx_status cx_document_add_posting(cx_document *document, const char *_Nullable term, size_t term_length,
                                  uint32_t position, uint32_t wdf_increment, char *_Nullable *_Nullable error);
/* A term without positional information. */
cx_status cx_document_add_term(cx_document *document, const char *_Nullable term, size_t term_length,
                               uint32_t wdf_increment, char *_Nullable *_Nullable error);
/* `count` terms without positions: their bytes back to back in `bytes`, term i being
   `lengths[i]` bytes with wdf increment `wdfs[i]`. The arrays may be NULL when count is 0. */
cx_status cx_document_add_terms(cx_document *document, const char *_Nullable bytes,
                                const uint32_t *_Nullable lengths, const uint32_t *_Nullable wdfs,
                                size_t count, char *_Nullable *_Nullable error);
/* A term with wdf 0: filters without affecting weights. */
cx_status cx_document_add_boolean_term(cx_document *document, const char *_Nullable term, size_t term_length,
                                       char *_Nullable *_Nullable error);
cx_status cx_document_set_data(cx_document *document, const char *_Nullable data, size_t length,
                               char *_Nullable *_Nullable error);
cx_status cx_document_get_data(const cx_document *document, char *_Nullable *_Nonnull data, size_t *length,
                               char *_Nullable *_Nullable error);
cx_status cx_document_add_value(cx_document *document, uint32_t slot, const char *_Nullable value,
                                size_t length, char *_Nullable *_Nullable error);

/* ---- queries (immutable; combining copies the subqueries' references) ---- */

typedef enum cx_query_op {
    CX_OP_AND = 0,
    CX_OP_OR = 1,
    CX_OP_AND_NOT = 2,
    CX_OP_AND_MAYBE = 3,
    CX_OP_FILTER = 4,
    CX_OP_PHRASE = 5    /* adjacent, in order: the window is the number of subqueries */
} cx_query_op;

/* A single term; `position` matters only inside a phrase (0: none). */
cx_status cx_query_new_term(const char *_Nullable term, size_t term_length, uint32_t position,
                            cx_query *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* Combines `count` subqueries; `subqueries` may be NULL when count is 0. */
cx_status cx_query_new_combined(cx_query_op op, const cx_query *const _Nonnull *_Nullable subqueries,
                                size_t count, cx_query *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
cx_status cx_query_new_scaled(const cx_query *subquery, double factor, cx_query *_Nullable *_Nonnull out,
                              char *_Nullable *_Nullable error);
/* Documents whose value in `slot` is within [low, high] (string order). An empty low or
 * high leaves that side open. */
cx_status cx_query_new_value_range(uint32_t slot, const char *_Nullable low, size_t low_length,
                                   const char *_Nullable high, size_t high_length,
                                   cx_query *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* The title boost (TitleBoost): each document `units[i]` matches (a report's first section)
 * lends `weights[i]` to every section of its report; *out is NULL when no unit matches
 * anything. A report is its first section's docid and the count in `count_slot` of the
 * sections that follow it; without counts, the sections with the same value in `key_slot`.
 * `portable`: Xapian's ValueMapPostingSource over `key_slot`, which remote shards can run. */
cx_status cx_query_new_title_boost(const cx_database *database, const cx_query *const _Nonnull *_Nullable units,
                                   const double *_Nullable weights, size_t count, uint32_t key_slot,
                                   uint32_t count_slot, int portable, cx_query *_Nullable *_Nonnull out,
                                   char *_Nullable *_Nullable error);
/* All terms starting with `prefix`, as one synonym, unlimited expansion. */
cx_status cx_query_new_wildcard(const char *_Nullable prefix, size_t prefix_length,
                                cx_query *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* Every document, weight 0 (Xapian::Query::MatchAll). */
cx_status cx_query_new_match_all(cx_query *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
/* No document (Xapian::Query::MatchNothing). */
cx_status cx_query_new_match_nothing(cx_query *_Nullable *_Nonnull out, char *_Nullable *_Nullable error);
cx_status cx_query_describe(const cx_query *query, char *_Nullable *_Nonnull description, size_t *length,
                            char *_Nullable *_Nullable error);
/* NULL is ignored. */
void cx_query_free(cx_query *_Nullable query);

/* ---- enquire and results ---- */

typedef enum cx_sort {
    CX_SORT_VALUE_THEN_RELEVANCE = 0,
    CX_SORT_RELEVANCE_THEN_VALUE = 1
} cx_sort;

/* Called for every candidate before it can enter the result set; return non-zero to
 * accept. `data` is the candidate's document data. Must not throw or unwind. */
typedef int (*cx_match_decider_fn)(void *_Nullable context, uint32_t docid, const char *data, size_t length);

cx_status cx_enquire_new(const cx_database *database, cx_enquire *_Nullable *_Nonnull out,
                         char *_Nullable *_Nullable error);
/* NULL is ignored. */
void cx_enquire_free(cx_enquire *_Nullable enquire);
cx_status cx_enquire_set_query(cx_enquire *enquire, const cx_query *query, char *_Nullable *_Nullable error);
cx_status cx_enquire_set_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b,
                              double min_normlen, char *_Nullable *_Nullable error);
/* Keeps at most `max` results per distinct value in `slot`. */
cx_status cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, uint32_t max,
                                      char *_Nullable *_Nullable error);
cx_status cx_enquire_set_sort(cx_enquire *enquire, cx_sort sort, uint32_t slot, int reverse,
                              char *_Nullable *_Nullable error);
/* Runs the match. With a decider (NULL: none) over a remote shard this fails with
 * CX_ERROR_UNSUPPORTED: Xapian's remote backend cannot run one. */
cx_status cx_enquire_get_mset(cx_enquire *enquire, uint32_t first, uint32_t max_items,
                              uint32_t check_at_least, cx_match_decider_fn _Nullable decider,
                              void *_Nullable decider_context, cx_mset *_Nullable *_Nonnull out,
                              char *_Nullable *_Nullable error);

/* NULL is ignored. */
void cx_mset_free(cx_mset *_Nullable mset);
uint32_t cx_mset_size(const cx_mset *mset);
uint32_t cx_mset_matches_estimated(const cx_mset *mset);
/* Access to the index-th match (0-based within this MSet). */
cx_status cx_mset_docid(const cx_mset *mset, uint32_t index, uint32_t *out, char *_Nullable *_Nullable error);
cx_status cx_mset_weight(const cx_mset *mset, uint32_t index, double *out, char *_Nullable *_Nullable error);
cx_status cx_mset_data(const cx_mset *mset, uint32_t index, char *_Nullable *_Nonnull data, size_t *length,
                       char *_Nullable *_Nullable error);
cx_status cx_mset_value(const cx_mset *mset, uint32_t index, uint32_t slot, char *_Nullable *_Nonnull value,
                        size_t *length, char *_Nullable *_Nullable error);

#ifdef __clang__
#pragma clang assume_nonnull end
#endif

#ifdef __cplusplus
}
#endif

#endif /* CXAPIAN_H */
