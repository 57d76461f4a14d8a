/*
 * test_units.c - the small modules on their own: dates against the C
 * library's calendar, UTF-8 against the Unicode tables, the symbol table,
 * edit distance and the arena.
 */
#define _DEFAULT_SOURCE 1   /* timegm */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "compile.h"
#include "date.h"
#include "intern.h"
#include "spell.h"
#include "symtab.h"
#include "tests.h"
#include "utf8.h"

/*
 * Every day from 1900-01-01 to 2200-12-31, against glibc's gmtime_r (an
 * independent implementation): day numbers, round trips, weekdays, and
 * that date_valid accepts exactly the days gmtime produces.
 */
START_TEST(dates_match_libc_1900_to_2200)
{
    Date start = {1900, 1, 1};
    int64_t first = date_to_days(start);
    Date end = {2200, 12, 31};
    int64_t last = date_to_days(end);
    ck_assert_int_eq(first, -25567);       /* 1900-01-01 before the epoch */
    int64_t valid_days = 0;
    for (int64_t z = first; z <= last; z++) {
        time_t t = (time_t)z * 86400;
        struct tm tm;
        ck_assert_ptr_nonnull(gmtime_r(&t, &tm));
        Date d = date_from_days(z);
        ck_assert_int_eq(d.y, tm.tm_year + 1900);
        ck_assert_int_eq(d.m, tm.tm_mon + 1);
        ck_assert_int_eq(d.d, tm.tm_mday);
        ck_assert_int_eq(date_to_days(d), z);
        ck_assert_int_eq(date_weekday(d), (tm.tm_wday + 6) % 7);
        ck_assert(date_valid(d.y, d.m, d.d));
    }
    /* and date_valid accepts nothing else in the range */
    for (int y = 1900; y <= 2200; y++)
        for (int m = 1; m <= 12; m++)
            for (int dd = 1; dd <= 31; dd++)
                valid_days += date_valid(y, m, dd);
    ck_assert_int_eq(valid_days, last - first + 1);
}
END_TEST

/*
 * Month arithmetic against glibc: timegm normalises "month + n" with the
 * day kept; where that overflows into the next month, the day did not
 * exist, which is where the rounding rule must decide.  Every day of
 * 1900-2200, for several offsets.
 */
static int64_t ref_days(int y, int m, int d)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    return ((int64_t)t - 43200) / 86400;
}

START_TEST(month_arithmetic_matches_libc_1900_to_2200)
{
    static const int offsets[] = {1, -1, 12, 13, -25, 120};
    Date start = {1900, 1, 1}, end = {2200, 12, 31};
    for (int64_t z = date_to_days(start); z <= date_to_days(end); z++) {
        Date d = date_from_days(z);
        for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
            int n = offsets[k];
            int64_t m0 = (int64_t)d.y * 12 + d.m - 1 + n;
            int ty = (int)(m0 / 12), tm = (int)(m0 % 12) + 1;
            /* the target month's length, from libc: day 0 of the next */
            int len = (int)(ref_days(ty, tm + 1, 1) - ref_days(ty, tm, 1));
            Date out;
            DateStatus st = date_add_months(d, n, DATE_EXACT, &out);
            if (d.d <= len) {
                ck_assert_int_eq(st, DATE_OK);
                ck_assert_int_eq(date_to_days(out), ref_days(ty, tm, d.d));
            } else {
                ck_assert_int_eq(st, DATE_NO_SUCH_DAY);
                ck_assert_int_eq(date_add_months(d, n, DATE_ROUND_DOWN, &out),
                                 DATE_OK);
                ck_assert_int_eq(date_to_days(out), ref_days(ty, tm, len));
                ck_assert_int_eq(date_add_months(d, n, DATE_ROUND_UP, &out),
                                 DATE_OK);
                ck_assert_int_eq(date_to_days(out), ref_days(ty, tm + 1, 1));
            }
        }
        Date plus;
        ck_assert_int_eq(date_add_days(d, 1000, &plus), DATE_OK);
        ck_assert_int_eq(date_to_days(plus), ref_days(d.y, d.m, d.d + 1000));
    }
}
END_TEST

START_TEST(month_ends_and_range)
{
    Date jan31 = {2013, 1, 31}, leap = {2012, 2, 29}, out;
    ck_assert_int_eq(date_add_months(jan31, 1, DATE_EXACT, &out),
                     DATE_NO_SUCH_DAY);
    ck_assert_int_eq(date_add_months(jan31, 1, DATE_ROUND_DOWN, &out),
                     DATE_OK);
    ck_assert(out.y == 2013 && out.m == 2 && out.d == 28);
    ck_assert_int_eq(date_add_months(jan31, 1, DATE_ROUND_UP, &out), DATE_OK);
    ck_assert(out.y == 2013 && out.m == 3 && out.d == 1);
    ck_assert_int_eq(date_add_months(leap, 12, DATE_EXACT, &out),
                     DATE_NO_SUCH_DAY);
    ck_assert_int_eq(date_add_months(leap, 48, DATE_EXACT, &out), DATE_OK);
    ck_assert(out.y == 2016 && out.m == 2 && out.d == 29);
    Date last = {9999, 12, 31}, first = {1, 1, 1};
    ck_assert_int_eq(date_add_days(last, 1, &out), DATE_OUT_OF_RANGE);
    ck_assert_int_eq(date_add_days(first, -1, &out), DATE_OUT_OF_RANGE);
    ck_assert_int_eq(date_add_months(last, 1, DATE_EXACT, &out),
                     DATE_OUT_OF_RANGE);
    ck_assert_int_eq(date_to_days(last), DATE_MAX_DAYS);
    ck_assert_int_eq(date_to_days(first), DATE_MIN_DAYS);
}
END_TEST

START_TEST(shifting_off_days_off)
{
    Date good_friday = {2015, 4, 3}, easter_monday = {2015, 4, 6};
    int64_t hol[] = {date_to_days(good_friday), date_to_days(easter_monday)};
    DateCalendar cal = {(1u << 5) | (1u << 6), hol, 2};
    Date sat = {2015, 4, 4};
    int64_t z;
    /* Saturday, back over Good Friday to Thursday; on past Easter Monday
       to Tuesday */
    ck_assert(date_shift(&cal, date_to_days(sat), false, &z));
    Date r = date_from_days(z);
    ck_assert(r.m == 4 && r.d == 2);
    ck_assert(date_shift(&cal, date_to_days(sat), true, &z));
    r = date_from_days(z);
    ck_assert(r.m == 4 && r.d == 7);
    /* a working day stays */
    Date wed = {2015, 4, 1};
    ck_assert(date_shift(&cal, date_to_days(wed), false, &z));
    ck_assert_int_eq(z, date_to_days(wed));
    /* a calendar with no working day fails instead of looping */
    DateCalendar never = {0x7F, NULL, 0};
    ck_assert(!date_shift(&never, date_to_days(wed), true, &z));
}
END_TEST

START_TEST(known_weekdays_and_limits)
{
    Date adopted = {2012, 7, 24};           /* a Tuesday */
    ck_assert_int_eq(date_weekday(adopted), 1);
    Date igf = {2012, 11, 6};               /* a Tuesday */
    ck_assert_int_eq(date_weekday(igf), 1);
    Date one = {1, 1, 1};                   /* proleptic Monday */
    ck_assert_int_eq(date_weekday(one), 0);
    ck_assert(!date_valid(0, 1, 1));
    ck_assert(!date_valid(10000, 1, 1));
    ck_assert(date_valid(9999, 12, 31));
    ck_assert(!date_valid(2012, 0, 1));
    ck_assert(!date_valid(2012, 1, 0));
    char buf[11];
    date_format(adopted, buf);
    ck_assert_str_eq(buf, "2012-07-24");
}
END_TEST

START_TEST(utf8_rejects_ill_formed)
{
    uint32_t cp;
    ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xE4\xB8\xAD", 3,
                                  &cp), 3);
    ck_assert_uint_eq(cp, 0x4E2D);
    ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xF4\x8F\xBF\xBF",
                                  4, &cp), 4);
    ck_assert_uint_eq(cp, 0x10FFFF);
    static const char *const bad[] = {
        "\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",  /* overlong '/' */
        "\xED\xA0\x80",                                /* surrogate */
        "\xF4\x90\x80\x80",                            /* > U+10FFFF */
        "\x80", "\xFF", "\xE4\xB8",                    /* stray, short */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_uint_eq(utf8_decode((const unsigned char *)bad[i],
                                      strlen(bad[i]), &cp), 0);
    ck_assert_uint_eq(utf8_check("ok \xE4\xB8\xAD \xFF", 8), 7);
    char out[4];
    ck_assert_uint_eq(utf8_encode(0xD800, out), 0);
    ck_assert_uint_eq(utf8_encode(0x1F600, out), 4);
    ck_assert_int_eq(utf8_width(0x4E2D), 2);
    ck_assert_int_eq(utf8_width('a'), 1);
    ck_assert_int_eq(utf8_width(0x0301), 0);
}
END_TEST

START_TEST(symtab_grows_and_finds)
{
    Arena *a = arena_new();
    SymTab t;
    symtab_init(&t);
    Decl *ds = arena_alloc(a, 20002 * sizeof *ds);
    for (int i = 0; i < 20000; i++) {
        /* every tenth a paragraph marker, filed under ¶ and its name */
        ds[i].kind = i % 10 ? DK_ENTITY : DK_PARAGRAPH;
        ds[i].name = arena_printf(a, i % 10 ? "name_%d" : "%d", i);
        ck_assert_ptr_null(symtab_put(&t, &ds[i]));
    }
    ck_assert_uint_eq(t.count, 20000);
    for (int i = 0; i < 20000; i++) {
        char k[32];
        snprintf(k, sizeof k, i % 10 ? "name_%d" : "\xC2\xB6%d", i);
        ck_assert_ptr_eq(symtab_get(&t, k), &ds[i]);
        /* a marker's name alone is not its key */
        if (i % 10 == 0)
            ck_assert_ptr_null(symtab_get(&t, k + 2));
    }
    ck_assert_ptr_null(symtab_get(&t, "name_20000"));
    ck_assert_ptr_null(symtab_get(&t, ""));
    /* a taken key returns the first holder and changes nothing */
    ds[20000].kind = DK_EVENT;
    ds[20000].name = "name_5";
    ck_assert_ptr_eq(symtab_put(&t, &ds[20000]), &ds[5]);
    ck_assert_ptr_eq(symtab_get(&t, "name_5"), &ds[5]);
    /* set files a new holder under the same key */
    ck_assert(symtab_set(&t, &ds[20000]));
    ck_assert_ptr_eq(symtab_get(&t, "name_5"), &ds[20000]);
    ds[20001].kind = DK_PARAGRAPH;
    ds[20001].name = "name_5";       /* "¶name_5": another key */
    ck_assert(!symtab_set(&t, &ds[20001]));
    ck_assert_ptr_null(symtab_put(&t, &ds[20001]));
    ck_assert_ptr_eq(symtab_get(&t, "\xC2\xB6name_5"), &ds[20001]);
    ck_assert_uint_eq(t.count, 20001);
    /* a table reserved to size, not a power of two, finds the same */
    SymTab r;
    symtab_init(&r);
    ck_assert(symtab_reserve(&r, 20000));
    size_t cap = r.cap;
    ck_assert_uint_lt(cap, 32768);
    for (int i = 0; i < 20000; i++)
        ck_assert_ptr_null(symtab_put(&r, &ds[i]));
    ck_assert_uint_eq(r.cap, cap);
    for (int i = 0; i < 20000; i++) {
        char k[32];
        snprintf(k, sizeof k, i % 10 ? "name_%d" : "\xC2\xB6%d", i);
        ck_assert_ptr_eq(symtab_get(&r, k), &ds[i]);
    }
    ck_assert_ptr_null(symtab_get(&r, "name_20000"));
    ck_assert_ptr_null(symtab_put(&r, &ds[20001]));    /* and one more */
    for (int i = 0; i < 20000; i += 97) {
        char k[32];
        snprintf(k, sizeof k, i % 10 ? "name_%d" : "\xC2\xB6%d", i);
        ck_assert_ptr_eq(symtab_get(&r, k), &ds[i]);
    }
    symtab_fini(&r);
    symtab_fini(&t);
    arena_free(a);
}
END_TEST

/* Names of one pattern, as generated specs and real ones number them
   (ob0000123, ob0000124, ...), spread over the table: a key is found a
   slot or two from where its probe starts.  With FNV-1a's high bits taken
   as they are, these keys started in a few long runs, over a hundred
   slots from their own on average. */
START_TEST(symtab_spreads_numbered_names)
{
    Arena *a = arena_new();
    enum { NOB = 60000, NEV = 3000, NENT = 2000, NPARA = 5000 };
    size_t n = NOB + NEV + NENT + NPARA;
    Decl *ds = arena_alloc(a, n * sizeof *ds);
    size_t k = 0;
    for (int i = 1; i <= NOB; i++, k++) {
        ds[k].kind = DK_OBLIGATION;
        ds[k].name = arena_printf(a, "ob%07d", i);
    }
    for (int i = 1; i <= NEV; i++, k++) {
        ds[k].kind = DK_EVENT;
        ds[k].name = arena_printf(a, "ev%06d", i);
    }
    for (int i = 1; i <= NENT; i++, k++) {
        ds[k].kind = DK_ENTITY;
        ds[k].name = arena_printf(a, "A%06d", i);
    }
    for (int i = 1; i <= NPARA; i++, k++) {
        ds[k].kind = DK_PARAGRAPH;
        ds[k].name = arena_printf(a, "%d", i);
    }
    /* reserved to size, as declaring does, and grown by doubling */
    SymTab r, g;
    symtab_init(&r);
    symtab_init(&g);
    ck_assert(symtab_reserve(&r, n));
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_null(symtab_put(&r, &ds[i]));
        ck_assert_ptr_null(symtab_put(&g, &ds[i]));
    }
    ck_assert_uint_lt(symtab_displacement(&r), 3 * n);
    ck_assert_uint_lt(symtab_displacement(&g), 3 * n);
    ck_assert_ptr_eq(symtab_get(&r, "ob0031416"), &ds[31415]);
    ck_assert_ptr_eq(symtab_get(&g, "\xC2\xB6" "4999"), &ds[n - 2]);
    symtab_fini(&r);
    symtab_fini(&g);
    arena_free(a);
}
END_TEST

/* Filing many at once files them in order, stops at the first key that is
   taken (saying which it was and what holds it), and files as one at a
   time does: every key is then found. */
START_TEST(symtab_put_shared_many_files_in_order)
{
    Arena *a = arena_new();
    enum { N = 3000 };
    Decl *ds = arena_alloc(a, (N + 2) * sizeof *ds);
    Decl *ptr[N + 2];
    for (int i = 0; i < N; i++) {
        ds[i].kind = i % 7 ? DK_OBLIGATION : DK_PARAGRAPH;
        ds[i].name = arena_printf(a, i % 7 ? "ob%07d" : "%d", i);
        ptr[i] = &ds[i];
    }
    SymTab t;
    symtab_init(&t);
    ck_assert(symtab_reserve(&t, N + 2));
    Decl *taken = NULL;
    ck_assert_uint_eq(symtab_put_shared_many(&t, ptr, 2000, &taken), 2000);
    t.count += 2000;
    /* a batch that names ds[1234] again after three new keys */
    ds[N].kind = DK_ENTITY;
    ds[N].name = "ob0001234";
    Decl *again[5] = {ptr[2000], ptr[2001], ptr[2002], &ds[N], ptr[2003]};
    ck_assert_uint_eq(symtab_put_shared_many(&t, again, 5, &taken), 3);
    ck_assert_ptr_eq(taken, &ds[1234]);
    t.count += 3;
    ck_assert_ptr_null(symtab_get(&t, "ob0002003"));
    ck_assert_uint_eq(symtab_put_shared_many(&t, ptr + 2003, N - 2003, &taken),
                      N - 2003);
    t.count += N - 2003;
    for (int i = 0; i < N; i++) {
        char k[32];
        snprintf(k, sizeof k, i % 7 ? "ob%07d" : "\xC2\xB6%d", i);
        ck_assert_ptr_eq(symtab_get(&t, k), &ds[i]);
    }
    symtab_fini(&t);
    arena_free(a);
}
END_TEST

/* Looking up many keys at once answers as looking each up alone: keys
   filed and not, paragraph markers, groups cut anywhere, and two keys
   whose 32-bit hashes are equal under symtab.c's hash ("name_x89251" and
   "name_x147646"), so that a probe meets a matching hash of another key. */
START_TEST(symtab_get_many_answers_as_get)
{
    Arena *a = arena_new();
    SymTab t;
    symtab_init(&t);
    enum { N = 3000 };
    Decl *ds = arena_alloc(a, (N + 2) * sizeof *ds);
    for (int i = 0; i < N; i++) {
        ds[i].kind = i % 10 ? DK_ENTITY : DK_PARAGRAPH;
        ds[i].name = arena_printf(a, i % 10 ? "name_%d" : "%d", i);
        ck_assert_ptr_null(symtab_put(&t, &ds[i]));
    }
    ds[N].kind = DK_EVENT;
    ds[N].name = "name_x89251";
    ck_assert_ptr_null(symtab_put(&t, &ds[N]));
    /* every key, its name with a letter more, a marker's name alone */
    enum { M = 3 * N + 2 };
    const char **keys = arena_alloc(a, M * sizeof *keys);
    Decl **got = arena_alloc(a, M * sizeof *got);
    size_t n = 0;
    for (int i = 0; i < N; i++) {
        keys[n++] = arena_printf(a, i % 10 ? "name_%d" : "\xC2\xB6%d", i);
        keys[n++] = arena_printf(a, "name_%dz", i);
        keys[n++] = arena_printf(a, "%d", i);
    }
    keys[n++] = "name_x89251";
    keys[n++] = "name_x147646";     /* not filed; the same hash */
    ck_assert_uint_eq(n, M);
    for (size_t from = 0; from < 40; from += 13)
        for (size_t len = 0; len <= 70 && from + len <= n; len += 7) {
            symtab_get_many(&t, keys + from, got, len);
            for (size_t k = 0; k < len; k++)
                ck_assert_ptr_eq(got[k], symtab_get(&t, keys[from + k]));
        }
    symtab_get_many(&t, keys, got, n);
    for (size_t k = 0; k < n; k++) {
        ck_assert_ptr_eq(got[k], symtab_get(&t, keys[k]));
        if (k < 3 * N)
            ck_assert_ptr_eq(got[k], k % 3 == 0 ? &ds[k / 3] : NULL);
    }
    ck_assert_ptr_eq(got[n - 2], &ds[N]);
    ck_assert_ptr_null(got[n - 1]);
    /* both of the pair filed: each finds its own */
    ds[N + 1].kind = DK_EVENT;
    ds[N + 1].name = "name_x147646";
    ck_assert_ptr_null(symtab_put(&t, &ds[N + 1]));
    symtab_get_many(&t, keys + n - 2, got, 2);
    ck_assert_ptr_eq(got[0], &ds[N]);
    ck_assert_ptr_eq(got[1], &ds[N + 1]);
    /* an empty table finds nothing */
    SymTab e;
    symtab_init(&e);
    got[0] = &ds[0];
    symtab_get_many(&e, keys, got, 1);
    ck_assert_ptr_null(got[0]);
    symtab_fini(&e);
    symtab_fini(&t);
    arena_free(a);
}
END_TEST

/* One pointer per spelling: short names (held whole in a slot), long ones
   that share their first bytes, empty and embedded-length cases, across
   the table's growth. */
START_TEST(intern_gives_one_pointer_per_name)
{
    Arena *a = arena_new();
    Intern t;
    intern_init(&t, a);
    const char *first[30000];
    for (int i = 0; i < 30000; i++) {
        char k[48];
        /* the long ones differ only past the bytes a slot holds */
        int n = i % 2 ? snprintf(k, sizeof k, "n%d", i)
                      : snprintf(k, sizeof k, "a_long_shared_prefix_%d", i);
        first[i] = intern(&t, k, (size_t)n);
        ck_assert_str_eq(first[i], k);
    }
    for (int i = 0; i < 30000; i++) {
        char k[48];
        int n = i % 2 ? snprintf(k, sizeof k, "n%d", i)
                      : snprintf(k, sizeof k, "a_long_shared_prefix_%d", i);
        ck_assert_ptr_eq(intern(&t, k, (size_t)n), first[i]);
    }
    ck_assert_uint_eq(t.count, 30000);
    /* a prefix of a name, or the name with a byte more, is another name */
    const char *ab = intern(&t, "abcdefghijkl", 12);
    ck_assert_ptr_ne(intern(&t, "abcdefghijk", 11), ab);
    ck_assert_ptr_ne(intern(&t, "abcdefghijklm", 13), ab);
    ck_assert_ptr_ne(intern(&t, "abcdefghijkX", 12), ab);
    ck_assert_ptr_eq(intern(&t, "abcdefghijklZZ", 12), ab);
    ck_assert_str_eq(intern(&t, "", 0), "");
    intern_fini(&t);
    arena_free(a);
}
END_TEST

/* A table emptied for the next file (a worker reading ahead) keeps its
   slots but forgets every name: what it gives next are new copies, in the
   new arena, and the strings it gave before are untouched. */
START_TEST(intern_clear_forgets_names_and_keeps_slots)
{
    Arena *a = arena_new(), *b = arena_new();
    Intern t;
    intern_init(&t, a);
    const char *old[5000];
    for (int i = 0; i < 5000; i++) {
        char k[32];
        int n = snprintf(k, sizeof k, "ob%07d", i);
        old[i] = intern(&t, k, (size_t)n);
    }
    size_t cap = t.cap;
    intern_clear(&t, b);
    ck_assert_uint_eq(t.count, 0);
    ck_assert_uint_eq(t.cap, cap);
    ck_assert_ptr_eq(t.a, b);
    for (int i = 0; i < 5000; i++) {
        char k[32];
        int n = snprintf(k, sizeof k, "ob%07d", i);
        const char *now = intern(&t, k, (size_t)n);
        ck_assert_ptr_ne(now, old[i]);
        ck_assert_str_eq(now, k);
        ck_assert_str_eq(old[i], k);
        ck_assert_ptr_eq(intern(&t, k, (size_t)n), now);
    }
    ck_assert_uint_eq(t.count, 5000);
    ck_assert_uint_eq(t.cap, cap);
    intern_fini(&t);
    arena_free(a);
    arena_free(b);
}
END_TEST

static void put_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* One buffer, file after file: a large file, a small one (the buffer is
   kept, not shrunk), an empty one, one that cannot be read (the buffer and
   what it holds stay the caller's), then a larger one (it grows). */
START_TEST(read_into_reuses_one_buffer)
{
    char dir[] = "/tmp/wsisc-read-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/f.wsis", dir);
    enum { BIG = 300000 };
    char *big = malloc(2 * BIG);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < 2 * BIG; i++)
        big[i] = (char)('a' + i % 26);
    ReadBuf b = {0};
    size_t len = 1;

    put_file(path, big, BIG);
    ck_assert_int_eq(import_read_into(path, BIG, &b, &len), 0);
    ck_assert_uint_eq(len, BIG);
    ck_assert_uint_ge(b.cap, (size_t)BIG + 1);
    ck_assert(memcmp(b.p, big, BIG) == 0);
    char *kept = b.p;
    size_t cap = b.cap;

    put_file(path, "import \"un\"\n", 12);
    ck_assert_int_eq(import_read_into(path, BIG, &b, &len), 0);
    ck_assert_uint_eq(len, 12);
    ck_assert(memcmp(b.p, "import \"un\"\n", 12) == 0);
    ck_assert_ptr_eq(b.p, kept);
    ck_assert_uint_eq(b.cap, cap);

    put_file(path, "", 0);
    ck_assert_int_eq(import_read_into(path, BIG, &b, &len), 0);
    ck_assert_uint_eq(len, 0);

    put_file(path, big, BIG + 1);          /* over the cap */
    ck_assert_int_eq(import_read_into(path, BIG, &b, &len), EFBIG);
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_eq(b.p, kept);
    ck_assert_int_eq(import_read_into(dir, BIG, &b, &len), EISDIR);
    ck_assert_ptr_eq(b.p, kept);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(import_read_into(path, BIG, &b, &len), ENOENT);
    ck_assert_ptr_eq(b.p, kept);

    put_file(path, big, 2 * BIG);
    ck_assert_int_eq(import_read_into(path, 2 * BIG, &b, &len), 0);
    ck_assert_uint_eq(len, 2 * BIG);
    ck_assert_uint_ge(b.cap, (size_t)2 * BIG + 1);
    ck_assert(memcmp(b.p, big, 2 * BIG) == 0);

    free(b.p);
    free(big);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(spell_distances)
{
    ck_assert_uint_eq(spell_distance("SGG", "SG", 3), 1);
    ck_assert_uint_eq(spell_distance("titel", "title", 3), 1);  /* swap */
    ck_assert_uint_eq(spell_distance("welcome", "welcomes", 3), 1);
    ck_assert_uint_eq(spell_distance("abc", "xyz", 3), 3);
    ck_assert_uint_eq(spell_distance("abcdef", "a", 2), 3);     /* capped */
    ck_assert_uint_eq(spell_limit(2), 1);
    ck_assert_uint_eq(spell_limit(30), 3);
}
END_TEST

START_TEST(arena_alignment_and_large_blocks)
{
    Arena *a = arena_new();
    for (int i = 1; i < 200; i++) {
        /* a string between objects must not misalign the next object */
        arena_strndup(a, "abc", (size_t)(i % 4));
        void *p = arena_alloc(a, (size_t)i);
        ck_assert_uint_eq((uintptr_t)p % _Alignof(void *), 0);
        ck_assert_uint_eq((uintptr_t)p % _Alignof(long long), 0);
        ck_assert_uint_eq((uintptr_t)p % _Alignof(double), 0);
    }
    char *big = arena_alloc(a, 3 * 1024 * 1024);
    big[3 * 1024 * 1024 - 1] = 'x';
    char *s = arena_strndup(a, "a\0b", 3);
    ck_assert_int_eq(s[2], 'b');
    ck_assert_int_eq(s[3], '\0');
    ck_assert_uint_ge(arena_used(a), 3 * 1024 * 1024);
    arena_free(a);
}
END_TEST

/* What is allocated after a mark goes at the release, blocks and one-off
   blocks included; what came before stays, and allocation goes on. */
START_TEST(arena_mark_and_release)
{
    Arena *a = arena_new();
    char *keep = arena_strndup(a, "kept", 4);
    size_t before = arena_used(a);
    for (int round = 0; round < 3; round++) {
        ArenaMark m = arena_mark(a);
        for (int i = 0; i < 1000; i++)
            arena_alloc(a, 1000);               /* several new blocks */
        char *huge = arena_alloc(a, 4 * 1024 * 1024);  /* a one-off */
        huge[0] = 'x';
        ck_assert_uint_gt(arena_used(a), before + 4 * 1024 * 1024);
        arena_release(a, m);
        ck_assert_uint_eq(arena_used(a), before);
        ck_assert_str_eq(keep, "kept");
    }
    char *after = arena_strndup(a, "after", 5);
    ck_assert_str_eq(after, "after");
    ck_assert_str_eq(keep, "kept");
    arena_free(a);
}
END_TEST

/* The lane: objects allocated there lie one after another whatever is
   allocated in between; it survives adoption into another arena, and a
   release of a mark taken before one of its blocks forgets that block. */
START_TEST(arena_lane_keeps_objects_together)
{
    Arena *a = arena_new();
    long long *prev = arena_alloc_lane(a, 56);
    for (int i = 0; i < 100; i++) {
        arena_strndup(a, "between", 7);
        arena_alloc(a, 40);
        long long *next = arena_alloc_lane(a, 56);
        ck_assert_ptr_eq((char *)next, (char *)prev + 56);
        ck_assert_int_eq(*next, 0);
        *next = i;
        prev = next;
    }
    size_t before = arena_used(a);
    ArenaMark m = arena_mark(a);
    for (int i = 0; i < 10000; i++)
        arena_alloc_lane(a, 56);                /* new lane blocks */
    arena_release(a, m);
    ck_assert_uint_eq(arena_used(a), before);
    long long *again = arena_alloc_lane(a, 56); /* not in a freed block */
    *again = 1;
    Arena *b = arena_new();
    long long *moved = arena_alloc_lane(b, 56);
    *moved = 7;
    arena_adopt(a, b);
    ck_assert_int_eq(*moved, 7);
    ck_assert_int_eq(*prev, 99);
    arena_free(a);
}
END_TEST

/* A large arena's blocks are huge pages of their own: what is written to
   them stays, objects and lane alike, and a release gives back those made
   since its mark, after which allocation goes on. */
START_TEST(arena_huge_blocks_hold_what_is_written)
{
    enum { N = 12000, SIZE = 1000, LANE = 56, MARK_AT = 5000 };
    const uintptr_t huge = 2 * 1024 * 1024;
    Arena *a = arena_new();
    unsigned char **obj = malloc(N * sizeof *obj);
    long long **lane = malloc(N * sizeof *lane);
    ck_assert_ptr_nonnull(obj);
    ck_assert_ptr_nonnull(lane);
    ArenaMark m = {0};
    size_t used_at_mark = 0;
    int at_huge_start = 0;
    for (int i = 0; i < N; i++) {
        if (i == MARK_AT) {
            m = arena_mark(a);
            used_at_mark = arena_used(a);
        }
        obj[i] = arena_alloc(a, SIZE);
        lane[i] = arena_alloc_lane(a, LANE);
        ck_assert_ptr_nonnull(obj[i]);
        ck_assert_ptr_nonnull(lane[i]);
        for (int k = 0; k < SIZE; k++)
            if (obj[i][k])
                ck_abort_msg("object %d byte %d not zero", i, k);
        ck_assert_int_eq(*lane[i], 0);
        memset(obj[i], i & 0xFF, SIZE);
        *lane[i] = i;
        /* the first object of a block that is a huge page of its own */
        if ((uintptr_t)obj[i] % huge < 64 && i > 0)
            at_huge_start++;
    }
    ck_assert_int_ge(at_huge_start, 4);       /* 12 MB: several */
    arena_release(a, m);
    ck_assert_uint_eq(arena_used(a), used_at_mark);
    for (int i = 0; i < MARK_AT; i++) {
        for (int k = 0; k < SIZE; k++)
            if (obj[i][k] != (i & 0xFF))
                ck_abort_msg("object %d byte %d changed", i, k);
        ck_assert_int_eq(*lane[i], i);
    }
    for (int i = MARK_AT; i < N; i++) {       /* in blocks made anew */
        obj[i] = arena_alloc(a, SIZE);
        ck_assert_int_eq(obj[i][0], 0);
        ck_assert_int_eq(obj[i][SIZE - 1], 0);
        memset(obj[i], 0x5A, SIZE);
    }
    ck_assert_int_eq(obj[MARK_AT - 1][SIZE - 1], (MARK_AT - 1) & 0xFF);
    free(obj);
    free(lane);
    arena_free(a);
}
END_TEST

/* Mapping pages ahead is only a hint: what the memory holds stays, over
   any range, whole pages or not, empty or not. */
START_TEST(mem_populate_keeps_what_memory_holds)
{
    enum { N = 5 * 1024 * 1024 + 123 };
    unsigned char *p = malloc(N);
    ck_assert_ptr_nonnull(p);
    for (size_t i = 0; i < N; i++)
        p[i] = (unsigned char)(i * 7 + 1);
    mem_populate(p, N);
    mem_populate(p + 1, 10);
    mem_populate(p + 4095, 3 * 4096);
    mem_populate(p, 0);
    for (size_t i = 0; i < N; i++)
        if (p[i] != (unsigned char)(i * 7 + 1))
            ck_abort_msg("byte %zu changed", i);
    free(p);
    /* an arena's large blocks, mapped when made, still come zeroed */
    Arena *a = arena_new();
    for (int i = 0; i < 64; i++) {
        unsigned char *q = arena_alloc(a, 100000);
        for (size_t k = 0; k < 100000; k++)
            if (q[k])
                ck_abort_msg("allocation %d byte %zu not zero", i, k);
        memset(q, 0xAB, 100000);
    }
    arena_free(a);
}
END_TEST

Suite *suite_units(void)
{
    Suite *s = suite_create("units");
    TCase *t = tcase_create("modules");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, dates_match_libc_1900_to_2200);
    tcase_add_test(t, known_weekdays_and_limits);
    tcase_add_test(t, month_arithmetic_matches_libc_1900_to_2200);
    tcase_add_test(t, month_ends_and_range);
    tcase_add_test(t, shifting_off_days_off);
    tcase_add_test(t, utf8_rejects_ill_formed);
    tcase_add_test(t, symtab_grows_and_finds);
    tcase_add_test(t, symtab_get_many_answers_as_get);
    tcase_add_test(t, symtab_spreads_numbered_names);
    tcase_add_test(t, symtab_put_shared_many_files_in_order);
    tcase_add_test(t, intern_gives_one_pointer_per_name);
    tcase_add_test(t, intern_clear_forgets_names_and_keeps_slots);
    tcase_add_test(t, read_into_reuses_one_buffer);
    tcase_add_test(t, arena_mark_and_release);
    tcase_add_test(t, arena_lane_keeps_objects_together);
    tcase_add_test(t, spell_distances);
    tcase_add_test(t, arena_alignment_and_large_blocks);
    tcase_add_test(t, mem_populate_keeps_what_memory_holds);
    tcase_add_test(t, arena_huge_blocks_hold_what_is_written);
    suite_add_tcase(s, t);
    return s;
}
