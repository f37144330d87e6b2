/* qdpx_import_refs.c - what a .qdpx import's elements refer to, resolved
 * for both halves of the import (qdpx_import.c, qdpx_import_store.c): the
 * archive entry a plainTextPath names and the coder of a User; and the
 * error that names project.qde's line. */
#include "qdpx_import_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

coda_status coda_qx_im_bad(coda_qx_im *x, long line, const char *fmt, ...)
{
    char msg[480];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return coda_error_set(x->err, CODA_EPARSE, x->file, line, 0,
                          "project.qde: %s", msg);
}

/* The zip entry a plainTextPath names: internal://X is sources/X, a
 * relative path is looked for as given and under sources/; absolute paths
 * and ".." parts are refused. */
coda_status coda_qx_im_entry(coda_qx_im *x, const char *path,
                             const char *what, long line, char *out,
                             size_t size)
{
    const char *rel = path;
    if (!strncmp(path, "internal://", 11))
        snprintf(out, size, "sources/%s", path + 11);
    else {
        if (!strncmp(path, "relative://", 11))
            rel = path + 11;
        if (strstr(rel, "://") || rel[0] == '/' || rel[0] == '\\' ||
            strstr(rel, ".."))
            return coda_qx_im_bad(x, line,
                                  "%s: plainTextPath \"%.200s\" is not inside "
                                  "the archive",
                                  what, path);
        snprintf(out, size, "%s", rel);
        if (!coda_zip_has(x->z, out))
            snprintf(out, size, "sources/%s", rel);
    }
    if (strstr(out, "..") || !coda_zip_has(x->z, out))
        return coda_qx_im_bad(x, line,
                              "%s: source file \"%.200s\" (%s) is not in the "
                              "archive",
                              what, out, path);
    return CODA_OK;
}

/* The coder of what user (a GUID, may be NULL) made: opts->coder, else
 * the User's name. */
coda_status coda_qx_im_coder(coda_qx_im *x, const char *user,
                             const char *what, const char *guid, long line,
                             const char **out)
{
    if (x->o && x->o->coder) {
        *out = x->o->coder;
        return CODA_OK;
    }
    long u = user ? coda_qx_find(x->uix, x->m.nusers, user) : -1;
    if (u < 0 || !x->m.users[u].name || !*x->m.users[u].name)
        return coda_qx_im_bad(x, line,
                              "%s %s: %s%s%s (give a coder to import it as "
                              "theirs)",
                              what, guid ? guid : "",
                              user ? "creatingUser " : "no creatingUser",
                              user ? user : "",
                              user && u < 0 ? " is not a User"
                              : user        ? " has no name"
                                            : "");
    *out = x->m.users[u].name;
    return CODA_OK;
}
