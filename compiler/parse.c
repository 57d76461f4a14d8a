/*
 * parse.c - runs the scanner and the parser over one file's text.
 */
#include "parse.h"

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
    YY_BUFFER_STATE buf = yy_scan_bytes(text, (int)len, scanner);
    int rc = buf ? yyparse(scanner, &ctx) : 2;
    if (buf)
        yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
    if (rc == 2 && ctx.errors == 0)
        return -1;   /* the parser ran out of memory */
    **out_tail = ctx.decls;
    if (ctx.decls)
        *out_tail = ctx.tail;
    return ctx.errors;
}
