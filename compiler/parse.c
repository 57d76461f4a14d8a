/*
 * parse.c - runs the scanner and the parser over one file's text.
 */
#include "parse.h"

#include <string.h>

#include "lexer.h"
#include "parser.h"

SrcLoc parse_loc(const ParseCtx *ctx, int fl, int fc, int ll, int lc)
{
    SrcLoc l = {ctx->file, fl, fc, ll, lc};
    return l;
}

int parse_source(Arena *a, DiagSink *diag, int file, const char *text,
                 size_t len, Decl ***out_tail)
{
    ParseCtx ctx = {0};
    ctx.arena = a;
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
    /* The scanner reads a copy in the arena (flex writes into its buffer,
       and yy_scan_bytes would leak its own copy if memory ran out). */
    char *copy = arena_alloc(a, len + 2);
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    YY_BUFFER_STATE buf = yy_scan_buffer(copy, len + 2, scanner);
    int rc = buf ? yyparse(scanner, &ctx) : 2;
    yylex_destroy(scanner);
    if (rc == 2 && ctx.errors == 0)
        return -1;   /* the parser ran out of memory */
    **out_tail = ctx.decls;
    if (ctx.decls)
        *out_tail = ctx.tail;
    return ctx.errors;
}
