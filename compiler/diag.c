/*
 * diag.c - renders diagnostics the way GCC does, so editors and CI jump to
 * them: the location, the severity, the message and its code, then the
 * source line with a caret and tildes under the span.  Columns printed are
 * display columns (GCC's default), so carets line up under Chinese text.
 */
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

void diag_init(DiagSink *s, FILE *out, ColorMode mode)
{
    memset(s, 0, sizeof *s);
    s->out = out;
    s->max_errors = 20;
    if (mode == COLOR_ALWAYS) {
        s->color = true;
    } else if (mode == COLOR_AUTO) {
        const char *nc = getenv("NO_COLOR");
        const char *term = getenv("TERM");
        s->color = out && isatty(fileno(out)) && !(nc && *nc) &&
                   !(term && strcmp(term, "dumb") == 0);
    }
}

void diag_fini(DiagSink *s)
{
    for (size_t i = 0; i < s->nfiles; i++) {
        free(s->files[i]->path);
        free(s->files[i]->text);
        free(s->files[i]->lines);
        free(s->files[i]);
    }
    free(s->files);
    s->files = NULL;
    s->nfiles = s->cap = 0;
}

int diag_add_file(DiagSink *s, const char *path, const char *text, size_t len)
{
    if (s->nfiles == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        SrcFile **f = realloc(s->files, cap * sizeof *f);
        if (!f)
            return -1;
        s->files = f;
        s->cap = cap;
    }
    if (s->nfiles >= SRCLOC_MAX_FILES)
        return -1;
    SrcFile *f = calloc(1, sizeof *f);
    char *p = strdup(path);
    char *t = malloc(len + 1);
    if (!f || !p || !t) {
        free(f);
        free(p);
        free(t);
        return -1;
    }
    memcpy(t, text, len);
    t[len] = '\0';
    f->path = p;
    f->text = t;
    f->len = len;
    s->files[s->nfiles] = f;
    return (int)s->nfiles++;
}

int diag_own_file(DiagSink *s, const char *path, char *text, size_t len)
{
    if (s->nfiles == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        SrcFile **f = realloc(s->files, cap * sizeof *f);
        if (!f) {
            free(text);
            return -1;
        }
        s->files = f;
        s->cap = cap;
    }
    SrcFile *f = calloc(1, sizeof *f);
    char *p = strdup(path);
    if (!f || !p || s->nfiles >= SRCLOC_MAX_FILES) {
        free(f);
        free(p);
        free(text);
        return -1;
    }
    text[len] = '\0';
    f->path = p;
    f->text = text;
    f->len = len;
    s->files[s->nfiles] = f;
    return (int)s->nfiles++;
}

int diag_reserve_file(DiagSink *s, const char *path)
{
    /* a file with no text yet reads as one whose text was released */
    char *none = malloc(1);
    if (!none)
        return -1;
    int id = diag_own_file(s, path, none, 0);
    if (id >= 0)
        diag_release_text(s, id);
    return id;
}

void diag_fill_file(DiagSink *s, int id, char *text, size_t len)
{
    SrcFile *f = s->files[id];
    free(f->text);
    free(f->lines);
    text[len] = '\0';
    f->text = text;
    f->len = len;
    f->lines = NULL;
    f->nlines = 0;
    f->unreadable = false;
}

const SrcFile *diag_file(const DiagSink *s, int id)
{
    if (id < 0 || (size_t)id >= s->nfiles)
        return NULL;
    return s->files[id];
}

SrcLoc diag_noloc(void)
{
    return srcloc(-1, 0, 0);
}

bool diag_should_stop(const DiagSink *s)
{
    return s->stopped;
}

void diag_release_text(DiagSink *s, int id)
{
    if (id < 0 || (size_t)id >= s->nfiles)
        return;
    SrcFile *f = s->files[id];
    free(f->text);
    free(f->lines);
    f->text = NULL;
    f->lines = NULL;
    f->nlines = 0;
    f->len = 0;
}

enum { RELOAD_MAX = 1 << 30 };

/* Reads a released file again, without its BOM; false if it cannot be. */
static bool reload(SrcFile *f)
{
    if (f->text)
        return true;
    if (f->unreadable)
        return false;
    f->unreadable = true;
    int fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    char *t = NULL;
    size_t n = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < RELOAD_MAX &&
        (t = malloc((size_t)st.st_size + 1)) != NULL) {
        while (n < (size_t)st.st_size) {
            ssize_t k = read(fd, t + n, (size_t)st.st_size - n);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            n += (size_t)k;
        }
    }
    close(fd);
    if (!t)
        return false;
    if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
        memmove(t, t + 3, n - 3);
        n -= 3;
    }
    t[n] = '\0';
    f->text = t;
    f->len = n;
    f->unreadable = false;
    return true;
}

/* Builds the line index on first use; false when out of memory. */
static bool index_lines(SrcFile *f)
{
    if (!reload(f))
        return false;
    if (f->lines)
        return true;
    size_t n = 1;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n')
            n++;
    f->lines = malloc(n * sizeof *f->lines);
    if (!f->lines)
        return false;
    f->lines[0] = 0;
    size_t k = 1;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n')
            f->lines[k++] = i + 1;
    f->nlines = n;
    return true;
}

/* The text of line (1-based) without its newline; false if there is none. */
static bool get_line(SrcFile *f, size_t line, const char **start, size_t *len)
{
    if (line < 1 || !index_lines(f) || line > f->nlines)
        return false;
    size_t b = f->lines[line - 1];
    size_t e = line < f->nlines ? f->lines[line] - 1 : f->len;
    if (e > b && f->text[e - 1] == '\r')
        e--;
    *start = f->text + b;
    *len = e - b;
    return true;
}

/*
 * Where off is: its line (1-based), that line's text without its newline,
 * and its byte in the line (the line's length at most).  False when the
 * file's text cannot be had, or holds fewer bytes now than off.
 */
static bool locate(SrcFile *f, unsigned off, size_t *line,
                   const char **text, size_t *len, size_t *at)
{
    if (!f || !index_lines(f) || off > f->len)
        return false;
    size_t lo = 0, hi = f->nlines;       /* lines[lo] <= off < lines[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    if (!get_line(f, *line, text, len))
        return false;
    size_t c = off - f->lines[lo];
    *at = c < *len ? c : *len;
    return true;
}

bool diag_line_col(DiagSink *s, SrcLoc loc, int *line, int *col)
{
    size_t ln, len, at;
    const char *text;
    SrcFile *f = (SrcFile *)diag_file(s, loc.file);
    if (!locate(f, loc.off, &ln, &text, &len, &at) || ln > INT32_MAX)
        return false;
    *line = (int)ln;
    *col = (int)at + 1;
    return true;
}

SrcLoc diag_loc_at(DiagSink *s, int file, int line, int col, int end_col)
{
    SrcFile *f = (SrcFile *)diag_file(s, file);
    const char *text;
    size_t len;
    if (!f || !index_lines(f) || f->nlines == 0)
        return srcloc(file, 0, 0);
    size_t ln = line < 1 ? 1 : (size_t)line > f->nlines ? f->nlines
                                                         : (size_t)line;
    if (!get_line(f, ln, &text, &len))
        return srcloc(file, 0, 0);
    size_t c = col > 1 ? (size_t)col - 1 : 0;
    if (c > len)
        c = len;
    size_t n = end_col > col ? (size_t)(end_col - col) : 0;
    return srcloc(file, (size_t)(text - f->text) + c, n);
}

int diag_display_width(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    int w = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0) {          /* an invalid byte shows as one cell */
            w++;
            i++;
            continue;
        }
        if (cp == '\t')
            w = (w / 8 + 1) * 8;
        else
            w += utf8_width(cp);
        i += k;
    }
    return w;
}

/*
 * Writes the line with control bytes and invalid UTF-8 replaced by '?', so a
 * hostile file cannot send escape sequences to the user's terminal.
 */
static void put_safe(FILE *o, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0 || (cp < 0x20 && cp != '\t') || cp == 0x7F ||
            (cp >= 0x80 && cp < 0xA0)) {
            fputc('?', o);
            i += k ? k : 1;
            continue;
        }
        fwrite(s + i, 1, k, o);
        i += k;
    }
}

/* Back to the start of the UTF-8 character holding byte i. */
static size_t char_start(const char *t, size_t i)
{
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

enum { EXCERPT_MAX = 200, EXCERPT_BEFORE = 80 };

static void put_excerpt(DiagSink *s, Severity sev, SrcLoc loc)
{
    SrcFile *f = (SrcFile *)diag_file(s, loc.file);
    const char *text;
    size_t len, line, c0;
    if (!locate(f, loc.off, &line, &text, &len, &c0))
        return;
    /* no length, or past the line: to the end of the line */
    size_t c1 = loc.len ? c0 + loc.len : len;
    if (c1 > len)
        c1 = len;
    /* A very long line shows a window around the caret, marked "...". */
    size_t ws = 0, we = len;
    if (len > EXCERPT_MAX) {
        ws = c0 > EXCERPT_BEFORE ? char_start(text, c0 - EXCERPT_BEFORE) : 0;
        we = ws + EXCERPT_MAX < len ? char_start(text, ws + EXCERPT_MAX)
                                    : len;
        if (c1 > we)
            c1 = we;
    }
    FILE *o = s->out;
    char num[24];
    snprintf(num, sizeof num, "%zu", line);
    int w = (int)strlen(num) < 4 ? 4 : (int)strlen(num);
    fprintf(o, " %*s | ", w, num);
    if (ws > 0)
        fputs("...", o);
    put_safe(o, text + ws, we - ws);
    if (we < len)
        fputs("...", o);
    fputc('\n', o);

    const char *t = text + ws;
    size_t a = c0 - ws, b = c1 - ws;
    int pad = diag_display_width(t, a);
    int span = diag_display_width(t, b) - pad;
    if (span < 1)
        span = 1;
    fprintf(o, " %*s | ", w, "");
    if (ws > 0)
        fputs("   ", o);
    /* Keep tabs where the source has them so the caret lines up. */
    int col = 0;
    for (size_t i = 0; i < a && col < pad; ) {
        if (t[i] == '\t') {
            fputc('\t', o);
            col = (col / 8 + 1) * 8;
            i++;
        } else {
            uint32_t cp;
            size_t k = utf8_decode((const unsigned char *)t + i, a - i, &cp);
            int cw = k ? utf8_width(cp) : 1;
            for (int j = 0; j < cw; j++)
                fputc(' ', o);
            col += cw;
            i += k ? k : 1;
        }
    }
    const char *green = sev == SEV_NOTE ? C_CYAN : C_GREEN;
    if (s->color)
        fputs(green, o);
    fputc('^', o);
    for (int i = 1; i < span; i++)
        fputc('~', o);
    if (s->color)
        fputs(C_RESET, o);
    fputc('\n', o);
}

static void vreport(DiagSink *s, Severity sev, SrcLoc loc, const char *code,
                    const char *fmt, va_list ap)
{
    FILE *o = s->out;
    if (!o)
        return;         /* a sink that only counts */
    const SrcFile *f = diag_file(s, loc.file);
    if (s->color)
        fputs(C_BOLD, o);
    if (f) {
        const char *text;
        size_t len, line, c0;
        /* a file that can no longer be read is named without a place */
        if (locate((SrcFile *)f, loc.off, &line, &text, &len, &c0))
            fprintf(o, "%s:%zu:%d: ", f->path, line,
                    diag_display_width(text, c0) + 1);
        else
            fprintf(o, "%s: ", f->path);
    } else {
        fputs("wsisc: ", o);
    }
    static const char *const names[] = {"error", "warning", "note"};
    static const char *const colors[] = {C_RED, C_MAGENTA, C_CYAN};
    if (s->color)
        fprintf(o, "%s%s:%s ", colors[sev], names[sev], C_RESET);
    else
        fprintf(o, "%s: ", names[sev]);
    vfprintf(o, fmt, ap);
    if (code)
        fprintf(o, " [%s]", code);
    fputc('\n', o);
    if (f)
        put_excerpt(s, sev, loc);
}

void diag_report(DiagSink *s, Severity sev, SrcLoc loc, const char *code,
                 const char *fmt, ...)
{
    if (sev == SEV_WARNING && s->werror)
        sev = SEV_ERROR;
    if (s->stopped) {
        s->last_dropped = true;
        return;
    }
    if (sev == SEV_ERROR && s->max_errors > 0 &&
        s->nerrors >= s->max_errors) {
        s->stopped = true;
        s->last_dropped = true;
        if (s->out)
            fprintf(s->out, "wsisc: %s%s%s too many errors (%d); stopping here\n",
                s->color ? C_RED : "", "error:", s->color ? C_RESET : "",
                s->max_errors);
        s->nerrors++;
        return;
    }
    s->last_dropped = false;
    if (sev == SEV_ERROR)
        s->nerrors++;
    else if (sev == SEV_WARNING)
        s->nwarnings++;
    va_list ap;
    va_start(ap, fmt);
    vreport(s, sev, loc, code, fmt, ap);
    va_end(ap);
}

void diag_note(DiagSink *s, SrcLoc loc, const char *fmt, ...)
{
    if (s->last_dropped)
        return;
    va_list ap;
    va_start(ap, fmt);
    vreport(s, SEV_NOTE, loc, NULL, fmt, ap);
    va_end(ap);
}
