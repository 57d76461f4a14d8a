/*
 * ast.h - the syntax tree of a .wsis file.
 *
 * The parser builds one Decl per top-level declaration, each with a list of
 * Fields in source order.  Every node lives in the compilation's arena and
 * carries the SrcLoc that diagnostics point at.  The tree says what was
 * written; check.c decides what it means.
 */
#ifndef WSIS_AST_H
#define WSIS_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

/* A date as written: not yet known to be a real day (check.c decides). */
typedef struct DateLit {
    int y, m, d;
    bool bad;          /* the lexer already reported it as malformed */
    SrcLoc loc;
} DateLit;

/* A year on its own (2013) or a full date, as in `every year from 2013`. */
typedef struct YearOrDate {
    bool present;
    bool year_only;
    DateLit date;      /* year_only: date.y holds the year */
} YearOrDate;

/* Text in one language: `title zh "..."`.  lang is NULL when untagged;
   a tag begins loc (see ast_text_lang_loc).  A field holds one; what
   holds several keeps an array of pointers (Record). */
typedef struct Text {
    const char *lang;
    const char *str;
    size_t len;
    SrcLoc loc;        /* the tag, if any, and the strings */
} Text;

/* Where a tagged text's language tag is: the start of its location, as
   long as the tag (a name: one line, ASCII). */
static inline SrcLoc ast_text_lang_loc(const Text *t)
{
    return srcloc(t->loc.file, t->loc.off, t->lang ? strlen(t->lang) : 0);
}

/* A use of a name, or one element of a comma list of names.  The checker
   notes what it names, so later passes follow a pointer instead of
   looking the name up again. */
typedef struct Ident {
    const char *name;
    SrcLoc loc;
    struct Ident *next;
    struct Decl *decl;     /* set by resolve_use; NULL until then */
} Ident;

/* `para 32(b)` or `¶35`; sub is NULL without a letter. */
typedef struct ParaRef {
    int num;
    const char *sub;
    SrcLoc loc;
    struct ParaRef *next;
} ParaRef;

typedef enum Unit { UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR } Unit;

/* What a progress record says of an obligation (FK_STATUS, in n1). */
typedef enum ProgressStatus {
    PS_DONE, PS_PARTLY, PS_NOT_DONE, PS_IN_PROGRESS, PS_NOT_APPLICABLE
} ProgressStatus;

/* What a deadline is anchored to. */
typedef enum PointKind { PT_DATE, PT_NAME, PT_SESSION } PointKind;

typedef struct Point {
    PointKind kind;
    DateLit date;      /* PT_DATE */
    Ident *name;       /* PT_NAME: an event or obligation; PT_SESSION: body */
    int number;        /* PT_SESSION with has_number */
    bool has_number;
    SrcLoc loc;
} Point;

typedef enum WhenKind {
    WHEN_BY,           /* due by X */
    WHEN_ON,           /* due on DATE */
    WHEN_BEFORE,       /* due before X */
    WHEN_AFTER,        /* due after X */
    WHEN_DURING,       /* due during session GA 67 / during EVENT */
    WHEN_OFFSET        /* due N units before|after X */
} WhenKind;

typedef struct When {
    WhenKind kind;
    int amount;        /* WHEN_OFFSET */
    Unit unit;         /* WHEN_OFFSET */
    bool before;       /* WHEN_OFFSET: before (true) or after */
    Point at;
} When;

typedef struct Recur {
    int interval;      /* every N units */
    Unit unit;
    YearOrDate from, until;
} Recur;

/* Field kinds, one per leading keyword; FK_VERB is `VERB ACTOR, ...`. */
typedef enum FieldKind {
    FK_SYMBOL, FK_TITLE, FK_NAME, FK_SHORT, FK_SUMMARY, FK_NOTE, FK_ACTION,
    FK_ORIGIN, FK_AT, FK_BODY, FK_ADOPTED, FK_RECOMMENDED_BY, FK_OPERATIVE,
    FK_REFERS, FK_KIND, FK_PART_OF, FK_STRENGTH, FK_PHRASE, FK_FROM, FK_ON,
    FK_DURING, FK_HOSTS, FK_CITES, FK_TO, FK_BY, FK_URL, FK_DUE, FK_EVERY,
    FK_REMIND, FK_ONGOING, FK_WEEKEND, FK_HOLIDAY, FK_SHIFT, FK_ROUNDING,
    FK_STATUS, FK_REF, FK_ILLUSTRATIVE,
    FK_VERB,
    FK__COUNT
} FieldKind;

/* The dates of FK_ADOPTED, FK_FROM (d1 to d2), FK_ON, FK_HOLIDAY, FK_STATUS. */
typedef struct FieldDates {
    DateLit d1, d2;
} FieldDates;

/* The numbers of FK_OPERATIVE (n1..n2), FK_STRENGTH and FK_REMIND (n1 unit). */
typedef struct FieldNums {
    int n2;
    Unit unit;
    SrcLoc n1loc, n2loc;
} FieldNums;

/*
 * One line of a declaration's body: 40 bytes.  A spec holds millions, so
 * what only some kinds carry (dates, a deadline rule, a recurrence,
 * numbers with their places) is out of line, behind one pointer of a union
 * that each kind reads its own member of (parser.y sets them, by kind).
 * A declaration's fields lie in one array, in source order (Decl.fields,
 * Decl.nfields): a pass reads them one after another, and no field needs
 * a link to the next.  ast_field_name() gives the keyword for messages;
 * ast_kwloc() its place.
 */
typedef struct Field {
    /* kind in one byte, so that kind, before, kwlen and n1 share 8 bytes:
       a field is 56 bytes, not 64, and a spec holds millions (GCC and
       Clang keep -Wswitch for an enum bit-field) */
    FieldKind kind : 8;
    union {
        bool before;   /* FK_SHIFT: to the day before (true) or after */
        uint8_t bare;  /* a text field read without its text (BARE_*) */
    };
    uint16_t kwlen;    /* bytes of the leading keyword (or verb), from loc */
    int n1;            /* FK_OPERATIVE n1..n2, FK_STRENGTH, FK_REMIND, FK_STATUS;
                          a bare text field: where its text starts, from
                          the field's start */
    SrcLoc loc;        /* the whole field */
    /* Two pointers, each by kind: no kind has more (ast_field_text gives a
       field's text whichever holds it). */
    union {
        Ident *names;      /* entity/document lists; FK_VERB: the actors */
        Text *meeting;     /* FK_ADOPTED: the meeting; FK_HOLIDAY: its name */
        const char *lang;  /* a bare text field: its text's language */
    };
    union {
        Text *text;        /* texts; FK_RECOMMENDED_BY: the document */
        Ident *verb;       /* FK_VERB */
        ParaRef *paras;    /* FK_CITES */
        FieldDates *dates; /* FK_ADOPTED, FK_FROM, FK_ON, FK_HOLIDAY, FK_STATUS */
        FieldNums *nums;   /* FK_OPERATIVE, FK_STRENGTH, FK_REMIND */
        When *when;        /* FK_DUE, FK_DURING */
        Recur *recur;      /* FK_EVERY */
    };
} Field;

typedef enum DeclKind {
    DK_IMPORT, DK_RESOLUTION, DK_ENTITY, DK_VERB, DK_SESSION, DK_EVENT,
    DK_OBLIGATION, DK_DOCUMENT, DK_PARAGRAPH, DK_CALENDAR, DK_PROGRESS,
    DK__COUNT
} DeclKind;

/* A declaration: 64 bytes (the kind and flags share four). */
typedef struct Decl {
    DeclKind kind : 8;
    bool has_body : 1;         /* DK_PARAGRAPH: written with braces */
    bool has_occurrence : 1;   /* DK_PROGRESS: `progress NAME 2013 {...}` */
    bool replaced : 1;         /* a session a spec declared again */
    bool used : 1;             /* a session some rule counts from (sched.c) */
    int sched;             /* index in the schedule, or -1 (sched.c) */
    union {
        int session_number;    /* DK_SESSION */
        int occurrence;        /* DK_PROGRESS */
    };
    uint32_t nfields;      /* fields[0 .. nfields) */
    SrcLoc loc;        /* the leading keyword */
    const char *name;  /* ID; session: "GA 67"; import: the import name */
    SrcLoc name_loc;
    union {                    /* by kind: no kind has two of these */
        Ident *session_body;   /* DK_SESSION */
        ParaRef *para;         /* DK_PARAGRAPH */
        SrcLoc occurrence_loc; /* DK_PROGRESS */
    };
    Field *fields;
    uint64_t kinds;        /* bit k: a field of kind k is present */
} Decl;

_Static_assert(sizeof(Field) == 32, "a field is 32 bytes");

/*
 * A text field read without its text (ParseCtx.drop_texts: `wsisc
 * check`, which reads no text's bytes) is bare: it holds no Text node, 3.5
 * million of them at a million obligations, but what the checks read of
 * one, in fields of its own: the language (lang), where the text starts
 * (n1, from the field's start: the text ends where the field does), and
 * whether it is empty.  ast_field_text gives NULL for it; the ast_text_*
 * functions below read either form.
 */
enum { BARE_TEXT = 1, BARE_EMPTY = 2 };

/* Whether a field of kind k is a text and nothing else (the kinds that
   may be bare; the symbol, always kept, is not among them). */
static inline bool ast_kind_is_text(FieldKind k)
{
    switch (k) {
    case FK_TITLE:
    case FK_NAME:
    case FK_SHORT:
    case FK_SUMMARY:
    case FK_NOTE:
    case FK_ACTION:
    case FK_ORIGIN:
    case FK_AT:
    case FK_PHRASE:
    case FK_URL:
    case FK_REF:
        return true;
    default:
        return false;
    }
}

/* The text a field holds, if any: a text field's, the meeting of
   `adopted`, the name of a `holiday`, the document of `recommended_by`. */
static inline const Text *ast_field_text(const Field *f)
{
    switch (f->kind) {
    case FK_ADOPTED:
    case FK_HOLIDAY:
        return f->meeting;
    case FK_SYMBOL:
    case FK_RECOMMENDED_BY:
        return f->text;
    default:
        return ast_kind_is_text(f->kind) ? f->text : NULL;
    }
}
_Static_assert(sizeof(Decl) == 64, "a declaration is 64 bytes");

/* Past a declaration's last field: for (f = d->fields; f < end; f++). */
static inline Field *ast_fields_end(const Decl *d)
{
    return d->fields + d->nfields;
}

/* Whether f is a bare text field (above). */
static inline bool ast_field_bare(const Field *f)
{
    return ast_kind_is_text(f->kind) && (f->bare & BARE_TEXT) != 0;
}

/* What the checks read of a field's text, kept or bare: whether there is
   one, its language (NULL: untagged), whether it is empty, where it is
   and where its language tag is. */
bool ast_text_present(const Field *f);
const char *ast_text_lang(const Field *f);
bool ast_text_empty(const Field *f);
SrcLoc ast_text_loc(const Field *f);
SrcLoc ast_text_tag_loc(const Field *f);

/* Makes f a bare text field: a text in language lang (NULL: untagged) of
   len bytes at `at`, which ends where f does. */
void ast_field_bare_text(Field *f, const char *lang, size_t len, SrcLoc at);

/* Constructors, called from the grammar actions. */
Decl *ast_decl(Arena *a, DeclKind kind, SrcLoc loc, const char *name,
               SrcLoc name_loc);

/* A field of kind k at loc, its keyword at kwloc (which starts loc). */
Field ast_field(FieldKind kind, SrcLoc loc, SrcLoc kwloc);

/* Gives d the n fields at f (copied, in order, into one array in a), and
   notes their kinds.  false when there are more than a Decl counts. */
bool ast_set_fields(Arena *a, Decl *d, const Field *f, size_t n);
Text *ast_text(Arena *a, const char *lang, const char *str, size_t len,
               SrcLoc loc);
Ident *ast_ident(Arena *a, const char *name, SrcLoc loc);
ParaRef *ast_pararef(Arena *a, int num, const char *sub, SrcLoc loc);
FieldDates *ast_dates(Arena *a, const DateLit *d1, const DateLit *d2);
FieldNums *ast_nums(Arena *a);
When *ast_when(Arena *a, const When *w);
Recur *ast_recur(Arena *a, const Recur *r);

/* Where a field's leading keyword (or verb) is: the start of its span. */
SrcLoc ast_kwloc(const Field *f);

/* Keyword of a field kind and noun of a declaration kind, for messages. */
const char *ast_field_name(FieldKind k);
const char *ast_decl_noun(DeclKind k);

/* Length of a linked list of Ident / Text. */
size_t ast_ident_count(const Ident *i);

_Static_assert(FK__COUNT <= 64, "Decl.kinds holds one bit per field kind");
_Static_assert(FK__COUNT <= 128, "Field.kind holds a field kind in 8 bits");

/* The first field of kind k in d, or NULL (at once when there is none). */
const Field *ast_field_of(const Decl *d, FieldKind k);

/* The text of field kind k in lang; else English (or untagged); else any. */
const Text *ast_text_in(const Decl *d, FieldKind k, const char *lang);

/* A date as written, as a day number (it must be a valid date). */
int64_t ast_days(const DateLit *d);

/* A day number as YYYY-MM-DD, in the arena. */
char *ast_day_text(Arena *a, int64_t days);

#endif
