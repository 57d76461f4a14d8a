/*
 * tests.h - the suites of the wsisc test runner, and helpers they share.
 */
#ifndef WSIS_TESTS_H
#define WSIS_TESTS_H

#include <check.h>
#include <stddef.h>

#include "wsisc.h"

Suite *suite_lexer(void);
Suite *suite_parser(void);
Suite *suite_diag(void);
Suite *suite_check(void);
Suite *suite_units(void);
Suite *suite_cases(void);
Suite *suite_example(void);
Suite *suite_cli(void);
Suite *suite_dates(void);
Suite *suite_ical(void);
Suite *suite_report(void);
Suite *suite_hostile(void);

/* What compiling some text (with the stdlib on the path) printed. */
typedef struct Compiled {
    char *out;         /* diagnostics, as the user would see them */
    int nerrors, nwarnings;
    WsisStatus load, check;
    WsisStats stats;
} Compiled;

/* Compiles text under the name "test.wsis"; free with compiled_free. */
Compiled compile_text(const char *text);

/* Compiles files, with extra search directory dir (may be NULL). */
Compiled compile_files(const char *const *paths, size_t n, const char *dir);

/* The same, with today, the as-of day and a progress XML ("" for none). */
Compiled compile_run(const char *const *paths, size_t n, const char *dir,
                     const char *today, const char *as_of,
                     const char *progress_xml);

void compiled_free(Compiled *c);

/* What the compile_* functions keep (wsis_keep; WSIS_KEEP_ALL unless a
   test says otherwise). */
extern unsigned compile_keep;

/* The language whose calendar's texts they keep only (wsis_keep_texts_in;
   NULL, as unless a test says otherwise: every text). */
extern const char *compile_texts_in;

/* What `wsisc dates` prints for files (today: YYYY-MM-DD); free it.
   Diagnostics, if any, go to *diags (free it too) when diags is given. */
/* What `wsisc ical` writes for files or text (NULL on errors; free it). */
char *ical_of(const char *const *paths, size_t n, const char *text,
              const WsisIcalOptions *opt);

/* What `wsisc report` writes (NULL on errors; free it); progress_xml may
   be NULL, warnings go to *diags when diags is given. */
char *report_of(const char *const *paths, size_t n, const char *progress_xml,
                const char *as_of, WsisReportFormat fmt, char **diags);

char *dates_of(const char *const *paths, size_t n, const char *text,
               WsisFormat fmt, const char *today, char **diags);

/* The NAMEs of dir/NAME.wsis, sorted; returns how many (names kept for
   the run's life: the suites loop over them). */
int list_specs(const char *dir, char ***names);

/* Does haystack contain needle? */
int contains(const char *haystack, const char *needle);

/* Reads a whole file into a NUL-terminated buffer (free it); NULL if none. */
char *slurp(const char *path, size_t *len);

/* How many times needle occurs in haystack. */
int count_of(const char *haystack, const char *needle);

#endif
