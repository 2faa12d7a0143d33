/*
 * cxapian.h — a plain C API over Xapian 1.4 (libxapian-dev).
 *
 * Conventions (after leveldb's c.h):
 *  - every object is an opaque handle; every cx_*_open / cx_*_new has one cx_*_free;
 *  - strings are a pointer plus a byte length and may hold NUL bytes;
 *  - every call that can fail returns a cx_status and takes `char **error` last.
 *    On failure *error receives a malloc'd message (free it with cx_free); on success it
 *    is left untouched. No C++ exception ever leaves this library.
 *  - strings handed out (cx_*_get_*) are malloc'd copies: free them with cx_free.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error kinds, from the Xapian exception that was caught. */
typedef enum cx_status {
    CX_OK = 0,
    CX_ERROR_LOCK = 1,             /* DatabaseLockError: another writer holds the lock */
    CX_ERROR_CORRUPT = 2,          /* DatabaseCorruptError */
    CX_ERROR_OPENING = 3,          /* DatabaseOpeningError / DatabaseVersionError */
    CX_ERROR_MODIFIED = 4,         /* DatabaseModifiedError: reopen() and retry */
    CX_ERROR_NOT_FOUND = 5,        /* DocNotFoundError */
    CX_ERROR_INVALID_ARGUMENT = 6, /* InvalidArgumentError, InvalidOperationError, RangeError */
    CX_ERROR_NETWORK = 7,          /* NetworkError, NetworkTimeoutError */
    CX_ERROR_OTHER = 8             /* anything else, including std::exception */
} cx_status;

typedef struct cx_database cx_database;   /* Xapian::Database (read-only, possibly combined) */
typedef struct cx_writable cx_writable;   /* Xapian::WritableDatabase */
typedef struct cx_document cx_document;   /* Xapian::Document */
typedef struct cx_query cx_query;         /* Xapian::Query (immutable) */
typedef struct cx_enquire cx_enquire;     /* Xapian::Enquire */
typedef struct cx_mset cx_mset;           /* Xapian::MSet */
typedef struct cx_termiter cx_termiter;   /* a term list snapshot */

void cx_free(void *pointer);
/* Xapian's version string, e.g. "1.4.22" (static, do not free). */
const char *cx_version_string(void);

/* ---- read-only databases ---- */

/* Opens a database directory or a stub database file (Xapian's stub syntax). */
cx_status cx_database_open(const char *path, size_t path_length, cx_database **out, char **error);
/* A database with no shards; add shards with cx_database_add_database. */
cx_status cx_database_new_empty(cx_database **out, char **error);
/* A remote shard served by xapian-tcpsrv. Timeouts in milliseconds (0 = Xapian's default). */
cx_status cx_database_open_remote(const char *host, size_t host_length, unsigned port,
                                  unsigned timeout_ms, unsigned connect_timeout_ms,
                                  cx_database **out, char **error);
/* Appends all shards of `shard` to `database` (searching them as one). */
cx_status cx_database_add_database(cx_database *database, const cx_database *shard, char **error);
/* Number of shards combined in this handle. */
cx_status cx_database_shard_count(const cx_database *database, size_t *out, char **error);
/* Re-opens at the latest commit; *changed is set to 1 when it moved. */
cx_status cx_database_reopen(cx_database *database, int *changed, char **error);
cx_status cx_database_close(cx_database *database, char **error);
void cx_database_free(cx_database *database);

cx_status cx_database_doccount(const cx_database *database, uint32_t *out, char **error);
cx_status cx_database_lastdocid(const cx_database *database, uint32_t *out, char **error);
cx_status cx_database_average_length(const cx_database *database, double *out, char **error);
cx_status cx_database_termfreq(const cx_database *database, const char *term, size_t term_length,
                               uint32_t *out, char **error);
cx_status cx_database_get_document(const cx_database *database, uint32_t docid,
                                   cx_document **out, char **error);
/* User metadata (key/value strings stored with the database). */
cx_status cx_database_get_metadata(const cx_database *database, const char *key, size_t key_length,
                                   char **value, size_t *value_length, char **error);
/* The docids of the documents indexed by `term`, ascending. *docids is malloc'd. */
cx_status cx_database_postlist(const cx_database *database, const char *term, size_t term_length,
                               uint32_t **docids, size_t *count, char **error);
/* A snapshot of all terms starting with `prefix`, with their term frequencies. */
cx_status cx_database_allterms(const cx_database *database, const char *prefix, size_t prefix_length,
                               cx_termiter **out, char **error);
/* Compacts the database into `destination` (a directory, or a single file when single_file != 0). */
cx_status cx_database_compact(cx_database *database, const char *destination,
                              size_t destination_length, int single_file, char **error);
/* Runs Xapian's consistency check; returns the number of errors found in *errors. */
cx_status cx_database_check(const char *path, size_t path_length, size_t *errors, char **error);

/* ---- term lists ---- */

/* Advances; returns 1 and sets term/termfreq when there is one, 0 at the end.
 * The term pointer stays valid until the next call or cx_termiter_free. */
int cx_termiter_next(cx_termiter *iterator, const char **term, size_t *term_length, uint32_t *termfreq);
void cx_termiter_free(cx_termiter *iterator);

/* ---- writable databases ---- */

typedef enum cx_open_mode {
    CX_CREATE_OR_OPEN = 0,
    CX_CREATE_OR_OVERWRITE = 1,
    CX_OPEN_EXISTING = 2,
    CX_CREATE_NEW = 3
} cx_open_mode;

cx_status cx_writable_open(const char *path, size_t path_length, cx_open_mode mode,
                           cx_writable **out, char **error);
cx_status cx_writable_commit(cx_writable *database, char **error);
cx_status cx_writable_begin_transaction(cx_writable *database, int flushed, char **error);
cx_status cx_writable_commit_transaction(cx_writable *database, char **error);
cx_status cx_writable_cancel_transaction(cx_writable *database, char **error);
/* Commits pending changes (unless in a transaction) and releases the lock. */
cx_status cx_writable_close(cx_writable *database, char **error);
/* Frees the handle. Xapian's destructor commits pending changes (outside a transaction)
 * and swallows any error: call cx_writable_commit or cx_writable_close first to see it. */
void cx_writable_free(cx_writable *database);
/* A read handle on the same database; it sees uncommitted changes. */
cx_status cx_writable_database(const cx_writable *database, cx_database **out, char **error);

cx_status cx_writable_add_document(cx_writable *database, const cx_document *document,
                                   uint32_t *docid, char **error);
/* Replaces every document indexed by `unique_term` with `document` (adds it when none). */
cx_status cx_writable_replace_document_by_term(cx_writable *database, const char *unique_term,
                                               size_t term_length, const cx_document *document,
                                               uint32_t *docid, char **error);
cx_status cx_writable_replace_document(cx_writable *database, uint32_t docid,
                                       const cx_document *document, char **error);
/* Deletes every document indexed by `term`. */
cx_status cx_writable_delete_documents_by_term(cx_writable *database, const char *term,
                                               size_t term_length, char **error);
cx_status cx_writable_delete_document(cx_writable *database, uint32_t docid, char **error);
cx_status cx_writable_set_metadata(cx_writable *database, const char *key, size_t key_length,
                                   const char *value, size_t value_length, char **error);

/* ---- documents ---- */

cx_status cx_document_new(cx_document **out, char **error);
void cx_document_free(cx_document *document);
/* A term at a position (1-based in Xapian; 0 is allowed but unusual), wdf += wdf_increment. */
cx_status cx_document_add_posting(cx_document *document, const char *term, size_t term_length,
                                  uint32_t position, uint32_t wdf_increment, char **error);
/* A term without positional information. */
cx_status cx_document_add_term(cx_document *document, const char *term, size_t term_length,
                               uint32_t wdf_increment, char **error);
/* `count` terms without positions: their bytes back to back in `bytes`, term i being
   `lengths[i]` bytes with wdf increment `wdfs[i]`. */
cx_status cx_document_add_terms(cx_document *document, const char *bytes, const uint32_t *lengths,
                                const uint32_t *wdfs, size_t count, char **error);
/* A term with wdf 0: filters without affecting weights. */
cx_status cx_document_add_boolean_term(cx_document *document, const char *term, size_t term_length,
                                       char **error);
cx_status cx_document_set_data(cx_document *document, const char *data, size_t length, char **error);
cx_status cx_document_get_data(const cx_document *document, char **data, size_t *length, char **error);
cx_status cx_document_add_value(cx_document *document, uint32_t slot, const char *value,
                                size_t length, char **error);
cx_status cx_document_get_value(const cx_document *document, uint32_t slot, char **value,
                                size_t *length, char **error);
/* A snapshot of the document's terms (termfreq carries the wdf). */
cx_status cx_document_termlist(const cx_document *document, cx_termiter **out, char **error);
/* Positions of `term` in the document; *positions is malloc'd. */
cx_status cx_document_positions(const cx_document *document, const char *term, size_t term_length,
                                uint32_t **positions, size_t *count, char **error);

/* ---- queries (immutable; combining copies the subqueries' references) ---- */

typedef enum cx_query_op {
    CX_OP_AND = 0,
    CX_OP_OR = 1,
    CX_OP_AND_NOT = 2,
    CX_OP_XOR = 3,
    CX_OP_AND_MAYBE = 4,
    CX_OP_FILTER = 5,
    CX_OP_NEAR = 6,
    CX_OP_PHRASE = 7,
    CX_OP_ELITE_SET = 8,
    CX_OP_SYNONYM = 9,
    CX_OP_MAX = 10
} cx_query_op;

cx_status cx_query_new_term(const char *term, size_t term_length, uint32_t wqf, uint32_t position,
                            cx_query **out, char **error);
/* Combines subqueries; `window` is used by PHRASE/NEAR (0 = the number of subqueries)
 * and as the set size by ELITE_SET. */
cx_status cx_query_new_combined(cx_query_op op, const cx_query *const *subqueries, size_t count,
                                uint32_t window, cx_query **out, char **error);
cx_status cx_query_new_scaled(const cx_query *subquery, double factor, cx_query **out, char **error);
/* Documents whose value in `slot` is within [low, high] (string order). An empty low or
 * high leaves that side open. */
cx_status cx_query_new_value_range(uint32_t slot, const char *low, size_t low_length,
                                   const char *high, size_t high_length, cx_query **out, char **error);
/* All terms starting with `prefix`, OR-ed (max_expansion 0 = unlimited). */
cx_status cx_query_new_wildcard(const char *prefix, size_t prefix_length, uint32_t max_expansion,
                                cx_query **out, char **error);
/* kind 0: match everything, 1: match nothing. */
cx_status cx_query_new_special(int kind, cx_query **out, char **error);
cx_status cx_query_describe(const cx_query *query, char **description, size_t *length, char **error);
void cx_query_free(cx_query *query);

/* ---- enquire and results ---- */

typedef enum cx_sort {
    CX_SORT_RELEVANCE = 0,
    CX_SORT_VALUE = 1,                  /* by value only */
    CX_SORT_VALUE_THEN_RELEVANCE = 2,
    CX_SORT_RELEVANCE_THEN_VALUE = 3
} cx_sort;

/* Called for every candidate before it can enter the result set; return non-zero to
 * accept. `data` is the candidate's document data. Must not throw or unwind. */
typedef int (*cx_match_decider_fn)(void *context, uint32_t docid, const char *data, size_t length);

cx_status cx_enquire_new(const cx_database *database, cx_enquire **out, char **error);
void cx_enquire_free(cx_enquire *enquire);
cx_status cx_enquire_set_query(cx_enquire *enquire, const cx_query *query, char **error);
cx_status cx_enquire_set_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b,
                              double min_normlen, char **error);
/* Keeps at most `max` results per distinct value in `slot`. */
cx_status cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, uint32_t max, char **error);
cx_status cx_enquire_set_sort(cx_enquire *enquire, cx_sort sort, uint32_t slot, int reverse, char **error);
/* Results with at least this share (0–100) of the top weight only. */
cx_status cx_enquire_set_cutoff(cx_enquire *enquire, int percent, double weight, char **error);
cx_status cx_enquire_get_mset(cx_enquire *enquire, uint32_t first, uint32_t max_items,
                              uint32_t check_at_least, cx_match_decider_fn decider,
                              void *decider_context, cx_mset **out, char **error);

void cx_mset_free(cx_mset *mset);
uint32_t cx_mset_size(const cx_mset *mset);
uint32_t cx_mset_matches_estimated(const cx_mset *mset);
uint32_t cx_mset_matches_lower_bound(const cx_mset *mset);
uint32_t cx_mset_matches_upper_bound(const cx_mset *mset);
/* Access to the index-th match (0-based within this MSet). */
cx_status cx_mset_docid(const cx_mset *mset, uint32_t index, uint32_t *out, char **error);
cx_status cx_mset_rank(const cx_mset *mset, uint32_t index, uint32_t *out, char **error);
cx_status cx_mset_weight(const cx_mset *mset, uint32_t index, double *out, char **error);
cx_status cx_mset_collapse_count(const cx_mset *mset, uint32_t index, uint32_t *out, char **error);
cx_status cx_mset_document(const cx_mset *mset, uint32_t index, cx_document **out, char **error);
cx_status cx_mset_data(const cx_mset *mset, uint32_t index, char **data, size_t *length, char **error);
cx_status cx_mset_value(const cx_mset *mset, uint32_t index, uint32_t slot, char **value,
                        size_t *length, char **error);

#ifdef __cplusplus
}
#endif

#endif /* CXAPIAN_H */
