/*
 * symtab.h - the hashed table of declared names.
 *
 * Open addressing with linear probing over a power-of-two array; keys are
 * the names the declarations carry (a session's key is "GA 67", a
 * paragraph marker's "¶32(b)"), so one table serves every kind of name.
 */
#ifndef WSIS_SYMTAB_H
#define WSIS_SYMTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

/* One slot: a probe reads one cache line, not one per array. */
typedef struct SymSlot {
    const char *key;       /* NULL: empty */
    Decl *val;
    uint32_t hash;         /* most probes end on it, with no string read */
} SymSlot;

typedef struct SymTab {
    SymSlot *slots;
    size_t cap, count;
} SymTab;

void symtab_init(SymTab *t);
void symtab_fini(SymTab *t);

/* The declaration under key, or NULL. */
Decl *symtab_get(const SymTab *t, const char *key);

/*
 * Adds key -> d.  Returns NULL when added, the earlier declaration when the
 * key is taken (the table is unchanged), or d itself when out of memory.
 */
Decl *symtab_put(SymTab *t, const char *key, Decl *d);

/* Points an existing key at d; false when the key is not there. */
bool symtab_set(SymTab *t, const char *key, Decl *d);

/* Calls fn on every entry, in no particular order. */
void symtab_each(const SymTab *t, void (*fn)(const char *, Decl *, void *),
                 void *ud);

#endif
