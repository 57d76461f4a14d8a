/*
 * compile.c - the library's entry points: a compilation's life from
 * wsis_new to wsis_free, and the one place that turns running out of
 * memory into a status instead of a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "date.h"
#include "parse.h"
#include "report.h"

static void on_oom(void *ud)
{
    Wsis *w = ud;
    if (w->oom)
        longjmp(*w->oom, 1);
    abort();   /* no entry point is active: a library bug */
}

Wsis *wsis_new(DiagSink *diag)
{
    Wsis *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->arena = arena_new();
    if (!w->arena) {
        free(w);
        return NULL;
    }
    arena_set_oom(w->arena, on_oom, w);
    w->diag = diag;
    symtab_init(&w->syms);
    intern_init(&w->names, w->arena);
    return w;
}

void wsis_free(Wsis *w)
{
    if (!w)
        return;
    ahead_stop(w);
    resolve_memo_free(w->memo);     /* a check that ran out of memory */
    symtab_fini(&w->syms);
    intern_fini(&w->names);
    arena_free(w->arena);
    free(w);
}

static WsisStatus oom_status(Wsis *w)
{
    diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL, "out of memory");
    return WSIS_ENOMEM;
}

/* Runs body with out-of-memory caught; a macro so setjmp's frame stays. */
#define GUARDED(w, body)                          \
    do {                                          \
        jmp_buf jb;                               \
        jmp_buf *saved = (w)->oom;                \
        if (setjmp(jb)) {                         \
            (w)->oom = saved;                     \
            return oom_status(w);                 \
        }                                         \
        (w)->oom = &jb;                           \
        WsisStatus st_ = (body);                  \
        (w)->oom = saved;                         \
        if (st_ == WSIS_ENOMEM)                   \
            return oom_status(w);                 \
        return st_;                               \
    } while (0)

static WsisStatus add_dir(Wsis *w, const char *dir)
{
    char **s = arena_alloc(w->arena, (w->nsearch + 1) * sizeof *s);
    if (w->nsearch)
        memcpy(s, w->search, w->nsearch * sizeof *s);
    s[w->nsearch] = arena_strndup(w->arena, dir, strlen(dir));
    w->search = s;
    w->nsearch++;
    return WSIS_OK;
}

WsisStatus wsis_add_search_dir(Wsis *w, const char *dir)
{
    GUARDED(w, add_dir(w, dir));
}

static WsisStatus after_load(Wsis *w, WsisStatus st)
{
    if (st == WSIS_OK && w->syntax_errors > 0)
        return WSIS_ESPEC;
    return st;
}

WsisStatus wsis_load_file(Wsis *w, const char *path)
{
    GUARDED(w, after_load(w, import_load(w, path, NULL)));
}

WsisStatus wsis_load_string(Wsis *w, const char *name, const char *text,
                            size_t len)
{
    char *key = arena_printf(w->arena, "<string %zu>", w->nunits);
    GUARDED(w, after_load(w, import_load_text(w, name, key, text, len)));
}

void wsis_read_ahead(Wsis *w, const char *const *paths, size_t n, int jobs)
{
    w->jobs = jobs > WSIS_MAX_JOBS ? WSIS_MAX_JOBS : jobs;
    ahead_start(w, paths, n, jobs);
}

WsisStatus wsis_check(Wsis *w)
{
    ahead_stop(w);
    GUARDED(w, check_all(w));
}

void wsis_index(Wsis *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->norder; i++)
        n += w->units[w->order[i]].nlist;
    if (w->all && w->nall == n)
        return;
    w->all = arena_alloc(w->arena, (n ? n : 1) * sizeof *w->all);
    w->all_kind = arena_alloc(w->arena, n ? n : 1);
    w->nall = 0;
    for (size_t i = 0; i < w->norder; i++) {
        const SrcUnit *u = &w->units[w->order[i]];
        if (!u->nlist)
            continue;
        memcpy(w->all_kind + w->nall, parse_kinds(u->list, u->nlist),
               u->nlist);
        memcpy(w->all + w->nall, u->list, u->nlist * sizeof *w->all);
        w->nall += u->nlist;
    }
}

void wsis_stats(const Wsis *w, WsisStats *out)
{
    memset(out, 0, sizeof *out);
    out->files = (int)w->nunits;
    for (size_t i = 0; i < w->norder; i++) {
        const SrcUnit *u = &w->units[w->order[i]];
        for (size_t k = 0; k < u->nlist; k++) {
            const Decl *d = u->list[k];
            switch (d->kind) {
            case DK_ENTITY: out->entities++; break;
            case DK_VERB: out->verbs++; break;
            case DK_SESSION: out->sessions++; break;
            case DK_EVENT: out->events++; break;
            case DK_OBLIGATION: out->obligations++; break;
            case DK_DOCUMENT: out->documents++; break;
            case DK_PARAGRAPH: out->markers++; break;
            default: break;
            }
        }
    }
    const Decl *r = w->resolution;
    if (!r)
        return;
    const Field *sym = ast_field_of(r, FK_SYMBOL);
    snprintf(out->resolution, sizeof out->resolution, "%s",
             sym ? sym->text->str : r->name);
    const Field *op = ast_field_of(r, FK_OPERATIVE);
    if (op && w->covered) {
        out->operative_first = op->n1;
        out->operative_last = op->nums->n2;
        for (int i = 0; i <= op->nums->n2 - op->n1; i++)
            out->operative_covered += w->covered[i] != 0;
    }
}


void wsis_keep(Wsis *w, unsigned what)
{
    w->drop = WSIS_KEEP_ALL & ~what;
}

static WsisStatus keep_texts_in(Wsis *w, const char *lang)
{
    w->texts_lang = lang ? arena_strndup(w->arena, lang, strlen(lang)) : NULL;
    return WSIS_OK;
}

WsisStatus wsis_keep_texts_in(Wsis *w, const char *lang)
{
    GUARDED(w, keep_texts_in(w, lang));
}

TextsKept wsis_texts_kept(const Wsis *w)
{
    TextsKept k = {!(w->drop & WSIS_KEEP_TEXTS), w->texts_lang};
    return k;
}

void wsis_texts_read(Wsis *w, TextsKept texts)
{
    if (!texts.bytes)
        w->texts_dropped = true;
    else if (texts.lang && !w->texts_only)
        w->texts_only = texts.lang;
    else if (texts.lang && strcmp(w->texts_only, texts.lang) != 0)
        w->texts_only = "";
}

/* Whether the texts a writer prints in lang (NULL: every language) were
   kept; says so when they were not.  English, the fallback, always is. */
static bool kept_in(Wsis *w, const char *lang, const char *writer)
{
    const char *only = w->texts_only;
    if (!only || (lang && (strcmp(lang, "en") == 0 ||
                           strcmp(only, lang) == 0)))
        return true;
    if (*only)
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "no %s%s%s%s: the spec's texts were kept only as a "
                    "calendar in '%s' prints them (wsis_keep_texts_in)",
                    writer, lang ? " in '" : "", lang ? lang : "",
                    lang ? "'" : "", only);
    else
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "no %s: the spec's files were read keeping the texts "
                    "of calendars in different languages "
                    "(wsis_keep_texts_in)", writer);
    return false;
}

/* Whether what a writer needs was kept; says so when it was not. */
static bool kept(Wsis *w, unsigned need, const char *writer)
{
    unsigned lost = w->drop & need;
    if ((need & WSIS_KEEP_TEXTS) && w->texts_dropped)
        lost |= WSIS_KEEP_TEXTS;
    if (!lost)
        return true;
    const char *what[3];
    int n = 0;
    if (lost & WSIS_KEEP_PROGRESS)
        what[n++] = "the progress records";
    if (lost & (WSIS_KEEP_RULES | WSIS_KEEP_SERIES_RULES))
        what[n++] = "the rules' texts";
    if (lost & WSIS_KEEP_TEXTS)
        what[n++] = "the spec's texts";
    diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                "no %s: the check was told not to keep %s%s%s%s%s "
                "(wsis_keep)", writer, what[0],
                n > 2 ? ", " : n > 1 ? " or " : "", n > 1 ? what[1] : "",
                n > 2 ? " or " : "", n > 2 ? what[2] : "");
    return false;
}

WsisStatus wsis_dates(Wsis *w, FILE *out, WsisFormat fmt, int64_t today)
{
    if (!kept(w, WSIS_KEEP_RULES | WSIS_KEEP_SERIES_RULES, "dates"))
        return WSIS_EIO;
    GUARDED(w, emit_dates(w, out, fmt, today));
}

WsisStatus wsis_ical(Wsis *w, FILE *out, const WsisIcalOptions *opt)
{
    if (!kept(w, WSIS_KEEP_RULES | WSIS_KEEP_TEXTS, "calendar") ||
        !kept_in(w, opt->lang, "calendar"))
        return WSIS_EIO;
    GUARDED(w, emit_ical(w, out, opt));
}

void wsis_set_today(Wsis *w, int64_t today)
{
    w->has_today = true;
    w->today = today;
}

void wsis_set_as_of(Wsis *w, int64_t as_of)
{
    w->has_as_of = true;
    w->as_of = as_of;
}

WsisStatus wsis_load_progress_xml(Wsis *w, const char *path)
{
    GUARDED(w, progress_read_xml(w, path));
}

static WsisStatus progress_mem(Wsis *w, const char *name, const char *text,
                               size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return WSIS_ENOMEM;
    if (len)
        memcpy(copy, text, len);
    return progress_parse_xml(w, name, copy, len);
}

WsisStatus wsis_load_progress_xml_mem(Wsis *w, const char *name,
                                      const char *text, size_t len)
{
    GUARDED(w, progress_mem(w, name, text, len));
}



static WsisStatus report(Wsis *w, FILE *out, WsisReportFormat fmt,
                         const WsisReportOptions *opt)
{
    if (!kept(w, WSIS_KEEP_ALL, "report") || !kept_in(w, NULL, "report"))
        return WSIS_EIO;
    return fmt == WSIS_REPORT_XML ? emit_xml(w, out, opt)
                                  : emit_html(w, out, opt);
}

WsisStatus wsis_report(Wsis *w, FILE *out, WsisReportFormat fmt,
                       const WsisReportOptions *opt)
{
    GUARDED(w, report(w, out, fmt, opt));
}

static WsisStatus counts(Wsis *w, const WsisReportOptions *opt, int c[7],
                         int *stale)
{
    Report *rp = report_build(w, opt);
    for (int i = 0; i < ST__COUNT; i++)
        c[i] = rp->total[i];
    *stale = rp->stale;
    return WSIS_OK;
}

void wsis_report_counts(Wsis *w, const WsisReportOptions *opt, int c[7],
                        int *stale)
{
    memset(c, 0, 7 * sizeof *c);
    *stale = 0;
    if (!w->scheduled || !kept(w, WSIS_KEEP_PROGRESS, "report"))
        return;
    jmp_buf jb;
    jmp_buf *saved = w->oom;
    if (setjmp(jb)) {
        w->oom = saved;
        return;
    }
    w->oom = &jb;
    counts(w, opt, c, stale);
    w->oom = saved;
}

int wsis_parse_date(const char *s, int64_t *days)
{
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    }
    if (s[10] != '\0')
        return 0;
    Date d = {atoi(s), atoi(s + 5), atoi(s + 8)};
    if (!date_valid(d.y, d.m, d.d))
        return 0;
    *days = date_to_days(d);
    return 1;
}

void wsis_format_date(int64_t days, char *out)
{
    date_format(date_from_days(days), out);
}
