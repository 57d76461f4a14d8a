/*
 * parser.y - the .wsis grammar: a pure bison parser with locations.
 *
 * Every declaration shares one field grammar; which fields a declaration
 * may hold, and what they mean, is check.c's business, which lets it say
 * "'hosts' is not a field of an obligation" instead of a bare syntax error.
 * Actions only build the tree (ast.c), one constructor per alternative.
 *
 * Error recovery resynchronises on the next declaration keyword, so one run
 * reports every independent syntax error (up to the error limit).  No
 * %destructor is needed: every semantic value lives in the compilation's
 * arena and is freed with it, whatever recovery discards.
 */

%code requires {
#include "ast.h"
#include "parse.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                     \
    do {                                                                \
        if (N)                                                          \
            wsis_span_put(&(Cur), YYRHSLOC(Rhs, 1).first,               \
                          YYRHSLOC(Rhs, N).last);                       \
        else                                                            \
            wsis_span_put(&(Cur), YYRHSLOC(Rhs, 0).last,                \
                          YYRHSLOC(Rhs, 0).last);                       \
    } while (0)
}

%code provides {
int yylex(YYSTYPE *yylval, YYLTYPE *yylloc, yyscan_t scanner);
}

%code {
#include <string.h>

static void yyerror(YYLTYPE *loc, yyscan_t scanner, ParseCtx *ctx,
                    const char *msg);

#define LOC(l) parse_loc(ctx, (l).first, (l).last)
/* The place of a rule's symbols a to b (a field's, after the fields
   before it). */
#define FLOC(a, b) parse_loc(ctx, (a).first, (b).last)
#define A (ctx->arena)

/*
 * A string token's bytes as the tree keeps them.  The scanner hands a
 * plain string over where it lies in the file's buffer, which lasts as
 * long as the parse; own() copies it into the arena, NUL-terminated (a
 * string decoded or joined is there already).  kept() does that only where
 * the texts are kept (ParseCtx.drop_texts): else a text is its length,
 * and the bytes are never copied at all.
 */
static const char *own(ParseCtx *ctx, const char *s, size_t n, bool owned)
{
    return owned ? s : arena_strndup(ctx->arena, s, n);
}
#define OWN(t) own(ctx, (t)->str, (t)->len, (t)->owned)
#define KEPT(t) (ctx->drop_texts ? NULL : OWN(t))

/* A body's fields (union WsisValue.fields): where they start on
   ctx->fbuf, and whether braces were written. */
#define FIELDS_AT(start, braces) ((uint64_t)(start) << 1 | (braces))
#define FSTART(v) ((size_t)((v) >> 1))
#define FBRACES(v) ((bool)((v) & 1))

/* A list's value is its last element, whose next is its first: a word,
   and appending needs no walk.  The rule that takes the list ends it
   here, and gets its first element. */
static Ident *names_head(Ident *last)
{
    if (!last)
        return NULL;
    Ident *head = last->next;
    last->next = NULL;
    return head;
}

static ParaRef *paras_head(ParaRef *last)
{
    ParaRef *head = last->next;
    last->next = NULL;
    return head;
}

/*
 * A new field, on the top of the fields being read (ctx->fbuf): the
 * pointer lasts until the next field is made, which is all an action
 * needs.  A body's fields are the top of that stack, from where `fields`
 * began, when its declaration is reduced (take_fields).
 */
static Field *new_field(ParseCtx *ctx, FieldKind k, SrcLoc loc, SrcLoc kwloc)
{
    if (ctx->nf == ctx->capf) {
        /* out of memory: the arena's cleanups free ctx->fbuf */
        Field *more = arena_grow_array(ctx->arena, ctx->fbuf, &ctx->capf,
                                       sizeof *more);
        if (!more)
            return &ctx->spare;     /* a handler that returned: dropped */
        ctx->fbuf = more;
    }
    Field *f = &ctx->fbuf[ctx->nf++];
    *f = ast_field(k, loc, kwloc);
    return f;
}

static Field *field_text(ParseCtx *ctx, FieldKind k, SrcLoc loc,
                         SrcLoc kwloc, Text *t)
{
    Field *f = new_field(ctx, k, loc, kwloc);
    f->text = t;
    return f;
}

/*
 * Whether a text of kind k in lang (NULL: untagged, English) is kept where
 * only a calendar's language is (ParseCtx.texts_lang): a text in that
 * language or in English, or the first of its kind in its declaration,
 * which are all ast_text_in can give.  Notes the kind as seen.
 */
static bool text_kept(ParseCtx *ctx, FieldKind k, const char *lang)
{
    uint64_t bit = (uint64_t)1 << k;
    bool first = !(ctx->body_texts & bit);
    ctx->body_texts |= bit;
    const char *want = ctx->texts_lang;
    return first || !want || !lang || strcmp(lang, "en") == 0 ||
           strcmp(lang, want) == 0;
}

/* A text field: with its Text, or bare where texts are not kept (see
   ast_field_bare), so that no node is made for it at all. */
static Field *field_lang_text(ParseCtx *ctx, FieldKind k, SrcLoc loc,
                              SrcLoc kwloc, const char *lang,
                              const char *str, size_t len, bool owned,
                              SrcLoc at)
{
    bool bare = !text_kept(ctx, k, lang) || ctx->drop_texts;
    Field *f = new_field(ctx, k, loc, kwloc);
    if (bare)
        ast_field_bare_text(f, lang, len, at);
    else
        f->text = ast_text(A, lang, own(ctx, str, len, owned), len, at);
    return f;
}
#define TEXT_FIELD(k, loc, kwloc, t, at) \
    field_lang_text(ctx, k, loc, kwloc, (t)->lang, (t)->s.str, (t)->s.len, \
                    (t)->s.owned, at)

static Field *field_names(ParseCtx *ctx, FieldKind k, SrcLoc loc,
                          SrcLoc kwloc, Ident *names)
{
    Field *f = new_field(ctx, k, loc, kwloc);
    f->names = names;
    return f;
}

/* Appends the string more to s, in a copy of the two (the arena's). */
static void strings_join(ParseCtx *ctx, StrVal *s, const StrVal *more)
{
    char *p = arena_alloc(A, s->len + more->len + 1);
    memcpy(p, s->str, s->len);
    memcpy(p + s->len, more->str, more->len);
    s->str = p;
    s->len += more->len;
    s->owned = true;
}

/* A text's value: its language (NULL: untagged) and its strings. */
static LangVal *text_val(ParseCtx *ctx, const char *lang, const StrVal *s)
{
    LangVal *t = parse_val(ctx, sizeof *t);
    t->lang = lang;
    t->s = *s;
    return t;
}

/* A list of names: its first, and each name after a comma (a list is its
   last element, linked round to its first until names_head ends it). */
static Ident *names_one(ParseCtx *ctx, const char *name, SrcLoc loc)
{
    Ident *i = ast_ident(A, name, loc);
    i->next = i;
    return i;
}

static Ident *names_more(ParseCtx *ctx, Ident *last, const char *name,
                         SrcLoc loc)
{
    Ident *i = ast_ident(A, name, loc);
    i->next = last->next;
    last->next = i;
    return i;
}

/* A rule's anchor that is a name (an event or an obligation). */
static Point *point_name(ParseCtx *ctx, const char *name, SrcLoc loc)
{
    Point *p = parse_val(ctx, sizeof *p);
    p->kind = PT_NAME;
    p->name = ast_ident(A, name, loc);
    p->loc = loc;
    return p;
}

/* Gives d the fields read since start (and pops them). */
static void take_fields(ParseCtx *ctx, Decl *d, size_t start)
{
    size_t n = ctx->fbuf && ctx->nf > start ? ctx->nf - start : 0;
    if (!ast_set_fields(ctx->arena, d, n ? ctx->fbuf + start : NULL, n))
        arena_oom(ctx->arena);
    ctx->nf = n ? start : ctx->nf;
}

static Decl *decl_body(ParseCtx *ctx, DeclKind k, SrcLoc loc,
                       const char *name, SrcLoc name_loc, size_t start)
{
    Decl *d = ast_decl(ctx->arena, k, loc, name, name_loc);
    d->has_body = true;
    take_fields(ctx, d, start);
    return d;
}
}

/* A reentrant parser: no globals, so tests and tools can run many. */
%define api.pure full
/* Messages name the unexpected token and what was expected instead. */
%define parse.error detailed
/* Look-ahead correction: the expected list is exact, even after default
   reductions, and errors are detected before any wrong reduction. */
%define parse.lac full
/* Every location is a span of bytes (WsisSpan). */
%locations
%define api.location.type {WsisSpan}
/* The grammar is LALR(1) without conflicts; keep it so. */
%expect 0

%param {yyscan_t scanner}
%parse-param {ParseCtx *ctx}

/* The semantic values, by tag: a union of parse.h's, so that the parser
   built without look-ahead correction (parse.h, ahead_parse) has the same
   type as this one. */
%define api.value.type {union WsisValue}

%token END 0 "end of file"
%token <str> IDENT "name"
%token <str> IDENT_BOL "name at the start of a line"
%token <text> STRING "string"
%token <num> INT "number"
%token <date> DATE "date"
%token DOTDOT "'..'"
%token PARA_SIGN "'¶'"

/* Declaration keywords: error recovery starts again at each of these. */
%token KW_IMPORT "'import'"
%token KW_RESOLUTION "'resolution'"
%token KW_ENTITY "'entity'"
%token KW_VERB "'verb'"
%token KW_SESSION "session declaration"
%token KW_EVENT "'event'"
%token KW_OBLIGATION "'obligation'"
%token KW_DOCUMENT "'document'"
%token KW_PARAGRAPH "'paragraph'"
%token KW_CALENDAR "'calendar'"
%token KW_PROGRESS "'progress'"

/* Field keywords. */
%token KW_SYMBOL "'symbol'" KW_TITLE "'title'" KW_NAME "'name'"
%token KW_SHORT "'short'" KW_SUMMARY "'summary'" KW_NOTE "'note'"
%token KW_ACTION "'action'" KW_ORIGIN "'origin'" KW_AT "'at'"
%token KW_BODY "'body'" KW_ADOPTED "'adopted'"
%token KW_RECOMMENDED_BY "'recommended_by'" KW_OPERATIVE "'operative'"
%token KW_REFERS "'refers'" KW_KIND "'kind'" KW_PART_OF "'part_of'"
%token KW_STRENGTH "'strength'" KW_PHRASE "'phrase'" KW_FROM "'from'"
%token KW_TO "'to'" KW_ON "'on'" KW_DURING "'during'" KW_HOSTS "'hosts'"
%token KW_CITES "'cites'" KW_BY "'by'" KW_URL "'url'" KW_DUE "'due'"
%token KW_EVERY "'every'" KW_REMIND "'remind'" KW_ONGOING "'ongoing'"
%token KW_BEFORE "'before'" KW_AFTER "'after'" KW_UNTIL "'until'"
%token KW_PARA "'para'" KW_SESSION_REF "'session'"
%token KW_WEEKEND "'weekend'" KW_HOLIDAY "'holiday'" KW_SHIFT "'shift'"
%token KW_ROUNDING "'rounding'"
%token KW_DONE "'done'" KW_PARTLY "'partly'" KW_NOT_DONE "'not_done'"
%token KW_IN_PROGRESS "'in_progress'" KW_NOT_APPLICABLE "'not_applicable'"
%token KW_REF "'ref'" KW_ILLUSTRATIVE "'illustrative'"
%token KW_DAY "'days'" KW_WEEK "'weeks'" KW_MONTH "'months'"
%token KW_YEAR "'years'"

/* `every year` then `from`: the `from` bounds the recurrence (shift), as
   `else` binds to the nearest `if`.  An event's `from D to D` field never
   follows `every`, which only obligations hold. */
%precedence NO_BOUNDS
%precedence KW_FROM

%type <decl> decl
%type <fields> fields body opt_body
%type <langtext> text
%type <text> strings
%type <names> names opt_names
%type <para> pnum pref
%type <paras> prefs
%type <when> when
%type <point> point during session
%type <recur> recur
%type <yod> yod
%type <unit> unit
%type <str> name
%type <num> status
%type <recur> bounds

%%

spec:
    decls
    ;

decls:
    %empty
  | decls decl
        {
            parse_push(ctx, $2);
            /* A whole declaration was read: whatever brace went missing
               before it, the scanner is back at the top level. */
            ctx->depth = 0;
            parse_val_reset(ctx);
        }
  | decls error
        {
            /* the fields of what was given up are no one's */
            ctx->nf = 0;
            parse_val_reset(ctx);
            if (ctx->max_errors > 0 && ctx->errors > ctx->max_errors)
                YYABORT;
        }
    ;

decl:
    /* import "un" */
    KW_IMPORT STRING
        { $$ = ast_decl(A, DK_IMPORT, LOC(@1), OWN($2), LOC(@2)); }
    /* resolution E_RES_2012_5 { ... } */
  | KW_RESOLUTION name body
        { $$ = decl_body(ctx, DK_RESOLUTION, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* entity SG { ... } */
  | KW_ENTITY name body
        { $$ = decl_body(ctx, DK_ENTITY, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* verb requests { ... } */
  | KW_VERB name body
        { $$ = decl_body(ctx, DK_VERB, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* session GA 67 { ... } */
  | KW_SESSION name INT body
        {
            YYLTYPE span = @2;
            span.last = @3.last;
            $$ = decl_body(ctx, DK_SESSION, LOC(@1),
                           arena_printf(A, "%s %d", $2, (int)$3), LOC(span),
                           FSTART($4));
            $$->session_body = ast_ident(A, $2, LOC(@2));
            $$->session_number = $3;
        }
    /* event igf_2012 { ... } */
  | KW_EVENT name body
        { $$ = decl_body(ctx, DK_EVENT, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* obligation sg_annual_report { ... } */
  | KW_OBLIGATION IDENT body
        { $$ = decl_body(ctx, DK_OBLIGATION, LOC(@1), $2, LOC(@2), FSTART($3)); }
  | KW_OBLIGATION IDENT_BOL body
        { $$ = decl_body(ctx, DK_OBLIGATION, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* calendar UN_GENEVA { ... } */
  | KW_CALENDAR name body
        { $$ = decl_body(ctx, DK_CALENDAR, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* progress sg_annual_report 2013 { done 2013-03-26 ... } */
  | KW_PROGRESS name body
        { $$ = decl_body(ctx, DK_PROGRESS, LOC(@1), $2, LOC(@2), FSTART($3)); }
  | KW_PROGRESS name INT body
        {
            $$ = decl_body(ctx, DK_PROGRESS, LOC(@1), $2, LOC(@2), FSTART($4));
            $$->has_occurrence = true;
            $$->occurrence = $3;
            $$->occurrence_loc = LOC(@3);
        }
    /* document a_67_65 { ... } */
  | KW_DOCUMENT name body
        { $$ = decl_body(ctx, DK_DOCUMENT, LOC(@1), $2, LOC(@2), FSTART($3)); }
    /* paragraph 32(a) notes PARTNERSHIP_ICT4D [{ ... }] */
  | KW_PARAGRAPH pnum name opt_names opt_body
        {
            const char *name = $2->sub
                ? arena_printf(A, "%d(%s)", $2->num, $2->sub)
                : arena_printf(A, "%d", $2->num);
            $$ = ast_decl(A, DK_PARAGRAPH, LOC(@1), name, $2->loc);
            $$->para = $2;
            YYLTYPE span = @3;
            if ($4) {
                span.last = @4.last;
            }
            /* the verb line first: it is read last, so it goes round */
            Field *f = field_names(ctx, FK_VERB, LOC(span), LOC(@3),
                                   names_head($4));
            f->verb = ast_ident(A, $3, LOC(@3));
            size_t start = FSTART($5);
            if (f != &ctx->spare && ctx->nf > start + 1) {
                Field verb = *f;
                memmove(ctx->fbuf + start + 1, ctx->fbuf + start,
                        (ctx->nf - 1 - start) * sizeof verb);
                ctx->fbuf[start] = verb;
            }
            take_fields(ctx, $$, start);
            $$->has_body = FBRACES($5);
        }
    ;

body:
    '{' fields '}'   { $$ = FIELDS_AT(FSTART($2), true); }
    ;

opt_body:
    %empty   { $$ = FIELDS_AT(ctx->nf, false); }
  | body     { $$ = $1; }
    ;

/* The fields themselves are on ctx->fbuf, from start up. */
fields:
    %empty
        { $$ = FIELDS_AT(ctx->nf, false); ctx->body_texts = 0; }
    /* Each field's rule follows the fields read before it, whose start
       stays the value ($1), and puts the field on top of them: one step
       of the parser a field (a rule field: ... and fields: fields field
       took two, the second changing nothing). */
    /* symbol "E/RES/2012/5" */
  | fields KW_SYMBOL strings
        { field_text(ctx, FK_SYMBOL, FLOC(@2, @3), LOC(@2), ast_text(A, NULL, OWN($3), $3->len, LOC(@3))); $$ = $1; }
    /* title en "..." */
  | fields KW_TITLE text
        { TEXT_FIELD(FK_TITLE, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_NAME text
        { TEXT_FIELD(FK_NAME, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_SHORT text
        { TEXT_FIELD(FK_SHORT, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_SUMMARY text
        { TEXT_FIELD(FK_SUMMARY, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_NOTE text
        { TEXT_FIELD(FK_NOTE, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_ACTION text
        { TEXT_FIELD(FK_ACTION, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_ORIGIN text
        { TEXT_FIELD(FK_ORIGIN, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_AT text
        { TEXT_FIELD(FK_AT, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
  | fields KW_PHRASE text
        { TEXT_FIELD(FK_PHRASE, FLOC(@2, @3), LOC(@2), $3, LOC(@3)); $$ = $1; }
    /* url "https://undocs.org/E/RES/2012/5" */
  | fields KW_URL strings
        { field_lang_text(ctx, FK_URL, FLOC(@2, @3), LOC(@2), NULL, $3->str, $3->len, $3->owned, LOC(@3)); $$ = $1; }
    /* body ECOSOC */
  | fields KW_BODY name
        { field_names(ctx, FK_BODY, FLOC(@2, @3), LOC(@2), ast_ident(A, $3, LOC(@3))); $$ = $1; }
    /* kind commission */
  | fields KW_KIND name
        { field_names(ctx, FK_KIND, FLOC(@2, @3), LOC(@2), ast_ident(A, $3, LOC(@3))); $$ = $1; }
    /* by SG */
  | fields KW_BY name
        { field_names(ctx, FK_BY, FLOC(@2, @3), LOC(@2), ast_ident(A, $3, LOC(@3))); $$ = $1; }
    /* adopted 2012-07-24 ["43rd plenary meeting"] */
  | fields KW_ADOPTED DATE
        { Field *f = new_field(ctx, FK_ADOPTED, FLOC(@2, @3), LOC(@2)); f->dates = ast_dates(A, $3, NULL); $$ = $1; }
  | fields KW_ADOPTED DATE strings
        {
            Field *f = new_field(ctx, FK_ADOPTED, FLOC(@2, @4), LOC(@2));
            f->dates = ast_dates(A, $3, NULL);
            f->meeting = ast_text(A, NULL, KEPT($4), $4->len, LOC(@4));
            $$ = $1;
        }
    /* recommended_by CSTD ["E/2012/31 and Corr.1"] */
  | fields KW_RECOMMENDED_BY name
        { field_names(ctx, FK_RECOMMENDED_BY, FLOC(@2, @3), LOC(@2), ast_ident(A, $3, LOC(@3))); $$ = $1; }
  | fields KW_RECOMMENDED_BY name strings
        {
            Field *f = field_names(ctx, FK_RECOMMENDED_BY, FLOC(@2, @4), LOC(@2), ast_ident(A, $3, LOC(@3)));
            f->text = ast_text(A, NULL, KEPT($4), $4->len, LOC(@4));
            $$ = $1;
        }
    /* operative 1..44 */
  | fields KW_OPERATIVE INT DOTDOT INT
        {
            Field *f = new_field(ctx, FK_OPERATIVE, FLOC(@2, @5), LOC(@2));
            f->n1 = $3;
            f->nums = ast_nums(A);
            f->nums->n2 = $5;
            f->nums->n1loc = LOC(@3);
            f->nums->n2loc = LOC(@5);
            $$ = $1;
        }
    /* refers doc_a, doc_b */
  | fields KW_REFERS names
        { field_names(ctx, FK_REFERS, FLOC(@2, @3), LOC(@2), names_head($3)); $$ = $1; }
  | fields KW_PART_OF names
        { field_names(ctx, FK_PART_OF, FLOC(@2, @3), LOC(@2), names_head($3)); $$ = $1; }
  | fields KW_HOSTS names
        { field_names(ctx, FK_HOSTS, FLOC(@2, @3), LOC(@2), names_head($3)); $$ = $1; }
  | fields KW_TO names
        { field_names(ctx, FK_TO, FLOC(@2, @3), LOC(@2), names_head($3)); $$ = $1; }
    /* strength 4 */
  | fields KW_STRENGTH INT
        {
            Field *f = new_field(ctx, FK_STRENGTH, FLOC(@2, @3), LOC(@2));
            f->n1 = $3;
            f->nums = ast_nums(A);
            f->nums->n1loc = LOC(@3);
            $$ = $1;
        }
    /* from 2012-11-06 to 2012-11-09 */
  | fields KW_FROM DATE KW_TO DATE
        { Field *f = new_field(ctx, FK_FROM, FLOC(@2, @5), LOC(@2)); f->dates = ast_dates(A, $3, $5); $$ = $1; }
    /* on 2012-05-18 */
  | fields KW_ON DATE
        { Field *f = new_field(ctx, FK_ON, FLOC(@2, @3), LOC(@2)); f->dates = ast_dates(A, $3, NULL); $$ = $1; }
    /* during session GA 67 */
  | fields KW_DURING during
        {
            Field *f = new_field(ctx, FK_DURING, FLOC(@2, @3), LOC(@2));
            When w = {.kind = WHEN_DURING, .at = *$3};
            f->when = ast_when(A, &w);
            $$ = $1;
        }
    /* cites para 34, ¶32(b) */
  | fields KW_CITES prefs
        { Field *f = new_field(ctx, FK_CITES, FLOC(@2, @3), LOC(@2)); f->paras = paras_head($3); $$ = $1; }
    /* due 30 days before session CSTD */
  | fields KW_DUE when
        { Field *f = new_field(ctx, FK_DUE, FLOC(@2, @3), LOC(@2)); f->when = $3; $$ = $1; }
    /* every year from 2013 until 2015 */
  | fields KW_EVERY recur
        { Field *f = new_field(ctx, FK_EVERY, FLOC(@2, @3), LOC(@2)); f->recur = ast_recur(A, $3); $$ = $1; }
    /* remind 14 days */
  | fields KW_REMIND INT unit
        {
            Field *f = new_field(ctx, FK_REMIND, FLOC(@2, @4), LOC(@2));
            f->n1 = $3;
            f->nums = ast_nums(A);
            f->nums->n1loc = LOC(@3);
            f->nums->unit = $4;
            $$ = $1;
        }
    /* ongoing */
  | fields KW_ONGOING
        { new_field(ctx, FK_ONGOING, FLOC(@2, @2), LOC(@2)); $$ = $1; }
    /* weekend sat, sun */
  | fields KW_WEEKEND names
        { field_names(ctx, FK_WEEKEND, FLOC(@2, @3), LOC(@2), names_head($3)); $$ = $1; }
    /* holiday 2013-12-25 ["Christmas Day"] */
  | fields KW_HOLIDAY DATE
        { Field *f = new_field(ctx, FK_HOLIDAY, FLOC(@2, @3), LOC(@2)); f->dates = ast_dates(A, $3, NULL); $$ = $1; }
  | fields KW_HOLIDAY DATE strings
        {
            Field *f = new_field(ctx, FK_HOLIDAY, FLOC(@2, @4), LOC(@2));
            f->dates = ast_dates(A, $3, NULL);
            f->meeting = ast_text(A, NULL, KEPT($4), $4->len, LOC(@4));
            $$ = $1;
        }
    /* shift before [UN_GENEVA]: a deadline on a day off moves */
  | fields KW_SHIFT KW_BEFORE
        { Field *f = new_field(ctx, FK_SHIFT, FLOC(@2, @3), LOC(@2)); f->before = true; $$ = $1; }
  | fields KW_SHIFT KW_AFTER
        { Field *f = new_field(ctx, FK_SHIFT, FLOC(@2, @3), LOC(@2)); f->before = false; $$ = $1; }
  | fields KW_SHIFT KW_BEFORE IDENT
        {
            Field *f = field_names(ctx, FK_SHIFT, FLOC(@2, @4), LOC(@2), ast_ident(A, $4, LOC(@4)));
            f->before = true;
            $$ = $1;
        }
  | fields KW_SHIFT KW_AFTER IDENT
        {
            Field *f = field_names(ctx, FK_SHIFT, FLOC(@2, @4), LOC(@2), ast_ident(A, $4, LOC(@4)));
            f->before = false;
            $$ = $1;
        }
    /* done 2013-03-26 | partly ... | not_done ... | in_progress ... */
  | fields status DATE
        {
            Field *f = new_field(ctx, FK_STATUS, FLOC(@2, @3), LOC(@2));
            f->n1 = $2;
            f->dates = ast_dates(A, $3, NULL);
            $$ = $1;
        }
    /* ref "A/68/65-E/2013/11" */
  | fields KW_REF strings
        { field_lang_text(ctx, FK_REF, FLOC(@2, @3), LOC(@2), NULL, $3->str, $3->len, $3->owned, LOC(@3)); $$ = $1; }
    /* illustrative: the record is an example, not a fact */
  | fields KW_ILLUSTRATIVE
        { new_field(ctx, FK_ILLUSTRATIVE, FLOC(@2, @2), LOC(@2)); $$ = $1; }
    /* rounding down | up */
  | fields KW_ROUNDING name
        { field_names(ctx, FK_ROUNDING, FLOC(@2, @3), LOC(@2), ast_ident(A, $3, LOC(@3))); $$ = $1; }
    /* requests SG, UNCTAD   (the verb begins its line, so that a name
       missing its comma, `hosts ITU UNESCO`, is an error where it stands) */
  | fields IDENT_BOL names
        {
            Field *f = field_names(ctx, FK_VERB, FLOC(@2, @3), LOC(@2), names_head($3));
            f->verb = ast_ident(A, $2, LOC(@2));
            $$ = $1;
        }
    ;


/* [LANG] "text" "more text": the strings taken here, not through
   strings, so that a text of one string is one step of the parser */
text:
    STRING              { $$ = text_val(ctx, NULL, $1); }
  | IDENT STRING        { $$ = text_val(ctx, $1, $2); }
  | IDENT_BOL STRING    { $$ = text_val(ctx, $1, $2); }
  | text STRING         { $$ = $1; strings_join(ctx, &$$->s, $2); }
    ;

/* Adjacent strings concatenate, so long texts can span lines. */
strings:
    STRING          { $$ = $1; }
  | strings STRING  { $$ = $1; strings_join(ctx, $$, $2); }
    ;

names:
    IDENT                   { $$ = names_one(ctx, $1, LOC(@1)); }
  | IDENT_BOL               { $$ = names_one(ctx, $1, LOC(@1)); }
  | names ',' IDENT         { $$ = names_more(ctx, $1, $3, LOC(@3)); }
  | names ',' IDENT_BOL     { $$ = names_more(ctx, $1, $3, LOC(@3)); }
    ;

opt_names:
    %empty   { $$ = NULL; }
  | names    { $$ = $1; }
    ;

/* 34 or 32(b) */
pnum:
    INT               { $$ = ast_pararef(A, $1, NULL, LOC(@$)); }
  | INT '(' name ')' { $$ = ast_pararef(A, $1, $3, LOC(@$)); }
    ;

/* para 34 or ¶34 (pnum's two forms written out: a step fewer each) */
pref:
    KW_PARA INT                 { $$ = ast_pararef(A, $2, NULL, LOC(@$)); }
  | KW_PARA INT '(' name ')'    { $$ = ast_pararef(A, $2, $4, LOC(@$)); }
  | PARA_SIGN INT               { $$ = ast_pararef(A, $2, NULL, LOC(@$)); }
  | PARA_SIGN INT '(' name ')'  { $$ = ast_pararef(A, $2, $4, LOC(@$)); }
    ;

prefs:
    pref             { $$ = $1; $$->next = $$; }
  | prefs ',' pref   { $$ = $3; $$->next = $1->next; $1->next = $$; }
    ;

/* A deadline rule, made a node of the tree here. */
when:
    KW_BY point
        { $$ = ast_when(A, &(When){.kind = WHEN_BY, .at = *$2}); }
  | KW_ON DATE
        {
            $$ = ast_when(A, &(When){.kind = WHEN_ON,
                                     .at = {.kind = PT_DATE, .date = *$2,
                                            .loc = LOC(@2)}});
        }
  | KW_BEFORE point
        { $$ = ast_when(A, &(When){.kind = WHEN_BEFORE, .at = *$2}); }
  | KW_AFTER point
        { $$ = ast_when(A, &(When){.kind = WHEN_AFTER, .at = *$2}); }
  | KW_DURING during
        { $$ = ast_when(A, &(When){.kind = WHEN_DURING, .at = *$2}); }
    /* 30 days before session CSTD */
  | INT unit KW_BEFORE point
        {
            $$ = ast_when(A, &(When){.kind = WHEN_OFFSET, .amount = (int)$1,
                                     .unit = (Unit)$2, .before = true,
                                     .at = *$4});
        }
  | INT unit KW_AFTER point
        {
            $$ = ast_when(A, &(When){.kind = WHEN_OFFSET, .amount = (int)$1,
                                     .unit = (Unit)$2, .before = false,
                                     .at = *$4});
        }
    ;

point:
    DATE
        {
            $$ = parse_val(ctx, sizeof *$$);
            $$->kind = PT_DATE;
            $$->date = *$1;
            $$->loc = LOC(@$);
        }
  | IDENT            { $$ = point_name(ctx, $1, LOC(@1)); }
  | IDENT_BOL        { $$ = point_name(ctx, $1, LOC(@1)); }
  | session          { $$ = $1; }
    ;

/* igf_2012 | session CSTD | session GA 67 */
during:
    IDENT       { $$ = point_name(ctx, $1, LOC(@1)); }
  | IDENT_BOL   { $$ = point_name(ctx, $1, LOC(@1)); }
  | session     { $$ = $1; }
    ;

session:
    KW_SESSION_REF name
        {
            $$ = parse_val(ctx, sizeof *$$);
            $$->kind = PT_SESSION;
            $$->name = ast_ident(A, $2, LOC(@2));
            $$->loc = LOC(@$);
        }
  | KW_SESSION_REF name INT
        {
            $$ = parse_val(ctx, sizeof *$$);
            $$->kind = PT_SESSION;
            $$->name = ast_ident(A, $2, LOC(@2));
            $$->number = (int)$3;
            $$->has_number = true;
            $$->loc = LOC(@$);
        }
    ;

/* year | 2 years | month, then optional bounds */
recur:
    unit bounds
        { $$ = $2; $$->interval = 1; $$->unit = (Unit)$1; }
  | INT unit bounds
        { $$ = $3; $$->interval = (int)$1; $$->unit = (Unit)$2; }
    ;

bounds:
    %empty %prec NO_BOUNDS
        { $$ = parse_val(ctx, sizeof *$$); }
  | KW_FROM yod
        { $$ = parse_val(ctx, sizeof *$$); $$->from = *$2; }
  | KW_FROM yod KW_UNTIL yod
        { $$ = parse_val(ctx, sizeof *$$); $$->from = *$2; $$->until = *$4; }
  | KW_UNTIL yod
        { $$ = parse_val(ctx, sizeof *$$); $$->until = *$2; }
    ;

/* 2013 | 2013-03-01 */
yod:
    INT
        {
            $$ = parse_val(ctx, sizeof *$$);
            $$->present = true;
            $$->year_only = true;
            $$->date.y = (int)$1;
            $$->date.m = 1;
            $$->date.d = 1;
            $$->date.loc = LOC(@1);
        }
  | DATE
        { $$ = parse_val(ctx, sizeof *$$); $$->present = true; $$->date = *$1; }
    ;

/* A name anywhere; only a verb line needs to begin its line.  Where a
   name is read most (a text's language, a list of names, a rule's
   anchor, an obligation's own), the rules name both tokens instead:
   each reduction of this rule is a step of the parser that changes
   nothing, six an obligation. */
name:
    IDENT       { $$ = $1; }
  | IDENT_BOL   { $$ = $1; }
    ;

status:
    KW_DONE             { $$ = PS_DONE; }
  | KW_PARTLY           { $$ = PS_PARTLY; }
  | KW_NOT_DONE         { $$ = PS_NOT_DONE; }
  | KW_IN_PROGRESS      { $$ = PS_IN_PROGRESS; }
  | KW_NOT_APPLICABLE   { $$ = PS_NOT_APPLICABLE; }
    ;

unit:
    KW_DAY     { $$ = UNIT_DAY; }
  | KW_WEEK    { $$ = UNIT_WEEK; }
  | KW_MONTH   { $$ = UNIT_MONTH; }
  | KW_YEAR    { $$ = UNIT_YEAR; }
    ;

%%

/* Is the last token read a declaration keyword (or the end)? */
static bool at_declaration(const ParseCtx *ctx)
{
    static const char *const words[] = {
        "import", "resolution", "entity", "verb", "session", "event",
        "obligation", "document", "paragraph", "calendar", "progress",
    };
    if (ctx->tok_len == 0)
        return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == ctx->tok_len &&
            memcmp(words[i], ctx->tok_text, ctx->tok_len) == 0)
            return true;
    return false;
}

/*
 * Bison's detailed message is "syntax error, unexpected X, expecting Y".
 * Keep its content, drop the "syntax error, " that the code already says,
 * and quote the token when the kind alone ("name") would not show it.
 */
static void yyerror(YYLTYPE *loc, yyscan_t scanner, ParseCtx *ctx,
                    const char *msg)
{
    (void)scanner;
    const char *prefix = "syntax error, ";
    if (strncmp(msg, prefix, strlen(prefix)) == 0)
        msg += strlen(prefix);
    /* "name or name at the start of a line" says "name" twice. */
    char buf[512];
    const char *both = strstr(msg, "name or name at the start of a line");
    if (both && strlen(msg) < sizeof buf) {
        size_t k = (size_t)(both - msg) + strlen("name");
        memcpy(buf, msg, k);
        strcpy(buf + k, both + strlen("name or name at the start of a line"));
        msg = buf;
    }
    SrcLoc l = LOC(*loc);
    bool eof = loc->first == loc->last;
    if (eof)
        ctx->tok_len = 0;
    const char *comma = strstr(msg, ", expecting");
    int head = comma ? (int)(comma - msg) : (int)strlen(msg);
    bool quote = !eof && ctx->tok_len > 0 &&
                 (strncmp(msg, "unexpected name", (size_t)head) == 0 ||
                  strncmp(msg, "unexpected number", (size_t)head) == 0 ||
                  strncmp(msg, "unexpected date", (size_t)head) == 0);
    if (quote)
        diag_report(ctx->diag, SEV_ERROR, l, "E0001", "%.*s '%.*s'%s", head,
                    msg, ctx->tok_len > 40 ? 40 : (int)ctx->tok_len,
                    ctx->tok_text, comma ? comma : "");
    else
        diag_report(ctx->diag, SEV_ERROR, l, "E0001", "%s", msg);
    /* `titel en "x"` reads as the verb line `titel en`: say what it was. */
    const char *kw;
    /* loc is the look-ahead's, the last token read: on the scanner's
       line */
    if (ctx->bol_word && ctx->bol_line == ctx->line &&
        (kw = lex_keyword_near(ctx->bol_word)) != NULL)
        diag_note(ctx->diag, ctx->bol_loc, "'%s' is not a keyword; did you "
                  "mean '%s'?", ctx->bol_word, kw);
    if (ctx->depth > 0 && at_declaration(ctx))
        diag_note(ctx->diag, ctx->open_brace,
                  "the declaration opened here has no closing '}'");
    ctx->errors++;
}
