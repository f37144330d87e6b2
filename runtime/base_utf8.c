/* base_utf8.c - a validating UTF-8 scanner with an ASCII fast path, code point
 * widths and the characters a reader counts. */
#include "base_utf8.h"

#include <stdint.h>
#include <string.h>

/* Length of the sequence starting at s (at most n bytes), or 0 if invalid. */
static size_t seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* past U+10FFFF */
        return 4;
    }
    return 0;
}

const char *coda_utf_bom(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len >= 4 && !memcmp(s, "\xFF\xFE\0\0", 4))
        return "UTF-32LE";
    if (len >= 4 && !memcmp(s, "\0\0\xFE\xFF", 4))
        return "UTF-32BE";
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return "UTF-16BE";
    return NULL;
}

const char *coda_utf16_guess(const char *s, size_t len)
{
    size_t n = (len < 64 ? len : 64) & ~(size_t)1;
    int le = n >= 4, be = n >= 4;
    for (size_t i = 0; i < n && (le || be); i += 2) {
        le &= s[i] != 0 && s[i + 1] == 0;
        be &= s[i] == 0 && s[i + 1] != 0;
    }
    return le ? "UTF-16LE" : be ? "UTF-16BE" : NULL;
}

int coda_utf8_valid(const char *str, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = seq_len(s + i, len - i);
        if (n == 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

size_t coda_utf8_decode(const char *str, size_t len, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = seq_len(s, len);
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned v = s[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3F);
    *cp = v;
    return n;
}

/* Ranges of zero-width code points: combining marks of the scripts coda
 * meets most (Latin diacritics, Indic vowel signs and viramas) and format
 * characters. */
static const unsigned zero_width[][2] = {
    { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
    { 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0900, 0x0903 },
    { 0x093A, 0x093C }, { 0x093E, 0x094F }, { 0x0951, 0x0957 },
    { 0x0962, 0x0963 }, { 0x0981, 0x0983 }, { 0x09BC, 0x09BC },
    { 0x09BE, 0x09CD }, { 0x09D7, 0x09D7 }, { 0x09E2, 0x09E3 },
    { 0x0A01, 0x0A03 }, { 0x0A3C, 0x0A51 }, { 0x0A81, 0x0A83 },
    { 0x0ABC, 0x0ACD }, { 0x0B01, 0x0B03 }, { 0x0B3C, 0x0B57 },
    { 0x0B82, 0x0B82 }, { 0x0BBE, 0x0BCD }, { 0x0C00, 0x0C04 },
    { 0x0C3E, 0x0C56 }, { 0x0C81, 0x0C83 }, { 0x0CBC, 0x0CD6 },
    { 0x0D00, 0x0D03 }, { 0x0D3B, 0x0D4D }, { 0x200B, 0x200F },
    { 0xFE00, 0xFE0F },
};

static const unsigned wide[][2] = {
    { 0x1100, 0x115F }, { 0x2E80, 0xA4CF }, { 0xAC00, 0xD7A3 },
    { 0xF900, 0xFAFF }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
    { 0x1F300, 0x1FAFF }, { 0x20000, 0x3FFFD },
};

int coda_utf8_cp_width(unsigned cp)
{
    if (cp < 0x0300)            /* below every range: the common case */
        return 1;
    for (size_t i = 0; i < sizeof zero_width / sizeof zero_width[0]; i++)
        if (cp >= zero_width[i][0] && cp <= zero_width[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1])
            return 2;
    return 1;
}

/* The viramas of the Indic scripts coda meets (Devanagari to Malayalam):
 * each joins the consonant after it into one conjunct. */
static int is_virama(unsigned cp)
{
    return cp >= 0x0900 && cp <= 0x0DFF && (cp & 0x7F) == 0x4D;
}

/* A letter a virama may join: a code point of the same Indic blocks. */
static int joins_virama(unsigned cp)
{
    return cp >= 0x0900 && cp <= 0x0DFF && coda_utf8_cp_width(cp) != 0;
}

/* 1 when cp, after prev, belongs to prev's character: a zero-width code
 * point, a consonant after a virama, anything but ASCII after a joiner. */
static int continues(unsigned prev, unsigned cp)
{
    return coda_utf8_cp_width(cp) == 0 || (is_virama(prev) && joins_virama(cp)) ||
           (prev == 0x200D && cp >= 0x80);
}

size_t coda_utf8_char_len(const char *s, size_t len)
{
    unsigned cp, prev;
    if (len == 0)
        return 0;
    if ((unsigned char)s[0] < 0x80 && (len == 1 || (unsigned char)s[1] < 0x80))
        return 1;               /* ASCII before ASCII: the common case */
    size_t i = coda_utf8_decode(s, len, &prev);
    while (i < len) {
        size_t n = coda_utf8_decode(s + i, len - i, &cp);
        if (!continues(prev, cp))
            break;
        i += n;
        prev = cp;
    }
    return i;
}

/* The start of the code point that ends at s[len) (len > 0). */
static size_t cp_start(const char *s, size_t len)
{
    size_t i = len - 1;
    while (i > 0 && len - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

size_t coda_utf8_char_start(const char *s, size_t len)
{
    unsigned cp, before;
    if (len == 0)
        return 0;
    if ((unsigned char)s[len - 1] < 0x80)
        return len - 1;         /* ASCII joins nothing before it */
    size_t i = cp_start(s, len);
    coda_utf8_decode(s + i, len - i, &cp);
    while (i > 0) {
        size_t j = cp_start(s, i);
        coda_utf8_decode(s + j, i - j, &before);
        if (!continues(before, cp))
            break;
        i = j;
        cp = before;
    }
    return i;
}

size_t coda_utf8_count(const char *s, size_t len)
{
    const uint64_t high = 0x8080808080808080ULL;
    size_t cont = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* 10xxxxxx: bit 7 set, bit 6 (shifted up into bit 7) clear; the
         * flags summed as bytes by one multiplication */
        uint64_t flags = (w & ~(w << 1) & high) >> 7;
        cont += (size_t)((flags * 0x0101010101010101ULL) >> 56);
    }
    for (; i < len; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - cont;
}
