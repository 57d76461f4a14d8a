/*
 * emit_ical.c - the schedule as an RFC 5545 calendar.
 *
 * A small writer of our own rather than libical's serializer: libical 3.0
 * can fold a line between a backslash and the character it escapes (Google
 * Calendar then drops the event) and does not escape CATEGORIES values, and
 * folding is exactly where calendars with Chinese text break.  Here every
 * property is built as one logical line of escaped text, then folded at 75
 * octets only between whole UTF-8 characters and never inside an escape
 * pair.  libical remains an independent reader in the tests.
 *
 * Meetings, sessions and deadlines are all-day VEVENTs (DTEND exclusive);
 * --todo makes deadlines VTODOs.  A recurring obligation is one component:
 * DTSTART, an RRULE with COUNT, and EXDATE/RDATE for occurrences the rule
 * alone would not give (a deadline moved off a holiday, a month end), so
 * that its expansion is exactly the resolved schedule.  UIDs derive from
 * the resolution and the declaration, so a re-import updates entries.
 */
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "date.h"
#include "utf8.h"

#ifndef WSISC_VERSION
#define WSISC_VERSION "dev"
#endif

typedef struct Ical {
    Wsis *w;
    FILE *out;
    Arena *a;
    const WsisIcalOptions *opt;
    const char *slug;      /* the resolution, for UIDs */
    const char *sym;       /* its symbol, for descriptions */
    const char *url;
    char stamp[32];        /* DTSTAMP: YYYYMMDDTHHMMSSZ */
    long long sequence;
    char seqtext[24];      /* the same, as text */
    /* The line being built (malloc'd, grown as needed; the arena's cleanup
       frees it if memory runs out): a property is put together here, with
       no formatting and no allocation per line. */
    char *line;
    size_t cap;
    char *fold;            /* lines folded, waiting to be written (as line) */
    size_t foldcap, foldn;
} Ical;

/* ------------------------------------------------------------------ */
/* Lines */

/* The length of the fold unit at s: a UTF-8 character, or an escape pair. */
static size_t unit_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return c == '\\' && s[1] ? 2 : 1;
    /* at most 4 bytes are looked at: never the whole rest of the line */
    size_t avail = 1;
    while (avail < 4 && s[avail])
        avail++;
    uint32_t cp;
    size_t k = utf8_decode((const unsigned char *)s, avail, &cp);
    return k ? k : 1;
}

static void reserve(char **buf, size_t *cap, size_t need, Arena *a);

enum { WRITE_AT = 64 * 1024 };

/* Hands the folded lines to stdio: in writes of about 64 KiB, not one a
   line (each stdio call takes the stream's lock). */
static void flush_lines(Ical *ic)
{
    fwrite(ic->fold, 1, ic->foldn, ic->out);
    ic->foldn = 0;
}

/* Writes one logical line, folded at 75 octets, ending in CRLF: folded
   into a buffer first, so lines go out in large writes, not a unit at a
   time. */
static void put_line(Ical *ic, const char *line)
{
    size_t n = strlen(line);
    /* Each folded line holds at least 71 octets (a fold comes when the
       next unit, at most 4 octets, would pass 75), so n / 32 + 1 folds is
       more than enough; CRLF SPACE each, CRLF at the end. */
    reserve(&ic->fold, &ic->foldcap, ic->foldn + n + 3 * (n / 32 + 2) + 2,
            ic->a);
    char *q = ic->fold + ic->foldn;
    size_t used = 0;
    const char *run = line, *p = line;
    while (*p) {
        size_t k = unit_len(p);
        if (used + k > 75) {
            memcpy(q, run, (size_t)(p - run));
            q += p - run;
            memcpy(q, "\r\n ", 3);
            q += 3;
            run = p;
            used = 1;
        }
        used += k;
        p += k;
    }
    memcpy(q, run, (size_t)(p - run));
    q += p - run;
    memcpy(q, "\r\n", 2);
    q += 2;
    ic->foldn = (size_t)(q - ic->fold);
    if (ic->foldn >= WRITE_AT)
        flush_lines(ic);
}

/* Room for need bytes in a malloc'd buffer; running out is the arena's. */
static void reserve(char **buf, size_t *cap, size_t need, Arena *a)
{
    if (need + 1 <= *cap)
        return;
    size_t c = *cap ? *cap : 256;
    while (c < need + 1)
        c *= 2;
    char *p = realloc(*buf, c);
    if (!p) {
        arena_oom(a);
        return;
    }
    *buf = p;
    *cap = c;
}

/* NAME:VALUE, with VALUE escaped as TEXT when text is set (see esc). */
static void put_prop(Ical *ic, const char *name, const char *value, bool text)
{
    size_t nn = strlen(name), nv = strlen(value);
    /* escaping at most doubles the value */
    reserve(&ic->line, &ic->cap, nn + 1 + (text ? 2 * nv : nv), ic->a);
    char *q = ic->line;
    memcpy(q, name, nn);
    q += nn;
    *q++ = ':';
    if (!text) {
        memcpy(q, value, nv);
        q += nv;
    } else {
        for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
            if (*p == '\\' || *p == ';' || *p == ',') {
                *q++ = '\\';
                *q++ = (char)*p;
            } else if (*p == '\n') {
                *q++ = '\\';
                *q++ = 'n';
            } else if (*p == '\t') {
                *q++ = ' ';
            } else if (*p >= 0x20 && *p != 0x7F) {
                *q++ = (char)*p;
            }
        }
    }
    *q = '\0';
    put_line(ic, ic->line);
}

/*
 * TEXT escaping: backslash, semicolon and comma get a backslash, a newline
 * becomes \n; other control characters (a CR included) are dropped, so no
 * text can end a line and start a property of its own.  (put_prop escapes
 * the same way, in place.)
 */
static char *esc(Arena *a, const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += (*p == '\\' || *p == ';' || *p == ',' || *p == '\n') ? 2 : 1;
    char *o = arena_alloc(a, n + 1), *q = o;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',') {
            *q++ = '\\';
            *q++ = (char)*p;
        } else if (*p == '\n') {
            *q++ = '\\';
            *q++ = 'n';
        } else if (*p == '\t') {
            *q++ = ' ';
        } else if (*p >= 0x20 && *p != 0x7F) {
            *q++ = (char)*p;
        }
    }
    *q = '\0';
    return o;
}

static void prop(Ical *ic, const char *name, const char *value)
{
    put_prop(ic, name, value, false);
}

static void prop_text(Ical *ic, const char *name, const char *text)
{
    put_prop(ic, name, text, true);
}

/* YYYYMMDD, a DATE value. */
static void day(char out[9], int64_t z)
{
    char iso[11];
    date_format(date_from_days(z), iso);
    memcpy(out, iso, 4);
    memcpy(out + 4, iso + 5, 2);
    memcpy(out + 6, iso + 8, 2);
    out[8] = '\0';
}

static void prop_date(Ical *ic, const char *name, int64_t z)
{
    char buf[9], param[64];
    day(buf, z);
    snprintf(param, sizeof param, "%s;VALUE=DATE", name);
    put_prop(ic, param, buf, false);
}

/* ------------------------------------------------------------------ */
/* Texts in the chosen language */

static const char *str_in(const Decl *d, FieldKind k, const char *lang,
                          const char *fallback)
{
    const Text *t = ast_text_in(d, k, lang);
    return t ? t->str : fallback;
}

static bool is_zh(const Ical *ic)
{
    return strcmp(ic->opt->lang, "zh") == 0;
}

/* Labels of the descriptions, in English and Chinese (others: English). */
static const char *label(const Ical *ic, int i)
{
    static const char *const en[] = {"Paragraph", "Hosts", "To", "Due",
                                     "Occurrences", "Place", "Session of"};
    static const char *const zh[] = {"段落", "主办方", "对象", "期限",
                                     "各次日期", "地点", "会议机构"};
    return is_zh(ic) ? zh[i] : en[i];
}
enum { L_PARA, L_HOSTS, L_TO, L_DUE, L_OCC, L_PLACE, L_BODY };

static const Decl *entity(const Ical *ic, const Ident *name)
{
    const Decl *d = wsis_decl_of(ic->w, name);
    return d && d->kind == DK_ENTITY ? d : NULL;
}

/* Names joined with ", ": short names for summaries, full ones else. */
static char *names_of(Ical *ic, const Ident *ids, bool shortname)
{
    StrBuf sb;
    sb_init(&sb, ic->a);
    for (const Ident *i = ids; i; i = i->next) {
        const Decl *e = entity(ic, i);
        const char *n = i->name;
        const char *lang = ic->opt->lang;
        if (e && shortname) {
            /* short name in the language, else the full one in it (秘书长),
               else the English short name */
            const Text *t = ast_text_in(e, FK_SHORT, lang);
            const Text *full = ast_text_in(e, FK_NAME, lang);
            if (t && t->lang && strcmp(t->lang, lang) == 0)
                n = t->str;
            else if (full && full->lang && strcmp(full->lang, lang) == 0 &&
                     strcmp(lang, "en") != 0)
                n = full->str;
            else if (t)
                n = t->str;
        } else if (e) {
            n = str_in(e, FK_NAME, lang, i->name);
        }
        if (sb.len)
            sb_add(&sb, is_zh(ic) ? "、" : ", ");
        sb_add(&sb, n);
    }
    return sb.p;
}

/* "E/RES/2012/5 ¶37, ¶38", or "" when nothing is cited. */
static char *paras_of(Ical *ic, const Decl *d)
{
    StrBuf sb;
    sb_init(&sb, ic->a);
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (f->kind != FK_CITES)
            continue;
        for (const ParaRef *p = f->paras; p; p = p->next) {
            char num[16];
            snprintf(num, sizeof num, "%d", p->num);
            sb_cat(&sb, sb.len ? ", " : "", "\xC2\xB6", num,
                   p->sub ? "(" : "", p->sub ? p->sub : "",
                   p->sub ? ")" : "", (char *)NULL);
        }
    }
    return sb.len ? arena_cat(ic->a, ic->sym, " ", sb.p, (char *)NULL) : sb.p;
}

/* At most max characters of s, cut at a word when it can be. */
static const char *shorten(Ical *ic, const char *s, size_t max)
{
    size_t chars = 0, i = 0, space = 0, n = strlen(s);
    while (i < n) {
        if (chars == max) {
            size_t cut = space > i / 2 ? space : i;
            return arena_printf(ic->a, "%.*s…", (int)cut, s);
        }
        if (s[i] == ' ')
            space = i;
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        i += k ? k : 1;
        chars++;
    }
    return s;
}

/* ------------------------------------------------------------------ */
/* Components */

static void begin(Ical *ic, const char *comp, const char *uid)
{
    prop(ic, "BEGIN", comp);
    prop_text(ic, "UID", uid);
    prop(ic, "DTSTAMP", ic->stamp);
    prop(ic, "SEQUENCE", ic->seqtext);
}

static const char *uid(Ical *ic, const char *kind, const char *name)
{
    return arena_cat(ic->a, kind, "-", name, ".", ic->slug, "@wsisc",
                     (char *)NULL);
}

static void alarm(Ical *ic, long long days, const char *what, bool todo)
{
    prop(ic, "BEGIN", "VALARM");
    prop(ic, "ACTION", "DISPLAY");
    prop_text(ic, "DESCRIPTION", what);
    char v[32];
    snprintf(v, sizeof v, "-P%lldD", days);
    prop(ic, todo ? "TRIGGER;RELATED=END" : "TRIGGER;RELATED=START", v);
    prop(ic, "END", "VALARM");
}

static void put_session(Ical *ic, const Decl *s)
{
    const Field *f = NULL;
    for (const Field *g = s->fields; g < ast_fields_end(s); g++)
        if (g->kind == FK_FROM || g->kind == FK_ON)
            f = g;
    if (!f)
        return;
    Date d1 = {f->dates->d1.y, f->dates->d1.m, f->dates->d1.d};
    Date d2 = f->kind == FK_FROM ? (Date){f->dates->d2.y, f->dates->d2.m, f->dates->d2.d} : d1;
    char *id = arena_printf(ic->a, "%s-%d", s->session_body->name,
                            s->session_number);
    begin(ic, "VEVENT", uid(ic, "session", id));
    prop_text(ic, "SUMMARY", str_in(s, FK_TITLE, ic->opt->lang, s->name));
    prop_date(ic, "DTSTART", date_to_days(d1));
    prop_date(ic, "DTEND", date_to_days(d2) + 1);
    const char *at = str_in(s, FK_AT, ic->opt->lang, NULL);
    if (at)
        prop_text(ic, "LOCATION", at);
    const Decl *body = entity(ic, s->session_body);
    prop_text(ic, "DESCRIPTION",
              arena_printf(ic->a, "%s: %s", label(ic, L_BODY),
                           body ? str_in(body, FK_NAME, ic->opt->lang,
                                         s->session_body->name)
                                : s->session_body->name));
    prop(ic, "CATEGORIES", "Session");
    prop(ic, "TRANSP", "TRANSPARENT");
    prop(ic, "END", "VEVENT");
}

static void put_event(Ical *ic, const SchedItem *it)
{
    const Decl *d = it->decl;
    begin(ic, "VEVENT", uid(ic, "event", d->name));
    prop_text(ic, "SUMMARY", str_in(d, FK_TITLE, ic->opt->lang, d->name));
    prop_date(ic, "DTSTART", it->start);
    prop_date(ic, "DTEND", it->end + 1);
    const char *at = str_in(d, FK_AT, ic->opt->lang, NULL);
    if (at)
        prop_text(ic, "LOCATION", at);
    StrBuf desc;
    sb_init(&desc, ic->a);
    const char *summary = str_in(d, FK_SUMMARY, ic->opt->lang, NULL);
    if (summary)
        sb_addf(&desc, "%s\n", summary);
    char *paras = paras_of(ic, d);
    if (*paras)
        sb_addf(&desc, "%s: %s\n", label(ic, L_PARA), paras);
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_HOSTS)
            sb_addf(&desc, "%s: %s\n", label(ic, L_HOSTS),
                    names_of(ic, f->names, false));
    if (desc.len && desc.p[desc.len - 1] == '\n')
        desc.p[--desc.len] = '\0';
    if (desc.len)
        prop_text(ic, "DESCRIPTION", desc.p);
    if (ic->url)
        prop(ic, "URL", ic->url);
    prop(ic, "CATEGORIES", "Meeting");
    prop(ic, "TRANSP", "TRANSPARENT");
    prop(ic, "END", "VEVENT");
}

/* Does the obligation address one of the --actor entities, or a part of
   one (ITU is part of UN_ENTITIES)? */
static bool within(Ical *ic, const Ident *name, const char *target,
                   int depth)
{
    if (strcmp(name->name, target) == 0)
        return true;
    const Decl *e = entity(ic, name);
    if (!e || depth > 32)
        return false;
    for (const Field *f = e->fields; f < ast_fields_end(e); f++)
        if (f->kind == FK_PART_OF)
            for (const Ident *i = f->names; i; i = i->next)
                if (within(ic, i, target, depth + 1))
                    return true;
    return false;
}

static bool wanted(Ical *ic, const Field *verb)
{
    if (ic->opt->nactors == 0)
        return true;
    for (const Ident *i = verb ? verb->names : NULL; i; i = i->next)
        for (size_t k = 0; k < ic->opt->nactors; k++)
            if (within(ic, i, ic->opt->actors[k], 0))
                return true;
    return false;
}

/*
 * The RRULE for a recurrence and the dates it makes from dtstart, counted
 * as RFC 5545 does: a day the month lacks is skipped, not moved, and does
 * not count towards COUNT.
 */
static int64_t *rule_dates(Ical *ic, int64_t dtstart, const Recur *r, int n)
{
    int64_t *g = arena_alloc(ic->a, (size_t)n * sizeof *g);
    Date d0 = date_from_days(dtstart);
    int k = 0;
    for (int64_t step = 0; k < n && step < (int64_t)n * 16; step++) {
        Date dt;
        DateStatus st;
        int64_t by = step * r->interval;
        switch (r->unit) {
        case UNIT_DAY: st = date_add_days(d0, by, &dt); break;
        case UNIT_WEEK: st = date_add_days(d0, 7 * by, &dt); break;
        case UNIT_MONTH: st = date_add_months(d0, by, DATE_EXACT, &dt); break;
        default: st = date_add_months(d0, 12 * by, DATE_EXACT, &dt); break;
        }
        if (st == DATE_OUT_OF_RANGE)
            break;
        if (st == DATE_OK)
            g[k++] = date_to_days(dt);
    }
    while (k < n)
        g[k++] = INT64_MIN;   /* past the calendar: never an instance */
    return g;
}

static bool has(const int64_t *v, int n, int64_t x)
{
    for (int i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static void put_dates(Ical *ic, const char *name, const int64_t *v, int n,
                      const int64_t *except, int m)
{
    StrBuf list;
    sb_init(&list, ic->a);
    for (int i = 0; i < n; i++) {
        if (v[i] == INT64_MIN || has(except, m, v[i]))
            continue;
        char b[9];
        day(b, v[i]);
        if (list.len)
            sb_add(&list, ",");
        sb_add(&list, b);
    }
    if (list.len) {
        char param[64];
        snprintf(param, sizeof param, "%s;VALUE=DATE", name);
        prop(ic, param, list.p);
    }
}

static void put_obligation(Ical *ic, const SchedItem *it)
{
    const Decl *d = it->decl;
    const Field *verb = ast_field_of(d, FK_VERB);
    if (!wanted(ic, verb))
        return;
    /* Only occurrences with a deadline go in a calendar. */
    int n = 0;
    int64_t *due = arena_alloc(ic->a, (size_t)(it->nocc + 1) * sizeof *due);
    for (int i = 0; i < it->nocc; i++)
        if (it->occ[i].has_hi)
            due[n++] = it->occ[i].hi;
    if (n == 0)
        return;
    bool todo = ic->opt->todo;
    const char *lang = ic->opt->lang;
    /* SG: Submit to the Commission a yearly report on … */
    const char *who = verb ? names_of(ic, verb->names, true) : "";
    const char *what = str_in(d, FK_SUMMARY, lang, NULL);
    if (!what)
        what = shorten(ic, str_in(d, FK_ACTION, lang, d->name),
                       is_zh(ic) ? 40 : 72);
    begin(ic, todo ? "VTODO" : "VEVENT", uid(ic, todo ? "todo" : "deadline",
                                             d->name));
    prop_text(ic, "SUMMARY", arena_cat(ic->a, who,
                                       *who ? (is_zh(ic) ? "：" : ": ") : "",
                                       what, (char *)NULL));
    /* A VTODO's series runs on DTSTART, the day before each DUE. */
    int64_t shift = todo ? 1 : 0;
    if (todo) {
        prop_date(ic, "DTSTART", due[0] - shift);
        prop_date(ic, "DUE", due[0]);
    } else {
        prop_date(ic, "DTSTART", due[0]);
        prop_date(ic, "DTEND", due[0] + 1);
    }
    if (it->recurring && n > 1) {
        const Recur *r = ast_field_of(d, FK_EVERY)->recur;
        static const char *const freq[] = {"DAILY", "WEEKLY", "MONTHLY",
                                           "YEARLY"};
        prop(ic, "RRULE",
             r->interval > 1
                 ? arena_printf(ic->a, "FREQ=%s;INTERVAL=%d;COUNT=%d",
                                freq[r->unit], r->interval, n)
                 : arena_printf(ic->a, "FREQ=%s;COUNT=%d", freq[r->unit], n));
        int64_t *starts = arena_alloc(ic->a, (size_t)n * sizeof *starts);
        for (int i = 0; i < n; i++)
            starts[i] = due[i] - shift;
        int64_t *gen = rule_dates(ic, starts[0], r, n);
        put_dates(ic, "EXDATE", gen, n, starts, n);
        put_dates(ic, "RDATE", starts, n, gen, n);
    }
    /* Description: who is asked what, under which paragraph, when. */
    const char *vphrase = verb ? verb->verb->name : "";
    const Decl *vd = verb ? wsis_decl_of(ic->w, verb->verb) : NULL;
    if (vd && vd->kind == DK_VERB) {
        const Text *t = ast_text_in(vd, FK_PHRASE, lang);
        if (t)
            vphrase = t->str;
    }
    StrBuf desc;
    sb_init(&desc, ic->a);
    sb_cat(&desc, verb ? names_of(ic, verb->names, false) : "",
           is_zh(ic) ? "" : " ", vphrase, " (", paras_of(ic, d), ")\n",
           str_in(d, FK_ACTION, lang, ""), (char *)NULL);
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == FK_TO)
            sb_cat(&desc, "\n", label(ic, L_TO), ": ",
                   names_of(ic, f->names, false), (char *)NULL);
    if (it->occ[0].rule && !it->recurring)
        sb_cat(&desc, "\n", label(ic, L_DUE), ": ", it->occ[0].rule,
               (char *)NULL);
    if (it->recurring) {
        StrBuf list;
        sb_init(&list, ic->a);
        for (int i = 0; i < n; i++) {
            char b[11];
            date_format(date_from_days(due[i]), b);
            if (i)
                sb_add(&list, ", ");
            sb_add(&list, b);
        }
        sb_cat(&desc, "\n", label(ic, L_OCC), ": ", list.p, (char *)NULL);
    }
    prop_text(ic, "DESCRIPTION", desc.p);
    if (ic->url)
        prop(ic, "URL", ic->url);
    prop(ic, "CATEGORIES", verb ? arena_cat(ic->a, "Deadline,",
                                            esc(ic->a, verb->verb->name),
                                            (char *)NULL)
                                : "Deadline");
    if (!todo)
        prop(ic, "TRANSP", "TRANSPARENT");
    const Field *rem = ast_field_of(d, FK_REMIND);
    long long days = -1;
    if (rem) {
        /* a reminder in weeks, months or years, in days (months of 30) */
        static const int per[] = {1, 7, 30, 365};
        days = (long long)rem->n1 * per[rem->nums->unit];
    } else if (ic->opt->alarm_days >= 0) {
        days = ic->opt->alarm_days;
    }
    if (days >= 0)
        alarm(ic, days, arena_printf(ic->a, "%s%s%s", who,
                                     *who ? ": " : "", what), todo);
    prop(ic, "END", todo ? "VTODO" : "VEVENT");
}

/* ------------------------------------------------------------------ */

static void free_line(void *ud)
{
    Ical *ic = ud;
    free(ic->line);
    free(ic->fold);
    ic->line = ic->fold = NULL;
}

static char *slug_of(Arena *a, const char *s)
{
    char *o = arena_strndup(a, s, strlen(s));
    for (char *p = o; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
        else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            *p = '-';
    }
    return o;
}

WsisStatus emit_ical(Wsis *w, FILE *out, const WsisIcalOptions *opt)
{
    if (!w->scheduled)
        return WSIS_ESPEC;
    Ical ic = {.w = w, .out = out, .a = w->arena, .opt = opt, .slug = "spec",
               .sym = ""};
    const Decl *res = w->resolution;
    const Field *symf = res ? ast_field_of(res, FK_SYMBOL) : NULL;
    const char *sym = symf ? symf->text->str : NULL;
    if (sym) {
        ic.slug = slug_of(ic.a, sym);
        ic.sym = sym;
        const Field *u = ast_field_of(res, FK_URL);
        ic.url = u ? u->text->str
                   : arena_printf(ic.a, "https://undocs.org/%s", sym);
    }
    /* DTSTAMP from the caller's clock (SOURCE_DATE_EPOCH or --today);
       SEQUENCE counts minutes since 2000, so a later run's update wins. */
    int64_t secs = opt->stamp;
    char ymd[9];
    day(ymd, secs >= 0 ? secs / 86400 : 0);
    int rem = (int)(secs >= 0 ? secs % 86400 : 0);
    snprintf(ic.stamp, sizeof ic.stamp, "%sT%02d%02d%02dZ", ymd, rem / 3600,
             rem / 60 % 60, rem % 60);
    ic.sequence = secs > 946684800 ? (secs - 946684800) / 60 : 0;
    snprintf(ic.seqtext, sizeof ic.seqtext, "%lld", ic.sequence);
    arena_push_cleanup(ic.a, free_line, &ic);

    prop(&ic, "BEGIN", "VCALENDAR");
    prop(&ic, "VERSION", "2.0");
    prop(&ic, "PRODID", "-//wsisc//wsisc " WSISC_VERSION "//EN");
    prop(&ic, "CALSCALE", "GREGORIAN");
    if (res) {
        const char *title = str_in(res, FK_TITLE, opt->lang, res->name);
        const char *name = sym ? arena_printf(ic.a, "%s: %s", sym, title)
                               : title;
        prop_text(&ic, "NAME", name);
        prop_text(&ic, "X-WR-CALNAME", name);
    }
    const Schedule *s = &w->schedule;
    for (size_t i = 0; i < w->nall; i++)
        if (w->all_kind[i] == DK_SESSION && w->all[i]->used &&
            !w->all[i]->replaced)
            put_session(&ic, w->all[i]);
    for (size_t i = 0; i < s->n; i++) {
        const SchedItem *it = &s->items[i];
        if (it->failed)
            continue;
        /* Each component's strings are dropped once it is written. */
        ArenaMark m = arena_mark(ic.a);
        if (it->kind == SK_EVENT)
            put_event(&ic, it);
        else
            put_obligation(&ic, it);
        arena_release(ic.a, m);
    }
    prop(&ic, "END", "VCALENDAR");
    flush_lines(&ic);
    arena_pop_cleanup(ic.a);
    free(ic.line);
    free(ic.fold);
    return ferror(out) ? WSIS_EIO : WSIS_OK;
}

int wsis_is_entity(Wsis *w, const char *name)
{
    const Decl *d = symtab_get(&w->syms, name);
    return d && d->kind == DK_ENTITY;
}
