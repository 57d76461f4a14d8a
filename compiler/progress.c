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
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "parts.h"
#include "date.h"

void progress_add(Wsis *w, Record *r)
{
    if (!w->records_tail)
        w->records_tail = &w->records;
    r->item = -1;
    *w->records_tail = r;
    w->records_tail = &r->next;
}

static void check_record(Wsis *w, Record *r, Decl *known);

/*
 * Records mostly come in their spec's order: a progress file follows the
 * paragraphs, so the obligation of the next record is usually one of the
 * next few after the last one's.  Those are looked at first, in the
 * schedule's order (items lie in the order declared): a name compared
 * there costs a read just ahead of the last, where the symbol table costs
 * misses all over memory.  Only while records keep that order (the last
 * one found lay a little ahead of the one before), and only when nothing
 * at all has been reported: records are matched only after a check that
 * reported nothing (check_all), so every name is declared once and the
 * obligation found by its name here is the one the table holds; a spec
 * with errors from reading keeps to the table all the same.  At a million
 * obligations matching took 0.13 s, and 0.065 s this way.
 */
enum { FOLLOW_WINDOW = 4, FOLLOW_REACH = 64 };

typedef struct Follow {
    bool on;               /* records have kept the spec's order */
    int last;              /* the item of the last record's obligation, or -1 */
} Follow;

/* The obligation named `name` among the few after the last one found, or
   NULL. */
static Decl *follow_next(const Wsis *w, const Follow *fo, const char *name)
{
    if (!fo->on || fo->last < 0)
        return NULL;
    const Schedule *s = &w->schedule;
    int seen = 0;
    for (size_t j = (size_t)fo->last + 1; j < s->n && seen < FOLLOW_WINDOW;
         j++) {
        if (s->items[j].kind != SK_OBLIGATION)
            continue;
        seen++;
        if (strcmp(s->items[j].decl->name, name) == 0)
            return (Decl *)s->items[j].decl;
    }
    return NULL;
}

/* Notes where the record just checked lay: by following (hit) or not. */
static void follow_note(Follow *fo, const Record *r, bool hit, bool allowed)
{
    if (r->item < 0)
        return;
    if (!hit)
        fo->on = allowed && fo->last >= 0 && r->item > fo->last &&
                 r->item - fo->last <= FOLLOW_REACH;
    fo->last = r->item;
}

/*
 * Records from the `progress` declarations among w->all[from, to), each
 * checked as it is made, and kept for the report unless it is not wanted
 * (wsis_keep): one record on the stack serves every declaration (the
 * declarations stay in the tree; a record would repeat what they hold).
 * A record's source file is named by files' table.
 */
static void from_decls(Wsis *w, const DiagSink *files, size_t from,
                       size_t to, bool follow)
{
    Follow fo = {false, -1};
    for (size_t i = from; i < to && !diag_should_stop(w->diag); i++) {
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
        Decl *next = follow_next(w, &fo, d->name);
        if (drop) {
            r->item = -1;
            check_record(w, r, next);
            follow_note(&fo, r, next != NULL, follow);
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
        const SrcFile *f = diag_file(files, d->loc.file);
        r->source = f ? f->path : "";
        progress_add(w, r);
        check_record(w, r, next);
        follow_note(&fo, r, next != NULL, follow);
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

/* Checks one record against the schedule; notes the occurrence it is of.
   known: its obligation, when already found (follow_next). */
static void check_record(Wsis *w, Record *r, Decl *known)
{
    DiagSink *dg = w->diag;
    const Schedule *s = &w->schedule;
    if (known)
        r->obligation.decl = known;     /* as resolve_use notes it */
    Decl *d = known ? known
                    : resolve_use(w, &r->obligation, KIND(DK_OBLIGATION),
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

/*
 * The spec's records in parts, on threads, as check.c checks declarations:
 * each part against a copy of the compilation with a sink that only counts,
 * an arena, a list of records and a memo of names of its own.  Matching a
 * record reads the tree, the symbol table and the schedule, and writes only
 * into the record.  When no part said anything, their lists are joined in
 * order and their arenas kept: the same records, in the same order, as
 * from one pass; else the caller makes that pass, with the real sink.
 */
typedef struct Part {
    Wsis w;
    DiagSink quiet;
    jmp_buf oom;
    const DiagSink *files;
    size_t from, to;
    bool follow;           /* records may be found by following (Follow) */
    bool dirty;            /* reported, or ran out of memory */
} Part;

/* Below this many declarations, a thread costs more than it saves. */
enum { PROGRESS_SPLIT_FROM = 20000 };

static void part_oom(void *ud)
{
    longjmp(((Part *)ud)->oom, 1);
}

static void part_run(Part *p)
{
    if (setjmp(p->oom)) {
        p->dirty = true;
        return;
    }
    from_decls(&p->w, p->files, p->from, p->to, p->follow);
    if (p->quiet.nerrors || p->quiet.nwarnings)
        p->dirty = true;
}

static void *part_thread(void *arg)
{
    part_run(arg);
    return NULL;
}

static bool from_decls_in_parts(Wsis *w)
{
    int jobs = w->jobs;
    if (jobs < 2 || w->nall < PROGRESS_SPLIT_FROM)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < w->nall; i++)
        n += w->all_kind[i] == DK_PROGRESS;
    if (n < PROGRESS_SPLIT_FROM / 2)
        return false;
    Part *p = calloc((size_t)jobs, sizeof *p);
    if (!p)
        return false;
    /* parts of as many records each: they lie where their files came */
    size_t at = 0, seen = 0;
    bool ok = true;
    for (int k = 0; k < jobs; k++) {
        Part *q = &p[k];
        size_t want = n * (size_t)(k + 1) / (size_t)jobs;
        q->from = at;
        while (at < w->nall && (seen < want || k == jobs - 1))
            seen += w->all_kind[at++] == DK_PROGRESS;
        q->to = at;
        q->w = *w;
        diag_init(&q->quiet, NULL, COLOR_NEVER);
        q->quiet.max_errors = 1;      /* one is enough to do it again */
        q->w.diag = &q->quiet;
        q->files = w->diag;
        q->follow = w->diag->nerrors == 0;
        q->w.records = NULL;
        q->w.records_tail = NULL;
        q->w.oom = NULL;
        q->w.memo = resolve_memo_new();     /* NULL: none, and slower */
        q->w.arena = arena_new();
        if (!q->w.arena) {
            ok = false;
            continue;
        }
        arena_set_oom(q->w.arena, part_oom, q);
    }
    ok = ok && parts_run(p, sizeof *p, jobs, part_thread);
    for (int k = 0; k < jobs; k++)
        ok &= !p[k].dirty;
    for (int k = 0; k < jobs; k++) {
        Part *q = &p[k];
        if (ok && q->w.records) {
            if (!w->records_tail)
                w->records_tail = &w->records;
            *w->records_tail = q->w.records;
            w->records_tail = q->w.records_tail;
        }
        if (ok)
            arena_adopt(w->arena, q->w.arena);
        else
            arena_free(q->w.arena);
        resolve_memo_free(q->w.memo);
        diag_fini(&q->quiet);
    }
    free(p);
    return ok;
}

void progress_check(Wsis *w)
{
    /* the records read from XML, then the spec's, in the order read */
    for (Record *r = w->records; r && !diag_should_stop(w->diag); r = r->next)
        check_record(w, r, NULL);
    if (diag_should_stop(w->diag) || from_decls_in_parts(w))
        return;
    from_decls(w, w->diag, 0, w->nall, w->diag->nerrors == 0);
}
