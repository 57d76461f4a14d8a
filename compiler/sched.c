/*
 * sched.c - from deadline rules to dates.
 *
 * Events and sessions give fixed spans of days.  A recurring obligation is
 * expanded period by period, each occurrence's rules evaluated against
 * those spans.  The other obligations are unknowns t_A (the day each is
 * done) under difference constraints t_A - t_B <= w, with a zero node Z for
 * fixed dates: "A before igf_2012" is t_A - Z <= start - 1, "A after B" is
 * t_B - t_A <= -1.  Shortest paths from Z give every deadline; a negative
 * cycle means the rules cannot all hold, and its edges are exactly the
 * chain of rules to show the user.  Before that, a depth-first search of
 * which obligation's rules name which finds dependency cycles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "parts.h"
#include "date.h"
#include "parse.h"

/* Distances beyond this mean "no bound": every day number is far smaller. */
#define NO_BOUND ((int64_t)1 << 40)

/* No fixed bound (Sched.fday): above and below every day. */
#define NO_HI INT32_MAX
#define NO_LO INT32_MIN

/* One difference constraint: t_to - t_from <= w.  Between two unknowns
   in Sched.edges; a fixed bound (from or to Z) is given as one by
   edge_at. */
typedef struct Edge {
    int from, to;
    int64_t w;
    const Field *why;      /* the rule that made it */
    const Decl *owner;     /* the obligation the rule belongs to */
    const char *text;      /* "before igf_2012 (opens 2012-11-06)" */
} Edge;

/* What a rule is anchored to: a fixed span, or another obligation. */
typedef struct Anchor {
    int64_t start, end;
    int var;               /* > 0: the obligation's unknown */
    const char *label;     /* how it reads in rules (may point into buf) */
    char buf[WSIS_MAX_NAME + 32];  /* "session NAME N", a date */
} Anchor;

typedef struct Sched {
    Wsis *w;
    DiagSink *diag;
    Arena *a;              /* what the schedule keeps: items, occurrences */
    Arena *tmp;            /* the solver's scratch, freed when it is done */
    Schedule *s;
    Edge *edges;           /* between unknowns */
    size_t nedges, capedges;
    int nvars;             /* unknowns, Z = 0 included */
    SchedItem **var_item;
    /* Each unknown's fixed bounds, t_v <= fday[2v] and t_v >= fday[2v + 1]
       (NO_HI, NO_LO: none), with the rules that set them in fwhy: nine
       rules in ten count from a date or an event, and these are not
       edges.  apply_vars writes them, each unknown's by the part that has
       it. */
    int32_t *fday;
    struct FixedWhy {
        const Field *why;
        const char *text;
    } *fwhy;
    bool failed_since;     /* fail_item marked an item (not in a part) */
    const Decl **sessions; /* every session declaration with dates */
    int64_t *sess_start;   /* the day each opens, read once */
    size_t nsessions;
    /* Sessions by body and number ("GA 68"), as last looked up: a million
       deadlines name a few dozen sessions. */
    struct SessCache {
        const char *body;
        int number;
        const Decl *sess;
    } sess_cache[64];
    /* Calendars, each read once: a shift rule is per obligation, and
       thousands of obligations name the same calendar. */
    struct CalCache {
        const Decl *decl;
        DateCalendar cal;
    } *cals;
    size_t ncals;
    Occurrence *occ_tmp;   /* MAX_OCCURRENCES, reused by every recurrence */
    /* Rule texts, each kept once: a million deadlines read "by 2015-03-31"
       or "30 days before session CSTD 17 (opens ...)" a few thousand ways. */
    Intern texts;
    bool no_texts;         /* nothing will print them: rule_text gives NULL */
    bool copy_texts;       /* each kept as formatted, not once (see build) */
    struct Part *part;     /* a part on a thread (run_parts), or NULL */
    const struct Solved *solved;   /* the bounds found (place_singles) */
} Sched;

static SchedItem *item_of(Sched *c, const Decl *d)
{
    return d->sched >= 0 ? &c->s->items[d->sched] : NULL;
}

/*
 * A part of a loop over items, run on a thread (run_parts, below) against a
 * copy of the solver with its own sink that only counts, its own arenas,
 * edges and caches.  Other parts read the items and declarations at the
 * same time, so a part writes no declaration and, of an item, only the
 * occurrences of its own (and its unknown's fixed bounds): a session it
 * counts from is noted (mark_used), and an item that fails makes the part
 * dirty instead of being marked.
 */
typedef struct Part {
    Sched c;
    DiagSink quiet;
    jmp_buf oom;
    void (*run)(Sched *c, size_t from, size_t to);
    size_t from, to;
    const Decl **used;     /* sessions counted from, to mark when clean */
    size_t nused, capused;
    const Decl *seen[64];  /* the last few noted, by address */
    bool dirty;            /* reported, failed or ran out of memory */
} Part;

static void mark_used(Sched *c, const Decl *sess)
{
    Part *p = c->part;
    if (!p) {
        ((Decl *)sess)->used = true;
        return;
    }
    const Decl **seen = &p->seen[((uintptr_t)sess >> 6) % 64];
    if (*seen == sess)
        return;
    *seen = sess;
    if (p->nused == p->capused) {
        const Decl **u = arena_grow_array(c->tmp, p->used, &p->capused,
                                          sizeof *u);
        if (!u)
            return;
        p->used = u;
    }
    p->used[p->nused++] = sess;
}

static bool run_parts(Sched *c, void (*run)(Sched *, size_t, size_t),
                      size_t from, size_t to);

/* Marks it failed, or, in a part, the part dirty (see Part). */
static void fail_item(Sched *c, SchedItem *it)
{
    if (c->part) {
        c->part->dirty = true;
    } else {
        it->failed = true;
        c->failed_since = true;
    }
}

/* ------------------------------------------------------------------ */
/* Rule texts */

/*
 * The rule texts' own formatting: %s and %d, which is all they use, into
 * buf (cap bytes, NUL-terminated).  Returns the length, or -1 when the
 * text would not fit or fmt asks for anything else, and vsnprintf then
 * does it.  A million obligations format as many texts; through
 * vsnprintf one took about 800 instructions, here about 150.
 */
static int rule_format(char *buf, size_t cap, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *f = fmt; *f; f++) {
        const char *s = f;
        size_t len = 1;
        char num[12];
        if (*f == '%') {
            f++;
            if (*f == 's') {
                s = va_arg(ap, const char *);
                len = strlen(s);
            } else if (*f == 'd') {
                int v = va_arg(ap, int);
                unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
                char *q = num + sizeof num;
                do
                    *--q = (char)('0' + u % 10);
                while ((u /= 10) != 0);
                if (v < 0)
                    *--q = '-';
                s = q;
                len = (size_t)(num + sizeof num - q);
            } else {
                return -1;
            }
        }
        if (len >= cap - n)
            return -1;
        memcpy(buf + n, s, len);
        n += len;
    }
    buf[n] = '\0';
    return (int)n;
}

/* A rule text, formatted on the stack and kept once (see Sched.texts), or
   as it is (Sched.copy_texts). */
static const char *rule_text(Sched *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *rule_text(Sched *c, const char *fmt, ...)
{
    if (c->no_texts)
        return NULL;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = rule_format(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_start(ap, fmt);
        n = vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
    }
    if (n < 0)
        return "";
    if ((size_t)n >= sizeof buf) {     /* long names: not worth keeping once */
        char *p = arena_alloc(c->a, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        return p;
    }
    if (c->copy_texts)
        return arena_strndup(c->a, buf, (size_t)n);
    return intern(&c->texts, buf, (size_t)n);
}

/* A day as YYYY-MM-DD in buf (11 bytes). */
static const char *day_in(char *buf, int64_t z)
{
    date_format(date_from_days(z), buf);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Fixed spans: sessions and events */

static bool session_span(const Decl *sess, int64_t *start, int64_t *end)
{
    for (const Field *f = sess->fields; f < ast_fields_end(sess); f++) {
        if (f->kind == FK_FROM) {
            *start = ast_days(&f->dates->d1);
            *end = ast_days(&f->dates->d2);
            return true;
        }
        if (f->kind == FK_ON) {
            *start = *end = ast_days(&f->dates->d1);
            return true;
        }
    }
    return false;
}

static void no_session_dates(Sched *c, const Decl *sess, SrcLoc at)
{
    diag_report(c->diag, SEV_ERROR, at, "E0505",
                "session '%s' has no dates to count from", sess->name);
    diag_note(c->diag, sess->name_loc, "give it 'from DATE to DATE' here");
}

/* The session `body number`, if one is declared (check reports it else). */
static const Decl *session_numbered(Sched *c, const Ident *body, int number)
{
    uintptr_t h = ((uintptr_t)body->name >> 4) ^ (uintptr_t)number * 31u;
    struct SessCache *e = &c->sess_cache[h % 64];
    if (e->body == body->name && e->number == number)
        return e->sess;
    char key[WSIS_MAX_NAME + 16];
    snprintf(key, sizeof key, "%s %d", body->name, number);
    const Decl *sess = symtab_get(&c->w->syms, key);
    if (sess && sess->kind != DK_SESSION)
        sess = NULL;
    *e = (struct SessCache){body->name, number, sess};
    return sess;
}

static bool event_span(Sched *c, const Decl *ev, int64_t *start, int64_t *end)
{
    for (const Field *f = ev->fields; f < ast_fields_end(ev); f++) {
        if (f->kind == FK_FROM) {
            *start = ast_days(&f->dates->d1);
            *end = ast_days(&f->dates->d2);
            return true;
        }
        if (f->kind == FK_ON) {
            *start = *end = ast_days(&f->dates->d1);
            return true;
        }
        if (f->kind == FK_DURING) {
            const Point *p = &f->when->at;
            if (p->kind != PT_SESSION || !p->has_number)
                break;
            const Decl *sess = session_numbered(c, p->name, p->number);
            if (!sess)
                return false;     /* reported by check */
            if (session_span(sess, start, end)) {
                ((Decl *)sess)->used = true;
                return true;
            }
            no_session_dates(c, sess, p->loc);
            return false;
        }
    }
    return false;
}

/* The session of body that opens within [from, to], if any. */
static const Decl *session_in(Sched *c, const char *body, int64_t from,
                              int64_t to)
{
    const Decl *best = NULL;
    int64_t best_start = 0;
    for (size_t i = 0; i < c->nsessions; i++) {
        const Decl *d = c->sessions[i];
        int64_t s = c->sess_start[i];
        if (s < from || s > to || strcmp(d->session_body->name, body) != 0)
            continue;
        if (!best || s < best_start) {
            best = d;
            best_start = s;
        }
    }
    return best;
}

/* ------------------------------------------------------------------ */
/* Rules */

/* Adds n units to day z; months and years follow the rounding rule. */
static DateStatus add_units(int64_t z, int64_t n, Unit u, DateRound r,
                            int64_t *out)
{
    Date d = date_from_days(z), res;
    DateStatus st;
    switch (u) {
    case UNIT_DAY: st = date_add_days(d, n, &res); break;
    case UNIT_WEEK: st = date_add_days(d, 7 * n, &res); break;
    case UNIT_MONTH: st = date_add_months(d, n, r, &res); break;
    default: st = date_add_months(d, 12 * n, r, &res); break;
    }
    if (st == DATE_OK)
        *out = date_to_days(res);
    return st;
}

static const char *unit_word(Unit u, int64_t n)
{
    static const char *const one[] = {"day", "week", "month", "year"};
    static const char *const many[] = {"days", "weeks", "months", "years"};
    return n == 1 ? one[u] : many[u];
}

/* Reports a date that n units from `from` cannot give (n is signed). */
static void bad_day(Sched *c, SrcLoc at, int64_t from, int64_t n, Unit u,
                    DateStatus st)
{
    if (st == DATE_NO_SUCH_DAY) {
        Date d = date_from_days(from), to;
        date_add_months(d, u == UNIT_MONTH ? n : 12 * n, DATE_ROUND_DOWN, &to);
        int64_t k = n < 0 ? -n : n;
        diag_report(c->diag, SEV_ERROR, at, "E0506",
                    "%lld %s %s %s is %04d-%02d-%02d, a day that does not "
                    "exist", (long long)k, unit_word(u, k),
                    n < 0 ? "before" : "after", ast_day_text(c->a, from), to.y,
                    to.m, d.d);
        diag_note(c->diag, at, "say which day is meant: 'rounding down' "
                  "gives %04d-%02d-%02d, 'rounding up' the 1st of the next "
                  "month", to.y, to.m, to.d);
    } else {
        diag_report(c->diag, SEV_ERROR, at, "E0505",
                    "this deadline falls outside the years 1 to 9999");
    }
}

static DateRound rounding_of(const Decl *d)
{
    /* ast_field_of answers from the kinds present, most often without
       reading a field: this runs for every rule applied */
    const Field *f = ast_field_of(d, FK_ROUNDING);
    if (!f)
        return DATE_EXACT;
    return strcmp(f->names->name, "up") == 0 ? DATE_ROUND_UP
                                             : DATE_ROUND_DOWN;
}

/* A recurrence's k-th period, as the days it covers. */
typedef struct Period {
    int k;
    int label;             /* the year, for yearly recurrences */
    int64_t start, end;
    int64_t shift_n;       /* how far fixed dates move: k * interval */
    Unit unit;
} Period;

/*
 * Resolves what a rule is anchored to.  Fixed dates in a recurrence move
 * with the period; `session BODY` without a number is the body's session
 * in the period.  Reports and returns false when it cannot be resolved.
 */
static bool anchor_of(Sched *c, const Decl *owner, const Point *p,
                      const Period *per, Anchor *out)
{
    out->start = out->end = 0;
    out->var = 0;
    out->label = "";           /* dates and sessions: read by texts only */
    out->buf[0] = '\0';
    DateRound r = rounding_of(owner);
    switch (p->kind) {
    case PT_DATE: {
        int64_t z = ast_days(&p->date);
        if (per && per->shift_n) {
            DateStatus st = add_units(z, per->shift_n, per->unit, r, &z);
            if (st != DATE_OK) {
                bad_day(c, p->loc, ast_days(&p->date), per->shift_n,
                        per->unit, st);
                return false;
            }
        }
        out->start = out->end = z;
        if (!c->no_texts)
            out->label = day_in(out->buf, z);
        return true;
    }
    case PT_NAME: {
        const Decl *d = wsis_decl_of(c->w, p->name);
        SchedItem *it = d ? item_of(c, d) : NULL;
        if (!it || it->failed)
            return false;
        if (it->kind == SK_EVENT) {
            out->start = it->start;
            out->end = it->end;
            out->label = d->name;
            return true;
        }
        if (it->recurring || per) {
            diag_report(c->diag, SEV_ERROR, p->loc, "E0505",
                        "'%s' cannot be counted from %s'%s'", owner->name,
                        it->recurring ? "the recurring obligation " : "",
                        d->name);
            if (it->recurring)
                diag_note(c->diag, p->loc, "'%s' falls due more than once; "
                          "count from the date, event or session it is "
                          "counted from", d->name);
            else
                diag_note(c->diag, p->loc, "a recurring obligation's "
                          "occurrences are counted from dates, events and "
                          "sessions; name one of those");
            return false;
        }
        out->var = it->var;
        out->label = d->name;
        return true;
    }
    case PT_SESSION:
        break;
    }
    const Decl *sess = NULL;
    if (p->has_number) {
        sess = session_numbered(c, p->name, p->number);
        if (!sess)
            return false;          /* reported by check */
    } else if (per) {
        sess = session_in(c, p->name->name, per->start, per->end);
        if (!sess) {
            diag_report(c->diag, SEV_ERROR, p->loc, "E0505",
                        "no session of %s opens between %s and %s, for the "
                        "occurrence %d of '%s'", p->name->name,
                        ast_day_text(c->a, per->start), ast_day_text(c->a, per->end),
                        per->label, owner->name);
            diag_note(c->diag, p->loc, "declare it, as in 'session %s N { "
                      "from DATE to DATE }', or end the recurrence sooner",
                      p->name->name);
            return false;
        }
    } else {
        diag_report(c->diag, SEV_ERROR, p->loc, "E0505",
                    "which session of %s? only a recurring obligation can "
                    "mean each year's", p->name->name);
        diag_note(c->diag, p->loc, "give its number, as in 'session %s 16'",
                  p->name->name);
        return false;
    }
    if (!session_span(sess, &out->start, &out->end)) {
        no_session_dates(c, sess, p->loc);
        return false;
    }
    mark_used(c, sess);
    if (!c->no_texts) {
        snprintf(out->buf, sizeof out->buf, "session %s", sess->name);
        out->label = out->buf;
    }
    return true;
}

/* One bound on an occurrence, with the rule that set it. */
typedef struct Bounds {
    bool has_lo, has_hi;
    int64_t lo, hi;
    const Field *lo_why, *hi_why;
    const char *lo_text, *hi_text;
} Bounds;

static void tighten_hi(Bounds *b, int64_t v, const Field *why,
                       const char *text)
{
    if (!b->has_hi || v < b->hi) {
        b->has_hi = true;
        b->hi = v;
        b->hi_why = why;
        b->hi_text = text;
    }
}

static void tighten_lo(Bounds *b, int64_t v, const Field *why,
                       const char *text)
{
    if (!b->has_lo || v > b->lo) {
        b->has_lo = true;
        b->lo = v;
        b->lo_why = why;
        b->lo_text = text;
    }
}

static void add_edge(Sched *c, int from, int to, int64_t w, const Field *why,
                     const Decl *owner, const char *text)
{
    if (c->nedges == c->capedges) {
        /* realloc, not the scratch arena: an arena keeps every smaller
           copy a doubling array leaves behind (40 MiB of 80 at a million
           obligations); a large realloc moves pages, not bytes */
        Edge *e = arena_grow_array(c->a, c->edges, &c->capedges, sizeof *e);
        if (!e)
            return;             /* the arena's cleanups free c->edges */
        c->edges = e;
    }
    Edge e = {from, to, w, why, owner, text};
    c->edges[c->nedges++] = e;
}

/*
 * Applies one `due` rule.  Against a fixed anchor it tightens b; against
 * another obligation's unknown it adds an edge (only outside recurrences).
 * Returns false when the rule could not be resolved (already reported).
 */
static bool apply_due(Sched *c, const Decl *owner, const Field *f,
                      const Period *per, Bounds *b, int self)
{
    const When *wh = f->when;
    Anchor an;
    if (!anchor_of(c, owner, &wh->at, per, &an))
        return false;
    if (an.var > 0) {
        switch (wh->kind) {
        case WHEN_BY:
            add_edge(c, an.var, self, 0, f, owner,
                     rule_text(c, "by '%s'", an.label));
            return true;
        case WHEN_BEFORE:
            add_edge(c, an.var, self, -1, f, owner,
                     rule_text(c, "before '%s'", an.label));
            return true;
        case WHEN_AFTER:
            add_edge(c, self, an.var, -1, f, owner,
                     rule_text(c, "after '%s'", an.label));
            return true;
        case WHEN_OFFSET:
            if (wh->unit == UNIT_DAY || wh->unit == UNIT_WEEK) {
                int64_t n = (int64_t)wh->amount *
                            (wh->unit == UNIT_WEEK ? 7 : 1);
                add_edge(c, an.var, self, wh->before ? -n : n, f, owner,
                         rule_text(c, "%d %s %s '%s'", wh->amount,
                                      unit_word(wh->unit, wh->amount),
                                      wh->before ? "before" : "after",
                                      an.label));
                return true;
            }
            diag_report(c->diag, SEV_ERROR, f->loc, "E0505",
                        "%s are counted from a date, not from the "
                        "obligation '%s'", unit_word(wh->unit, 2), an.label);
            diag_note(c->diag, f->loc, "count in days or weeks, or from the "
                      "event or date that '%s' depends on", an.label);
            return false;
        default:
            return false;      /* `during` and `on` take no obligations */
        }
    }
    /* The first and last days, for the rule's text: each formatted only
       where the text reads it (a million rules read one or the other). */
    char b0[11] = "", b1[11] = "";
    bool texts = !c->no_texts;
    const char *s0 = b0, *s1 = b1;
    bool span = an.start != an.end;
    switch (wh->kind) {
    case WHEN_BY:
        if (texts && (span || wh->at.kind != PT_DATE))
            day_in(b0, an.start);
        tighten_hi(b, an.start, f, span || wh->at.kind != PT_DATE
                   ? rule_text(c, "by %s (opens %s)", an.label, s0)
                   : rule_text(c, "by %s", an.label));
        break;
    case WHEN_ON:
        if (texts)
            day_in(b0, an.start);
        tighten_hi(b, an.start, f, rule_text(c, "on %s", s0));
        tighten_lo(b, an.start, f, rule_text(c, "on %s", s0));
        break;
    case WHEN_BEFORE: {
        if (texts)
            day_in(b0, an.start);
        const char *t = wh->at.kind == PT_DATE
                            ? rule_text(c, "before %s", s0)
                            : rule_text(c, "before %s (opens %s)",
                                           an.label, s0);
        tighten_hi(b, an.start - 1, f, t);
        break;
    }
    case WHEN_AFTER: {
        if (texts)
            day_in(b1, an.end);
        const char *t = wh->at.kind == PT_DATE
                            ? rule_text(c, "after %s", s1)
                            : rule_text(c, "after %s (closes %s)",
                                           an.label, s1);
        tighten_lo(b, an.end + 1, f, t);
        break;
    }
    case WHEN_DURING: {
        if (texts) {
            day_in(b0, an.start);
            day_in(b1, an.end);
        }
        const char *t = rule_text(c, "during %s (%s to %s)", an.label,
                                     s0, s1);
        tighten_lo(b, an.start, f, t);
        tighten_hi(b, an.end, f, t);
        break;
    }
    case WHEN_OFFSET: {
        int64_t from = wh->before ? an.start : an.end, z;
        DateStatus st = add_units(from, wh->before ? -(int64_t)wh->amount
                                                   : wh->amount,
                                  wh->unit, rounding_of(owner), &z);
        if (st != DATE_OK) {
            bad_day(c, f->loc, from, wh->before ? -(int64_t)wh->amount
                                                : wh->amount,
                    wh->unit, st);
            return false;
        }
        if (texts && (wh->at.kind == PT_DATE || wh->before))
            day_in(b0, an.start);
        else if (texts)
            day_in(b1, an.end);
        const char *t =
            wh->at.kind == PT_DATE
                ? rule_text(c, "%d %s %s %s", wh->amount,
                               unit_word(wh->unit, wh->amount),
                               wh->before ? "before" : "after", s0)
                : rule_text(c, "%d %s %s %s (%s %s)", wh->amount,
                               unit_word(wh->unit, wh->amount),
                               wh->before ? "before" : "after", an.label,
                               wh->before ? "opens" : "closes",
                               wh->before ? s0 : s1);
        tighten_hi(b, z, f, t);
        break;
    }
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Days off */

static bool calendar_of(Sched *c, const Field *shift, DateCalendar *cal)
{
    memset(cal, 0, sizeof *cal);
    cal->weekend = (1u << 5) | (1u << 6);
    if (!shift->names)
        return true;
    const Decl *d = wsis_decl_of(c->w, shift->names);
    if (!d || d->kind != DK_CALENDAR)
        return false;
    /* A spec names a handful of calendars: a short list is enough. */
    for (size_t i = 0; i < c->ncals; i++)
        if (c->cals[i].decl == d) {
            *cal = c->cals[i].cal;
            return true;
        }
    size_t n = 0;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (f->kind == FK_WEEKEND) {
            cal->weekend = 0;
            for (const Ident *i = f->names; i; i = i->next)
                if (weekday_bit(i->name) >= 0)
                    cal->weekend |= 1u << weekday_bit(i->name);
        } else if (f->kind == FK_HOLIDAY) {
            n++;
        }
    }
    int64_t *h = arena_alloc(c->tmp, (n ? n : 1) * sizeof *h);
    size_t k = 0;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_HOLIDAY)
            h[k++] = ast_days(&f->dates->d1);
    /* insertion sort: calendars hold tens of days */
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && h[j - 1] > h[j]; j--) {
            int64_t t = h[j];
            h[j] = h[j - 1];
            h[j - 1] = t;
        }
    cal->holidays = h;
    cal->nholidays = k;
    if ((c->ncals & (c->ncals + 1)) == 0) { /* 0, 1, 3, 7, ...: grow */
        struct CalCache *more =
            arena_alloc(c->tmp, 2 * (c->ncals + 1) * sizeof *more);
        if (c->ncals)
            memcpy(more, c->cals, c->ncals * sizeof *more);
        c->cals = more;
    }
    c->cals[c->ncals].decl = d;
    c->cals[c->ncals].cal = *cal;
    c->ncals++;
    return true;
}

/* Moves a deadline that falls on a day off, as `shift` says. */
static void shift_deadline(Sched *c, const SchedItem *it, Occurrence *oc)
{
    if (!it->shifted || !oc->has_hi)   /* most have none */
        return;
    const Field *sh = NULL;
    const Decl *o = it->decl;
    for (const Field *f = o->fields; f < ast_fields_end(o); f++)
        if (f->kind == FK_SHIFT)
            sh = f;
    DateCalendar cal;
    int64_t z;
    if (!calendar_of(c, sh, &cal))
        return;
    if (!date_shift(&cal, oc->hi, !sh->before, &z)) {
        diag_report(c->diag, SEV_ERROR, sh->loc, "E0505",
                    "no working day within a year of %s",
                    ast_day_text(c->a, oc->hi));
        return;
    }
    if (z != oc->hi) {
        char b[11];
        oc->rule = rule_text(c, "%s, moved off %s to the %s working day",
                             oc->rule ? oc->rule : "deadline",
                             day_in(b, oc->hi),
                             sh->before ? "previous" : "next");
        oc->hi = z;
    }
}

/* ------------------------------------------------------------------ */
/* Recurring obligations */

static void infeasible_pair(Sched *c, const Decl *o, const Bounds *b,
                            const char *which)
{
    diag_report(c->diag, SEV_ERROR, b->hi_why->loc, "E0502",
                "the deadlines of '%s'%s cannot all hold: due by %s but not "
                "before %s", o->name, which, ast_day_text(c->a, b->hi),
                ast_day_text(c->a, b->lo));
    diag_note(c->diag, b->hi_why->loc, "'%s' is due %s", o->name,
              b->hi_text);
    diag_note(c->diag, b->lo_why->loc, "'%s' is due %s", o->name,
              b->lo_text);
}

enum { MAX_OCCURRENCES = 1000, OPEN_ENDED_OCCURRENCES = 10 };

static void expand_recurring(Sched *c, SchedItem *it)
{
    const Decl *o = it->decl;
    const Field *ev = ast_field_of(o, FK_EVERY);
    const Recur *r = ev->recur;
    const Schedule *s = c->s;
    /* The first period: `from`, else the year of adoption. */
    int64_t first;
    bool yearly = r->unit == UNIT_YEAR;
    if (r->from.present) {
        Date d = {r->from.date.y, r->from.year_only ? 1 : r->from.date.m,
                  r->from.year_only ? 1 : r->from.date.d};
        first = date_to_days(d);
    } else if (s->has_adoption) {
        Date d = date_from_days(s->adoption);
        if (yearly) {
            d.m = 1;
            d.d = 1;
        }
        first = date_to_days(d);
    } else {
        diag_report(c->diag, SEV_ERROR, ev->loc, "E0505",
                    "'%s' recurs, but from when? there is no adoption date "
                    "to start at", o->name);
        fail_item(c, it);
        return;
    }
    int64_t last = NO_BOUND;
    if (r->until.present) {
        Date d = {r->until.date.y, r->until.year_only ? 12 : r->until.date.m,
                  r->until.year_only ? 31 : r->until.date.d};
        last = date_to_days(d);
    }
    /* Expanded into a scratch array, then copied at its real size. */
    if (!c->occ_tmp)
        c->occ_tmp = arena_alloc(c->tmp, MAX_OCCURRENCES * sizeof *c->occ_tmp);
    Occurrence *occ = c->occ_tmp;
    int n = 0;
    /* where period k starts: period k - 1's next, once there is one */
    int64_t start = 0;
    DateStatus start_st = add_units(first, 0, r->unit, DATE_ROUND_DOWN,
                                    &start);
    for (int k = 0;; k++) {
        if (r->until.present ? false : k >= OPEN_ENDED_OCCURRENCES)
            break;
        if (k >= MAX_OCCURRENCES) {
            diag_report(c->diag, SEV_ERROR, ev->loc, "E0505",
                        "'%s' recurs more than %d times", o->name,
                        MAX_OCCURRENCES);
            fail_item(c, it);
            return;
        }
        Period p = {k, 0, start, 0, (int64_t)k * r->interval, r->unit};
        if (start_st != DATE_OK || p.start > last)
            break;
        int64_t next;
        start_st = add_units(first, p.shift_n + r->interval, r->unit,
                             DATE_ROUND_DOWN, &next);
        if (start_st != DATE_OK)
            next = DATE_MAX_DAYS + 1;
        start = next;
        p.end = next - 1;
        p.label = yearly ? date_from_days(p.start).y : k + 1;
        Bounds b = {0};
        bool ok = true;
        for (const Field *f = o->fields; f < ast_fields_end(o); f++)
            if (f->kind == FK_DUE)
                ok &= apply_due(c, o, f, &p, &b, 0);
        if (!ok) {
            fail_item(c, it);
            return;
        }
        if (!b.has_hi) {
            b.has_hi = true;
            b.hi = p.end;
            b.hi_why = ev;
            char e[11] = "";
            if (!c->no_texts)
                day_in(e, p.end);
            b.hi_text = rule_text(c, "by the end of the period (%s)", e);
        }
        if (b.has_lo && b.lo > b.hi) {
            infeasible_pair(c, o, &b, arena_printf(c->a, " in %d", p.label));
            fail_item(c, it);
            return;
        }
        Occurrence *oc = &occ[n++];
        oc->index = k;
        oc->period = p.label;
        oc->has_lo = b.has_lo;
        oc->lo = b.lo;
        oc->has_hi = true;
        oc->hi = b.hi;
        oc->rule = b.hi_text;
        oc->why = b.hi_why;
        shift_deadline(c, it, oc);
    }
    it->occ = arena_alloc(c->a, (n ? (size_t)n : 1) * sizeof *occ);
    memcpy(it->occ, occ, (size_t)n * sizeof *occ);
    it->nocc = n;
}

/* ------------------------------------------------------------------ */
/* Dependency cycles among obligations */

/* The obligation a `due` rule names, if any. */
static const Decl *names_obligation(Sched *c, const Field *f)
{
    if (f->kind != FK_DUE || f->when->at.kind != PT_NAME)
        return NULL;
    const Decl *d = wsis_decl_of(c->w, f->when->at.name);
    return d && d->kind == DK_OBLIGATION ? d : NULL;
}

typedef struct Frame {
    SchedItem *it;
    const Field *next;     /* the rule being followed */
    const Field *via;      /* the rule that led here from the frame below */
    int k;                 /* the next edge to follow (find_cycles) */
} Frame;

static void report_cycle(Sched *c, Frame *stack, int top, int from)
{
    /* Name the members in the order of the cycle, starting where it was
       entered, and point at each rule that closes a step. */
    StrBuf names;
    sb_init(&names, c->a);
    for (int i = from; i <= top; i++)
        sb_addf(&names, "%s'%s'",
                i == from ? "" : i == top ? " and " : ", ",
                stack[i].it->decl->name);
    const Field *closing = stack[top].next;
    diag_report(c->diag, SEV_ERROR, closing->loc, "E0501",
                "the deadlines of %s depend on each other in a cycle",
                names.p);
    for (int i = from; i <= top; i++) {
        const Field *rule = i < top ? stack[i + 1].via : closing;
        const Decl *to = i < top ? stack[i + 1].it->decl
                                 : stack[from].it->decl;
        diag_note(c->diag, rule->loc, "'%s' is due %s '%s'",
                  stack[i].it->decl->name,
                  rule->when->kind == WHEN_BEFORE ? "before"
                  : rule->when->kind == WHEN_AFTER ? "after"
                  : rule->when->kind == WHEN_BY ? "by"
                  : "counting from", to->name);
    }
    for (int i = from; i <= top; i++)
        stack[i].it->failed = true;
}

/* Below this, a thread costs more than it saves. */
enum { SCHED_SPLIT_FROM = 20000 };

/* A rule of an obligation that counts from another obligation: an edge of
   the graph the cycle search walks, from item src to item to. */
typedef struct Dep {
    int src, to;
    const Field *via;
} Dep;

/* The edges out of the items [from, to) with deps, by item and, within one,
   in the order of its fields (malloc'd: a part's, on a thread). */
typedef struct DepPart {
    Sched *c;
    size_t from, to;
    Dep *d;
    size_t n, cap;
    bool oom;
} DepPart;

static void *deps_part(void *arg)
{
    DepPart *p = arg;
    const SchedItem *items = p->c->s->items;
    for (size_t i = p->from; i < p->to && !p->oom; i++) {
        if (items[i].kind != SK_OBLIGATION || !items[i].deps)
            continue;
        const Decl *d = items[i].decl;
        for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
            const Decl *to = names_obligation(p->c, f);
            if (!to)
                continue;
            if (p->n == p->cap) {
                size_t cap = p->cap ? 2 * p->cap : 1024;
                Dep *more = realloc(p->d, cap * sizeof *more);
                if (!more) {
                    p->oom = true;
                    break;
                }
                p->d = more;
                p->cap = cap;
            }
            p->d[p->n++] = (Dep){(int)i, to->sched, f};
        }
    }
    return NULL;
}

static void free_deps(void *ud)
{
    DepPart *p = ud;
    for (int k = 0; k < 2; k++)
        free(p[k].d);
}

/*
 * Iterative depth-first search: deep chains must not exhaust the stack.
 * The edges are found first, on two threads past SCHED_SPLIT_FROM items
 * (each follows its rules to the obligations they name: a chain of cache
 * misses per rule, which on one thread took 0.05 s at a million
 * obligations while the other CPU waited); the search then walks them,
 * from each obligation that has any, in the order of the items, each
 * one's in the order of its rules, as walking the fields did.  Its
 * stack, and the edges, are freed as soon as it ends, not with the
 * scratch arena: the solver after it is when memory peaks.
 */
static void find_cycles(Sched *c)
{
    Schedule *s = c->s;
    DepPart part[2] = {{c, 0, s->n, NULL, 0, 0, false},
                       {c, s->n, s->n, NULL, 0, 0, false}};
    arena_push_cleanup(c->a, free_deps, part);
    if (c->w->jobs >= 2 && s->n >= SCHED_SPLIT_FROM) {
        part[0].to = part[1].from = s->n / 2;
        if (!parts_run(part, sizeof *part, 2, deps_part)) {
            free(part[1].d);
            part[1] = (DepPart){c, s->n, s->n, NULL, 0, 0, false};
            part[0].to = s->n;
            part[0].n = 0;
            part[0].oom = false;
            deps_part(&part[0]);
        }
    } else {
        deps_part(&part[0]);
    }
    if (part[0].oom || part[1].oom) {
        arena_oom(c->a);
        return;
    }
    size_t nd = part[0].n + part[1].n;
    Dep *dep = arena_alloc(c->tmp, (nd ? nd : 1) * sizeof *dep);
    if (part[0].n)      /* (a part that found none has no array) */
        memcpy(dep, part[0].d, part[0].n * sizeof *dep);
    if (part[1].n)
        memcpy(dep + part[0].n, part[1].d, part[1].n * sizeof *dep);
    arena_pop_cleanup(c->a);
    free_deps(part);
    /* each item's edges: dep[first[i] .. first[i + 1]) */
    int *first = arena_alloc(c->tmp, (s->n + 1) * sizeof *first);
    for (size_t k = 0; k < nd; k++)
        first[dep[k].src + 1]++;
    for (size_t i = 0; i < s->n; i++)
        first[i + 1] += first[i];
    /* 0 not reached, 1 on the stack, 2 done */
    unsigned char *mark = arena_alloc(c->tmp, s->n ? s->n : 1);
    /* at most every item with an edge out, and the one it reaches last */
    Frame *stack = malloc((nd + 2) * sizeof *stack);
    if (!stack) {
        arena_oom(c->a);
        return;
    }
    arena_push_cleanup(c->a, free, stack);
    for (size_t k = 0; k < nd; k++) {
        int r = dep[k].src;
        if (mark[r])
            continue;
        int top = 0;
        stack[0] = (Frame){&s->items[r], NULL, NULL, first[r]};
        mark[r] = 1;
        while (top >= 0) {
            Frame *fr = &stack[top];
            int u = (int)(fr->it - s->items);
            if (fr->k == first[u + 1]) {
                mark[u] = 2;
                top--;
                continue;
            }
            const Dep *e = &dep[fr->k++];
            fr->next = e->via;      /* the rule followed: report_cycle */
            SchedItem *to = &s->items[e->to];
            if (mark[e->to] == 1) {
                int from = top;
                while (from > 0 && stack[from].it != to)
                    from--;
                if (!fr->it->failed && !to->failed)
                    report_cycle(c, stack, top, from);
            }
            if (mark[e->to] == 0) {
                /* one with no edge out is done at once */
                mark[e->to] = first[e->to] == first[e->to + 1] ? 2 : 1;
                if (mark[e->to] == 1)
                    stack[++top] = (Frame){to, NULL, e->via, first[e->to]};
            }
        }
    }
    arena_pop_cleanup(c->a);
    free(stack);
}

/* ------------------------------------------------------------------ */
/* The constraint solver */

/*
 * Unknowns are 1..n-1 (0 is Z).  Fixed bounds are kept per unknown
 * (Sched.fday, with the rules that set them); the edges between unknowns
 * form a graph whose strongly connected components are found first.  A
 * negative cycle can only lie inside a component, so Bellman-Ford runs
 * there alone; bounds then flow through the components in topological
 * order, which keeps a long chain of "after" rules linear.  A chain
 * through fixed dates that cannot hold shows as lo > hi on some unknown.
 */
typedef struct Solver {
    Sched *c;
    int n;                 /* unknowns, Z included */
    int *fstart, *forder;  /* edges by source */
    int *rstart, *rorder;  /* edges by target */
    int *comp;             /* component of each unknown */
    int *comps;            /* unknowns grouped by component, topological */
    int *cstart;           /* where each component starts in comps */
    int ncomp;
} Solver;

#define INF ((int64_t)1 << 50)

/*
 * Edges by number: those between unknowns are Sched.edges[id], id >= 0;
 * an unknown's fixed bounds are numbered below -1 (-1 is none), as the
 * edges from Z (t_v - Z <= hi) and to Z (Z - t_v <= -lo) they stand for.
 * edges is the solver's Sched.edges (a part has edges of its own).
 */
static int fixed_hi(int v)
{
    return -2 - 2 * v;
}

static int fixed_lo(int v)
{
    return -3 - 2 * v;
}

static Edge edge_at(const Sched *c, const Edge *edges, int id)
{
    if (id >= 0)
        return edges[id];
    int k = -2 - id, v = k / 2;
    const struct FixedWhy *fw = &c->fwhy[k];
    const Decl *owner = c->var_item[v]->decl;
    if (k % 2 == 0)
        return (Edge){0, v, c->fday[k], fw->why, owner, fw->text};
    return (Edge){v, 0, -(int64_t)c->fday[k], fw->why, owner, fw->text};
}

static void *sv_alloc(Solver *v, size_t n, size_t size)
{
    return arena_alloc(v->c->tmp, (n ? n : 1) * size);
}

/* Edges between two unknowns, grouped by source or by target. */
static void csr(const Solver *v, bool reverse, int *st, int *ord, int *fill)
{
    const Sched *c = v->c;
    for (size_t e = 0; e < c->nedges; e++) {
        const Edge *ed = &c->edges[e];
        st[(reverse ? ed->to : ed->from) + 1]++;
    }
    for (int i = 0; i < v->n; i++)
        st[i + 1] += st[i];
    for (size_t e = 0; e < c->nedges; e++) {
        const Edge *ed = &c->edges[e];
        int u = reverse ? ed->to : ed->from;
        ord[st[u] + fill[u]++] = (int)e;
    }
}

/* Tarjan's algorithm without recursion; components come out in reverse
   topological order and are stored the other way round.  An unknown with
   no edge to or from another (nine in ten: most deadlines count from a
   date or an event) is a component of its own that nothing reaches and
   that reaches nothing: its bounds are its fixed ones, so it is left out
   (nothing reads its comp), and the others come out in the same order as
   with it. */
static void components(Solver *v)
{
    int n = v->n;
    /* The unknowns with an edge, in order, numbered from 0 (lid), so that
       the search's arrays are as long as they are, not as every unknown:
       at a million obligations one in five has an edge. */
    int m = 0;
    for (int u = 1; u < n; u++)
        m += v->fstart[u] != v->fstart[u + 1] ||
             v->rstart[u] != v->rstart[u + 1];
    int *node = sv_alloc(v, (size_t)m, sizeof *node);
    int *lid = sv_alloc(v, (size_t)n, sizeof *lid);
    for (int u = 1, k = 0; u < n; u++)
        if (v->fstart[u] != v->fstart[u + 1] ||
            v->rstart[u] != v->rstart[u + 1]) {
            lid[u] = k;
            node[k++] = u;
        }
    /* by local number, but stack, call and rev, which hold unknowns */
    int *index = sv_alloc(v, (size_t)m, sizeof *index);
    int *low = sv_alloc(v, (size_t)m, sizeof *low);
    int *stack = sv_alloc(v, (size_t)m, sizeof *stack);
    bool *on = sv_alloc(v, (size_t)m, sizeof *on);
    int *call = sv_alloc(v, (size_t)m, sizeof *call);   /* dfs stack */
    int *next = sv_alloc(v, (size_t)m, sizeof *next);   /* edge cursor */
    int *rev = sv_alloc(v, (size_t)m, sizeof *rev);     /* emitted */
    int *revc = sv_alloc(v, (size_t)m + 1, sizeof *revc);
    /* only read for unknowns with an edge (relax, component_cycle) */
    v->comp = sv_alloc(v, (size_t)n, sizeof *v->comp);
    int counter = 1, sp = 0, nemit = 0, ncomp = 0;
    for (int r = 0; r < m; r++) {
        if (index[r])
            continue;
        int root = node[r];
        int top = 0;
        call[0] = root;
        index[r] = low[r] = counter++;
        next[r] = v->fstart[root];
        stack[sp++] = root;
        on[r] = true;
        while (top >= 0) {
            int u = call[top], lu = lid[u];
            if (next[lu] < v->fstart[u + 1]) {
                int w = v->c->edges[v->forder[next[lu]++]].to, lw = lid[w];
                if (!index[lw]) {
                    index[lw] = low[lw] = counter++;
                    next[lw] = v->fstart[w];
                    stack[sp++] = w;
                    on[lw] = true;
                    call[++top] = w;
                } else if (on[lw] && index[lw] < low[lu]) {
                    low[lu] = index[lw];
                }
                continue;
            }
            if (low[lu] == index[lu]) {
                revc[ncomp++] = nemit;
                int w;
                do {
                    w = stack[--sp];
                    on[lid[w]] = false;
                    rev[nemit++] = w;
                } while (w != u);
            }
            top--;
            if (top >= 0 && low[lu] < low[lid[call[top]]])
                low[lid[call[top]]] = low[lu];
        }
    }
    revc[ncomp] = nemit;
    /* reverse the order of the components: sources first */
    v->comps = sv_alloc(v, (size_t)m, sizeof *v->comps);
    v->cstart = sv_alloc(v, (size_t)ncomp + 1, sizeof *v->cstart);
    int k = 0;
    for (int i = ncomp - 1; i >= 0; i--) {
        v->cstart[ncomp - 1 - i] = k;
        for (int j = revc[i]; j < revc[i + 1]; j++) {
            v->comps[k++] = rev[j];
            v->comp[rev[j]] = ncomp - 1 - i;
        }
    }
    v->cstart[ncomp] = k;
    v->ncomp = ncomp;
}

/* Reports the chain of edges e[0..n) as rules that cannot all hold. */
static void report_edges(Sched *c, const int *e, int n)
{
    Edge first = edge_at(c, c->edges, e[0]);
    diag_report(c->diag, SEV_ERROR, first.why->loc, "E0502",
                "these deadlines cannot all hold");
    for (int k = 0; k < n; k++) {
        Edge ed = edge_at(c, c->edges, e[k]);
        diag_note(c->diag, ed.why->loc, "'%s' is due %s", ed.owner->name,
                  ed.text);
        item_of(c, ed.owner)->failed = true;
    }
}

/* Bellman-Ford inside one component, from every node at 0: a negative
   cycle there is reported and true returned. */
static bool component_cycle(Solver *v, int ci, int64_t *d, int *pred)
{
    int lo = v->cstart[ci], hi = v->cstart[ci + 1];
    int size = hi - lo;
    if (size == 1) {
        int u = v->comps[lo];
        for (int k = v->fstart[u]; k < v->fstart[u + 1]; k++) {
            const Edge *e = &v->c->edges[v->forder[k]];
            if (e->to == u && e->w < 0) {
                int one = v->forder[k];
                report_edges(v->c, &one, 1);
                return true;
            }
        }
        return false;
    }
    for (int i = lo; i < hi; i++) {
        d[v->comps[i]] = 0;
        pred[v->comps[i]] = -1;
    }
    int last = -1;
    for (int pass = 0; pass < size; pass++) {
        last = -1;
        for (int i = lo; i < hi; i++) {
            int u = v->comps[i];
            for (int k = v->fstart[u]; k < v->fstart[u + 1]; k++) {
                const Edge *e = &v->c->edges[v->forder[k]];
                if (v->comp[e->to] != ci || d[u] + e->w >= d[e->to])
                    continue;
                d[e->to] = d[u] + e->w;
                pred[e->to] = v->forder[k];
                last = e->to;
            }
        }
        if (last < 0)
            return false;
    }
    /* Still relaxing after |C| passes: walk back onto the cycle. */
    int x = last;
    for (int i = 0; i < size; i++)
        x = v->c->edges[pred[x]].from;
    int *cyc = sv_alloc(v, (size_t)size + 1, sizeof *cyc);
    int m = 0, u = x;
    do {
        cyc[m++] = pred[u];
        u = v->c->edges[pred[u]].from;
    } while (u != x && m < size + 1);
    for (int i = 0; i < m / 2; i++) {       /* forwards */
        int t = cyc[i];
        cyc[i] = cyc[m - 1 - i];
        cyc[m - 1 - i] = t;
    }
    report_edges(v->c, cyc, m);
    return true;
}

/* Relaxes the edges that leave component ci's unknowns, those that stay
   inside it or those that go out of it; true when a bound moved. */
static bool relax(const Solver *v, bool lower, int64_t *d, int *pred, int ci,
                  bool inside)
{
    const int *start = lower ? v->rstart : v->fstart;
    const int *order = lower ? v->rorder : v->forder;
    bool changed = false;
    for (int i = v->cstart[ci]; i < v->cstart[ci + 1]; i++) {
        int u = v->comps[i];
        if (d[u] >= INF)
            continue;
        for (int k = start[u]; k < start[u + 1]; k++) {
            const Edge *e = &v->c->edges[order[k]];
            int w = lower ? e->from : e->to;
            if ((v->comp[w] == ci) == inside && d[u] + e->w < d[w]) {
                d[w] = d[u] + e->w;
                pred[w] = order[k];
                changed = true;
            }
        }
    }
    return changed;
}

/*
 * Tightest bounds: upper ones forwards (t_to <= t_from + w), lower ones
 * backwards (t_from >= t_to - w), component by component, with the edge
 * that set each bound in pred (-1: the fixed bound).
 */
static void bounds(const Solver *v, bool lower, int64_t *d, int *pred)
{
    const int32_t *fday = v->c->fday;
    for (int u = 1; u < v->n; u++) {
        d[u] = lower ? (fday[2 * u + 1] != NO_LO ? -(int64_t)fday[2 * u + 1]
                                                 : INF)
                     : (fday[2 * u] != NO_HI ? fday[2 * u] : INF);
        pred[u] = -1;
    }
    for (int g = 0; g < v->ncomp; g++) {
        int ci = lower ? v->ncomp - 1 - g : g;
        int lo = v->cstart[ci], hi = v->cstart[ci + 1];
        /* inside the component: at most |C| passes (no negative cycle);
           then out of it, to the components after */
        for (int pass = 0; pass < hi - lo; pass++)
            if (!relax(v, lower, d, pred, ci, true))
                break;
        relax(v, lower, d, pred, ci, false);
    }
}

static bool c_failed(Sched *c, int var)
{
    return c->var_item[var]->failed;
}

/* The rules of unknowns [from, to): each fixed bound an edge from or to Z,
   each obligation named an edge between unknowns. */
/* Unknowns whose rules are asked of memory together (rules_ahead). */
enum { RULES_AHEAD = 16, RULES_AHEAD_MAX = 4 * RULES_AHEAD };

/*
 * Applying a rule follows a chain of nodes, each a cache miss that waits
 * for the one before: the obligation, its fields, the rule, the name it
 * counts from, that name's declaration and its schedule item.  This asks
 * for each link of the chains of unknowns [from, to) at once, a link
 * every step, so that their misses overlap; apply_vars then finds them
 * in the cache.  It only reads.
 */
static void rules_ahead(const Sched *c, size_t from, size_t to)
{
    const When *wh[RULES_AHEAD_MAX];
    size_t n = 0;
    for (size_t v = from; v < to; v++)
        __builtin_prefetch(c->var_item[v]->decl);
    for (size_t v = from; v < to; v++) {
        const SchedItem *it = c->var_item[v];
        if (it->has_due)
            for (size_t b = 0; b < it->decl->nfields * sizeof(Field); b += 64)
                __builtin_prefetch((const char *)it->decl->fields + b);
    }
    for (size_t v = from; v < to; v++) {
        const SchedItem *it = c->var_item[v];
        if (!it->has_due)
            continue;
        const Decl *d = it->decl;
        for (const Field *f = d->fields; f < ast_fields_end(d); f++)
            if (f->kind == FK_DUE && n < RULES_AHEAD_MAX) {
                wh[n++] = f->when;
                __builtin_prefetch(f->when);
            }
    }
    for (size_t i = 0; i < n; i++)
        if (wh[i]->at.kind == PT_NAME)
            __builtin_prefetch(wh[i]->at.name);
    for (size_t i = 0; i < n; i++)
        if (wh[i]->at.kind == PT_NAME && wh[i]->at.name->decl)
            __builtin_prefetch(wh[i]->at.name->decl);
    for (size_t i = 0; i < n; i++) {
        const Decl *d = wh[i]->at.kind == PT_NAME ? wh[i]->at.name->decl
                                                  : NULL;
        if (d && d->sched >= 0)
            __builtin_prefetch(&c->s->items[d->sched]);
    }
}

static void apply_vars(Sched *c, size_t from, size_t to)
{
    for (size_t v = from; v < to; v++) {
        if ((v - from) % RULES_AHEAD == 0)
            rules_ahead(c, v, to - v < RULES_AHEAD ? to : v + RULES_AHEAD);
        SchedItem *it = c->var_item[v];
        Bounds b = {0};
        bool ok = true;
        /* An ongoing duty has no rule: its fields need not be read. */
        if (it->has_due)
            for (const Field *f = it->decl->fields; f < ast_fields_end(it->decl); f++)
                if (f->kind == FK_DUE)
                    ok &= apply_due(c, it->decl, f, NULL, &b, (int)v);
        if (!ok) {
            b.has_hi = b.has_lo = false;
            fail_item(c, it);
        }
        /* every day a rule gives is a real one (add_units, anchor_of):
           it fits in 32 bits */
        c->fday[2 * v] = b.has_hi ? (int32_t)b.hi : NO_HI;
        c->fday[2 * v + 1] = b.has_lo ? (int32_t)b.lo : NO_LO;
        c->fwhy[2 * v] = (struct FixedWhy){b.hi_why, b.hi_text};
        c->fwhy[2 * v + 1] = (struct FixedWhy){b.lo_why, b.lo_text};
    }
}

/* What the solver found, for place_singles (in parts, on threads): the
   edges, each unknown's bounds and the edges that set them (-1: its fixed
   bound). */
typedef struct Solved {
    const Edge *edges;
    const int64_t *up, *down;
    const int *pup, *pdown;
} Solved;

/* The single obligations among unknowns [from, to): each one's deadline
   and earliest day, from the bounds the solver found. */
static void place_singles(Sched *c, size_t from, size_t to)
{
    const Solved *sv = c->solved;
    for (size_t v = from; v < to; v++) {
        SchedItem *it = c->var_item[v];
        if (it->failed)
            continue;
        /* days counted from other deadlines can run past the calendar */
        const int64_t *up = sv->up, *down = sv->down;
        int64_t far = up[v] < INF && (up[v] > DATE_MAX_DAYS ||
                                      up[v] < DATE_MIN_DAYS) ? up[v]
                      : down[v] < INF && (-down[v] > DATE_MAX_DAYS ||
                                          -down[v] < DATE_MIN_DAYS) ? -down[v]
                      : 0;
        if (far) {
            Edge e = edge_at(c, sv->edges, far == up[v]
                                    ? (sv->pup[v] >= 0 ? sv->pup[v]
                                                       : fixed_hi((int)v))
                                    : (sv->pdown[v] >= 0 ? sv->pdown[v]
                                                         : fixed_lo((int)v)));
            diag_report(c->diag, SEV_ERROR, e.why->loc, "E0505",
                        "this deadline falls outside the years 1 to 9999");
            diag_note(c->diag, e.why->loc, "counted this way, '%s' would "
                      "be due %s", it->decl->name,
                      far > DATE_MAX_DAYS ? "after 9999-12-31"
                                          : "before 0001-01-01");
            fail_item(c, it);
            continue;
        }
        Occurrence *oc = arena_alloc(c->a, sizeof *oc);
        oc->has_hi = up[v] < INF;
        oc->hi = oc->has_hi ? (int32_t)up[v] : 0;
        oc->has_lo = down[v] < INF;
        oc->lo = oc->has_lo ? (int32_t)-down[v] : 0;
        if (oc->has_hi) {
            Edge e = edge_at(c, sv->edges, sv->pup[v] >= 0
                                               ? sv->pup[v]
                                               : fixed_hi((int)v));
            char due[11];
            oc->why = e.why;
            oc->rule = e.from == 0 ? e.text
                       : rule_text(c, "%s (due %s)", e.text,
                                   day_in(due, up[e.from]));
        }
        it->occ = oc;
        it->nocc = 1;
        shift_deadline(c, it, oc);
    }
}

/* Variables for every single (non-recurring) obligation, then solve. */
/*
 * A step of the solver in both directions (edges by source and by target;
 * upper and lower bounds), which read what the solver has found so far and
 * write only arrays of their own: at a million obligations each direction
 * takes about 0.01 s, so past SCHED_SPLIT_FROM unknowns the reverse one
 * runs on a thread of its own.  Same arrays, same bytes, either way.
 */
typedef struct Dir {
    const Solver *v;
    bool reverse;
    bool done;
    void (*step)(struct Dir *d);
    int *st, *ord, *fill;          /* csr */
    int64_t *dist;                 /* bounds */
    int *pred;
} Dir;

static void csr_step(Dir *d)
{
    csr(d->v, d->reverse, d->st, d->ord, d->fill);
}

static void bounds_step(Dir *d)
{
    bounds(d->v, d->reverse, d->dist, d->pred);
}

static void *dir_run(void *arg)
{
    Dir *d = arg;
    d->step(d);
    d->done = true;
    return NULL;
}

static void both_dirs(const Sched *c, Dir dir[2])
{
    if (c->w->jobs >= 2 && dir[0].v->n >= SCHED_SPLIT_FROM)
        parts_run(dir, sizeof *dir, 2, dir_run);
    for (int k = 0; k < 2; k++)
        if (!dir[k].done)       /* one thread, or a thread not started */
            dir_run(&dir[k]);
}

static void solve_single(Sched *c)
{
    Schedule *s = c->s;
    /* Unknowns numbered, and found by number, in one pass over the items
       (var_item sized for every item to be one), which also notes whether
       any failed already. */
    c->nvars = 1;
    c->var_item = arena_alloc(c->tmp, (s->n + 1) * sizeof *c->var_item);
    bool failed = false;
    for (size_t i = 0; i < s->n; i++) {
        SchedItem *it = &s->items[i];
        failed |= it->failed;
        if (it->kind == SK_OBLIGATION && !it->recurring && !it->failed) {
            it->var = c->nvars;
            c->var_item[c->nvars++] = it;
        }
    }
    /* The fixed bounds, and the edges between unknowns. */
    c->fday = arena_alloc(c->tmp, 2 * (size_t)c->nvars * sizeof *c->fday);
    c->fwhy = arena_alloc(c->tmp, 2 * (size_t)c->nvars * sizeof *c->fwhy);
    c->fday[0] = NO_HI;         /* Z's, never read */
    c->fday[1] = NO_LO;
    c->failed_since = false;
    if (!run_parts(c, apply_vars, 1, (size_t)c->nvars))
        apply_vars(c, 1, (size_t)c->nvars);
    /* Whether any obligation failed before the solver: then, or while
       its fixed bounds were set (which marks items only outside a part:
       a part that fails is done again here). */
    failed |= c->failed_since;
    Solver sv;
    memset(&sv, 0, sizeof sv);
    sv.c = c;
    sv.n = c->nvars;
    int n = c->nvars;
    int64_t *up = arena_alloc(c->tmp, (size_t)n * sizeof *up);
    int64_t *down = arena_alloc(c->tmp, (size_t)n * sizeof *down);
    int *pup = arena_alloc(c->tmp, (size_t)n * sizeof *pup);
    int *pdown = arena_alloc(c->tmp, (size_t)n * sizeof *pdown);
    for (int round = 0; round < 64; round++) {
        /* Edges of failed obligations drop out, so a second, independent
           chain is reported too.  A round after the first follows a
           report, which failed some. */
        bool filter = failed || round > 0;
        size_t k = 0;
        for (size_t e = 0; filter && e < c->nedges; e++) {
            const SchedItem *it = item_of(c, c->edges[e].owner);
            if (!it->failed && !c_failed(c, c->edges[e].from) &&
                !c_failed(c, c->edges[e].to))
                c->edges[k++] = c->edges[e];
        }
        /* A failed unknown keeps its fixed bounds: no edge is left to
           carry them to another, and nothing reads its own. */
        if (filter)
            c->nedges = k;
        Dir dir[2];
        for (int r = 0; r < 2; r++)
            dir[r] = (Dir){.v = &sv, .reverse = r == 1, .step = csr_step,
                           .st = sv_alloc(&sv, (size_t)n + 1, sizeof(int)),
                           .ord = sv_alloc(&sv, c->nedges, sizeof(int)),
                           .fill = sv_alloc(&sv, (size_t)n, sizeof(int))};
        both_dirs(c, dir);
        sv.fstart = dir[0].st;
        sv.forder = dir[0].ord;
        sv.rstart = dir[1].st;
        sv.rorder = dir[1].ord;
        components(&sv);
        bool cycle = false;
        for (int ci = 0; ci < sv.ncomp && !cycle; ci++)
            cycle = component_cycle(&sv, ci, up, pup);
        if (cycle)
            continue;
        dir[0] = (Dir){.v = &sv, .step = bounds_step, .dist = up,
                       .pred = pup};
        dir[1] = (Dir){.v = &sv, .reverse = true, .step = bounds_step,
                       .dist = down, .pred = pdown};
        both_dirs(c, dir);
        /* lo > hi: the chain from a fixed upper bound to a fixed lower one */
        int bad = 0;
        for (int u = 1; u < n && !bad; u++)
            if (up[u] < INF && down[u] < INF && -down[u] > up[u] &&
                !c_failed(c, u))
                bad = u;
        if (!bad)
            break;
        int *chain = arena_alloc(c->tmp, (2 * (size_t)n + 2) * sizeof *chain);
        int m = 0, u = bad;
        /* upper path, walked back to its fixed bound, then reversed */
        while (pup[u] >= 0 && m < n) {
            chain[m++] = pup[u];
            u = c->edges[pup[u]].from;
        }
        chain[m++] = fixed_hi(u);
        for (int i = 0; i < m / 2; i++) {
            int t = chain[i];
            chain[i] = chain[m - 1 - i];
            chain[m - 1 - i] = t;
        }
        u = bad;
        while (pdown[u] >= 0 && m < 2 * n) {
            chain[m++] = pdown[u];
            u = c->edges[pdown[u]].to;
        }
        chain[m++] = fixed_lo(u);
        report_edges(c, chain, m);
    }
    /* The deadline of each single obligation, from the bounds found. */
    Solved solved = {c->edges, up, down, pup, pdown};
    c->solved = &solved;
    if (!run_parts(c, place_singles, 1, (size_t)c->nvars))
        place_singles(c, 1, (size_t)c->nvars);
    c->solved = NULL;
}

/* ------------------------------------------------------------------ */
/* Checks on the dates found */

static void check_adoption(Sched *c, SchedItem *it)
{
    const Schedule *s = c->s;
    if (!s->has_adoption)
        return;
    for (int i = 0; i < it->nocc; i++) {
        const Occurrence *oc = &it->occ[i];
        if (!oc->has_hi || oc->hi >= s->adoption)
            continue;
        diag_report(c->diag, SEV_ERROR,
                    oc->why ? oc->why->loc : it->decl->name_loc, "E0503", "'%s' is due on %s, before the resolution was "
                    "adopted on %s", it->decl->name, ast_day_text(c->a, oc->hi),
                    ast_day_text(c->a, s->adoption));
        const Field *ad = ast_field_of(c->w->resolution, FK_ADOPTED);
        if (ad)
            diag_note(c->diag, ad->loc, "adopted here");
        fail_item(c, it);
        return;
    }
}

static void check_parent(Sched *c, SchedItem *it)
{
    if (!it->part_of || it->recurring || it->nocc != 1)
        return;
    const Field *po = ast_field_of(it->decl, FK_PART_OF);
    const Decl *pd = wsis_decl_of(c->w, po->names);
    SchedItem *p = pd ? item_of(c, pd) : NULL;
    if (!p || p->failed || p->recurring || p->nocc != 1)
        return;
    const Occurrence *co = &it->occ[0], *pc = &p->occ[0];
    if (!co->has_hi)
        return;
    const char *why = NULL;
    if (pc->has_hi && co->hi > pc->hi)
        why = arena_printf(c->a, "after its parent's deadline, %s",
                           ast_day_text(c->a, pc->hi));
    else if (pc->has_lo && co->hi < pc->lo)
        why = arena_printf(c->a, "before its parent can start, on %s",
                           ast_day_text(c->a, pc->lo));
    if (!why)
        return;
    diag_report(c->diag, SEV_ERROR, po->loc, "E0504",
                "'%s' is part of '%s' but is due on %s, %s", it->decl->name,
                pd->name, ast_day_text(c->a, co->hi), why);
    diag_note(c->diag, pd->name_loc, "'%s' is declared here", pd->name);
}

/* The checks on the dates found, for the obligations among items
   [from, to).  Run in parts, none fails an item (a part that would is
   dirty), so a part's check_parent reads only what the solver set. */
static void check_dates(Sched *c, size_t from, size_t to)
{
    for (size_t i = from; i < to && !diag_should_stop(c->diag); i++) {
        SchedItem *it = &c->s->items[i];
        if (it->kind == SK_OBLIGATION && !it->failed) {
            check_adoption(c, it);
            check_parent(c, it);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Parts on threads */

/* The recurring obligations among items [from, to), expanded. */
static void expand_items(Sched *c, size_t from, size_t to)
{
    for (size_t i = from; i < to && !diag_should_stop(c->diag); i++) {
        SchedItem *it = &c->s->items[i];
        if (it->kind == SK_OBLIGATION && it->recurring && !it->failed)
            expand_recurring(c, it);
    }
}

typedef struct Parts {
    Sched *c;
    Part *p;
    int n;
} Parts;

/* Frees the parts and what they hold but has not been adopted. */
static void parts_free(void *ud)
{
    Parts *ps = ud;
    for (int k = 0; k < ps->n; k++) {
        Part *q = &ps->p[k];
        intern_fini(&q->c.texts);
        free(q->c.edges);
        free(q->used);
        arena_free(q->c.tmp);
        arena_free(q->c.a);
        diag_fini(&q->quiet);
    }
    free(ps->p);
}

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
    p->run(&p->c, p->from, p->to);
    if (p->quiet.nerrors || p->quiet.nwarnings)
        p->dirty = true;
}

static void *part_thread(void *arg)
{
    part_run(arg);
    return NULL;
}

/*
 * Runs run over [from, to) in w->jobs parts at once: the first on this
 * thread, each other on a thread of its own, every one as a Part.  When
 * none is dirty, their edges are appended to c's in the parts' order (the
 * order one pass would have made them), the sessions they noted marked,
 * and what they allocated (occurrences, rule texts) kept in c's arena; then
 * it is as if run had gone over the range once, and true is returned.
 * Else the caller runs it once itself, with the real sink, as if the parts
 * had not been: they wrote nothing it reads.  This is how the solver's
 * passes over every obligation (recurrences, the rules of single
 * deadlines, their deadlines from the bounds found, the checks on the
 * dates found) use more than one CPU without changing a byte of output or
 * a diagnostic.
 */
static bool run_parts(Sched *c, void (*run)(Sched *, size_t, size_t),
                      size_t from, size_t to)
{
    int jobs = c->w->jobs;
    if (jobs < 2 || to - from < SCHED_SPLIT_FROM || c->part)
        return false;
    Part *p = calloc((size_t)jobs, sizeof *p);
    if (!p)
        return false;
    bool ok = true;
    for (int k = 0; k < jobs; k++) {
        Part *q = &p[k];
        q->c = *c;
        q->c.part = q;
        q->c.diag = &q->quiet;
        diag_init(&q->quiet, NULL, COLOR_NEVER);
        q->quiet.max_errors = 1;
        q->c.a = arena_new();
        q->c.tmp = arena_new();
        intern_init(&q->c.texts, q->c.a);   /* not c's: a copy of it */
        q->c.edges = NULL;
        q->c.nedges = q->c.capedges = 0;
        memset(q->c.sess_cache, 0, sizeof q->c.sess_cache);
        q->c.cals = NULL;
        q->c.ncals = 0;
        q->c.occ_tmp = NULL;
        q->run = run;
        q->from = from + (to - from) * (size_t)k / (size_t)jobs;
        q->to = from + (to - from) * (size_t)(k + 1) / (size_t)jobs;
        if (!q->c.a || !q->c.tmp) {
            ok = false;
            continue;
        }
        arena_set_oom(q->c.a, part_oom, q);
        arena_set_oom(q->c.tmp, part_oom, q);
    }
    ok = ok && parts_run(p, sizeof *p, jobs, part_thread);
    for (int k = 0; k < jobs; k++)
        ok &= !p[k].dirty;
    /* The edges, in order: c's array may run out of memory, and then the
       parts go with c's cleanups. */
    Parts ps = {c, p, jobs};
    arena_push_cleanup(c->a, parts_free, &ps);
    for (int k = 0; ok && k < jobs; k++) {
        Sched *q = &p[k].c;
        if (!c->edges) {        /* the first part's become c's */
            c->edges = q->edges;
            c->nedges = q->nedges;
            c->capedges = q->capedges;
            q->edges = NULL;
            continue;
        }
        for (size_t e = 0; e < q->nedges; e++) {
            const Edge *ed = &q->edges[e];
            add_edge(c, ed->from, ed->to, ed->w, ed->why, ed->owner,
                     ed->text);
        }
        free(q->edges);         /* at once: the solver's peak is near */
        q->edges = NULL;
    }
    arena_pop_cleanup(c->a);
    for (int k = 0; ok && k < jobs; k++)
        for (size_t i = 0; i < p[k].nused; i++)
            mark_used(c, p[k].used[i]);
    /* What the parts allocated is kept, even when one is dirty: an item
       may point into it until the caller's own pass replaces what the part
       wrote. */
    for (int k = 0; k < jobs; k++) {
        arena_adopt(c->a, p[k].c.a);
        p[k].c.a = NULL;
    }
    parts_free(&ps);
    return ok;
}

/* ------------------------------------------------------------------ */

/* The scratch arena runs out as the main one does: the main arena's
   cleanups (which free the scratch) run, then its handler. */
static void tmp_oom(void *ud)
{
    arena_oom(((Sched *)ud)->a);
}

static void free_tmp(void *tmp)
{
    arena_free(tmp);
}

static void free_texts(void *texts)
{
    intern_fini(texts);
}

static void free_edges(void *ud)
{
    Sched *c = ud;
    free(c->edges);
    c->edges = NULL;
}

/* Items are collected in chunks of declarations, taken in turn by the
   threads: each chunk's first item has an index known beforehand. */
enum { COLLECT_CHUNK = 8192 };

typedef struct Collect {
    Sched *c;
    const size_t *base;    /* per chunk: the index of its first item */
    atomic_size_t next;    /* the next chunk to take */
} Collect;

typedef struct CollectPart {
    Collect *share;
} CollectPart;

/* The items of the events and obligations among declarations [from, to),
   from index at on.  Each writes only its own item and declaration. */
static void collect_range(Sched *c, size_t from, size_t to, size_t at)
{
    Wsis *w = c->w;
    for (size_t i = from; i < to; i++) {
        DeclKind k = (DeclKind)w->all_kind[i];
        if (k != DK_EVENT && k != DK_OBLIGATION)
            continue;
        Decl *d = w->all[i];
        d->sched = (int)at;
        /* the whole item (the array is not cleared: build); from the
           declaration alone, its fields not read here */
        c->s->items[at++] = (SchedItem){
            .decl = d,
            .kind = k == DK_EVENT ? SK_EVENT : SK_OBLIGATION,
            .recurring = (d->kinds & (uint64_t)1 << FK_EVERY) != 0,
            .has_due = (d->kinds & (uint64_t)1 << FK_DUE) != 0,
            .shifted = (d->kinds & (uint64_t)1 << FK_SHIFT) != 0,
            .part_of = (d->kinds & (uint64_t)1 << FK_PART_OF) != 0,
            /* a rule names an obligation: noted while checking
               (check_all, the only caller of sched_build, fills
               w->all_deps first) */
            .deps = w->all_deps[i],
        };
    }
}

static void *collect_part(void *arg)
{
    Collect *co = ((CollectPart *)arg)->share;
    size_t k, from, to;
    while (parts_take(&co->next, co->c->w->nall, COLLECT_CHUNK, &k, &from,
                      &to))
        collect_range(co->c, from, to, co->base[k]);
    return NULL;
}

/* Every event and obligation as an item, in source order: on w->jobs
   threads past SCHED_SPLIT_FROM declarations. */
static void collect_items(Sched *c)
{
    Wsis *w = c->w;
    size_t nall = w->nall, n = 0;
    for (size_t i = 0; i < nall; i++)
        n += w->all_kind[i] == DK_EVENT || w->all_kind[i] == DK_OBLIGATION;
    c->s->n = n;
    size_t nchunks = (nall + COLLECT_CHUNK - 1) / COLLECT_CHUNK;
    bool split = w->jobs > 1 && nall >= SCHED_SPLIT_FROM;
    size_t *base = split ? malloc(nchunks * sizeof *base) : NULL;
    CollectPart *p = base ? calloc((size_t)w->jobs, sizeof *p) : NULL;
    if (!p) {
        free(base);
        collect_range(c, 0, nall, 0);
        return;
    }
    for (size_t k = 0, at = 0; k < nchunks; k++) {
        base[k] = at;
        size_t to = (k + 1) * COLLECT_CHUNK < nall ? (k + 1) * COLLECT_CHUNK
                                                   : nall;
        for (size_t i = k * COLLECT_CHUNK; i < to; i++)
            at += w->all_kind[i] == DK_EVENT ||
                  w->all_kind[i] == DK_OBLIGATION;
    }
    Collect co = {.c = c, .base = base};
    atomic_init(&co.next, 0);
    for (int k = 0; k < w->jobs; k++)
        p[k].share = &co;
    /* Whatever parts_run could start (it runs nothing when it cannot
       allocate), this thread then takes the chunks still left: every
       chunk is done once. */
    parts_run(p, sizeof *p, w->jobs, collect_part);
    collect_part(&p[0]);
    free(p);
    free(base);
}

static void build(Wsis *w, DiagSink *diag, bool texts, bool series_texts)
{
    Sched c = {0};
    c.w = w;
    c.diag = diag;
    c.no_texts = !texts;
    /* Without a series' rules (a calendar), the texts kept are those of
       single deadlines, about one each, and are copied: at a million
       obligations, interning them cost `ical` 0.1 s and saved 1.5 MiB at
       its peak, which comes later, while it writes.  A series' rules (a
       report, `dates`) repeat from occurrence to occurrence, and kept
       once they save 68 MiB at the same speed. */
    c.copy_texts = !series_texts;
    c.a = w->arena;
    c.tmp = arena_new();
    if (!c.tmp) {
        arena_oom(c.a);
        return;
    }
    arena_set_oom(c.tmp, tmp_oom, &c);
    arena_push_cleanup(c.a, free_tmp, c.tmp);
    intern_init(&c.texts, c.a);
    arena_push_cleanup(c.a, free_texts, &c.texts);
    arena_push_cleanup(c.a, free_edges, &c);
    c.s = &w->schedule;
    Schedule *s = c.s;
    memset(s, 0, sizeof *s);
    const Decl *res = w->resolution;
    const Field *adopted = res ? ast_field_of(res, FK_ADOPTED) : NULL;
    if (adopted && !adopted->dates->d1.bad) {
        s->has_adoption = true;
        s->adoption = ast_days(&adopted->dates->d1);
    }
    /* Collect what has dates, in source order (imports first). */
    size_t n = 0, nsess = 0;
    for (size_t i = 0; i < w->nall; i++) {
        DeclKind k = (DeclKind)w->all_kind[i];
        n += k == DK_EVENT || k == DK_OBLIGATION;
        nsess += k == DK_SESSION;
    }
    /* not cleared: collect_items writes every item whole, on threads, and
       so shares first touching 40 MB at a million obligations */
    s->items = arena_alloc_uninit(c.a, (n ? n : 1) * sizeof *s->items);
    c.sessions = arena_alloc(c.tmp, (nsess ? nsess : 1) * sizeof *c.sessions);
    c.sess_start = arena_alloc(c.tmp, (nsess ? nsess : 1) * sizeof *c.sess_start);
    for (size_t i = 0; i < w->nall; i++) {
        if (w->all_kind[i] != DK_SESSION)
            continue;
        Decl *d = w->all[i];
        int64_t end;
        if (!d->replaced && session_span(d, &c.sess_start[c.nsessions], &end))
            c.sessions[c.nsessions++] = d;
    }
    collect_items(&c);
    for (size_t i = 0; i < s->n && !diag_should_stop(c.diag); i++) {
        SchedItem *it = &s->items[i];
        if (it->kind == SK_EVENT) {
            int64_t start = 0, end = 0;
            it->failed = !event_span(&c, it->decl, &start, &end);
            it->start = (int32_t)start;
            it->end = (int32_t)end;
        }
    }
    find_cycles(&c);
    c.no_texts = !series_texts;     /* a series' rules, while expanding */
    if (!run_parts(&c, expand_items, 0, s->n)) {
        /* as the parts found them, if they ran */
        for (size_t i = 0; i < s->n; i++)
            if (s->items[i].recurring) {
                s->items[i].occ = NULL;
                s->items[i].nocc = 0;
            }
        expand_items(&c, 0, s->n);
    }
    c.no_texts = !texts;
    if (!diag_should_stop(c.diag))
        solve_single(&c);
    if (!diag_should_stop(c.diag) && !run_parts(&c, check_dates, 0, s->n))
        check_dates(&c, 0, s->n);
    arena_pop_cleanup(c.a);
    free_edges(&c);
    arena_pop_cleanup(c.a);
    intern_fini(&c.texts);
    arena_pop_cleanup(c.a);
    arena_free(c.tmp);
    w->scheduled = true;
}

/*
 * When nothing will print a rule's text (`check`: wsis_keep without
 * WSIS_KEEP_RULES), or a series' (`ical`: without WSIS_KEEP_SERIES_RULES),
 * the schedule is first built without them, against a sink that only
 * counts: a third of the solver's time at a million obligations went into
 * formatting and keeping 300 000 texts.  A schedule
 * with anything to report is built again, texts and all, with the real
 * sink, so its diagnostics (which quote rules) are as ever.  Building is
 * repeatable: it starts from an empty schedule and sets on declarations
 * only what it sets again.
 */
void sched_build(Wsis *w)
{
    bool texts = !(w->drop & WSIS_KEEP_RULES);
    bool series = !(w->drop & WSIS_KEEP_SERIES_RULES);
    if (texts && series) {
        build(w, w->diag, true, true);
        return;
    }
    DiagSink quiet;
    diag_init(&quiet, NULL, COLOR_NEVER);
    quiet.max_errors = 1;          /* one is enough to build again */
    build(w, &quiet, texts, series);
    if (quiet.nerrors || quiet.nwarnings)
        build(w, w->diag, true, true);
    diag_fini(&quiet);
}
