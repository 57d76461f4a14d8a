/*
 * ahead.c - parsing the files the user named on other threads, ahead of
 * the loader (`-j N`, wsis_read_ahead).
 *
 * A spec spread over many files is mostly scanning and parsing, and each
 * file parses on its own.  Worker threads take the files in order; each
 * reads one into its buffer and parses it, where it lies, into an arena,
 * an interning table and a silent diagnostic sink of its own, touching
 * nothing shared (the buffer and the table serve the worker's next file).  The loader still
 * goes through the files in order (import.c): when it reaches one that a
 * worker parsed cleanly, it adopts that tree (its arena's blocks join the
 * compilation's); imports are followed from there as always.  A file whose
 * parse said anything at all - an error, a warning - or ran out of memory
 * is parsed again by the loader, with the real sink, so diagnostics come
 * out exactly as, and in the order, they would on one thread.
 *
 * Locations carry their file's id, so each file's id is reserved in the
 * sink before any worker starts.  Interned names from different files are
 * then different pointers for one spelling; every table already compares
 * names as strings where pointers differ (check.c resets interning anyway).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "parse.h"

enum { AHEAD_QUEUED, AHEAD_CLAIMED, AHEAD_DONE };

typedef struct AheadEntry {
    char *path;
    int file;              /* reserved in the sink */
    int state;
    AheadFile result;
} AheadEntry;

typedef struct Ahead {
    pthread_mutex_t mu;
    pthread_cond_t done;
    AheadEntry *files;
    size_t n;
    size_t next;           /* the next file a worker may claim */
    size_t taken;          /* files the loader has reached */
    int max_errors;
    TextsKept texts;       /* as wsis_keep said when reading ahead began */
    pthread_t threads[WSIS_MAX_JOBS];
    int nthreads;
} Ahead;

/*
 * What a worker keeps from file to file: the buffer it reads into and its
 * interning table's slots.  Memory the process has not touched yet costs a
 * page fault and a cleared page per 4 KiB, and more once a second thread
 * runs (a slot read before it is written is first mapped to the shared zero
 * page, and replacing that mapping interrupts the other CPU); a file of tens
 * of megabytes read into new buffers each time paid that for every file.
 */
typedef struct Worker {
    ReadBuf buf;
    Intern names;
} Worker;

/* One parse on a worker: what running out of memory must find. */
typedef struct Job {
    jmp_buf jb;
    Arena *arena;
    Intern *names;
    DiagSink quiet;        /* no stream: it only counts */
} Job;

static void job_oom(void *ud)
{
    longjmp(((Job *)ud)->jb, 1);
}

/* true when the file parsed with nothing to say; the tree is in *r */
static bool parse_guarded(Job *j, const AheadEntry *e, char *text,
                          size_t len, TextsKept texts, AheadFile *r)
{
    r->texts = texts;   /* read from r after setjmp, where texts may not last */
    if (setjmp(j->jb))
        return false;   /* out of memory: the arena's cleanups ran */
    /* the text is the worker's to scan in place: a parse that says
       anything is done again by the loader from the file */
    int n = parse_scratch(j->arena, j->names, &j->quiet, e->file, text, len,
                          r->texts, &r->list, &r->nlist);
    return n == 0 && r->nlist > 0 && j->quiet.nerrors == 0 &&
           j->quiet.nwarnings == 0;
}

static void parse_one(Ahead *ah, AheadEntry *e, Worker *wk)
{
    size_t len;
    if (import_read_into(e->path, WSIS_MAX_FILE_SIZE, &wk->buf, &len) != 0)
        return;         /* the loader reads it again and says why */
    if (wk->buf.cap < len + PARSE_PAD) {    /* what the scanner reads on */
        char *more = realloc(wk->buf.p, len + PARSE_PAD);
        if (!more)
            return;
        wk->buf.p = more;
        wk->buf.cap = len + PARSE_PAD;
    }
    char *text = wk->buf.p;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    Job *j = calloc(1, sizeof *j);
    Arena *a = j ? arena_new() : NULL;
    if (a) {
        j->arena = a;
        arena_set_oom(a, job_oom, j);
        intern_clear(&wk->names, a);
        j->names = &wk->names;
        j->quiet.max_errors = ah->max_errors;
        AheadFile r = {0};
        if (parse_guarded(j, e, text, len, ah->texts, &r)) {
            r.ok = true;
            r.arena = a;
            a = NULL;
            e->result = r;
        }
    }
    arena_free(a);
    free(j);
}

static void *worker(void *arg)
{
    Ahead *ah = arg;
    Worker wk = {0};
    intern_init(&wk.names, NULL);
    for (;;) {
        pthread_mutex_lock(&ah->mu);
        size_t k = ah->next;
        if (k < ah->n) {
            ah->next++;
            ah->files[k].state = AHEAD_CLAIMED;
        }
        pthread_mutex_unlock(&ah->mu);
        if (k >= ah->n)
            break;
        parse_one(ah, &ah->files[k], &wk);
        pthread_mutex_lock(&ah->mu);
        ah->files[k].state = AHEAD_DONE;
        pthread_cond_broadcast(&ah->done);
        pthread_mutex_unlock(&ah->mu);
    }
    intern_fini(&wk.names);
    free(wk.buf.p);
    return NULL;
}

void ahead_start(Wsis *w, const char *const *paths, size_t n, int jobs)
{
    if (w->ahead || jobs < 2 || n < 2)
        return;
    if (jobs > WSIS_MAX_JOBS)
        jobs = WSIS_MAX_JOBS;
    if ((size_t)jobs > n)
        jobs = (int)n;
    /* Reading ahead is only ever a saving: whatever cannot be set up
       here leaves the loader to do the work itself. */
    Ahead *ah = calloc(1, sizeof *ah);
    AheadEntry *files = calloc(n, sizeof *files);
    if (!ah || !files) {
        free(ah);
        free(files);
        return;
    }
    ah->files = files;
    ah->max_errors = w->diag->max_errors;
    ah->texts = wsis_texts_kept(w);
    for (size_t i = 0; i < n; i++) {
        files[i].path = strdup(paths[i]);
        files[i].file = files[i].path
                            ? diag_reserve_file(w->diag, paths[i]) : -1;
        if (files[i].file < 0) {
            free(files[i].path);
            break;
        }
        ah->n = i + 1;
    }
    pthread_mutex_init(&ah->mu, NULL);
    pthread_cond_init(&ah->done, NULL);
    w->ahead = ah;
    for (int t = 0; t < jobs && ah->n > 0; t++) {
        if (pthread_create(&ah->threads[t], NULL, worker, ah) != 0)
            break;
        ah->nthreads++;
    }
}

bool ahead_take(Wsis *w, const char *path, AheadFile *out)
{
    Ahead *ah = w->ahead;
    if (!ah || ah->taken >= ah->n || strcmp(ah->files[ah->taken].path, path))
        return false;
    AheadEntry *e = &ah->files[ah->taken++];
    pthread_mutex_lock(&ah->mu);
    if (e->state == AHEAD_QUEUED) {
        /* no worker has reached it: the loader parses it itself */
        ah->next = (size_t)(e - ah->files) + 1;
        e->state = AHEAD_DONE;
    }
    while (e->state != AHEAD_DONE)
        pthread_cond_wait(&ah->done, &ah->mu);
    pthread_mutex_unlock(&ah->mu);
    *out = e->result;
    out->file = e->file;
    memset(&e->result, 0, sizeof e->result);
    return true;
}

void ahead_stop(Wsis *w)
{
    Ahead *ah = w->ahead;
    if (!ah)
        return;
    pthread_mutex_lock(&ah->mu);
    ah->next = ah->n;       /* claim nothing more */
    pthread_mutex_unlock(&ah->mu);
    for (int t = 0; t < ah->nthreads; t++)
        pthread_join(ah->threads[t], NULL);
    for (size_t i = 0; i < ah->n; i++) {
        arena_free(ah->files[i].result.arena);
        free(ah->files[i].path);
    }
    pthread_mutex_destroy(&ah->mu);
    pthread_cond_destroy(&ah->done);
    free(ah->files);
    free(ah);
    w->ahead = NULL;
}
