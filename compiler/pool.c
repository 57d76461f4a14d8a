/*
 * pool.c - chunks formatted on threads, written in order (pool.h).
 *
 * Each thread has a context (made by the writer's start), a scratch arena
 * and an output buffer.  It claims the next chunk under the pool's lock,
 * takes that chunk's ring slot's buffer (the writer has written what it
 * held), formats the chunk into it with the lock released, and puts it
 * back marked with the chunk's number.  The calling thread waits for the
 * chunks in order and writes each; a chunk may be claimed only once the
 * one POOL_RING before it is written, so its slot is free.  A thread whose
 * arena runs out of memory marks the pool failed and everyone stops.
 */
#include "pool.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

enum { POOL_RING = 8 };

void poolbuf_grow(PoolBuf *b, size_t need, Arena *a)
{
    if (b->n + need + 1 <= b->cap)
        return;
    size_t c = b->cap ? b->cap : 256;
    while (c < b->n + need + 1)
        c *= 2;
    char *p = realloc(b->p, c);
    if (!p) {
        arena_oom(a);
        return;
    }
    b->p = p;
    b->cap = c;
}

typedef struct Slot {
    PoolBuf buf;
    size_t chunk;          /* the chunk it holds, or SIZE_MAX */
} Slot;

typedef struct Pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const PoolSpec *s;
    size_t nchunks;
    size_t next;           /* the next chunk to format */
    size_t written;        /* chunks written out */
    bool failed;
    Slot slot[POOL_RING];
} Pool;

typedef struct Worker {
    Pool *p;
    Arena *a;
    void *ctx;
    PoolBuf out;
    jmp_buf oom;
    pthread_t thread;
    bool started;
} Worker;

static void worker_oom(void *ud)
{
    longjmp(((Worker *)ud)->oom, 1);
}

static void worker_run(Worker *wk)
{
    Pool *p = wk->p;
    const PoolSpec *s = p->s;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->failed && p->next < p->nchunks &&
               p->next >= p->written + POOL_RING)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->failed || p->next >= p->nchunks) {
            pthread_mutex_unlock(&p->mu);
            return;
        }
        size_t k = p->next++;
        Slot *sl = &p->slot[k % POOL_RING];
        wk->out = sl->buf;
        sl->buf = (PoolBuf){NULL, 0, 0};
        pthread_mutex_unlock(&p->mu);
        wk->out.n = 0;
        size_t from = k * s->chunk, to = from + s->chunk;
        s->format(wk->ctx, from, to < s->n ? to : s->n);
        pthread_mutex_lock(&p->mu);
        sl->buf = wk->out;
        sl->chunk = k;
        wk->out = (PoolBuf){NULL, 0, 0};
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

static void *worker_thread(void *arg)
{
    Worker *wk = arg;
    if (setjmp(wk->oom)) {
        pthread_mutex_lock(&wk->p->mu);
        wk->p->failed = true;
        pthread_cond_broadcast(&wk->p->cv);
        pthread_mutex_unlock(&wk->p->mu);
        return NULL;
    }
    /* A first block, so that a mark taken for each item lies inside it:
       in an empty arena each item would get and free a block. */
    arena_alloc(wk->a, 1);
    worker_run(wk);
    return NULL;
}

PoolResult pool_write(const PoolSpec *s)
{
    if (s->jobs < 2 || s->n == 0 || s->chunk == 0)
        return POOL_NONE;
    Pool *p = calloc(1, sizeof *p);
    Worker *wk = calloc((size_t)s->jobs, sizeof *wk);
    if (!p || !wk) {
        free(p);
        free(wk);
        return POOL_NONE;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->s = s;
    p->nchunks = (s->n + s->chunk - 1) / s->chunk;
    for (int i = 0; i < POOL_RING; i++)
        p->slot[i].chunk = SIZE_MAX;
    int started = 0;
    for (int i = 0; i < s->jobs; i++) {
        wk[i].p = p;
        wk[i].a = arena_new();
        if (!wk[i].a)
            continue;
        arena_set_oom(wk[i].a, worker_oom, &wk[i]);
        wk[i].ctx = s->start(s->proto, wk[i].a, &wk[i].out);
        if (!wk[i].ctx)
            continue;
        wk[i].started = pthread_create(&wk[i].thread, NULL, worker_thread,
                                       &wk[i]) == 0;
        started += wk[i].started;
    }
    bool failed = false;
    for (size_t k = 0; started && k < p->nchunks; k++) {
        Slot *sl = &p->slot[k % POOL_RING];
        pthread_mutex_lock(&p->mu);
        while (!p->failed && sl->chunk != k)
            pthread_cond_wait(&p->cv, &p->mu);
        failed = p->failed;
        pthread_mutex_unlock(&p->mu);
        if (failed)
            break;
        fwrite(sl->buf.p, 1, sl->buf.n, s->out);
        pthread_mutex_lock(&p->mu);
        sl->chunk = SIZE_MAX;
        p->written = k + 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    if (!started)
        failed = false;
    for (int i = 0; i < s->jobs; i++) {
        if (wk[i].started)
            pthread_join(wk[i].thread, NULL);
        if (wk[i].ctx)
            s->stop(wk[i].ctx);
        free(wk[i].out.p);
        arena_free(wk[i].a);
    }
    for (int i = 0; i < POOL_RING; i++)
        free(p->slot[i].buf.p);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
    free(wk);
    return !started ? POOL_NONE : failed ? POOL_OOM : POOL_DONE;
}
