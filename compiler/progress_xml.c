/*
 * progress_xml.c - progress records from XML that other systems wrote
 * (schema/progress.rng, carried inside wsisc).
 *
 * The file is untrusted.  It is read with a size cap and parsed from
 * memory with XML_PARSE_NONET and nothing that loads or expands entities
 * (no NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE); a document
 * with any DTD is refused outright, and the external entity loader denies
 * everything, so neither a file:// reference nor a billion laughs gets in.
 * Every problem is a diagnostic at the file's line.
 *
 * libxml2 is loaded here, when the first progress file in XML is read, and
 * not when wsisc starts: it brings ICU and libstdc++ with it, and linking
 * them at start-up took 0.9 ms of every run, more than checking the
 * example itself (docs/performance.md).  Only this reader needs it; the
 * report writer is wsisc's own.  The library is the one the build found
 * (WSISC_LIBXML2, its soname, from the Makefile), called through pointers
 * typed from its own headers.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "date.h"

extern const char wsis_progress_rng[];
extern const size_t wsis_progress_rng_len;

enum { MAX_PROGRESS_XML = 16 * 1024 * 1024 };

#ifndef WSISC_LIBXML2
#define WSISC_LIBXML2 "libxml2.so.2"
#endif

/* What this reader calls, each through a pointer of the function's own
   type (xmlFree is a variable holding one: its pointer is kept). */
#define LIBXML2_CALLS(F)                                                    \
    F(xmlCtxtReadMemory) F(xmlDocGetRootElement) F(xmlFree) F(xmlFreeDoc)   \
    F(xmlFreeParserCtxt) F(xmlGetExternalEntityLoader) F(xmlGetLineNo)      \
    F(xmlGetProp) F(xmlNewParserCtxt) F(xmlNodeGetContent)                  \
    F(xmlNodeGetLang) F(xmlRelaxNGFree) F(xmlRelaxNGFreeParserCtxt)         \
    F(xmlRelaxNGFreeValidCtxt) F(xmlRelaxNGNewMemParserCtxt)               \
    F(xmlRelaxNGNewValidCtxt) F(xmlRelaxNGParse)                           \
    F(xmlRelaxNGSetParserStructuredErrors)                                 \
    F(xmlRelaxNGSetValidStructuredErrors) F(xmlRelaxNGValidateDoc)         \
    F(xmlSetExternalEntityLoader) F(xmlSetStructuredErrorFunc)

#define LIBXML2_POINTER(f) __typeof__(f) *f;
static struct {
    LIBXML2_CALLS(LIBXML2_POINTER)
} lx;

/* NULL once libxml2 is loaded, or why it cannot be. */
static const char *load_libxml2(void)
{
    static bool loaded;
    if (loaded)
        return NULL;
    void *lib = dlopen(WSISC_LIBXML2, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return dlerror();
#define LIBXML2_LOAD(f)                                                     \
    if (!(*(void **)&lx.f = dlsym(lib, #f)))                                \
        return dlerror();
    LIBXML2_CALLS(LIBXML2_LOAD)
    loaded = true;      /* and kept loaded: it is never unloaded */
    return NULL;
}

typedef struct Reader {
    Wsis *w;
    int file;              /* the XML, registered for quoting */
    int errors;
    bool oom;              /* libxml2 ran out of memory */
    /* held while reading, released on every way out */
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    xmlRelaxNGParserCtxtPtr pc;
    xmlRelaxNGPtr schema;
    xmlRelaxNGValidCtxtPtr vc;
    xmlExternalEntityLoader saved;
} Reader;

static void release(void *ud)
{
    Reader *rd = ud;
    lx.xmlSetStructuredErrorFunc(NULL, NULL);
    lx.xmlRelaxNGFreeValidCtxt(rd->vc);
    lx.xmlRelaxNGFree(rd->schema);
    lx.xmlRelaxNGFreeParserCtxt(rd->pc);
    lx.xmlFreeDoc(rd->doc);
    lx.xmlFreeParserCtxt(rd->ctxt);
    lx.xmlSetExternalEntityLoader(rd->saved);
    rd->vc = NULL;
    rd->schema = NULL;
    rd->pc = NULL;
    rd->doc = NULL;
    rd->ctxt = NULL;
}

static xmlParserInputPtr deny_loader(const char *url, const char *id,
                                     xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

/* The whole of a line libxml2 names: its lines count from 1. */
static SrcLoc at_line(const Reader *rd, int line)
{
    return diag_loc_at(rd->w->diag, rd->file, line > 0 ? line : 1, 1, 1);
}

static SrcLoc at_col(const Reader *rd, int line, int col)
{
    if (col <= 0)
        return at_line(rd, line);
    return diag_loc_at(rd->w->diag, rd->file, line > 0 ? line : 1, col,
                       col + 1);
}

/* libxml2's errors and the schema's, as diagnostics at their line. */
static void on_error(void *ud, xmlErrorPtr e)
{
    Reader *rd = ud;
    if (!e || e->level == XML_ERR_WARNING)
        return;
    if (e->code == XML_ERR_NO_MEMORY || rd->oom) {
        rd->oom = true;
        return;
    }
    /* One line of libxml2's message: the rest quotes the input. */
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
    msg[strcspn(msg, "\n")] = '\0';
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == ' ' || msg[n - 1] == ':'))
        msg[--n] = '\0';
    /* parser errors carry the column in int2; schema errors do not */
    int col = e->domain == XML_FROM_PARSER ? e->int2 : 0;
    diag_report(rd->w->diag, SEV_ERROR, at_col(rd, e->line, col), "E0704",
                "invalid progress file: %s", msg);
    rd->errors++;
}

static const char *prop(Arena *a, xmlNodePtr n, const char *name)
{
    xmlChar *v = lx.xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = arena_strndup(a, (const char *)v, strlen((const char *)v));
    (*lx.xmlFree)(v);
    return s;
}

static Text *text_of(Arena *a, xmlNodePtr n, const char *lang, SrcLoc at)
{
    xmlChar *v = lx.xmlNodeGetContent(n);
    Text *t = ast_text(a, lang, v ? arena_strndup(a, (const char *)v,
                                                  strlen((const char *)v))
                                  : "", v ? strlen((const char *)v) : 0, at);
    (*lx.xmlFree)(v);
    return t;
}

static bool named(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0;
}

static void records(Reader *rd, xmlNodePtr root, const char *path)
{
    Arena *a = rd->w->arena;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (!named(n, "record"))
            continue;
        SrcLoc at = at_line(rd, (int)lx.xmlGetLineNo(n));
        Record *r = arena_alloc(a, sizeof *r);
        r->obligation.name = prop(a, n, "obligation");
        r->obligation.loc = at;
        const char *occ = prop(a, n, "occurrence");
        if (occ) {
            r->has_occurrence = true;
            r->occurrence = atoi(occ);
            r->occurrence_loc = at;
        }
        static const char *const st[] = {"done", "partly", "not-done",
                                         "in-progress", "not-applicable"};
        const char *status = prop(a, n, "status");
        for (int i = 0; i < 5; i++)
            if (status && strcmp(status, st[i]) == 0)
                r->status = (ProgressStatus)i;
        const char *date = prop(a, n, "date");
        r->date.y = atoi(date);
        r->date.m = atoi(date + 5);
        r->date.d = atoi(date + 8);
        r->date.loc = at;
        r->date.bad = !date_valid(r->date.y, r->date.m, r->date.d);
        if (r->date.bad) {
            diag_report(rd->w->diag, SEV_ERROR, at, "E0301",
                        "invalid date %s", date);
            rd->errors++;
            continue;
        }
        const char *ill = prop(a, n, "illustrative");
        r->illustrative = ill && (strcmp(ill, "true") == 0 ||
                                  strcmp(ill, "1") == 0);
        for (xmlNodePtr c = n->children; c; c = c->next) {
            r->nrefs += named(c, "ref");
            r->nurls += named(c, "url");
            r->nnotes += named(c, "note");
        }
        size_t nt = (size_t)r->nrefs + r->nurls + r->nnotes;
        const Text **texts = arena_alloc(a, (nt ? nt : 1) * sizeof *texts);
        size_t put[3] = {0, r->nrefs, (size_t)r->nrefs + r->nurls};
        for (xmlNodePtr c = n->children; c; c = c->next) {
            int k = named(c, "ref") ? 0 : named(c, "url") ? 1
                    : named(c, "note") ? 2 : -1;
            if (k < 0)
                continue;
            const char *lang = k == 2 ? prop(a, c, "lang") : NULL;
            if (k == 2 && !lang) {
                xmlChar *l = lx.xmlNodeGetLang(c);
                lang = l ? arena_strndup(a, (const char *)l,
                                         strlen((const char *)l)) : NULL;
                (*lx.xmlFree)(l);
            }
            texts[put[k]++] = text_of(a, c, lang, at);
        }
        r->texts = texts;
        r->source = path;
        progress_add(rd->w, r);
    }
}

WsisStatus progress_read_xml(Wsis *w, const char *path)
{
    char *text;
    size_t len;
    int err = import_read(path, MAX_PROGRESS_XML, &text, &len);
    if (err == ENOMEM)
        return WSIS_ENOMEM;
    if (err) {
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "cannot read '%s': %s", path, import_error(err));
        return WSIS_EIO;
    }
    return progress_parse_xml(w, path, text, len);
}

WsisStatus progress_parse_xml(Wsis *w, const char *path, char *text,
                              size_t len)
{
    /* text has len + 1 bytes; the sink takes it */
    if (len > MAX_PROGRESS_XML || len > INT32_MAX) {
        free(text);
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "cannot read '%s': it is too large", path);
        return WSIS_EIO;
    }
    Reader rd;
    memset(&rd, 0, sizeof rd);
    rd.w = w;
    rd.file = diag_own_file(w->diag, path, text, len);
    if (rd.file < 0)
        return WSIS_ENOMEM;
    text = diag_file(w->diag, rd.file)->text;
    /* A DTD is refused before the parser sees it: nothing in it is read. */
    const char *dtd = NULL;
    for (size_t i = 0; i + 9 <= len && !dtd; i++)
        if (text[i] == '<' && memcmp(text + i, "<!DOCTYPE", 9) == 0)
            dtd = text + i;
    if (dtd) {
        int line = 1;
        for (const char *p = text; p < dtd; p++)
            line += *p == '\n';
        diag_report(w->diag, SEV_ERROR, at_line(&rd, line), "E0704",
                    "invalid progress file: a DTD is not allowed");
        diag_note(w->diag, at_line(&rd, line), "progress files take no "
                  "<!DOCTYPE>, entities or external references");
        return WSIS_ESPEC;
    }
    const char *missing = load_libxml2();
    if (missing) {
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "cannot read '%s': progress files in XML need libxml2, "
                    "which cannot be loaded (%s)", path, missing);
        return WSIS_EIO;
    }
    /* libxml2's loader is global: deny everything while this file is
       read, then give the caller's back. */
    rd.saved = lx.xmlGetExternalEntityLoader();
    lx.xmlSetExternalEntityLoader(deny_loader);
    arena_push_cleanup(w->arena, release, &rd);
    rd.ctxt = lx.xmlNewParserCtxt();
    if (rd.ctxt) {
        lx.xmlSetStructuredErrorFunc(&rd, on_error);
        rd.doc = lx.xmlCtxtReadMemory(rd.ctxt, text, (int)len, path, NULL,
                                   XML_PARSE_NONET);
        lx.xmlSetStructuredErrorFunc(NULL, NULL);
    }
    if (rd.doc && (rd.doc->intSubset || rd.doc->extSubset)) {
        xmlDtdPtr sub = rd.doc->intSubset ? rd.doc->intSubset
                                          : rd.doc->extSubset;
        SrcLoc at = at_line(&rd, (int)lx.xmlGetLineNo((xmlNodePtr)sub));
        diag_report(w->diag, SEV_ERROR, at, "E0704",
                    "invalid progress file: a DTD is not allowed");
        rd.errors++;
    }
    if (rd.doc && rd.errors == 0 && !rd.oom) {
        /* the schema is parsed as a document too: its errors (only
           running out of memory can cause any) come here as well */
        lx.xmlSetStructuredErrorFunc(&rd, on_error);
        rd.pc = lx.xmlRelaxNGNewMemParserCtxt(wsis_progress_rng,
                                           (int)wsis_progress_rng_len);
        if (rd.pc)
            lx.xmlRelaxNGSetParserStructuredErrors(rd.pc, on_error, &rd);
        rd.schema = rd.pc ? lx.xmlRelaxNGParse(rd.pc) : NULL;
        rd.vc = rd.schema && !rd.oom ? lx.xmlRelaxNGNewValidCtxt(rd.schema)
                                     : NULL;
        if (rd.vc) {
            lx.xmlRelaxNGSetValidStructuredErrors(rd.vc, on_error, &rd);
            int v = lx.xmlRelaxNGValidateDoc(rd.vc, rd.doc);
            if (v != 0 && rd.errors == 0 && !rd.oom) {
                diag_report(w->diag, SEV_ERROR, at_line(&rd, 1), "E0704",
                            "invalid progress file");
                rd.errors++;
            }
        } else {
            /* the schema is ours and valid: only memory can fail here */
            rd.oom = true;
        }
        lx.xmlSetStructuredErrorFunc(NULL, NULL);
    }
    if (rd.doc && rd.errors == 0 && !rd.oom)
        records(&rd, lx.xmlDocGetRootElement(rd.doc),
                diag_file(w->diag, rd.file)->path);
    bool parsed = rd.doc != NULL;
    arena_pop_cleanup(w->arena);
    release(&rd);
    if (!rd.ctxt && !parsed && rd.errors == 0 && !rd.oom)
        rd.oom = true;     /* no parser context: memory */
    if (rd.oom)
        return WSIS_ENOMEM;   /* reported by the caller */
    if (!parsed && rd.errors == 0) {
        diag_report(w->diag, SEV_ERROR, at_line(&rd, 1), "E0704",
                    "invalid progress file: not XML");
        rd.errors++;
    }
    return rd.errors ? WSIS_ESPEC : WSIS_OK;
}
