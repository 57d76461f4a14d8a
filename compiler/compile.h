/*
 * compile.h - the state of one compilation, shared by the library's
 * modules (import.c, resolve.c, check.c) and hidden from its clients.
 */
#ifndef WSIS_COMPILE_H
#define WSIS_COMPILE_H

#include <setjmp.h>
#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "intern.h"
#include "parse.h"
#include "sched.h"
#include "symtab.h"
#include "wsisc.h"

enum {
    WSIS_MAX_FILE_SIZE = 64 * 1024 * 1024,  /* bytes in one source file */
    WSIS_MAX_IMPORT_DEPTH = 200,            /* nested imports */
    WSIS_MAX_OPERATIVE = 10000,             /* operative paragraphs */
};

/* One progress record, from a `progress` declaration or a progress XML. */
typedef struct Record {
    Ident obligation;      /* whose progress, and where it is named */
    int occurrence;        /* the period: 2013, or 1, 2, ... */
    ProgressStatus status;
    bool has_occurrence;
    bool illustrative;
    /* resolved by progress_check */
    int item;              /* index in the schedule, or -1 */
    int occ;               /* index of the occurrence */
    DateLit date;
    SrcLoc occurrence_loc;
    uint32_t nrefs, nurls, nnotes;
    /* its refs, then its urls, then its notes, each kind in the order
       given (record_refs and the rest): for a `progress` declaration, the
       texts of its own fields, not copies */
    const Text *const *texts;
    const char *source;    /* the file it came from */
    struct Record *next;
} Record;                  /* (members ordered to leave no holes) */

static inline const Text *const *record_refs(const Record *r)
{
    return r->texts;
}

static inline const Text *const *record_urls(const Record *r)
{
    return r->texts + r->nrefs;
}

static inline const Text *const *record_notes(const Record *r)
{
    return r->texts + r->nrefs + r->nurls;
}

typedef enum UnitState { UNIT_LOADING, UNIT_DONE } UnitState;

/* One loaded file. */
typedef struct SrcUnit {
    int file;              /* id in the DiagSink */
    const char *key;       /* canonical path: one Unit per file */
    UnitState state;
    bool imported;         /* loaded by an import, not named by the user */
    Decl **list;           /* its declarations, in order */
    size_t nlist;
} SrcUnit;

/* An import being followed, for cycle reports. */
typedef struct ImportFrame {
    int unit;
    const Decl *import;
} ImportFrame;

struct Wsis {
    Arena *arena;
    DiagSink *diag;
    SymTab syms;
    Intern names;          /* every identifier, once (intern.h) */
    char **search;
    size_t nsearch;
    SrcUnit *units;
    size_t nunits, capunits;
    int *order;            /* units, each after everything it imports */
    size_t norder;
    /* Every declaration of every unit, in that order, with its kind beside
       it: the checker and the solver pass over them many times, and an
       array is read ahead where a linked list is chased node by node. */
    Decl **all;
    unsigned char *all_kind;
    /* Beside each declaration, whether it is an obligation with a rule
       that counts from another obligation: noted by the checker, which
       resolves that name anyway, so that the schedule need not look again
       (NULL until checked).  A byte each, not a flag in the declaration:
       threads checking other declarations read those while it is set. */
    unsigned char *all_deps;
    size_t nall;
    ImportFrame stack[WSIS_MAX_IMPORT_DEPTH + 1];
    int depth;
    jmp_buf *oom;          /* where running out of memory goes */
    struct Ahead *ahead;   /* files being parsed ahead (ahead.c), or NULL */
    int jobs;              /* threads the work may use (wsis_read_ahead) */
    int syntax_errors;
    Decl *resolution;      /* set by check */
    unsigned char *covered;  /* per operative paragraph, set by check */
    Schedule schedule;     /* set by sched_build */
    bool scheduled;
    Record *records;       /* progress, in the order read */
    unsigned drop;         /* WSIS_KEEP_* not kept (wsis_keep) */
    bool texts_dropped;    /* some file was parsed without its texts */
    const char *texts_lang;  /* only a calendar's texts (wsis_keep_texts_in) */
    const char *texts_only;  /* some file was parsed so: in what language
                                ("" when in more than one) */
    struct NameMemo *memo; /* resolve_use's last answers (resolve.c) */
    Record **records_tail;
    bool has_today;        /* progress after today is an error */
    int64_t today;
    bool has_as_of;        /* progress after the as-of day is left out */
    int64_t as_of;
};

/* Fills w->all from the units, in w->order (compile.c). */
void wsis_index(Wsis *w);

/* What a file parsed now keeps of its texts (wsis_keep, wsis_keep_texts_in). */
TextsKept wsis_texts_kept(const Wsis *w);

/* Notes that a file was parsed keeping texts; the writers check (compile.c). */
void wsis_texts_read(Wsis *w, TextsKept texts);

/* Turns `progress` declarations into records and checks every record
   against the schedule (progress.c). */
void progress_check(Wsis *w);

/* Appends a record (progress.c). */
void progress_add(Wsis *w, Record *r);

/* A file a worker parsed ahead (ahead.c), handed to the loader. */
typedef struct AheadFile {
    int file;              /* its id in the sink, reserved */
    bool ok;               /* parsed with nothing to report: adopt it */
    Arena *arena;          /* the tree's memory, to join the compilation's */
    Decl **list;
    size_t nlist;
    TextsKept texts;       /* what it was parsed keeping (WSIS_KEEP_TEXTS) */
} AheadFile;

/* Starts up to jobs threads parsing paths ahead, in that order. */
void ahead_start(Wsis *w, const char *const *paths, size_t n, int jobs);
/* When path is the next file read ahead: waits for it and gives it (ok
   false: the loader parses it itself, into out->file).  false otherwise. */
bool ahead_take(Wsis *w, const char *path, AheadFile *out);
/* Stops the workers and frees whatever the loader did not take. */
void ahead_stop(Wsis *w);

/* Reads and parses one file and its imports (import.c). */
WsisStatus import_load(Wsis *w, const char *path, const Decl *from);
WsisStatus import_load_text(Wsis *w, const char *name, const char *key,
                            const char *text, size_t len);

/*
 * Reads a whole regular file of at most cap bytes into a malloc'd buffer;
 * 0, or an errno value (EISDIR, EINVAL for other non-regular files, EFBIG
 * past the cap).  import_error() says it in words.
 */
int import_read(const char *path, size_t cap, char **text, size_t *len);

/* A buffer that file after file is read into: its pages, once touched,
   serve every file, where a new buffer for each costs a page fault and a
   page cleared per 4 KiB (ahead.c's workers read tens of megabytes). */
typedef struct ReadBuf {
    char *p;
    size_t cap;
} ReadBuf;

/* As import_read, into b (its text at b->p, NUL-terminated); b keeps its
   buffer whatever happens, and the caller frees b->p at the end. */
int import_read_into(const char *path, size_t cap, ReadBuf *b, size_t *len);
const char *import_error(int err);

/* Reads progress records from an XML file (progress_xml.c); the second
   form parses text read already (malloc'd; it takes ownership). */
WsisStatus progress_read_xml(Wsis *w, const char *path);
WsisStatus progress_parse_xml(Wsis *w, const char *path, char *text,
                              size_t len);

/* Writes the report (emit_xml.c, emit_html.c). */
WsisStatus emit_xml(Wsis *w, FILE *out, const WsisReportOptions *opt);
WsisStatus emit_html(Wsis *w, FILE *out, const WsisReportOptions *opt);

/* Declares every named declaration (resolve.c). */
void resolve_declare(Wsis *w);

/*
 * Looks up a use of a name that must be one of the kinds in mask (bits
 * 1 << DeclKind).  Reports unknown names (with a suggestion) and names of
 * the wrong kind; returns the declaration or NULL.  what names the
 * expected kind in messages ("entity", "event or obligation").
 */
Decl *resolve_use(Wsis *w, const Ident *use, unsigned mask, const char *what);

/*
 * Looks up the names of up to RESOLVE_AHEAD_MAX uses at once
 * (symtab_get_many) and files the answers in w->memo, so that resolve_use
 * finds them there; a use resolve_use never sees costs only its lookup.
 * Without a memo it does nothing.
 */
enum { RESOLVE_AHEAD_MAX = 256 };
void resolve_ahead(Wsis *w, const Ident *const *uses, size_t n);

/* A memo for resolve_use (w->memo), once every name is declared; NULL when
   out of memory (lookups then go to the table each time). */
struct NameMemo *resolve_memo_new(void);
void resolve_memo_free(struct NameMemo *m);

/* What a name refers to: as the checker resolved it, else looked up. */
Decl *wsis_decl_of(Wsis *w, const Ident *use);

/* Declares, resolves and checks everything loaded (check.c). */
WsisStatus check_all(Wsis *w);

/* 0 = mon ... 6 = sun, or -1 for a name that is not a weekday. */
int weekday_bit(const char *name);

/* Writes the schedule (emit_dates.c); wsis_dates guards it. */
WsisStatus emit_dates(Wsis *w, FILE *out, WsisFormat fmt, int64_t today);

/* Writes the calendar (emit_ical.c); wsis_ical guards it. */
WsisStatus emit_ical(Wsis *w, FILE *out, const WsisIcalOptions *opt);

#define KIND(k) (1u << (k))

#endif
