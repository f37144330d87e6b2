/* check_outfile.c - writing a file whole or not at all (outfile.h): commit
 * replaces the target, abort and failures leave it as it was and no
 * temporary file behind. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tmpdir.h"

#include "base_alloc.h"
#include "csv_io.h"
#include "base_inputs.h"
#include "base_outfile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOLDS(path, lit) tmp_holds(path, lit, sizeof(lit) - 1)

/* --- tests --------------------------------------------------------------- */

static char dir[64];

static void setup(void)
{
    tmp_make(dir);
}

static void teardown(void)
{
    test_teardown();
    tmp_remove(dir);
}

static void write_through(const char *path, const char *text)
{
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, path, &err), CODA_OK);
    ck_assert_ptr_nonnull(o.fp);
    fputs(text, o.fp);
    ck_assert_int_eq(coda_outfile_commit(&o, &err), CODA_OK);
}

START_TEST(test_commit_creates)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    write_through(path, "a,b\n1,2\n");
    ck_assert(HOLDS(path, "a,b\n1,2\n"));
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1); /* no temp beside it */
}
END_TEST

START_TEST(test_commit_replaces)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    tmp_write(path, "old content that is longer\n");
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, path, &err), CODA_OK);
    fputs("new\n", o.fp);
    fflush(o.fp);
    ck_assert(HOLDS(path, "old content that is longer\n")); /* until commit */
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 2);
    ck_assert_int_eq(coda_outfile_commit(&o, &err), CODA_OK);
    ck_assert(HOLDS(path, "new\n"));
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
}
END_TEST

START_TEST(test_abort_keeps_old)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    tmp_write(path, "old\n");
    coda_outfile o;
    ck_assert_int_eq(coda_outfile_open(&o, path, NULL), CODA_OK);
    fputs("half-written", o.fp);
    coda_outfile_abort(&o);
    ck_assert(HOLDS(path, "old\n"));
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
    ck_assert_ptr_null(o.fp);
    ck_assert_ptr_null(o.tmp);
    ck_assert_ptr_null(o.path);
}
END_TEST

START_TEST(test_abort_new_leaves_nothing)
{
    char path[256];
    tmp_path(path, dir, "new.csv");
    coda_outfile o;
    ck_assert_int_eq(coda_outfile_open(&o, path, NULL), CODA_OK);
    fputs("x", o.fp);
    coda_outfile_abort(&o);
    ck_assert_int_eq(tmp_count(dir, "new.csv"), 0);
}
END_TEST

START_TEST(test_missing_folder)
{
    char path[256];
    tmp_path(path, dir, "no/such/folder/out.csv");
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, path, &err), CODA_EIO);
    ck_assert_int_eq(err.code, CODA_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_ptr_nonnull(strstr(err.msg, strerror(ENOENT)));
    ck_assert_int_eq(tmp_count(dir, ""), 2); /* "." and ".." only */
}
END_TEST

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* coda_mkdir_p makes a folder and its parents, like mkdir -p. */
START_TEST(test_mkdir_p)
{
    char path[256], file[256];
    coda_error err;
    ck_assert_int_eq(coda_mkdir_p(tmp_path(path, dir, "a/b//c/"), &err),
                     CODA_OK);
    ck_assert(is_dir(tmp_path(path, dir, "a/b/c")));
    /* again: already there is fine */
    ck_assert_int_eq(coda_mkdir_p(path, &err), CODA_OK);
    /* a file in the way, at the end and in the middle */
    tmp_write(tmp_path(file, dir, "f"), "x");
    ck_assert_int_eq(coda_mkdir_p(file, &err), CODA_EIO);
    ck_assert_str_eq(err.file, file);
    ck_assert_ptr_nonnull(strstr(err.msg, strerror(ENOTDIR)));
    ck_assert_int_eq(coda_mkdir_p(tmp_path(path, dir, "f/g"), &err), CODA_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_ptr_nonnull(strstr(err.msg, "cannot create folder"));
    ck_assert_ptr_nonnull(strstr(err.msg, strerror(ENOTDIR)));
    ck_assert_int_eq(coda_mkdir_p("", &err), CODA_EARG);
    ck_assert_int_eq(coda_mkdir_p(".", &err), CODA_OK);
    ck_assert_int_eq(coda_mkdir_p("/", &err), CODA_OK);
}
END_TEST

/* A stream error (here: reading a write-only stream) fails the commit. */
START_TEST(test_stream_error_keeps_old)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    tmp_write(path, "old\n");
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, path, &err), CODA_OK);
    fputs("new\n", o.fp);
    ck_assert_int_eq(fgetc(o.fp), EOF);
    ck_assert(ferror(o.fp));
    ck_assert_int_eq(coda_outfile_commit(&o, &err), CODA_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert(HOLDS(path, "old\n"));
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
}
END_TEST

/* The target is a folder: refused before anything is written. */
START_TEST(test_folder_refused)
{
    char path[256], inner[300];
    tmp_path(path, dir, "taken");
    ck_assert_int_eq(mkdir(path, 0755), 0);
    snprintf(inner, sizeof inner, "%s/keep", path);
    tmp_write(inner, "k");
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, path, &err), CODA_EIO);
    ck_assert_str_eq(err.msg, "cannot write: a folder is in the way");
    ck_assert_int_eq(tmp_count(dir, "taken"), 1);
    ck_assert(tmp_holds(inner, "k", 1));
}
END_TEST

/* A folder appears where the file was to go: the rename fails, the
 * temporary file goes. */
START_TEST(test_rename_failure)
{
    char path[256], inner[300];
    tmp_path(path, dir, "taken");
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, path, &err), CODA_OK);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    snprintf(inner, sizeof inner, "%s/keep", path);
    tmp_write(inner, "k");
    fputs("data\n", o.fp);
    ck_assert_int_eq(coda_outfile_commit(&o, &err), CODA_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(tmp_count(dir, "taken"), 1);
    ck_assert(tmp_holds(inner, "k", 1));
}
END_TEST

/* A 0600 file rewritten stays 0600 whatever the umask; a new file gets
 * 0666 less the umask. */
START_TEST(test_mode_kept)
{
    char path[256];
    struct stat sb;
    tmp_path(path, dir, "secret.csv");
    tmp_write(path, "old\n");
    ck_assert_int_eq(chmod(path, 0600), 0);
    mode_t old = umask(022);
    write_through(path, "new\n");
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 07777, 0600);
    ck_assert_int_eq(chmod(path, 0640), 0);
    write_through(path, "newer\n");
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 07777, 0640);
    umask(old);
    ck_assert(HOLDS(path, "newer\n"));
}
END_TEST

/* A symbolic link: the file it points to is replaced, the link stays; a
 * dangling link makes its file. */
START_TEST(test_symlink_followed)
{
    char target[256], link_[256], dangling[256], made[256];
    struct stat sb;
    tmp_write(tmp_path(target, dir, "real.csv"), "old\n");
    ck_assert_int_eq(symlink("real.csv", tmp_path(link_, dir, "link.csv")), 0);
    write_through(link_, "new\n");
    ck_assert_int_eq(lstat(link_, &sb), 0);
    ck_assert(S_ISLNK(sb.st_mode));
    ck_assert(HOLDS(target, "new\n"));
    ck_assert_int_eq(symlink("made.csv", tmp_path(dangling, dir, "dang.csv")),
                     0);
    write_through(dangling, "x\n");
    ck_assert(HOLDS(tmp_path(made, dir, "made.csv"), "x\n"));
    ck_assert_int_eq(lstat(dangling, &sb), 0);
    ck_assert(S_ISLNK(sb.st_mode));
    char loop[256];
    ck_assert_int_eq(symlink("loop.csv", tmp_path(loop, dir, "loop.csv")), 0);
    coda_outfile o;
    coda_error err;
    ck_assert_int_eq(coda_outfile_open(&o, loop, &err), CODA_EIO);
}
END_TEST

/* /dev/null and a FIFO are written through, never replaced. */
START_TEST(test_devices_written_through)
{
    struct stat sb;
    write_through("/dev/null", "gone\n");
    ck_assert_int_eq(stat("/dev/null", &sb), 0);
    ck_assert(S_ISCHR(sb.st_mode));
    char fifo[256];
    ck_assert_int_eq(mkfifo(tmp_path(fifo, dir, "pipe"), 0600), 0);
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);   /* a reader waits */
    ck_assert_int_ge(rd, 0);
    write_through(fifo, "through\n");
    char buf[16] = { 0 };
    ck_assert_int_eq(read(rd, buf, sizeof buf), 8);
    ck_assert_str_eq(buf, "through\n");
    close(rd);
    ck_assert_int_eq(lstat(fifo, &sb), 0);
    ck_assert(S_ISFIFO(sb.st_mode));
    ck_assert_int_eq(tmp_count(dir, "pipe"), 1);
}
END_TEST

/* A regular file under /dev (tmpfs /dev/shm) is replaced like any other,
 * not appended to as /dev/stdout is. */
START_TEST(test_dev_shm_file_replaced)
{
    char path[96];
    struct stat sb;
    ck_assert_int_eq(stat("/dev/shm", &sb), 0);
    snprintf(path, sizeof path, "/dev/shm/coda-outfile-%ld.txt",
             (long)getpid());
    tmp_write(path, "old text\n");
    write_through(path, "new\n");
    int same = HOLDS(path, "new\n");
    unlink(path);
    ck_assert(same);
}
END_TEST

/* Reading a device or pipe is bounded: /dev/zero ends in CODA_ELIMIT. */
START_TEST(test_read_all_bounded)
{
    int fd = open("/dev/zero", O_RDONLY);
    ck_assert_int_ge(fd, 0);
    char *data = NULL;
    size_t len = 0;
    coda_error err;
    ck_assert_int_eq(coda_read_all(fd, "/dev/zero", 1 << 20, 0, &data, &len,
                                   &err), CODA_ELIMIT);
    ck_assert_ptr_null(data);
    ck_assert_str_eq(err.file, "/dev/zero");
    close(fd);
    char path[256];
    tmp_write(tmp_path(path, dir, "small.txt"), "abc");
    fd = open(path, O_RDONLY);
    ck_assert_int_eq(coda_read_all(fd, path, 3, 3, &data, &len, &err), CODA_OK);
    ck_assert_uint_eq(len, 3);
    ck_assert_str_eq(data, "abc");
    coda_free(data);
    close(fd);
}
END_TEST

/* A 250-byte file name: the temporary file takes a short name. */
START_TEST(test_long_name)
{
    char name[251], path[512];
    memset(name, 'n', 250);
    name[250] = '\0';
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_through(path, "long\n");
    ck_assert(HOLDS(path, "long\n"));
    ck_assert_int_eq(tmp_count(dir, ".coda.tmp-"), 0);
}
END_TEST

START_TEST(test_mode_follows_umask)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    mode_t old = umask(027);
    write_through(path, "x\n");
    umask(old);
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0640);
}
END_TEST

static coda_status oom_write(void *arg, coda_error *err)
{
    const char *path = arg;
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK) {
        ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
        ck_assert(HOLDS(path, "old\n"));
        return st;
    }
    fputs("new\n", o.fp);
    st = coda_outfile_commit(&o, err);
    ck_assert(HOLDS(path, "new\n"));
    tmp_write(path, "old\n");
    return st;
}

/* With protection on, a file read (by any name) is never written over; a
 * file not read, or any file with protection off, is. */
START_TEST(test_inputs_protected)
{
    char in[256], link_[256], other[256];
    tmp_write(tmp_path(in, dir, "in.csv"), "a\n1\n");
    ck_assert_int_eq(symlink("in.csv", tmp_path(link_, dir, "link.csv")), 0);
    tmp_path(other, dir, "other.csv");
    coda_inputs_protect(1);
    coda_table *t = NULL;
    coda_error err;
    ck_assert_int_eq(coda_csv_load(in, NULL, &t, &err), CODA_OK);
    keep_table(t);
    coda_outfile o;
    ck_assert_int_eq(coda_outfile_open(&o, in, &err), CODA_EARG);
    ck_assert_str_eq(err.file, in);
    ck_assert_ptr_nonnull(strstr(err.msg, "read the file as input"));
    ck_assert_int_eq(coda_csv_write(t, link_, NULL, &err), CODA_EARG);
    ck_assert_int_eq(coda_csv_write(t, other, NULL, &err), CODA_OK);
    ck_assert(HOLDS(in, "a\n1\n"));
    ck_assert_int_eq(tmp_count(dir, "in.csv"), 1);   /* no temporary file */
    ck_assert_int_eq(tmp_count(dir, "link.csv"), 1);
    coda_inputs_protect(0);
    ck_assert_int_eq(coda_outfile_open(&o, in, &err), CODA_OK);
    coda_outfile_abort(&o);
    coda_inputs_clear();
    coda_inputs_protect(1);            /* forgotten: no longer protected */
    ck_assert_int_eq(coda_outfile_open(&o, in, &err), CODA_OK);
    coda_outfile_abort(&o);
    coda_inputs_protect(0);
}
END_TEST

/* coda_mkdir_p: out of memory makes no folder; the final run makes it. */
static coda_status oom_mkdir(void *arg, coda_error *err)
{
    const char *path = arg;
    coda_status st = coda_mkdir_p(path, err);
    ck_assert_int_eq(is_dir(path), st == CODA_OK);
    if (st == CODA_OK) {
        ck_assert_int_eq(rmdir(path), 0);
        char parent[256];
        ck_assert_int_eq(rmdir(tmp_path(parent, dir, "m")), 0);
    }
    return st;
}

START_TEST(test_mkdir_out_of_memory)
{
    char path[256];
    ck_assert_int_ge(oom_loop(oom_mkdir, tmp_path(path, dir, "m/n"), 0), 2);
}
END_TEST

START_TEST(test_out_of_memory)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    tmp_write(path, "old\n");
    ck_assert_int_ge(oom_loop(oom_write, path, 0), 3);
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
}
END_TEST

Suite *outfile_suite(void)
{
    Suite *s = suite_create("outfile");
    TCase *tc = tcase_create("outfile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_commit_creates);
    tcase_add_test(tc, test_commit_replaces);
    tcase_add_test(tc, test_abort_keeps_old);
    tcase_add_test(tc, test_abort_new_leaves_nothing);
    tcase_add_test(tc, test_missing_folder);
    tcase_add_test(tc, test_mkdir_p);
    tcase_add_test(tc, test_stream_error_keeps_old);
    tcase_add_test(tc, test_rename_failure);
    tcase_add_test(tc, test_folder_refused);
    tcase_add_test(tc, test_mode_kept);
    tcase_add_test(tc, test_symlink_followed);
    tcase_add_test(tc, test_devices_written_through);
    tcase_add_test(tc, test_dev_shm_file_replaced);
    tcase_add_test(tc, test_long_name);
    tcase_add_test(tc, test_read_all_bounded);
    tcase_add_test(tc, test_mode_follows_umask);
    tcase_add_test(tc, test_out_of_memory);
    tcase_add_test(tc, test_mkdir_out_of_memory);
    tcase_add_test(tc, test_inputs_protected);
    suite_add_tcase(s, tc);
    return s;
}
