/*
 * sched.h - every deadline as concrete dates.
 *
 * After the checks pass, sched_build turns each event into its days and
 * each obligation into one or more occurrences, each with the earliest day
 * it may be done, its deadline, and the rule the deadline came from.  The
 * calendar and the reports are views of this schedule.
 */
#ifndef WSIS_SCHED_H
#define WSIS_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"

typedef struct Occurrence {
    int index;             /* 0, 1, ... in date order */
    int period;            /* the year (or period number) of a recurrence */
    bool has_lo, has_hi;
    int64_t lo, hi;        /* earliest day, deadline: day numbers */
    const char *rule;      /* how the deadline was derived */
    const Field *why;      /* the rule that set the deadline */
} Occurrence;

typedef enum SchedKind { SK_EVENT, SK_OBLIGATION } SchedKind;

typedef struct SchedItem {
    const Decl *decl;
    SchedKind kind;
    bool recurring;        /* obligations with `every` */
    bool ongoing;          /* marked ongoing, and without a deadline */
    bool has_due;          /* has `due` rules (read here, not in the tree) */
    bool failed;           /* its dates could not be resolved (reported) */
    int64_t start, end;    /* events: first and last day */
    Occurrence *occ;
    int nocc;
    /* working state of the solver */
    int var;
    int state;
} SchedItem;

typedef struct Schedule {
    SchedItem *items;
    size_t n;
    bool has_adoption;
    int64_t adoption;
} Schedule;

struct Wsis;

/* Builds w->schedule and reports what cannot be resolved or cannot hold. */
void sched_build(struct Wsis *w);

#endif
