/*
 * resolve.c - declaring names and finding what each use refers to.
 *
 * All loaded files share one namespace.  A use that finds nothing gets the
 * closest declared name of the right kind as a suggestion (Damerau-
 * Levenshtein distance, at most a third of the name's length); a use that
 * finds a declaration of another kind says what that declaration is.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "parts.h"
#include "spell.h"

/* Whether a declaration declares a name (the table files it under its
   key: symtab.h). */
static bool declares(const Decl *d)
{
    /* records name an obligation; they add none */
    return d->kind != DK_IMPORT && d->kind != DK_PROGRESS;
}

static const char *article(DeclKind k)
{
    switch (k) {
    case DK_ENTITY:
    case DK_EVENT:
    case DK_OBLIGATION:
    case DK_IMPORT:
        return "an";
    default:
        return "a";
    }
}

static void redefinition(Wsis *w, Decl *d, Decl *prev)
{
    if (d->kind == DK_PARAGRAPH) {
        diag_report(w->diag, SEV_ERROR, d->name_loc, "E0202",
                    "paragraph %s is marked twice", d->name);
        diag_note(w->diag, prev->name_loc, "first marked here");
    } else if (prev->kind == d->kind) {
        diag_report(w->diag, SEV_ERROR, d->name_loc, "E0202",
                    "redefinition of %s '%s'", ast_decl_noun(d->kind),
                    d->name);
        diag_note(w->diag, prev->name_loc, "previous definition of '%s' "
                  "was here", d->name);
    } else {
        diag_report(w->diag, SEV_ERROR, d->name_loc, "E0202",
                    "'%s' redeclared as %s %s", d->name, article(d->kind),
                    ast_decl_noun(d->kind));
        diag_note(w->diag, prev->name_loc, "previously declared here as "
                  "%s %s", article(prev->kind), ast_decl_noun(prev->kind));
    }
}

/* Which unit holds d (by its file). */
static const SrcUnit *unit_of(const Wsis *w, const Decl *d)
{
    for (size_t i = 0; i < w->nunits; i++)
        if (w->units[i].file == d->loc.file)
            return &w->units[i];
    return NULL;
}

/*
 * A session that a spec declares again replaces the one an import gave
 * (the stdlib's dates are a default a spec may correct).  Anything else
 * declared twice is an error.
 */
static bool overrides(const Wsis *w, const Decl *d, const Decl *prev)
{
    if (d->kind != DK_SESSION || prev->kind != DK_SESSION)
        return false;
    const SrcUnit *up = unit_of(w, prev), *ud = unit_of(w, d);
    return up && ud && up != ud && up->imported && !ud->imported;
}

/* Below this many declarations, a thread costs more than it saves. */
enum { DECLARE_SPLIT_FROM = 20000, DECLARE_CHUNK = 4096, DECLARE_BATCH = 256 };

/* Threads filing declarations at once: each takes the next chunk. */
typedef struct DeclareShare {
    Wsis *w;
    atomic_size_t next;
    atomic_size_t filed;
    atomic_bool again;     /* a key came twice: start over on one thread */
} DeclareShare;

typedef struct DeclarePart {
    DeclareShare *share;
} DeclarePart;

static void *declare_part(void *arg)
{
    DeclareShare *sh = ((DeclarePart *)arg)->share;
    Wsis *w = sh->w;
    size_t filed = 0, k, from, to;
    Decl *batch[DECLARE_BATCH], *taken;
    while (!atomic_load(&sh->again) &&
           parts_take(&sh->next, w->nall, DECLARE_CHUNK, &k, &from, &to)) {
        /* those that declare a name, a batch at a time (symtab.h) */
        for (size_t i = from; i < to && !atomic_load(&sh->again);) {
            size_t m = 0;
            for (; i < to && m < DECLARE_BATCH; i++)
                if (w->all_kind[i] != DK_IMPORT &&
                    w->all_kind[i] != DK_PROGRESS)
                    batch[m++] = w->all[i];
            size_t done = symtab_put_shared_many(&w->syms, batch, m, &taken);
            filed += done;
            if (done < m)
                atomic_store(&sh->again, true);
        }
    }
    atomic_fetch_add(&sh->filed, filed);
    return NULL;
}

/*
 * Files every declaration on w->jobs threads at once.  false when a key
 * came twice (a redefinition, or a session a spec declares again over an
 * import's): the table is emptied, and the caller files them in order, so
 * which comes first, and what is said of the second, is as on one thread.
 */
static bool declare_in_parts(Wsis *w, size_t n)
{
    if (w->jobs < 2 || n < DECLARE_SPLIT_FROM)
        return false;
    DeclareShare sh = {.w = w};
    atomic_init(&sh.next, 0);
    atomic_init(&sh.filed, 0);
    atomic_init(&sh.again, false);
    DeclarePart *p = calloc((size_t)w->jobs, sizeof *p);
    if (!p)
        return false;
    for (int k = 0; k < w->jobs; k++)
        p[k].share = &sh;
    bool ran = parts_run(p, sizeof *p, w->jobs, declare_part);
    free(p);
    if (!ran || atomic_load(&sh.again) || atomic_load(&sh.filed) != n) {
        symtab_clear(&w->syms);
        return false;
    }
    w->syms.count += n;
    return true;
}

void resolve_declare(Wsis *w)
{
    size_t n = 0;
    /* those that declare a name (declares), counted from the index */
    for (size_t i = 0; i < w->nall; i++)
        n += w->all_kind[i] != DK_IMPORT && w->all_kind[i] != DK_PROGRESS;
    /* sized once: growing by doubling ends at up to 8/3 slots a name */
    if (!symtab_reserve(&w->syms, n))
        w->oom ? longjmp(*w->oom, 1) : abort();
    if (w->syms.count == 0 && declare_in_parts(w, n))
        return;
    for (size_t i = 0; i < w->nall; i++) {
        Decl *d = w->all[i];
        if (!declares(d))
            continue;
        Decl *prev = symtab_put(&w->syms, d);
        if (prev == d) {
            w->oom ? longjmp(*w->oom, 1) : abort();
        } else if (prev && overrides(w, d, prev)) {
            prev->replaced = true;
            symtab_set(&w->syms, d);
        } else if (prev) {
            redefinition(w, d, prev);
        }
    }
}

Decl *wsis_decl_of(Wsis *w, const Ident *use)
{
    return use->decl ? use->decl : symtab_get(&w->syms, use->name);
}

typedef struct Suggest {
    const char *name;
    unsigned mask;
    const char *best;
    Decl *best_decl;
    size_t best_dist;
} Suggest;

static bool same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static void consider(Decl *d, void *ud)
{
    Suggest *s = ud;
    if (!(s->mask & KIND(d->kind)) || d->kind == DK_PARAGRAPH ||
        d->kind == DK_SESSION)
        return;
    const char *key = d->name;   /* a paragraph's would differ */
    size_t dist = same_ignoring_case(key, s->name)
                      ? 0 : spell_distance(s->name, key, s->best_dist);
    /* Ties go to the alphabetically first name: output must not depend on
       the table's layout. */
    if (dist < s->best_dist ||
        (dist == s->best_dist && s->best && strcmp(key, s->best) < 0)) {
        s->best = key;
        s->best_decl = d;
        s->best_dist = dist;
    }
}

/*
 * The declarations of the names looked up last, by the name's address:
 * names are interned per file, so an entity a file names ten thousand
 * times is one pointer, and finding it in the symbol table costs several
 * cache misses (its hash, its slot, its declaration, its name) where this
 * costs one.  Direct-mapped; a name's address always means the same
 * declaration once every name is declared.  One per thread: check_decls
 * gives each part its own.  65 536 slots (1 MiB, zero pages until used):
 * a file of 50 000 obligations names tens of thousands of entities, events
 * and obligations, and with 16 384 slots checking declarations at a
 * million obligations took 0.06 s more (0.47 s against 0.41 s).
 */
enum { MEMO_SLOTS = 1 << 16 };

typedef struct NameMemo {
    struct {
        const char *name;
        Decl *decl;
    } slot[MEMO_SLOTS];
} NameMemo;

static size_t memo_index(const char *name)
{
    return ((uintptr_t)name >> 3) & (MEMO_SLOTS - 1);
}

NameMemo *resolve_memo_new(void)
{
    return calloc(1, sizeof(NameMemo));
}

void resolve_memo_free(NameMemo *m)
{
    free(m);
}

static Decl *lookup(Wsis *w, const char *name)
{
    NameMemo *m = w->memo;
    if (!m)
        return symtab_get(&w->syms, name);
    size_t i = memo_index(name);
    if (m->slot[i].name == name)
        return m->slot[i].decl;
    Decl *d = symtab_get(&w->syms, name);
    m->slot[i].name = name;
    m->slot[i].decl = d;
    return d;
}

void resolve_ahead(Wsis *w, const Ident *const *uses, size_t n)
{
    NameMemo *m = w->memo;
    if (!m)
        return;
    const char *keys[RESOLVE_AHEAD_MAX];
    Decl *found[RESOLVE_AHEAD_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n && k < RESOLVE_AHEAD_MAX; i++)
        if (m->slot[memo_index(uses[i]->name)].name != uses[i]->name)
            keys[k++] = uses[i]->name;
    if (k == 0)
        return;
    symtab_get_many(&w->syms, keys, found, k);
    for (size_t i = 0; i < k; i++) {
        size_t j = memo_index(keys[i]);
        m->slot[j].name = keys[i];
        m->slot[j].decl = found[i];
    }
}

Decl *resolve_use(Wsis *w, const Ident *use, unsigned mask, const char *what)
{
    Decl *d = lookup(w, use->name);
    if (d && (mask & KIND(d->kind))) {
        /* Remembered in the use (a node of the tree, never a constant). */
        ((Ident *)use)->decl = d;
        return d;
    }
    if (d) {
        diag_report(w->diag, SEV_ERROR, use->loc, "E0203",
                    "'%s' is %s %s, not %s %s", use->name, article(d->kind),
                    ast_decl_noun(d->kind),
                    strchr("aeiou", what[0]) ? "an" : "a", what);
        diag_note(w->diag, d->name_loc, "'%s' is declared here",
                  use->name);
        return NULL;
    }
    Suggest s = {use->name, mask, NULL, NULL,
                 spell_limit(strlen(use->name)) + 1};
    if (w->diag->out)   /* a sink that only counts shows no suggestion */
        symtab_each(&w->syms, consider, &s);
    diag_report(w->diag, SEV_ERROR, use->loc, "E0201", "unknown %s '%s'",
                what, use->name);
    if (s.best)
        diag_note(w->diag, s.best_decl->name_loc, "did you mean '%s'?",
                  s.best);
    return NULL;
}
