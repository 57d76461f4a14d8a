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

unsigned compile_keep = WSIS_KEEP_ALL;
const char *compile_texts_in = NULL;

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
    wsis_keep(w, compile_keep);
    if (compile_texts_in)
        wsis_keep_texts_in(w, compile_texts_in);
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

/*
 * What ical_of, report_of and dates_of share: output and diagnostics
 * captured in memory, the stdlib on the path, the specs (text and files)
 * and a progress XML loaded; each then writes its own output.
 */
typedef struct Session {
    char *out, *err;
    size_t outlen, errlen;
    FILE *fo, *fe;
    DiagSink d;
    Wsis *w;
    WsisStatus st;
} Session;

static void session_open(Session *s, const char *const *paths, size_t n,
                         const char *text, const char *progress_xml)
{
    memset(s, 0, sizeof *s);
    s->fo = open_memstream(&s->out, &s->outlen);
    s->fe = open_memstream(&s->err, &s->errlen);
    diag_init(&s->d, s->fe, COLOR_NEVER);
    s->w = wsis_new(&s->d);
    wsis_add_search_dir(s->w, "stdlib");
    if (text)
        s->st = wsis_load_string(s->w, "test.wsis", text, strlen(text));
    for (size_t i = 0; i < n && s->st == WSIS_OK; i++)
        s->st = wsis_load_file(s->w, paths[i]);
    if (s->st == WSIS_OK && progress_xml)
        s->st = wsis_load_progress_xml(s->w, progress_xml);
}

/* Frees the session; returns its output (NULL unless ok) and hands the
   diagnostics to *diags when asked for. */
static char *session_close(Session *s, bool ok, char **diags)
{
    wsis_free(s->w);
    diag_fini(&s->d);
    fclose(s->fo);
    fclose(s->fe);
    if (diags)
        *diags = s->err;
    else
        free(s->err);
    if (!ok) {
        free(s->out);
        return NULL;
    }
    return s->out;
}

char *ical_of(const char *const *paths, size_t n, const char *text,
              const WsisIcalOptions *opt)
{
    Session s;
    session_open(&s, paths, n, text, NULL);
    bool ok = s.st == WSIS_OK && wsis_check(s.w) == WSIS_OK &&
              wsis_ical(s.w, s.fo, opt) == WSIS_OK;
    return session_close(&s, ok, NULL);
}

char *report_of(const char *const *paths, size_t n, const char *progress_xml,
                const char *as_of, WsisReportFormat fmt, char **diags)
{
    Session s;
    session_open(&s, paths, n, NULL, progress_xml);
    int64_t day = 0;
    wsis_parse_date(as_of, &day);
    wsis_set_as_of(s.w, day);
    WsisReportOptions opt = {day, 30, 365};
    bool ok = s.st == WSIS_OK && wsis_check(s.w) == WSIS_OK &&
              wsis_report(s.w, s.fo, fmt, &opt) == WSIS_OK;
    return session_close(&s, ok, diags);
}

char *dates_of(const char *const *paths, size_t n, const char *text,
               WsisFormat fmt, const char *today, char **diags)
{
    Session s;
    session_open(&s, paths, n, text, NULL);
    int64_t day = 0;
    if (s.st == WSIS_OK && wsis_check(s.w) == WSIS_OK &&
        wsis_parse_date(today, &day))
        wsis_dates(s.w, s.fo, fmt, day);
    /* the schedule text, even empty, is always handed back */
    return session_close(&s, true, diags);
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
