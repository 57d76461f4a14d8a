/*
 * emit_xml.c - the report as XML (schema/report.rng), streamed straight to
 * the output: constant memory whatever the spec's size.
 *
 * The writer is our own, not libxml2's xmlTextWriter: the document is a
 * fixed, shallow shape (no namespaces but one, no mixed content), and
 * xmlTextWriter copied every text through xmlEncodeSpecialChars and the
 * output buffer's encoder, a fifth of `report`'s time (docs/performance.md).
 * It writes what xmlTextWriter wrote, byte for byte: the same indentation,
 * the same escapes ("&quot;" in text too; tab and newline as character
 * references in attributes), UTF-8 as it is.  The result is checked
 * against schema/report.rng with libxml2 by the tests.  Texts are cleaned
 * of the control characters XML 1.0 cannot carry (the spec's strings are
 * already valid UTF-8: the scanner and the progress reader see to that).
 */
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "report.h"

#ifndef WSISC_VERSION
#define WSISC_VERSION "dev"
#endif

enum { MAX_DEPTH = 16, OUT_BUF = 64 * 1024 };

typedef struct X {
    FILE *out;             /* NULL: a chunk on a formatting thread */
    /* Output is gathered here and handed to stdio in large writes: a
       stdio call per tag and attribute took its lock each time.  A
       formatting thread's buffer holds its whole chunk (pool.h). */
    PoolBuf *buf;
    PoolBuf own;
    Arena *a;
    Wsis *w;
    const char *open[MAX_DEPTH]; /* the elements open, outermost first */
    int depth;
    bool in_tag;  /* the innermost start tag still wants its '>' */
    bool texted;  /* the innermost element holds text: no indented end tag */
} X;

static void flush(X *x)
{
    fwrite(x->buf->p, 1, x->buf->n, x->out);
    x->buf->n = 0;
}

static void put(X *x, const void *s, size_t n)
{
    poolbuf_reserve(x->buf, n, x->a);
    memcpy(x->buf->p + x->buf->n, s, n);
    x->buf->n += n;
    if (x->out && x->buf->n >= OUT_BUF)
        flush(x);
}

static void puts_(X *x, const char *s)
{
    put(x, s, strlen(s));
}

/* Writes s with each byte that needs it replaced by its reference: runs
   with nothing to escape go out in one call.  Control characters other
   than tab and newline are dropped (XML 1.0 cannot carry them). */
static void escaped(X *x, const char *s, bool in_attr)
{
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (;; p++) {
        const char *rep;
        switch (*p) {
        case '\0':
            put(x, run, (size_t)(p - run));
            return;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '\t': if (!in_attr) continue; rep = "&#9;"; break;
        case '\n': if (!in_attr) continue; rep = "&#10;"; break;
        default:
            if (*p >= 0x20)
                continue;
            rep = "";
            break;
        }
        put(x, run, (size_t)(p - run));
        puts_(x, rep);
        run = p + 1;
    }
}

static void indent(X *x)
{
    for (int i = 0; i < x->depth; i++)
        put(x, "  ", 2);
}

static void start(X *x, const char *name)
{
    if (x->in_tag)
        put(x, ">\n", 2);
    indent(x);
    put(x, "<", 1);
    puts_(x, name);
    x->open[x->depth++] = name; /* the report is 6 deep: see MAX_DEPTH */
    x->in_tag = true;
    x->texted = false;
}

static void end(X *x)
{
    const char *name = x->open[--x->depth];
    if (x->in_tag) {
        put(x, "/>\n", 3);
    } else {
        if (!x->texted)
            indent(x);
        put(x, "</", 2);
        puts_(x, name);
        put(x, ">\n", 2);
    }
    x->in_tag = false;
    x->texted = false;
}

static void attr(X *x, const char *name, const char *value)
{
    put(x, " ", 1);
    puts_(x, name);
    put(x, "=\"", 2);
    escaped(x, value, true);
    put(x, "\"", 1);
}

static void attr_int(X *x, const char *name, long long v)
{
    char buf[24];
    attr(x, name, pool_decimal(buf, v));
}

static void attr_day(X *x, const char *name, int64_t z)
{
    char buf[11];
    date_format(date_from_days(z), buf);
    attr(x, name, buf);
}

static void text(X *x, const char *s)
{
    if (x->in_tag)
        put(x, ">", 1);
    x->in_tag = false;
    x->texted = true;
    escaped(x, s, false);
}

static void element(X *x, const char *name, const char *s)
{
    start(x, name);
    text(x, s);
    end(x);
}

/* Every text of a field kind, one element each with its language. */
static void texts(X *x, const Decl *d, FieldKind k, const char *name)
{
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        const Text *t = f->kind == k ? ast_field_text(f) : NULL;
        if (!t)
            continue;
        start(x, name);
        attr(x, "xml:lang", t->lang ? t->lang : "en");
        text(x, t->str);
        end(x);
    }
}

static void paragraphs(X *x, const Decl *d)
{
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (f->kind != FK_CITES)
            continue;
        for (const ParaRef *p = f->paras; p; p = p->next) {
            start(x, "paragraph");
            char num[24];
            const char *n = pool_decimal(num, p->num);
            attr(x, "eId", p->sub ? arena_cat(x->a, "para_", n, "__point_",
                                              p->sub, (char *)NULL)
                                  : arena_cat(x->a, "para_", n, (char *)NULL));
            attr_int(x, "num", p->num);
            if (p->sub)
                attr(x, "point", p->sub);
            end(x);
        }
    }
}

static const char *entity_name(X *x, const Ident *id)
{
    const Decl *e = wsis_decl_of(x->w, id);
    const Text *t = e && e->kind == DK_ENTITY ? ast_text_in(e, FK_NAME, "en")
                                              : NULL;
    return t ? t->str : id->name;
}

static void entities(X *x, const Ident *ids, const char *name)
{
    for (const Ident *i = ids; i; i = i->next) {
        start(x, name);
        attr(x, "ref", i->name);
        text(x, entity_name(x, i));
        end(x);
    }
}

static void counts(X *x, const int *count, int stale)
{
    for (int s = 0; s < ST__COUNT; s++)
        attr_int(x, status_name((Status)s), count[s]);
    attr_int(x, "stale", stale);
}

static const char *record_status(ProgressStatus s)
{
    static const char *const names[] = {"done", "partly", "not-done",
                                        "in-progress", "not-applicable"};
    return names[s];
}

static void evidence(X *x, const Record *r)
{
    start(x, "evidence");
    attr(x, "status", record_status(r->status));
    char day[11];
    date_format((Date){r->date.y, r->date.m, r->date.d}, day);
    attr(x, "date", day);
    attr(x, "illustrative", r->illustrative ? "true" : "false");
    attr(x, "source", r->source);
    for (uint32_t k = 0; k < r->nrefs; k++)
        element(x, "ref", record_refs(r)[k]->str);
    for (uint32_t k = 0; k < r->nurls; k++)
        element(x, "url", record_urls(r)[k]->str);
    for (uint32_t k = 0; k < r->nnotes; k++) {
        const Text *t = record_notes(r)[k];
        start(x, "note");
        attr(x, "xml:lang", t->lang ? t->lang : "en");
        text(x, t->str);
        end(x);
    }
    end(x);
}

static void obligation(X *x, const ObligationReport *ob)
{
    const Decl *d = ob->item->decl;
    const Field *verb = ast_field_of(d, FK_VERB);
    start(x, "obligation");
    attr(x, "id", d->name);
    attr(x, "verb", verb ? verb->verb->name : "unknown");
    const Decl *vd = verb ? wsis_decl_of(x->w, verb->verb) : NULL;
    const Field *st = vd ? ast_field_of(vd, FK_STRENGTH) : NULL;
    if (st)
        attr_int(x, "strength", st->n1);
    const Field *po = ast_field_of(d, FK_PART_OF);
    if (po)
        attr(x, "part-of", po->names->name);
    const Field *ev = ast_field_of(d, FK_EVERY);
    if (ev) {
        static const char *const units[] = {"day", "week", "month", "year"};
        attr(x, "recurs", ev->recur->interval == 1
                              ? arena_printf(x->a, "every %s",
                                             units[ev->recur->unit])
                              : arena_printf(x->a, "every %d %ss",
                                             ev->recur->interval,
                                             units[ev->recur->unit]));
    }
    paragraphs(x, d);
    if (verb)
        entities(x, verb->names, "actor");
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_TO)
            entities(x, f->names, "recipient");
    texts(x, d, FK_ACTION, "action");
    texts(x, d, FK_ORIGIN, "origin");
    for (int k = 0; k < ob->nocc; k++) {
        const OccStatus *os = &ob->occ[k];
        start(x, "occurrence");
        if (ob->item->recurring && os->occ)
            attr_int(x, "period", os->occ->period);
        if (os->occ && os->occ->has_hi)
            attr_day(x, "due", os->occ->hi);
        if (os->occ && os->occ->has_lo)
            attr_day(x, "earliest", os->occ->lo);
        attr(x, "status", status_name(os->status));
        if (os->status == ST_MET_LATE || os->status == ST_OVERDUE)
            attr_int(x, "days-late", os->days);
        if (os->status == ST_DUE_SOON ||
            (os->status == ST_PENDING && os->occ && os->occ->has_hi))
            attr_int(x, "days-left", os->days);
        if (os->stale)
            attr(x, "stale", "true");
        if (os->occ && os->occ->rule)
            element(x, "rule", os->occ->rule);
        for (int e = 0; e < os->nevidence; e++)
            evidence(x, os->evidence[e]);
        end(x);
    }
    end(x);
}

static void event(X *x, const SchedItem *it, int64_t as_of)
{
    const Decl *d = it->decl;
    start(x, "event");
    attr(x, "id", d->name);
    attr_day(x, "start", it->start);
    attr_day(x, "end", it->end);
    attr(x, "when", it->end < as_of ? "past"
                    : it->start > as_of ? "coming" : "current");
    paragraphs(x, d);
    texts(x, d, FK_TITLE, "title");
    texts(x, d, FK_AT, "place");
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_HOSTS)
            entities(x, f->names, "host");
    end(x);
}

static void groups(X *x, const char *name, const Rollup *g, int n)
{
    start(x, name);
    for (int i = 0; i < n; i++) {
        start(x, "group");
        attr(x, "key", g[i].key);
        counts(x, g[i].count, g[i].stale);
        end(x);
    }
    end(x);
}

static void resolution(X *x)
{
    const Decl *r = x->w->resolution;
    if (!r)
        return;
    start(x, "resolution");
    attr(x, "id", r->name);
    const Field *sym = ast_field_of(r, FK_SYMBOL);
    attr(x, "symbol", sym ? sym->text->str : r->name);
    const Field *body = ast_field_of(r, FK_BODY);
    if (body)
        attr(x, "body", body->names->name);
    const Field *ad = ast_field_of(r, FK_ADOPTED);
    if (ad && !ad->dates->d1.bad) {
        attr(x, "adopted", arena_printf(x->a, "%04d-%02d-%02d", ad->dates->d1.y,
                                        ad->dates->d1.m, ad->dates->d1.d));
        if (ad->meeting)
            attr(x, "meeting", ad->meeting->str);
    }
    texts(x, r, FK_TITLE, "title");
    if (body) {
        start(x, "body-name");
        attr(x, "xml:lang", "en");
        text(x, entity_name(x, body->names));
        end(x);
    }
    end(x);
}

/* ------------------------------------------------------------------ */
/* Obligations on threads (pool.h) */

/* With w->jobs > 1 and this many obligations or more, in chunks of
   POOL_CHUNK: an obligation's element reads the tree, the schedule and the
   report, and writes only into the thread's own buffer and arena.  Every
   element leaves the writer as it found it (at the same depth, no start
   tag open), so each chunk starts from the state after the first. */
enum { POOL_CHUNK = 2048, POOL_FROM = 4 * POOL_CHUNK };

typedef struct PoolXml {
    const X *x;            /* after the first obligation */
    const ObligationReport *obl;    /* the rest */
} PoolXml;

typedef struct Formatter {
    X x;
    const ObligationReport *obl;
} Formatter;

static void *formatter_start(void *proto, Arena *a, PoolBuf *out)
{
    const PoolXml *px = proto;
    Formatter *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->x = *px->x;
    f->x.out = NULL;
    f->x.buf = out;
    f->x.own = (PoolBuf){NULL, 0, 0};
    f->x.a = a;
    f->obl = px->obl;
    return f;
}

static void obligations(X *x, const ObligationReport *obl, size_t from,
                        size_t to)
{
    /* Each element's strings are dropped once it is written. */
    for (size_t i = from; i < to; i++) {
        ArenaMark m = arena_mark(x->a);
        obligation(x, &obl[i]);
        arena_release(x->a, m);
    }
}

static void formatter_run(void *ctx, size_t from, size_t to)
{
    Formatter *f = ctx;
    obligations(&f->x, f->obl, from, to);
}

static void formatter_stop(void *ctx)
{
    free(ctx);
}

static void free_own(void *ud)
{
    X *x = ud;
    free(x->own.p);
    x->own.p = NULL;
}

WsisStatus emit_xml(Wsis *w, FILE *out, const WsisReportOptions *opt)
{
    if (!w->scheduled)
        return WSIS_ESPEC;
    Report *rp = report_build(w, opt);
    X x = {.out = out, .a = w->arena, .w = w};
    x.buf = &x.own;
    arena_push_cleanup(x.a, free_own, &x);
    poolbuf_reserve(x.buf, 2 * OUT_BUF, x.a);  /* once, not doubling up */
    puts_(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    start(&x, "report");
    attr(&x, "xmlns", "urn:wsisc:report:1");
    attr(&x, "generator", "wsisc " WSISC_VERSION);
    attr_day(&x, "as-of", rp->as_of);
    attr_int(&x, "window", rp->window);
    attr_int(&x, "stale-after", rp->stale_days);
    resolution(&x);
    start(&x, "summary");
    attr_int(&x, "obligations", rp->nobl);
    attr_int(&x, "occurrences", rp->occurrences);
    counts(&x, rp->total, rp->stale);
    end(&x);
    start(&x, "obligations");
    size_t nobl = (size_t)rp->nobl, first = nobl ? 1 : 0;
    obligations(&x, rp->obl, 0, first);     /* closes <obligations> */
    flush(&x);
    PoolXml px = {&x, rp->obl + first};
    PoolSpec ps = {nobl - first, POOL_CHUNK, nobl < POOL_FROM ? 1 : w->jobs,
                   out, &px, formatter_start, formatter_run, formatter_stop};
    PoolResult done = pool_write(&ps);
    if (done == POOL_OOM)
        arena_oom(x.a);
    if (done == POOL_NONE)
        obligations(&x, rp->obl, first, nobl);
    end(&x);
    start(&x, "events");
    for (size_t i = 0; i < w->schedule.n; i++) {
        const SchedItem *it = &w->schedule.items[i];
        ArenaMark m = arena_mark(x.a);
        if (it->kind == SK_EVENT && !it->failed)
            event(&x, it, rp->as_of);
        arena_release(x.a, m);
    }
    end(&x);
    start(&x, "rollups");
    groups(&x, "by-actor", rp->by_actor, rp->nactor);
    groups(&x, "by-paragraph", rp->by_paragraph, rp->nparagraph);
    groups(&x, "by-verb", rp->by_verb, rp->nverb);
    end(&x);
    end(&x);
    flush(&x);
    arena_pop_cleanup(x.a);
    free(x.own.p);
    return ferror(out) ? WSIS_EIO : WSIS_OK;
}
