/*
 * check.c - what a spec means, and the first checks of it.
 *
 * For every declaration: are its fields allowed, given at most as often as
 * they may be, and all there when required; do its names refer to
 * declarations of the right kind; are its dates real days and its ranges in
 * order; do its paragraph numbers fall in the resolution's operative range.
 * Then coverage: every operative paragraph should be accounted for.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "compile.h"
#include "parts.h"
#include "date.h"
#include "parse.h"

/* How often a field may occur in a declaration. */
typedef enum Mult {
    NO = 0,    /* not a field of this kind of declaration */
    ONE,       /* at most once */
    LANG,      /* at most once per language */
    MANY       /* any number of times */
} Mult;

static const unsigned char allowed[DK__COUNT][FK__COUNT] = {
    [DK_RESOLUTION] = {
        [FK_SYMBOL] = ONE, [FK_TITLE] = LANG, [FK_SUMMARY] = LANG,
        [FK_BODY] = ONE, [FK_ADOPTED] = ONE, [FK_RECOMMENDED_BY] = ONE,
        [FK_OPERATIVE] = ONE, [FK_REFERS] = MANY, [FK_NOTE] = MANY,
        [FK_URL] = ONE,
    },
    [DK_ENTITY] = {
        [FK_NAME] = LANG, [FK_SHORT] = LANG, [FK_KIND] = ONE,
        [FK_PART_OF] = MANY, [FK_NOTE] = MANY, [FK_URL] = ONE,
    },
    [DK_VERB] = {
        [FK_PHRASE] = MANY, [FK_STRENGTH] = ONE, [FK_NOTE] = MANY,
    },
    [DK_SESSION] = {
        [FK_TITLE] = LANG, [FK_FROM] = ONE, [FK_ON] = ONE, [FK_AT] = LANG,
        [FK_NOTE] = MANY, [FK_URL] = ONE,
    },
    [DK_EVENT] = {
        [FK_TITLE] = LANG, [FK_SUMMARY] = LANG, [FK_AT] = LANG,
        [FK_FROM] = ONE, [FK_ON] = ONE, [FK_DURING] = ONE,
        [FK_HOSTS] = MANY, [FK_CITES] = MANY, [FK_REFERS] = MANY,
        [FK_NOTE] = MANY, [FK_URL] = ONE,
    },
    [DK_OBLIGATION] = {
        [FK_CITES] = MANY, [FK_VERB] = ONE, [FK_TO] = MANY,
        [FK_ACTION] = LANG, [FK_SUMMARY] = LANG, [FK_ORIGIN] = LANG,
        [FK_DUE] = MANY, [FK_EVERY] = ONE, [FK_REMIND] = ONE,
        [FK_ONGOING] = ONE, [FK_PART_OF] = ONE, [FK_REFERS] = MANY,
        [FK_NOTE] = MANY, [FK_URL] = ONE, [FK_SHIFT] = ONE,
        [FK_ROUNDING] = ONE,
    },
    [DK_DOCUMENT] = {
        [FK_SYMBOL] = ONE, [FK_TITLE] = LANG, [FK_BY] = ONE, [FK_ON] = ONE,
        [FK_URL] = ONE, [FK_NOTE] = MANY,
    },
    [DK_PARAGRAPH] = {
        [FK_VERB] = ONE, [FK_SUMMARY] = LANG, [FK_NOTE] = MANY,
    },
    [DK_CALENDAR] = {
        [FK_TITLE] = LANG, [FK_WEEKEND] = ONE, [FK_HOLIDAY] = MANY,
        [FK_NOTE] = MANY, [FK_URL] = ONE,
    },
    [DK_PROGRESS] = {
        [FK_STATUS] = ONE, [FK_REF] = MANY, [FK_URL] = MANY,
        [FK_NOTE] = MANY, [FK_ILLUSTRATIVE] = ONE,
    },
};

/* Fields a declaration must have. */
static const FieldKind required[DK__COUNT][5] = {
    [DK_RESOLUTION] = {FK_SYMBOL, FK_TITLE, FK_BODY, FK_ADOPTED,
                       FK_OPERATIVE},
    [DK_ENTITY] = {FK_NAME},
    [DK_VERB] = {FK_PHRASE, FK_STRENGTH},
    [DK_EVENT] = {FK_TITLE},
    [DK_OBLIGATION] = {FK_VERB, FK_ACTION, FK_CITES},
    [DK_DOCUMENT] = {FK_SYMBOL},
    [DK_CALENDAR] = {FK_TITLE},
    [DK_PROGRESS] = {FK_STATUS},
};
/* An array of FieldKind is zero-filled; FK_SYMBOL is 0, so count them. */
static const int nrequired[DK__COUNT] = {
    [DK_RESOLUTION] = 5, [DK_ENTITY] = 1, [DK_VERB] = 2, [DK_EVENT] = 1,
    [DK_OBLIGATION] = 3, [DK_DOCUMENT] = 1, [DK_CALENDAR] = 1,
    [DK_PROGRESS] = 1,
};

static const char *const entity_kinds[] = {
    "agency", "commission", "forum", "group", "office", "organ",
    "organization", "partnership", "programme", "state",
};

int weekday_bit(const char *name)
{
    static const char *const days[7] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};
    for (int i = 0; i < 7; i++)
        if (strcmp(name, days[i]) == 0)
            return i;
    return -1;
}

typedef struct Checker {
    Wsis *w;
    DiagSink *diag;
    Decl *res;           /* the resolution, if exactly one */
    Field *operative;    /* its operative range */
    /* The paragraph marker of each whole paragraph number, looked up once
       each: a million obligations cite ten thousand paragraphs. */
    const Decl **markers;
    bool *marker_known;
    int nmarkers;
} Checker;

static const char *an(const char *noun)
{
    return strchr("aeiou", noun[0]) ? "an" : "a";
}

/* ------------------------------------------------------------------ */
/* Values */

/* An ISO 639 code: two or three lowercase letters. */
static bool lang_tag_ok(const char *t)
{
    size_t n = 0;
    while (t[n] >= 'a' && t[n] <= 'z')
        n++;
    return t[n] == '\0' && n >= 2 && n <= 3;
}

/* A text's language, "en" when untagged (ast_text_lang of a field). */
static const char *text_lang(const Field *f)
{
    const char *l = ast_text_lang(f);
    return l ? l : "en";
}

static void check_date(Checker *c, const DateLit *dl)
{
    if (dl->bad || date_valid(dl->y, dl->m, dl->d))
        return;
    if (dl->m >= 1 && dl->m <= 12 && dl->y >= 1 && dl->y <= 9999) {
        static const char *const months[12] = {
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
        diag_report(c->diag, SEV_ERROR, dl->loc, "E0301",
                    "invalid date %04d-%02d-%02d: %s %d has %d days", dl->y,
                    dl->m, dl->d, months[dl->m - 1], dl->y,
                    date_month_days(dl->y, dl->m));
    } else if (dl->m < 1 || dl->m > 12) {
        diag_report(c->diag, SEV_ERROR, dl->loc, "E0301",
                    "invalid date %04d-%02d-%02d: there is no month %d",
                    dl->y, dl->m, dl->d, dl->m);
    } else {
        diag_report(c->diag, SEV_ERROR, dl->loc, "E0301",
                    "invalid date %04d-%02d-%02d: years run from 0001 to "
                    "9999", dl->y, dl->m, dl->d);
    }
}

static bool date_ok(const DateLit *dl)
{
    return !dl->bad && date_valid(dl->y, dl->m, dl->d);
}

static int64_t days_of(const DateLit *dl)
{
    Date d = {dl->y, dl->m, dl->d};
    return date_to_days(d);
}

static void check_range(Checker *c, const DateLit *from, const DateLit *to)
{
    check_date(c, from);
    check_date(c, to);
    if (date_ok(from) && date_ok(to) && days_of(to) < days_of(from)) {
        diag_report(c->diag, SEV_ERROR, to->loc, "E0302",
                    "range ends on %04d-%02d-%02d, before it starts",
                    to->y, to->m, to->d);
        diag_note(c->diag, from->loc, "it starts on %04d-%02d-%02d",
                  from->y, from->m, from->d);
    }
}

static void check_pararef(Checker *c, const ParaRef *p)
{
    if (p->sub) {
        size_t n = strlen(p->sub);
        bool ok = n >= 1 && n <= 4;
        for (size_t i = 0; i < n; i++)
            ok = ok && p->sub[i] >= 'a' && p->sub[i] <= 'z';
        if (!ok) {
            diag_report(c->diag, SEV_ERROR, p->loc, "E0209",
                        "invalid sub-paragraph '(%s)'", p->sub);
            diag_note(c->diag, p->loc, "sub-paragraphs are lowercase "
                      "letters, as in para 32(b)");
        }
    }
    if (!c->operative)
        return;
    const Field *op = c->operative;
    if (op->nums->n2 < op->n1)
        return;   /* already reported */
    if (p->num < op->n1 || p->num > op->nums->n2) {
        const Field *symf = ast_field_of(c->res, FK_SYMBOL);
        const Text *sym = symf ? symf->text : NULL;
        diag_report(c->diag, SEV_ERROR, p->loc, "E0401",
                    "paragraph %d is not an operative paragraph of %s",
                    p->num, sym ? sym->str : c->res->name);
        diag_note(c->diag, op->loc, "the operative paragraphs are %d to %d",
                  op->n1, op->nums->n2);
        return;
    }
    c->w->covered[p->num - op->n1] = 1;
}

static void check_entity_kind(Checker *c, const Ident *k)
{
    size_t n = sizeof entity_kinds / sizeof entity_kinds[0];
    for (size_t i = 0; i < n; i++)
        if (strcmp(k->name, entity_kinds[i]) == 0)
            return;
    diag_report(c->diag, SEV_ERROR, k->loc, "E0209",
                "unknown entity kind '%s'", k->name);
    diag_note(c->diag, k->loc, "the kinds are agency, commission, forum, "
              "group, office, organ, organization, partnership, programme "
              "and state");
}

/* ------------------------------------------------------------------ */
/* Names */

static void use_all(Checker *c, const Ident *names, unsigned mask,
                    const char *what)
{
    for (const Ident *i = names; i; i = i->next)
        resolve_use(c->w, i, mask, what);
}

/* `session GA 67`, or `session CSTD` for each year's session. */
static void check_session_ref(Checker *c, const Point *p)
{
    Decl *body = resolve_use(c->w, p->name, KIND(DK_ENTITY), "entity");
    if (!body || !p->has_number)
        return;
    /* on the stack: check_decl allocates nothing (check_decls runs it on
       other threads) */
    char key[WSIS_MAX_NAME + 16];
    snprintf(key, sizeof key, "%s %d", p->name->name, p->number);
    Decl *s = symtab_get(&c->w->syms, key);
    if (!s || s->kind != DK_SESSION) {
        diag_report(c->diag, SEV_ERROR, p->loc, "E0201",
                    "unknown session '%s'", key);
        diag_note(c->diag, p->loc, "declare it with 'session %s { from "
                  "YYYY-MM-DD to YYYY-MM-DD }'", key);
    }
}

/* The point a rule counts from; whether it names an obligation goes in
   *deps (Wsis.all_deps). */
static void check_point(Checker *c, unsigned char *deps, const Point *p,
                        bool during)
{
    switch (p->kind) {
    case PT_DATE:
        check_date(c, &p->date);
        break;
    case PT_NAME:
        if (during) {
            resolve_use(c->w, p->name, KIND(DK_EVENT), "event");
        } else {
            const Decl *d = resolve_use(c->w, p->name,
                                        KIND(DK_EVENT) | KIND(DK_OBLIGATION),
                                        "event or obligation");
            if (d && d->kind == DK_OBLIGATION)
                *deps = 1;
        }
        break;
    case PT_SESSION:
        check_session_ref(c, p);
        break;
    }
}

static void check_recur(Checker *c, const Field *f)
{
    const Recur *r = f->recur;
    if (r->interval < 1) {
        diag_report(c->diag, SEV_ERROR, f->loc, "E0209",
                    "a recurrence needs an interval of at least 1");
    }
    if (r->from.present && !r->from.year_only)
        check_date(c, &r->from.date);
    if (r->until.present && !r->until.year_only)
        check_date(c, &r->until.date);
    if (r->from.present && r->until.present) {
        const DateLit *a = &r->from.date, *b = &r->until.date;
        bool ok_a = r->from.year_only ? a->y >= 1 && a->y <= 9999 : date_ok(a);
        bool ok_b = r->until.year_only ? b->y >= 1 && b->y <= 9999
                                       : date_ok(b);
        if (ok_a && ok_b &&
            (b->y < a->y || (b->y == a->y && !r->until.year_only &&
                             !r->from.year_only && days_of(b) < days_of(a)))) {
            diag_report(c->diag, SEV_ERROR, b->loc, "E0302",
                        "recurrence ends before it starts");
            diag_note(c->diag, a->loc, "it starts here");
        }
    }
    for (int i = 0; i < 2; i++) {
        const YearOrDate *yd = i ? &r->until : &r->from;
        if (yd->present && yd->year_only &&
            (yd->date.y < 1 || yd->date.y > 9999))
            diag_report(c->diag, SEV_ERROR, yd->date.loc, "E0301",
                        "invalid year %d: years run from 1 to 9999",
                        yd->date.y);
    }
}

/* ------------------------------------------------------------------ */
/* Fields */

/* A field's text, kept or bare (ast_field_bare): only its language, its
   length and its place are read. */
static void check_texts(Checker *c, const Field *f)
{
    if (!ast_text_present(f))
        return;
    const char *lang = ast_text_lang(f);
    if (lang && !lang_tag_ok(lang)) {
        SrcLoc at = ast_text_tag_loc(f);
        diag_report(c->diag, SEV_ERROR, at, "E0208",
                    "invalid language tag '%s'", lang);
        diag_note(c->diag, at, "language tags are lowercase ISO 639 "
                  "codes such as en, fr, zh");
    }
    if (ast_text_empty(f) && f->kind != FK_NOTE)
        diag_report(c->diag, SEV_ERROR, ast_text_loc(f), "E0209",
                    "empty '%s'", ast_field_name(f->kind));
}

static void check_field(Checker *c, Decl *d, Field *f, unsigned char *deps)
{
    switch (f->kind) {
    case FK_BODY:
    case FK_RECOMMENDED_BY:
    case FK_HOSTS:
    case FK_TO:
    case FK_BY:
        use_all(c, f->names, KIND(DK_ENTITY), "entity");
        break;
    case FK_PART_OF:
        if (d->kind == DK_OBLIGATION)
            use_all(c, f->names, KIND(DK_OBLIGATION), "obligation");
        else
            use_all(c, f->names, KIND(DK_ENTITY), "entity");
        break;
    case FK_REFERS:
        use_all(c, f->names, KIND(DK_DOCUMENT), "document");
        break;
    case FK_KIND:
        check_entity_kind(c, f->names);
        break;
    case FK_VERB:
        resolve_use(c->w, f->verb, KIND(DK_VERB), "verb");
        use_all(c, f->names, KIND(DK_ENTITY), "entity");
        break;
    case FK_STRENGTH:
        if (f->n1 > 5) {
            diag_report(c->diag, SEV_ERROR, f->nums->n1loc, "E0209",
                        "strength %d is out of range", f->n1);
            diag_note(c->diag, f->nums->n1loc, "strengths run from 0 (creates no "
                      "obligation) to 5 (decides)");
        }
        break;
    case FK_ADOPTED:
    case FK_ON:
        check_date(c, &f->dates->d1);
        break;
    case FK_FROM:
        check_range(c, &f->dates->d1, &f->dates->d2);
        break;
    case FK_OPERATIVE:
        if (f->n1 < 1) {
            diag_report(c->diag, SEV_ERROR, f->nums->n1loc, "E0209",
                        "operative paragraphs are numbered from 1");
        } else if (f->nums->n2 >= f->n1 && f->nums->n2 - f->n1 >= WSIS_MAX_OPERATIVE) {
            diag_report(c->diag, SEV_ERROR, f->loc, "E0209",
                        "%d operative paragraphs; a resolution has at most %d",
                        f->nums->n2 - f->n1 + 1, WSIS_MAX_OPERATIVE);
        } else if (f->nums->n2 < f->n1) {
            diag_report(c->diag, SEV_ERROR, f->nums->n2loc, "E0302",
                        "range %d..%d ends before it starts", f->n1, f->nums->n2);
            diag_note(c->diag, f->nums->n1loc, "it starts at %d", f->n1);
        }
        break;
    case FK_CITES:
        for (const ParaRef *p = f->paras; p; p = p->next)
            check_pararef(c, p);
        break;
    case FK_DUE:
        check_point(c, deps, &f->when->at, f->when->kind == WHEN_DURING);
        break;
    case FK_DURING:
        check_point(c, deps, &f->when->at, true);
        break;
    case FK_EVERY:
        check_recur(c, f);
        break;
    case FK_HOLIDAY:
    case FK_STATUS:
        check_date(c, &f->dates->d1);
        break;
    case FK_WEEKEND:
        for (const Ident *i = f->names; i; i = i->next)
            if (weekday_bit(i->name) < 0 && strcmp(i->name, "none") != 0) {
                diag_report(c->diag, SEV_ERROR, i->loc, "E0209",
                            "unknown weekday '%s'", i->name);
                diag_note(c->diag, i->loc, "weekdays are mon, tue, wed, thu, "
                          "fri, sat and sun; 'weekend none' for none");
            }
        break;
    case FK_SHIFT:
        use_all(c, f->names, KIND(DK_CALENDAR), "calendar");
        break;
    case FK_ROUNDING:
        if (strcmp(f->names->name, "down") != 0 &&
            strcmp(f->names->name, "up") != 0) {
            diag_report(c->diag, SEV_ERROR, f->names->loc, "E0209",
                        "unknown rounding '%s'", f->names->name);
            diag_note(c->diag, f->names->loc, "'rounding down' takes the "
                      "month's last day, 'rounding up' the next month's "
                      "first");
        }
        break;
    default:
        break;
    }
    check_texts(c, f);
}

static void allowed_list(Checker *c, DeclKind k, SrcLoc at)
{
    char buf[512];
    size_t n = 0;
    buf[0] = '\0';
    for (int f = 0; f < FK__COUNT; f++) {
        if (!allowed[k][f] || f == FK_VERB)
            continue;
        int w = snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "",
                         ast_field_name((FieldKind)f));
        if (w < 0 || (size_t)w >= sizeof buf - n)
            break;
        n += (size_t)w;
    }
    diag_note(c->diag, at, "%s %s takes: %s%s", an(ast_decl_noun(k)),
              ast_decl_noun(k), buf,
              allowed[k][FK_VERB] ? " and a verb line such as 'requests SG'"
                                  : "");
}

/* The first earlier field of the same kind and language, if any. */
static Field *same_lang(Decl *d, Field *f)
{
    for (Field *g = d->fields; g < f; g++)
        if (g->kind == f->kind && ast_text_present(g) &&
            ast_text_present(f) && strcmp(text_lang(g), text_lang(f)) == 0)
            return g;
    return NULL;
}

/* The date of an event or session: one of from, on, during. */
static Field *date_field(Decl *d, Field *upto)
{
    Field *end = upto ? upto : ast_fields_end(d);
    for (Field *g = d->fields; g < end; g++)
        if (g->kind == FK_FROM || g->kind == FK_ON || g->kind == FK_DURING)
            return g;
    return NULL;
}

/* Checks d; *deps notes whether a rule of it counts from another
   obligation (Wsis.all_deps). */
static void check_decl(Checker *c, Decl *d, unsigned char *deps)
{
    const char *noun = ast_decl_noun(d->kind);
    *deps = 0;                  /* check_point sets it */
    if (d->kind == DK_SESSION)
        resolve_use(c->w, d->session_body, KIND(DK_ENTITY), "entity");
    if (d->kind == DK_PARAGRAPH)
        check_pararef(c, d->para);
    bool listed = false;
    /* The first valid field of each kind: a second is a duplicate.  Only
       the kinds in seen are set (the array is not cleared: 38 pointers a
       declaration, a million times over, for the five or six read). */
    Field *first[FK__COUNT];
    uint64_t seen = 0;
    for (Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (diag_should_stop(c->diag))
            return;
        Mult m = (Mult)allowed[d->kind][f->kind];
        if (m == NO) {
            if (f->kind == FK_VERB)
                diag_report(c->diag, SEV_ERROR, ast_kwloc(f), "E0205",
                            "%s %s has no operative verb; '%s' is not a "
                            "field", an(noun), noun, f->verb->name);
            else
                diag_report(c->diag, SEV_ERROR, ast_kwloc(f), "E0205",
                            "'%s' is not a field of %s %s",
                            ast_field_name(f->kind), an(noun), noun);
            if (!listed)
                allowed_list(c, d->kind, d->name_loc);
            listed = true;
            continue;
        }
        Field *prev = NULL;
        if (m == ONE)
            prev = seen >> f->kind & 1 ? first[f->kind] : NULL;
        else if (m == LANG)
            prev = same_lang(d, f);
        if ((d->kind == DK_EVENT || d->kind == DK_SESSION) &&
            (f->kind == FK_FROM || f->kind == FK_ON || f->kind == FK_DURING))
            prev = date_field(d, f);
        if (prev) {
            if (f->kind == FK_VERB)
                diag_report(c->diag, SEV_ERROR, ast_kwloc(f), "E0204",
                            "%s %s has one operative verb; '%s' is a second",
                            an(noun), noun, f->verb->name);
            else if (prev->kind != f->kind)
                diag_report(c->diag, SEV_ERROR, ast_kwloc(f), "E0204",
                            "%s %s has one date; '%s' is a second",
                            an(noun), noun, ast_field_name(f->kind));
            else if (m == LANG)
                diag_report(c->diag, SEV_ERROR, ast_kwloc(f), "E0204",
                            "duplicate '%s' in language '%s'",
                            ast_field_name(f->kind), text_lang(f));
            else
                diag_report(c->diag, SEV_ERROR, ast_kwloc(f), "E0204",
                            "duplicate '%s'", ast_field_name(f->kind));
            diag_note(c->diag, ast_kwloc(prev), "first given here");
            continue;
        }
        if (!(seen >> f->kind & 1)) {
            first[f->kind] = f;
            seen |= (uint64_t)1 << f->kind;
        }
        check_field(c, d, f, deps);
    }
    for (int i = 0; i < nrequired[d->kind]; i++) {
        FieldKind k = required[d->kind][i];
        if (seen >> k & 1)
            continue;
        /* A field given but in error still counts as given. */
        bool given = false;
        for (Field *f = d->fields; f < ast_fields_end(d) && !given; f++)
            given = f->kind == k;
        if (given)
            continue;
        if (k == FK_VERB)
            diag_report(c->diag, SEV_ERROR, d->name_loc, "E0206",
                        "obligation '%s' has no operative verb", d->name);
        else if (k == FK_STATUS)
            diag_report(c->diag, SEV_ERROR, d->name_loc, "E0206",
                        "the progress record of '%s' says nothing happened",
                        d->name);
        else
            diag_report(c->diag, SEV_ERROR, d->name_loc, "E0206",
                        "%s '%s' has no '%s'", noun, d->name,
                        ast_field_name(k));
        if (k == FK_VERB)
            diag_note(c->diag, d->name_loc, "say who is asked, and how, with "
                      "a line such as 'requests SG'");
        if (k == FK_STATUS)
            diag_note(c->diag, d->name_loc, "give one of 'done DATE', 'partly "
                      "DATE', 'in_progress DATE', 'not_done DATE' or "
                      "'not_applicable DATE'");
    }
    if (d->kind == DK_EVENT && !date_field(d, NULL)) {
        diag_report(c->diag, SEV_ERROR, d->name_loc, "E0206",
                    "event '%s' has no date", d->name);
        diag_note(c->diag, d->name_loc, "give it 'on DATE', 'from DATE to "
                  "DATE' or 'during session BODY N'");
    }
}

/* ------------------------------------------------------------------ */
/* The resolution and its paragraphs */

static bool cites_paragraphs(const Decl *d)
{
    if (d->kind == DK_PARAGRAPH)
        return true;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_CITES)
            return true;
    return false;
}

static void find_resolution(Checker *c)
{
    Wsis *w = c->w;
    Decl *first = NULL, *citing = NULL;
    for (size_t i = 0; i < w->nall; i++) {
        if (w->all_kind[i] != DK_RESOLUTION && citing)
            continue;
        Decl *d = w->all[i];
        if (d->kind == DK_RESOLUTION) {
            if (!first) {
                first = d;
            } else {
                diag_report(c->diag, SEV_ERROR, d->name_loc, "E0207",
                            "a second resolution '%s'", d->name);
                diag_note(c->diag, first->name_loc, "a spec follows one "
                          "resolution, and '%s' is declared here",
                          first->name);
            }
        } else if (!citing && cites_paragraphs(d)) {
            citing = d;
        }
    }
    if (!first && citing) {
        diag_report(c->diag, SEV_ERROR, citing->name_loc, "E0207",
                    "%s '%s' cites a paragraph, but no resolution is "
                    "declared", ast_decl_noun(citing->kind), citing->name);
        diag_note(c->diag, citing->name_loc, "declare one with 'resolution "
                  "ID { symbol ... operative 1..N }'");
    }
    c->res = first;
    w->resolution = first;
    if (!first)
        return;
    for (Field *f = first->fields; f < ast_fields_end(first); f++) {
        if (f->kind == FK_OPERATIVE) {
            if (f->n1 >= 1 && f->nums->n2 >= f->n1 &&
                f->nums->n2 - f->n1 < WSIS_MAX_OPERATIVE) {
                c->operative = f;
                w->covered = arena_alloc(w->arena, (size_t)(f->nums->n2 - f->n1) + 1);
            }
            break;
        }
    }
}

static void check_coverage(Checker *c)
{
    const Field *op = c->operative;
    if (!op)
        return;
    int n = op->nums->n2 - op->n1 + 1;
    for (int i = 0; i < n; i++) {
        if (c->w->covered[i])
            continue;
        int j = i;
        while (j + 1 < n && !c->w->covered[j + 1])
            j++;
        if (i == j)
            diag_report(c->diag, SEV_WARNING, op->loc, "W0402",
                        "operative paragraph %d is not accounted for",
                        op->n1 + i);
        else
            diag_report(c->diag, SEV_WARNING, op->loc, "W0402",
                        "operative paragraphs %d %s %d are not accounted for",
                        op->n1 + i, j == i + 1 ? "and" : "to", op->n1 + j);
        diag_note(c->diag, op->loc, "cite %s from an obligation or an event, "
                  "or mark %s with 'paragraph %d VERB'",
                  i == j ? "it" : "them", i == j ? "it" : "each",
                  op->n1 + i);
        i = j;
    }
}

/* ------------------------------------------------------------------ */
/* What obligations mean */

/* The declared strength of a verb, or -1. */
static int strength_of(Wsis *w, const Ident *verb)
{
    const Decl *v = wsis_decl_of(w, verb);
    const Field *f = v && v->kind == DK_VERB ? ast_field_of(v, FK_STRENGTH)
                                             : NULL;
    return f ? f->n1 : -1;
}

/* The marker of a cited paragraph: `paragraph 32(b)`, else `paragraph 32`. */
static const Decl *marker_lookup(Wsis *w, const ParaRef *p)
{
    char key[64];
    const Decl *d = NULL;
    if (p->sub) {
        snprintf(key, sizeof key, "\xC2\xB6%d(%s)", p->num, p->sub);
        d = symtab_get(&w->syms, key);
    }
    if (!d) {
        snprintf(key, sizeof key, "\xC2\xB6%d", p->num);
        d = symtab_get(&w->syms, key);
    }
    return d && d->kind == DK_PARAGRAPH ? d : NULL;
}

static const Decl *marker_of(Checker *c, const ParaRef *p)
{
    if (p->sub || p->num < 0 || p->num >= c->nmarkers)
        return marker_lookup(c->w, p);
    if (!c->marker_known[p->num]) {
        c->markers[p->num] = marker_lookup(c->w, p);
        c->marker_known[p->num] = true;
    }
    return c->markers[p->num];
}

static void check_meaning(Checker *c, const Decl *o)
{
    const Field *verb = ast_field_of(o, FK_VERB);
    if (!verb)
        return;
    bool recalled = ast_field_of(o, FK_ORIGIN) != NULL;
    int strength = strength_of(c->w, verb->verb);
    if (strength == 0 && !recalled) {
        diag_report(c->diag, SEV_WARNING, ast_kwloc(verb), "W0602",
                    "'%s' creates no obligation, yet '%s' is one",
                    verb->verb->name, o->name);
        diag_note(c->diag, ast_kwloc(verb), "mark the paragraph with 'paragraph N "
                  "%s' instead, or say which instrument created the duty "
                  "with 'origin'", verb->verb->name);
    }
    for (const Field *f = o->fields; f < ast_fields_end(o); f++) {
        if (f->kind != FK_CITES)
            continue;
        for (const ParaRef *p = f->paras; p; p = p->next) {
            const Decl *m = marker_of(c, p);
            const Field *mv = m ? ast_field_of(m, FK_VERB) : NULL;
            if (!mv || strcmp(mv->verb->name, verb->verb->name) == 0)
                continue;
            if (strength_of(c->w, mv->verb) == 0 && !recalled)
                diag_report(c->diag, SEV_WARNING, p->loc, "W0602",
                            "paragraph %s only %s: it creates no obligation "
                            "for '%s' to rest on", m->name, mv->verb->name,
                            o->name);
            else
                diag_report(c->diag, SEV_WARNING, ast_kwloc(verb), "W0601",
                            "'%s' %s, but paragraph %s %s",
                            o->name, verb->verb->name, m->name,
                            mv->verb->name);
            diag_note(c->diag, ast_kwloc(mv), "paragraph %s is marked '%s' here",
                      m->name, mv->verb->name);
        }
    }
    const Field *every = ast_field_of(o, FK_EVERY);
    if (!(o->kinds & ((uint64_t)1 << FK_DUE | (uint64_t)1 << FK_EVERY |
                      (uint64_t)1 << FK_ONGOING))) {
        diag_report(c->diag, SEV_WARNING, o->name_loc, "W0603",
                    "'%s' has no deadline and does not recur", o->name);
        diag_note(c->diag, o->name_loc, "give it 'due ...' or 'every ...', "
                  "or say 'ongoing' if it has no end");
    }
    if (every && !every->recur->until.present) {
        diag_report(c->diag, SEV_WARNING, every->loc, "W0604",
                    "'%s' recurs with no end", o->name);
        diag_note(c->diag, every->loc, "add 'until YEAR'; the schedule lists "
                  "its first 10 occurrences");
    }
}

static size_t add_uses(const Ident *names, const Ident **out, size_t n)
{
    for (; names && n < RESOLVE_AHEAD_MAX; names = names->next)
        out[n++] = names;
    return n;
}

/* The kinds of field whose list of names check_field resolves (the verb
   line's verb and a rule's anchor are taken apart, below).  A kind missing
   here costs its lookups their overlap, nothing else. */
static const bool names_resolved[FK__COUNT] = {
    [FK_BODY] = true, [FK_RECOMMENDED_BY] = true, [FK_HOSTS] = true,
    [FK_TO] = true, [FK_BY] = true, [FK_PART_OF] = true,
    [FK_REFERS] = true, [FK_SHIFT] = true, [FK_VERB] = true,
};

/* Adds to out[n..] the uses of names that check_decl resolves in d (as
   far as RESOLVE_AHEAD_MAX); returns the new count. */
static size_t uses_of(const Decl *d, const Ident **out, size_t n)
{
    if (d->kind == DK_SESSION)
        n = add_uses(d->session_body, out, n);
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (names_resolved[f->kind])
            n = add_uses(f->names, out, n);
        if (f->kind == FK_VERB)
            n = add_uses(f->verb, out, n);
        else if ((f->kind == FK_DUE || f->kind == FK_DURING) &&
                 f->when->at.kind != PT_DATE)
            n = add_uses(f->when->at.name, out, n);
    }
    return n;
}

/* Declarations whose names are looked up together (resolve_ahead): about
   five uses each, an obligation's. */
enum { CHECK_AHEAD = 16 };

/* check_decl over the declarations in [from, to), the names each group
   uses looked up together first. */
static void check_run(Checker *c, size_t from, size_t to)
{
    Wsis *w = c->w;
    const Ident *uses[RESOLVE_AHEAD_MAX];
    for (size_t g = from; g < to && !diag_should_stop(c->diag);
         g += CHECK_AHEAD) {
        size_t end = to - g < CHECK_AHEAD ? to : g + CHECK_AHEAD, n = 0;
        for (size_t i = g; i < end; i++)
            if (w->all_kind[i] != DK_IMPORT)
                n = uses_of(w->all[i], uses, n);
        resolve_ahead(w, uses, n);
        for (size_t i = g; i < end && !diag_should_stop(c->diag); i++)
            if (w->all_kind[i] != DK_IMPORT)
                check_decl(c, w->all[i], &w->all_deps[i]);
    }
}

/* check_meaning over the obligations among declarations [from, to). */
static void meaning_run(Checker *c, size_t from, size_t to)
{
    Wsis *w = c->w;
    for (size_t i = from; i < to && !diag_should_stop(c->diag); i++)
        if (w->all_kind[i] == DK_OBLIGATION)
            check_meaning(c, w->all[i]);
}

/* Below this, a thread costs more than it saves. */
enum { CHECK_SPLIT_FROM = 20000 };

/* Declarations are checked in chunks of this many, each taken by the next
   thread free: what a declaration costs depends on its kind (at a million
   obligations, checking one took about twenty times what a progress
   record took), so runs of equal length were far from equal work. */
enum { CHECK_CHUNK = 4096 };

/* What the threads share: the next chunk to take, and which chunks said
   anything (each chunk is written by the one thread that took it, and read
   once all have joined). */
typedef struct CheckShare {
    void (*run)(Checker *c, size_t from, size_t to);
    atomic_size_t next;
    size_t n;
    unsigned char *dirty;
} CheckShare;

/*
 * One thread's checking: against a copy of the compilation that differs in
 * three things, a sink that only counts, an array of its own for the
 * operative paragraphs covered (this thread's is the compilation's) and a
 * name memo of its own.
 */
typedef struct CheckRun {
    Checker c;
    Wsis w;
    DiagSink quiet;
    CheckShare *share;
    pthread_t thread;
    bool started;
} CheckRun;

static void *check_run_thread(void *arg)
{
    CheckRun *r = arg;
    CheckShare *s = r->share;
    size_t k, from, to;
    while (parts_take(&s->next, s->n, CHECK_CHUNK, &k, &from, &to)) {
        int said = r->quiet.nerrors + r->quiet.nwarnings;
        s->run(&r->c, from, to);
        if (r->quiet.nerrors + r->quiet.nwarnings != said)
            s->dirty[k] = 1;
    }
    return NULL;
}

/*
 * run (check_run or meaning_run) over every declaration.  With w->jobs > 1
 * and enough of them, this thread and jobs - 1 others take chunks of
 * declarations in turn and check them with sinks that only count.  Each
 * chunk that said anything at all is then checked again here, in order,
 * with the real sink, so diagnostics come out as, and in the order, they
 * would on one thread.  This is sound because check_decl reads the tree
 * and the symbol table, writes only into its own declaration's nodes (the
 * declaration each name use resolves to, the same on every check), marks
 * the operative paragraphs cited, and allocates nothing; check_meaning
 * only reads, the paragraph markers by number included (looked up before
 * it starts).
 */
static void run_in_chunks(Checker *c,
                          void (*run)(Checker *c, size_t from, size_t to))
{
    Wsis *w = c->w;
    size_t n = w->nall;
    int runs = w->jobs < 2 || n < CHECK_SPLIT_FROM ? 1 : w->jobs;
    size_t nchunks = (n + CHECK_CHUNK - 1) / CHECK_CHUNK;
    CheckShare share = {.run = run, .n = n};
    CheckRun *r = runs > 1 ? calloc((size_t)runs, sizeof *r) : NULL;
    share.dirty = r ? calloc(nchunks, 1) : NULL;
    if (!r || !share.dirty) {
        free(r);
        free(share.dirty);
        run(c, 0, n);
        return;
    }
    atomic_init(&share.next, 0);
    size_t ncov = c->operative && c->operative->nums->n2 >= c->operative->n1
                      ? (size_t)(c->operative->nums->n2 - c->operative->n1) + 1
                      : 0;
    for (int k = 0; k < runs; k++) {
        CheckRun *t = &r[k];
        t->share = &share;
        t->w = *w;
        t->w.diag = &t->quiet;
        t->c = *c;
        t->c.w = &t->w;
        t->c.diag = &t->quiet;
        if (k == 0)
            continue;       /* this thread: the compilation's memo and marks */
        t->w.covered = ncov ? calloc(ncov, 1) : NULL;
        t->w.memo = resolve_memo_new();     /* NULL: none, and slower */
        if (ncov && !t->w.covered)
            continue;       /* not started: the others take its chunks */
        t->started = pthread_create(&t->thread, NULL, check_run_thread,
                                    t) == 0;
    }
    check_run_thread(&r[0]);
    for (int k = 1; k < runs; k++) {
        CheckRun *t = &r[k];
        if (t->started) {
            pthread_join(t->thread, NULL);
            for (size_t i = 0; i < ncov; i++)
                w->covered[i] |= t->w.covered[i];
        }
        resolve_memo_free(t->w.memo);
        free(t->w.covered);
    }
    for (size_t k = 0; k < nchunks && !diag_should_stop(c->diag); k++)
        if (share.dirty[k])
            run(c, k * CHECK_CHUNK,
                n - k * CHECK_CHUNK > CHECK_CHUNK ? (k + 1) * CHECK_CHUNK : n);
    free(share.dirty);
    free(r);
}

static void check_decls(Checker *c)
{
    run_in_chunks(c, check_run);
}

WsisStatus check_all(Wsis *w)
{
    Checker c = {.w = w, .diag = w->diag};
    int before = w->diag->nerrors;
    wsis_index(w);
    /* Every file is read: the interned names stay where they are, but the
       table that found them is no longer needed (a file loaded later gets
       a new one; names are compared as strings where pointers differ). */
    intern_fini(&w->names);
    intern_init(&w->names, w->arena);
    resolve_declare(w);
    w->all_deps = arena_alloc(w->arena, w->nall ? w->nall : 1);
    /* every name is declared: answers can be remembered (resolve.c) */
    w->memo = resolve_memo_new();
    find_resolution(&c);
    check_decls(&c);
    if (!diag_should_stop(c.diag))
        check_coverage(&c);
    /* Dates are worked out only from a spec whose names all resolve. */
    if (w->diag->nerrors == before) {
        /* markers by number up to the operative range's end (a range far
           from 1 keeps to the symbol table) */
        const Field *op = c.operative;
        c.nmarkers = op && op->nums->n2 >= 0 && op->nums->n2 <= 100000
                         ? op->nums->n2 + 1
                         : 0;
        c.markers = arena_alloc(w->arena, ((size_t)c.nmarkers + 1) *
                                              sizeof *c.markers);
        c.marker_known = arena_alloc(w->arena, (size_t)c.nmarkers + 1);
        /* every marker looked up before threads read them (marker_of) */
        for (int k = 0; k < c.nmarkers; k++) {
            ParaRef p = {.num = k};
            c.markers[k] = marker_lookup(w, &p);
            c.marker_known[k] = true;
        }
        run_in_chunks(&c, meaning_run);
        sched_build(w);
        if (w->diag->nerrors == before)
            progress_check(w);
    }
    resolve_memo_free(w->memo);
    w->memo = NULL;
    return w->diag->nerrors > before ? WSIS_ESPEC : WSIS_OK;
}
