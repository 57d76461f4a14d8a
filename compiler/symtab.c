/*
 * symtab.c - FNV-1a hashing, linear probing, growth at 50% load.  The
 * hash of each key is kept beside it: a probe compares hashes first, and
 * a key is compared as a string only when they match (usually once, on the
 * key sought).  Names in a spec share long prefixes (ob0000123,
 * ob0000124), so comparing strings on every probe was most of a lookup.
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

static bool same(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

void symtab_init(SymTab *t)
{
    memset(t, 0, sizeof *t);
}

void symtab_fini(SymTab *t)
{
    free(t->keys);
    free(t->vals);
    free(t->hashes);
    memset(t, 0, sizeof *t);
}

Decl *symtab_get(const SymTab *t, const char *key)
{
    if (t->cap == 0)
        return NULL;
    size_t mask = t->cap - 1;
    uint32_t h = hash(key);
    for (size_t i = h & mask; t->keys[i]; i = (i + 1) & mask)
        if (t->hashes[i] == h && same(t->keys[i], key))
            return t->vals[i];
    return NULL;
}

static bool grow(SymTab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    const char **keys = calloc(cap, sizeof *keys);
    Decl **vals = calloc(cap, sizeof *vals);
    uint32_t *hashes = calloc(cap, sizeof *hashes);
    if (!keys || !vals || !hashes) {
        free(keys);
        free(vals);
        free(hashes);
        return false;
    }
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->keys[j])
            continue;
        size_t i = t->hashes[j] & (cap - 1);
        while (keys[i])
            i = (i + 1) & (cap - 1);
        keys[i] = t->keys[j];
        vals[i] = t->vals[j];
        hashes[i] = t->hashes[j];
    }
    free(t->keys);
    free(t->vals);
    free(t->hashes);
    t->keys = keys;
    t->vals = vals;
    t->hashes = hashes;
    t->cap = cap;
    return true;
}

Decl *symtab_put(SymTab *t, const char *key, Decl *d)
{
    if ((t->count + 1) * 2 > t->cap && !grow(t))
        return d;
    size_t mask = t->cap - 1;
    uint32_t h = hash(key);
    size_t i = h & mask;
    for (; t->keys[i]; i = (i + 1) & mask)
        if (t->hashes[i] == h && same(t->keys[i], key))
            return t->vals[i];
    t->keys[i] = key;
    t->vals[i] = d;
    t->hashes[i] = h;
    t->count++;
    return NULL;
}

bool symtab_set(SymTab *t, const char *key, Decl *d)
{
    if (t->cap == 0)
        return false;
    size_t mask = t->cap - 1;
    uint32_t h = hash(key);
    for (size_t i = h & mask; t->keys[i]; i = (i + 1) & mask)
        if (t->hashes[i] == h && same(t->keys[i], key)) {
            t->vals[i] = d;
            return true;
        }
    return false;
}

void symtab_each(const SymTab *t, void (*fn)(const char *, Decl *, void *),
                 void *ud)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->keys[i])
            fn(t->keys[i], t->vals[i], ud);
}
