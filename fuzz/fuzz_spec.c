/*
 * fuzz_spec.c - libFuzzer target: any bytes as a .wsis spec, through the
 * scanner, parser, checks and schedule, and on to every output a clean
 * spec gets (dates, calendar, report), or their refusals when nothing was
 * kept for them; and through the parser that files read ahead on threads
 * use (built without look-ahead correction: parse.h), whose trees and
 * messages are thrown away.  Run from the project root: the stdlib is
 * imported from stdlib/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "wsisc.h"

/* The bytes parsed as a file read ahead is (ahead.c): in place, in a
   buffer with the PARSE_PAD bytes after them that the scanner reads, into
   an arena of their own, against a sink that only counts. */
static void parse_ahead(const uint8_t *data, size_t size, TextsKept texts)
{
    char *copy = malloc(size + PARSE_PAD);
    Arena *a = copy ? arena_new() : NULL;
    if (a) {
        if (size)
            memcpy(copy, data, size);
        DiagSink quiet = {0};
        quiet.max_errors = 20;
        Intern names;
        intern_init(&names, a);
        Decl **list;
        size_t n;
        parse_scratch(a, &names, &quiet, 0, copy, size, texts, &list, &n);
        intern_fini(&names);
    }
    arena_free(a);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    DiagSink d;
    diag_init(&d, sink, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    if (!w)
        return 0;
    wsis_add_search_dir(w, "stdlib");
    /* Inputs whose length is 1 more than a multiple of 3 are read as
       `wsisc check` reads them, keeping nothing for the writers (no texts,
       no rules' texts, no records), and 2 more as `wsisc ical --lang=zh`
       does (the texts a calendar in Chinese prints, the rules of single
       deadlines); the writers not served must then refuse, and say so. */
    wsis_keep(w, size % 3 == 1 ? 0
                 : size % 3 == 2 ? WSIS_KEEP_RULES | WSIS_KEEP_TEXTS
                                 : WSIS_KEEP_ALL);
    if (size % 3 == 2)
        wsis_keep_texts_in(w, "zh");
    wsis_set_today(w, 20000);
    parse_ahead(data, size, (TextsKept){size % 3 != 1,
                                        size % 3 == 2 ? "zh" : NULL});
    if (wsis_load_string(w, "fuzz.wsis", (const char *)data, size) ==
            WSIS_OK &&
        wsis_check(w) == WSIS_OK) {
        wsis_dates(w, sink, WSIS_FORMAT_JSON, 16000);
        WsisIcalOptions io = {"zh", NULL, 0, 1, 7, 1372550400};
        wsis_ical(w, sink, &io);
        WsisReportOptions ro = {16000, 30, 365};
        wsis_report(w, sink, WSIS_REPORT_XML, &ro);
        wsis_report(w, sink, WSIS_REPORT_HTML, &ro);
    }
    wsis_free(w);
    diag_fini(&d);
    return 0;
}
