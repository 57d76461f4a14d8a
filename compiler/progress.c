/*
 * progress.c - what happened: progress records checked against the
 * schedule, and the status of every occurrence as of a date.
 *
 * A record names an obligation and, for a recurring one, the occurrence
 * (its year, or its number).  A status follows from the earliest `done`
 * against the deadline, or, without one, from the deadline against the
 * as-of date; ongoing duties are never late but go stale when no record
 * comes for too long, as hledger's recentassertions does for balances.
 */
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "date.h"

void progress_add(Wsis *w, Record *r)
{
    if (!w->records_tail)
        w->records_tail = &w->records;
    r->item = -1;
    *w->records_tail = r;
    w->records_tail = &r->next;
}

static void check_record(Wsis *w, Record *r);

/*
 * Records from the `progress` declarations of the spec, each checked as it
 * is made, and kept for the report unless it is not wanted (wsis_keep): one
 * record on the stack serves every declaration (the declarations stay in
 * the tree; a record would repeat what they hold).
 */
static void from_decls(Wsis *w)
{
    for (size_t i = 0; i < w->nall && !diag_should_stop(w->diag); i++) {
        if (w->all_kind[i] != DK_PROGRESS)
            continue;
        Decl *d = w->all[i];
        const Field *st = ast_field_of(d, FK_STATUS);
        if (!st)
            continue;
        Record scratch;
        Record *r = &scratch;
        bool drop = w->drop & WSIS_KEEP_PROGRESS;
        if (drop)
            memset(r, 0, sizeof *r);
        else
            r = arena_alloc(w->arena, sizeof *r);
        r->illustrative = ast_field_of(d, FK_ILLUSTRATIVE) != NULL;
        r->obligation.name = d->name;
        r->obligation.loc = d->name_loc;
        r->has_occurrence = d->has_occurrence;
        r->occurrence = d->occurrence;
        r->occurrence_loc = d->occurrence_loc;
        r->status = (ProgressStatus)st->n1;
        r->date = st->dates->d1;
        if (drop) {
            r->item = -1;
            check_record(w, r);
            continue;
        }
        for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
            r->nrefs += f->kind == FK_REF;
            r->nurls += f->kind == FK_URL;
            r->nnotes += f->kind == FK_NOTE;
        }
        size_t n = (size_t)r->nrefs + r->nurls + r->nnotes;
        if (n) {
            const Text **t = arena_alloc(w->arena, n * sizeof *t);
            size_t at[3] = {0, r->nrefs, (size_t)r->nrefs + r->nurls};
            for (const Field *f = d->fields; f < ast_fields_end(d); f++)
                if (f->kind == FK_REF || f->kind == FK_URL ||
                    f->kind == FK_NOTE)
                    t[at[f->kind == FK_REF ? 0 : f->kind == FK_URL ? 1 : 2]++]
                        = f->text;
            r->texts = t;
        }
        const SrcFile *f = diag_file(w->diag, d->loc.file);
        r->source = f ? f->path : "";
        progress_add(w, r);
        check_record(w, r);
    }
}

static const char *periods(Wsis *w, const SchedItem *it)
{
    StrBuf sb;
    sb_init(&sb, w->arena);
    for (int i = 0; i < it->nocc; i++)
        sb_addf(&sb, "%s%d",
                i == 0 ? "" : i == it->nocc - 1 ? " and " : ", ",
                it->occ[i].period);
    return sb.p;
}

/* Checks one record against the schedule; notes the occurrence it is of. */
static void check_record(Wsis *w, Record *r)
{
    DiagSink *dg = w->diag;
    const Schedule *s = &w->schedule;
    Decl *d = resolve_use(w, &r->obligation, KIND(DK_OBLIGATION),
                          "obligation");
    if (!d || d->sched < 0)
        return;
    const SchedItem *it = &s->items[d->sched];
    if (it->failed)
        return;
    SrcLoc at = r->has_occurrence ? r->occurrence_loc : r->obligation.loc;
    if (it->recurring && !r->has_occurrence) {
        diag_report(dg, SEV_ERROR, at, "E0701",
                    "which occurrence of '%s'? it recurs", d->name);
        diag_note(dg, at, "name it, as in 'progress %s %d { ... }'; its "
                  "occurrences are %s", d->name,
                  it->nocc ? it->occ[0].period : 1, periods(w, it));
        return;
    }
    if (!it->recurring && r->has_occurrence) {
        diag_report(dg, SEV_ERROR, at, "E0701",
                    "'%s' does not recur, so it has no occurrence %d",
                    d->name, r->occurrence);
        diag_note(dg, d->name_loc, "'%s' is declared here", d->name);
        return;
    }
    int occ = 0;
    if (it->recurring) {
        occ = -1;
        for (int i = 0; i < it->nocc; i++)
            if (it->occ[i].period == r->occurrence)
                occ = i;
        if (occ < 0) {
            diag_report(dg, SEV_ERROR, at, "E0701",
                        "'%s' has no occurrence %d", d->name,
                        r->occurrence);
            diag_note(dg, d->name_loc, "its occurrences are %s",
                      periods(w, it));
            return;
        }
    }
    if (r->date.bad)
        return;
    int64_t day = ast_days(&r->date);
    if (w->has_today && day > w->today) {
        diag_report(dg, SEV_ERROR, r->date.loc, "E0702",
                    "progress dated %s, after today (%s)",
                    ast_day_text(w->arena, day), ast_day_text(w->arena, w->today));
        diag_note(dg, r->date.loc, "a record says what has happened; if "
                  "today is another day, say so with --today");
        return;
    }
    if (w->has_as_of && day > w->as_of) {
        diag_report(dg, SEV_WARNING, r->date.loc, "W0705",
                    "progress dated %s is after %s, the day reported on, "
                    "and is left out", ast_day_text(w->arena, day),
                    ast_day_text(w->arena, w->as_of));
        return;
    }
    if (s->has_adoption && day < s->adoption) {
        diag_report(dg, SEV_ERROR, r->date.loc, "E0703",
                    "progress dated %s, before the resolution was "
                    "adopted on %s", ast_day_text(w->arena, day),
                    ast_day_text(w->arena, s->adoption));
        const Field *ad = ast_field_of(w->resolution, FK_ADOPTED);
        if (ad)
            diag_note(dg, ad->loc, "adopted here");
        return;
    }
    r->item = d->sched;
    r->occ = occ;
}

void progress_check(Wsis *w)
{
    /* the records read from XML, then the spec's, in the order read */
    for (Record *r = w->records; r && !diag_should_stop(w->diag); r = r->next)
        check_record(w, r);
    from_decls(w);
}
