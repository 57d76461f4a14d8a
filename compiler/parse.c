/*
 * parse.c - runs the scanner and the parser over one file's text.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parser.h"

SrcLoc parse_loc(const ParseCtx *ctx, int fl, int fc, int ll, int lc)
{
    SrcLoc l = {ctx->file, fl, fc, ll == fl ? lc : 0};
    return l;
}

void parse_push(ParseCtx *ctx, Decl *d)
{
    if (ctx->nlist == ctx->caplist) {
        size_t cap = ctx->caplist ? 2 * ctx->caplist : 64;
        Decl **more = arena_alloc(ctx->arena, cap * sizeof *more);
        if (ctx->nlist)
            memcpy(more, ctx->list, ctx->nlist * sizeof *more);
        ctx->list = more;
        ctx->caplist = cap;
    }
    ctx->list[ctx->nlist++] = d;
}

int parse_source(Arena *a, Intern *names, DiagSink *diag, int file,
                 const char *text, size_t len, Decl ***out_tail,
                 Decl ***list, size_t *nlist)
{
    ParseCtx ctx = {0};
    ctx.arena = a;
    ctx.names = names;
    ctx.diag = diag;
    ctx.file = file;
    ctx.tail = &ctx.decls;
    ctx.line = 1;
    ctx.col = 1;
    ctx.bol = true;
    ctx.max_errors = diag->max_errors;

    yyscan_t scanner;
    if (yylex_init_extra(&ctx, &scanner) != 0)
        return -1;
    /* The scanner reads a copy (flex writes into its buffer while a token
       is matched, and the text stays whole for diagnostics).  The tree
       keeps copies of every name and string, so the copy goes once the
       file is parsed: a spec of many files holds one at a time.  Running
       out of memory while parsing frees it through the arena's cleanup. */
    char *copy = len <= SIZE_MAX - 2 ? malloc(len + 2) : NULL;
    if (!copy) {
        yylex_destroy(scanner);
        return -1;
    }
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    arena_push_cleanup(a, free, copy);
    YY_BUFFER_STATE buf = yy_scan_buffer(copy, len + 2, scanner);
    int rc = buf ? yyparse(scanner, &ctx) : 2;
    yylex_destroy(scanner);
    arena_pop_cleanup(a);
    free(copy);
    if (rc == 2 && ctx.errors == 0)
        return -1;   /* the parser ran out of memory */
    **out_tail = ctx.decls;
    if (ctx.decls)
        *out_tail = ctx.tail;
    if (list) {
        *list = ctx.list;
        *nlist = ctx.nlist;
    }
    return ctx.errors;
}
