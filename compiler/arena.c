/*
 * arena.c - bump allocation in growing blocks.
 *
 * Blocks double in size up to 1 MiB, then are huge pages of 2 MiB each; a
 * request larger than a block gets a block of its own, so huge strings do
 * not waste the tail of a shared one.  Large blocks are mapped when made
 * (mem_populate), not a fault a page.
 */
#define _DEFAULT_SOURCE 1   /* madvise */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum { ARENA_FIRST = 16 * 1024, ARENA_MAX_BLOCK = 1024 * 1024 };
enum { MEM_HUGE_PAGE = 2 * 1024 * 1024 };

/* Blocks from this size on are mapped when made (mem_populate): by then
   the arena is a large one, whose blocks are filled whole. */
enum { ARENA_POPULATE = 256 * 1024 };

/* The pages of [p, p + n) that lie whole inside it, by a page size. */
static bool whole_pages(void *p, size_t n, uintptr_t page, void **lo,
                        size_t *len)
{
    uintptr_t mask = page - 1;
    uintptr_t a = ((uintptr_t)p + mask) & ~mask;
    uintptr_t b = ((uintptr_t)p + n) & ~mask;
    if (!n || b <= a)
        return false;
    *lo = (void *)a;
    *len = b - a;
    return true;
}

void mem_populate(void *p, size_t n)
{
    void *lo;
    size_t len;
#ifdef MADV_HUGEPAGE
    if (n >= 2 * MEM_HUGE_PAGE && whole_pages(p, n, MEM_HUGE_PAGE, &lo, &len))
        madvise(lo, len, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
    /* asked each time: threads call this at once, and the C library
       answers from what it was given at start-up */
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        page = 4096;
    if (whole_pages(p, n, (uintptr_t)page, &lo, &len))
        madvise(lo, len, MADV_POPULATE_WRITE);
#else
    (void)lo;
    (void)len;
#endif
}

typedef struct Block {
    struct Block *next;
    size_t size, used;
    unsigned long seq;     /* order of creation, for arena_release */
    bool mapped;           /* a huge page of its own (block_new) */
    max_align_t data[];
} Block;

/* A huge page of its own: twice its size mapped, to find where one
   starts, and the rest given back. */
static void *map_huge(void)
{
    size_t span = 2 * (size_t)MEM_HUGE_PAGE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t at = ((uintptr_t)p + MEM_HUGE_PAGE - 1) &
                   ~(uintptr_t)(MEM_HUGE_PAGE - 1);
    size_t head = at - (uintptr_t)p, tail = span - head - MEM_HUGE_PAGE;
    if (head)
        munmap(p, head);
    if (tail)
        munmap((char *)at + MEM_HUGE_PAGE, tail);
#ifdef MADV_HUGEPAGE
    madvise((void *)at, MEM_HUGE_PAGE, MADV_HUGEPAGE);
#endif
    return (void *)at;
}

static void block_free(Block *b)
{
    if (b->mapped)
        munmap(b, MEM_HUGE_PAGE);
    else
        free(b);
}

/*
 * A block for size bytes, not cleared.  Once an arena is a large one (its
 * blocks are as large as they grow), each new block is instead a huge
 * page of its own (huge: 2 MiB, 1 MiB was the largest block), asked of
 * the kernel as one: mapping it is one fault where 4 KiB pages take 512,
 * and on a virtual machine the host maps it as one page too.  Where the
 * kernel has no huge pages to give, the block is mapped in small pages,
 * as any other (docs/performance.md, change 87).
 */
static Block *block_new(size_t size, bool huge)
{
    Block *b;
    if (huge) {
        b = map_huge();
        if (!b)
            return NULL;
        mem_populate(b, MEM_HUGE_PAGE);
        size = MEM_HUGE_PAGE - sizeof(Block);
    } else {
        if (size > SIZE_MAX - sizeof(Block))
            return NULL;
        b = malloc(sizeof(Block) + size);
        if (!b)
            return NULL;
        if (size >= ARENA_POPULATE)
            mem_populate(b->data, size);
    }
    b->size = size;
    b->used = 0;
    b->mapped = huge;
    return b;
}

struct Arena {
    Block *head;
    size_t next_size;
    size_t total;
    unsigned long nblocks;
    Block *lane;           /* where arena_alloc_lane allocates, or NULL */
    void (*oom)(void *);
    void *oom_ud;
    struct Cleanup {
        void (*fn)(void *);
        void *ud;
    } cleanup[8];
    int ncleanup;
};

void arena_push_cleanup(Arena *a, void (*fn)(void *), void *ud)
{
    if (a->ncleanup < 8) {
        a->cleanup[a->ncleanup].fn = fn;
        a->cleanup[a->ncleanup].ud = ud;
    }
    a->ncleanup++;
}

void arena_pop_cleanup(Arena *a)
{
    if (a->ncleanup > 0)
        a->ncleanup--;
}

void arena_oom(Arena *a)
{
    while (a->ncleanup > 0) {
        a->ncleanup--;
        if (a->ncleanup < 8)
            a->cleanup[a->ncleanup].fn(a->cleanup[a->ncleanup].ud);
    }
    if (a->oom)
        a->oom(a->oom_ud);
}

void arena_set_oom(Arena *a, void (*handler)(void *), void *ud)
{
    a->oom = handler;
    a->oom_ud = ud;
}

static void *arena_fail(Arena *a)
{
    arena_oom(a);
    return NULL;
}

Arena *arena_new(void)
{
    Arena *a = calloc(1, sizeof *a);
    if (a)
        a->next_size = ARENA_FIRST;
    return a;
}

static Block *arena_grow(Arena *a, size_t need)
{
    size_t size = a->next_size;
    if (size < need)
        size = need;
    bool one_off = a->head && size == need && need > a->next_size;
    Block *b = block_new(size, a->next_size >= ARENA_MAX_BLOCK &&
                                   size == a->next_size);
    if (!b)
        return NULL;
    b->seq = ++a->nblocks;
    /* Keep the current block on top when this one is a one-off. */
    if (one_off) {
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
        if (a->next_size < ARENA_MAX_BLOCK)
            a->next_size *= 2;
    }
    return b;
}

/* What the tree needs: pointers, 64-bit integers, doubles.  Not
   max_align_t's 16 bytes (long double): at 8, an Ident of 40 bytes takes 40,
   not 48, and a spec holds millions of nodes. */
typedef union {
    void *p;
    long long i;
    double d;
    void (*f)(void);
} ArenaAlign;
#define ARENA_ALIGN _Alignof(ArenaAlign)

/* n bytes, not cleared, at a multiple of align (a power of two, at most
   that of max_align_t); blocks start fully aligned. */
static void *alloc_aligned(Arena *a, size_t n, size_t align)
{
    const size_t max = _Alignof(max_align_t);
    if (n > SIZE_MAX - 2 * max)
        return arena_fail(a);
    if (n == 0)
        n = 1;
    Block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < n) {
        b = arena_grow(a, (n + max - 1) & ~(max - 1));
        if (!b)
            return arena_fail(a);
        at = b->used;
    }
    void *p = (char *)b->data + at;
    a->total += at + n - b->used;
    b->used = at + n;
    UNPOISON(p, n);
    return p;
}

void *arena_alloc(Arena *a, size_t n)
{
    void *p = alloc_aligned(a, n, ARENA_ALIGN);
    if (p)
        memset(p, 0, n);
    return p;
}

void *arena_alloc_uninit(Arena *a, size_t n)
{
    return alloc_aligned(a, n, ARENA_ALIGN);
}

void *arena_alloc_lane(Arena *a, size_t n)
{
    enum { LANE_BLOCK = 256 * 1024 };
    n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    Block *b = a->lane;
    if (!b || b->size - b->used < n) {
        /* the lane's blocks go below the current one, so there must be
           one: else the lane's would become it */
        if (!a->head && !arena_grow(a, ARENA_FIRST))
            return arena_fail(a);
        size_t size = n > LANE_BLOCK ? n : LANE_BLOCK;
        /* a large arena's lane, after its first block: huge pages too */
        b = block_new(size, a->lane && n <= LANE_BLOCK &&
                                a->next_size >= ARENA_MAX_BLOCK);
        if (!b)
            return arena_fail(a);
        b->seq = ++a->nblocks;
        /* below the current block: freed with the arena, or by a release
           of a mark taken before it (which forgets the lane then) */
        b->next = a->head->next;
        a->head->next = b;
        a->lane = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->total += n;
    UNPOISON(p, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return arena_fail(a);
    /* Strings need no alignment: packed, a name of 8 bytes takes 9, not
       the 16 of an aligned allocation. */
    char *p = alloc_aligned(a, n + 1, 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(Arena *a)
{
    if (!a)
        return;
    Block *b = a->head;
    while (b) {
        Block *next = b->next;
        block_free(b);
        b = next;
    }
    free(a);
}

void *arena_grow_array(Arena *a, void *array, size_t *cap, size_t size)
{
    size_t n = *cap ? *cap * 2 : 64;
    void *more = n <= SIZE_MAX / size ? realloc(array, n * size) : NULL;
    if (!more) {
        arena_oom(a);
        return NULL;
    }
    /* the new half is filled in turn */
    if ((n - *cap) * size >= ARENA_POPULATE)
        mem_populate((char *)more + *cap * size, (n - *cap) * size);
    *cap = n;
    return more;
}

void arena_adopt(Arena *a, Arena *from)
{
    if (!from)
        return;
    Block *first = from->head, *last = first;
    for (Block *b = first; b; b = b->next) {
        b->seq = 0;     /* older than any mark: no release frees it */
        last = b;
    }
    if (first) {
        /* below the current block, which stays the one allocated from */
        if (a->head) {
            last->next = a->head->next;
            a->head->next = first;
        } else {
            a->head = first;
        }
    }
    a->total += from->total;
    free(from);
}

ArenaMark arena_mark(const Arena *a)
{
    ArenaMark m = {a->head, a->head ? a->head->used : 0, a->total,
                   a->nblocks};
    return m;
}

void arena_release(Arena *a, ArenaMark m)
{
    if (a->lane && a->lane->seq > m.seq)
        a->lane = NULL;        /* made since the mark: freed below */
    /* Blocks made since the mark are above its head, or (one-off blocks,
       see arena_grow) right below the block that was the head then. */
    Block **pp = &a->head;
    while (*pp) {
        Block *b = *pp;
        if (b->seq > m.seq) {
            *pp = b->next;
            block_free(b);
        } else if (b == m.head) {
            pp = &b->next;
            while (*pp && (*pp)->seq > m.seq) {
                Block *x = *pp;
                *pp = x->next;
                block_free(x);
            }
            break;
        } else {
            pp = &b->next;
        }
    }
    if (m.head) {
        POISON((char *)m.head->data + m.used, m.head->size - m.used);
        m.head->used = m.used;
    }
    a->total = m.total;
}

size_t arena_used(const Arena *a)
{
    return a->total;
}

void sb_init(StrBuf *b, Arena *a)
{
    b->a = a;
    b->cap = 64;
    b->len = 0;
    b->p = arena_alloc(a, b->cap);
}

static void sb_reserve(StrBuf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap)
        return;
    size_t cap = b->cap * 2;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *p = arena_alloc(b->a, cap);
    memcpy(p, b->p, b->len + 1);
    b->p = p;
    b->cap = cap;
}

void sb_add(StrBuf *b, const char *s)
{
    size_t n = strlen(s);
    sb_reserve(b, n);
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

void sb_cat(StrBuf *b, ...)
{
    va_list ap;
    va_start(ap, b);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        sb_add(b, s);
    va_end(ap);
}

char *arena_cat(Arena *a, ...)
{
    size_t n = 0;
    va_list ap;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        n += strlen(s);
    va_end(ap);
    char *p = alloc_aligned(a, n + 1, 1), *q = p;
    if (!p)
        return NULL;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
        size_t k = strlen(s);
        memcpy(q, s, k);
        q += k;
    }
    va_end(ap);
    *q = '\0';
    return p;
}

void sb_addf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}
