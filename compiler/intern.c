/*
 * intern.c - a hash set of strings: FNV-1a, linear probing, growth at 75%
 * load.  Each slot keeps the hash, the length and the first INTERN_HEAD
 * bytes beside the string: a probe reads the string only when all match
 * and the name is longer than that.
 */
#include "intern.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void intern_init(Intern *t, Arena *a)
{
    memset(t, 0, sizeof *t);
    t->a = a;
}

void intern_clear(Intern *t, Arena *a)
{
    if (t->count)
        memset(t->slots, 0, t->cap * sizeof *t->slots);
    t->count = 0;
    t->a = a;
}

void intern_fini(Intern *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

static uint32_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (uint32_t)(h ^ (h >> 32));
}

static void grow(Intern *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    InternSlot *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        arena_oom(t->a);
        return;
    }
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->slots[j].str)
            continue;
        size_t i = t->slots[j].hash & (cap - 1);
        while (slots[i].str)
            i = (i + 1) & (cap - 1);
        slots[i] = t->slots[j];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
}

static bool same(const InternSlot *e, const char *s, size_t n, uint32_t h)
{
    if (e->hash != h || e->len != n)
        return false;
    if (n <= INTERN_HEAD)
        return memcmp(e->head, s, n) == 0;
    return memcmp(e->head, s, INTERN_HEAD) == 0 &&
           memcmp(e->str + INTERN_HEAD, s + INTERN_HEAD, n - INTERN_HEAD) == 0;
}

const char *intern(Intern *t, const char *s, size_t n)
{
    if ((t->count + 1) * 4 > t->cap * 3)
        grow(t);
    /* Without an out-of-memory handler, a table that could not grow gives
       an ordinary copy: names are still compared as strings everywhere. */
    if (!t->slots || t->count + 1 >= t->cap || n > UINT16_MAX)
        return arena_strndup(t->a, s, n);
    uint32_t h = hash(s, n);
    size_t mask = t->cap - 1, i = h & mask;
    for (; t->slots[i].str; i = (i + 1) & mask)
        if (same(&t->slots[i], s, n, h))
            return t->slots[i].str;
    const char *copy = arena_strndup(t->a, s, n);
    InternSlot *e = &t->slots[i];
    e->str = copy;
    e->hash = h;
    e->len = (uint16_t)n;
    memcpy(e->head, s, n < INTERN_HEAD ? n : INTERN_HEAD);
    t->count++;
    return copy;
}
