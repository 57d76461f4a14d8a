/*
 * symtab.c - FNV-1a hashing and linear probing over the hashes (symtab.h).
 * Names in a spec share long prefixes (ob0000123, ob0000124): a probe
 * settles on the 32-bit hash nearly always, and compares a name only for
 * the one declaration whose hash matches.
 */
#include "symtab.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

/* A paragraph marker's key begins with the pilcrow, in UTF-8. */
static const char PILCROW[] = "\xC2\xB6";

static uint32_t hash_more(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return (uint32_t)(h ^ (h >> 32));
}

/* 0 marks an empty slot, so no key hashes to it. */
static uint32_t nonzero(uint32_t h)
{
    return h ? h : 1;
}

static uint32_t hash_key(const char *key)
{
    return nonzero(hash_more(1469598103934665603u, key));
}

/* The hash of d's key, without building the key. */
static uint32_t hash_decl(const Decl *d)
{
    uint64_t h = 1469598103934665603u;
    if (d->kind == DK_PARAGRAPH)
        for (const char *p = PILCROW; *p; p++) {
            h ^= (unsigned char)*p;
            h *= 1099511628211u;
        }
    return nonzero(hash_more(h, d->name));
}

static bool key_is(const Decl *d, const char *key)
{
    if (d->kind == DK_PARAGRAPH) {
        if (strncmp(key, PILCROW, sizeof PILCROW - 1) != 0)
            return false;
        key += sizeof PILCROW - 1;
    }
    return key == d->name || strcmp(key, d->name) == 0;
}

void symtab_init(SymTab *t)
{
    memset(t, 0, sizeof *t);
}

void symtab_fini(SymTab *t)
{
    free(t->hashes);
    free(t->vals);
    memset(t, 0, sizeof *t);
}

/*
 * Where a hash starts probing: its high bits scaled to the capacity
 * (Lemire's "fastrange"), so a capacity need not be a power of two.  The
 * hash is first multiplied by 2^32 divided by the golden ratio (Knuth's
 * multiplicative hashing), which carries every bit into the high ones.
 * FNV-1a's own high bits barely change with a name's last bytes: keys
 * that differ only there (ob0000123, ob0000124) started in a few long
 * runs, and filing a million obligations probed 79 slots a name on
 * average, 8 000 at worst (1.5 and 132 with the multiplication).
 */
static size_t home(const SymTab *t, uint32_t h)
{
    uint32_t spread = h * 0x9E3779B1u;
    return (size_t)(((uint64_t)spread * t->cap) >> 32);
}

/* Whether two declarations are filed under one key. */
static bool same_key(const Decl *e, const Decl *d)
{
    return (e->kind == DK_PARAGRAPH) == (d->kind == DK_PARAGRAPH) &&
           (e->name == d->name || strcmp(e->name, d->name) == 0);
}

/* The slot holding a key of hash h that is key (or, key NULL, d's), or
   the empty one where it would go. */
static size_t find(const SymTab *t, uint32_t h, const char *key,
                   const Decl *d)
{
    size_t i = home(t, h);
    for (; t->hashes[i]; i = i + 1 == t->cap ? 0 : i + 1)
        if (t->hashes[i] == h &&
            (key ? key_is(t->vals[i], key) : same_key(t->vals[i], d)))
            return i;
    return i;
}

Decl *symtab_get(const SymTab *t, const char *key)
{
    if (t->cap == 0)
        return NULL;
    size_t i = find(t, hash_key(key), key, NULL);
    return t->hashes[i] ? t->vals[i] : NULL;
}

/*
 * A lookup costs up to four cache misses, one after another: the key's
 * bytes (to hash them), the slot, the declaration, its name.  Here each
 * of the four is started for every key of a group (a prefetch) before any
 * is waited for, so a group waits about as long as one lookup.  A probe
 * that passes a hash matching another key (rare: 32 bits, short runs)
 * finishes as symtab_get does.
 */
enum { GET_GROUP = 32 };

void symtab_get_many(const SymTab *t, const char *const *keys, Decl **out,
                     size_t n)
{
    if (t->cap == 0) {
        for (size_t k = 0; k < n; k++)
            out[k] = NULL;
        return;
    }
    uint32_t h[GET_GROUP];
    size_t slot[GET_GROUP];
    for (size_t g = 0; g < n; g += GET_GROUP) {
        size_t m = n - g < GET_GROUP ? n - g : GET_GROUP;
        const char *const *key = keys + g;
        Decl **o = out + g;
        for (size_t k = 0; k < m; k++)
            __builtin_prefetch(key[k]);
        for (size_t k = 0; k < m; k++) {
            h[k] = hash_key(key[k]);
            slot[k] = home(t, h[k]);
            __builtin_prefetch(&t->hashes[slot[k]]);
            __builtin_prefetch(&t->vals[slot[k]]);
        }
        /* the first slot of each run with the hash sought, or its end */
        for (size_t k = 0; k < m; k++) {
            size_t i = slot[k];
            while (t->hashes[i] && t->hashes[i] != h[k])
                i = i + 1 == t->cap ? 0 : i + 1;
            o[k] = t->hashes[i] ? t->vals[i] : NULL;
            if (o[k])
                __builtin_prefetch(o[k]);
        }
        for (size_t k = 0; k < m; k++)
            if (o[k])
                __builtin_prefetch(o[k]->name);
        for (size_t k = 0; k < m; k++) {
            if (!o[k] || key_is(o[k], key[k]))
                continue;
            size_t i = find(t, h[k], key[k], NULL);
            o[k] = t->hashes[i] ? t->vals[i] : NULL;
        }
    }
}

static bool resize(SymTab *t, size_t cap)
{
    if (cap > UINT32_MAX)
        return false;
    uint32_t *hashes = calloc(cap, sizeof *hashes);
    Decl **vals = calloc(cap, sizeof *vals);    /* symtab_put_shared_many */
    if (!hashes || !vals) {
        free(hashes);
        free(vals);
        return false;
    }
    /* A table's slots are spread over all its pages: map them now, not
       by a fault at each first write (or, after a first read, a fault
       replacing the zero page). */
    mem_populate(hashes, cap * sizeof *hashes);
    mem_populate(vals, cap * sizeof *vals);
    SymTab old = *t;
    t->hashes = hashes;
    t->vals = vals;
    t->cap = cap;
    for (size_t j = 0; j < old.cap; j++) {
        if (!old.hashes[j])
            continue;
        size_t i = home(t, old.hashes[j]);
        while (hashes[i])
            i = i + 1 == cap ? 0 : i + 1;
        hashes[i] = old.hashes[j];
        vals[i] = old.vals[j];
    }
    free(old.hashes);
    free(old.vals);
    return true;
}

/* Room for count + 1 keys at 75% load at most. */
static bool room_for_one(SymTab *t)
{
    if ((t->count + 1) * 4 <= t->cap * 3)
        return true;
    return resize(t, t->cap ? t->cap * 2 : 64);
}

bool symtab_reserve(SymTab *t, size_t n)
{
    size_t cap = (t->count + n) / 3 * 4 + 4;
    if (cap <= t->cap || (t->count + n) * 4 <= t->cap * 3)
        return true;
    return resize(t, cap < 64 ? 64 : cap);
}

Decl *symtab_put(SymTab *t, Decl *d)
{
    if (!room_for_one(t))
        return d;
    uint32_t h = hash_decl(d);
    size_t i = find(t, h, NULL, d);
    if (t->hashes[i])
        return t->vals[i];
    t->hashes[i] = h;
    t->vals[i] = d;
    t->count++;
    return NULL;
}

/* The arrays are plain (every other function reads them without atomics,
   once the threads that file into them have been joined), so the atomic
   accesses here are GCC's and Clang's builtins on their elements. */
static Decl *put_shared(SymTab *t, Decl *d, uint32_t h)
{
    size_t i = home(t, h);
    for (;; i = i + 1 == t->cap ? 0 : i + 1) {
        uint32_t cur = __atomic_load_n(&t->hashes[i], __ATOMIC_ACQUIRE);
        if (cur == 0) {
            if (__atomic_compare_exchange_n(&t->hashes[i], &cur, h, false,
                                            __ATOMIC_ACQ_REL,
                                            __ATOMIC_ACQUIRE)) {
                __atomic_store_n(&t->vals[i], d, __ATOMIC_RELEASE);
                return NULL;
            }
            /* taken meanwhile: cur is what took it */
        }
        if (cur != h)
            continue;
        /* the thread that took the slot writes its declaration next
           (if it was preempted in between, let it run) */
        Decl *e;
        while (!(e = __atomic_load_n(&t->vals[i], __ATOMIC_ACQUIRE)))
            sched_yield();
        if (same_key(e, d))
            return e;
    }
}

size_t symtab_put_shared_many(SymTab *t, Decl *const *ds, size_t n,
                              Decl **taken)
{
    uint32_t h[GET_GROUP];
    for (size_t g = 0; g < n; g += GET_GROUP) {
        size_t m = n - g < GET_GROUP ? n - g : GET_GROUP;
        Decl *const *d = ds + g;
        for (size_t k = 0; k < m; k++)
            __builtin_prefetch(d[k]->name);
        for (size_t k = 0; k < m; k++) {
            h[k] = hash_decl(d[k]);
            size_t i = home(t, h[k]);
            __builtin_prefetch(&t->hashes[i], 1);
            __builtin_prefetch(&t->vals[i], 1);
        }
        for (size_t k = 0; k < m; k++) {
            Decl *e = put_shared(t, d[k], h[k]);
            if (e) {
                *taken = e;
                return g + k;
            }
        }
    }
    return n;
}

void symtab_clear(SymTab *t)
{
    if (t->cap) {
        memset(t->hashes, 0, t->cap * sizeof *t->hashes);
        memset(t->vals, 0, t->cap * sizeof *t->vals);
    }
    t->count = 0;
}

bool symtab_set(SymTab *t, Decl *d)
{
    if (t->cap == 0)
        return false;
    size_t i = find(t, hash_decl(d), NULL, d);
    if (!t->hashes[i])
        return false;
    t->vals[i] = d;
    return true;
}

void symtab_each(const SymTab *t, void (*fn)(Decl *, void *), void *ud)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->hashes[i])
            fn(t->vals[i], ud);
}

size_t symtab_displacement(const SymTab *t)
{
    size_t total = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->hashes[i]) {
            size_t h = home(t, t->hashes[i]);
            total += i >= h ? i - h : t->cap - h + i;
        }
    return total;
}
