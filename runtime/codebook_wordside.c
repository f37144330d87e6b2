/* codebook_wordside.c - what a pattern tells about the characters on
 * either side of one of its \b or \B.
 *
 * coda's word boundary looks at both neighbours ([\p{L}\p{M}\p{N}_] before
 * and after), which costs two Unicode lookarounds at every position PCRE2
 * tries and keeps it from skipping ahead to the few bytes a match can start
 * with.  Where the pattern itself fixes one neighbour (\bpolice: the next
 * character is a letter), one lookaround on the other side decides the
 * same thing, and PCRE2 can again skip to the first letters.
 *
 * Only sureness counts: a side is "word" or "non-word" when every match
 * puts such a character there, else unknown.  The reading understands
 * literal characters, \d and \s, simple classes, plain groups with their
 * alternatives and quantifiers; anything else (flag x, lookarounds,
 * conditionals, escapes it does not know) leaves the side unknown. */
#include "codebook_int.h"

#include "codebook_wordbound.h"

#include <string.h>

#define WORD "[\\p{L}\\p{M}\\p{N}_]"

enum { DEPTH_MAX = 50 };

/* The class of the code point at s[0..len) (valid UTF-8, non-ASCII). */
static int class_of_utf8(const char *s, size_t len)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)WORD, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED,
                                   &ec, &eo, NULL);
    pcre2_match_data *md = re ? pcre2_match_data_create(1, NULL) : NULL;
    int rc = md ? pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL)
                : PCRE2_ERROR_NOMEMORY;
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc > 0 ? CB_SIDE_WORD : rc == PCRE2_ERROR_NOMATCH ? CB_SIDE_NONWORD
                                                             : CB_SIDE_UNKNOWN;
}

static int merge(int a, int b)
{
    return a < 0 || a == b ? b : CB_SIDE_UNKNOWN;
}

static int is_word_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* The class of the literal character at s[i]; *end just past it. */
static int class_of_literal(const char *s, size_t len, size_t i, size_t *end)
{
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    *end = i + n <= len ? i + n : len;
    if (c < 0x80)
        return is_word_ascii((char)c) ? CB_SIDE_WORD : CB_SIDE_NONWORD;
    return class_of_utf8(s + i, *end - i);
}

/* The class of a class [..] s[i..j): word when it is not negated and holds
 * only ASCII letters, digits, _ and ranges within one of those kinds. */
static int class_of_set(const char *s, size_t i, size_t j)
{
    size_t k = i + 1;
    if (j < i + 3 || s[k] == '^' || s[k] == ']')
        return CB_SIDE_UNKNOWN;
    for (; k + 1 < j; k++) {
        if (!is_word_ascii(s[k]))
            return CB_SIDE_UNKNOWN;
        if (s[k + 1] == '-' && k + 2 < j - 1) {
            char a = s[k], b = s[k + 2];
            int same = (a >= 'a' && b <= 'z') || (a >= 'A' && b <= 'Z' &&
                                                  a <= 'Z') ||
                       (a >= '0' && b <= '9' && a <= '9');
            if (!same || a > b || !is_word_ascii(b))
                return CB_SIDE_UNKNOWN;
            k += 2;
        }
    }
    return CB_SIDE_WORD;
}

/* The class of the escape s[i..j) as a consumed character. */
static int class_of_escape(const char *s, size_t i, size_t j)
{
    char c = s[i + 1];
    if (j != i + 2)
        return CB_SIDE_UNKNOWN;
    if (c == 'd')
        return CB_SIDE_WORD;            /* \p{Nd} */
    if (c == 's' || c == 'h' || c == 'v' || c == 'n' || c == 't' ||
        c == 'r' || c == 'f')
        return CB_SIDE_NONWORD;
    return strchr("^$.[]|()?*+{}\\/-,:;!\"#%&'<=>@`~ ", c) && c ? CB_SIDE_NONWORD
                                                              : CB_SIDE_UNKNOWN;
}

/* 1 when the quantifier at s[i] (if any) may repeat zero times; *end past
 * it (i when there is none). */
static int may_skip(const char *s, size_t len, size_t i, size_t *end)
{
    int unbounded;
    size_t q = cb_pattern_quantifier(s, len, i, &unbounded);
    *end = i + q;
    if (!q)                 /* a { that is no quantifier here may be one */
        return i < len && s[i] == '{';
    return s[i] == '?' || s[i] == '*' || (s[i] == '{' && s[i + 1] == '0');
}

/* The length of the opener of a group that consumes what its alternatives
 * match ((, (?:, (?|, (?>, (?<name>, (?P<name>, (?'name', (?flags:) at s[i],
 * or 0 for any other ( (lookarounds, conditionals, calls, verbs). */
static size_t plain_open(const char *s, size_t len, size_t i)
{
    if (i + 1 >= len || s[i + 1] == '*')
        return 0;
    if (s[i + 1] != '?')
        return 1;
    if (i + 2 >= len)
        return 0;
    char c = s[i + 2];
    if (c == ':' || c == '|' || c == '>')
        return 3;
    const char *close = NULL;
    if (c == '<' && i + 3 < len && s[i + 3] != '=' && s[i + 3] != '!')
        close = memchr(s + i + 3, '>', len - i - 3);
    else if (c == 'P' && i + 3 < len && s[i + 3] == '<')
        close = memchr(s + i + 4, '>', len - i - 4);
    else if (c == '\'')
        close = memchr(s + i + 3, '\'', len - i - 3);
    if (close)
        return (size_t)(close - s) + 1 - i;
    size_t k = i + 2 + strspn(s + i + 2, "imnsUJ-^");
    return k > i + 2 && k < len && s[k] == ':' ? k + 1 - i : 0;
}

/* The end of the alternative starting at s[i]: the index of the | or ) that
 * ends it at its own level, or len. */
static size_t alt_end(const char *s, size_t len, size_t i)
{
    int depth = 0;
    while (i < len) {
        size_t j = coda_pattern_opaque(s, len, i, 0);
        if (j > i) {
            i = j;
            continue;
        }
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth-- == 0)
            return i;
        else if (s[i] == '|' && depth == 0)
            return i;
        i++;
    }
    return len;
}

static int first_of(const char *s, size_t len, size_t i, int depth);

/* The class of the first character of every match of the alternatives
 * from s[i] to the ) that closes their group (whole: to the end of the
 * pattern); *end past that ). */
static int first_of_alts(const char *s, size_t len, size_t i, int depth,
                         int whole, size_t *end)
{
    int cls = -1;
    for (;;) {
        int c = first_of(s, len, i, depth + 1);
        cls = cls < 0 || cls == c ? c : CB_SIDE_UNKNOWN;
        i = alt_end(s, len, i);
        if (i >= len) {
            *end = len;
            return whole ? cls : CB_SIDE_UNKNOWN;
        }
        if (s[i++] == ')')
            break;
    }
    *end = i;
    return whole ? CB_SIDE_UNKNOWN : cls;
}

/* The class of the first character every match of the sequence at s[i]
 * consumes (unknown when it may consume none). */
static int first_of(const char *s, size_t len, size_t i, int depth)
{
    size_t j = coda_pattern_opaque(s, len, i, 0), n, end;
    int cls;
    if (i >= len || depth > DEPTH_MAX)
        return CB_SIDE_UNKNOWN;
    if (j > i && s[i] == '[')
        cls = class_of_set(s, i, j);
    else if (j > i && s[i] == '\\')
        cls = class_of_escape(s, i, j);
    else if (j > i)
        return CB_SIDE_UNKNOWN;
    else if (s[i] == '(' && (n = plain_open(s, len, i)) > 0)
        cls = first_of_alts(s, len, i + n, depth, 0, &j);
    else if (strchr("()|.^$?*+{}\\", s[i]))
        return CB_SIDE_UNKNOWN;
    else
        cls = class_of_literal(s, len, i, &j);
    if (may_skip(s, len, j, &end))      /* then what follows may be first */
        return merge(cls, first_of(s, len, end, depth + 1));
    return cls;
}

/* 1 when the pattern sets flag x anywhere ((?x), (?x:...)): then spaces
 * and # are no literals, which this reading does not follow. */
static int sets_extended(const char *s, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++) {
        if (s[i] != '(' || s[i + 1] != '?')
            continue;
        size_t k = i + 2 + strspn(s + i + 2, "imnsxUJ-^");
        if (memchr(s + i + 2, 'x', k - i - 2))
            return 1;
    }
    return 0;
}

int cb_side_next(const char *s, size_t len, size_t i, int extended)
{
    if (extended || sets_extended(s, len))
        return CB_SIDE_UNKNOWN;
    return first_of(s, len, i, 0);
}

/* A group being read by last_before: the class before it, and what its
 * finished alternatives end with (-1: none finished yet). */
typedef struct frame {
    int entry, ends;
    int plain;                  /* consumes what it matches */
} frame;

/* The class after the item at s[i] given cls before it; *end past it and
 * its quantifier.  Groups are handled by the caller. */
static int after_item(const char *s, size_t len, size_t i, int cls,
                      size_t *end)
{
    int before = cls;
    size_t j = coda_pattern_opaque(s, len, i, 0);
    int zero = j == i + 2 && s[i] == '\\' && (s[i + 1] == 'b' ||
                                             s[i + 1] == 'B');
    if (zero)
        ;                               /* a boundary: the same neighbour */
    else if (j > i && s[i] == '[')
        cls = class_of_set(s, i, j);
    else if (j > i && s[i] == '\\')
        cls = class_of_escape(s, i, j);
    else if (j > i || strchr(".^$", s[i]))
        cls = CB_SIDE_UNKNOWN, j = j > i ? j : i + 1;
    else
        cls = class_of_literal(s, len, i, &j);
    return may_skip(s, len, j, end) ? merge(before, cls) : cls;
}

/* The length of a lookaround's opener at s[i], or 0. */
static size_t look_open(const char *s, size_t len, size_t i)
{
    if (i + 3 < len && !strncmp(s + i, "(?<", 3) &&
        (s[i + 3] == '=' || s[i + 3] == '!'))
        return 4;
    return i + 2 < len && s[i + 1] == '?' && (s[i + 2] == '=' ||
                                              s[i + 2] == '!') ? 3 : 0;
}

/* The class of the last character consumed before s[i] on the way there
 * (whole: i == len and every top-level alternative counts). */
static int last_before(const char *s, size_t len, size_t i, int whole)
{
    frame st[DEPTH_MAX + 1] = { { CB_SIDE_UNKNOWN, -1, 1 } };
    int top = 0, cls = CB_SIDE_UNKNOWN;
    size_t k = 0, n;
    while (k < i) {
        if (s[k] == '(' && coda_pattern_opaque(s, len, k, 0) == k) {
            if (top == DEPTH_MAX)
                return CB_SIDE_UNKNOWN;
            size_t look = look_open(s, len, k);
            n = plain_open(s, len, k);
            if (!n && !look)
                return CB_SIDE_UNKNOWN;
            st[++top] = (frame){ n ? cls : CB_SIDE_UNKNOWN, -1, n > 0 };
            cls = st[top].entry;
            k += n ? n : look;
        } else if (s[k] == '|') {
            st[top].ends = merge(st[top].ends, cls);
            cls = st[top].entry;
            k++;
        } else if (s[k] == ')' && top > 0) {
            int e = merge(st[top].ends, cls), entry = st[top].entry;
            cls = st[top--].plain ? e : CB_SIDE_UNKNOWN;
            if (may_skip(s, len, k + 1, &k))
                cls = merge(entry, cls);
        } else if (strchr(")?*+{", s[k])) {
            return CB_SIDE_UNKNOWN;     /* nothing this reading expects */
        } else {
            cls = after_item(s, len, k, cls, &k);
        }
    }
    if (k != i || (whole && top != 0))
        return CB_SIDE_UNKNOWN;
    return whole ? merge(st[0].ends, cls) : cls;
}

int cb_side_prev(const char *s, size_t len, size_t i, int extended)
{
    if (extended || sets_extended(s, len))
        return CB_SIDE_UNKNOWN;
    return last_before(s, len, i, 0);
}

int cb_side_last(const char *s, size_t len, int extended)
{
    if (extended || sets_extended(s, len))
        return CB_SIDE_UNKNOWN;
    return last_before(s, len, len, 1);
}

int cb_side_first(const char *s, size_t len, int extended)
{
    size_t end;
    if (extended || sets_extended(s, len))
        return CB_SIDE_UNKNOWN;
    return first_of_alts(s, len, 0, 0, 1, &end);
}
