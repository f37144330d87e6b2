/* project_store.c - opening a project file: its schema, migrations,
 * transactions and the small helpers the other project files share. */
#include "project_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_utf8.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define APP_ID 0x636f6461     /* "coda" */

/* Version 1 of the schema.  Times are ISO 8601 UTC text.  A document's
 * rev counts its texts (1, 2, ...); a segment lies in one rev.  A
 * segment's status is that of its latest decision (decision), kept with
 * it so that listing and counting need no look-up; gone is apart from it.
 * tallies counts the segments by code, coder and status (gone a status
 * there), kept by every change, so that counts need no scan. */
static const char schema_v1[] =
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " text TEXT NOT NULL, hash TEXT NOT NULL, rev INTEGER NOT NULL DEFAULT 1,"
    " bytes INTEGER NOT NULL, chars INTEGER NOT NULL, added TEXT NOT NULL);"
    "CREATE TABLE document_texts(id INTEGER PRIMARY KEY, document INTEGER NOT"
    " NULL REFERENCES documents(id), rev INTEGER NOT NULL, text TEXT NOT NULL,"
    " hash TEXT NOT NULL, replaced TEXT NOT NULL);"
    "CREATE TABLE attribute_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL"
    " UNIQUE);"
    "CREATE TABLE attributes(document INTEGER NOT NULL REFERENCES"
    " documents(id), name INTEGER NOT NULL REFERENCES attribute_names(id),"
    " value TEXT NOT NULL, PRIMARY KEY(document, name));"
    "CREATE TABLE codebooks(version INTEGER PRIMARY KEY, hash TEXT NOT NULL"
    " UNIQUE, source TEXT, text TEXT NOT NULL, codes INTEGER NOT NULL,"
    " rows INTEGER NOT NULL, added TEXT NOT NULL);"
    "CREATE TABLE codes(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " parent TEXT, description TEXT, color TEXT, origin TEXT NOT NULL CHECK"
    " (origin IN ('codebook','manual')), version INTEGER, pos INTEGER NOT"
    " NULL);"
    "CREATE TABLE coders(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE decisions(id INTEGER PRIMARY KEY, segment INTEGER NOT NULL"
    " REFERENCES segments(id), coder INTEGER NOT NULL REFERENCES coders(id),"
    " decision TEXT NOT NULL CHECK (decision IN ('accept','reject',"
    "'pending')), time TEXT NOT NULL);"
    "CREATE INDEX decisions_segment ON decisions(segment, id);"
    "CREATE TABLE segments(id INTEGER PRIMARY KEY, document INTEGER NOT NULL"
    " REFERENCES documents(id), rev INTEGER NOT NULL, code TEXT NOT NULL,"
    " start INTEGER NOT NULL, stop INTEGER NOT NULL, char_start INTEGER NOT"
    " NULL, char_stop INTEGER NOT NULL, unit INTEGER, speaker TEXT,"
    " text TEXT NOT NULL, origin TEXT NOT NULL CHECK (origin IN"
    " ('auto','manual')), coder INTEGER NOT NULL REFERENCES coders(id),"
    " codebook INTEGER REFERENCES codebooks(version), pattern_row INTEGER,"
    " status TEXT NOT NULL CHECK (status IN ('pending','accepted',"
    "'rejected')), decision INTEGER REFERENCES decisions(id),"
    " gone INTEGER NOT NULL DEFAULT 0, note TEXT, created TEXT NOT NULL,"
    " UNIQUE(document, start, stop, code, rev, origin, coder));"
    "CREATE TABLE tallies(code TEXT NOT NULL, coder INTEGER NOT NULL,"
    " status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(code, coder,"
    " status)) WITHOUT ROWID;"
    "CREATE TABLE memos(id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK"
    " (kind IN ('project','document','code','segment')), target TEXT,"
    " coder INTEGER NOT NULL REFERENCES coders(id), time TEXT NOT NULL,"
    " text TEXT NOT NULL);"
    "INSERT INTO coders(name) VALUES ('auto');";

/* Each step takes the schema from version i to i + 1. */
static const char *const migrations[CODA_PROJECT_SCHEMA] = { schema_v1 };

coda_status coda_pj_dberr(coda_project *p, coda_error *err)
{
    int rc = sqlite3_errcode(p->db);
    const char *msg = sqlite3_errmsg(p->db);
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return coda_error_nomem(err);
    case SQLITE_NOTADB:
        return coda_error_set(err, CODA_EPARSE, p->path, 0, 0,
                              "not a coda project (not a SQLite database)");
    case SQLITE_CORRUPT:
        return coda_error_set(err, CODA_EPARSE, p->path, 0, 0,
                              "the project file is corrupt (%s)", msg);
    default:
        return coda_error_set(err, CODA_EIO, p->path, 0, 0, "%s", msg);
    }
}

coda_status coda_pj_exec(coda_project *p, const char *sql, coda_error *err)
{
    if (sqlite3_exec(p->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return coda_pj_dberr(p, err);
    return CODA_OK;
}

coda_status coda_pj_prepare(coda_project *p, const char *sql,
                            sqlite3_stmt **st, coda_error *err)
{
    if (sqlite3_prepare_v2(p->db, sql, -1, st, NULL) != SQLITE_OK)
        return coda_pj_dberr(p, err);
    return CODA_OK;
}

coda_status coda_pj_lookup(coda_project *p, const char *sql, const char *text,
                           int64_t *v, coda_error *err)
{
    sqlite3_stmt *st;
    *v = 0;
    coda_status s = coda_pj_prepare(p, sql, &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

coda_status coda_pj_retally(coda_project *p, coda_error *err)
{
    return coda_pj_exec(p, "DELETE FROM tallies; INSERT INTO tallies SELECT"
                           " code, coder, CASE WHEN gone THEN 'gone' ELSE"
                           " status END, count(*) FROM segments GROUP BY 1,"
                           " 2, 3", err);
}

coda_status coda_pj_tally(coda_project *p, int64_t seg, int sign,
                          coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "INSERT INTO tallies SELECT code, coder,"
                                       " CASE WHEN gone THEN 'gone' ELSE "
                                       "status END, ?2 FROM segments WHERE id ="
                                       " ?1 ON CONFLICT DO UPDATE SET n = n + "
                                       "?2", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, seg);
    sqlite3_bind_int(st, 2, sign);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* Set the journal mode; 1 when it is now mode.  No waiting: when another
 * connection has the file open, the mode stays as it is. */
int coda_pj_journal(coda_project *p, const char *mode)
{
    char sql[48], got[16] = "";
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
    sqlite3_busy_timeout(p->db, 0);
    if (sqlite3_prepare_v2(p->db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(got, sizeof got, "%s", sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_busy_timeout(p->db, 5000);
    return strcmp(got, mode) == 0;
}

coda_status coda_pj_lookup_text(coda_project *p, const char *sql,
                                const char *text, char **out,
                                coda_error *err)
{
    sqlite3_stmt *st;
    *out = NULL;
    coda_status s = coda_pj_prepare(p, sql, &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        *out = coda_strndup(v ? v : "", v ? strlen(v) : 0);
        if (!*out)
            s = coda_error_nomem(err);
    } else if (rc != SQLITE_DONE) {
        s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

coda_status coda_pj_begin(coda_project *p, coda_error *err)
{
    return coda_pj_exec(p, "SAVEPOINT coda_call", err);
}

coda_status coda_pj_end(coda_project *p, coda_status status, coda_error *err)
{
    if (status != CODA_OK) {
        sqlite3_exec(p->db, "ROLLBACK TO coda_call; RELEASE coda_call", NULL,
                     NULL, NULL);
        return status;
    }
    return coda_pj_exec(p, "RELEASE coda_call", err);
}

coda_status coda_project_begin(coda_project *p, coda_error *err)
{
    if (p->in_tx)
        return coda_error_set(err, CODA_EARG, p->path, 0, 0,
                              "a transaction is already open");
    coda_status st = coda_pj_exec(p, "BEGIN IMMEDIATE", err);
    p->in_tx = st == CODA_OK;
    return st;
}

coda_status coda_project_commit(coda_project *p, coda_error *err)
{
    if (!p->in_tx)
        return coda_error_set(err, CODA_EARG, p->path, 0, 0,
                              "no transaction is open");
    coda_status st = coda_pj_exec(p, "COMMIT", err);
    if (st != CODA_OK)
        coda_project_rollback(p);
    p->in_tx = 0;
    return st;
}

void coda_project_rollback(coda_project *p)
{
    if (p && p->in_tx)
        sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
    if (p)
        p->in_tx = 0;
}

void coda_pj_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *coda_pj_time(const char *time, char buf[32])
{
    if (!time) {
        coda_pj_now(buf);
        return buf;
    }
    /* YYYY-MM-DDTHH:MM:SSZ, digits where digits go */
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(time) != sizeof shape - 1)
        return NULL;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (time[i] < '0' || time[i] > '9')
                            : time[i] != shape[i])
            return NULL;
    return time;
}

int coda_pj_name_ok(const char *name, size_t len, size_t max)
{
    size_t bad;
    if (!name || len == 0 || len > max || strlen(name) != len ||
        !coda_utf8_valid(name, len, &bad))
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return 0;
    return 1;
}

int coda_project_coder_ok(const char *name, int person)
{
    return name && coda_pj_name_ok(name, strlen(name), 64) &&
           !(person && strcmp(name, "auto") == 0);
}

coda_status coda_pj_coder(coda_project *p, const char *name, int person,
                          int64_t *id, coda_error *err)
{
    if (!coda_project_coder_ok(name, person))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              person && name && !strcmp(name, "auto")
                                  ? "\"auto\" is the auto-coder; a person "
                                    "needs another coder name"
                                  : "a coder name is 1-64 bytes of UTF-8 "
                                    "without control characters");
    coda_status s = coda_pj_lookup(p, "SELECT id FROM coders WHERE name = ?1",
                                   name, id, err);
    if (s != CODA_OK || *id)
        return s;
    sqlite3_stmt *st;
    s = coda_pj_prepare(p, "INSERT INTO coders(name) VALUES (?1)", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_DONE)
        *id = sqlite3_last_insert_rowid(p->db);
    else
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

coda_status coda_pj_doc_id(coda_project *p, const char *name, int64_t *id,
                           coda_error *err)
{
    return coda_pj_lookup(p, "SELECT id FROM documents WHERE name = ?1", name,
                          id, err);
}

coda_status coda_pj_setting(coda_project *p, const char *key, char **value,
                            coda_error *err)
{
    return coda_pj_lookup_text(p, "SELECT value FROM settings WHERE key = "
                                  "?1", key, value, err);
}

coda_status coda_pj_set_setting(coda_project *p, const char *key,
                                const char *value, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "INSERT OR REPLACE INTO settings"
                                       "(key, value) VALUES (?1, ?2)", &st,
                                    err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* --- opening ---------------------------------------------------------- */

static coda_status pragma_int(coda_project *p, const char *sql, int *v,
                              coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, sql, &st, err);
    if (s != CODA_OK)
        return s;
    if (sqlite3_step(st) == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    else
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* Bring the schema from version have to CODA_PROJECT_SCHEMA in one
 * transaction. */
static coda_status migrate(coda_project *p, int have, coda_error *err)
{
    coda_status s = coda_pj_exec(p, "BEGIN IMMEDIATE", err);
    for (int v = have; v < CODA_PROJECT_SCHEMA && s == CODA_OK; v++)
        s = coda_pj_exec(p, migrations[v], err);
    if (s == CODA_OK) {
        char sql[96];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA "
                 "user_version = %d", APP_ID, CODA_PROJECT_SCHEMA);
        s = coda_pj_exec(p, sql, err);
    }
    if (s == CODA_OK)
        return coda_pj_exec(p, "COMMIT", err);
    sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
    return s;
}

/* Check the file is a coda project this coda can read, migrating an older
 * schema and making a new file's. */
static coda_status check_schema(coda_project *p, coda_error *err)
{
    int app = 0, version = 0, tables = 0;
    coda_status s = pragma_int(p, "PRAGMA application_id", &app, err);
    if (s == CODA_OK)
        s = pragma_int(p, "PRAGMA user_version", &version, err);
    if (s == CODA_OK)
        s = pragma_int(p, "SELECT count(*) FROM sqlite_schema", &tables, err);
    if (s != CODA_OK)
        return s;
    if (app == 0 && version == 0 && tables == 0)
        return migrate(p, 0, err);
    if (app != APP_ID)
        return coda_error_set(err, CODA_EPARSE, p->path, 0, 0,
                              "a SQLite database, but not a coda project");
    if (version > CODA_PROJECT_SCHEMA)
        return coda_error_set(err, CODA_ELIMIT, p->path, 0, 0,
                              "written by a newer coda (schema version %d, "
                              "this coda reads up to %d)", version,
                              CODA_PROJECT_SCHEMA);
    return version < CODA_PROJECT_SCHEMA ? migrate(p, version, err) : CODA_OK;
}

/* The path must be a regular file, or absent when create. */
static coda_status check_path(const char *path, int create, coda_error *err)
{
    struct stat sb;
    if (!*path)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "a project needs a file name");
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT && create)
            return CODA_OK;
        return coda_error_set(err, CODA_EIO, path, 0, 0, "%s",
                              errno == ENOENT ? "no such project file"
                                              : strerror(errno));
    }
    if (!S_ISREG(sb.st_mode))
        return coda_error_set(err, CODA_EIO, path, 0, 0,
                              "not a regular file (a project is one SQLite "
                              "file)");
    return CODA_OK;
}

static const char setup_sql[] =
    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";

/* SQLite keeps allocation statistics behind a mutex on every malloc; coda
 * does not read them.  Settable only before SQLite starts, hence once. */
static void sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

static coda_status open_db(coda_project *p, int create, coda_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_setup);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(p->path, &p->db, flags, NULL) != SQLITE_OK)
        return p->db ? coda_pj_dberr(p, err) : coda_error_nomem(err);
    sqlite3_busy_timeout(p->db, 5000);
    sqlite3_extended_result_codes(p->db, 0);
    coda_status s = check_schema(p, err);
    if (s == CODA_OK) {
        char mode[16] = "";
        sqlite3_stmt *st;
        s = coda_pj_prepare(p, "PRAGMA journal_mode = WAL", &st, err);
        if (s == CODA_OK && sqlite3_step(st) == SQLITE_ROW)
            snprintf(mode, sizeof mode, "%s", sqlite3_column_text(st, 0));
        if (s == CODA_OK)
            sqlite3_finalize(st);
        if (s == CODA_OK && strcmp(mode, "wal") != 0)
            s = coda_pj_dberr(p, err);
    }
    if (s == CODA_OK)
        s = coda_pj_exec(p, setup_sql, err);
    return s;
}

coda_status coda_project_open(const char *path, int create,
                              coda_project **out, coda_error *err)
{
    coda_status s = check_path(path, create, err);
    if (s != CODA_OK)
        return s;
    coda_project *p = coda_calloc(1, sizeof *p);
    if (!p || !(p->path = coda_strndup(path, strlen(path)))) {
        coda_free(p);
        return coda_error_nomem(err);
    }
    s = open_db(p, create, err);
    if (s == CODA_OK)
        s = coda_pj_coder(p, "auto", 0, &p->auto_id, err);
    if (s == CODA_OK)       /* no output of the run may replace it */
        s = coda_input_note(-1, path, err);
    if (s != CODA_OK) {
        coda_project_close(p);
        return s;
    }
    *out = p;
    return CODA_OK;
}

void coda_project_close(coda_project *p)
{
    if (!p)
        return;
    coda_project_rollback(p);
    sqlite3_close_v2(p->db);
    coda_free(p->path);
    coda_free(p);
}

const char *coda_project_path(const coda_project *p)
{
    return p->path;
}

size_t coda_pj_chars(const char *s, size_t len)
{
    return coda_utf8_count(s, len);
}

size_t coda_pj_char_byte(const char *s, size_t len, size_t k)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == k)
            return i;
    return n == k ? len : len + 1;
}
