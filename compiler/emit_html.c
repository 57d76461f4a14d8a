/*
 * emit_html.c - the report as one self-contained page for people: a
 * summary, a timeline of meetings and deadlines around the as-of date
 * (inline SVG), the obligations grouped by status and coloured, the
 * meetings, and the roll-ups.  No scripts, no fonts, no network.
 *
 * Generated directly rather than through an XSLT stylesheet over the XML:
 * one model (report.c) feeds both views, and the page needs no libxslt.
 */
#include <string.h>

#include "report.h"

#ifndef WSISC_VERSION
#define WSISC_VERSION "dev"
#endif

typedef struct H {
    FILE *o;
    Arena *a;
    Wsis *w;
    const Report *rp;
} H;

static const char *const colour[ST__COUNT] = {
    "#2e7d32", "#827717", "#c62828", "#ef6c00", "#546e7a", "#1565c0",
    "#9e9e9e",
};
static const char *const label[ST__COUNT] = {
    "Met", "Met late", "Overdue", "Due soon", "Pending", "Ongoing",
    "Not applicable",
};
/* The table's order: what needs action first. */
static const Status order[ST__COUNT] = {
    ST_OVERDUE, ST_DUE_SOON, ST_PENDING, ST_ONGOING, ST_MET_LATE, ST_MET,
    ST_NOT_APPLICABLE,
};

/* Text, escaped for HTML; control characters dropped. */
static void put(H *h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", h->o); break;
        case '<': fputs("&lt;", h->o); break;
        case '>': fputs("&gt;", h->o); break;
        case '"': fputs("&quot;", h->o); break;
        case '\'': fputs("&#39;", h->o); break;
        default:
            if (*p >= 0x20 || *p == '\n')
                fputc(*p, h->o);
        }
    }
}

static const char *day(H *h, int64_t z)
{
    char *b = arena_alloc(h->a, 11);
    date_format(date_from_days(z), b);
    return b;
}

/* At most n characters (not bytes) of s, with an ellipsis when cut. */
static const char *clip(H *h, const char *s, int n)
{
    int chars = 0;
    for (const char *p = s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && chars++ == n)
            return arena_printf(h->a, "%.*s\xE2\x80\xA6", (int)(p - s), s);
    }
    return s;
}

static const char *title_of(const Decl *d, FieldKind k)
{
    const Text *t = ast_text_in(d, k, "en");
    return t ? t->str : d->name;
}

static void head(H *h, const char *sym, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>", h->o);
    put(h, sym);
    fputs(" follow-up as of ", h->o);
    put(h, day(h, h->rp->as_of));
    fputs("</title>\n<style>\n"
          "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;"
          "max-width:1100px;padding:0 1em;color:#222;background:#fff}\n"
          "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;"
          "margin:1.6em 0 .5em;border-bottom:2px solid #ddd}\n"
          ".sub{color:#555}.cards{display:flex;flex-wrap:wrap;gap:.6em}\n"
          ".card{border-radius:6px;color:#fff;padding:.5em .9em;"
          "min-width:7em}.card b{display:block;font-size:1.6em}\n"
          "table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
          "th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid "
          "#e5e5e5;vertical-align:top}th{background:#f4f4f4}\n"
          "td.st{color:#fff;font-weight:600;white-space:nowrap}\n"
          "td.d{white-space:nowrap}\n"
          "tr.group td{background:#fafafa;font-weight:600;padding-top:.8em}\n"
          ".ill{color:#8d6e63;font-style:italic}.num{text-align:right}\n"
          "svg{width:100%;height:auto;border:1px solid #eee}\n"
          "</style>\n</head>\n<body>\n", h->o);
}

static void summary(H *h)
{
    fputs("<h2 id=\"summary\">Summary</h2>\n<p>", h->o);
    fprintf(h->o, "%d obligations, %d dated occurrences and duties, as of "
            "<strong>%s</strong>.</p>\n<div class=\"cards\">\n",
            h->rp->nobl, h->rp->occurrences, day(h, h->rp->as_of));
    for (int i = 0; i < ST__COUNT; i++) {
        Status s = order[i];
        fprintf(h->o, "<div class=\"card\" style=\"background:%s\"><b>%d</b>%s"
                "</div>\n", colour[s], h->rp->total[s], label[s]);
    }
    fputs("</div>\n", h->o);
    if (h->rp->stale)
        fprintf(h->o, "<p>%d ongoing duties have no progress record in the "
                "last %d days.</p>\n", h->rp->stale, h->rp->stale_days);
}

/* The timeline: a year and a half either side of the as-of date. */
static void timeline(H *h)
{
    const Report *rp = h->rp;
    int64_t from = rp->as_of - 548, to = rp->as_of + 548;
    const int W = 1000, L = 40, R = 960;
    int rows = 0;
    fputs("<h2 id=\"timeline\">Timeline</h2>\n", h->o);
    /* Count rows first: one per event and per deadline in range. */
    const Schedule *s = &h->w->schedule;
    for (size_t i = 0; i < s->n; i++) {
        const SchedItem *it = &s->items[i];
        if (it->kind == SK_EVENT && !it->failed && it->end >= from &&
            it->start <= to)
            rows++;
    }
    for (int i = 0; i < rp->nobl; i++)
        for (int k = 0; k < rp->obl[i].nocc; k++) {
            const Occurrence *oc = rp->obl[i].occ[k].occ;
            if (oc && oc->has_hi && oc->hi >= from && oc->hi <= to)
                rows++;
        }
    int H0 = 50 + rows * 18 + 10;
    fprintf(h->o, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\""
            "Meetings and deadlines from %s to %s\">\n", W, H0,
            day(h, from), day(h, to));
    fprintf(h->o, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
            "fill=\"#fcfcfc\"/>\n", W, H0);
#define XPOS(z) (L + (int)((double)((z) - from) * (R - L) / (double)(to - from)))
    /* year ticks */
    for (int y = date_from_days(from).y + 1; y <= date_from_days(to).y; y++) {
        Date d = {y, 1, 1};
        int x = XPOS(date_to_days(d));
        fprintf(h->o, "<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" "
                "stroke=\"#ddd\"/>\n<text x=\"%d\" y=\"22\" font-size=\"12\" "
                "text-anchor=\"middle\" fill=\"#555\">%d</text>\n", x, x, H0,
                x, y);
    }
    int ax = XPOS(rp->as_of);
    fprintf(h->o, "<line x1=\"%d\" y1=\"26\" x2=\"%d\" y2=\"%d\" "
            "stroke=\"#c62828\" stroke-width=\"2\"/>\n<text x=\"%d\" y=\"40\" "
            "font-size=\"11\" fill=\"#c62828\">as of %s</text>\n", ax, ax, H0,
            ax + 4, day(h, rp->as_of));
    int y = 56;
    for (size_t i = 0; i < s->n; i++) {
        const SchedItem *it = &s->items[i];
        if (it->kind != SK_EVENT || it->failed || it->end < from ||
            it->start > to)
            continue;
        int x0 = XPOS(it->start < from ? from : it->start);
        int x1 = XPOS(it->end + 1 > to ? to : it->end + 1);
        fprintf(h->o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"10\" "
                "fill=\"#1565c0\" opacity=\".75\"><title>", x0, y - 9,
                x1 - x0 < 3 ? 3 : x1 - x0);
        put(h, title_of(it->decl, FK_TITLE));
        fputs("</title></rect>\n", h->o);
        fprintf(h->o, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
                "fill=\"#1565c0\"%s>", x1 + 4 > R - 300 ? x0 - 4 : x1 + 4, y,
                x1 + 4 > R - 300 ? " text-anchor=\"end\"" : "");
        put(h, clip(h, title_of(it->decl, FK_TITLE), 56));
        fputs("</text>\n", h->o);
        y += 18;
    }
    for (int i = 0; i < rp->nobl; i++)
        for (int k = 0; k < rp->obl[i].nocc; k++) {
            const OccStatus *os = &rp->obl[i].occ[k];
            const Occurrence *oc = os->occ;
            if (!oc || !oc->has_hi || oc->hi < from || oc->hi > to)
                continue;
            int x = XPOS(oc->hi);
            fprintf(h->o, "<path d=\"M%d %d l6 -6 l6 6 l-6 6 z\" fill=\"%s\">"
                    "<title>", x - 6, y - 4, colour[os->status]);
            put(h, rp->obl[i].item->decl->name);
            fputs("</title></path>\n", h->o);
            fprintf(h->o, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
                    "fill=\"%s\"%s>", x > R - 260 ? x - 10 : x + 10, y,
                    colour[os->status],
                    x > R - 260 ? " text-anchor=\"end\"" : "");
            put(h, rp->obl[i].item->decl->name);
            if (rp->obl[i].item->recurring)
                fprintf(h->o, " %d", oc->period);
            fprintf(h->o, " (%s, %s)</text>\n", day(h, oc->hi),
                    label[os->status]);
            y += 18;
        }
#undef XPOS
    fputs("</svg>\n", h->o);
}

static void who(H *h, const Decl *d)
{
    const Field *v = ast_field_of(d, FK_VERB);
    if (!v)
        return;
    put(h, v->verb->name);
    fputs(" ", h->o);
    for (const Ident *i = v->names; i; i = i->next) {
        put(h, i->name);
        if (i->next)
            fputs(", ", h->o);
    }
}

static void paras(H *h, const Decl *d)
{
    bool first = true;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        if (f->kind != FK_CITES)
            continue;
        for (const ParaRef *p = f->paras; p; p = p->next) {
            fprintf(h->o, "%s\xC2\xB6%d", first ? "" : ", ", p->num);
            if (p->sub)
                fprintf(h->o, "(%s)", p->sub);
            first = false;
        }
    }
}

static void evidence(H *h, const OccStatus *os)
{
    static const char *const st[] = {"done", "partly done", "not done",
                                     "in progress", "not applicable"};
    for (int e = 0; e < os->nevidence; e++) {
        const Record *r = os->evidence[e];
        fprintf(h->o, "%s%s %04d-%02d-%02d", e ? "<br>" : "", st[r->status],
                r->date.y, r->date.m, r->date.d);
        for (uint32_t k = 0; k < r->nrefs; k++) {
            fputs(" &middot; ", h->o);
            put(h, record_refs(r)[k]->str);
        }
        if (r->illustrative)
            fputs(" <span class=\"ill\">(illustrative)</span>", h->o);
    }
}

static void table(H *h)
{
    const Report *rp = h->rp;
    fputs("<h2 id=\"obligations\">Obligations by status</h2>\n<table>\n"
          "<thead><tr><th>Status</th><th>Due</th><th>Obligation</th>"
          "<th>Paragraph</th><th>Who</th><th class=\"num\">Days</th>"
          "<th>Evidence</th></tr></thead>\n<tbody>\n", h->o);
    for (int g = 0; g < ST__COUNT; g++) {
        Status s = order[g];
        if (rp->total[s] == 0)
            continue;
        fprintf(h->o, "<tr class=\"group\"><td colspan=\"7\" style=\"color:%s"
                "\">%s (%d)</td></tr>\n", colour[s], label[s], rp->total[s]);
        for (int i = 0; i < rp->nobl; i++) {
            const ObligationReport *ob = &rp->obl[i];
            const Decl *d = ob->item->decl;
            for (int k = 0; k < ob->nocc; k++) {
                const OccStatus *os = &ob->occ[k];
                if (os->status != s)
                    continue;
                fprintf(h->o, "<tr><td class=\"st\" style=\"background:%s\">"
                        "%s%s</td><td class=\"d\">", colour[s], label[s],
                        os->stale ? " (stale)" : "");
                if (os->occ && os->occ->has_hi)
                    put(h, day(h, os->occ->hi));
                fputs("</td><td><strong>", h->o);
                put(h, d->name);
                if (ob->item->recurring && os->occ)
                    fprintf(h->o, " %d", os->occ->period);
                fputs("</strong><br>", h->o);
                put(h, title_of(d, FK_ACTION));
                fputs("</td><td>", h->o);
                paras(h, d);
                fputs("</td><td>", h->o);
                who(h, d);
                fputs("</td><td class=\"num\">", h->o);
                if (s == ST_OVERDUE || s == ST_MET_LATE)
                    fprintf(h->o, "%lld late", (long long)os->days);
                else if (s == ST_DUE_SOON ||
                         (s == ST_PENDING && os->occ && os->occ->has_hi))
                    fprintf(h->o, "%lld left", (long long)os->days);
                fputs("</td><td>", h->o);
                evidence(h, os);
                fputs("</td></tr>\n", h->o);
            }
        }
    }
    fputs("</tbody>\n</table>\n", h->o);
}

static void meetings(H *h)
{
    fputs("<h2 id=\"meetings\">Meetings</h2>\n<table>\n<thead><tr><th>From"
          "</th><th>To</th><th>Meeting</th><th>Place</th><th>Paragraph</th>"
          "</tr></thead>\n<tbody>\n", h->o);
    const Schedule *s = &h->w->schedule;
    for (size_t i = 0; i < s->n; i++) {
        const SchedItem *it = &s->items[i];
        if (it->kind != SK_EVENT || it->failed)
            continue;
        fprintf(h->o, "<tr><td class=\"d\">%s</td><td class=\"d\">%s</td>"
                "<td>", day(h, it->start), day(h, it->end));
        put(h, title_of(it->decl, FK_TITLE));
        fputs("</td><td>", h->o);
        const Text *at = ast_text_in(it->decl, FK_AT, "en");
        if (at)
            put(h, at->str);
        fputs("</td><td>", h->o);
        paras(h, it->decl);
        fputs("</td></tr>\n", h->o);
    }
    fputs("</tbody>\n</table>\n", h->o);
}

static void rollup(H *h, const char *title, const Rollup *g, int n,
                   bool para)
{
    fprintf(h->o, "<h3>%s</h3>\n<table>\n<thead><tr><th></th>", title);
    for (int i = 0; i < ST__COUNT; i++)
        fprintf(h->o, "<th class=\"num\" style=\"color:%s\">%s</th>",
                colour[order[i]], label[order[i]]);
    fputs("</tr></thead>\n<tbody>\n", h->o);
    for (int r = 0; r < n; r++) {
        fputs("<tr><td>", h->o);
        if (para)
            fputs("\xC2\xB6", h->o);
        put(h, g[r].key);
        fputs("</td>", h->o);
        for (int i = 0; i < ST__COUNT; i++) {
            int c = g[r].count[order[i]];
            if (c)
                fprintf(h->o, "<td class=\"num\">%d</td>", c);
            else
                fputs("<td></td>", h->o);
        }
        fputs("</tr>\n", h->o);
    }
    fputs("</tbody>\n</table>\n", h->o);
}

WsisStatus emit_html(Wsis *w, FILE *out, const WsisReportOptions *opt)
{
    if (!w->scheduled)
        return WSIS_ESPEC;
    Report *rp = report_build(w, opt);
    H h = {out, w->arena, w, rp};
    const Decl *res = w->resolution;
    const Field *symf = res ? ast_field_of(res, FK_SYMBOL) : NULL;
    const char *sym = symf ? symf->text->str : "Follow-up";
    const char *title = res ? title_of(res, FK_TITLE) : "";
    head(&h, sym, title);
    fputs("<header>\n<h1>", out);
    put(&h, sym);
    fputs("</h1>\n<p class=\"sub\">", out);
    put(&h, title);
    fputs("</p>\n</header>\n", out);
    summary(&h);
    timeline(&h);
    table(&h);
    meetings(&h);
    fputs("<h2 id=\"rollups\">Roll-ups</h2>\n", out);
    rollup(&h, "By actor", rp->by_actor, rp->nactor, false);
    rollup(&h, "By paragraph", rp->by_paragraph, rp->nparagraph, true);
    rollup(&h, "By operative verb", rp->by_verb, rp->nverb, false);
    fprintf(out, "<p class=\"sub\">Written by wsisc %s.</p>\n</body>\n"
            "</html>\n", WSISC_VERSION);
    return ferror(out) ? WSIS_EIO : WSIS_OK;
}
