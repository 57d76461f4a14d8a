/*
 * pool.h - a writer's items formatted in chunks on threads, written in
 * order.
 *
 * The calendar and the XML report write one element per item, each read
 * from the tree and the schedule and nothing else.  With more than one
 * job, pool_write cuts the items into chunks; each thread takes the next
 * chunk and formats it whole into a buffer of its own; the calling thread
 * writes the buffers in chunk order, so the output is the same bytes as
 * from one thread.  At most POOL_RING chunks are ahead of the writing,
 * which bounds the memory held.
 */
#ifndef WSIS_POOL_H
#define WSIS_POOL_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"

/* v in decimal, at the end of buf (returned): writers put millions of
   numbers, where snprintf would parse a format for each. */
static inline const char *pool_decimal(char buf[24], long long v)
{
    char *p = buf + 23;
    *p = '\0';
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

/* A growable output buffer (malloc'd). */
typedef struct PoolBuf {
    char *p;
    size_t n, cap;
} PoolBuf;

/* Room for need more bytes in b; running out of memory is a's. */
void poolbuf_grow(PoolBuf *b, size_t need, Arena *a);

/* The same, with the common case (room enough) inline: writers reserve
   for every piece of every line. */
static inline void poolbuf_reserve(PoolBuf *b, size_t need, Arena *a)
{
    if (b->n + need + 1 > b->cap)
        poolbuf_grow(b, need, a);
}

typedef struct PoolSpec {
    size_t n;              /* items 0 .. n */
    size_t chunk;          /* items a chunk */
    int jobs;              /* formatting threads */
    FILE *out;             /* where the chunks go, in order */
    void *proto;           /* handed to start */
    /* A thread's context, made on the calling thread with malloc, not
       from a: a is the thread's scratch arena (its running out of memory
       ends the thread's work), *out its output.  NULL: none. */
    void *(*start)(void *proto, Arena *a, PoolBuf *out);
    /* Formats items [from, to) into the context's output. */
    void (*format)(void *ctx, size_t from, size_t to);
    void (*stop)(void *ctx);
} PoolSpec;

typedef enum PoolResult {
    POOL_NONE,             /* nothing written: no thread would start */
    POOL_DONE,             /* every item written (stdio errors aside) */
    POOL_OOM               /* a thread ran out of memory: stopped */
} PoolResult;

/* Writes items 0 .. s->n as above; POOL_NONE when no thread started, and
   then the caller writes them itself. */
PoolResult pool_write(const PoolSpec *s);

#endif
