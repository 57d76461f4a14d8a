/*
 * symtab.c - FNV-1a hashing, linear probing, growth at 75% load.  Each
 * slot holds the key, its declaration and its hash together, so a probe
 * reads one cache line; it compares hashes first, then pointers (names are
 * interned, so the key sought is usually the very pointer stored), and
 * strings only when neither settles it.  Names in a spec share long
 * prefixes (ob0000123, ob0000124): comparing strings on every probe was
 * most of a lookup.
 */
#include "symtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return (uint32_t)(h ^ (h >> 32));
}

static bool same(const SymSlot *e, const char *key, uint32_t h)
{
    return e->hash == h && (e->key == key || strcmp(e->key, key) == 0);
}

void symtab_init(SymTab *t)
{
    memset(t, 0, sizeof *t);
}

void symtab_fini(SymTab *t)
{
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* The slot holding key, or the empty one where it would go. */
static SymSlot *find(const SymTab *t, const char *key, uint32_t h)
{
    size_t mask = t->cap - 1;
    size_t i = h & mask;
    while (t->slots[i].key && !same(&t->slots[i], key, h))
        i = (i + 1) & mask;
    return &t->slots[i];
}

Decl *symtab_get(const SymTab *t, const char *key)
{
    if (t->cap == 0)
        return NULL;
    const SymSlot *e = find(t, key, hash(key));
    return e->key ? e->val : NULL;
}

static bool grow(SymTab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    SymSlot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->slots[j].key)
            continue;
        size_t i = t->slots[j].hash & (cap - 1);
        while (slots[i].key)
            i = (i + 1) & (cap - 1);
        slots[i] = t->slots[j];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return true;
}

Decl *symtab_put(SymTab *t, const char *key, Decl *d)
{
    if ((t->count + 1) * 4 > t->cap * 3 && !grow(t))
        return d;
    uint32_t h = hash(key);
    SymSlot *e = find(t, key, h);
    if (e->key)
        return e->val;
    e->key = key;
    e->val = d;
    e->hash = h;
    t->count++;
    return NULL;
}

bool symtab_set(SymTab *t, const char *key, Decl *d)
{
    if (t->cap == 0)
        return false;
    SymSlot *e = find(t, key, hash(key));
    if (!e->key)
        return false;
    e->val = d;
    return true;
}

void symtab_each(const SymTab *t, void (*fn)(const char *, Decl *, void *),
                 void *ud)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].key)
            fn(t->slots[i].key, t->slots[i].val, ud);
}
