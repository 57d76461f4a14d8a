/*
 * ast.c - constructors for the syntax tree, and the names of its parts as
 * messages print them.
 */
#include "ast.h"

#include <string.h>

#include "date.h"

/* Where a declaration with no fields points: a walk over none is then
   pointer arithmetic on an object, never on NULL.  Never written. */
static Field no_fields[1];

Decl *ast_decl(Arena *a, DeclKind kind, SrcLoc loc, const char *name,
               SrcLoc name_loc)
{
    Decl *d = arena_alloc(a, sizeof *d);
    d->fields = no_fields;
    d->kind = kind;
    d->loc = loc;
    d->name = name;
    d->name_loc = name_loc;
    d->sched = -1;         /* set by sched_build for events and obligations */
    return d;
}

bool ast_set_fields(Arena *a, Decl *d, const Field *f, size_t n)
{
    if (n > UINT32_MAX)
        return false;
    /* the lane: one declaration's fields after another's */
    Field *all = n ? arena_alloc_lane(a, n * sizeof *all) : no_fields;
    if (n)
        memcpy(all, f, n * sizeof *all);
    d->fields = all;
    d->nfields = (uint32_t)n;
    d->kinds = 0;
    for (size_t i = 0; i < n; i++)
        d->kinds |= (uint64_t)1 << f[i].kind;
    return true;
}

Field ast_field(FieldKind kind, SrcLoc loc, SrcLoc kwloc)
{
    Field f;
    memset(&f, 0, sizeof f);
    f.kind = kind;
    f.loc = loc;
    /* The keyword starts the field; only its length is kept. */
    if (kwloc.file == loc.file && kwloc.off == loc.off)
        f.kwlen = (uint16_t)kwloc.len;
    return f;
}

void ast_field_bare_text(Field *f, const char *lang, size_t len, SrcLoc at)
{
    f->text = NULL;
    f->lang = lang;
    f->bare = (uint8_t)(BARE_TEXT | (len == 0 ? BARE_EMPTY : 0));
    f->n1 = (int)(at.off - f->loc.off);
}

bool ast_text_present(const Field *f)
{
    return ast_field_text(f) || ast_field_bare(f);
}

const char *ast_text_lang(const Field *f)
{
    const Text *t = ast_field_text(f);
    return t ? t->lang : ast_field_bare(f) ? f->lang : NULL;
}

bool ast_text_empty(const Field *f)
{
    const Text *t = ast_field_text(f);
    return t ? t->len == 0 : (f->bare & BARE_EMPTY) != 0;
}

SrcLoc ast_text_loc(const Field *f)
{
    const Text *t = ast_field_text(f);
    if (t)
        return t->loc;
    /* from its start to the field's end; a field too long for its length
       to be known (SRCLOC_LEN_MAX) gives its text the most there is */
    unsigned at = f->loc.off + (unsigned)f->n1;
    unsigned len = f->loc.len;
    return srcloc(f->loc.file, at,
                  len >= SRCLOC_LEN_MAX ? SRCLOC_LEN_MAX
                                        : len - (unsigned)f->n1);
}

SrcLoc ast_text_tag_loc(const Field *f)
{
    const Text *t = ast_field_text(f);
    if (t)
        return ast_text_lang_loc(t);
    SrcLoc l = ast_text_loc(f);
    return srcloc(l.file, l.off, f->lang ? strlen(f->lang) : 0);
}

SrcLoc ast_kwloc(const Field *f)
{
    SrcLoc l = f->loc;
    l.len = f->kwlen;
    return l;
}

FieldDates *ast_dates(Arena *a, const DateLit *d1, const DateLit *d2)
{
    FieldDates *d = arena_alloc(a, sizeof *d);
    d->d1 = *d1;
    if (d2)
        d->d2 = *d2;
    return d;
}

FieldNums *ast_nums(Arena *a)
{
    return arena_alloc(a, sizeof(FieldNums));
}

When *ast_when(Arena *a, const When *w)
{
    When *p = arena_alloc(a, sizeof *p);
    *p = *w;
    return p;
}

Recur *ast_recur(Arena *a, const Recur *r)
{
    Recur *p = arena_alloc(a, sizeof *p);
    *p = *r;
    return p;
}

Text *ast_text(Arena *a, const char *lang, const char *str, size_t len,
               SrcLoc loc)
{
    Text *t = arena_alloc(a, sizeof *t);
    t->lang = lang;
    t->str = str;
    t->len = len;
    t->loc = loc;
    return t;
}

Ident *ast_ident(Arena *a, const char *name, SrcLoc loc)
{
    Ident *i = arena_alloc(a, sizeof *i);
    i->name = name;
    i->loc = loc;
    return i;
}

ParaRef *ast_pararef(Arena *a, int num, const char *sub, SrcLoc loc)
{
    ParaRef *p = arena_alloc(a, sizeof *p);
    p->num = num;
    p->sub = sub;
    p->loc = loc;
    return p;
}

const char *ast_field_name(FieldKind k)
{
    static const char *const names[FK__COUNT] = {
        [FK_SYMBOL] = "symbol", [FK_TITLE] = "title", [FK_NAME] = "name",
        [FK_SHORT] = "short", [FK_SUMMARY] = "summary", [FK_NOTE] = "note",
        [FK_ACTION] = "action", [FK_ORIGIN] = "origin", [FK_AT] = "at",
        [FK_BODY] = "body", [FK_ADOPTED] = "adopted",
        [FK_RECOMMENDED_BY] = "recommended_by",
        [FK_OPERATIVE] = "operative", [FK_REFERS] = "refers",
        [FK_KIND] = "kind", [FK_PART_OF] = "part_of",
        [FK_STRENGTH] = "strength", [FK_PHRASE] = "phrase",
        [FK_FROM] = "from", [FK_ON] = "on", [FK_DURING] = "during",
        [FK_HOSTS] = "hosts", [FK_CITES] = "cites", [FK_TO] = "to",
        [FK_BY] = "by", [FK_URL] = "url", [FK_DUE] = "due",
        [FK_EVERY] = "every", [FK_REMIND] = "remind",
        [FK_ONGOING] = "ongoing", [FK_WEEKEND] = "weekend",
        [FK_HOLIDAY] = "holiday", [FK_SHIFT] = "shift",
        [FK_ROUNDING] = "rounding", [FK_STATUS] = "status",
        [FK_REF] = "ref", [FK_ILLUSTRATIVE] = "illustrative",
        [FK_VERB] = "operative verb",
    };
    return (unsigned)k < FK__COUNT ? names[k] : "?";
}

const char *ast_decl_noun(DeclKind k)
{
    static const char *const nouns[DK__COUNT] = {
        [DK_IMPORT] = "import", [DK_RESOLUTION] = "resolution",
        [DK_ENTITY] = "entity", [DK_VERB] = "verb",
        [DK_SESSION] = "session", [DK_EVENT] = "event",
        [DK_OBLIGATION] = "obligation", [DK_DOCUMENT] = "document",
        [DK_PARAGRAPH] = "paragraph", [DK_CALENDAR] = "calendar",
        [DK_PROGRESS] = "progress record",
    };
    return (unsigned)k < DK__COUNT ? nouns[k] : "?";
}

size_t ast_ident_count(const Ident *i)
{
    size_t n = 0;
    for (; i; i = i->next)
        n++;
    return n;
}

const Field *ast_field_of(const Decl *d, FieldKind k)
{
    if (!(d->kinds & (uint64_t)1 << k))
        return NULL;
    for (const Field *f = d->fields; f < ast_fields_end(d); f++)
        if (f->kind == k)
            return f;
    return NULL;
}

const Text *ast_text_in(const Decl *d, FieldKind k, const char *lang)
{
    const Text *en = NULL, *any = NULL;
    if (!(d->kinds & (uint64_t)1 << k))
        return NULL;    /* at once, as ast_field_of: most kinds are absent */
    for (const Field *f = d->fields; f < ast_fields_end(d); f++) {
        const Text *t = f->kind == k ? ast_field_text(f) : NULL;
        if (!t)
            continue;
        const char *l = t->lang ? t->lang : "en";
        if (strcmp(l, lang) == 0)
            return t;
        if (!en && strcmp(l, "en") == 0)
            en = t;
        if (!any)
            any = t;
    }
    return en ? en : any;
}

int64_t ast_days(const DateLit *d)
{
    Date dt = {d->y, d->m, d->d};
    return date_to_days(dt);
}

char *ast_day_text(Arena *a, int64_t days)
{
    char *buf = arena_alloc(a, 11);
    date_format(date_from_days(days), buf);
    return buf;
}
