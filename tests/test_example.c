/*
 * test_example.c - the bundled encoding of E/RES/2012/5 and the stdlib:
 * clean, complete, and a good place to see recovery from real mistakes.
 */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define EXAMPLE "examples/ecosoc-2012-5.wsis"

START_TEST(example_checks_clean)
{
    const char *paths[] = {EXAMPLE};
    Compiled c = compile_files(paths, 1, NULL);
    ck_assert_str_eq(c.out, "");
    ck_assert_int_eq(c.check, WSIS_OK);
    ck_assert_str_eq(c.stats.resolution, "E/RES/2012/5");
    ck_assert_int_eq(c.stats.operative_first, 1);
    ck_assert_int_eq(c.stats.operative_last, 44);
    ck_assert_int_eq(c.stats.operative_covered, 44);
    ck_assert_int_ge(c.stats.obligations, 10);
    ck_assert_int_ge(c.stats.events, 5);
    ck_assert_int_ge(c.stats.documents, 10);
    compiled_free(&c);
}
END_TEST

/* The dated items of the paragraph index, as the example must give them. */
/* text with every run of blanks made one space, as a reader sees it */
static char *squeeze(char *text)
{
    char *o = text;
    for (const char *p = text; *p; p++)
        if (!(*p == ' ' && o > text && o[-1] == ' '))
            *o++ = *p;
    *o = '\0';
    return text;
}

START_TEST(example_has_the_dated_items)
{
    char *text = squeeze(slurp(EXAMPLE, NULL));
    static const char *const dates[] = {
        "from 2011-10-24 to 2011-10-25",   /* Broadband Leadership Summit */
        "from 2011-12-07 to 2011-12-09",   /* 9th WTIM, Mauritius */
        "from 2012-05-14 to 2012-05-18",   /* WSIS Forum 2012 */
        "on 2012-05-18",                   /* enhanced cooperation */
        "from 2012-11-06 to 2012-11-09",   /* IGF 2012, Baku */
        "adopted 2012-07-24",
        "session GA 67",
        "2015-12-31",
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        ck_assert_msg(contains(text, dates[i]), "example lacks '%s'",
                      dates[i]);
    ck_assert(contains(text, "\"Baku\""));
    ck_assert(contains(text, "信息社会世界首脑会议成果文件执行和后续行动方面进展情况评估"));
    free(text);
}
END_TEST

START_TEST(stdlib_checks_clean)
{
    static const char *const files[] = {
        "stdlib/un.wsis", "stdlib/verbs.wsis", "stdlib/bodies.wsis",
        "stdlib/sessions.wsis",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *paths[] = {files[i]};
        Compiled c = compile_files(paths, 1, NULL);
        ck_assert_msg(strcmp(c.out, "") == 0, "%s:\n%s", files[i], c.out);
        compiled_free(&c);
    }
}
END_TEST

/* Inserts a line of junk after the line holding `after`. */
static char *break_after(char *text, const char *after, const char *junk)
{
    char *at = strstr(text, after);
    ck_assert_msg(at != NULL, "example lacks '%s'", after);
    char *eol = strchr(at, '\n');
    ck_assert_ptr_nonnull(eol);
    size_t head = (size_t)(eol + 1 - text);
    char *out = malloc(strlen(text) + strlen(junk) + 2);
    memcpy(out, text, head);
    strcpy(out + head, junk);
    strcat(out, "\n");
    strcat(out, eol + 1);
    free(text);
    return out;
}

/* The line number of the first line holding s. */
static int line_of(const char *text, const char *s)
{
    const char *at = strstr(text, s);
    ck_assert_ptr_nonnull(at);
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

START_TEST(three_syntax_errors_three_reports)
{
    char *text = slurp(EXAMPLE, NULL);
    ck_assert_ptr_nonnull(text);
    /* Three declarations, each broken in its own way on a line of its own. */
    static const char *const junk[] = {
        "  symbol symbol",           /* a keyword where a string goes */
        "  hosts ITU UNESCO",        /* a missing comma */
        "  due by by",               /* a deadline with no date */
    };
    text = break_after(text, "resolution E_RES_2012_5 {", junk[0]);
    text = break_after(text, "event igf_2012 {", junk[1]);
    text = break_after(text, "obligation sg_annual_report {", junk[2]);
    Compiled c = compile_text(text);
    ck_assert_int_eq(c.nerrors, 3);
    ck_assert_int_eq(count_of(c.out, "[E0001]"), 3);
    ck_assert_int_eq(c.load, WSIS_ESPEC);
    for (int i = 0; i < 3; i++) {
        char want[64];
        snprintf(want, sizeof want, "test.wsis:%d:", line_of(text, junk[i]));
        ck_assert_msg(contains(c.out, want), "no error at %s\n%s", want,
                      c.out);
    }
    compiled_free(&c);
    free(text);
}
END_TEST

Suite *suite_example(void)
{
    Suite *s = suite_create("example");
    TCase *t = tcase_create("ecosoc-2012-5");
    tcase_add_test(t, example_checks_clean);
    tcase_add_test(t, example_has_the_dated_items);
    tcase_add_test(t, stdlib_checks_clean);
    tcase_add_test(t, three_syntax_errors_three_reports);
    suite_add_tcase(s, t);
    return s;
}
