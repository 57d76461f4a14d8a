/*
 * test_diag.c - how diagnostics look: GCC's layout, carets under the right
 * characters (tabs and Chinese included), colour only when asked for,
 * --werror and the error limit.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "tests.h"

typedef struct Sink {
    DiagSink d;
    FILE *out;
    char *text;
    size_t len;
} Sink;

static void sink_open(Sink *s, ColorMode mode)
{
    s->out = open_memstream(&s->text, &s->len);
    diag_init(&s->d, s->out, mode);
}

static const char *sink_text(Sink *s)
{
    fflush(s->out);
    return s->text;
}

static void sink_close(Sink *s)
{
    fclose(s->out);
    free(s->text);
    diag_fini(&s->d);
}

#define span(file, line, col, end_col) \
    diag_loc_at(&s.d, (file), (line), (col), (end_col))

START_TEST(gcc_layout)
{
    Sink s;
    sink_open(&s, COLOR_NEVER);
    int f = diag_add_file(&s.d, "x.wsis", "a\n  urges SGG\n", 13);
    diag_report(&s.d, SEV_ERROR, span(f, 2, 9, 12), "E0201",
                "unknown entity '%s'", "SGG");
    diag_note(&s.d, span(f, 1, 1, 2), "did you mean '%s'?", "SG");
    ck_assert_str_eq(sink_text(&s),
                     "x.wsis:2:9: error: unknown entity 'SGG' [E0201]\n"
                     "    2 |   urges SGG\n"
                     "      |         ^~~\n"
                     "x.wsis:1:1: note: did you mean 'SG'?\n"
                     "    1 | a\n"
                     "      | ^\n");
    ck_assert_int_eq(s.d.nerrors, 1);
    sink_close(&s);
}
END_TEST

/* A released file is read again when quoted (its BOM dropped as at the
   first read); one that is gone gives the path and the message alone (its
   lines cannot be counted), not a crash. */
START_TEST(released_text_is_read_again)
{
    char path[] = "/tmp/wsisc-diag-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *src = "\xEF\xBB\xBF" "a\n  urges SGG\n";
    ck_assert_int_eq(write(fd, src, strlen(src)), (int)strlen(src));
    close(fd);
    Sink s;
    sink_open(&s, COLOR_NEVER);
    int f = diag_add_file(&s.d, path, src + 3, strlen(src) - 3);
    diag_release_text(&s.d, f);
    ck_assert_ptr_null(diag_file(&s.d, f)->text);
    SrcLoc at = span(f, 2, 9, 12);
    ck_assert_uint_eq(at.off, 10);     /* "a\n" and 8 bytes */
    ck_assert_uint_eq(at.len, 3);
    diag_report(&s.d, SEV_ERROR, at, "E0201", "unknown");
    ck_assert(contains(sink_text(&s), ":2:9: error: unknown [E0201]\n"
                                      "    2 |   urges SGG\n"
                                      "      |         ^~~\n"));
    /* gone: where line and column were is unknown, so only the path */
    diag_release_text(&s.d, f);
    unlink(path);
    diag_report(&s.d, SEV_ERROR, at, "E0201", "again");
    char *again = strstr(sink_text(&s), "again");
    ck_assert_ptr_nonnull(again);
    char want[64];
    snprintf(want, sizeof want, "%s: error: again [E0201]\n", path);
    ck_assert(contains(sink_text(&s), want));
    ck_assert(!contains(again, "|"));
    sink_close(&s);
}
END_TEST

/* A location holds a file id of 19 bits: the sink registers that many
   files and refuses the next, rather than give two files one id. */
START_TEST(file_ids_fit_a_location)
{
    DiagSink d;
    diag_init(&d, NULL, COLOR_NEVER);
    for (int i = 0; i < SRCLOC_MAX_FILES; i++)
        ck_assert_int_eq(diag_add_file(&d, "f.wsis", "x", 1), i);
    ck_assert_int_eq(diag_add_file(&d, "f.wsis", "x", 1), -1);
    char *t = malloc(2);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(diag_own_file(&d, "f.wsis", t, 1), -1);   /* freed */
    SrcLoc l = srcloc(SRCLOC_MAX_FILES - 1, 7, 3);
    ck_assert_int_eq(l.file, SRCLOC_MAX_FILES - 1);
    ck_assert(diag_file(&d, l.file) != NULL);
    diag_fini(&d);
}
END_TEST

START_TEST(wide_characters_and_tabs)
{
    Sink s;
    sink_open(&s, COLOR_NEVER);
    /* "秘书长" is three characters, three bytes each, two cells each */
    const char *src = "\ttitle zh \"\xE7\xA7\x98\xE4\xB9\xA6\xE9\x95\xBF\" x\n";
    int f = diag_add_file(&s.d, "z.wsis", src, strlen(src));
    int col = (int)(strchr(src, 'x') - src) + 1;
    diag_report(&s.d, SEV_ERROR, span(f, 1, col, col + 1), "E0001", "here");
    /* tab to 8, "title zh " 9, quote 1, 3 wide chars 6, quote, space: 26 */
    ck_assert(contains(sink_text(&s), "z.wsis:1:27: error: here"));
    ck_assert(contains(sink_text(&s), "      | \t                  ^\n"));
    sink_close(&s);
}
END_TEST

START_TEST(control_bytes_are_not_echoed)
{
    Sink s;
    sink_open(&s, COLOR_NEVER);
    const char *src = "a \x1b[31m b\n";
    int f = diag_add_file(&s.d, "c.wsis", src, strlen(src));
    diag_report(&s.d, SEV_ERROR, span(f, 1, 1, 2), NULL, "x");
    ck_assert(!contains(sink_text(&s), "\x1b"));
    ck_assert(contains(sink_text(&s), "a ?[31m b"));
    sink_close(&s);
}
END_TEST

START_TEST(colour_only_when_asked)
{
    Sink s;
    sink_open(&s, COLOR_ALWAYS);
    int f = diag_add_file(&s.d, "c.wsis", "x\n", 2);
    diag_report(&s.d, SEV_WARNING, span(f, 1, 1, 2), "W0402", "w");
    ck_assert(contains(sink_text(&s), "\033[1;35mwarning:\033[0m"));
    sink_close(&s);
    /* a memory stream is no terminal: auto means none */
    sink_open(&s, COLOR_AUTO);
    f = diag_add_file(&s.d, "c.wsis", "x\n", 2);
    diag_report(&s.d, SEV_WARNING, span(f, 1, 1, 2), "W0402", "w");
    ck_assert(!contains(sink_text(&s), "\033"));
    sink_close(&s);
}
END_TEST

START_TEST(werror_turns_warnings_into_errors)
{
    Sink s;
    sink_open(&s, COLOR_NEVER);
    s.d.werror = true;
    int f = diag_add_file(&s.d, "c.wsis", "x\n", 2);
    diag_report(&s.d, SEV_WARNING, span(f, 1, 1, 2), "W0402", "uncovered");
    ck_assert(contains(sink_text(&s), "c.wsis:1:1: error: uncovered [W0402]"));
    ck_assert_int_eq(s.d.nerrors, 1);
    ck_assert_int_eq(s.d.nwarnings, 0);
    sink_close(&s);
}
END_TEST

START_TEST(error_limit_drops_the_rest_and_their_notes)
{
    Sink s;
    sink_open(&s, COLOR_NEVER);
    s.d.max_errors = 2;
    int f = diag_add_file(&s.d, "c.wsis", "x\n", 2);
    for (int i = 0; i < 5; i++) {
        diag_report(&s.d, SEV_ERROR, span(f, 1, 1, 2), "E0001", "e%d", i);
        diag_note(&s.d, span(f, 1, 1, 2), "n%d", i);
    }
    const char *t = sink_text(&s);
    ck_assert(contains(t, "e1") && contains(t, "n1"));
    ck_assert(!contains(t, "e2") && !contains(t, "n2"));
    ck_assert_int_eq(count_of(t, "too many errors (2); stopping here"), 1);
    ck_assert(diag_should_stop(&s.d));
    sink_close(&s);
}
END_TEST

START_TEST(no_location)
{
    Sink s;
    sink_open(&s, COLOR_NEVER);
    diag_report(&s.d, SEV_ERROR, diag_noloc(), NULL, "cannot read '%s'", "f");
    ck_assert_str_eq(sink_text(&s), "wsisc: error: cannot read 'f'\n");
    sink_close(&s);
}
END_TEST

Suite *suite_diag(void)
{
    Suite *s = suite_create("diag");
    TCase *t = tcase_create("render");
    tcase_add_test(t, gcc_layout);
    tcase_add_test(t, file_ids_fit_a_location);
    tcase_add_test(t, wide_characters_and_tabs);
    tcase_add_test(t, released_text_is_read_again);
    tcase_add_test(t, control_bytes_are_not_echoed);
    tcase_add_test(t, colour_only_when_asked);
    tcase_add_test(t, werror_turns_warnings_into_errors);
    tcase_add_test(t, error_limit_drops_the_rest_and_their_notes);
    tcase_add_test(t, no_location);
    suite_add_tcase(s, t);
    return s;
}
