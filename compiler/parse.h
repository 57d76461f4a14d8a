/*
 * parse.h - turns one source file into a list of declarations.
 *
 * The scanner (grammar/lexer.l) and the parser (grammar/parser.y) share a
 * ParseCtx: where the tree goes, where diagnostics go, and the little
 * state the scanner keeps (position, brace depth, a scratch buffer).
 */
#ifndef WSIS_PARSE_H
#define WSIS_PARSE_H

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "intern.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T    /* as flex's header has it */
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* A location while parsing: bytes [first, last) of the file.  The
   parser copies one at every shift and every reduction, as it copies
   values (union WsisValue, below): it is a word, and written whole
   (wsis_span_put), so that a copy does not stall on a store of half of
   it. */
typedef struct WsisSpan {
    unsigned first, last;
} WsisSpan;

_Static_assert(sizeof(WsisSpan) == 8, "a location is one word");

/* *s = [first, last), in one store. */
static inline void wsis_span_put(WsisSpan *s, unsigned first, unsigned last)
{
    WsisSpan t = {first, last};
    uint64_t u;
    memcpy(&u, &t, sizeof u);
    memcpy(s, &u, sizeof u);
}

/* A string as the scanner read it (STRING) or the grammar joined it:
   where it lies in the file's buffer (owned false) or a copy in the
   arena. */
typedef struct StrVal {
    const char *str;
    size_t len;
    bool owned;
} StrVal;

/* A text: a string and its language tag (NULL: none). */
typedef struct LangVal {
    const char *lang;
    StrVal s;
} LangVal;

/* The largest value that does not fit in a word (parse_val). */
enum { PARSE_VAL_MAX = 128 };

/*
 * The grammar's semantic values (grammar/parser.y), by tag: a word each.
 * The parser copies a value at every shift and every reduction, and a
 * value of several words copied a few bytes after being written a member
 * at a time stalls the load (the store cannot be forwarded to it): with
 * values of 72 bytes, those copies were two fifths of the parser's own
 * time.  What takes more than a word is in the parse's scratch
 * (parse_val, ParseCtx.val), a list is its last element, whose next is
 * its first (names_head and paras_head in parser.y), and a body's fields
 * are their start on ParseCtx.fbuf, shifted, with the braces in the low
 * bit.
 */
union WsisValue {
    const char *str;
    StrVal *text;           /* STRING, strings */
    int64_t num;            /* written whole: see above */
    DateLit *date;
    LangVal *langtext;
    Ident *ident;
    Ident *names;           /* the last of a list whose next is its first */
    ParaRef *para;
    ParaRef *paras;         /* likewise */
    uint64_t fields;        /* start << 1 | braces */
    Decl *decl;
    When *when;             /* in the arena: the tree's node */
    Point *point;
    Recur *recur;
    YearOrDate *yod;
    int64_t unit;
};

_Static_assert(sizeof(union WsisValue) == 8, "a value is one word");

enum {
    WSIS_MAX_NAME = 255,            /* bytes in a name */
    WSIS_MAX_STRING = 1024 * 1024,  /* bytes in a string, once decoded */
};

/*
 * Which texts a parse keeps the bytes of.  The others keep their language,
 * length and place only (ast_field_bare): enough for every check, and for
 * a writer that does not print them.
 */
typedef struct TextsKept {
    bool bytes;             /* false: none (`wsisc check`) */
    const char *lang;       /* NULL: all; else those a calendar in lang
                               prints: in lang or English, and the first
                               of each kind in a declaration (ast_text_in) */
} TextsKept;

typedef struct ParseCtx {
    Arena *arena;
    Intern *names;          /* identifiers are interned here (NULL: copied) */
    DiagSink *diag;
    int file;
    Decl **list;            /* the declarations, in order */
    unsigned char *kinds;   /* and their kinds (parse_kinds) */
    size_t nlist, caplist;
    Field *fbuf;            /* fields read and not yet given to their
                               declaration (malloc'd, grows) */
    size_t nf, capf;
    Field spare;            /* written into when fbuf cannot grow */
    /* scanner state */
    unsigned off;           /* bytes read (where the next token starts) */
    int line;               /* its line: syntax notes compare lines */
    int depth;              /* braces open; a keyword means more at depth 0 */
    SrcLoc open_brace;      /* the '{' of the declaration being read */
    SrcLoc comment_start;   /* the open block comment */
    char *buf;              /* scratch for decoding strings (malloc'd) */
    size_t buflen, bufcap;
    bool bol, was_bol;      /* at the beginning of a line */
    bool declaring;         /* the last word was `obligation`, `event`... */
    bool drop_texts;        /* texts keep their length only (parse_source) */
    const char *texts_lang; /* only those in this language (TextsKept) */
    uint64_t body_texts;    /* bit k: the body being read has a text of
                               field kind k (a first one is kept) */
    const char *bol_word;   /* the last name that began a line */
    SrcLoc bol_loc;
    int bol_line;
    const char *tok_text;   /* the last token, for syntax messages */
    size_t tok_len;
    /* The values of more than a word of the declaration being read
       (parse_val): chunks from the arena, used again from the first one
       for each declaration, since a declaration's values are all taken
       by the time it is reduced. */
    struct ValChunk *val, *val_first;
    size_t val_used;
    _Alignas(8) unsigned char val_spare[PARSE_VAL_MAX];
    /* counts */
    int errors;             /* lexical and syntax errors in this file */
    int max_errors;         /* stop after this many (0: no limit) */
} ParseCtx;

/*
 * Parses len bytes of text (file id from diag_add_file) and gives its
 * declarations, in order, as an array (in the arena) of *nlist, followed
 * by their kinds (parse_kinds).  Returns
 * the number of lexical and syntax errors, or -1 when out of memory.
 * Texts that texts does not keep (titles, names, actions, notes,
 * references, links) keep their language, length and place but not their
 * bytes: str is NULL.  Nothing but a writer reads those bytes: `wsisc
 * check` runs none (WSIS_KEEP_TEXTS), and a calendar prints one language
 * (wsis_keep_texts_in).  The resolution's symbol and the names of imports
 * are kept either way.
 */
int parse_source(Arena *a, Intern *names, DiagSink *diag, int file,
                 const char *text, size_t len, TextsKept texts,
                 Decl ***list, size_t *nlist);

/*
 * Bytes after a text that the scanner reads: the two NULs that end flex's
 * buffer, and the rest of a sixteen-byte load from the last of them
 * (plain_run, grammar/lexer.l).  The parse writes them all.
 */
enum { PARSE_PAD = 16 };

/*
 * The same, scanning buf where it is: buf[len .. len + PARSE_PAD) must be
 * writable, and buf holds no text worth keeping afterwards (the scanner
 * writes into it).  For a parse whose diagnostics nobody reads (ahead.c):
 * one copy of the file fewer, and the parser without look-ahead
 * correction (ahead_parse, below).
 */
int parse_scratch(Arena *a, Intern *names, DiagSink *diag, int file,
                  char *buf, size_t len, TextsKept texts, Decl ***list,
                  size_t *nlist);

/* The kinds of the n declarations of a list parse_source or parse_scratch
   gave, one byte each: where they lie after the list.  A pass that wants
   one kind (the loader's imports, the index of every declaration) reads
   these instead of every declaration, each a cache miss in a large tree. */
static inline const unsigned char *parse_kinds(Decl *const *list, size_t n)
{
    return (const unsigned char *)(list + n);
}

/* Appends a declaration to the context's array (the grammar calls it). */
void parse_push(ParseCtx *ctx, Decl *d);

/* n bytes (at most PARSE_VAL_MAX), zeroed, that last until the grammar
   has reduced the declaration being read (parse_val_reset); out of
   memory, as the arena runs out. */
void *parse_val(ParseCtx *ctx, size_t n);

/* The grammar has reduced a declaration (or given one up): the values'
   space is free again.  A token read past the declaration's end, if any,
   is a declaration keyword (no value) or an error that recovery drops
   unread. */
void parse_val_reset(ParseCtx *ctx);

/* The token of a keyword, or 0 when word is none. */
int lex_keyword(const char *word);

/* Keywords whose token keyword lookup gets wrong: 0 (for the tests). */
int lex_keyword_mismatches(void);

/* The keyword closest to word, if one is close enough (the lexer's table). */
const char *lex_keyword_near(const char *word);

/* Called by the grammar to give a bison location (bytes [first, last)) a
   file. */
SrcLoc parse_loc(const ParseCtx *ctx, unsigned first, unsigned last);

/*
 * The grammar built a second time (the Makefile: bison's api.prefix
 * "ahead_"), without look-ahead correction (LAC), for the parses whose
 * diagnostics are never shown: a file parsed ahead on a thread is parsed
 * again, from the start, by the loader when it says anything (ahead.c).
 * LAC changes which errors are found first and what a message says is
 * expected, never which files parse or the tree they give; checking each
 * step of the parse against the look-ahead costs parsing at a million
 * obligations about 0.04 s.  ahead_lex is the scanner, under the name
 * that parser calls.
 */
int ahead_parse(yyscan_t scanner, ParseCtx *ctx);
int ahead_lex(union WsisValue *lval, WsisSpan *lloc, yyscan_t scanner);

#endif
