/*
 * emit_ical.c - the schedule as an RFC 5545 calendar.
 *
 * A small writer of our own rather than libical's serializer: libical 3.0
 * can fold a line between a backslash and the character it escapes (Google
 * Calendar then drops the event) and does not escape CATEGORIES values, and
 * folding is exactly where calendars with Chinese text break.  Here every
 * property is built as one logical line of escaped text, then folded at 75
 * octets only between whole UTF-8 characters and never inside an escape
 * pair.  libical remains an independent reader in the tests.
 *
 * Meetings, sessions and deadlines are all-day VEVENTs (DTEND exclusive);
 * --todo makes deadlines VTODOs.  A recurring obligation is one component:
 * DTSTART, an RRULE with COUNT, and EXDATE/RDATE for occurrences the rule
 * alone would not give (a deadline moved off a holiday, a month end), so
 * that its expansion is exactly the resolved schedule.  UIDs derive from
 * the resolution and the declaration, so a re-import updates entries.
 */
#include <stdlib.h>
#include <string.h>

#include "bytes16.h"
#include "compile.h"
#include "date.h"
#include "pool.h"
#include "utf8.h"

#ifndef WSISC_VERSION
#define WSISC_VERSION "dev"
#endif

/* A name as a line holds it: escaped once, at an offset in Ical.names,
   with the bytes it had before escaping (put_names counts those). */
typedef struct Esc {
    uint32_t at, n, raw;
} Esc;

#define ESC_NONE UINT32_MAX    /* at: no such name */

/* What an entity or a verb shows in the chosen language (see shown_all). */
typedef struct Shown {
    const Decl *d;
    DeclKind kind;
    Esc shortname;         /* entities: in summaries; verbs: the phrase */
    Esc fullname;          /* entities: in descriptions */
} Shown;

/* A day met, as YYYY-MM-DD (key: the day's number from DATE_MIN_DAYS, plus
   1; 0: none yet). */
typedef struct DayText {
    uint32_t key;
    char iso[12];
} DayText;

/* Days a formatter keeps, by the low bits of their number: a calendar
   names a few thousand days, hundreds of thousands of times each, and
   working one out and writing it took 2% of `ical`'s samples at a million
   obligations.  4 096 of them (64 KiB) cover eleven years without a
   collision. */
enum { DAY_CACHE = 4096 };

typedef struct Ical {
    Wsis *w;
    FILE *out;
    Arena *a;
    const WsisIcalOptions *opt;
    bool zh;               /* the language is Chinese (labels, separators) */
    const char *slug;      /* the resolution, for UIDs */
    const char *sym;       /* its symbol, for descriptions */
    const char *url;
    char stamp[32];        /* DTSTAMP: YYYYMMDDTHHMMSSZ */
    long long sequence;
    char seqtext[24];      /* the same, as text */
    /* Lines are put together where they will be written: a property is
       appended piece by piece to fold, each piece escaped as it is copied,
       with no formatting, no intermediate string and no allocation per
       line; end_line then folds it in place.  line_at is where the open
       line starts (fold->n between lines). */
    PoolBuf *fold;         /* lines waiting to be written: own, or a
                              formatting thread's (pool.h) */
    size_t line_at;
    PoolBuf own;
    PoolBuf cuts;          /* end_line's fold points (uint32_t; malloc'd,
                              as own: the arena's cleanup frees both if
                              memory runs out) */
    /* Whole lines every component repeats, folded once (emit_ical). */
    const char *stamp_lines;   /* DTSTAMP and SEQUENCE */
    size_t stamp_len;
    const char *url_line;      /* URL, or NULL */
    size_t url_len;
    const char *uid_tail;      /* ".SLUG@wsisc", escaped */
    size_t uid_tail_len;
    const char *cited;         /* "SYMBOL ", escaped (put_paras) */
    size_t cited_len;
    Shown *shown;          /* open addressing by declaration, mask below */
    size_t shown_mask;
    PoolBuf names;         /* the names shown, escaped, side by side */
    DayText *days;         /* DAY_CACHE days met (iso_day) */
} Ical;

/* ------------------------------------------------------------------ */
/* Lines */

/* The length of the fold unit at s: a UTF-8 character, or an escape pair. */
static size_t unit_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return c == '\\' && s[1] ? 2 : 1;
    /* at most 4 bytes are looked at: never the whole rest of the line */
    size_t avail = 1;
    while (avail < 4 && s[avail])
        avail++;
    uint32_t cp;
    size_t k = utf8_decode((const unsigned char *)s, avail, &cp);
    return k ? k : 1;
}

/* Whether a byte is a fold unit of its own: ASCII, and not a backslash
   (which starts an escape of two). */
static bool plain_byte(char c)
{
    return (unsigned char)c < 0x80 && c != '\\';
}

/* How many of s[0..n) are plain bytes (plain_byte) before the first that
   is not.  Sixteen bytes at a time (bytes16.h), then eight: a high bit,
   or a byte equal to '\\' (a zero byte of w ^ "\\\\..."), flags the
   high bit of its byte.  The least significant flag is exact (a borrow
   only flags bytes more significant than a zero one): on a
   little-endian machine it is the first byte that is not plain, found
   without a loop (a line holds one every few dozen bytes: an escape, a
   pilcrow, a Chinese character).
   Elsewhere the most significant is taken, which may come early: a
   shorter span is still right, as the caller folds what follows a unit
   at a time. */
static size_t plain_span(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        Bytes16 v = bytes16_at(s + i);
        unsigned k = bytes16_first((Bytes16)((v >= 0x80) | (v == '\\')));
        if (k < 16)
            return i + k;
    }
    for (; i + 8 <= n; i += 8) {
        uint64_t w, x;
        memcpy(&w, s + i, 8);
        x = w ^ (ones * '\\');
        uint64_t flags = (w | ((x - ones) & ~x)) & highs;
        if (flags) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + (size_t)__builtin_ctzll(flags) / 8;
#else
            return i + (size_t)__builtin_clzll(flags) / 8;
#endif
        }
    }
    while (i < n && plain_byte(s[i]))
        i++;
    return i;
}

enum { WRITE_AT = 64 * 1024 };

/* Hands the lines to stdio: in writes of about 64 KiB, not one a line
   (each stdio call takes the stream's lock). */
static void flush_lines(Ical *ic)
{
    fwrite(ic->fold->p, 1, ic->fold->n, ic->out);
    ic->fold->n = 0;
    ic->line_at = 0;
}

/* After a line, or lines, are complete. */
static void lines_done(Ical *ic)
{
    ic->line_at = ic->fold->n;
    if (ic->out && ic->fold->n >= WRITE_AT)
        flush_lines(ic);
}

/* Notes that a fold goes before offset at of the line. */
static void add_cut(Ical *ic, size_t *k, size_t at)
{
    poolbuf_reserve(&ic->cuts, (*k + 1) * sizeof(uint32_t), ic->a);
    uint32_t v = (uint32_t)at;
    memcpy(ic->cuts.p + *k * sizeof v, &v, sizeof v);
    ++*k;
}

/* Where the n-octet line at s folds (at 75 octets, only between whole
   UTF-8 characters and escape pairs), found by walking it: a run of
   plain bytes at a time (each one octet: a run folds by counting, so a
   line of plain ASCII folds every 74 after the first 75), and a unit at
   a time elsewhere.  The cuts go in ic->cuts; returns how many.  s[n] is
   a NUL. */
static size_t fold_walk(Ical *ic, const char *s, size_t n)
{
    size_t k = 0, used = 0, p = 0;
    while (p < n) {
        size_t plain = p + plain_span(s + p, n - p);
        while (p < plain) {
            if (used == 75) {
                add_cut(ic, &k, p);
                used = 1;
            }
            size_t take = plain - p < 75 - used ? plain - p : 75 - used;
            p += take;
            used += take;
        }
        if (p == n)
            break;
        size_t u = unit_len(s + p);
        if (used + u > 75) {
            add_cut(ic, &k, p);
            used = 1;
        }
        used += u;
        p += u;
    }
    return k;
}

/* Backslashes just before s + at, back to s + from. */
static size_t backslashes(const char *s, size_t from, size_t at)
{
    size_t b = 0;
    while (at - b > from && s[at - 1 - b] == '\\')
        b++;
    return b;
}

/* The same cuts as fold_walk, found by looking only where each fold
   falls: the first octet that does not fit (75 octets from the line's
   start, 74 from a fold's space on) starts the next line, unless it lies
   inside a unit, which then moves whole.  A unit there is recognised by
   its bytes: UTF-8 continuation bytes go back to their lead byte, and a
   backslash before it starts an escape pair when an odd run of them
   ends there (the run pairs off from the last cut, which is a unit's
   start).  A lead byte that does not decode to a character over that
   octet is ill-formed text, which no calendar line holds (texts and
   names are checked as they are read); it is walked all the same. */
static size_t fold_points(Ical *ic, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0, start = 0, cap = 75;
    while (n - start > cap) {
        size_t c = start + cap, at = c;
        if ((u[c] & 0xC0) == 0x80) {
            while (at > c - 3 && (u[at] & 0xC0) == 0x80)
                at--;
            uint32_t cp;
            size_t len = u[at] >= 0xC2
                ? utf8_decode(u + at, n - at < 4 ? n - at : 4, &cp) : 0;
            if (len == 0 || at + len <= c ||
                backslashes(s, start, at) % 2 == 1) {
                return fold_walk(ic, s, n);
            }
        } else if (backslashes(s, start, c) % 2 == 1) {
            at = c - 1;
        }
        add_cut(ic, &k, at);
        start = at;
        cap = 74;
    }
    return k;
}

/* Ends the open line: folded in place at 75 octets (CRLF SPACE before
   each cut, the pieces after it moved up, last first), then CRLF.  Most
   lines need no fold and are not moved at all. */
static void end_line(Ical *ic)
{
    PoolBuf *b = ic->fold;
    size_t n = b->n - ic->line_at;
    if (n > 75) {
        b->p[b->n] = '\0';    /* unit_len looks ahead up to a NUL */
        size_t k = fold_points(ic, b->p + ic->line_at, n);
        poolbuf_reserve(b, 3 * k + 2, ic->a);
        char *line = b->p + ic->line_at, *dst = line + n + 3 * k;
        size_t end = n;
        for (size_t j = k; j-- > 0;) {
            uint32_t at;
            memcpy(&at, ic->cuts.p + j * sizeof at, sizeof at);
            dst -= end - at;
            memmove(dst, line + at, end - at);
            dst -= 3;
            memcpy(dst, "\r\n ", 3);
            end = at;
        }
        b->n += 3 * k;
    } else {
        poolbuf_reserve(b, 2, ic->a);
    }
    memcpy(b->p + b->n, "\r\n", 2);
    b->n += 2;
    lines_done(ic);
}

/* Copies n bytes, most of them a few: up to 16 as two loads and two
   stores that may overlap, where memcpy would be a call that dispatches
   on the size (a calendar line is a dozen pieces of a few bytes; memcpy
   was a fifth of its formatting's samples). */
static inline void copy(char *q, const char *s, size_t n)
{
    if (n > 16) {
        memcpy(q, s, n);
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(q, &a, 8);
        memcpy(q + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(q, &a, 4);
        memcpy(q + n - 4, &b, 4);
    } else if (n > 0) {
        q[0] = s[0];
        q[n / 2] = s[n / 2];
        q[n - 1] = s[n - 1];
    }
}

/* Appends n bytes as they are.  Inlined everywhere: most calls append
   a literal (RAW), whose copy then comes down to a store or two, where a
   call cost more than the copy (seventy calls an obligation's entry). */
static inline __attribute__((always_inline)) void raw(Ical *ic,
                                                      const char *s,
                                                      size_t n)
{
    poolbuf_reserve(ic->fold, n, ic->a);
    copy(ic->fold->p + ic->fold->n, s, n);
    ic->fold->n += n;
}

/* Appends whole lines, folded and ended already. */
static void whole_lines(Ical *ic, const char *s, size_t n)
{
    raw(ic, s, n);
    lines_done(ic);
}

#define LINES(ic, lit) whole_lines(ic, lit, sizeof lit - 1)
#define RAW(ic, lit) raw(ic, lit, sizeof lit - 1)

static void raws(Ical *ic, const char *s)
{
    raw(ic, s, strlen(s));
}

/*
 * TEXT escaping: backslash, semicolon and comma get a backslash, a newline
 * becomes \n; other control characters (a CR included) are dropped, so no
 * text can end a line and start a property of its own.  A tab becomes a
 * space.  Escaping is byte by byte, so a text built of pieces escapes as
 * its pieces do, one after another.
 */
enum { E_COPY, E_PAIR, E_NEWLINE, E_SPACE, E_DROP };

#define C E_COPY
#define P E_PAIR
#define N E_NEWLINE
#define S E_SPACE
#define D E_DROP
static const unsigned char esc_class[256] = {
    D, D, D, D, D, D, D, D, D, S, N, D, D, D, D, D,
    D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D,
    C, C, C, C, C, C, C, C, C, C, C, C, P, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, P, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, P, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, D,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
};
#undef C
#undef P
#undef N
#undef S
#undef D

/* How many of s[0..n) are copied as they are (E_COPY) before the first
   that is not: sixteen bytes at a time (bytes16.h), then eight, as
   plain_span, a byte under 0x20 or one equal to DEL, ',', ';' or '\\'
   flagging the high bit of its byte (the least significant flag is
   exact). */
static size_t copy_span(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        Bytes16 v = bytes16_at(s + i);
        unsigned k = bytes16_first((Bytes16)((v < 0x20) | (v == 0x7F) |
                                             (v == ',') | (v == ';') |
                                             (v == '\\')));
        if (k < 16)
            return i + k;
    }
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        uint64_t w, x1, x2, x3, x4;
        memcpy(&w, s + i, 8);
        x1 = w ^ (ones * 0x7F);
        x2 = w ^ (ones * ',');
        x3 = w ^ (ones * ';');
        x4 = w ^ (ones * '\\');
        uint64_t flags = ((w - ones * 0x20) & ~w) |
                         ((x1 - ones) & ~x1) | ((x2 - ones) & ~x2) |
                         ((x3 - ones) & ~x3) | ((x4 - ones) & ~x4);
        flags &= highs;
        if (flags)
            return i + (size_t)__builtin_ctzll(flags) / 8;
    }
#endif
    while (i < n && esc_class[s[i]] == E_COPY)
        i++;
    return i;
}

/* Writes n bytes of text, escaped, at q (room for 2 * n): returns the
   end. */
static char *escape(char *q, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        const unsigned char *run = p;
        p += copy_span(p, (size_t)(end - p));
        copy(q, (const char *)run, (size_t)(p - run));
        q += p - run;
        if (p == end)
            break;
        switch (esc_class[*p]) {
        case E_PAIR: q[0] = '\\'; q[1] = (char)*p; q += 2; break;
        case E_NEWLINE: q[0] = '\\'; q[1] = 'n'; q += 2; break;
        case E_SPACE: *q++ = ' '; break;
        default: break;
        }
        p++;
    }
    return q;
}

/* Appends n bytes of text, escaped. */
static void text(Ical *ic, const char *s, size_t n)
{
    poolbuf_reserve(ic->fold, 2 * n, ic->a);
    char *q = escape(ic->fold->p + ic->fold->n, s, n);
    ic->fold->n = (size_t)(q - ic->fold->p);
}

static void texts(Ical *ic, const char *s)
{
    text(ic, s, strlen(s));
}

/* NAME:VALUE, the value as it is. */
static void prop(Ical *ic, const char *name, const char *value)
{
    raws(ic, name);
    RAW(ic, ":");
    raws(ic, value);
    end_line(ic);
}

/* NAME:VALUE, the value escaped as TEXT. */
static void prop_text(Ical *ic, const char *name, const char *value)
{
    raws(ic, name);
    RAW(ic, ":");
    texts(ic, value);
    end_line(ic);
}

/* YYYYMMDD, a DATE value (years 1-9999: the schedule's range). */
static void day(char out[9], int64_t z)
{
    char iso[11];
    date_format(date_from_days(z), iso);
    memcpy(out, iso, 4);
    memcpy(out + 4, iso + 5, 2);
    memcpy(out + 6, iso + 8, 2);
    out[8] = '\0';
}

/* The day z as YYYY-MM-DD, from the formatter's days (Ical.days). */
static const char *iso_day(Ical *ic, int64_t z)
{
    uint32_t key = (uint32_t)(z - DATE_MIN_DAYS) + 1;
    DayText *e = &ic->days[key & (DAY_CACHE - 1)];
    if (e->key != key) {
        date_format(date_from_days(z), e->iso);
        e->key = key;
    }
    return e->iso;
}

/* Appends the day z as a DATE value, YYYYMMDD. */
static void raw_day(Ical *ic, int64_t z)
{
    const char *iso = iso_day(ic, z);
    poolbuf_reserve(ic->fold, 8, ic->a);
    char *q = ic->fold->p + ic->fold->n;
    memcpy(q, iso, 4);
    memcpy(q + 4, iso + 5, 2);
    memcpy(q + 6, iso + 8, 2);
    ic->fold->n += 8;
}

static void prop_date(Ical *ic, const char *name, int64_t z)
{
    raws(ic, name);
    RAW(ic, ";VALUE=DATE:");
    raw_day(ic, z);
    end_line(ic);
}

/* Appends a non-negative number in decimal. */
static void num(Ical *ic, long long v)
{
    char b[24];
    const char *s = pool_decimal(b, v);
    raw(ic, s, (size_t)(b + 23 - s));
}

/* ------------------------------------------------------------------ */
/* Texts in the chosen language */

/* A string and its length: a text's is kept in the tree (a text holds no
   NUL: the scanner refuses one), so texts written a million times are
   not measured again. */
typedef struct Str {
    const char *s;
    size_t n;
} Str;

static Str text_in(const Decl *d, FieldKind k, const char *lang,
                   const char *fallback)
{
    const Text *t = ast_text_in(d, k, lang);
    if (t)
        return (Str){t->str, t->len};
    return (Str){fallback, fallback ? strlen(fallback) : 0};
}

/* Appends s, escaped. */
static void text_str(Ical *ic, Str s)
{
    text(ic, s.s, s.n);
}

/* Labels of the descriptions, in English and Chinese (others: English). */
#define LABEL(s) {s, sizeof s - 1}
static Str label(const Ical *ic, int i)
{
    static const Str en[] = {
        LABEL("Paragraph"), LABEL("Hosts"), LABEL("To"), LABEL("Due"),
        LABEL("Occurrences"), LABEL("Place"), LABEL("Session of")};
    static const Str zh[] = {
        LABEL("段落"), LABEL("主办方"), LABEL("对象"), LABEL("期限"),
        LABEL("各次日期"), LABEL("地点"), LABEL("会议机构")};
    return ic->zh ? zh[i] : en[i];
}
#undef LABEL
enum { L_PARA, L_HOSTS, L_TO, L_DUE, L_OCC, L_PLACE, L_BODY };

static const Decl *entity(const Ical *ic, const Ident *name)
{
    const Decl *d = wsis_decl_of(ic->w, name);
    return d && d->kind == DK_ENTITY ? d : NULL;
}

/* s[0..n), escaped, added to ic->names. */
static Esc esc_name(Ical *ic, const char *s, size_t n)
{
    poolbuf_reserve(&ic->names, 2 * n, ic->a);
    if (ic->names.n + 2 * n > UINT32_MAX)
        return (Esc){ESC_NONE, 0, 0};   /* never: names are short */
    char *q0 = ic->names.p + ic->names.n;
    char *q = escape(q0, s, n);
    Esc e = {(uint32_t)ic->names.n, (uint32_t)(q - q0), (uint32_t)n};
    ic->names.n += (size_t)(q - q0);
    return e;
}

/* The text t escaped, or else the declared name (which is how every use
   that finds d spells it). */
static Esc esc_text(Ical *ic, const Text *t, const Decl *d)
{
    return t ? esc_name(ic, t->str, t->len)
             : esc_name(ic, d->name, strlen(d->name));
}

/* What entity or verb d shows in the language. */
static Shown show(Ical *ic, const Decl *d)
{
    const char *lang = ic->opt->lang;
    Shown s = {d, d->kind, {ESC_NONE, 0, 0}, {ESC_NONE, 0, 0}};
    if (d->kind == DK_VERB) {
        s.shortname = esc_text(ic, ast_text_in(d, FK_PHRASE, lang), d);
        return s;
    }
    /* short name in the language, else the full one in it (秘书长), else
       the English short name */
    const Text *t = ast_text_in(d, FK_SHORT, lang);
    const Text *full = ast_text_in(d, FK_NAME, lang);
    if (t && t->lang && strcmp(t->lang, lang) == 0)
        s.shortname = esc_text(ic, t, d);
    else if (full && full->lang && strcmp(full->lang, lang) == 0 &&
             strcmp(lang, "en") != 0)
        s.shortname = esc_text(ic, full, d);
    else
        s.shortname = esc_text(ic, t, d);
    s.fullname = esc_text(ic, full, d);
    return s;
}

static size_t shown_slot(const Ical *ic, const Decl *d)
{
    uint64_t h = (uint64_t)(uintptr_t)d * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32) & ic->shown_mask;
}

/* Every entity's and verb's names, worked out and escaped once, side by
   side: an obligation names a few of a spec's entities, and a million
   obligations name them again and again.  Looked up by declaration, a
   name then costs no visit to its declaration, its fields or its text,
   which lie among everything else the spec declared. */
static void shown_all(Ical *ic)
{
    Wsis *w = ic->w;
    size_t n = 0;
    for (size_t i = 0; i < w->nall; i++)
        n += w->all_kind[i] == DK_ENTITY || w->all_kind[i] == DK_VERB;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    ic->shown = arena_alloc(ic->a, cap * sizeof *ic->shown);
    ic->shown_mask = cap - 1;
    for (size_t i = 0; i < w->nall; i++) {
        if (w->all_kind[i] != DK_ENTITY && w->all_kind[i] != DK_VERB)
            continue;
        const Decl *d = w->all[i];
        size_t k = shown_slot(ic, d);
        while (ic->shown[k].d && ic->shown[k].d != d)
            k = (k + 1) & ic->shown_mask;
        if (!ic->shown[k].d)
            ic->shown[k] = show(ic, d);
    }
}

/* What the entity or verb use names shows, or NULL when it names
   neither. */
static const Shown *shown(const Ical *ic, const Ident *use, DeclKind kind)
{
    const Decl *d = wsis_decl_of(ic->w, use);
    if (!d)
        return NULL;
    for (size_t k = shown_slot(ic, d); ic->shown[k].d;
         k = (k + 1) & ic->shown_mask)
        if (ic->shown[k].d == d)
            return ic->shown[k].kind == kind ? &ic->shown[k] : NULL;
    return NULL;   /* shown_all saw every entity and verb */
}

/* Appends a name shown, as escaped before. */
static void put_esc(Ical *ic, Esc e)
{
    raw(ic, ic->names.p + e.at, e.n);
}

/* Appends names joined with ", " (、 in Chinese), escaped: short names
   for summaries, full ones else.  Returns the bytes the names took before
   escaping. */
static size_t put_names(Ical *ic, const Ident *ids, bool shortname)
{
    size_t before = 0;
    for (const Ident *i = ids; i; i = i->next) {
        if (i != ids) {
            if (ic->zh)
                RAW(ic, "、");
            else
                RAW(ic, "\\, ");
            before += ic->zh ? sizeof "、" - 1 : 2;
        }
        const Shown *s = shown(ic, i, DK_ENTITY);
        Esc e = s ? (shortname ? s->shortname : s->fullname)
                  : (Esc){ESC_NONE, 0, 0};
        if (e.at != ESC_NONE) {
            put_esc(ic, e);
            before += e.raw;
        } else {
            size_t k = strlen(i->name);
            text(ic, i->name, k);
            before += k;
        }
    }
    return before;
}

/* Does d cite any paragraph? */
static bool cites(const Decl *d)
{
    if (!(d->kinds & (uint64_t)1 << FK_CITES))
        return false;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_CITES && f->paras)
            return true;
    return false;
}

/* Appends "E/RES/2012/5 ¶37, ¶38(b)", escaped, or nothing when nothing is
   cited. */
static void put_paras(Ical *ic, const Decl *d)
{
    if (!cites(d))
        return;
    raw(ic, ic->cited, ic->cited_len);
    bool first = true;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (f->kind != FK_CITES)
            continue;
        for (const ParaRef *p = f->paras; p; p = p->next) {
            if (!first)
                RAW(ic, "\\, ");
            first = false;
            RAW(ic, "\xC2\xB6");
            num(ic, p->num);
            if (p->sub) {
                RAW(ic, "(");
                texts(ic, p->sub);
                RAW(ic, ")");
            }
        }
    }
}

/* At most max characters of s, cut at a word when it can be: the bytes to
   keep, and whether an ellipsis follows them. */
typedef struct Cut {
    const char *s;
    size_t n;
    bool more;
} Cut;

/* How many of s[0..n) are ASCII before the first that is not. */
static size_t ascii_span(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned k = bytes16_first((Bytes16)(bytes16_at(s + i) >= 0x80));
        if (k < 16)
            return i + k;
    }
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u)
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

static Cut shorten(Str str, size_t max)
{
    const char *s = str.s;
    size_t chars = 0, i = 0, space = 0, n = str.n;
    /* ASCII up to the cut, as most texts are: a character a byte, the
       cut at the last space before it */
    size_t m = n < max ? n : max;
    if (ascii_span(s, m) == m) {
        if (n <= max)
            return (Cut){s, n, false};
        for (size_t k = max; k-- > 0;)
            if (s[k] == ' ') {
                space = k;
                break;
            }
        return (Cut){s, space > max / 2 ? space : max, true};
    }
    while (i < n) {
        if (chars == max) {
            size_t cut = space > i / 2 ? space : i;
            return (Cut){s, cut, true};
        }
        if (s[i] == ' ')
            space = i;
        size_t k = 1;       /* ASCII, most of any text's characters */
        if ((unsigned char)s[i] >= 0x80) {
            uint32_t cp;
            k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        }
        i += k ? k : 1;
        chars++;
    }
    return (Cut){s, n, false};
}

static void put_cut(Ical *ic, Cut c)
{
    text(ic, c.s, c.n);
    if (c.more)
        RAW(ic, "…");
}

/* ------------------------------------------------------------------ */
/* Components */

/* BEGIN, then UID (KIND-NAME.SLUG@wsisc), DTSTAMP and SEQUENCE: the
   BEGIN line and the UID's head ("UID:KIND-") as the caller gives them,
   whole; only the name is escaped here (the rest was, once). */
static void begin(Ical *ic, Str begin_line, Str uid_head, const char *name)
{
    whole_lines(ic, begin_line.s, begin_line.n);
    raw(ic, uid_head.s, uid_head.n);
    texts(ic, name);
    raw(ic, ic->uid_tail, ic->uid_tail_len);
    end_line(ic);
    whole_lines(ic, ic->stamp_lines, ic->stamp_len);
}

#define STR(lit) ((Str){lit, sizeof lit - 1})

static void put_session(Ical *ic, const Decl *s)
{
    const Field *f = NULL;
    for (const Field *g = s->fields; g < ast_fields_end(s); g++)
        if (g->kind == FK_FROM || g->kind == FK_ON)
            f = g;
    if (!f)
        return;
    Date d1 = {f->dates->d1.y, f->dates->d1.m, f->dates->d1.d};
    Date d2 = f->kind == FK_FROM ? (Date){f->dates->d2.y, f->dates->d2.m, f->dates->d2.d} : d1;
    char *id = arena_printf(ic->a, "%s-%d", s->session_body->name,
                            s->session_number);
    begin(ic, STR("BEGIN:VEVENT\r\n"), STR("UID:session-"), id);
    prop_text(ic, "SUMMARY", text_in(s, FK_TITLE, ic->opt->lang, s->name).s);
    prop_date(ic, "DTSTART", date_to_days(d1));
    prop_date(ic, "DTEND", date_to_days(d2) + 1);
    const char *at = text_in(s, FK_AT, ic->opt->lang, NULL).s;
    if (at)
        prop_text(ic, "LOCATION", at);
    const Decl *body = entity(ic, s->session_body);
    RAW(ic, "DESCRIPTION:");
    text_str(ic, label(ic, L_BODY));
    RAW(ic, ": ");
    texts(ic, body ? text_in(body, FK_NAME, ic->opt->lang,
                             s->session_body->name).s
                   : s->session_body->name);
    end_line(ic);
    LINES(ic, "CATEGORIES:Session\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
}

static void put_event(Ical *ic, const SchedItem *it)
{
    const Decl *d = it->decl;
    const char *lang = ic->opt->lang;
    begin(ic, STR("BEGIN:VEVENT\r\n"), STR("UID:event-"), d->name);
    RAW(ic, "SUMMARY:");
    text_str(ic, text_in(d, FK_TITLE, lang, d->name));
    end_line(ic);
    prop_date(ic, "DTSTART", it->start);
    prop_date(ic, "DTEND", it->end + 1);
    Str at = text_in(d, FK_AT, lang, NULL);
    if (at.s) {
        RAW(ic, "LOCATION:");
        text_str(ic, at);
        end_line(ic);
    }
    /* The description: its summary, the paragraphs, the hosts, a line
       each; none at all when that is nothing. */
    Str summary = text_in(d, FK_SUMMARY, lang, NULL);
    bool paras = cites(d);
    bool hosts = (d->kinds & (uint64_t)1 << FK_HOSTS) != 0;
    if (summary.n || paras || hosts) {
        RAW(ic, "DESCRIPTION:");
        bool first = true;
        if (summary.s) {
            text_str(ic, summary);
            first = false;
        }
        if (paras) {
            if (!first)
                RAW(ic, "\\n");
            first = false;
            text_str(ic, label(ic, L_PARA));
            RAW(ic, ": ");
            put_paras(ic, d);
        }
        for (const Field *f = d->fields; f < ast_fields_end(d); f++)
            if (f->kind == FK_HOSTS) {
                if (!first)
                    RAW(ic, "\\n");
                first = false;
                text_str(ic, label(ic, L_HOSTS));
                RAW(ic, ": ");
                put_names(ic, f->names, false);
            }
        end_line(ic);
    }
    if (ic->url_line)
        whole_lines(ic, ic->url_line, ic->url_len);
    LINES(ic, "CATEGORIES:Meeting\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
}

/* Does the obligation address one of the --actor entities, or a part of
   one (ITU is part of UN_ENTITIES)? */
static bool within(Ical *ic, const Ident *name, const char *target,
                   int depth)
{
    if (strcmp(name->name, target) == 0)
        return true;
    const Decl *e = entity(ic, name);
    if (!e || depth > 32)
        return false;
    for (const Field *f = e->fields; f < ast_fields_end(e); f++)
        if (f->kind == FK_PART_OF)
            for (const Ident *i = f->names; i; i = i->next)
                if (within(ic, i, target, depth + 1))
                    return true;
    return false;
}

static bool wanted(Ical *ic, const Field *verb)
{
    if (ic->opt->nactors == 0)
        return true;
    for (const Ident *i = verb ? verb->names : NULL; i; i = i->next)
        for (size_t k = 0; k < ic->opt->nactors; k++)
            if (within(ic, i, ic->opt->actors[k], 0))
                return true;
    return false;
}

/*
 * The RRULE for a recurrence and the dates it makes from dtstart, counted
 * as RFC 5545 does: a day the month lacks is skipped, not moved, and does
 * not count towards COUNT.
 */
static int64_t *rule_dates(Ical *ic, int64_t dtstart, const Recur *r, int n)
{
    int64_t *g = arena_alloc(ic->a, (size_t)n * sizeof *g);
    Date d0 = date_from_days(dtstart);
    int k = 0;
    for (int64_t step = 0; k < n && step < (int64_t)n * 16; step++) {
        Date dt;
        DateStatus st;
        int64_t by = step * r->interval;
        switch (r->unit) {
        case UNIT_DAY: st = date_add_days(d0, by, &dt); break;
        case UNIT_WEEK: st = date_add_days(d0, 7 * by, &dt); break;
        case UNIT_MONTH: st = date_add_months(d0, by, DATE_EXACT, &dt); break;
        default: st = date_add_months(d0, 12 * by, DATE_EXACT, &dt); break;
        }
        if (st == DATE_OUT_OF_RANGE)
            break;
        if (st == DATE_OK)
            g[k++] = date_to_days(dt);
    }
    while (k < n)
        g[k++] = INT64_MIN;   /* past the calendar: never an instance */
    return g;
}

static bool has(const int64_t *v, int n, int64_t x)
{
    for (int i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static void put_dates(Ical *ic, const char *name, const int64_t *v, int n,
                      const int64_t *except, int m)
{
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (v[i] == INT64_MIN || has(except, m, v[i]))
            continue;
        if (!any) {
            raws(ic, name);
            RAW(ic, ";VALUE=DATE:");
        } else {
            RAW(ic, ",");
        }
        any = true;
        raw_day(ic, v[i]);
    }
    if (any)
        end_line(ic);
}

/* "SG: Submit to the Commission a yearly report on …", escaped: who is
   asked (short names), and what; sep between them when there is a who. */
static void put_who_what(Ical *ic, const Field *verb, Cut what,
                         const char *sep, size_t seplen)
{
    if (verb && put_names(ic, verb->names, true) > 0)
        raw(ic, sep, seplen);
    put_cut(ic, what);
}

static void put_obligation(Ical *ic, const SchedItem *it)
{
    const Decl *d = it->decl;
    const Field *verb = ast_field_of(d, FK_VERB);
    if (!wanted(ic, verb))
        return;
    /* Only occurrences with a deadline go in a calendar. */
    int n = 0;
    int64_t *due = arena_alloc(ic->a, (size_t)(it->nocc + 1) * sizeof *due);
    for (int i = 0; i < it->nocc; i++)
        if (it->occ[i].has_hi)
            due[n++] = it->occ[i].hi;
    if (n == 0)
        return;
    bool todo = ic->opt->todo;
    const char *lang = ic->opt->lang;
    Str summary = text_in(d, FK_SUMMARY, lang, NULL);
    Str action = text_in(d, FK_ACTION, lang, NULL);
    Str asked = action.s ? action : (Str){d->name, strlen(d->name)};
    Cut what = summary.s ? (Cut){summary.s, summary.n, false}
                         : shorten(asked, ic->zh ? 40 : 72);
    if (todo)
        begin(ic, STR("BEGIN:VTODO\r\n"), STR("UID:todo-"), d->name);
    else
        begin(ic, STR("BEGIN:VEVENT\r\n"), STR("UID:deadline-"), d->name);
    RAW(ic, "SUMMARY:");
    if (ic->zh)
        put_who_what(ic, verb, what, "：", sizeof "：" - 1);
    else
        put_who_what(ic, verb, what, ": ", 2);
    end_line(ic);
    /* A VTODO's series runs on DTSTART, the day before each DUE. */
    int64_t shift = todo ? 1 : 0;
    if (todo) {
        prop_date(ic, "DTSTART", due[0] - shift);
        prop_date(ic, "DUE", due[0]);
    } else {
        prop_date(ic, "DTSTART", due[0]);
        prop_date(ic, "DTEND", due[0] + 1);
    }
    if (it->recurring && n > 1) {
        const Recur *r = ast_field_of(d, FK_EVERY)->recur;
        static const char *const freq[] = {"DAILY", "WEEKLY", "MONTHLY",
                                           "YEARLY"};
        RAW(ic, "RRULE:FREQ=");
        raws(ic, freq[r->unit]);
        if (r->interval > 1) {
            RAW(ic, ";INTERVAL=");
            num(ic, r->interval);
        }
        RAW(ic, ";COUNT=");
        num(ic, n);
        end_line(ic);
        int64_t *starts = arena_alloc(ic->a, (size_t)n * sizeof *starts);
        for (int i = 0; i < n; i++)
            starts[i] = due[i] - shift;
        int64_t *gen = rule_dates(ic, starts[0], r, n);
        put_dates(ic, "EXDATE", gen, n, starts, n);
        put_dates(ic, "RDATE", starts, n, gen, n);
    }
    /* Description: who is asked what, under which paragraph, when. */
    const Shown *vs = verb ? shown(ic, verb->verb, DK_VERB) : NULL;
    RAW(ic, "DESCRIPTION:");
    if (verb)
        put_names(ic, verb->names, false);
    if (!ic->zh)
        RAW(ic, " ");
    if (vs && vs->shortname.at != ESC_NONE)
        put_esc(ic, vs->shortname);
    else
        texts(ic, verb ? verb->verb->name : "");
    RAW(ic, " (");
    put_paras(ic, d);
    RAW(ic, ")\\n");
    if (action.s)
        text_str(ic, action);
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_TO) {
            RAW(ic, "\\n");
            text_str(ic, label(ic, L_TO));
            RAW(ic, ": ");
            put_names(ic, f->names, false);
        }
    if (it->occ[0].rule && !it->recurring) {
        RAW(ic, "\\n");
        text_str(ic, label(ic, L_DUE));
        RAW(ic, ": ");
        texts(ic, it->occ[0].rule);
    }
    if (it->recurring) {
        RAW(ic, "\\n");
        text_str(ic, label(ic, L_OCC));
        RAW(ic, ": ");
        for (int i = 0; i < n; i++) {
            if (i)
                RAW(ic, "\\, ");
            raw(ic, iso_day(ic, due[i]), 10);
        }
    }
    end_line(ic);
    if (ic->url_line)
        whole_lines(ic, ic->url_line, ic->url_len);
    RAW(ic, "CATEGORIES:Deadline");
    if (verb) {
        RAW(ic, ",");
        texts(ic, verb->verb->name);
    }
    end_line(ic);
    if (!todo)
        LINES(ic, "TRANSP:TRANSPARENT\r\n");
    const Field *rem = ast_field_of(d, FK_REMIND);
    long long days = -1;
    if (rem) {
        /* a reminder in weeks, months or years, in days (months of 30) */
        static const int per[] = {1, 7, 30, 365};
        days = (long long)rem->n1 * per[rem->nums->unit];
    } else if (ic->opt->alarm_days >= 0) {
        days = ic->opt->alarm_days;
    }
    if (days >= 0) {
        LINES(ic, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
        RAW(ic, "DESCRIPTION:");
        put_who_what(ic, verb, what, ": ", 2);
        end_line(ic);
        raws(ic, todo ? "TRIGGER;RELATED=END:-P" : "TRIGGER;RELATED=START:-P");
        num(ic, days);
        RAW(ic, "D");
        end_line(ic);
        LINES(ic, "END:VALARM\r\n");
    }
    if (todo)
        LINES(ic, "END:VTODO\r\n");
    else
        LINES(ic, "END:VEVENT\r\n");
}

/* The items in [from, to), each with its strings dropped once written. */
static void put_items(Ical *ic, const Schedule *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const SchedItem *it = &s->items[i];
        if (it->failed)
            continue;
        ArenaMark m = arena_mark(ic->a);
        if (it->kind == SK_EVENT)
            put_event(ic, it);
        else
            put_obligation(ic, it);
        arena_release(ic->a, m);
    }
}

/* ------------------------------------------------------------------ */
/* Components on threads (pool.h) */

/* With w->jobs > 1 and this many items or more, in chunks of POOL_CHUNK:
   formatting reads the tree, the schedule and the names worked out
   beforehand (shown_all), and writes only into the thread's own line,
   buffer and arena. */
enum { POOL_CHUNK = 2048, POOL_FROM = 4 * POOL_CHUNK };

typedef struct PoolIcal {
    const Ical *ic;
    const Schedule *s;
} PoolIcal;

typedef struct Formatter {
    Ical ic;
    const Schedule *s;
    DayText days[DAY_CACHE];
} Formatter;

static void *formatter_start(void *proto, Arena *a, PoolBuf *out)
{
    const PoolIcal *pi = proto;
    Formatter *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->ic = *pi->ic;
    f->ic.out = NULL;            /* a chunk stays in its buffer */
    f->ic.a = a;
    f->ic.fold = out;
    f->ic.line_at = 0;
    f->ic.own = (PoolBuf){NULL, 0, 0};
    f->ic.cuts = (PoolBuf){NULL, 0, 0};
    memset(f->days, 0, sizeof f->days);
    f->ic.days = f->days;
    f->s = pi->s;
    return f;
}

static void formatter_run(void *ctx, size_t from, size_t to)
{
    Formatter *f = ctx;
    f->ic.line_at = f->ic.fold->n;   /* a chunk's buffer starts empty */
    put_items(&f->ic, f->s, from, to);
}

static void formatter_stop(void *ctx)
{
    Formatter *f = ctx;
    free(f->ic.cuts.p);
    free(f);
}

/* ------------------------------------------------------------------ */

static void free_line(void *ud)
{
    Ical *ic = ud;
    free(ic->cuts.p);
    free(ic->own.p);
    free(ic->names.p);
    ic->cuts.p = ic->own.p = ic->names.p = NULL;
}

/* What the buffer holds, as a string of the arena's (its length in *n),
   taken out of it: for lines, or pieces of one, built once, as any line
   is, and then repeated. */
static const char *take_lines(Ical *ic, size_t *n)
{
    *n = ic->fold->n;
    const char *s = arena_strndup(ic->a, ic->fold->p, *n);
    ic->fold->n = ic->line_at = 0;
    return s;
}

static char *slug_of(Arena *a, const char *s)
{
    char *o = arena_strndup(a, s, strlen(s));
    for (char *p = o; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
        else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            *p = '-';
    }
    return o;
}

WsisStatus emit_ical(Wsis *w, FILE *out, const WsisIcalOptions *opt)
{
    if (!w->scheduled)
        return WSIS_ESPEC;
    Ical ic = {.w = w, .out = out, .a = w->arena, .opt = opt, .slug = "spec",
               .sym = "", .zh = strcmp(opt->lang, "zh") == 0};
    ic.fold = &ic.own;
    ic.days = arena_alloc(ic.a, DAY_CACHE * sizeof *ic.days);
    const Decl *res = w->resolution;
    const Field *symf = res ? ast_field_of(res, FK_SYMBOL) : NULL;
    const char *sym = symf ? symf->text->str : NULL;
    if (sym) {
        ic.slug = slug_of(ic.a, sym);
        ic.sym = sym;
        const Field *u = ast_field_of(res, FK_URL);
        ic.url = u ? u->text->str
                   : arena_printf(ic.a, "https://undocs.org/%s", sym);
    }
    /* DTSTAMP from the caller's clock (SOURCE_DATE_EPOCH or --today);
       SEQUENCE counts minutes since 2000, so a later run's update wins. */
    int64_t secs = opt->stamp;
    char ymd[9];
    day(ymd, secs >= 0 ? secs / 86400 : 0);
    int rem = (int)(secs >= 0 ? secs % 86400 : 0);
    snprintf(ic.stamp, sizeof ic.stamp, "%sT%02d%02d%02dZ", ymd, rem / 3600,
             rem / 60 % 60, rem % 60);
    ic.sequence = secs > 946684800 ? (secs - 946684800) / 60 : 0;
    snprintf(ic.seqtext, sizeof ic.seqtext, "%lld", ic.sequence);
    arena_push_cleanup(ic.a, free_line, &ic);
    poolbuf_reserve(ic.fold, 2 * WRITE_AT, ic.a);  /* once, not doubling up */
    shown_all(&ic);
    /* The lines every component repeats, built (and folded) once. */
    prop(&ic, "DTSTAMP", ic.stamp);
    prop(&ic, "SEQUENCE", ic.seqtext);
    ic.stamp_lines = take_lines(&ic, &ic.stamp_len);
    if (ic.url) {
        prop(&ic, "URL", ic.url);
        ic.url_line = take_lines(&ic, &ic.url_len);
    }
    /* and the pieces every component's UID and description repeat */
    RAW(&ic, ".");
    texts(&ic, ic.slug);
    RAW(&ic, "@wsisc");
    ic.uid_tail = take_lines(&ic, &ic.uid_tail_len);
    texts(&ic, ic.sym);
    RAW(&ic, " ");
    ic.cited = take_lines(&ic, &ic.cited_len);

    prop(&ic, "BEGIN", "VCALENDAR");
    prop(&ic, "VERSION", "2.0");
    prop(&ic, "PRODID", "-//wsisc//wsisc " WSISC_VERSION "//EN");
    prop(&ic, "CALSCALE", "GREGORIAN");
    if (res) {
        const char *title = text_in(res, FK_TITLE, opt->lang, res->name).s;
        const char *name = sym ? arena_printf(ic.a, "%s: %s", sym, title)
                               : title;
        prop_text(&ic, "NAME", name);
        prop_text(&ic, "X-WR-CALNAME", name);
    }
    const Schedule *s = &w->schedule;
    for (size_t i = 0; i < w->nall; i++)
        if (w->all_kind[i] == DK_SESSION && w->all[i]->used &&
            !w->all[i]->replaced)
            put_session(&ic, w->all[i]);
    flush_lines(&ic);
    PoolIcal pi = {&ic, s};
    PoolSpec ps = {s->n, POOL_CHUNK, s->n < POOL_FROM ? 1 : w->jobs, out,
                   &pi, formatter_start, formatter_run, formatter_stop};
    PoolResult done = pool_write(&ps);
    if (done == POOL_OOM)
        arena_oom(ic.a);
    if (done == POOL_NONE)
        put_items(&ic, s, 0, s->n);
    prop(&ic, "END", "VCALENDAR");
    flush_lines(&ic);
    arena_pop_cleanup(ic.a);
    free(ic.cuts.p);
    free(ic.own.p);
    free(ic.names.p);
    return ferror(out) ? WSIS_EIO : WSIS_OK;
}

int wsis_is_entity(Wsis *w, const char *name)
{
    const Decl *d = symtab_get(&w->syms, name);
    return d && d->kind == DK_ENTITY;
}
