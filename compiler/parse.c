/*
 * parse.c - runs the scanner and the parser over one file's text.
 */
#include "parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parser.h"

SrcLoc parse_loc(const ParseCtx *ctx, unsigned first, unsigned last)
{
    return srcloc(ctx->file, first, last > first ? last - first : 0);
}

/* The declarations grow in a malloc'd array while the file is parsed (an
   arena would keep every smaller copy), and go to the arena at their
   final size once it is. */
void parse_push(ParseCtx *ctx, Decl *d)
{
    if (ctx->nlist == ctx->caplist) {
        /* the kinds first, to the capacity the list will have; out of
           memory: the arena's cleanups free both */
        size_t cap = ctx->caplist ? ctx->caplist * 2 : 64;
        unsigned char *kinds = realloc(ctx->kinds, cap);
        if (!kinds) {
            arena_oom(ctx->arena);
            return;
        }
        ctx->kinds = kinds;
        Decl **more = arena_grow_array(ctx->arena, ctx->list, &ctx->caplist,
                                       sizeof *more);
        if (!more)
            return;
        ctx->list = more;
    }
    ctx->kinds[ctx->nlist] = (unsigned char)d->kind;
    ctx->list[ctx->nlist++] = d;
}

/* A chunk of the values' space (ParseCtx.val), from the arena, which
   aligns for pointers and 64-bit integers: no value needs more. */
enum { VAL_ALIGN = 8 };
typedef struct ValChunk {
    struct ValChunk *next;
    _Alignas(VAL_ALIGN) unsigned char data[4096];
} ValChunk;

void *parse_val(ParseCtx *ctx, size_t n)
{
    n = (n + VAL_ALIGN - 1) & ~(size_t)(VAL_ALIGN - 1);
    if (!ctx->val || ctx->val_used + n > sizeof ctx->val->data) {
        ValChunk *next = ctx->val ? ctx->val->next : ctx->val_first;
        if (!next) {
            next = arena_alloc(ctx->arena, sizeof *next);
            if (!next)          /* a handler that returned: dropped */
                return memset(ctx->val_spare, 0, sizeof ctx->val_spare);
            if (ctx->val)
                ctx->val->next = next;
            else
                ctx->val_first = next;
        }
        ctx->val = next;
        ctx->val_used = 0;
    }
    void *p = ctx->val->data + ctx->val_used;
    ctx->val_used += n;
    return memset(p, 0, n);
}

void parse_val_reset(ParseCtx *ctx)
{
    ctx->val = ctx->val_first;
    ctx->val_used = 0;
}

static void free_list(void *ud)
{
    ParseCtx *ctx = ud;
    free(ctx->list);
    ctx->list = NULL;
    free(ctx->kinds);
    ctx->kinds = NULL;
    free(ctx->fbuf);
    ctx->fbuf = NULL;
    ctx->nf = ctx->capf = 0;
}

static void free_copy(void *ud)
{
    char **copy = ud;
    free(*copy);
    *copy = NULL;
}

/* Scans buf (len bytes, then PARSE_PAD writable ones) where it is; shown:
   whether its diagnostics may be (else, without LAC: parse.h). */
static int parse_buffer(Arena *a, Intern *names, DiagSink *diag, int file,
                        char *buf, size_t len, TextsKept texts, bool shown,
                        Decl ***list, size_t *nlist)
{
    ParseCtx ctx = {0};
    ctx.drop_texts = !texts.bytes;
    ctx.texts_lang = texts.lang;
    ctx.arena = a;
    ctx.names = names;
    ctx.diag = diag;
    ctx.file = file;
    ctx.line = 1;
    ctx.bol = true;
    ctx.max_errors = diag->max_errors;

    yyscan_t scanner;
    if (yylex_init_extra(&ctx, &scanner) != 0)
        return -1;
    memset(buf + len, 0, PARSE_PAD);
    arena_push_cleanup(a, free_list, &ctx);
    YY_BUFFER_STATE yb = yy_scan_buffer(buf, len + 2, scanner);
    int rc = !yb ? 2 : shown ? yyparse(scanner, &ctx)
                             : ahead_parse(scanner, &ctx);
    yylex_destroy(scanner);
    free(ctx.fbuf);
    ctx.fbuf = NULL;
    Decl **grown = ctx.list;
    /* the list, then its kinds (parse_kinds) */
    Decl **exact = arena_alloc(a, (ctx.nlist ? ctx.nlist : 1) *
                                      (sizeof *exact + 1));
    if (!exact)
        return -1;      /* the cleanup freed grown */
    if (ctx.nlist) {
        memcpy(exact, grown, ctx.nlist * sizeof *exact);
        memcpy(exact + ctx.nlist, ctx.kinds, ctx.nlist);
    }
    ctx.list = exact;
    arena_pop_cleanup(a);
    free(grown);
    free(ctx.kinds);
    if (rc == 2 && ctx.errors == 0)
        return -1;   /* the parser ran out of memory */
    *list = ctx.list;
    *nlist = ctx.nlist;
    return ctx.errors;
}

int parse_source(Arena *a, Intern *names, DiagSink *diag, int file,
                 const char *text, size_t len, TextsKept texts,
                 Decl ***list, size_t *nlist)
{
    /* The scanner reads a copy (flex writes into its buffer while a token
       is matched, and the text stays whole for diagnostics).  The tree
       keeps copies of every name and string, so the copy goes once the
       file is parsed: a spec of many files holds one at a time.  Running
       out of memory while parsing frees it through the arena's cleanup. */
    char *copy = len <= SIZE_MAX - PARSE_PAD ? malloc(len + PARSE_PAD) : NULL;
    if (!copy)
        return -1;
    mem_populate(copy, len + PARSE_PAD);
    memcpy(copy, text, len);
    arena_push_cleanup(a, free_copy, &copy);
    int n = parse_buffer(a, names, diag, file, copy, len, texts, true, list,
                         nlist);
    if (copy) {         /* NULL: the out-of-memory path freed it */
        arena_pop_cleanup(a);
        free(copy);
    }
    return n;
}

int parse_scratch(Arena *a, Intern *names, DiagSink *diag, int file,
                  char *buf, size_t len, TextsKept texts, Decl ***list,
                  size_t *nlist)
{
    return parse_buffer(a, names, diag, file, buf, len, texts, false, list,
                        nlist);
}
