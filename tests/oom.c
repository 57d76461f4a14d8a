/*
 * oom.c - allocation-failure injection: `oom N` runs the main job on the
 * example (load the spec and its progress records, both parsed ahead on
 * worker threads; check, dates, calendar, XML and HTML report) with the
 * Nth allocation failing: every
 * allocation wsisc makes, its scanner's and parser's included (linked with
 * -Wl,--wrap), and libxml2's (xmlMemSetup).
 *
 * `oom N big` checks 31 000 obligations and 11 000 progress records
 * instead, with two jobs, and writes their calendar and XML report: the
 * solver's passes and the matching of records in parts on threads
 * (sched.c, progress.c) and the calendar formatted on threads
 * (emit_ical.c), so that failures there are tried too.
 *
 * Exit 0: the run succeeded (the failure, if any, was absorbed); 2: it
 * stopped with an "out of memory" diagnostic.  Prints "done N" when fewer
 * than N allocations happened, so tests/oom.sh knows every one was tried.
 */
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsisc.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t k);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t k);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* atomic: the files read ahead allocate on other threads */
static _Atomic long count;
static long fail_at;
static _Atomic int armed;

void __sanitizer_print_stack_trace(void);

static int fails(void)
{
    int f = armed && ++count == fail_at;   /* one atomic increment */
    if (f && getenv("OOM_TRACE"))
        __sanitizer_print_stack_trace();   /* which allocation it was */
    return f;
}

void *__wrap_malloc(size_t n)
{
    return fails() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t k)
{
    return fails() ? NULL : __real_calloc(n, k);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fails() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fails() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fails() ? NULL : __real_strndup(s, n);
}

static void *xml_malloc(size_t n)
{
    return fails() ? NULL : __real_malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
    return fails() ? NULL : __real_realloc(p, n);
}

static char *xml_strdup(const char *s)
{
    return fails() ? NULL : __real_strdup(s);
}

/* 31 000 obligations, every third recurring, and progress records for
   11 000 of them, as one string (not counted: made before arming): enough
   for the solver's parts and the matching of records on threads too
   (20 000 items, 20 000 single obligations, 10 000 records). */
static char *big_spec(size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        return NULL;
    fputs("import \"un\"\nresolution R {\n  symbol \"E/RES/2012/5\"\n"
          "  title en \"Large\"\n  body ECOSOC\n  adopted 2012-07-24\n"
          "  operative 1..1\n}\n", f);
    for (int i = 0; i < 31000; i++)
        if (i % 3 == 0)
            fprintf(f, "obligation o%05d {\n  cites para 1\n  requests SG\n"
                    "  action en \"Report %d\"\n"
                    "  every year from 2013 until 2015\n"
                    "  due 30 days before session CSTD\n}\n", i, i);
        else
            fprintf(f, "obligation o%05d {\n  cites para 1\n  requests SG\n"
                    "  action en \"Report %d\"\n  due by 2013-%02d-%02d\n"
                    "%s}\n", i, i, i % 12 + 1, i % 28 + 1,
                    i % 3 == 1 ? "" : "  remind 2 weeks\n");
    for (int i = 0; i < 11000; i++)
        fprintf(f, "progress o%05d%s {\n  done 2013-%02d-%02d\n"
                "  ref \"A/68/%d\"\n}\n", i, i % 3 ? "" : " 2013",
                i % 12 + 1, i % 28 + 1, i);
    return fclose(f) == 0 ? text : NULL;
}

/* The calendar and the XML report of big_spec, with two jobs. */
static WsisStatus big_job(Wsis *w, const char *text, size_t len, FILE *sink)
{
    WsisStatus st = wsis_add_search_dir(w, "stdlib");
    wsis_read_ahead(w, NULL, 0, 2);
    if (st == WSIS_OK)
        st = wsis_load_string(w, "big.wsis", text, len);
    if (st == WSIS_OK) {
        wsis_set_today(w, 20000);
        st = wsis_check(w);
    }
    WsisIcalOptions io = {"en", NULL, 0, 0, 7, 1372550400};
    if (st == WSIS_OK)
        st = wsis_ical(w, sink, &io);
    WsisReportOptions ro = {20000, 30, 365};
    if (st == WSIS_OK)
        st = wsis_report(w, sink, WSIS_REPORT_XML, &ro);
    return st;
}

int main(int argc, char **argv)
{
    fail_at = argc > 1 ? atol(argv[1]) : 0;
    bool big = argc > 2 && strcmp(argv[2], "big") == 0;
    size_t big_len = 0;
    char *big_text = big ? big_spec(&big_len) : NULL;
    if (big && !big_text)
        return 3;
    /* libxml2's own allocations too (xmlMemSetup), should the job ever
       reach it */
    xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
    xmlInitParser();
    FILE *sink = fopen("/dev/null", "w");
    char *text = NULL;
    size_t len = 0;
    FILE *diags = open_memstream(&text, &len);
    if (!sink || !diags)
        return 3;
    armed = 1;
    DiagSink d;
    diag_init(&d, diags, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    WsisStatus st = w ? WSIS_OK : WSIS_ENOMEM;
    if (st == WSIS_OK && big) {
        st = big_job(w, big_text, big_len, sink);
        goto done;
    }
    if (st == WSIS_OK)
        st = wsis_add_search_dir(w, "stdlib");
    /* both files parsed ahead on two threads: a worker that runs out of
       memory gives its file back to the loader, which parses it again */
    const char *files[] = {"examples/ecosoc-2012-5.wsis",
                           "examples/ecosoc-2012-5-progress.wsis"};
    if (st == WSIS_OK)
        wsis_read_ahead(w, files, 2, 2);
    if (st == WSIS_OK)
        st = wsis_load_file(w, "examples/ecosoc-2012-5.wsis");
    if (st == WSIS_OK)
        st = wsis_load_file(w, "examples/ecosoc-2012-5-progress.wsis");
    /* Not the progress XML: libxml2 2.9.14's RELAX NG parser itself
       crashes when one of its allocations fails (docs/testing.md). */
    if (st == WSIS_OK) {
        wsis_set_today(w, 20000);
        st = wsis_check(w);
    }
    if (st == WSIS_OK)
        st = wsis_dates(w, sink, WSIS_FORMAT_JSON, 16000);
    WsisIcalOptions io = {"zh", NULL, 0, 0, 7, 1372550400};
    if (st == WSIS_OK)
        st = wsis_ical(w, sink, &io);
    WsisReportOptions ro = {20000, 30, 365};
    if (st == WSIS_OK)
        st = wsis_report(w, sink, WSIS_REPORT_XML, &ro);
    if (st == WSIS_OK)
        st = wsis_report(w, sink, WSIS_REPORT_HTML, &ro);
done:
    wsis_free(w);
    diag_fini(&d);
    armed = 0;
    fclose(diags);
    int rc;
    if (st == WSIS_OK && d.nerrors == 0) {
        rc = 0;
    } else if (st == WSIS_ENOMEM && strstr(text, "out of memory")) {
        rc = 2;
    } else {
        fprintf(stderr, "allocation %ld: status %d, %d errors, not a clean "
                "out of memory:\n%s", fail_at, (int)st, d.nerrors, text);
        rc = 1;
    }
    if (!w && rc == 1 && fail_at == count)
        rc = 2;   /* the very first allocation: nothing to report into */
    if (count < fail_at || fail_at == 0)
        printf("done %ld\n", count);
    free(text);
    free(big_text);
    fclose(sink);
    xmlCleanupParser();
    return rc;
}
