/*
 * intern.c - a hash set of strings: a multiplicative hash of eight bytes
 * at a time, linear probing, growth at 75% load.  Each slot keeps the
 * hash, the length and the first INTERN_HEAD bytes beside the string: a
 * probe reads the string only when all match and the name is longer than
 * that.
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

static uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The bytes taken eight at a time: a name of 8 to 16 bytes, as most are,
   is two loads that may overlap (4 to 7 bytes, two of four), multiplied
   into one word with its length, then mixed (MurmurHash3's finaliser), so
   that the low bits, which pick the slot, depend on every byte.  A name
   of nine bytes took 27 dependent steps byte by byte (FNV-1a). */
static uint32_t hash(const char *s, size_t n)
{
    const uint64_t k1 = 0x9E3779B97F4A7C15u, k2 = 0xC2B2AE3D27D4EB4Fu;
    uint64_t a, b;
    if (n >= 8) {
        a = load8(s);
        b = load8(s + n - 8);
        for (size_t i = 8; i + 8 < n; i += 8)
            a = (a ^ load8(s + i)) * k1 + (a >> 29);
    } else if (n >= 4) {
        a = load4(s);
        b = load4(s + n - 4);
    } else {
        a = n ? (uint64_t)(unsigned char)s[0] << 16 |
                    (uint64_t)(unsigned char)s[n / 2] << 8 |
                    (unsigned char)s[n - 1]
              : 0;
        b = 0;
    }
    uint64_t h = a * k1 ^ (b + n) * k2;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    return (uint32_t)h;
}

static void grow(Intern *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    InternSlot *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        arena_oom(t->a);
        return;
    }
    mem_populate(slots, cap * sizeof *slots);   /* as symtab.c's resize */
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
    if (n >= 8 && n <= INTERN_HEAD)   /* two loads, not a call */
        return load8(e->head) == load8(s) &&
               load8(e->head + n - 8) == load8(s + n - 8);
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
