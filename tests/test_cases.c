/*
 * test_cases.c - the golden cases in tests/cases: each NAME.wsis is checked
 * (with tests/cases/lib and the stdlib on the import path) and what it
 * prints must equal NAME.err byte for byte.  Adding a case is adding two
 * files; no C.  Also: every code in the language reference's table of
 * diagnostics is triggered by some case, and every code the compiler can
 * emit is in that table.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define CASES "tests/cases"

static char **cases;
static int ncases;


START_TEST(golden_case)
{
    const char *name = cases[_i];
    char wsis[512], err[512];
    snprintf(wsis, sizeof wsis, CASES "/%s.wsis", name);
    snprintf(err, sizeof err, CASES "/%s.err", name);
    char *want = slurp(err, NULL);
    ck_assert_msg(want != NULL, "%s has no %s", wsis, err);
    /* "// today: D", "// as-of: D", "// progress: FILE" set the run up */
    char *text = slurp(wsis, NULL);
    char today[16] = "", as_of[16] = "", progress[256] = "";
    const char *p;
    if ((p = strstr(text, "// today: ")) != NULL)
        sscanf(p + 10, "%10s", today);
    if ((p = strstr(text, "// as-of: ")) != NULL)
        sscanf(p + 10, "%10s", as_of);
    if ((p = strstr(text, "// progress: ")) != NULL)
        sscanf(p + 13, "%255s", progress);
    free(text);
    const char *paths[] = {wsis};
    Compiled c = compile_run(paths, 1, CASES "/lib", today, as_of,
                             progress);
    ck_assert_msg(strcmp(c.out, want) == 0,
                  "%s: output differs from %s:\n--- got ---\n%s", wsis, err,
                  c.out);
    /* checking without keeping the spec's progress records or the rules'
       texts (as `wsisc check` does) says the same */
    compile_keep = 0;
    Compiled lean = compile_run(paths, 1, CASES "/lib", today, as_of,
                                progress);
    compile_keep = WSIS_KEEP_ALL;
    ck_assert_msg(strcmp(lean.out, c.out) == 0,
                  "%s: without records kept:\n%s", wsis, lean.out);
    compiled_free(&lean);
    /* nor does keeping what a calendar in English prints (as `wsisc ical`
       does): the rules' texts of single deadlines only, and the texts in
       English or first of their kind in a declaration, the others bare */
    compile_keep = WSIS_KEEP_RULES | WSIS_KEEP_TEXTS;
    compile_texts_in = "en";
    Compiled cal = compile_run(paths, 1, CASES "/lib", today, as_of,
                               progress);
    compile_keep = WSIS_KEEP_ALL;
    compile_texts_in = NULL;
    ck_assert_msg(strcmp(cal.out, c.out) == 0,
                  "%s: with the rules of single deadlines kept:\n%s", wsis,
                  cal.out);
    compiled_free(&cal);
    /* A case named after a code must trigger that code. */
    if ((name[0] == 'E' || name[0] == 'W') && name[5] == '-') {
        char code[16];
        snprintf(code, sizeof code, "[%.5s]", name);
        ck_assert_msg(contains(c.out, code), "%s does not report %s", wsis,
                      code);
    }
    /* Clean cases print nothing; others report an error or a warning. */
    if (strncmp(name, "clean", 5) == 0)
        ck_assert_str_eq(c.out, "");
    else
        ck_assert_int_gt(c.nerrors + c.nwarnings, 0);
    compiled_free(&c);
    free(want);
}
END_TEST

/* Collects codes like E0201 from text into codes (space separated). */
static void codes_in(const char *text, const char *open, char *codes,
                     size_t cap)
{
    size_t ol = strlen(open);
    for (const char *p = text; (p = strstr(p, open)) != NULL; p += ol) {
        const char *c = p + ol;
        if ((c[0] == 'E' || c[0] == 'W') && c[1] >= '0' && c[1] <= '9' &&
            c[2] >= '0' && c[2] <= '9' && c[3] >= '0' && c[3] <= '9' &&
            c[4] >= '0' && c[4] <= '9') {
            char code[7];
            memcpy(code, c, 5);
            code[5] = ' ';
            code[6] = '\0';
            if (!strstr(codes, code) && strlen(codes) + 7 < cap)
                strcat(codes, code);
        }
    }
}

/* The codes in the language reference's table of diagnostics. */
static void documented_codes(char *codes, size_t cap)
{
    char *doc = slurp("docs/language.md", NULL);
    ck_assert_msg(doc != NULL, "docs/language.md is missing");
    codes[0] = '\0';
    codes_in(doc, "| ", codes, cap);
    free(doc);
    ck_assert_int_gt((int)strlen(codes), 0);
}

/* Fails unless every code of `codes` is in `pool`. */
static void assert_each_in(const char *codes, const char *pool,
                           const char *what)
{
    for (const char *p = codes; *p; p += 6) {
        char code[6];
        memcpy(code, p, 5);
        code[5] = '\0';
        ck_assert_msg(strstr(pool, code) != NULL, "%s: %s", code, what);
    }
}

START_TEST(every_documented_code_is_tested)
{
    char documented[2048], triggered[2048] = "";
    documented_codes(documented, sizeof documented);
    for (int i = 0; i < ncases; i++) {
        char err[512];
        snprintf(err, sizeof err, CASES "/%s.err", cases[i]);
        char *t = slurp(err, NULL);
        if (t)
            codes_in(t, "[", triggered, sizeof triggered);
        free(t);
    }
    assert_each_in(documented, triggered,
                   "in docs/language.md, but no case in tests/cases "
                   "triggers it");
}
END_TEST

/* Every source of the compiler: what it can emit must be documented. */
START_TEST(every_emitted_code_is_documented)
{
    char documented[2048];
    documented_codes(documented, sizeof documented);
    static const char *const dirs[] = {"compiler", "grammar"};
    int files = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d = opendir(dirs[i]);
        ck_assert_ptr_nonnull(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char path[512], emitted[2048] = "";
            snprintf(path, sizeof path, "%s/%s", dirs[i], e->d_name);
            char *src = slurp(path, NULL);
            if (!src)
                continue;
            files++;
            codes_in(src, "\"", emitted, sizeof emitted);
            free(src);
            char what[600];
            snprintf(what, sizeof what, "emitted by %s, missing from "
                     "docs/language.md", path);
            assert_each_in(emitted, documented, what);
        }
        closedir(d);
    }
    ck_assert_int_gt(files, 10);
}
END_TEST

Suite *suite_cases(void)
{
    ncases = list_specs(CASES, &cases);
    Suite *s = suite_create("cases");
    TCase *t = tcase_create("golden");
    tcase_add_loop_test(t, golden_case, 0, ncases);
    tcase_add_test(t, every_documented_code_is_tested);
    tcase_add_test(t, every_emitted_code_is_documented);
    suite_add_tcase(s, t);
    return s;
}
