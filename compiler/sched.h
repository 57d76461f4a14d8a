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

/* Day numbers of the years 1 to 9999 (date.h) fit in 32 bits: a million
   obligations hold 1.3 million occurrences and as many items, so these
   keep days in int32_t (40 bytes an occurrence, not 48). */
typedef struct Occurrence {
    int index;             /* 0, 1, ... in date order */
    int period;            /* the year (or period number) of a recurrence */
    int32_t lo, hi;        /* earliest day, deadline: day numbers */
    bool has_lo, has_hi;
    const char *rule;      /* how the deadline was derived */
    const Field *why;      /* the rule that set the deadline */
} Occurrence;

typedef enum SchedKind { SK_EVENT, SK_OBLIGATION } SchedKind;

typedef struct SchedItem {
    const Decl *decl;
    Occurrence *occ;
    int32_t start, end;    /* events: first and last day */
    int nocc;
    /* working state of the solver */
    int var;
    SchedKind kind : 8;
    bool recurring : 1;    /* obligations with `every` */
    bool has_due : 1;      /* has `due` rules (read here, not in the tree) */
    bool deps : 1;         /* one of them counts from another obligation */
    bool failed : 1;       /* its dates could not be resolved (reported) */
    /* what the later passes would otherwise read the declaration for */
    bool shifted : 1;      /* has a `shift` */
    bool part_of : 1;      /* has a `part_of` */
} SchedItem;

_Static_assert(sizeof(Occurrence) == 40, "an occurrence is 40 bytes");
_Static_assert(sizeof(SchedItem) == 40, "an item is 40 bytes");

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
