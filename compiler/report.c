/*
 * report.c - statuses as of a date.
 *
 * For an occurrence with a deadline: the earliest `done` on or before the
 * deadline is met, after it met late; without one, a deadline before the
 * as-of date is overdue, one within the window due soon, later ones
 * pending.  The latest record saying `not_applicable` makes it not
 * applicable.  An ongoing duty is ongoing, and stale when its latest record
 * is older than the stale period (or there is none).  An obligation with no
 * deadline that is not ongoing is pending until done.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

const char *status_name(Status s)
{
    static const char *const names[ST__COUNT] = {
        "met", "met-late", "overdue", "due-soon", "pending", "ongoing",
        "not-applicable",
    };
    return (unsigned)s < ST__COUNT ? names[s] : "?";
}

static int64_t rec_day(const Record *r)
{
    Date d = {r->date.y, r->date.m, r->date.d};
    return date_to_days(d);
}

static int by_date(const void *a, const void *b)
{
    int64_t x = rec_day(*(const Record *const *)a);
    int64_t y = rec_day(*(const Record *const *)b);
    return x < y ? -1 : x > y;
}

static void judge(OccStatus *os, const SchedItem *it, const Report *rp)
{
    const Record *latest = os->nevidence ? os->evidence[os->nevidence - 1]
                                         : NULL;
    for (int i = 0; i < os->nevidence && !os->done; i++)
        if (os->evidence[i]->status == PS_DONE)
            os->done = os->evidence[i];
    if (latest && latest->status == PS_NOT_APPLICABLE) {
        os->status = ST_NOT_APPLICABLE;
        return;
    }
    const Occurrence *oc = os->occ;
    if (!oc || !oc->has_hi) {
        if (ast_field_of(it->decl, FK_ONGOING)) {
            os->status = ST_ONGOING;
            os->stale = !latest ||
                        rp->as_of - rec_day(latest) > rp->stale_days;
        } else {
            os->status = os->done ? ST_MET : ST_PENDING;
        }
        return;
    }
    if (os->done) {
        int64_t late = rec_day(os->done) - oc->hi;
        os->status = late > 0 ? ST_MET_LATE : ST_MET;
        os->days = late > 0 ? late : 0;
    } else if (oc->hi < rp->as_of) {
        os->status = ST_OVERDUE;
        os->days = rp->as_of - oc->hi;
    } else {
        os->days = oc->hi - rp->as_of;
        os->status = os->days <= rp->window ? ST_DUE_SOON : ST_PENDING;
    }
}

/* One roll-up: its groups, and a hash from key to group (open addressing
   over indexes, since the array moves as it grows). */
typedef struct Groups {
    Rollup *v;
    int n, cap;
    int *slot;             /* index + 1, or 0 for empty */
    size_t nslot;
} Groups;

static uint64_t key_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static Rollup *rollup_find(Arena *a, Groups *g, const char *key)
{
    if ((size_t)(g->n + 1) * 2 > g->nslot) {
        size_t ns = g->nslot ? g->nslot * 2 : 64;
        int *slot = arena_alloc(a, ns * sizeof *slot);
        for (int i = 0; i < g->n; i++) {
            size_t j = key_hash(g->v[i].key) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = i + 1;
        }
        g->slot = slot;
        g->nslot = ns;
    }
    size_t j = key_hash(key) & (g->nslot - 1);
    for (; g->slot[j]; j = (j + 1) & (g->nslot - 1))
        if (strcmp(g->v[g->slot[j] - 1].key, key) == 0)
            return &g->v[g->slot[j] - 1];
    if (g->n == g->cap) {
        int c = g->cap ? g->cap * 2 : 16;
        Rollup *v = arena_alloc(a, (size_t)c * sizeof *v);
        if (g->n)
            memcpy(v, g->v, (size_t)g->n * sizeof *v);
        g->v = v;
        g->cap = c;
    }
    Rollup *r = &g->v[g->n];
    memset(r, 0, sizeof *r);
    r->key = arena_strndup(a, key, strlen(key));   /* key may be scratch */
    g->slot[j] = ++g->n;
    return r;
}

static void count(Rollup *r, const OccStatus *os)
{
    r->count[os->status]++;
    r->stale += os->stale;
}

static int rollup_cmp(const void *a, const void *b)
{
    return strcmp(((const Rollup *)a)->key, ((const Rollup *)b)->key);
}

/* Paragraph keys sort as numbers: 2 before 10, 32 before 32(b). */
static int para_cmp(const void *a, const void *b)
{
    const char *x = ((const Rollup *)a)->key, *y = ((const Rollup *)b)->key;
    int nx = atoi(x), ny = atoi(y);
    return nx != ny ? (nx < ny ? -1 : 1) : strcmp(x, y);
}

Report *report_build(Wsis *w, const WsisReportOptions *opt)
{
    Arena *a = w->arena;
    Report *rp = arena_alloc(a, sizeof *rp);
    rp->as_of = opt->as_of;
    rp->window = opt->window_days;
    rp->stale_days = opt->stale_days;
    const Schedule *s = &w->schedule;
    rp->obl = arena_alloc(a, (s->n ? s->n : 1) * sizeof *rp->obl);
    Groups actors = {0}, paras = {0}, verbs = {0};
    /* the records of each schedule item, in the order read */
    int *bstart = arena_alloc(a, (s->n + 1) * sizeof *bstart);
    int nrec = 0;
    for (const Record *r = w->records; r; r = r->next)
        if (r->item >= 0) {
            bstart[r->item + 1]++;
            nrec++;
        }
    for (size_t i = 0; i < s->n; i++)
        bstart[i + 1] += bstart[i];
    const Record **bucket = arena_alloc(a, (size_t)(nrec ? nrec : 1) *
                                               sizeof *bucket);
    int *fill = arena_alloc(a, (s->n + 1) * sizeof *fill);
    for (const Record *r = w->records; r; r = r->next)
        if (r->item >= 0)
            bucket[bstart[r->item] + fill[r->item]++] = r;
    for (size_t i = 0; i < s->n; i++) {
        const SchedItem *it = &s->items[i];
        if (it->kind != SK_OBLIGATION || it->failed)
            continue;
        ObligationReport *ob = &rp->obl[rp->nobl++];
        ob->item = it;
        ob->nocc = it->nocc ? it->nocc : 1;
        ob->occ = arena_alloc(a, (size_t)ob->nocc * sizeof *ob->occ);
        for (int k = 0; k < ob->nocc; k++) {
            OccStatus *os = &ob->occ[k];
            os->occ = it->nocc ? &it->occ[k] : NULL;
            int n = 0;
            for (int e = bstart[i]; e < bstart[i + 1]; e++)
                n += bucket[e]->occ == k;
            os->evidence = arena_alloc(a, (size_t)(n ? n : 1) *
                                              sizeof *os->evidence);
            for (int e = bstart[i]; e < bstart[i + 1]; e++)
                if (bucket[e]->occ == k)
                    os->evidence[os->nevidence++] = bucket[e];
            /* stable: records of one day keep the order they were read */
            for (int x = 1; x < os->nevidence; x++)
                for (int y = x; y > 0 && by_date(&os->evidence[y - 1],
                                                 &os->evidence[y]) > 0; y--) {
                    const Record *t = os->evidence[y];
                    os->evidence[y] = os->evidence[y - 1];
                    os->evidence[y - 1] = t;
                }
            judge(os, it, rp);
            rp->total[os->status]++;
            rp->stale += os->stale;
            rp->occurrences++;
            const Field *verb = ast_field_of(it->decl, FK_VERB);
            if (verb) {
                count(rollup_find(a, &verbs, verb->verb->name), os);
                for (const Ident *id = verb->names; id; id = id->next)
                    count(rollup_find(a, &actors, id->name), os);
            }
            for (const Field *f = it->decl->fields; f; f = f->next) {
                if (f->kind != FK_CITES)
                    continue;
                for (const ParaRef *p = f->paras; p; p = p->next) {
                    char key[16];
                    snprintf(key, sizeof key, "%d", p->num);
                    count(rollup_find(a, &paras, key), os);
                }
            }
        }
    }
    rp->by_actor = actors.v;
    rp->nactor = actors.n;
    rp->by_paragraph = paras.v;
    rp->nparagraph = paras.n;
    rp->by_verb = verbs.v;
    rp->nverb = verbs.n;
    /* (qsort wants a real array even for none: an empty spec has none) */
    if (rp->nactor)
        qsort(rp->by_actor, (size_t)rp->nactor, sizeof *rp->by_actor,
              rollup_cmp);
    if (rp->nverb)
        qsort(rp->by_verb, (size_t)rp->nverb, sizeof *rp->by_verb,
              rollup_cmp);
    if (rp->nparagraph)
        qsort(rp->by_paragraph, (size_t)rp->nparagraph,
              sizeof *rp->by_paragraph, para_cmp);
    return rp;
}
