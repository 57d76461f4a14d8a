/*
 * wsisc.h - the wsisc library: load .wsis specs, check them, ask what they
 * hold.  The driver (main.c) is one client; the tests are another.
 *
 *   DiagSink d;  diag_init(&d, stderr, COLOR_AUTO);
 *   Wsis *w = wsis_new(&d);
 *   wsis_add_search_dir(w, "stdlib");
 *   if (wsis_load_file(w, "spec.wsis") == WSIS_OK) wsis_check(w);
 *   ... d.nerrors ...;  wsis_free(w);  diag_fini(&d);
 */
#ifndef WSISC_H
#define WSISC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

typedef struct Wsis Wsis;

typedef enum WsisStatus {
    WSIS_OK = 0,       /* nothing wrong (warnings allowed) */
    WSIS_ESPEC = 1,    /* errors in the specs, reported to the sink */
    WSIS_EIO = 2,      /* a file could not be read, reported to the sink */
    WSIS_ENOMEM = 3    /* out of memory, reported to the sink */
} WsisStatus;

/* A compilation reporting into diag (which must outlive it); NULL if OOM. */
Wsis *wsis_new(DiagSink *diag);
void wsis_free(Wsis *w);

/* Appends a directory to the import search path (searched in order). */
WsisStatus wsis_add_search_dir(Wsis *w, const char *dir);

/* Loads a spec file given by the user, then everything it imports. */
WsisStatus wsis_load_file(Wsis *w, const char *path);

/*
 * Starts parsing these files on up to jobs threads, ahead of the
 * wsis_load_file calls that then take them in this order, and lets
 * wsis_check use as many threads.  Only a saving: what is loaded and
 * checked, and every diagnostic, is the same as without it.
 */
void wsis_read_ahead(Wsis *w, const char *const *paths, size_t n, int jobs);
enum { WSIS_MAX_JOBS = 64 };    /* more jobs than this are taken as this */

/* Loads a spec from memory; name is what diagnostics call it. */
WsisStatus wsis_load_string(Wsis *w, const char *name, const char *text,
                            size_t len);

/* Checks names and meaning of everything loaded; call once, after loading. */
WsisStatus wsis_check(Wsis *w);

typedef struct WsisStats {
    char resolution[128];     /* its symbol, or "" without one */
    int files;
    int entities, verbs, sessions, events, obligations, documents, markers;
    int operative_first, operative_last;
    int operative_covered;    /* paragraphs accounted for */
} WsisStats;

/* What the loaded specs hold (after wsis_check). */
void wsis_stats(const Wsis *w, WsisStats *out);

typedef enum WsisFormat {
    WSIS_FORMAT_TABLE, WSIS_FORMAT_CSV, WSIS_FORMAT_JSON
} WsisFormat;

/*
 * Writes the resolved schedule: every event and every occurrence of every
 * obligation, with its date and the rule it came from.  Needs a clean
 * wsis_check.  today (a day number, see wsis_parse_date) gives the
 * days_from_today of the CSV and JSON forms.
 */
WsisStatus wsis_dates(Wsis *w, FILE *out, WsisFormat fmt, int64_t today);

typedef struct WsisIcalOptions {
    const char *lang;          /* "en", "zh", ...; per item, English if absent */
    const char *const *actors; /* only deadlines of these entities (and of */
    size_t nactors;            /* entities part of them); none: all */
    int todo;                  /* deadlines as VTODO instead of VEVENT */
    int alarm_days;            /* reminder where the spec gives none; -1 */
    int64_t stamp;             /* DTSTAMP: seconds since the epoch, UTC */
} WsisIcalOptions;

/* Writes the schedule as an RFC 5545 calendar (after a clean check). */
WsisStatus wsis_ical(Wsis *w, FILE *out, const WsisIcalOptions *opt);

/* Is name a declared entity?  (For checking --actor.) */
int wsis_is_entity(Wsis *w, const char *name);

/* Sets the day taken as today: progress dated later is an error. */
void wsis_set_today(Wsis *w, int64_t today);

/* Sets the day a report is as of: later progress is left out (warning). */
void wsis_set_as_of(Wsis *w, int64_t as_of);

/* Adds the progress records of an XML file (schema/progress.rng); call
   before wsis_check, which checks them with the spec's own. */
WsisStatus wsis_load_progress_xml(Wsis *w, const char *path);

/* The same from memory; name is what diagnostics call it. */
WsisStatus wsis_load_progress_xml_mem(Wsis *w, const char *name,
                                      const char *text, size_t len);

typedef struct WsisReportOptions {
    int64_t as_of;             /* the day reported on (a day number) */
    int window_days;           /* "due soon": within this many days */
    int stale_days;            /* ongoing duties: records older are stale */
} WsisReportOptions;

typedef enum WsisReportFormat { WSIS_REPORT_XML, WSIS_REPORT_HTML } WsisReportFormat;

/*
 * What wsis_check keeps for the writers (by default, everything).  A caller
 * that writes less need not pay for it:
 *  - WSIS_KEEP_PROGRESS: a record of each `progress` declaration, for
 *    wsis_report and wsis_report_counts (records read from XML are kept
 *    either way); about 90 MB at a million obligations;
 *  - WSIS_KEEP_RULES: the text of the rule behind each single deadline,
 *    for wsis_dates, wsis_ical and wsis_report; a third of the solver's
 *    time;
 *  - WSIS_KEEP_SERIES_RULES: the text of the rule behind each occurrence of
 *    a recurring duty, for wsis_dates and wsis_report (a calendar lists a
 *    series' dates, not their rules);
 *  - WSIS_KEEP_TEXTS: the bytes of the spec's texts (titles, names,
 *    actions, notes, references), for wsis_ical and wsis_report; about
 *    190 MB at a million obligations.  Unlike the others, this one acts
 *    while files are read: say it before loading.  A file read while it
 *    was not kept keeps its texts' lengths only, whatever is said later.
 * The checks and their diagnostics are the same whatever is kept; a writer
 * whose part was not kept refuses, with a diagnostic.
 */
enum {
    WSIS_KEEP_PROGRESS = 1,
    WSIS_KEEP_RULES = 2,
    WSIS_KEEP_SERIES_RULES = 4,
    WSIS_KEEP_TEXTS = 8,
    WSIS_KEEP_ALL = WSIS_KEEP_PROGRESS | WSIS_KEEP_RULES |
                    WSIS_KEEP_SERIES_RULES | WSIS_KEEP_TEXTS
};
void wsis_keep(Wsis *w, unsigned what);

/*
 * With WSIS_KEEP_TEXTS, keeps the bytes only of the texts a calendar in
 * lang prints: those in lang or in English, and the first of each kind in
 * a declaration (the one a calendar falls back on); the others keep their
 * language, length and place, which is all the checks read.  About 100 MB
 * less at a million obligations in two languages.  Acts while files are
 * read, like WSIS_KEEP_TEXTS: say it before loading.  Then a calendar in
 * another language (English aside), and a report (which prints every
 * language), refuse with a diagnostic.  NULL: every text again, for files
 * read after.
 */
WsisStatus wsis_keep_texts_in(Wsis *w, const char *lang);

/* Writes the report as of a date (after a clean check). */
WsisStatus wsis_report(Wsis *w, FILE *out, WsisReportFormat fmt,
                       const WsisReportOptions *opt);

/* How many occurrences stand at each status (met, met-late, overdue,
   due-soon, pending, ongoing, not-applicable), and how many are stale. */
void wsis_report_counts(Wsis *w, const WsisReportOptions *opt, int counts[7],
                        int *stale);

/*
 * Parses a YYYY-MM-DD date into a day number (days since 1970-01-01);
 * false unless it is a real day in years 1 to 9999.
 */
int wsis_parse_date(const char *s, int64_t *days);

/* Writes a day number as YYYY-MM-DD into out (11 bytes). */
void wsis_format_date(int64_t days, char *out);

/* What a diagnostic code means, for `wsisc explain`. */
typedef struct WsisExplain {
    const char *code;      /* "E0201" */
    const char *title;     /* "unknown name" */
    const char *text;      /* what the rule is */
    const char *example;   /* a spec that breaks it */
    const char *fix;       /* what to do */
} WsisExplain;

/* The entry for code, or NULL. */
const WsisExplain *wsis_explain(const char *code);

/* The i-th entry, in code order, or NULL past the end. */
const WsisExplain *wsis_explain_at(size_t i);

#endif
