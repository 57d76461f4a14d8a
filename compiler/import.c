/*
 * import.c - reading source files and following `import "NAME"`.
 *
 * An import name is a relative path without ".." (`un`, `un/sessions`);
 * NAME.wsis is looked for in each search directory in turn (-I, then
 * WSIS_PATH, then the stdlib: the driver builds the list).  A file is
 * loaded once, however many times it is imported, and an import that leads
 * back to a file still being loaded is a cycle.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "parse.h"

/* Why a file could not be read, for messages; 0 when it was. */
typedef struct ReadResult {
    char *text;
    size_t len;
    int err;               /* errno, or EFBIG / EISDIR / EINVAL for kinds */
} ReadResult;

/*
 * Reads a whole regular file.  A FIFO or a device would block or never
 * end, so anything but a regular file is refused before it is opened for
 * reading (O_NONBLOCK keeps even that open from hanging on a FIFO).
 */
static ReadResult read_capped(const char *path, size_t cap_bytes,
                              ReadBuf *reuse);

static ReadResult read_source(const char *path)
{
    return read_capped(path, WSIS_MAX_FILE_SIZE, NULL);
}

int import_read(const char *path, size_t cap, char **text, size_t *len)
{
    ReadResult r = read_capped(path, cap, NULL);
    *text = r.text;
    *len = r.len;
    return r.err;
}

int import_read_into(const char *path, size_t cap, ReadBuf *b, size_t *len)
{
    ReadResult r = read_capped(path, cap, b);
    *len = r.len;
    return r.err;
}

/* With reuse, the text goes into reuse's buffer (grown as needed, and
   kept, with what it holds, on failure too); without, into a new one. */
static ReadResult read_capped(const char *path, size_t cap_bytes,
                              ReadBuf *reuse)
{
    ReadResult r = {0};
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        r.err = errno;
        return r;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        r.err = errno;
        close(fd);
        return r;
    }
    if (S_ISDIR(st.st_mode)) {
        r.err = EISDIR;
    } else if (!S_ISREG(st.st_mode)) {
        r.err = EINVAL;
    } else if ((size_t)st.st_size > cap_bytes) {
        r.err = EFBIG;
    }
    if (r.err) {
        close(fd);
        return r;
    }
    size_t cap = (size_t)st.st_size + 1;
    if (reuse && reuse->cap >= cap) {
        r.text = reuse->p;
        cap = reuse->cap;
    } else {
        r.text = reuse ? realloc(reuse->p, cap) : malloc(cap);
        if (!r.text) {
            r.err = ENOMEM;
            close(fd);
            return r;
        }
        if (reuse) {
            reuse->p = r.text;
            reuse->cap = cap;
        }
        mem_populate(r.text, cap);   /* read() fills it whole */
    }
    for (;;) {
        if (r.len == cap) {
            /* The file grew while we read it: still bounded by the cap. */
            if (cap > cap_bytes) {
                r.err = EFBIG;
                break;
            }
            char *t = realloc(r.text, cap * 2);
            if (!t) {
                r.err = ENOMEM;
                break;
            }
            r.text = t;
            cap *= 2;
            if (reuse) {
                reuse->p = t;
                reuse->cap = cap;
            }
        }
        ssize_t n = read(fd, r.text + r.len, cap - r.len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            r.err = errno;
            break;
        }
        if (n == 0)
            break;
        r.len += (size_t)n;
    }
    close(fd);
    /* a file that grew while read, into a buffer kept from a larger one */
    if (!r.err && r.len > cap_bytes)
        r.err = EFBIG;
    if (r.err) {
        if (!reuse)
            free(r.text);
        r.text = NULL;
        r.len = 0;
    }
    return r;
}

const char *import_error(int err)
{
    switch (err) {
    case EISDIR: return "it is a directory";
    case EINVAL: return "it is not a regular file";
    case EFBIG: return "it is too large";
    default: return strerror(err);
    }
}

static int find_unit(const Wsis *w, const char *key)
{
    for (size_t i = 0; i < w->nunits; i++)
        if (strcmp(w->units[i].key, key) == 0)
            return (int)i;
    return -1;
}

static int add_unit(Wsis *w, const char *key, int file)
{
    if (w->nunits == w->capunits) {
        size_t cap = w->capunits ? w->capunits * 2 : 16;
        SrcUnit *u = arena_alloc(w->arena, cap * sizeof *u);
        if (w->nunits)
            memcpy(u, w->units, w->nunits * sizeof *u);
        w->units = u;
        int *o = arena_alloc(w->arena, cap * sizeof *o);
        if (w->norder)
            memcpy(o, w->order, w->norder * sizeof *o);
        w->order = o;
        w->capunits = cap;
    }
    SrcUnit *u = &w->units[w->nunits];
    memset(u, 0, sizeof *u);
    u->key = arena_strndup(w->arena, key, strlen(key));
    u->file = file;
    u->state = UNIT_LOADING;
    return (int)w->nunits++;
}

/* Is NAME a relative path of plain segments, without "." or ".."? */
static bool import_name_ok(const char *name)
{
    if (!*name || *name == '/')
        return false;
    const char *seg = name;
    for (const char *p = name;; p++) {
        if (*p == '/' || *p == '\0') {
            size_t n = (size_t)(p - seg);
            if (n == 0 || (n == 1 && seg[0] == '.') ||
                (n == 2 && seg[0] == '.' && seg[1] == '.'))
                return false;
            if (*p == '\0')
                return true;
            seg = p + 1;
        } else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
                     *p == '.')) {
            return false;
        }
    }
}

static WsisStatus load_imports(Wsis *w, int unit);

/*
 * Does the import found at `found` (search directory i, then the import
 * name) stay inside that directory?  With realpath, compare the resolved
 * paths; where realpath cannot work (an ancestor the user may not read),
 * refuse any symbolic link along the import name instead.
 */
static bool inside(const Wsis *w, size_t i, const char *found,
                   const char *resolved)
{
    char dir[PATH_MAX];
    if (resolved[0] == '/' && realpath(w->search[i], dir)) {
        size_t n = strlen(dir);
        return strncmp(resolved, dir, n) == 0 &&
               (resolved[n] == '/' || (n == 1 && dir[0] == '/'));
    }
    size_t base = strlen(w->search[i]) + 1;
    char path[PATH_MAX];
    if (strlen(found) >= sizeof path)
        return false;
    strcpy(path, found);
    for (size_t k = base; ; k++) {
        if (path[k] == '/' || path[k] == '\0') {
            char c = path[k];
            path[k] = '\0';
            struct stat st;
            if (lstat(path, &st) != 0 || S_ISLNK(st.st_mode))
                return false;
            path[k] = c;
            if (!c)
                return true;
        }
    }
}

static WsisStatus follow_imports(Wsis *w, int unit, const char *path, int n);

/* Parses text (malloc'd, len + 1 bytes; the sink takes it) as a new unit
   and follows its imports.  file: an id the sink reserved for it, or -1. */
static WsisStatus load_unit(Wsis *w, const char *path, const char *key,
                            char *text, size_t len, bool on_disk, int file)
{
    /* A byte order mark is not part of the text. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, len - 3);
        len -= 3;
    }
    if (file < 0 && w->diag->nfiles >= SRCLOC_MAX_FILES) {
        /* a location holds a file id of 19 bits */
        free(text);
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "cannot read '%s': a compilation reads at most %d files",
                    path, SRCLOC_MAX_FILES);
        return WSIS_EIO;
    }
    if (file >= 0)
        diag_fill_file(w->diag, file, text, len);
    else
        file = diag_own_file(w->diag, path, text, len);
    if (file < 0)
        return WSIS_ENOMEM;
    int unit = add_unit(w, key, file);
    const SrcFile *f = diag_file(w->diag, file);
    TextsKept texts = wsis_texts_kept(w);
    wsis_texts_read(w, texts);
    int n = parse_source(w->arena, &w->names, w->diag, file, f->text, f->len,
                         texts, &w->units[unit].list,
                         &w->units[unit].nlist);
    if (n < 0)
        return WSIS_ENOMEM;
    /* The tree holds all it needs; diagnostics read the file again. */
    if (on_disk)
        diag_release_text(w->diag, file);
    return follow_imports(w, unit, path, n);
}

/* A file parsed ahead, cleanly (ahead.c): its tree becomes the unit's. */
static WsisStatus adopt_unit(Wsis *w, const char *path, const char *key,
                             AheadFile *af)
{
    int unit = add_unit(w, key, af->file);
    arena_adopt(w->arena, af->arena);
    wsis_texts_read(w, af->texts);
    w->units[unit].list = af->list;
    w->units[unit].nlist = af->nlist;
    return follow_imports(w, unit, path, 0);
}

/* After a unit's parse with n syntax errors: says if it was empty, and
   loads what it imports. */
static WsisStatus follow_imports(Wsis *w, int unit, const char *path, int n)
{
    int file = w->units[unit].file;
    w->syntax_errors += n;
    if (n == 0 && w->units[unit].nlist == 0) {
        /* A file with nothing in it is a mistake: the wrong file, or an
           unsaved one. */
        SrcLoc at = srcloc(file, 0, 1);
        diag_report(w->diag, SEV_ERROR, at, "E0009",
                    "'%s' declares nothing", path);
        diag_note(w->diag, at, "a spec holds declarations such as "
                  "'resolution', 'obligation' or 'import'");
        w->syntax_errors++;
    }
    WsisStatus st = load_imports(w, unit);
    w->units[unit].state = UNIT_DONE;
    w->order[w->norder++] = unit;
    return st;
}

static void report_cycle(Wsis *w, int target, const Decl *imp)
{
    diag_report(w->diag, SEV_ERROR, imp->name_loc, "E0102",
                "import of '%s' forms a cycle", imp->name);
    int from = 0;
    for (int i = 0; i < w->depth; i++)
        if (w->stack[i].unit == target)
            from = i;
    /* Walk the chain from the file that started it back to here. */
    for (int i = from; i < w->depth; i++) {
        const Decl *d = w->stack[i].import;
        const SrcFile *src = diag_file(w->diag, d->loc.file);
        diag_note(w->diag, d->name_loc, "'%s' imports '%s' here",
                  src ? src->path : "?", d->name);
    }
}

static WsisStatus load_imports(Wsis *w, int unit)
{
    WsisStatus worst = WSIS_OK;
    const unsigned char *kinds =
        w->units[unit].nlist ? parse_kinds(w->units[unit].list,
                                           w->units[unit].nlist)
                             : NULL;
    for (size_t k = 0; k < w->units[unit].nlist; k++) {
        if (kinds[k] != DK_IMPORT)
            continue;
        Decl *d = w->units[unit].list[k];
        if (diag_should_stop(w->diag))
            break;
        if (!import_name_ok(d->name)) {
            diag_report(w->diag, SEV_ERROR, d->name_loc, "E0103",
                        "invalid import name '%s'", d->name);
            diag_note(w->diag, d->name_loc,
                      "an import names a file in the search path, without "
                      "'.wsis', '..' or a leading '/', as in import \"un\"");
            worst = WSIS_ESPEC;
            continue;
        }
        if (w->depth >= WSIS_MAX_IMPORT_DEPTH) {
            diag_report(w->diag, SEV_ERROR, d->name_loc, "E0104",
                        "imports nested more than %d deep",
                        WSIS_MAX_IMPORT_DEPTH);
            worst = WSIS_ESPEC;
            break;
        }
        /* The first search directory holding NAME.wsis wins. */
        char *found = NULL;
        size_t found_dir = 0;
        for (size_t i = 0; i < w->nsearch && !found; i++) {
            char *cand = arena_printf(w->arena, "%s/%s.wsis", w->search[i],
                                      d->name);
            struct stat st;
            if (stat(cand, &st) == 0) {
                found = cand;
                found_dir = i;
            }
        }
        if (!found) {
            diag_report(w->diag, SEV_ERROR, d->name_loc, "E0101",
                        "cannot find import '%s'", d->name);
            if (w->nsearch == 0)
                diag_note(w->diag, d->name_loc, "the search path is empty");
            for (size_t i = 0; i < w->nsearch; i++)
                diag_note(w->diag, d->name_loc, "not in '%s'", w->search[i]);
            worst = WSIS_ESPEC;
            continue;
        }
        char canon[PATH_MAX];
        const char *key = realpath(found, canon) ? canon : found;
        if (!inside(w, found_dir, found, key)) {
            diag_report(w->diag, SEV_ERROR, d->name_loc, "E0103",
                        "import '%s' leads outside '%s'", d->name,
                        w->search[found_dir]);
            char link[PATH_MAX];
            ssize_t ln = readlink(found, link, sizeof link - 1);
            if (ln > 0) {
                link[ln] = '\0';
                diag_note(w->diag, d->name_loc, "'%s' is a link to '%s'; "
                          "imports stay inside the directories searched",
                          found, link);
            } else {
                diag_note(w->diag, d->name_loc, "imports stay inside the "
                          "directories searched");
            }
            worst = WSIS_ESPEC;
            continue;
        }
        int u = find_unit(w, key);
        if (u >= 0) {
            if (w->units[u].state == UNIT_LOADING) {
                w->stack[w->depth].unit = unit;
                w->stack[w->depth].import = d;
                w->depth++;
                report_cycle(w, u, d);
                w->depth--;
                worst = WSIS_ESPEC;
            }
            continue;
        }
        ReadResult r = read_source(found);
        if (r.err == ENOMEM)
            return WSIS_ENOMEM;
        if (r.err) {
            diag_report(w->diag, SEV_ERROR, d->name_loc, "E0104",
                        "cannot read import '%s': %s", found,
                        import_error(r.err));
            worst = WSIS_ESPEC;
            continue;
        }
        w->stack[w->depth].unit = unit;
        w->stack[w->depth].import = d;
        w->depth++;
        size_t first = w->nunits;
        WsisStatus st = load_unit(w, found, key, r.text, r.len, true, -1);
        if (first < w->nunits)
            w->units[first].imported = true;
        w->depth--;
        if (st == WSIS_ENOMEM)
            return st;
        if (st != WSIS_OK)
            worst = WSIS_ESPEC;
    }
    return worst;
}

WsisStatus import_load(Wsis *w, const char *path, const Decl *from)
{
    (void)from;
    char canon[PATH_MAX];
    const char *key = realpath(path, canon) ? canon : path;
    AheadFile af;
    bool ahead = ahead_take(w, path, &af);
    if (find_unit(w, key) >= 0) {
        if (ahead)
            arena_free(af.arena);
        return WSIS_OK;   /* named twice, or already imported */
    }
    if (ahead && af.ok)
        return adopt_unit(w, path, key, &af);
    ReadResult r = read_source(path);
    if (r.err) {
        if (r.err == ENOMEM)
            return WSIS_ENOMEM;   /* reported by the caller */
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "cannot read '%s': %s", path, import_error(r.err));
        return WSIS_EIO;
    }
    return load_unit(w, path, key, r.text, r.len, true, ahead ? af.file : -1);
}

WsisStatus import_load_text(Wsis *w, const char *name, const char *key,
                            const char *text, size_t len)
{
    /* the limit of a file, for the same reason: locations are 32-bit
       offsets */
    if (len > WSIS_MAX_FILE_SIZE) {
        diag_report(w->diag, SEV_ERROR, diag_noloc(), NULL,
                    "cannot read '%s': %s", name, import_error(EFBIG));
        return WSIS_EIO;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return WSIS_ENOMEM;
    memcpy(copy, text, len);
    return load_unit(w, name, key, copy, len, false, -1);
}
