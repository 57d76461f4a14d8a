/*
 * test_check.c - meaning checks through the library, from strings and
 * small trees of files: names, kinds, imports, dates, coverage.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

#define RES(ops)                                                          \
    "import \"un\"\n"                                                     \
    "resolution R {\n  symbol \"E/RES/2012/5\"\n  title en \"T\"\n"       \
    "  body ECOSOC\n  adopted 2012-07-24\n  operative " ops "\n}\n"

START_TEST(clean_spec_has_no_output)
{
    Compiled c = compile_text(RES("1..2")
                              "paragraph 1 notes\n"
                              "obligation o {\n  cites para 2\n"
                              "  requests SG\n  to CSTD\n"
                              "  action en \"Report\"\n"
                              "  due 30 days before session CSTD 16\n}\n");
    ck_assert_str_eq(c.out, "");
    ck_assert_int_eq(c.check, WSIS_OK);
    ck_assert_int_eq(c.stats.operative_covered, 2);
    ck_assert_int_eq(c.stats.obligations, 1);
    ck_assert_int_eq(c.stats.markers, 1);
    ck_assert_str_eq(c.stats.resolution, "E/RES/2012/5");
    compiled_free(&c);
}
END_TEST

START_TEST(suggestion_only_of_the_right_kind)
{
    /* 'igf_2102' is close to the event igf_2012, and an entity is asked
       for: suggesting the event would be wrong, so nothing is suggested. */
    Compiled c = compile_text(RES("1..1")
                              "event igf_2012 { title en \"IGF\" on 2012-11-06 "
                              "cites para 1 }\n"
                              "obligation o { cites para 1\n"
                              "  urges igf_2102\n  action en \"x\"\n"
                              "  due before igf_2102\n}\n");
    ck_assert_int_eq(c.nerrors, 2);
    ck_assert_int_eq(count_of(c.out, "did you mean"), 1);
    ck_assert(contains(c.out, "unknown event or obligation 'igf_2102'"));
    ck_assert(contains(c.out, "note: did you mean 'igf_2012'?"));
    ck_assert(contains(c.out, "unknown entity 'igf_2102'"));
    compiled_free(&c);
}
END_TEST

START_TEST(far_names_get_no_suggestion)
{
    Compiled c = compile_text(RES("1..1")
                              "obligation o { cites para 1\n"
                              "  urges Nobody\n  action en \"x\"\n}\n");
    ck_assert_int_eq(c.nerrors, 1);
    ck_assert(contains(c.out, "unknown entity 'Nobody' [E0201]"));
    ck_assert(!contains(c.out, "did you mean"));
    compiled_free(&c);
}
END_TEST

START_TEST(leap_years)
{
    Compiled c = compile_text("event a { title en \"a\" on 2012-02-29 }\n"
                              "event b { title en \"b\" on 2000-02-29 }\n"
                              "event c { title en \"c\" on 1900-02-29 }\n"
                              "event d { title en \"d\" on 2100-02-29 }\n"
                              "event e { title en \"e\" on 2012-04-31 }\n");
    ck_assert_int_eq(c.nerrors, 3);
    ck_assert(contains(c.out, "test.wsis:3:27: error: invalid date 1900-02-29: "
                              "February 1900 has 28 days"));
    ck_assert(contains(c.out, "invalid date 2100-02-29"));
    ck_assert(contains(c.out, "invalid date 2012-04-31: April 2012 has 30"));
    compiled_free(&c);
}
END_TEST

START_TEST(sub_paragraphs_cover_their_paragraph)
{
    Compiled c = compile_text(RES("31..33")
                              "paragraph 31 notes\n"
                              "paragraph 32(a) notes\n"
                              "obligation o { cites para 33(b)\n"
                              "  calls_upon ALL_STAKEHOLDERS\n"
                              "  action en \"x\"\n  ongoing\n}\n");
    ck_assert_str_eq(c.out, "");
    ck_assert_int_eq(c.stats.operative_covered, 3);
    compiled_free(&c);
}
END_TEST

START_TEST(diagnostics_come_in_source_order)
{
    Compiled c = compile_text(RES("1..1")
                              "paragraph 1 notes\n"
                              "entity A { name en \"A\" part_of B1 }\n"
                              "entity B { name en \"B\" part_of B2 }\n");
    const char *a = strstr(c.out, "'B1'"), *b = strstr(c.out, "'B2'");
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert(a < b);
    compiled_free(&c);
}
END_TEST

/* Writes text to dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static char *tmpdir(void)
{
    char *d = strdup("/tmp/wsisc-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(d));
    return d;
}

static void rmtree(const char *d)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(diamond_imports_load_once)
{
    char *d = tmpdir();
    put(d, "top.wsis", "import \"left\"\nimport \"right\"\n");
    put(d, "left.wsis", "import \"base\"\n");
    put(d, "right.wsis", "import \"base\"\n");
    put(d, "base.wsis", "entity BASE { name en \"Base\" }\n");
    char top[512];
    snprintf(top, sizeof top, "%s/top.wsis", d);
    const char *paths[] = {top};
    Compiled c = compile_files(paths, 1, d);
    ck_assert_str_eq(c.out, "");
    ck_assert_int_eq(c.stats.files, 4);
    ck_assert_int_eq(c.stats.entities, 1);
    compiled_free(&c);
    rmtree(d);
    free(d);
}
END_TEST

START_TEST(file_named_twice_loads_once)
{
    const char *paths[] = {"tests/cases/clean-minimal.wsis",
                           "tests/cases/../cases/clean-minimal.wsis"};
    Compiled c = compile_files(paths, 2, NULL);
    ck_assert_str_eq(c.out, "");
    compiled_free(&c);
}
END_TEST

START_TEST(import_depth_is_limited)
{
    char *d = tmpdir();
    char name[32], text[64];
    for (int i = 0; i < 205; i++) {
        snprintf(name, sizeof name, "m%d.wsis", i);
        snprintf(text, sizeof text, "import \"m%d\"\n", i + 1);
        put(d, name, text);
    }
    put(d, "m205.wsis", "\n");
    char top[512];
    snprintf(top, sizeof top, "%s/m0.wsis", d);
    const char *paths[] = {top};
    Compiled c = compile_files(paths, 1, d);
    ck_assert_int_eq(c.nerrors, 1);
    ck_assert(contains(c.out, "imports nested more than 200 deep [E0104]"));
    compiled_free(&c);
    rmtree(d);
    free(d);
}
END_TEST

START_TEST(missing_file_is_an_io_error)
{
    const char *paths[] = {"tests/cases/no-such-file.wsis"};
    Compiled c = compile_files(paths, 1, NULL);
    ck_assert_int_eq(c.load, WSIS_EIO);
    ck_assert(contains(c.out, "wsisc: error: cannot read "
                              "'tests/cases/no-such-file.wsis': No such file"));
    compiled_free(&c);
}
END_TEST

START_TEST(byte_order_mark_is_skipped)
{
    Compiled c = compile_text("\xEF\xBB\xBF" "event e { title en \"x\" on "
                              "2012-02-30 }\n");
    ck_assert(contains(c.out, "test.wsis:1:27: error: invalid date"));
    compiled_free(&c);
}
END_TEST

Suite *suite_check(void)
{
    Suite *s = suite_create("check");
    TCase *t = tcase_create("meaning");
    tcase_add_test(t, clean_spec_has_no_output);
    tcase_add_test(t, suggestion_only_of_the_right_kind);
    tcase_add_test(t, far_names_get_no_suggestion);
    tcase_add_test(t, leap_years);
    tcase_add_test(t, sub_paragraphs_cover_their_paragraph);
    tcase_add_test(t, diagnostics_come_in_source_order);
    suite_add_tcase(s, t);
    t = tcase_create("imports");
    tcase_add_test(t, diamond_imports_load_once);
    tcase_add_test(t, file_named_twice_loads_once);
    tcase_add_test(t, import_depth_is_limited);
    tcase_add_test(t, missing_file_is_an_io_error);
    tcase_add_test(t, byte_order_mark_is_skipped);
    suite_add_tcase(s, t);
    return s;
}
