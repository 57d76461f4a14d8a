/*
 * intern.h - one copy of each name.
 *
 * The scanner interns every identifier: the thousand uses of an entity's
 * name share the bytes of its declaration, and a name found in the symbol
 * table is the same pointer as the name sought, so a lookup ends without
 * comparing strings.  The strings live in the compilation's arena.
 */
#ifndef WSIS_INTERN_H
#define WSIS_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* A slot: the string, its hash, its length and its first bytes, so that
   a name of up to INTERN_HEAD bytes (most of a spec's) is found without
   reading the string itself: one cache line, not two. */
enum { INTERN_HEAD = 10 };

typedef struct InternSlot {
    const char *str;       /* NULL: empty */
    uint32_t hash;
    uint16_t len;
    char head[INTERN_HEAD];
} InternSlot;

typedef struct Intern {
    Arena *a;
    InternSlot *slots;
    size_t cap, count;
} Intern;

void intern_init(Intern *t, Arena *a);
void intern_fini(Intern *t);

/* Empties the table for names that go into a (the strings it held stay
   where they are), keeping its slots: a table used file after file grows
   once, and its pages stay mapped. */
void intern_clear(Intern *t, Arena *a);

/* The one copy of the n bytes at s (NUL-terminated); out of memory takes
   the arena's path. */
const char *intern(Intern *t, const char *s, size_t n);

#endif
