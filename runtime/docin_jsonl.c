/* docin_jsonl.c - documents as JSON lines (jansson) or id,text CSV. */
#include "docin_int.h"

#include "csv_io.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The next line of data[*at..len) in [*s, *e), *at past its end. */
static void next_line(const char *data, size_t len, size_t *at,
                      const char **s, const char **e)
{
    const char *nl = memchr(data + *at, '\n', len - *at);
    *s = data + *at;
    *e = nl ? nl : data + len;
    *at = (size_t)(*e - data) + (nl != NULL);
}

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int blank(const char *s, const char *e)
{
    while (s < e && space(*s))
        s++;
    return s == e;
}

static size_t count_docs(const char *data, size_t len)
{
    size_t n = 0, at = 0;
    const char *s, *e;
    while (at < len) {
        next_line(data, len, &at, &s, &e);
        n += !blank(s, e);
    }
    return n;
}

static const char *kind(const json_t *v)
{
    return json_is_array(v) || json_is_object(v) ? "an array or object"
         : json_is_boolean(v) ? "a boolean" : json_is_number(v) ? "a number"
         : "a string";
}

/* The id of a document as text: a string's own, a number as JSON has it. */
static coda_status id_text(const json_t *id, char *buf, size_t size,
                           const char **s, size_t *len)
{
    if (json_is_string(id)) {
        *s = json_string_value(id);
        *len = json_string_length(id);
    } else if (json_is_integer(id)) {
        *len = (size_t)snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
                                json_integer_value(id));
        *s = buf;
    } else if (json_is_real(id)) {
        for (int prec = 15; prec <= 17; prec++)
            if (snprintf(buf, size, "%.*g", prec, json_real_value(id)) > 0 &&
                strtod(buf, NULL) == json_real_value(id))
                break;
        *len = strlen(buf);
        *s = buf;
    } else {
        return CODA_EPARSE;
    }
    return CODA_OK;
}

/* One document's id and text into row r, or what was wrong with it. */
static coda_status put_doc(coda_table *t, size_t r, const json_t *doc,
                           const char *name, long line, coda_error *err)
{
    const json_t *id = json_object_get(doc, "id"), *text = json_object_get(doc, "text");
    char buf[64];
    const char *s;
    size_t len;
    if (!json_is_object(doc) || !id || !text)
        return coda_error_set(err, CODA_EPARSE, name, line, 0,
                              "expected an object with id and text");
    if (json_is_null(id) || json_is_null(text))
        return coda_error_set(err, CODA_EPARSE, name, line, 0, "%s is null; "
                              "every document needs an id and a text",
                              json_is_null(id) ? "id" : "text");
    if (id_text(id, buf, sizeof buf, &s, &len) != CODA_OK)
        return coda_error_set(err, CODA_EPARSE, name, line, 0, "id must be a "
                              "string or a number, not %s", kind(id));
    if (!json_is_string(text))
        return coda_error_set(err, CODA_EPARSE, name, line, 0, "text must be "
                              "a string, not %s", kind(text));
    coda_status st = coda_table_set_string(t, 0, r, s, len);
    if (st == CODA_OK)
        st = coda_table_set_string(t, 1, r, json_string_value(text),
                                   json_string_length(text));
    return st == CODA_OK ? st : coda_error_nomem(err);
}

/* The documents of data[0..len), its first line numbered line0 + 1; with
 * a third column, each document's line goes there. */
static coda_status read_lines(coda_table *t, const char *data, size_t len,
                              const char *name, long line0, coda_error *err)
{
    size_t at = 0, r = 0;
    long line = line0;
    const char *s, *e;
    coda_status st = CODA_OK;
    while (at < len && st == CODA_OK) {
        next_line(data, len, &at, &s, &e);
        line++;
        if (blank(s, e))
            continue;
        json_error_t je;
        json_t *doc = json_loadb(s, (size_t)(e - s), JSON_REJECT_DUPLICATES, &je);
        if (!doc)
            st = coda_error_set(err, CODA_EPARSE, name, line, 0, "bad JSON at "
                                "column %d: %s", je.column, je.text);
        else
            st = put_doc(t, r, doc, name, line, err);
        if (st == CODA_OK && t->ncol > 2)
            t->cols[2].v.i[r] = line;
        r++;
        json_decref(doc);
    }
    return st;
}

coda_status coda_docin_jsonl_at(const char *data, size_t len,
                                const char *name, long line0, int lines,
                                coda_table **out, coda_error *err)
{
    coda_table *t;
    coda_status st = coda_table_create(count_docs(data, len), lines ? 3 : 2,
                                       &t);
    if (st != CODA_OK)
        return coda_error_nomem(err);
    if (coda_table_init_column(t, 0, "id", CODA_STRING) != CODA_OK ||
        coda_table_init_column(t, 1, "text", CODA_STRING) != CODA_OK ||
        (lines && coda_table_init_column(t, 2, "line", CODA_INTEGER)))
        st = coda_error_nomem(err);
    if (st == CODA_OK)
        st = read_lines(t, data, len, name, line0, err);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_docin_jsonl(const char *data, size_t len, const char *name,
                             coda_table **out, coda_error *err)
{
    return coda_docin_jsonl_at(data, len, name, 0, 0, out, err);
}

coda_status coda_docin_read(const char *data, size_t len, const char *name,
                            coda_table **out, coda_error *err)
{
    size_t i = 0;
    while (i < len && space(data[i]))
        i++;
    if (i < len && data[i] == '{')
        return coda_docin_jsonl(data, len, name, out, err);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.infer = 0;
    return coda_csv_load_mem(data, len, name, &o, out, err);
}
