/*
 * arena.h - one bump allocator per compilation.
 *
 * Syntax trees, interned names and decoded strings all live here and are
 * freed together by arena_free(), so no error path has anything to unwind.
 */
#ifndef WSIS_ARENA_H
#define WSIS_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

/* A new, empty arena; NULL when out of memory. */
Arena *arena_new(void);

/* Zeroed memory for n bytes, aligned for pointers, 64-bit integers and
   doubles (not long double); NULL when out of memory. */
void *arena_alloc(Arena *a, size_t n);

/* As arena_alloc, but not cleared: for an array that its users fill whole
   before reading it, on threads (so that first touching its pages is
   shared among them, not done up front by one). */
void *arena_alloc_uninit(Arena *a, size_t n);

/* n zeroed bytes from a second bump region of the same arena: objects
   allocated one after another here lie together, whatever else is
   allocated between them (the syntax tree's fields, so that a
   declaration's fields are read in sequence). */
void *arena_alloc_lane(Arena *a, size_t n);

/* A NUL-terminated copy of the n bytes at s (s may hold NULs). */
char *arena_strndup(Arena *a, const char *s, size_t n);

/* The strings given, up to a NULL, joined in the arena. */
char *arena_cat(Arena *a, ...) __attribute__((sentinel));

/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Called, instead of returning NULL, when memory runs out.  The compilation
 * sets a handler that longjmps back to its entry point, so the tree builders
 * need no NULL checks; the handler must not return.
 */
void arena_set_oom(Arena *a, void (*handler)(void *), void *ud);

/*
 * What must be released if memory runs out while it is held (a scanner, an
 * XML writer): pushed before, popped after; on running out, every pushed
 * cleanup runs, newest first, before the handler.
 */
void arena_push_cleanup(Arena *a, void (*fn)(void *), void *ud);
void arena_pop_cleanup(Arena *a);

/* Runs the cleanups and the handler, as a failed allocation would. */
void arena_oom(Arena *a);

/* Frees every block of the arena and the arena itself. */
void arena_free(Arena *a);

/*
 * Doubles a malloc'd array of *cap elements of size bytes (to 64 from
 * none), for arrays that grow while built: in the arena every smaller copy
 * would stay.  NULL when memory runs out, after the arena's out-of-memory
 * path (whose cleanups must free the array).
 */
void *arena_grow_array(Arena *a, void *array, size_t *cap, size_t size);

/* Moves everything allocated in from into a (from is freed; what it held
   lives as long as a).  from must have no cleanups pending. */
void arena_adopt(Arena *a, Arena *from);

/* A string built piece by piece in the arena, in linear time. */
typedef struct StrBuf {
    Arena *a;
    char *p;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *b, Arena *a);
void sb_add(StrBuf *b, const char *s);
/* Appends each string given, up to a NULL: no format to parse. */
void sb_cat(StrBuf *b, ...) __attribute__((sentinel));
void sb_addf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A point to come back to: arena_release frees everything allocated since
 * arena_mark, so a writer can build each output item's strings and drop
 * them once written (a calendar of a million events then needs no more
 * memory than one event).  Nothing allocated after the mark may be used
 * after the release; under AddressSanitizer the released bytes are
 * poisoned, so the test suite catches any that is.
 */
typedef struct ArenaMark {
    struct Block *head;
    size_t used, total;
    unsigned long seq;
} ArenaMark;

ArenaMark arena_mark(const Arena *a);
void arena_release(Arena *a, ArenaMark m);

/*
 * Asks the kernel to map the pages of [p, p + n) now, in one call, for
 * memory that is about to be written from end to end (an arena's block,
 * a buffer a file is read into).  Written first otherwise, each 4 KiB
 * page costs a fault of its own, and on a virtual machine each fault is
 * a trip through the hypervisor as well (docs/performance.md, change 86).
 * Only whole pages inside the range are asked for; where the kernel
 * cannot (before Linux 5.14, or not Linux), nothing happens.  A range of
 * 4 MiB or more (two huge pages of 2 MiB) is mapped in huge pages where
 * it holds whole ones and the kernel has them to give.
 */
void mem_populate(void *p, size_t n);

/* Bytes handed out so far (for statistics and limits). */
size_t arena_used(const Arena *a);

#endif
