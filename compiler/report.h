/*
 * report.h - the state of a resolution's follow-up as of a date: every
 * occurrence of every obligation with its status, its evidence, and
 * counts by status, actor, paragraph and verb.  emit_xml.c and
 * emit_html.c are two views of one Report.
 */
#ifndef WSIS_REPORT_H
#define WSIS_REPORT_H

#include "compile.h"
#include "date.h"

typedef enum Status {
    ST_MET, ST_MET_LATE, ST_OVERDUE, ST_DUE_SOON, ST_PENDING, ST_ONGOING,
    ST_NOT_APPLICABLE,
    ST__COUNT
} Status;

/* "met", "met-late", ... as the XML spells them. */
const char *status_name(Status s);

typedef struct OccStatus {
    const Occurrence *occ;     /* NULL for an obligation with no dates */
    Status status;
    int64_t days;              /* late (met-late, overdue) or left */
    bool stale;                /* ongoing with no recent record */
    const Record **evidence;   /* every record of it, by date */
    int nevidence;
    const Record *done;        /* the earliest `done`, if any */
} OccStatus;

typedef struct ObligationReport {
    const SchedItem *item;
    OccStatus *occ;
    int nocc;
} ObligationReport;

/* Counts for one key of a roll-up. */
typedef struct Rollup {
    const char *key;
    int count[ST__COUNT];
    int stale;
} Rollup;

typedef struct Report {
    int64_t as_of;
    int window, stale_days;
    ObligationReport *obl;
    int nobl;
    int total[ST__COUNT];
    int stale;
    int occurrences;
    Rollup *by_actor, *by_paragraph, *by_verb;
    int nactor, nparagraph, nverb;
} Report;

/* Builds the report of a checked, scheduled compilation. */
Report *report_build(Wsis *w, const WsisReportOptions *opt);


#endif
