/*
 * symtab.h - the hashed table of declared names.
 *
 * A declaration is filed under its key: its name (a session's is "GA 67"),
 * or for a paragraph marker the sign ¶ and its name ("¶32(b)"), so one
 * table serves every kind of name.  The table keeps no keys of its own:
 * each slot is a declaration and its key's hash, in two arrays.
 */
#ifndef WSIS_SYMTAB_H
#define WSIS_SYMTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

/*
 * Open addressing with linear probing, growing at 75% load; a capacity
 * reserved ahead (symtab_reserve) is just large enough, as it need not be
 * a power of two.  A probe reads the hashes (0 marks an empty slot;
 * a key that hashes to 0 is filed as 1), sixteen to a cache line, and
 * reads a declaration only where the hash matches; then it compares the
 * key sought with the declaration's name (usually the same pointer, as
 * names are interned).  Twelve bytes a slot, not the 24 of a slot holding
 * a key, and 4/3 slots a name when reserved, not up to 8/3: a million
 * obligations and their paragraphs take 33 MB, where they took 96.
 */
typedef struct SymTab {
    uint32_t *hashes;
    Decl **vals;
    size_t cap, count;
} SymTab;

void symtab_init(SymTab *t);
void symtab_fini(SymTab *t);

/* Makes room for n more declarations at once; false when out of memory. */
bool symtab_reserve(SymTab *t, size_t n);

/* The declaration under key, or NULL. */
Decl *symtab_get(const SymTab *t, const char *key);

/*
 * out[k] = symtab_get(t, keys[k]) for k < n, for many keys at once: each
 * step (the key's bytes, its hash's slot, the declaration there, that
 * declaration's name) is asked of memory for every key before the next
 * step reads any, so their cache misses overlap instead of following one
 * another.
 */
void symtab_get_many(const SymTab *t, const char *const *keys, Decl **out,
                     size_t n);

/*
 * Files d under its key.  Returns NULL when added, the earlier declaration
 * when the key is taken (the table is unchanged), or d itself when out of
 * memory.
 */
Decl *symtab_put(SymTab *t, Decl *d);

/*
 * symtab_put of ds[0 .. n), in order, for several threads at once, into a
 * table reserved for every declaration they file (symtab_reserve): it
 * never grows.  Their cache misses overlap as symtab_get_many's do (the
 * declarations, their names, their slots).  Returns how many were filed
 * before the first whose key was taken (n when none was); *taken is then
 * the declaration already under that key.  Which of two declarations of
 * one key is filed first is a race: a caller that meets one starts over
 * on one thread (symtab_clear).  Where two threads fill the slots of a run
 * in another order than one thread would, every lookup still finds its
 * key.  The caller adds the count.
 */
size_t symtab_put_shared_many(SymTab *t, Decl *const *ds, size_t n,
                              Decl **taken);

/* Empties the table, keeping its capacity. */
void symtab_clear(SymTab *t);

/* Files d in place of the declaration under the same key; false when the
   key is not there. */
bool symtab_set(SymTab *t, Decl *d);

/* Calls fn on every declaration, in no particular order. */
void symtab_each(const SymTab *t, void (*fn)(Decl *, void *), void *ud);

/* How many slots, in all, finding every key filed passes before its own:
   0 when each is where its hash starts probing.  What the hash's spread
   costs, for tests. */
size_t symtab_displacement(const SymTab *t);

#endif
