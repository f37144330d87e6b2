/* base_utf8.h - UTF-8 validation, decoding, widths and characters, and how
 * far apart two names are. */
#ifndef CODA_UTF8_H
#define CODA_UTF8_H

#include "base_api.h"

#include <stddef.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, nothing
 * past U+10FFFF); else 0 with *bad set to the offset of the first bad byte. */
CODA_API
int coda_utf8_valid(const char *s, size_t len, size_t *bad);

/* The name of the encoding ("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")
 * whose byte-order mark s[0..len) starts with, or NULL when it starts with
 * none of them.  Readers use it to name a UTF-16 export instead of calling
 * its bytes invalid UTF-8. */
CODA_API
const char *coda_utf_bom(const char *s, size_t len);

/* "UTF-16LE" or "UTF-16BE" when s[0..len) looks like UTF-16 text without a
 * byte-order mark: at least 4 bytes and, in its first 64, every second
 * byte NUL and the others not (ASCII text saved as UTF-16); else NULL. */
CODA_API
const char *coda_utf16_guess(const char *s, size_t len);

/* Decode the code point at s[0..len) (len > 0) into *cp; returns its byte
 * length (1 for a bad byte, decoded as U+FFFD). */
CODA_API
size_t coda_utf8_decode(const char *s, size_t len, unsigned *cp);

/* Terminal columns a code point takes: 0 for combining marks (Devanagari,
 * Bengali and other Indic vowel signs included) and zero-width characters,
 * 2 for wide East Asian characters, else 1. */
CODA_API
int coda_utf8_cp_width(unsigned cp);

/* The edits (inserting, deleting or replacing a character, or swapping two
 * neighbours) that turn a[0..alen) into b[0..blen), counting characters,
 * not bytes, and ignoring the case of ASCII letters; max + 1 when it is
 * more than max, or when either has more than 64 characters. */
CODA_API
size_t coda_utf8_distance(const char *a, size_t alen, const char *b,
                          size_t blen, size_t max);

/* The name among names[0..n) closest to name (a few edits apart, letters'
 * case aside; fewer for a short name), for a "did you mean"; NULL when
 * none is close. */
const char *coda_nearest(const char *name, const char *const *names, size_t n);

/* Characters as a reader counts them: a code point with the zero-width
 * code points that follow it (combining marks, vowel signs, joiners) and,
 * after an Indic virama, the consonant it joins (a conjunct such as क्ष is
 * one character).  Text is valid UTF-8.  The byte length of the character
 * that starts s[0..len) (0 when len is 0): */
CODA_API
size_t coda_utf8_char_len(const char *s, size_t len);

/* The number of code points in s[0..len) (valid UTF-8: the bytes that
 * are not continuation bytes), counted eight bytes at a time. */
CODA_API
size_t coda_utf8_count(const char *s, size_t len);

/* The offset in s of the character that ends at s[len) (0 when len is
 * 0), so that s[0..offset) ends where a character does. */
CODA_API
size_t coda_utf8_char_start(const char *s, size_t len);

#endif
