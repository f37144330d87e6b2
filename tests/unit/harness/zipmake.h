/* zipmake.h - making zips for the tests of what reads them. */
#ifndef CODA_TEST_ZIPMAKE_H
#define CODA_TEST_ZIPMAKE_H

#include <stddef.h>
#include <stdint.h>

/* Make a zip at path of the entries names[i] = datas[i] (len lens[i]). */
void make_zip(const char *path, const char *const *names,
              const char *const *datas, const size_t *lens, size_t n);

/* The whole of the file at path in a new buffer (free), *len bytes. */
void slurp(const char *path, char **buf, size_t *len);

/* Overwrite the 4-byte little-endian value at off. */
void put32(char *b, size_t off, uint32_t v);

#endif
