// cxapian.cpp — the C++17 side of cxapian.h. Every entry point runs its body inside
// guard(), which turns any exception into a status and a malloc'd message, so nothing
// unwinds into C or Swift.
//
// Xapian::Error does not derive from std::exception and has no virtual what(), so the
// catch clauses are ordered from the most specific Xapian class to the most general,
// then std::exception, then everything else.

#include "cxapian.h"

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include <csignal>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct cx_database { Xapian::Database db; };
struct cx_writable { Xapian::WritableDatabase db; };
struct cx_document { Xapian::Document doc; };
struct cx_query { Xapian::Query query; };
struct cx_enquire { Xapian::Enquire enquire; };
struct cx_mset { Xapian::MSet mset; };
struct cx_termiter {
    std::vector<std::pair<std::string, Xapian::doccount>> terms;
    size_t next = 0;
};

namespace {

char *copy_string(const std::string &s) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p == nullptr) return nullptr;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

cx_status fail(char **error, cx_status status, const std::string &message) {
    if (error != nullptr) *error = copy_string(message);
    return status;
}

cx_status fail(char **error, cx_status status, const Xapian::Error &e) {
    std::string message = e.get_msg();
    if (message.empty()) message = e.get_type();
    const char *errno_text = e.get_error_string();
    if (errno_text != nullptr && *errno_text != '\0') {
        message += " (";
        message += errno_text;
        message += ")";
    }
    return fail(error, status, message);
}

template <typename Body>
cx_status guard(char **error, Body &&body) {
    try {
        body();
        return CX_OK;
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(error, CX_ERROR_LOCK, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fail(error, CX_ERROR_CORRUPT, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return fail(error, CX_ERROR_MODIFIED, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return fail(error, CX_ERROR_NOT_FOUND, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return fail(error, CX_ERROR_OPENING, e);
    } catch (const Xapian::DocNotFoundError &e) {
        return fail(error, CX_ERROR_NOT_FOUND, e);
    } catch (const Xapian::NetworkError &e) {
        return fail(error, CX_ERROR_NETWORK, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return fail(error, CX_ERROR_INVALID_ARGUMENT, e);
    } catch (const Xapian::InvalidOperationError &e) {
        return fail(error, CX_ERROR_INVALID_ARGUMENT, e);
    } catch (const Xapian::RangeError &e) {
        return fail(error, CX_ERROR_INVALID_ARGUMENT, e);
    } catch (const Xapian::UnimplementedError &e) {
        // The remote backend refuses a MatchDecider (and a KeyMaker) this way, in
        // matcher/multimatch.cc: "Xapian::MatchDecider not supported for the remote backend".
        return fail(error, CX_ERROR_UNSUPPORTED, e);
    } catch (const Xapian::Error &e) {
        return fail(error, CX_ERROR_OTHER, e);
    } catch (const std::bad_alloc &) {
        return fail(error, CX_ERROR_OTHER, "out of memory");
    } catch (const std::exception &e) {
        return fail(error, CX_ERROR_OTHER, e.what());
    } catch (...) {
        return fail(error, CX_ERROR_OTHER, "unknown C++ exception");
    }
}

std::string str(const char *p, size_t n) { return n == 0 ? std::string() : std::string(p, n); }

cx_status copy_out(const std::string &s, char **out, size_t *length) {
    *out = static_cast<char *>(std::malloc(s.size() + 1));
    if (*out == nullptr) throw std::bad_alloc();
    if (!s.empty()) std::memcpy(*out, s.data(), s.size());
    (*out)[s.size()] = '\0';
    *length = s.size();
    return CX_OK;
}

cx_termiter *snapshot(Xapian::TermIterator it, Xapian::TermIterator end) {
    auto *result = new cx_termiter();
    for (; it != end; ++it) result->terms.emplace_back(*it, it.get_termfreq());
    return result;
}

// Synonym iterators have no term frequency (get_termfreq() throws InvalidOperationError).
cx_termiter *snapshot_without_freqs(Xapian::TermIterator it, Xapian::TermIterator end) {
    auto *result = new cx_termiter();
    for (; it != end; ++it) result->terms.emplace_back(*it, 0);
    return result;
}

class CallbackDecider : public Xapian::MatchDecider {
  public:
    CallbackDecider(cx_match_decider_fn fn, void *context) : fn_(fn), context_(context) {}
    bool operator()(const Xapian::Document &doc) const override {
        const std::string data = doc.get_data();
        return fn_(context_, doc.get_docid(), data.data(), data.size()) != 0;
    }

  private:
    cx_match_decider_fn fn_;
    void *context_;
};

Xapian::Query::op to_op(cx_query_op op) {
    switch (op) {
        case CX_OP_AND: return Xapian::Query::OP_AND;
        case CX_OP_OR: return Xapian::Query::OP_OR;
        case CX_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
        case CX_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
        case CX_OP_FILTER: return Xapian::Query::OP_FILTER;
        case CX_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

}  // namespace

extern "C" {

void cx_free(void *pointer) { std::free(pointer); }

// ---- read-only databases ----

cx_status cx_database_open(const char *path, size_t path_length, cx_database **out, char **error) {
    return guard(error, [&] { *out = new cx_database{Xapian::Database(str(path, path_length))}; });
}

cx_status cx_database_new_empty(cx_database **out, char **error) {
    return guard(error, [&] { *out = new cx_database{Xapian::Database()}; });
}

cx_status cx_database_open_remote(const char *host, size_t host_length, unsigned port,
                                  unsigned timeout_ms, unsigned connect_timeout_ms,
                                  cx_database **out, char **error) {
    return guard(error, [&] {
        const useconds_t timeout = timeout_ms == 0 ? 10000 : timeout_ms;
        const useconds_t connect_timeout = connect_timeout_ms == 0 ? 10000 : connect_timeout_ms;
        *out = new cx_database{Xapian::Remote::open(str(host, host_length), port, timeout, connect_timeout)};
    });
}

cx_status cx_database_add_database(cx_database *database, const cx_database *shard, char **error) {
    return guard(error, [&] { database->db.add_database(shard->db); });
}

cx_status cx_database_reopen(cx_database *database, char **error) {
    return guard(error, [&] { database->db.reopen(); });
}

void cx_database_free(cx_database *database) {
    try {
        delete database;
    } catch (...) {
    }
}

cx_status cx_database_doccount(const cx_database *database, uint32_t *out, char **error) {
    return guard(error, [&] { *out = database->db.get_doccount(); });
}

cx_status cx_database_total_length(const cx_database *database, uint64_t *out, char **error) {
    return guard(error, [&] { *out = database->db.get_total_length(); });
}

cx_status cx_database_termfreq(const cx_database *database, const char *term, size_t term_length,
                               uint32_t *out, char **error) {
    return guard(error, [&] { *out = database->db.get_termfreq(str(term, term_length)); });
}

cx_status cx_database_get_document(const cx_database *database, uint32_t docid,
                                   cx_document **out, char **error) {
    return guard(error, [&] { *out = new cx_document{database->db.get_document(docid)}; });
}

cx_status cx_database_get_metadata(const cx_database *database, const char *key, size_t key_length,
                                   char **value, size_t *value_length, char **error) {
    return guard(error, [&] { copy_out(database->db.get_metadata(str(key, key_length)), value, value_length); });
}

cx_status cx_database_allterms(const cx_database *database, const char *prefix, size_t prefix_length,
                               cx_termiter **out, char **error) {
    return guard(error, [&] {
        const std::string p = str(prefix, prefix_length);
        *out = snapshot(database->db.allterms_begin(p), database->db.allterms_end(p));
    });
}

cx_status cx_database_synonym_keys(const cx_database *database, const char *prefix, size_t prefix_length,
                                   cx_termiter **out, char **error) {
    return guard(error, [&] {
        const std::string p = str(prefix, prefix_length);
        *out = snapshot_without_freqs(database->db.synonym_keys_begin(p), database->db.synonym_keys_end(p));
    });
}

cx_status cx_database_synonyms(const cx_database *database, const char *term, size_t term_length,
                               cx_termiter **out, char **error) {
    return guard(error, [&] {
        const std::string t = str(term, term_length);
        *out = snapshot_without_freqs(database->db.synonyms_begin(t), database->db.synonyms_end(t));
    });
}

// Xapian's write lock belongs to the open lock file, and a forked child holds every open file
// of this process until close_all_but() closes them. So a fork and the release of a lock
// take turns: the parent holds this mutex from fork() until the child says it has closed
// them, and closing a writer or ending a compaction (both release a lock) takes it too. Without
// it a writer closed and reopened while a check child was starting failed "already locked"
// (seen in two full test runs, once under ASan).
static std::mutex lock_release;

cx_status cx_database_compact(cx_database *database, const char *destination,
                              size_t destination_length, char **error) {
    return guard(error, [&] {
        std::lock_guard<std::mutex> releasing(lock_release);  // it locks the destination until done
        database->db.compact(str(destination, destination_length), Xapian::DBCOMPACT_MULTIPASS);
    });
}

namespace {

bool write_all(int fd, const void *data, size_t length) {
    const char *p = static_cast<const char *>(data);
    while (length > 0) {
        ssize_t n = ::write(fd, p, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        length -= static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

// Xapian 1.4.22's check reads out of bounds on some damaged blocks (valgrind: "Invalid
// read of size 1" in Database::check_ on a termlist.glass with 51 bytes overwritten), and
// whether that crashes depends on the heap. So it runs in a child process: the child
// reports status, error count and message through a pipe; a child killed by a signal
// means the check met a block it could not read, i.e. damage.
/* Closes every descriptor from 3 up except `keep` (close_range where the kernel has it). */
static void close_all_but(int keep) {
#ifdef SYS_close_range
    if (keep > 3) ::syscall(SYS_close_range, 3u, static_cast<unsigned>(keep - 1), 0u);
    if (::syscall(SYS_close_range, static_cast<unsigned>(keep + 1), ~0u, 0u) == 0) return;
#endif
    long most = ::sysconf(_SC_OPEN_MAX);
    if (most < 0 || most > 65536) most = 65536;
    for (int fd = 3; fd < most; ++fd) {
        if (fd != keep) ::close(fd);
    }
}

cx_status cx_database_check(const char *path, size_t path_length, size_t *errors, char **error) {
    const std::string database = str(path, path_length);
    int fds[2];
    if (::pipe(fds) != 0) {
        return guard(error, [&] { *errors = Xapian::Database::check(database, 0, nullptr); });
    }
    std::unique_lock<std::mutex> releasing(lock_release);
    pid_t child = ::fork();
    if (child < 0) {
        releasing.unlock();
        ::close(fds[0]);
        ::close(fds[1]);
        return guard(error, [&] { *errors = Xapian::Database::check(database, 0, nullptr); });
    }
    if (child == 0) {
        ::close(fds[0]);
        // The child inherits every descriptor of this multi-threaded process, among them
        // the lock file of any writer another thread holds open: Xapian's lock belongs to
        // the open file, so the child would keep that database locked until it exits, and
        // the writer could not open it again meanwhile. Keep only stdio and the pipe.
        close_all_but(fds[1]);
        const char closed = 0;
        if (!write_all(fds[1], &closed, 1)) ::_exit(1);
        // The parent reports a crash; the Swift runtime's backtracer would print it too.
        for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) ::signal(sig, SIG_DFL);
        size_t found = 0;
        char *message = nullptr;
        int status = guard(&message, [&] { found = Xapian::Database::check(database, 0, nullptr); });
        size_t length = message != nullptr ? std::strlen(message) : 0;
        bool ok = write_all(fds[1], &status, sizeof status) && write_all(fds[1], &found, sizeof found)
                  && write_all(fds[1], &length, sizeof length) && (length == 0 || write_all(fds[1], message, length));
        ::_exit(ok ? 0 : 1);
    }
    ::close(fds[1]);
    char closed = 0;
    while (::read(fds[0], &closed, 1) < 0 && errno == EINTR) {}
    releasing.unlock();
    std::string reply;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        reply.append(buffer, static_cast<size_t>(n));
    }
    ::close(fds[0]);
    int wait_status = 0;
    while (::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {}
    if (WIFSIGNALED(wait_status)) {
        return fail(error, CX_ERROR_CORRUPT,
                    "Xapian's consistency check crashed on a damaged block (signal " + std::to_string(WTERMSIG(wait_status)) + ")");
    }
    int status = 0;
    size_t found = 0, length = 0;
    const size_t header = sizeof status + sizeof found + sizeof length;
    if (reply.size() < header) return fail(error, CX_ERROR_OTHER, "Xapian's consistency check stopped without a result");
    std::memcpy(&status, reply.data(), sizeof status);
    std::memcpy(&found, reply.data() + sizeof status, sizeof found);
    std::memcpy(&length, reply.data() + sizeof status + sizeof found, sizeof length);
    if (status != CX_OK) return fail(error, static_cast<cx_status>(status), reply.substr(header, length));
    *errors = found;
    return CX_OK;
}

// ---- term lists ----

int cx_termiter_next(cx_termiter *iterator, const char **term, size_t *term_length, uint32_t *termfreq) {
    if (iterator->next >= iterator->terms.size()) return 0;
    const auto &entry = iterator->terms[iterator->next++];
    *term = entry.first.data();
    *term_length = entry.first.size();
    *termfreq = entry.second;
    return 1;
}

void cx_termiter_free(cx_termiter *iterator) { delete iterator; }

// ---- writable databases ----

cx_status cx_writable_open(const char *path, size_t path_length, cx_open_mode mode,
                           cx_writable **out, char **error) {
    return guard(error, [&] {
        int action = Xapian::DB_CREATE_OR_OPEN;
        switch (mode) {
            case CX_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
            case CX_CREATE_OR_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
        }
        *out = new cx_writable{Xapian::WritableDatabase(str(path, path_length), action)};
    });
}

cx_status cx_writable_commit(cx_writable *database, char **error) {
    return guard(error, [&] { database->db.commit(); });
}

cx_status cx_writable_close(cx_writable *database, char **error) {
    return guard(error, [&] {
        std::lock_guard<std::mutex> releasing(lock_release);
        database->db.close();
    });
}

void cx_writable_free(cx_writable *database) {
    try {
        std::lock_guard<std::mutex> releasing(lock_release);
        delete database;
    } catch (...) {
    }
}

cx_status cx_writable_database(const cx_writable *database, cx_database **out, char **error) {
    return guard(error, [&] { *out = new cx_database{database->db}; });
}

cx_status cx_writable_add_document(cx_writable *database, const cx_document *document,
                                   uint32_t *docid, char **error) {
    return guard(error, [&] { *docid = database->db.add_document(document->doc); });
}

cx_status cx_writable_delete_documents_by_term(cx_writable *database, const char *term,
                                               size_t term_length, char **error) {
    return guard(error, [&] { database->db.delete_document(str(term, term_length)); });
}

cx_status cx_writable_set_metadata(cx_writable *database, const char *key, size_t key_length,
                                   const char *value, size_t value_length, char **error) {
    return guard(error, [&] { database->db.set_metadata(str(key, key_length), str(value, value_length)); });
}

cx_status cx_writable_add_synonym(cx_writable *database, const char *term, size_t term_length,
                                  const char *synonym, size_t synonym_length, char **error) {
    return guard(error, [&] { database->db.add_synonym(str(term, term_length), str(synonym, synonym_length)); });
}

cx_status cx_writable_clear_synonyms(cx_writable *database, const char *term, size_t term_length, char **error) {
    return guard(error, [&] { database->db.clear_synonyms(str(term, term_length)); });
}

// ---- documents ----

cx_status cx_document_new(cx_document **out, char **error) {
    return guard(error, [&] { *out = new cx_document(); });
}

void cx_document_free(cx_document *document) { delete document; }

cx_status cx_document_add_posting(cx_document *document, const char *term, size_t term_length,
                                  uint32_t position, uint32_t wdf_increment, char **error) {
    return guard(error, [&] { document->doc.add_posting(str(term, term_length), position, wdf_increment); });
}

cx_status cx_document_add_term(cx_document *document, const char *term, size_t term_length,
                               uint32_t wdf_increment, char **error) {
    return guard(error, [&] { document->doc.add_term(str(term, term_length), wdf_increment); });
}

cx_status cx_document_add_terms(cx_document *document, const char *bytes, const uint32_t *lengths,
                                const uint32_t *wdfs, size_t count, char **error) {
    return guard(error, [&] {
        size_t offset = 0;
        for (size_t i = 0; i < count; ++i) {
            document->doc.add_term(std::string(bytes + offset, lengths[i]), wdfs[i]);
            offset += lengths[i];
        }
    });
}

cx_status cx_document_add_boolean_term(cx_document *document, const char *term, size_t term_length,
                                       char **error) {
    return guard(error, [&] { document->doc.add_boolean_term(str(term, term_length)); });
}

cx_status cx_document_set_data(cx_document *document, const char *data, size_t length, char **error) {
    return guard(error, [&] { document->doc.set_data(str(data, length)); });
}

cx_status cx_document_get_data(const cx_document *document, char **data, size_t *length, char **error) {
    return guard(error, [&] { copy_out(document->doc.get_data(), data, length); });
}

cx_status cx_document_add_value(cx_document *document, uint32_t slot, const char *value,
                                size_t length, char **error) {
    return guard(error, [&] { document->doc.add_value(slot, str(value, length)); });
}

// ---- queries ----

cx_status cx_query_new_term(const char *term, size_t term_length, uint32_t position, cx_query **out,
                            char **error) {
    return guard(error, [&] { *out = new cx_query{Xapian::Query(str(term, term_length), 1, position)}; });
}

cx_status cx_query_new_combined(cx_query_op op, const cx_query *const *subqueries, size_t count,
                                cx_query **out, char **error) {
    return guard(error, [&] {
        std::vector<Xapian::Query> subs;
        subs.reserve(count);
        for (size_t i = 0; i < count; ++i) subs.push_back(subqueries[i]->query);
        *out = new cx_query{Xapian::Query(to_op(op), subs.begin(), subs.end())};
    });
}

// A fresh match-all query, never a copy of the global Xapian::Query::MatchAll: Xapian 1.4
// counts references to a query's internals without atomics, so threads copying and
// dropping that one global at once lose counts and free it under a running match.
// Query(std::string()) is how Xapian defines MatchAll.
static Xapian::Query match_all() { return Xapian::Query(std::string()); }

cx_status cx_query_new_scaled(const cx_query *subquery, double factor, cx_query **out, char **error) {
    return guard(error, [&] {
        *out = new cx_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, subquery->query, factor)};
    });
}

cx_status cx_query_new_value_range(uint32_t slot, const char *low, size_t low_length,
                                   const char *high, size_t high_length, cx_query **out, char **error) {
    return guard(error, [&] {
        if (low_length == 0 && high_length == 0) {
            *out = new cx_query{match_all()};
        } else if (low_length == 0) {
            *out = new cx_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, str(high, high_length))};
        } else if (high_length == 0) {
            *out = new cx_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, str(low, low_length))};
        } else {
            *out = new cx_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, str(low, low_length),
                                              str(high, high_length))};
        }
    });
}

cx_status cx_query_new_wildcard(const char *prefix, size_t prefix_length, cx_query **out, char **error) {
    return guard(error, [&] {
        *out = new cx_query{Xapian::Query(Xapian::Query::OP_WILDCARD, str(prefix, prefix_length), 0,
                                          Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM)};
    });
}

cx_status cx_query_new_match_all(cx_query **out, char **error) {
    return guard(error, [&] { *out = new cx_query{match_all()}; });
}

cx_status cx_query_new_match_nothing(cx_query **out, char **error) {
    return guard(error, [&] { *out = new cx_query{Xapian::Query::MatchNothing}; });
}

cx_status cx_query_describe(const cx_query *query, char **description, size_t *length, char **error) {
    return guard(error, [&] { copy_out(query->query.get_description(), description, length); });
}

void cx_query_free(cx_query *query) { delete query; }

// ---- enquire and results ----

cx_status cx_enquire_new(const cx_database *database, cx_enquire **out, char **error) {
    return guard(error, [&] { *out = new cx_enquire{Xapian::Enquire(database->db)}; });
}

void cx_enquire_free(cx_enquire *enquire) { delete enquire; }

cx_status cx_enquire_set_query(cx_enquire *enquire, const cx_query *query, char **error) {
    return guard(error, [&] { enquire->enquire.set_query(query->query); });
}

cx_status cx_enquire_set_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b,
                              double min_normlen, char **error) {
    return guard(error, [&] { enquire->enquire.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen)); });
}

cx_status cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, uint32_t max, char **error) {
    return guard(error, [&] { enquire->enquire.set_collapse_key(slot, max); });
}

cx_status cx_enquire_set_sort(cx_enquire *enquire, cx_sort sort, uint32_t slot, int reverse, char **error) {
    return guard(error, [&] {
        switch (sort) {
            case CX_SORT_VALUE_THEN_RELEVANCE:
                enquire->enquire.set_sort_by_value_then_relevance(slot, reverse != 0);
                break;
            case CX_SORT_RELEVANCE_THEN_VALUE:
                enquire->enquire.set_sort_by_relevance_then_value(slot, reverse != 0);
                break;
        }
    });
}

cx_status cx_enquire_get_mset(cx_enquire *enquire, uint32_t first, uint32_t max_items,
                              uint32_t check_at_least, cx_match_decider_fn decider,
                              void *decider_context, cx_mset **out, char **error) {
    return guard(error, [&] {
        if (decider != nullptr) {
            CallbackDecider callback(decider, decider_context);
            *out = new cx_mset{enquire->enquire.get_mset(first, max_items, check_at_least, nullptr, &callback)};
        } else {
            *out = new cx_mset{enquire->enquire.get_mset(first, max_items, check_at_least)};
        }
    });
}

void cx_mset_free(cx_mset *mset) { delete mset; }

uint32_t cx_mset_size(const cx_mset *mset) { return mset->mset.size(); }
uint32_t cx_mset_matches_estimated(const cx_mset *mset) { return mset->mset.get_matches_estimated(); }

static Xapian::MSetIterator at(const cx_mset *mset, uint32_t index) {
    if (index >= mset->mset.size()) throw Xapian::RangeError("match index out of range");
    return mset->mset[index];
}

cx_status cx_mset_docid(const cx_mset *mset, uint32_t index, uint32_t *out, char **error) {
    return guard(error, [&] { *out = *at(mset, index); });
}

cx_status cx_mset_weight(const cx_mset *mset, uint32_t index, double *out, char **error) {
    return guard(error, [&] { *out = at(mset, index).get_weight(); });
}

cx_status cx_mset_data(const cx_mset *mset, uint32_t index, char **data, size_t *length, char **error) {
    return guard(error, [&] { copy_out(at(mset, index).get_document().get_data(), data, length); });
}

cx_status cx_mset_value(const cx_mset *mset, uint32_t index, uint32_t slot, char **value,
                        size_t *length, char **error) {
    return guard(error, [&] { copy_out(at(mset, index).get_document().get_value(slot), value, length); });
}

}  // extern "C"

namespace {

// The documents `query` matches, in docid order.
std::vector<Xapian::docid> matching_docids(const Xapian::Database &db, const Xapian::Query &query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Xapian::docid> ids(mset.begin(), mset.end());
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The values in `slot` of `ids` (ascending), read along the slot's value stream (one pass
// over its chunks); a document without one gets an empty string.
std::vector<std::string> values_of(const Xapian::Database &db, const std::vector<Xapian::docid> &ids, Xapian::valueno slot) {
    std::vector<std::string> values(ids.size());
    try {
        Xapian::ValueIterator value = db.valuestream_begin(slot);
        const Xapian::ValueIterator end = db.valuestream_end(slot);
        for (size_t i = 0; i < ids.size() && value != end; ++i) {
            value.skip_to(ids[i]);
            if (value != end && value.get_docid() == ids[i]) values[i] = *value;
        }
    } catch (const Xapian::UnimplementedError &) {
        // A remote shard has no value streams: ask each document.
        for (size_t i = 0; i < ids.size(); ++i) values[i] = db.get_document(ids[i]).get_value(slot);
    }
    return values;
}

// Weights by docid range, one sorted list of ranges per shard (found by the shard's UUID
// in init(), which Xapian 1.4 calls with each shard and its own docids). A report's sections
// have consecutive docids after its first section's, which carries their count: the title
// boost then costs a comparison of docids per candidate, where looking each candidate's file
// up read the file-slot value stream (37% more pread calls per dev query over all three
// corpus folders).
class RangeWeightSource : public Xapian::PostingSource {
  public:
    struct Range {
        Xapian::docid first, last;
        double weight;
    };
    using Shards = std::unordered_map<std::string, std::vector<Range>>;

    RangeWeightSource(std::shared_ptr<const Shards> shards, double max_weight)
        : shards_(std::move(shards)), max_weight_(max_weight) {}

    void init(const Xapian::Database &db) override {
        auto found = shards_->find(db.get_uuid());
        ranges_ = found == shards_->end() ? nullptr : &found->second;
        index_ = 0;
        current_ = 0;
        started_ = false;
        total_ = 0;
        if (ranges_ != nullptr) {
            for (const Range &r : *ranges_) total_ += r.last - r.first + 1;
        }
        set_maxweight(max_weight_);
    }

    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return total_; }
    Xapian::doccount get_termfreq_max() const override { return total_; }

    void next(double) override {
        if (!started_) {
            started_ = true;
            if (!at_end()) current_ = (*ranges_)[0].first;
            return;
        }
        if (at_end()) return;
        if (current_ < (*ranges_)[index_].last) {
            ++current_;
        } else if (++index_ < ranges_->size()) {
            current_ = (*ranges_)[index_].first;
        }
    }

    void skip_to(Xapian::docid did, double min_weight) override {
        if (!started_) next(min_weight);
        if (at_end() || did <= current_) return;
        auto from = ranges_->begin() + static_cast<std::ptrdiff_t>(index_);
        auto to = std::lower_bound(from, ranges_->end(), did, [](const Range &r, Xapian::docid d) { return r.last < d; });
        index_ = static_cast<size_t>(to - ranges_->begin());
        if (!at_end()) current_ = std::max(did, (*ranges_)[index_].first);
    }

    // Always determined, as a term's posting list is: on `did` or the next document after it.
    // (Answering "not determined" made Xapian 1.4's OR add this weight to the next document.)
    bool check(Xapian::docid did, double min_weight) override {
        skip_to(did, min_weight);
        return true;
    }

    bool at_end() const override { return ranges_ == nullptr || index_ >= ranges_->size(); }
    Xapian::docid get_docid() const override { return current_; }
    double get_weight() const override { return (*ranges_)[index_].weight; }

    RangeWeightSource *clone() const override { return new RangeWeightSource(shards_, max_weight_); }
    std::string name() const override { return "reportsearch::RangeWeightSource"; }

  private:
    std::shared_ptr<const Shards> shards_;
    double max_weight_;
    const std::vector<Range> *ranges_ = nullptr;
    size_t index_ = 0;
    Xapian::docid current_ = 0;
    bool started_ = false;
    Xapian::doccount total_ = 0;
};

// Each first section's report as a docid range in its shard; null when some first section
// has no section count (an index written before counts were stored), a shard has no UUID,
// or two ranges overlap.
std::shared_ptr<RangeWeightSource::Shards> report_ranges(const Xapian::Database &db,
                                                         const std::map<Xapian::docid, double> &firsts,
                                                         Xapian::valueno count_slot) {
    std::vector<std::string> uuids;
    const std::string all = db.get_uuid();
    for (size_t start = 0;;) {
        const size_t colon = all.find(':', start);
        uuids.push_back(all.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    for (const std::string &uuid : uuids) {
        if (uuid.empty()) return nullptr;
    }
    std::vector<Xapian::docid> ids;
    ids.reserve(firsts.size());
    for (const auto &entry : firsts) ids.push_back(entry.first);
    const std::vector<std::string> counts = values_of(db, ids, count_slot);
    auto shards = std::make_shared<RangeWeightSource::Shards>();
    const Xapian::docid n = static_cast<Xapian::docid>(uuids.size());
    size_t i = 0;
    for (const auto &[id, weight] : firsts) {
        const std::string &text = counts[i++];
        char *end = nullptr;
        const unsigned long sections = text.empty() ? 0 : std::strtoul(text.c_str(), &end, 10);
        if (sections == 0 || end == nullptr || *end != '\0') return nullptr;
        const Xapian::docid local = (id - 1) / n + 1;
        (*shards)[uuids[(id - 1) % n]].push_back({local, static_cast<Xapian::docid>(local + sections - 1), weight});
    }
    for (auto &[uuid, ranges] : *shards) {
        std::sort(ranges.begin(), ranges.end(), [](const RangeWeightSource::Range &a, const RangeWeightSource::Range &b) { return a.first < b.first; });
        for (size_t k = 1; k < ranges.size(); ++k) {
            if (ranges[k].first <= ranges[k - 1].last) return nullptr;
        }
    }
    return shards;
}

}  // namespace

extern "C" {

cx_status cx_database_matching_values(const cx_database *database, const cx_query *query, uint32_t slot,
                                      char **values, uint32_t **lengths, size_t *count, char **error) {
    return guard(error, [&] {
        const std::vector<std::string> found = values_of(database->db, matching_docids(database->db, query->query), slot);
        size_t total = 0;
        for (const auto &v : found) total += v.size();
        char *bytes = static_cast<char *>(std::malloc(total + 1));
        uint32_t *sizes = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * (found.size() + 1)));
        if (bytes == nullptr || sizes == nullptr) {
            std::free(bytes);
            std::free(sizes);
            throw std::bad_alloc();
        }
        size_t offset = 0;
        for (size_t k = 0; k < found.size(); ++k) {
            if (!found[k].empty()) std::memcpy(bytes + offset, found[k].data(), found[k].size());
            offset += found[k].size();
            sizes[k] = static_cast<uint32_t>(found[k].size());
        }
        *values = bytes;
        *lengths = sizes;
        *count = found.size();
    });
}

cx_status cx_query_new_title_boost(const cx_database *database, const cx_query *const *units, const double *weights,
                                   size_t count, uint32_t key_slot, uint32_t count_slot, int portable, cx_query **out,
                                   char **error) {
    return guard(error, [&] {
        *out = nullptr;
        const Xapian::Database &db = database->db;
        std::vector<std::vector<Xapian::docid>> matches(count);
        std::map<Xapian::docid, double> firsts;  // a report's first section → its weight
        for (size_t i = 0; i < count; ++i) {
            matches[i] = matching_docids(db, units[i]->query);
            for (Xapian::docid id : matches[i]) firsts[id] += weights[i];
        }
        if (firsts.empty()) return;
        if (!portable) {
            if (auto shards = report_ranges(db, firsts, count_slot)) {
                double max_weight = 0;
                for (const auto &entry : firsts) max_weight = std::max(max_weight, entry.second);
                *out = new cx_query{Xapian::Query((new RangeWeightSource(std::move(shards), max_weight))->release())};
                return;
            }
        }
        // Remote shards (which cannot run RangeWeightSource), or an index without section
        // counts: each section's report by its key, Xapian's ValueMapPostingSource. One entry
        // per report and word, however many of its sections matched.
        std::map<std::string, double> table;
        for (size_t i = 0; i < count; ++i) {
            std::vector<std::string> keys = values_of(db, matches[i], key_slot);
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            for (const std::string &key : keys) table[key] += weights[i];
        }
        auto *source = new Xapian::ValueMapPostingSource(key_slot);
        for (const auto &entry : table) source->add_mapping(entry.first, entry.second);
        *out = new cx_query{Xapian::Query(source->release())};
    });
}

}  // extern "C"
