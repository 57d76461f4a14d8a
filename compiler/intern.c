/*
 * intern.c - a hash set of strings: FNV-1a, linear probing, growth at 50%
 * load, each slot's hash kept so that growing rehashes nothing and a probe
 * compares bytes only when the hashes match.
 */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

void intern_init(Intern *t, Arena *a)
{
    memset(t, 0, sizeof *t);
    t->a = a;
}

void intern_fini(Intern *t)
{
    free(t->slots);
    free(t->hashes);
    t->slots = NULL;
    t->hashes = NULL;
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
    const char **slots = calloc(cap, sizeof *slots);
    uint32_t *hashes = calloc(cap, sizeof *hashes);
    if (!slots || !hashes) {
        free(slots);
        free(hashes);
        arena_oom(t->a);
        return;
    }
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->slots[j])
            continue;
        size_t i = t->hashes[j] & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = t->slots[j];
        hashes[i] = t->hashes[j];
    }
    free(t->slots);
    free(t->hashes);
    t->slots = slots;
    t->hashes = hashes;
    t->cap = cap;
}

const char *intern(Intern *t, const char *s, size_t n)
{
    if ((t->count + 1) * 2 > t->cap)
        grow(t);
    /* Without an out-of-memory handler, a table that could not grow gives
       an ordinary copy: names are still compared as strings everywhere. */
    if (!t->slots || t->count + 1 >= t->cap)
        return arena_strndup(t->a, s, n);
    uint32_t h = hash(s, n);
    size_t mask = t->cap - 1, i = h & mask;
    for (; t->slots[i]; i = (i + 1) & mask)
        if (t->hashes[i] == h && strncmp(t->slots[i], s, n) == 0 &&
            t->slots[i][n] == '\0')
            return t->slots[i];
    const char *copy = arena_strndup(t->a, s, n);
    t->slots[i] = copy;
    t->hashes[i] = h;
    t->count++;
    return copy;
}
