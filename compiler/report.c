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

/* A slot table twice the size (64 at first), holding the n groups'
   indexes + 1 at their hashes: both roll-up tables grow this way. */
static int *rehash(Arena *a, size_t *nslot, int n,
                   size_t (*hash_of)(const void *g, int i), const void *g)
{
    size_t ns = *nslot ? *nslot * 2 : 64;
    int *slot = arena_alloc(a, ns * sizeof *slot);
    for (int i = 0; i < n; i++) {
        size_t j = hash_of(g, i) & (ns - 1);
        while (slot[j])
            j = (j + 1) & (ns - 1);
        slot[j] = i + 1;
    }
    *nslot = ns;
    return slot;
}

static size_t group_hash(const void *g, int i)
{
    return (size_t)key_hash(((const Groups *)g)->v[i].key);
}

static Rollup *rollup_find(Arena *a, Groups *g, const char *key)
{
    if ((size_t)(g->n + 1) * 2 > g->nslot)
        g->slot = rehash(a, &g->nslot, g->n, group_hash, g);
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

/*
 * The roll-up by paragraph is keyed by number: a spec may cite thousands
 * of paragraphs (a million in the benchmark).  Groups are found by an
 * integer hash, sorted as numbers (2 before 10) by a radix sort, linear
 * where a sort comparing decimal keys was n log n, and their keys are
 * written once, at the end.
 */
typedef struct ParaGroups {
    Rollup *v;
    int *num;              /* beside v: each group's paragraph */
    int n, cap;
    int *slot;             /* index + 1, or 0 for empty */
    size_t nslot;
} ParaGroups;

static size_t num_hash(int num)
{
    uint64_t h = (uint32_t)num * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32);
}

static size_t para_hash(const void *g, int i)
{
    return num_hash(((const ParaGroups *)g)->num[i]);
}

static Rollup *para_find(Arena *a, ParaGroups *g, int num)
{
    if ((size_t)(g->n + 1) * 2 > g->nslot)
        g->slot = rehash(a, &g->nslot, g->n, para_hash, g);
    size_t j = num_hash(num) & (g->nslot - 1);
    for (; g->slot[j]; j = (j + 1) & (g->nslot - 1))
        if (g->num[g->slot[j] - 1] == num)
            return &g->v[g->slot[j] - 1];
    if (g->n == g->cap) {
        int c = g->cap ? g->cap * 2 : 16;
        Rollup *v = arena_alloc(a, (size_t)c * sizeof *v);
        int *nums = arena_alloc(a, (size_t)c * sizeof *nums);
        if (g->n) {
            memcpy(v, g->v, (size_t)g->n * sizeof *v);
            memcpy(nums, g->num, (size_t)g->n * sizeof *nums);
        }
        g->v = v;
        g->num = nums;
        g->cap = c;
    }
    Rollup *r = &g->v[g->n];
    memset(r, 0, sizeof *r);
    g->num[g->n] = num;
    g->slot[j] = ++g->n;
    return r;
}

/* The groups in order of their numbers, each with its key: two passes
   of a radix sort on 16-bit digits (the sign bit flipped, so negative
   numbers, which a checked spec never has, would still come first). */
static Rollup *para_sorted(Arena *a, const ParaGroups *g)
{
    size_t n = (size_t)g->n;
    uint32_t *key = arena_alloc(a, (n ? n : 1) * sizeof *key);
    int *ord = arena_alloc(a, (n ? n : 1) * sizeof *ord);
    int *tmp = arena_alloc(a, (n ? n : 1) * sizeof *tmp);
    size_t *count = arena_alloc(a, 65537 * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        key[i] = (uint32_t)g->num[i] ^ 0x80000000u;
        ord[i] = (int)i;
    }
    for (int shift = 0; shift < 32; shift += 16) {
        memset(count, 0, 65537 * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[((key[ord[i]] >> shift) & 0xFFFF) + 1]++;
        for (size_t d = 0; d < 65536; d++)
            count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++)
            tmp[count[(key[ord[i]] >> shift) & 0xFFFF]++] = ord[i];
        int *t = ord;
        ord = tmp;
        tmp = t;
    }
    Rollup *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out[i] = g->v[ord[i]];
        char buf[16];
        int len = snprintf(buf, sizeof buf, "%d", g->num[ord[i]]);
        out[i].key = arena_strndup(a, buf, (size_t)len);
    }
    return out;
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
    Groups actors = {0}, verbs = {0};
    ParaGroups paras = {0};
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
            for (const Field *f = it->decl->fields; f < ast_fields_end(it->decl); f++) {
                if (f->kind != FK_CITES)
                    continue;
                for (const ParaRef *p = f->paras; p; p = p->next)
                    count(para_find(a, &paras, p->num), os);
            }
        }
    }
    rp->by_actor = actors.v;
    rp->nactor = actors.n;
    rp->by_paragraph = para_sorted(a, &paras);
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
    return rp;
}
