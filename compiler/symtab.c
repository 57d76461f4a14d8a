/*
 * symtab.c - FNV-1a hashing, linear probing, growth at 50% load.
 */
#include "symtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

void symtab_init(SymTab *t)
{
    memset(t, 0, sizeof *t);
}

void symtab_fini(SymTab *t)
{
    free(t->keys);
    free(t->vals);
    memset(t, 0, sizeof *t);
}

Decl *symtab_get(const SymTab *t, const char *key)
{
    if (t->cap == 0)
        return NULL;
    size_t mask = t->cap - 1;
    for (size_t i = hash(key) & mask; t->keys[i]; i = (i + 1) & mask)
        if (strcmp(t->keys[i], key) == 0)
            return t->vals[i];
    return NULL;
}

static bool grow(SymTab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    const char **keys = calloc(cap, sizeof *keys);
    Decl **vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->keys[j])
            continue;
        size_t i = hash(t->keys[j]) & (cap - 1);
        while (keys[i])
            i = (i + 1) & (cap - 1);
        keys[i] = t->keys[j];
        vals[i] = t->vals[j];
    }
    free(t->keys);
    free(t->vals);
    t->keys = keys;
    t->vals = vals;
    t->cap = cap;
    return true;
}

Decl *symtab_put(SymTab *t, const char *key, Decl *d)
{
    if ((t->count + 1) * 2 > t->cap && !grow(t))
        return d;
    size_t mask = t->cap - 1;
    size_t i = hash(key) & mask;
    for (; t->keys[i]; i = (i + 1) & mask)
        if (strcmp(t->keys[i], key) == 0)
            return t->vals[i];
    t->keys[i] = key;
    t->vals[i] = d;
    t->count++;
    return NULL;
}

bool symtab_set(SymTab *t, const char *key, Decl *d)
{
    if (t->cap == 0)
        return false;
    size_t mask = t->cap - 1;
    for (size_t i = hash(key) & mask; t->keys[i]; i = (i + 1) & mask)
        if (strcmp(t->keys[i], key) == 0) {
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
