/*
 * diag.h - diagnostics in GCC's form, and the source files they quote.
 *
 *   file:line:col: error: message [E0201]
 *      12 |   urges SGG
 *         |         ^~~
 *
 * A DiagSink owns the text of every file it has seen, so any diagnostic can
 * quote its line.  The library reports into a sink; only the driver decides
 * where the sink writes (a terminal, a file, or a memory stream in tests).
 */
#ifndef WSIS_DIAG_H
#define WSIS_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * A span of source: where it starts, as a byte offset into its file's text
 * (after any byte order mark), and how many bytes it covers.  Line and
 * column are worked out when a diagnostic is printed, from the file's text
 * (read again if it was released), as the excerpt already needs it.  Eight
 * bytes: a spec holds tens of millions, and 16-byte locations with a line
 * and a column were an eighth of a large spec's memory.
 *
 * len 0 means "to the end of its line", as does a span that goes on past
 * its first line (the excerpt underlines to the end of that line); a span
 * longer than SRCLOC_LEN_MAX bytes keeps that many, which the excerpt's
 * window of 200 columns never shows.  file < 0 means "no place" (command
 * line, I/O).
 */
enum {
    SRCLOC_LEN_MAX = (1 << 12) - 1,
    SRCLOC_MAX_FILES = (1 << 19) - 1  /* ids a location can hold */
};

typedef struct SrcLoc {
    unsigned off;
    unsigned len : 12;
    signed file : 20;
} SrcLoc;

_Static_assert(sizeof(SrcLoc) == 8, "a location is eight bytes");

/* The location of len bytes at off in file (len saturates). */
static inline SrcLoc srcloc(int file, size_t off, size_t len)
{
    SrcLoc l;
    l.off = off < 0xFFFFFFFFu ? (unsigned)off : 0xFFFFFFFFu;
    l.len = len < SRCLOC_LEN_MAX ? (unsigned)len : SRCLOC_LEN_MAX;
    l.file = file;
    return l;
}

typedef enum Severity { SEV_ERROR, SEV_WARNING, SEV_NOTE } Severity;

typedef enum ColorMode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } ColorMode;

typedef struct SrcFile {
    char *path;        /* as the user or the import search named it */
    char *text;        /* contents, without a leading BOM, NUL-terminated;
                          NULL once released (read again when quoted) */
    size_t len;
    size_t *lines;     /* byte offset of each line start, built on demand */
    size_t nlines;
    bool unreadable;   /* released, and could not be read again */
} SrcFile;

typedef struct DiagSink {
    FILE *out;
    bool color;
    bool werror;       /* warnings count, and print, as errors */
    int max_errors;    /* 0: no limit */
    int nerrors, nwarnings;
    bool stopped;      /* max_errors reached: later reports are dropped */
    bool last_dropped; /* notes follow their report's fate */
    SrcFile **files;
    size_t nfiles, cap;
} DiagSink;

/*
 * Drops the text of a file that can be read again from its path: a spec of
 * many files keeps none of them once parsed, and a diagnostic that quotes
 * one reads it back, as GCC does.  (If the file changed meanwhile, the line,
 * the column and the excerpt come from what it holds now; it is never read
 * out of bounds, and a place past its new end is named by the path alone.)
 */
void diag_release_text(DiagSink *s, int id);

/*
 * Registers a file before its text is read (the text comes with
 * diag_fill_file, which takes a malloc'd buffer of len + 1 bytes, or is
 * read again when a diagnostic quotes it): files parsed ahead on other
 * threads need their ids first (ahead.c).
 */
int diag_reserve_file(DiagSink *s, const char *path);
void diag_fill_file(DiagSink *s, int id, char *text, size_t len);

/* A sink writing to out; colour resolved from mode, the terminal and
   NO_COLOR.  A sink with a NULL stream (zeroed) only counts. */
void diag_init(DiagSink *s, FILE *out, ColorMode mode);

/* Frees the files the sink holds (not the stream). */
void diag_fini(DiagSink *s);

/* Registers a file's text (copied); returns its id, or -1 when out of memory. */
int diag_add_file(DiagSink *s, const char *path, const char *text, size_t len);

/* The same, taking a malloc'd text of len + 1 bytes (NUL-terminated here)
   that the sink frees; on failure it is freed at once. */
int diag_own_file(DiagSink *s, const char *path, char *text, size_t len);

const SrcFile *diag_file(const DiagSink *s, int id);

/* Reports a diagnostic; code is "E0201"/"W0402" or NULL. */
void diag_report(DiagSink *s, Severity sev, SrcLoc loc, const char *code,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A note attached to the last report (dropped when that one was). */
void diag_note(DiagSink *s, SrcLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True once max_errors errors have been reported. */
bool diag_should_stop(const DiagSink *s);

/* A location with no place in any file. */
SrcLoc diag_noloc(void);

/*
 * The location of line:col (1-based; col in bytes) to end_col (exclusive;
 * not after col: to the end of the line) in a file the sink holds or can
 * read again, for what counts lines instead of bytes (libxml2, tests).  A
 * place past the text is taken at its end.
 */
SrcLoc diag_loc_at(DiagSink *s, int file, int line, int col, int end_col);

/* Line (1-based) and column (1-based, in bytes) of loc; false when its
   file's text cannot be had. */
bool diag_line_col(DiagSink *s, SrcLoc loc, int *line, int *col);

/* Display width of the first n bytes of a UTF-8 line (tabs to stops of 8). */
int diag_display_width(const char *s, size_t n);

#endif
