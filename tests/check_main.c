/*
 * check_main.c - runs every suite.  Run from the project root (make check
 * does): the cases, the example and the stdlib are found by relative path.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "diag.h"
#include "tests.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int list_specs(const char *dir, char ***names)
{
    int n = 0;
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".wsis") == 0) {
            *names = realloc(*names, (size_t)(n + 1) * sizeof **names);
            (*names)[n++] = strndup(e->d_name, len - 5);
        }
    }
    closedir(d);
    qsort(*names, (size_t)n, sizeof **names, by_name);
    return n;
}

int contains(const char *haystack, const char *needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    size_t k = strlen(needle);
    for (const char *p = haystack; p && (p = strstr(p, needle)); p += k)
        n++;
    return n;
}

char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static Compiled run_with(const char *name, const char *text,
                         const char *const *paths, size_t n, const char *dir,
                         const char *today, const char *as_of,
                         const char *progress)
{
    Compiled c;
    memset(&c, 0, sizeof c);
    size_t outlen;
    FILE *out = open_memstream(&c.out, &outlen);
    DiagSink d;
    diag_init(&d, out, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    if (dir)
        wsis_add_search_dir(w, dir);
    wsis_add_search_dir(w, "stdlib");
    c.load = WSIS_OK;
    if (text)
        c.load = wsis_load_string(w, name, text, strlen(text));
    for (size_t i = 0; i < n; i++) {
        WsisStatus st = wsis_load_file(w, paths[i]);
        if (st != WSIS_OK)
            c.load = st;
    }
    int64_t day;
    if (progress && *progress) {
        WsisStatus st = wsis_load_progress_xml(w, progress);
        if (st != WSIS_OK)
            c.load = st;
    }
    if (today && wsis_parse_date(today, &day))
        wsis_set_today(w, day);
    if (as_of && wsis_parse_date(as_of, &day))
        wsis_set_as_of(w, day);
    c.check = c.load == WSIS_OK ? wsis_check(w) : c.load;
    wsis_stats(w, &c.stats);
    c.nerrors = d.nerrors;
    c.nwarnings = d.nwarnings;
    wsis_free(w);
    diag_fini(&d);
    fclose(out);
    return c;
}

static Compiled run(const char *name, const char *text,
                    const char *const *paths, size_t n, const char *dir)
{
    return run_with(name, text, paths, n, dir, NULL, NULL, NULL);
}

Compiled compile_run(const char *const *paths, size_t n, const char *dir,
                     const char *today, const char *as_of,
                     const char *progress_xml)
{
    return run_with(NULL, NULL, paths, n, dir, today, as_of, progress_xml);
}

Compiled compile_text(const char *text)
{
    return run("test.wsis", text, NULL, 0, NULL);
}

Compiled compile_files(const char *const *paths, size_t n, const char *dir)
{
    return run(NULL, NULL, paths, n, dir);
}

char *ical_of(const char *const *paths, size_t n, const char *text,
              const WsisIcalOptions *opt)
{
    char *out = NULL;
    size_t outlen;
    FILE *fo = open_memstream(&out, &outlen);
    FILE *fe = fopen("/dev/null", "w");
    DiagSink d;
    diag_init(&d, fe, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    wsis_add_search_dir(w, "stdlib");
    WsisStatus st = WSIS_OK;
    if (text)
        st = wsis_load_string(w, "test.wsis", text, strlen(text));
    for (size_t i = 0; i < n && st == WSIS_OK; i++)
        st = wsis_load_file(w, paths[i]);
    bool ok = st == WSIS_OK && wsis_check(w) == WSIS_OK &&
              wsis_ical(w, fo, opt) == WSIS_OK;
    wsis_free(w);
    diag_fini(&d);
    fclose(fo);
    fclose(fe);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

char *report_of(const char *const *paths, size_t n, const char *progress_xml,
                const char *as_of, WsisReportFormat fmt, char **diags)
{
    char *out = NULL, *err = NULL;
    size_t outlen, errlen;
    FILE *fo = open_memstream(&out, &outlen);
    FILE *fe = open_memstream(&err, &errlen);
    DiagSink d;
    diag_init(&d, fe, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    wsis_add_search_dir(w, "stdlib");
    WsisStatus st = WSIS_OK;
    for (size_t i = 0; i < n && st == WSIS_OK; i++)
        st = wsis_load_file(w, paths[i]);
    if (st == WSIS_OK && progress_xml)
        st = wsis_load_progress_xml(w, progress_xml);
    int64_t day = 0;
    wsis_parse_date(as_of, &day);
    wsis_set_as_of(w, day);
    WsisReportOptions opt = {day, 30, 365};
    bool ok = st == WSIS_OK && wsis_check(w) == WSIS_OK &&
              wsis_report(w, fo, fmt, &opt) == WSIS_OK;
    wsis_free(w);
    diag_fini(&d);
    fclose(fo);
    fclose(fe);
    if (diags)
        *diags = err;
    else
        free(err);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

char *dates_of(const char *const *paths, size_t n, const char *text,
               WsisFormat fmt, const char *today, char **diags)
{
    char *out = NULL, *err = NULL;
    size_t outlen, errlen;
    FILE *fo = open_memstream(&out, &outlen);
    FILE *fe = open_memstream(&err, &errlen);
    DiagSink d;
    diag_init(&d, fe, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    wsis_add_search_dir(w, "stdlib");
    WsisStatus st = WSIS_OK;
    if (text)
        st = wsis_load_string(w, "test.wsis", text, strlen(text));
    for (size_t i = 0; i < n && st == WSIS_OK; i++)
        st = wsis_load_file(w, paths[i]);
    int64_t day = 0;
    if (st == WSIS_OK && wsis_check(w) == WSIS_OK &&
        wsis_parse_date(today, &day))
        wsis_dates(w, fo, fmt, day);
    wsis_free(w);
    diag_fini(&d);
    fclose(fo);
    fclose(fe);
    if (diags)
        *diags = err;
    else
        free(err);
    return out;
}

void compiled_free(Compiled *c)
{
    free(c->out);
    c->out = NULL;
}

int main(void)
{
    SRunner *sr = srunner_create(suite_lexer());
    srunner_add_suite(sr, suite_parser());
    srunner_add_suite(sr, suite_diag());
    srunner_add_suite(sr, suite_check());
    srunner_add_suite(sr, suite_units());
    srunner_add_suite(sr, suite_cases());
    srunner_add_suite(sr, suite_example());
    srunner_add_suite(sr, suite_dates());
    srunner_add_suite(sr, suite_ical());
    srunner_add_suite(sr, suite_report());
    srunner_add_suite(sr, suite_hostile());
    srunner_add_suite(sr, suite_cli());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    xmlCleanupParser();   /* libxml2's global state, for leak checkers */
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
