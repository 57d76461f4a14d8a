/*
 * emit_dates.c - the resolved schedule as a table, CSV or JSON: every
 * event, and every obligation's occurrences, with the concrete date and
 * the rule it came from.  Rows are sorted by date, so the same spec gives
 * the same bytes; undated (ongoing) obligations come last.
 */
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "date.h"

typedef struct Row {
    bool has_date, has_end;
    int64_t date, end;
    const char *kind;      /* event, deadline, not-before, ongoing, open */
    const char *item;
    int occurrence;        /* 0 when single */
    char *paras;           /* "34" or "37,38" */
    const char *verb;
    char *who;             /* actors or hosts, comma-separated */
    const char *rule;
    int src;               /* source order, the last tie-break */
} Row;

static int row_cmp(const void *pa, const void *pb)
{
    const Row *a = pa, *b = pb;
    if (a->has_date != b->has_date)
        return a->has_date ? -1 : 1;
    if (a->has_date && a->date != b->date)
        return a->date < b->date ? -1 : 1;
    int c = strcmp(a->item, b->item);
    if (c)
        return c;
    if (a->occurrence != b->occurrence)
        return a->occurrence < b->occurrence ? -1 : 1;
    return a->src - b->src;
}

static char *join_names(Arena *a, const Ident *names)
{
    StrBuf sb;
    sb_init(&sb, a);
    for (const Ident *i = names; i; i = i->next) {
        if (i != names)
            sb_add(&sb, ",");
        sb_add(&sb, i->name);
    }
    return sb.p;
}

static char *join_paras(Arena *a, const Decl *d)
{
    StrBuf sb;
    sb_init(&sb, a);
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (f->kind != FK_CITES)
            continue;
        for (const ParaRef *p = f->paras; p; p = p->next)
            sb_addf(&sb, "%s%d%s%s%s", sb.len ? "," : "", p->num,
                    p->sub ? "(" : "", p->sub ? p->sub : "",
                    p->sub ? ")" : "");
    }
    return sb.p;
}

static const char *event_rule(Arena *a, const SchedItem *it)
{
    const Field *f = ast_field_of(it->decl, FK_DURING);
    char s0[11], s1[11];
    date_format(date_from_days(it->start), s0);
    date_format(date_from_days(it->end), s1);
    if (f)
        return arena_printf(a, "during session %s %d", f->when->at.name->name,
                            f->when->at.number);
    if (it->start == it->end)
        return arena_printf(a, "on %s", s0);
    return arena_printf(a, "from %s to %s", s0, s1);
}

/* Every row of the schedule, sorted. */
static Row *collect(Wsis *w, size_t *count)
{
    const Schedule *s = &w->schedule;
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!s->items[i].failed)
            n += s->items[i].nocc > 0 ? (size_t)s->items[i].nocc : 1;
    Row *rows = arena_alloc(w->arena, (n ? n : 1) * sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        const SchedItem *it = &s->items[i];
        if (it->failed)
            continue;
        const Decl *d = it->decl;
        Row base = {0};
        base.item = d->name;
        base.paras = join_paras(w->arena, d);
        base.src = (int)i;
        if (it->kind == SK_EVENT) {
            const Field *h = ast_field_of(d, FK_HOSTS);
            base.has_date = base.has_end = true;
            base.date = it->start;
            base.end = it->end;
            base.kind = "event";
            base.who = join_names(w->arena, h ? h->names : NULL);
            base.rule = event_rule(w->arena, it);
            rows[k++] = base;
            continue;
        }
        const Field *v = ast_field_of(d, FK_VERB);
        base.verb = v ? v->verb->name : "";
        base.who = join_names(w->arena, v ? v->names : NULL);
        if (it->nocc == 0) {
            base.kind = ast_field_of(d, FK_ONGOING) ? "ongoing" : "open";
            base.rule = base.kind[0] == 'o' && base.kind[1] == 'n'
                            ? "ongoing, no deadline" : "no deadline";
            rows[k++] = base;
            continue;
        }
        for (int j = 0; j < it->nocc; j++) {
            const Occurrence *oc = &it->occ[j];
            Row r = base;
            r.occurrence = it->recurring ? oc->period : 0;
            if (oc->has_hi) {
                r.has_date = true;
                r.date = oc->hi;
                r.kind = "deadline";
                r.rule = oc->rule ? oc->rule : "";
            } else if (oc->has_lo) {
                r.has_date = true;
                r.date = oc->lo;
                r.kind = "not-before";
                r.rule = "no deadline; may not be done before this date";
            } else {
                r.kind = ast_field_of(d, FK_ONGOING) ? "ongoing" : "open";
                r.rule = r.kind[1] == 'n' ? "ongoing, no deadline"
                                          : "no deadline";
            }
            rows[k++] = r;
        }
    }
    qsort(rows, k, sizeof *rows, row_cmp);
    *count = k;
    return rows;
}

static void day(char out[11], bool has, int64_t z)
{
    if (has)
        date_format(date_from_days(z), out);
    else
        out[0] = '\0';
}

static void put_table(FILE *o, const Row *rows, size_t n)
{
    static const char *const head[] = {"date", "end", "kind", "item",
                                       "occurrence", "para", "who", "rule"};
    enum { NCOL = 8 };
    size_t w[NCOL];
    for (int c = 0; c < NCOL; c++)
        w[c] = strlen(head[c]);
    char buf[3][16];
    for (size_t i = 0; i < n; i++) {
        const Row *r = &rows[i];
        size_t who = strlen(r->who ? r->who : "") +
                     (r->verb && *r->verb ? strlen(r->verb) + 1 : 0);
        snprintf(buf[2], sizeof buf[2], "%d", r->occurrence);
        size_t len[NCOL] = {r->has_date ? 10 : 0, r->has_end ? 10 : 0,
                            strlen(r->kind), strlen(r->item),
                            r->occurrence ? strlen(buf[2]) : 0,
                            strlen(r->paras), who, 0};
        for (int c = 0; c < NCOL - 1; c++)
            if (len[c] > w[c])
                w[c] = len[c];
    }
    for (int c = 0; c < NCOL - 1; c++)
        fprintf(o, "%-*s  ", (int)w[c], head[c]);
    fprintf(o, "%s\n", head[NCOL - 1]);
    for (size_t i = 0; i < n; i++) {
        const Row *r = &rows[i];
        day(buf[0], r->has_date, r->date);
        day(buf[1], r->has_end, r->end);
        if (r->occurrence)
            snprintf(buf[2], sizeof buf[2], "%d", r->occurrence);
        else
            buf[2][0] = '\0';
        char *who = r->verb && *r->verb
                        ? malloc(strlen(r->verb) + strlen(r->who) + 2)
                        : NULL;
        if (who)
            sprintf(who, "%s %s", r->verb, r->who);
        fprintf(o, "%-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %s\n",
                (int)w[0], buf[0], (int)w[1], buf[1], (int)w[2], r->kind,
                (int)w[3], r->item, (int)w[4], buf[2], (int)w[5], r->paras,
                (int)w[6], who ? who : r->who ? r->who : "", r->rule);
        free(who);
    }
}

/* RFC 4180: quote a field that holds a comma, a quote or a line break. */
static void csv_field(FILE *o, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', o);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', o);
            fputc(*s, o);
        }
        fputc('"', o);
    } else {
        fputs(s, o);
    }
    fputs(last ? "\r\n" : ",", o);
}

static void put_csv(FILE *o, const Row *rows, size_t n, int64_t today)
{
    fputs("date,end,kind,item,occurrence,paragraphs,verb,who,rule,"
          "days_from_today\r\n", o);
    for (size_t i = 0; i < n; i++) {
        const Row *r = &rows[i];
        char d0[11], d1[11], occ[16] = "", days[24] = "";
        day(d0, r->has_date, r->date);
        day(d1, r->has_end, r->end);
        if (r->occurrence)
            snprintf(occ, sizeof occ, "%d", r->occurrence);
        if (r->has_date)
            snprintf(days, sizeof days, "%lld", (long long)(r->date - today));
        csv_field(o, d0, false);
        csv_field(o, d1, false);
        csv_field(o, r->kind, false);
        csv_field(o, r->item, false);
        csv_field(o, occ, false);
        csv_field(o, r->paras, false);
        csv_field(o, r->verb ? r->verb : "", false);
        csv_field(o, r->who ? r->who : "", false);
        csv_field(o, r->rule, false);
        csv_field(o, days, true);
    }
}

static void json_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(o, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(o, "\\u%04x", *p);
        else
            fputc(*p, o);
    }
    fputc('"', o);
}

static void json_list(FILE *o, const char *csv)
{
    fputc('[', o);
    const char *p = csv ? csv : "";
    bool first = true;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char item[256];
        snprintf(item, sizeof item, "%.*s", (int)len, p);
        fputs(first ? "" : ", ", o);
        json_str(o, item);
        first = false;
        p += len + (e ? 1 : 0);
    }
    fputc(']', o);
}

static void put_json(FILE *o, Wsis *w, const Row *rows, size_t n,
                     int64_t today)
{
    char t[11];
    date_format(date_from_days(today), t);
    WsisStats st;
    wsis_stats(w, &st);
    fputs("{\n  \"resolution\": ", o);
    if (st.resolution[0])
        json_str(o, st.resolution);
    else
        fputs("null", o);
    fprintf(o, ",\n  \"today\": \"%s\",\n  \"items\": [", t);
    for (size_t i = 0; i < n; i++) {
        const Row *r = &rows[i];
        char d0[11], d1[11];
        day(d0, r->has_date, r->date);
        day(d1, r->has_end, r->end);
        fputs(i ? ",\n    {" : "\n    {", o);
        fputs("\"date\": ", o);
        if (r->has_date)
            json_str(o, d0);
        else
            fputs("null", o);
        fputs(", \"end\": ", o);
        if (r->has_end)
            json_str(o, d1);
        else
            fputs("null", o);
        fputs(", \"kind\": ", o);
        json_str(o, r->kind);
        fputs(", \"item\": ", o);
        json_str(o, r->item);
        if (r->occurrence)
            fprintf(o, ", \"occurrence\": %d", r->occurrence);
        else
            fputs(", \"occurrence\": null", o);
        fputs(", \"paragraphs\": ", o);
        json_list(o, r->paras);
        fputs(", \"verb\": ", o);
        if (r->verb)
            json_str(o, r->verb);
        else
            fputs("null", o);
        fputs(", \"who\": ", o);
        json_list(o, r->who);
        fputs(", \"rule\": ", o);
        json_str(o, r->rule);
        if (r->has_date)
            fprintf(o, ", \"days_from_today\": %lld",
                    (long long)(r->date - today));
        else
            fputs(", \"days_from_today\": null", o);
        fputc('}', o);
    }
    fputs(n ? "\n  ]\n}\n" : "]\n}\n", o);
}

WsisStatus emit_dates(Wsis *w, FILE *out, WsisFormat fmt, int64_t today)
{
    if (!w->scheduled)
        return WSIS_ESPEC;
    size_t n;
    Row *rows = collect(w, &n);
    switch (fmt) {
    case WSIS_FORMAT_TABLE: put_table(out, rows, n); break;
    case WSIS_FORMAT_CSV: put_csv(out, rows, n, today); break;
    case WSIS_FORMAT_JSON: put_json(out, w, rows, n, today); break;
    }
    return ferror(out) ? WSIS_EIO : WSIS_OK;
}
