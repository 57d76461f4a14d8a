/*
 * test_front.c - the scanner and the parser, driven from strings: what
 * tree each construct builds, and how errors are found and recovered from.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "tests.h"

/* A parse of one string, with its diagnostics captured. */
typedef struct Parsed {
    Arena *arena;
    DiagSink diag;
    FILE *out;
    char *text;
    size_t len;
    Decl **list;
    size_t nlist;
    Decl *decls;           /* the first, or NULL */
    int errors;
} Parsed;

static Parsed *parse(const char *src, size_t n)
{
    Parsed *p = calloc(1, sizeof *p);
    p->arena = arena_new();
    p->out = open_memstream(&p->text, &p->len);
    diag_init(&p->diag, p->out, COLOR_NEVER);
    int file = diag_add_file(&p->diag, "t.wsis", src, n);
    const SrcFile *f = diag_file(&p->diag, file);
    p->errors = parse_source(p->arena, NULL, &p->diag, file, f->text, f->len,
                             (TextsKept){true, NULL}, &p->list, &p->nlist);
    p->decls = p->nlist ? p->list[0] : NULL;
    fflush(p->out);
    return p;
}

static Parsed *parse_str(const char *src)
{
    return parse(src, strlen(src));
}

static void parsed_free(Parsed *p)
{
    fclose(p->out);
    free(p->text);
    diag_fini(&p->diag);
    arena_free(p->arena);
    free(p);
}

static int ndecls(const Parsed *p)
{
    return (int)p->nlist;
}

/* The declaration after d, or NULL. */
static const Decl *after(const Parsed *p, const Decl *d)
{
    for (size_t i = 0; i + 1 < p->nlist; i++)
        if (p->list[i] == d)
            return p->list[i + 1];
    return NULL;
}

static const Field *nth_field(const Decl *d, int n)
{
    return n >= 0 && (uint32_t)n < d->nfields ? &d->fields[n] : NULL;
}

/* ---- lexer ---- */

START_TEST(keywords_and_names)
{
    Parsed *p = parse_str("entity SG { name en \"Secretary-General\" "
                          "kind office }");
    ck_assert_int_eq(p->errors, 0);
    ck_assert_int_eq(ndecls(p), 1);
    const Decl *d = p->decls;
    ck_assert_int_eq(d->kind, DK_ENTITY);
    ck_assert_str_eq(d->name, "SG");
    ck_assert_uint_eq(d->name_loc.off, 7);
    const Field *f = nth_field(d, 0);
    ck_assert_int_eq(f->kind, FK_NAME);
    ck_assert_str_eq(f->text->lang, "en");
    ck_assert_str_eq(f->text->str, "Secretary-General");
    ck_assert_int_eq(nth_field(d, 1)->kind, FK_KIND);
    ck_assert_str_eq(nth_field(d, 1)->names->name, "office");
    parsed_free(p);
}
END_TEST

/* Keyword lookup (by length and bytes) agrees with the keyword table, and
   near misses, prefixes and longer words are names. */
START_TEST(keyword_lookup_matches_the_table)
{
    ck_assert_int_eq(lex_keyword_mismatches(), 0);
    ck_assert_int_ne(lex_keyword("obligation"), 0);
    ck_assert_int_ne(lex_keyword("not_applicable"), 0);
    ck_assert_int_eq(lex_keyword("obligations"), 0);
    ck_assert_int_eq(lex_keyword("obligatio"), 0);
    ck_assert_int_eq(lex_keyword("Obligation"), 0);
    ck_assert_int_eq(lex_keyword("titel"), 0);
    ck_assert_int_eq(lex_keyword(""), 0);
    ck_assert_int_eq(lex_keyword("recommended_by_x"), 0);
}
END_TEST

START_TEST(string_escapes_decode)
{
    Parsed *p = parse_str("entity A { name en \"a\\\"b\\\\c\\td\\u{4E2D}\" "
                          "short \"x\" \"y\" }");
    ck_assert_int_eq(p->errors, 0);
    const Field *f = nth_field(p->decls, 0);
    ck_assert_str_eq(f->text->str, "a\"b\\c\td\xE4\xB8\xAD");
    ck_assert_uint_eq(f->text->len, strlen("a\"b\\c\td\xE4\xB8\xAD"));
    /* adjacent strings concatenate; untagged text has no language */
    const Field *g = nth_field(p->decls, 1);
    ck_assert_str_eq(g->text->str, "xy");
    ck_assert_ptr_null(g->text->lang);
    parsed_free(p);
}
END_TEST

/* Strings of plain bytes are taken in one pass over them (the scanner's
   plain_run), others by the scanner's tables.  Both must agree: every
   character at an edge of UTF-8's ranges is kept whole, its neighbours
   outside them are reported where they stand, and the token after the
   string starts where it should. */
START_TEST(plain_strings_at_the_edges_of_utf8)
{
    static const char *const good[] = {
        "\xC2\x80", "\xDF\xBF",                      /* U+0080, U+07FF */
        "\xE0\xA0\x80", "\xED\x9F\xBF",              /* U+0800, U+D7FF */
        "\xEE\x80\x80", "\xEF\xBF\xBF",              /* U+E000, U+FFFF */
        "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",      /* U+10000, U+10FFFF */
        " !#[]~",                                    /* printable edges */
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char src[128];
        snprintf(src, sizeof src, "entity A { name en \"a%sz\" kind office }",
                 good[i]);
        Parsed *p = parse_str(src);
        ck_assert_msg(p->errors == 0, "case %zu: %s", i, p->text);
        const Field *f = nth_field(p->decls, 0);
        char want[32];
        snprintf(want, sizeof want, "a%sz", good[i]);
        ck_assert_str_eq(f->text->str, want);
        ck_assert_uint_eq(f->text->len, strlen(want));
        /* the next field begins just after the closing quote and a blank */
        const char *kind = strstr(src, "kind");
        ck_assert_uint_eq(nth_field(p->decls, 1)->loc.off,
                          (size_t)(kind - src));
        parsed_free(p);
    }
    static const struct {
        const char *bytes;
        const char *said;
    } bad[] = {
        {"\xC1\xBF", "invalid UTF-8 byte 0xC1"},          /* overlong */
        {"\xE0\x9F\xBF", "invalid UTF-8 byte 0xE0"},      /* overlong */
        {"\xED\xA0\x80", "invalid UTF-8 byte 0xED"},      /* surrogate */
        {"\xF0\x8F\xBF\xBF", "invalid UTF-8 byte 0xF0"},  /* overlong */
        {"\xF4\x90\x80\x80", "invalid UTF-8 byte 0xF4"},  /* > U+10FFFF */
        {"\xE4\xB8z", "invalid UTF-8 byte 0xE4"},         /* cut short */
        {"\x7F", "control character"},
        {"\x1F", "control character"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char src[128];
        snprintf(src, sizeof src, "entity A { name en \"ab%sz\" kind office }",
                 bad[i].bytes);
        Parsed *p = parse_str(src);
        ck_assert_msg(p->errors > 0, "case %zu accepted", i);
        ck_assert_msg(strstr(p->text, bad[i].said), "case %zu: %s", i,
                      p->text);
        /* reported at its own column: after 'entity A { name en "ab' */
        ck_assert_msg(strstr(p->text, "t.wsis:1:23:"), "case %zu: %s", i,
                      p->text);
        parsed_free(p);
    }
}
END_TEST

START_TEST(dates_and_numbers)
{
    Parsed *p = parse_str("resolution R { adopted 2012-07-24 \"43rd\" "
                          "operative 1..44 }");
    ck_assert_int_eq(p->errors, 0);
    const Field *a = nth_field(p->decls, 0);
    ck_assert_int_eq(a->dates->d1.y, 2012);
    ck_assert_int_eq(a->dates->d1.m, 7);
    ck_assert_int_eq(a->dates->d1.d, 24);
    ck_assert_str_eq(ast_field_text(a)->str, "43rd");
    ck_assert_ptr_eq(ast_field_text(a), a->meeting);
    const Field *o = nth_field(p->decls, 1);
    ck_assert_int_eq(o->n1, 1);
    ck_assert_int_eq(o->nums->n2, 44);
    parsed_free(p);
}
END_TEST

START_TEST(malformed_date_and_overflow)
{
    Parsed *p = parse_str("event e { on 2012-7-24 }\n"
                          "verb v { strength 4294967296 }");
    ck_assert_int_eq(p->errors, 2);
    ck_assert(contains(p->text, "t.wsis:1:14: error: malformed date "
                                "'2012-7-24' [E0007]"));
    ck_assert(contains(p->text, "t.wsis:2:19: error: number '4294967296' "
                                "is too large [E0008]"));
    /* both still parse as a declaration each */
    ck_assert_int_eq(ndecls(p), 2);
    parsed_free(p);
}
END_TEST

START_TEST(paragraph_sign_and_sub_paragraphs)
{
    Parsed *p = parse_str("obligation o { cites \xC2\xB6" "35, para 32(b) }");
    ck_assert_int_eq(p->errors, 0);
    const ParaRef *r = nth_field(p->decls, 0)->paras;
    ck_assert_int_eq(r->num, 35);
    ck_assert_ptr_null(r->sub);
    ck_assert_int_eq(r->next->num, 32);
    ck_assert_str_eq(r->next->sub, "b");
    parsed_free(p);
}
END_TEST

START_TEST(nul_byte_is_a_diagnostic)
{
    static const char src[] = "entity A {\0 name en \"A\" }";
    Parsed *p = parse(src, sizeof src - 1);
    ck_assert_int_eq(p->errors, 1);
    ck_assert(contains(p->text, "stray control character U+0000"));
    ck_assert_int_eq(ndecls(p), 1);
    parsed_free(p);
}
END_TEST

START_TEST(crlf_line_endings)
{
    Parsed *p = parse_str("event e {\r\n  title en \"A\"\r\n  on 2012-13\r\n}");
    ck_assert_int_eq(p->errors, 1);
    ck_assert(contains(p->text, "t.wsis:3:6: error: malformed date"));
    /* the quoted line has no stray carriage return */
    ck_assert(contains(p->text, "    3 |   on 2012-13\n"));
    parsed_free(p);
}
END_TEST

START_TEST(unterminated_comment)
{
    Parsed *p = parse_str("entity A { name en \"A\" }\n/* open\n\n");
    ck_assert_int_eq(p->errors, 1);
    ck_assert(contains(p->text, "t.wsis:2:1: error: unterminated comment "
                                "[E0006]"));
    parsed_free(p);
}
END_TEST

START_TEST(comments_are_ignored)
{
    Parsed *p = parse_str("// a line\nentity /* inline */ A { // end\n"
                          "  name en \"A\" /* multi\nline */ }\n");
    ck_assert_int_eq(p->errors, 0);
    ck_assert_int_eq(ndecls(p), 1);
    parsed_free(p);
}
END_TEST

Suite *suite_lexer(void)
{
    Suite *s = suite_create("lexer");
    TCase *t = tcase_create("tokens");
    tcase_add_test(t, keywords_and_names);
    tcase_add_test(t, keyword_lookup_matches_the_table);
    tcase_add_test(t, string_escapes_decode);
    tcase_add_test(t, plain_strings_at_the_edges_of_utf8);
    tcase_add_test(t, dates_and_numbers);
    tcase_add_test(t, malformed_date_and_overflow);
    tcase_add_test(t, paragraph_sign_and_sub_paragraphs);
    tcase_add_test(t, nul_byte_is_a_diagnostic);
    tcase_add_test(t, crlf_line_endings);
    tcase_add_test(t, unterminated_comment);
    tcase_add_test(t, comments_are_ignored);
    suite_add_tcase(s, t);
    return s;
}

/* ---- parser ---- */

START_TEST(session_declaration)
{
    Parsed *p = parse_str("session GA 67 {\n  from 2012-09-18 to 2013-09-16\n"
                          "  at en \"New York\"\n}\n");
    ck_assert_int_eq(p->errors, 0);
    const Decl *d = p->decls;
    ck_assert_int_eq(d->kind, DK_SESSION);
    ck_assert_str_eq(d->name, "GA 67");
    ck_assert_str_eq(d->session_body->name, "GA");
    ck_assert_int_eq(d->session_number, 67);
    const Field *f = nth_field(d, 0);
    ck_assert_int_eq(f->kind, FK_FROM);
    ck_assert_int_eq(f->dates->d2.y, 2013);
    parsed_free(p);
}
END_TEST

START_TEST(paragraph_marker)
{
    Parsed *p = parse_str("paragraph 32(a) notes PARTNERSHIP, ITU\n"
                          "paragraph 25 notes\n"
                          "paragraph 8 welcomes { summary en \"growth\" }\n");
    ck_assert_int_eq(p->errors, 0);
    ck_assert_int_eq(ndecls(p), 3);
    const Decl *d = p->decls;
    ck_assert_str_eq(d->name, "32(a)");
    const Field *v = nth_field(d, 0);
    ck_assert_int_eq(v->kind, FK_VERB);
    ck_assert_str_eq(v->verb->name, "notes");
    ck_assert_uint_eq(ast_ident_count(v->names), 2);
    ck_assert(!d->has_body);
    ck_assert_ptr_null(after(p, d)->fields->names);
    ck_assert(after(p, after(p, d))->has_body);
    ck_assert_int_eq(nth_field(after(p, after(p, d)), 1)->kind, FK_SUMMARY);
    parsed_free(p);
}
END_TEST

START_TEST(deadline_forms)
{
    Parsed *p = parse_str(
        "obligation a { due by 2015-12-31 }\n"
        "obligation b { due before igf_2012 }\n"
        "obligation c { due during session GA 67 }\n"
        "obligation d { due 30 days before session CSTD }\n"
        "obligation e { due 2 months after a }\n");
    ck_assert_int_eq(p->errors, 0);
    const Decl *d = p->decls;
    const When *w = d->fields->when;
    ck_assert_int_eq(w->kind, WHEN_BY);
    ck_assert_int_eq(w->at.kind, PT_DATE);
    d = after(p, d);
    w = d->fields->when;
    ck_assert_int_eq(w->kind, WHEN_BEFORE);
    ck_assert_str_eq(w->at.name->name, "igf_2012");
    d = after(p, d);
    w = d->fields->when;
    ck_assert_int_eq(w->kind, WHEN_DURING);
    ck_assert_int_eq(w->at.kind, PT_SESSION);
    ck_assert(w->at.has_number);
    ck_assert_int_eq(w->at.number, 67);
    d = after(p, d);
    w = d->fields->when;
    ck_assert_int_eq(w->kind, WHEN_OFFSET);
    ck_assert_int_eq(w->amount, 30);
    ck_assert_int_eq(w->unit, UNIT_DAY);
    ck_assert(w->before);
    ck_assert(!w->at.has_number);
    d = after(p, d);
    w = d->fields->when;
    ck_assert_int_eq(w->unit, UNIT_MONTH);
    ck_assert(!w->before);
    parsed_free(p);
}
END_TEST

START_TEST(recurrence_bounds)
{
    Parsed *p = parse_str("obligation a {\n  every year from 2013 until 2015\n"
                          "  remind 14 days\n}\n"
                          "obligation b { every 2 years until 2020-06-30 }\n");
    ck_assert_int_eq(p->errors, 0);
    const Recur *r = p->decls->fields->recur;
    ck_assert_int_eq(r->interval, 1);
    ck_assert_int_eq(r->unit, UNIT_YEAR);
    ck_assert(r->from.present && r->from.year_only);
    ck_assert_int_eq(r->from.date.y, 2013);
    ck_assert_int_eq(r->until.date.y, 2015);
    ck_assert_int_eq(nth_field(p->decls, 1)->n1, 14);
    r = after(p, p->decls)->fields->recur;
    ck_assert_int_eq(r->interval, 2);
    ck_assert(!r->from.present);
    ck_assert(!r->until.year_only);
    ck_assert_int_eq(r->until.date.m, 6);
    parsed_free(p);
}
END_TEST

/* The values the grammar passes along live in a scratch that grows by
   chunks and is used again for each declaration: a declaration larger
   than a chunk, between two others, keeps every value, and lists of
   hundreds keep their order. */
START_TEST(long_declarations_keep_every_value)
{
    enum { N = 400 };
    char *src = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&src, &n);
    fputs("obligation a { due by 2014-01-01 }\ncalendar c {\n", f);
    for (int i = 0; i < N; i++)
        fprintf(f, "  holiday 2013-%02d-%02d \"Day %d\" \"off\"\n",
                i % 12 + 1, i % 28 + 1, i);
    fputs("  weekend ", f);
    for (int i = 0; i < N; i++)
        fprintf(f, "%sd%d", i ? ", " : "", i);
    fputs("\n}\nobligation b {\n  cites ", f);
    for (int i = 0; i < N; i++)
        fprintf(f, "%spara %d", i ? ", " : "", i + 1);
    fputs("\n  requests SG\n  action en", f);
    for (int i = 0; i < N; i++)
        fprintf(f, " \"%d\"", i % 10);
    fputs("\n  due 3 days after 2015-02-0", f);
    fputs("1\n}\n", f);
    fclose(f);
    Parsed *p = parse(src, n);
    ck_assert_int_eq(p->errors, 0);
    ck_assert_int_eq(ndecls(p), 3);
    const Decl *c = after(p, p->decls);
    ck_assert_uint_eq(c->nfields, N + 1);
    for (int i = 0; i < N; i++) {
        const Field *h = nth_field(c, i);
        ck_assert_int_eq(h->kind, FK_HOLIDAY);
        ck_assert_int_eq(h->dates->d1.m, i % 12 + 1);
        ck_assert_int_eq(h->dates->d1.d, i % 28 + 1);
        char want[32];
        snprintf(want, sizeof want, "Day %doff", i);
        ck_assert_str_eq(h->meeting->str, want);
    }
    int k = 0;
    for (const Ident *i = nth_field(c, N)->names; i; i = i->next, k++) {
        char want[16];
        snprintf(want, sizeof want, "d%d", k);
        ck_assert_str_eq(i->name, want);
    }
    ck_assert_int_eq(k, N);
    const Decl *b = after(p, c);
    k = 0;
    for (const ParaRef *r = b->fields->paras; r; r = r->next)
        ck_assert_int_eq(r->num, ++k);
    ck_assert_int_eq(k, N);
    const Text *t = ast_text_in(b, FK_ACTION, "en");
    ck_assert_uint_eq(t->len, N);
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(t->str[i], '0' + i % 10);
    const When *w = nth_field(b, 3)->when;
    ck_assert_int_eq(w->kind, WHEN_OFFSET);
    ck_assert_int_eq(w->amount, 3);
    ck_assert_int_eq(w->at.date.m, 2);
    ck_assert_int_eq(p->decls->fields->when->at.date.y, 2014);
    parsed_free(p);
    free(src);
}
END_TEST

START_TEST(verb_line_must_begin_a_line)
{
    /* ITU UNESCO on one line: the second name is not a new verb line */
    Parsed *p = parse_str("event e {\n  hosts ITU UNESCO\n}\n");
    ck_assert_int_eq(p->errors, 1);
    ck_assert(contains(p->text, "t.wsis:2:13: error: unexpected name "
                                "'UNESCO'"));
    parsed_free(p);
    p = parse_str("obligation o {\n  hosts ITU\n  urges SG, CSTD\n}\n");
    ck_assert_int_eq(p->errors, 0);
    ck_assert_int_eq(nth_field(p->decls, 1)->kind, FK_VERB);
    parsed_free(p);
}
END_TEST

START_TEST(recovery_reports_each_declaration)
{
    Parsed *p = parse_str("entity A { name en }\n"
                          "entity B { name en \"B\" }\n"
                          "event C { on 2012-01-01 2012-01-02 }\n"
                          "entity D { kind }\n"
                          "entity E { name en \"E\" }\n");
    ck_assert_int_eq(p->errors, 3);
    ck_assert(contains(p->text, "t.wsis:1:20:"));
    ck_assert(contains(p->text, "t.wsis:3:25:"));
    ck_assert(contains(p->text, "t.wsis:4:17:"));
    /* the declarations between the broken ones are kept */
    ck_assert_int_eq(ndecls(p), 2);
    ck_assert_str_eq(p->decls->name, "B");
    ck_assert_str_eq(after(p, p->decls)->name, "E");
    parsed_free(p);
}
END_TEST

START_TEST(recovery_does_not_stop_at_session_references)
{
    /* After the error, `session` inside the body must not restart parsing
       as a session declaration (that would report a second, false error). */
    Parsed *p = parse_str("obligation a {\n  cites para\n"
                          "  due during session GA 67\n}\n"
                          "session GA 67 { from 2012-09-18 to 2013-09-16 }\n");
    ck_assert_int_eq(p->errors, 1);
    ck_assert_int_eq(ndecls(p), 1);
    ck_assert_int_eq(p->decls->kind, DK_SESSION);
    parsed_free(p);
}
END_TEST

START_TEST(missing_brace_points_at_opening)
{
    Parsed *p = parse_str("entity A {\n  name en \"A\"\n"
                          "obligation o { cites para 1 }\n");
    ck_assert_int_eq(p->errors, 1);
    ck_assert(contains(p->text, "t.wsis:3:1: error: unexpected 'obligation'"));
    ck_assert(contains(p->text, "t.wsis:1:10: note: the declaration opened "
                                "here has no closing '}'"));
    ck_assert_int_eq(ndecls(p), 1);
    parsed_free(p);
}
END_TEST

START_TEST(syntax_errors_stop_at_the_limit)
{
    char *src = malloc(64 * 30 + 1);
    src[0] = '\0';
    for (int i = 0; i < 30; i++)
        strcat(src, "entity A { name }\n");
    Parsed *p = parse_str(src);
    ck_assert_int_eq(count_of(p->text, "[E0001]"), 20);
    ck_assert(contains(p->text, "too many errors (20); stopping here"));
    parsed_free(p);
    free(src);
}
END_TEST

START_TEST(keyword_typo_is_suggested)
{
    Parsed *p = parse_str("event e {\n  titel en \"x\"\n}\n");
    ck_assert_int_eq(p->errors, 1);
    ck_assert(contains(p->text, "t.wsis:2:3: note: 'titel' is not a keyword; "
                                "did you mean 'title'?"));
    parsed_free(p);
}
END_TEST

Suite *suite_parser(void)
{
    Suite *s = suite_create("parser");
    TCase *t = tcase_create("declarations");
    tcase_add_test(t, session_declaration);
    tcase_add_test(t, paragraph_marker);
    tcase_add_test(t, deadline_forms);
    tcase_add_test(t, recurrence_bounds);
    tcase_add_test(t, long_declarations_keep_every_value);
    tcase_add_test(t, verb_line_must_begin_a_line);
    suite_add_tcase(s, t);
    t = tcase_create("recovery");
    tcase_add_test(t, recovery_reports_each_declaration);
    tcase_add_test(t, recovery_does_not_stop_at_session_references);
    tcase_add_test(t, missing_brace_points_at_opening);
    tcase_add_test(t, syntax_errors_stop_at_the_limit);
    tcase_add_test(t, keyword_typo_is_suggested);
    suite_add_tcase(s, t);
    return s;
}
