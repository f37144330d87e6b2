/* check_project.c - the project file itself (project.h): which files open,
 * the schema version and its migration, WAL mode, transactions grouping
 * calls, coder names and times. */
#include "suites.h"
#include "harness/tmpdir.h"

#include "project.h"
#include "project_int.h"
#include "table.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void setup(void) { tmp_make(dir); }
static void teardown(void) { tmp_remove(dir); }

/* Run sql on the SQLite file at path (made when missing). */
static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

START_TEST(test_new_project_schema)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "new.coda");
    ck_assert_int_eq(coda_project_open(path, 0, &p, &err), CODA_EIO);
    ck_assert_str_eq(err.msg, "no such project file");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_OK);
    coda_project_close(p);
    ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), CODA_PROJECT_SCHEMA);
    ck_assert_int_eq(raw_int(path, "PRAGMA application_id"), 0x636f6461);
    ck_assert_int_eq(raw_int(path, "SELECT journal_mode = 'wal' FROM "
                                   "pragma_journal_mode"), 1);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM coders WHERE name "
                                   "= 'auto'"), 1);
    /* opened again: nothing added */
    ck_assert_int_eq(coda_project_open(path, 0, &p, &err), CODA_OK);
    coda_project_close(p);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM coders"), 1);
}
END_TEST

START_TEST(test_schema_zero_is_migrated)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "old.coda");
    raw_sql(path, "PRAGMA application_id = 1668244577");   /* schema 0 */
    ck_assert_int_eq(coda_project_open(path, 0, &p, &err), CODA_OK);
    coda_project_close(p);
    ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), CODA_PROJECT_SCHEMA);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE "
                                   "name = 'segments'"), 1);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "newer.coda");
    raw_sql(path, "PRAGMA application_id = 1668244577; PRAGMA user_version "
                  "= 7; CREATE TABLE x(y)");
    ck_assert_int_eq(coda_project_open(path, 0, &p, &err), CODA_ELIMIT);
    ck_assert_str_eq(err.msg, "written by a newer coda (schema version 7, "
                              "this coda reads up to 1)");
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), 7); /* untouched */
}
END_TEST

START_TEST(test_other_sqlite_refused)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "other.db");
    raw_sql(path, "CREATE TABLE notes(t TEXT)");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_EPARSE);
    ck_assert_str_eq(err.msg, "a SQLite database, but not a coda project");
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
}
END_TEST

START_TEST(test_not_files_refused)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "fifo.coda");
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_EIO);
    ck_assert(strstr(err.msg, "not a regular file") != NULL);
    ck_assert_int_eq(coda_project_open(dir, 1, &p, &err), CODA_EIO);
    ck_assert_int_eq(coda_project_open("", 1, &p, &err), CODA_EARG);
    tmp_path(path, dir, "text.coda");
    tmp_write(path, "coda is not this\n");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_EPARSE);
    ck_assert_str_eq(err.msg, "not a coda project (not a SQLite database)");
    ck_assert(tmp_holds(path, "coda is not this\n", 17));
}
END_TEST

/* A corrupt page: the error says so, it does not crash. */
START_TEST(test_corrupt_file)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "c.coda");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_OK);
    coda_project_close(p);
    raw_sql(path, "PRAGMA journal_mode = DELETE");
    FILE *f = fopen(path, "r+b");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    for (long page = 4096; page < size; page += 4096) {  /* all but page 1 */
        fseek(f, page, SEEK_SET);
        for (int i = 0; i < 64; i++)
            fputc(0xA5, f);
    }
    fclose(f);
    coda_status st = coda_project_open(path, 0, &p, &err);
    if (st == CODA_OK) {
        coda_table *t = NULL;
        st = coda_project_segments(p, NULL, &t, &err);
        coda_table_free(t);
        coda_project_close(p);
    }
    ck_assert_int_eq(st, CODA_EPARSE);
    ck_assert(strstr(err.msg, "corrupt") != NULL);
}
END_TEST

START_TEST(test_transaction_groups_calls)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "tx.coda");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_OK);
    ck_assert_int_eq(coda_project_commit(p, &err), CODA_EARG);
    ck_assert_int_eq(coda_project_begin(p, &err), CODA_OK);
    ck_assert_int_eq(coda_project_begin(p, &err), CODA_EARG);
    ck_assert_int_eq(coda_project_add_code(p, "a", NULL, NULL, NULL, &err),
                     CODA_OK);
    /* a failing call inside leaves the earlier ones */
    ck_assert_int_eq(coda_project_add_code(p, "b", "nope", NULL, NULL, &err),
                     CODA_EARG);
    ck_assert_int_eq(coda_project_add_code(p, "c", "a", NULL, "#00ff00",
                                           &err), CODA_OK);
    coda_project_rollback(p);
    coda_table *t = NULL;
    ck_assert_int_eq(coda_project_codes(p, &t, &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 0);
    coda_table_free(t);
    ck_assert_int_eq(coda_project_begin(p, &err), CODA_OK);
    ck_assert_int_eq(coda_project_add_code(p, "a", NULL, NULL, NULL, &err),
                     CODA_OK);
    ck_assert_int_eq(coda_project_add_code(p, "c", "a", NULL, "#00ff00",
                                           &err), CODA_OK);
    ck_assert_int_eq(coda_project_commit(p, &err), CODA_OK);
    ck_assert_int_eq(coda_project_codes(p, &t, &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(t->cols[2].v.s.p[1], "a/c");     /* path */
    ck_assert_str_eq(t->cols[4].v.s.p[1], "#00ff00"); /* colour */
    coda_table_free(t);
    ck_assert_int_eq(coda_project_add_code(p, "d", NULL, NULL, "green",
                                           &err), CODA_EARG);
    ck_assert_int_eq(coda_project_add_code(p, "c", "a", NULL, NULL, &err),
                     CODA_OK);                        /* the same: no-op */
    ck_assert_int_eq(coda_project_add_code(p, "c", NULL, NULL, NULL, &err),
                     CODA_EARG);                      /* another parent */
    coda_project_close(p);
}
END_TEST

/* A coding run: through a rollback journal when the file is its own
 * (back to WAL after), in WAL when another connection has it open. */
static void code_one(coda_project *p)
{
    coda_table *docs = NULL;
    coda_codebook *cb = NULL;
    coda_error err;
    static const char book[] = "code,pattern\nwage,paid nothing\n";
    ck_assert_int_eq(coda_table_create(1, 2, &docs), CODA_OK);
    ck_assert_int_eq(coda_table_init_column(docs, 0, "doc", CODA_STRING),
                     CODA_OK);
    ck_assert_int_eq(coda_table_init_column(docs, 1, "text", CODA_STRING),
                     CODA_OK);
    ck_assert_int_eq(coda_table_set_string(docs, 0, 0, "a", 1), CODA_OK);
    ck_assert_int_eq(coda_table_set_string(docs, 1, 0, "R1: paid nothing", 16),
                     CODA_OK);
    coda_add_result ar;
    ck_assert_int_eq(coda_project_add(p, docs, &ar, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_read_mem(book, sizeof book - 1, "b", 0, &cb,
                                            &err), CODA_OK);
    coda_code_result r;
    ck_assert_int_eq(coda_project_code(p, cb, NULL, &r, &err), CODA_OK);
    ck_assert_uint_eq(r.found, 1);
    coda_codebook_free(cb);
    coda_table_free(docs);
}

START_TEST(test_coding_run_journal)
{
    char path[256];
    coda_project *p = NULL, *q = NULL;
    coda_error err;
    tmp_path(path, dir, "j.coda");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_OK);
    code_one(p);
    ck_assert_int_eq(raw_int(path, "SELECT journal_mode = 'wal' FROM "
                                   "pragma_journal_mode"), 1);
    ck_assert_int_eq(coda_project_open(path, 0, &q, &err), CODA_OK);
    code_one(p);            /* q has it open too: WAL all along */
    coda_project_close(q);
    coda_project_close(p);
    ck_assert_int_eq(raw_int(path, "SELECT journal_mode = 'wal' FROM "
                                   "pragma_journal_mode"), 1);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM segments"), 1);
}
END_TEST

/* A coding run skips constraint checks of its own rows for speed; the
 * connection checks every later statement again. */
START_TEST(test_checks_back_after_run)
{
    char path[256];
    coda_project *p = NULL;
    coda_error err;
    tmp_path(path, dir, "c.coda");
    ck_assert_int_eq(coda_project_open(path, 1, &p, &err), CODA_OK);
    code_one(p);
    static const char bad_status[] =
        "INSERT INTO segments(document, rev, code, start, stop, char_start,"
        " char_stop, text, origin, coder, status, created) VALUES (1, 1, 'x',"
        " 1, 2, 1, 2, 't', 'auto', 1, 'bogus', 'now')";
    static const char bad_document[] =
        "INSERT INTO segments(document, rev, code, start, stop, char_start,"
        " char_stop, text, origin, coder, status, created) VALUES (99, 1, 'x',"
        " 1, 2, 1, 2, 't', 'auto', 1, 'pending', 'now')";
    ck_assert_int_ne(coda_pj_exec(p, bad_status, &err), CODA_OK);
    ck_assert_ptr_nonnull(strstr(err.msg, "CHECK"));
    ck_assert_int_ne(coda_pj_exec(p, bad_document, &err), CODA_OK);
    ck_assert_ptr_nonnull(strstr(err.msg, "FOREIGN KEY"));
    coda_project_close(p);
}
END_TEST

START_TEST(test_coder_names)
{
    ck_assert(coda_project_coder_ok("asha", 1));
    ck_assert(coda_project_coder_ok("आशा", 1));
    ck_assert(!coda_project_coder_ok("auto", 1));
    ck_assert(coda_project_coder_ok("auto", 0));
    ck_assert(!coda_project_coder_ok("", 1));
    ck_assert(!coda_project_coder_ok(NULL, 1));
    ck_assert(!coda_project_coder_ok("a\nb", 1));
    ck_assert(!coda_project_coder_ok("\xff", 1));
    char longname[66];
    memset(longname, 'x', 65);
    longname[65] = '\0';
    ck_assert(!coda_project_coder_ok(longname, 1));
    longname[64] = '\0';
    ck_assert(coda_project_coder_ok(longname, 1));
}
END_TEST

Suite *project_suite(void)
{
    Suite *s = suite_create("project");
    TCase *tc = tcase_create("file");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_new_project_schema);
    tcase_add_test(tc, test_schema_zero_is_migrated);
    tcase_add_test(tc, test_newer_schema_refused);
    tcase_add_test(tc, test_other_sqlite_refused);
    tcase_add_test(tc, test_not_files_refused);
    tcase_add_test(tc, test_corrupt_file);
    tcase_add_test(tc, test_transaction_groups_calls);
    tcase_add_test(tc, test_coder_names);
    tcase_add_test(tc, test_coding_run_journal);
    tcase_add_test(tc, test_checks_back_after_run);
    suite_add_tcase(s, tc);
    return s;
}
