/* qdpx_zip.c - the .qdpx archive written with libzip as one zip through
 * the atomic writer (reading is base_zipread.c's). */
#include "qdpx_int.h"

#include "base_alloc.h"
#include "base_outfile.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* The time every entry carries, so that the same entries give the same
 * bytes: 2020-01-01 00:00 (a DOS time is local; any fixed value will do). */
static const time_t fixed_mtime = 1577836800;

static int add_entries(zip_t *za, const coda_qx_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len, 0);
        zip_int64_t k = s ? zip_file_add(za, e[i].name, s,
                                         ZIP_FL_ENC_UTF_8) : -1;
        if (k < 0) {
            zip_source_free(s);
            return 0;
        }
        if (zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_DEFLATE, 9)
            || zip_file_set_mtime(za, (zip_uint64_t)k, fixed_mtime, 0))
            return 0;
    }
    return 1;
}

/* The finished archive's bytes, read back from the memory source. */
static coda_status copy_out(zip_source_t *src, coda_outfile *o,
                            coda_error *err)
{
    char buf[65536];
    if (zip_source_open(src) < 0)
        return coda_error_nomem(err);
    for (zip_int64_t k; (k = zip_source_read(src, buf, sizeof buf)) > 0;)
        fwrite(buf, 1, (size_t)k, o->fp);
    zip_source_close(src);
    return CODA_OK;
}

coda_status coda_qx_zip_write(const char *path, const coda_qx_entry *e,
                              size_t n, coda_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        return coda_error_nomem(err);
    }
    zip_source_keep(src);               /* outlives zip_close */
    if (!add_entries(za, e, n) || zip_close(za) != 0) {
        zip_discard(za);
        zip_source_free(src);
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot build the "
                              "archive");
    }
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st == CODA_OK && (st = copy_out(src, &o, err)) != CODA_OK)
        coda_outfile_abort(&o);
    else if (st == CODA_OK)
        st = coda_outfile_commit(&o, err);
    zip_source_free(src);
    return st;
}
