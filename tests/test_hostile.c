/*
 * test_hostile.c - input meant to break wsisc.  Every case must end in a
 * clear diagnostic (a spec error or an I/O error: exit 1 or 2 on the
 * command line), or, for the few large-but-valid ones, in success; never a
 * crash, a hang (the test's timeout) or a sanitizer report.  Each case runs
 * through the whole pipeline: load, check, and every output of a clean
 * spec (dates, calendar, XML and HTML report).
 *
 * Cases are data: a table of texts, and generators for the big ones.  The
 * limits of docs/testing.md are tested at limit - 1, limit and limit + 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

typedef enum Expect { ERR, OK, ANY } Expect;
typedef enum Kind { SPEC, XML, PATH } Kind;

#define PRE                                                              \
    "import \"un\"\n"                                                    \
    "resolution R { symbol \"E/RES/2012/5\" title en \"T\" body ECOSOC\n" \
    "  adopted 2012-07-24 operative 1..2 }\n"                            \
    "paragraph 2 notes\n"
#define OBL(rules)                                                       \
    "obligation o { cites para 1\n requests SG\n action en \"x\"\n"      \
    rules "\n}\n"

/* A literal with its exact length, NUL bytes inside included. */
#define BYTES(s) s, sizeof(s) - 1

static const struct Static {
    const char *name;
    Expect expect;
    const char *text;
    size_t len;            /* 0: strlen */
} statics[] = {
    {"empty file", ERR, "", 0},
    {"lone BOM", ERR, BYTES("\xEF\xBB\xBF")},
    {"BOM and comment", ERR, "\xEF\xBB\xBF// x\n", 0},
    {"only comments", ERR, "// a\n/* b */\n", 0},
    {"only blanks", ERR, " \t\r\n\n\f\v", 0},
    {"NUL first", ERR, BYTES("\0entity A { name en \"A\" }")},
    {"NUL in a name", ERR, BYTES("entity A\0B { name en \"A\" }")},
    {"NUL in a string", ERR, BYTES("entity A { name en \"A\0B\" }")},
    {"NUL in a comment", ERR, BYTES("// \0\nentity A { name en \"A\" } }")},
    {"NULs only", ERR, BYTES("\0\0\0\0")},
    /* Found by the fuzzer: with flex's -CF tables, high bytes after a NUL
       made the scanner read past its transition table. */
    {"high bytes after a NUL", ERR,
     BYTES("\x01\0\0\xff\xfd\xff\"ad\0\xb8ir\"\n")},
    {"0xFF in a name", ERR, "entity A\xFF { name en \"A\" }", 0},
    {"overlong slash in a string", ERR,
     "entity A { name en \"\xC0\xAF\" }", 0},
    {"overlong slash in a name", ERR, "entity \xC0\xAF { name en \"A\" }", 0},
    {"three-byte overlong", ERR, "entity A { name en \"\xE0\x80\xAF\" }", 0},
    {"surrogate in a string", ERR, "entity A { name en \"\xED\xA0\x80\" }",
     0},
    {"beyond U+10FFFF", ERR, "entity A { name en \"\xF4\x90\x80\x80\" }", 0},
    {"F5 lead byte", ERR, "entity A { name en \"\xF5\x80\x80\x80\" }", 0},
    {"truncated sequence at the end", ERR, "entity A { name en \"\xE4\xB8", 0},
    {"lone continuation byte", ERR, "\x80", 0},
    {"Latin-1 text", ERR, "entity A { name fr \"Secr\xE9taire\" }", 0},
    {"CR line ends", ANY, "entity A {\r  name en \"A\"\r}\r", 0},
    {"unterminated string at the end", ERR, "entity A { name en \"abc", 0},
    {"backslash at the end", ERR, "entity A { name en \"abc\\", 0},
    {"escaped quote at the end", ERR, "entity A { name en \"\\\"", 0},
    {"unterminated comment", ERR, "entity A { name en \"A\" } /* x", 0},
    {"comment opener only", ERR, "/*", 0},
    {"closing braces only", ERR, "}}}}}}}}", 0},
    {"opening brace only", ERR, "{", 0},
    {"keyword only", ERR, "entity", 0},
    {"keyword and brace", ERR, "entity {", 0},
    {"resolution to the end", ERR, "resolution R {", 0},
    {"keyword as name", ERR, "entity entity { name en \"A\" }", 0},
    {"paragraph sign alone", ERR, "\xC2\xB6", 0},
    {"stray dot", ERR, ".", 0},
    {"stray symbols", ERR, "@#$%^&*=+[]|;:<>?!~`'", 0},
    {"day 99999999", ERR, PRE OBL(" due by 2012-01-99999999"), 0},
    {"year 0", ERR, PRE OBL(" due by 0000-01-01"), 0},
    {"year 10000", ERR, PRE OBL(" due by 10000-01-01"), 0},
    {"month 0", ERR, PRE OBL(" due by 2013-00-10"), 0},
    {"day 0", ERR, PRE OBL(" due by 2013-01-00"), 0},
    {"February 30", ERR, PRE OBL(" due by 2013-02-30"), 0},
    {"huge number", ERR, PRE "verb v { phrase en \"v\" strength "
                             "99999999999999999999999999999999 }", 0},
    {"INT_MAX strength", ERR, PRE "verb v { phrase en \"v\" strength "
                                  "2147483647 }", 0},
    {"operative to INT_MAX", ERR,
     "import \"un\"\nresolution R { symbol \"S\" title en \"T\" body ECOSOC\n"
     "adopted 2012-07-24 operative 1..2147483647 }", 0},
    {"operative from 0", ERR,
     "import \"un\"\nresolution R { symbol \"S\" title en \"T\" body ECOSOC\n"
     "adopted 2012-07-24 operative 0..0 }", 0},
    {"paragraph INT_MAX", ERR, PRE OBL(" ongoing") "paragraph 2147483647 notes",
     0},
    {"every 0 years", ERR, PRE OBL(" every 0 years from 2013 until 2014"), 0},
    {"every INT_MAX years", ANY,
     PRE OBL(" every 2147483647 years from 2013 until 9999"), 0},
    {"every day for 8000 years", ERR,
     PRE OBL(" every day from 2013-01-01 until 9999-12-31"), 0},
    {"INT_MAX days after", ERR, PRE OBL(" due 2147483647 days after "
                                        "2013-01-01"), 0},
    {"INT_MAX months before", ERR, PRE OBL(" due 2147483647 months before "
                                           "2013-01-01\n rounding down"), 0},
    {"INT_MAX weeks before an obligation", ANY,
     PRE OBL(" due 2147483647 weeks before p")
         "obligation p { cites para 1\n requests SG\n action en \"y\"\n"
         " due by 2013-01-01 }", 0},
    {"INT_MAX remind", ANY, PRE OBL(" due by 2013-01-01\n remind 2147483647 "
                                    "days"), 0},
    {"invalid unicode escape 110000", ERR,
     "entity A { name en \"\\u{110000}\" }", 0},
    {"empty unicode escape", ERR, "entity A { name en \"\\u{}\" }", 0},
    {"long unicode escape", ERR, "entity A { name en \"\\u{FFFFFFFFFF}\" }",
     0},
    {"escape of NUL", ERR, "entity A { name en \"\\u{0}\" }", 0},
    {"ESC in a string", ERR, "entity A { name en \"\x1B[31m\" }", 0},
    {"DEL in a string", ERR, "entity A { name en \"\x7F\" }", 0},
    {"empty import", ERR, "import \"\"", 0},
    {"absolute import", ERR, "import \"/etc/passwd\"", 0},
    {"parent import", ERR, "import \"../etc/passwd\"", 0},
    {"hidden parent import", ERR, "import \"un/../../x\"", 0},
    {"dot import", ERR, "import \".\"", 0},
    {"import with a space", ERR, "import \"u n\"", 0},
    {"import of a missing file", ERR, "import \"no_such_module\"", 0},
    {"self-importing string", ERR, "import \"un\"\nimport \"un\"\n}", 0},
    {"curly quotes", ERR, "entity A { name en \xE2\x80\x9C" "A\xE2\x80\x9D }",
     0},
    {"Chinese name", ERR, "entity \xE7\xA7\x98 { name en \"A\" }", 0},
    {"deadline cycle", ERR,
     PRE OBL(" due before p")
         "obligation p { cites para 1\n requests SG\n action en \"y\"\n"
         " due before o }", 0},
    {"self reference", ERR, PRE OBL(" due before o"), 0},
    {"after and before the same", ERR,
     PRE OBL(" due before p\n due after p")
         "obligation p { cites para 1\n requests SG\n action en \"y\"\n"
         " due by 2013-01-01 }", 0},
    {"part_of itself", ANY, PRE OBL(" part_of o\n due by 2013-01-01"), 0},
    {"entity part of itself", ANY,
     PRE "entity A { name en \"A\" part_of A }\n" OBL(" ongoing"), 0},
    {"session without dates", ERR,
     PRE "session GA 99 { title en \"x\" }\n" OBL(" due by session GA 99"),
     0},
    {"progress for an unknown obligation", ERR,
     PRE OBL(" ongoing") "progress nothing { done 2013-01-01 }", 0},
    {"progress on day 0", ERR, PRE OBL(" ongoing") "progress o { done "
                                                   "0000-01-01 }", 0},
    {"progress with huge occurrence", ERR,
     PRE OBL(" ongoing") "progress o 2147483647 { done 2013-01-01 }", 0},
    {"progress far in the future", ERR,
     PRE OBL(" ongoing") "progress o { done 9999-12-31 }", 0},
    {"calendar with every day off", ERR,
     PRE "calendar C { title en \"C\" weekend mon, tue, wed, thu, fri, sat, "
         "sun }\n" OBL(" due by 2013-01-01\n shift before C"), 0},
    {"unknown weekday", ERR,
     PRE "calendar C { title en \"C\" weekend caturday }\n" OBL(" ongoing"),
     0},
    /* found by fuzzing: declarations without fields (the imports) were
       walked from a null array (a zero offset to a null pointer) */
    {"imports alone", ANY, "// ;;; \"\nimport \"calendars\"\n", 0},
    {"deadline past the calendar", ERR,
     PRE OBL(" due by 2013-01-01")
         "obligation p { cites para 1\n requests SG\n action en \"y\"\n"
         " due 2147483647 days after o }", 0},
};

enum { NSTATIC = sizeof statics / sizeof statics[0] };

static const struct XmlCase {
    const char *name;
    Expect expect;
    const char *text;
} xmls[] = {
    {"empty XML", ERR, ""},
    {"not XML", ERR, "progress"},
    {"NUL in XML", ERR, "<progress xmlns=\"urn:wsisc:progress:1\">\x01"},
    {"DTD", ERR, "<!DOCTYPE progress><progress "
                 "xmlns=\"urn:wsisc:progress:1\"/>"},
    {"external entity", ERR,
     "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
     "<progress xmlns=\"urn:wsisc:progress:1\">&x;</progress>"},
    {"parameter entity", ERR,
     "<!DOCTYPE p [<!ENTITY % x SYSTEM \"http://127.0.0.1/x\"> %x;]>"
     "<progress xmlns=\"urn:wsisc:progress:1\"/>"},
    {"XInclude", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\" "
     "xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include "
     "href=\"file:///etc/passwd\" parse=\"text\"/></progress>"},
    {"wrong namespace", ERR, "<progress/>"},
    {"wrong root", ERR, "<record xmlns=\"urn:wsisc:progress:1\"/>"},
    {"invalid UTF-8 in XML", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\">\xFF</progress>"},
    {"bad status", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record obligation=\"o\" "
     "status=\"maybe\" date=\"2013-01-01\"/></progress>"},
    {"bad date", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record obligation=\"o\" "
     "status=\"done\" date=\"2013-02-30\"/></progress>"},
    {"year 0 in XML", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record obligation=\"o\" "
     "status=\"done\" date=\"0000-01-01\"/></progress>"},
    {"huge occurrence in XML", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record obligation=\"o\" "
     "occurrence=\"99999999999999999999\" status=\"done\" "
     "date=\"2013-01-01\"/></progress>"},
    {"unknown obligation in XML", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record "
     "obligation=\"nothing\" status=\"done\" date=\"2013-01-01\"/>"
     "</progress>"},
    {"unclosed element", ERR, "<progress xmlns=\"urn:wsisc:progress:1\">"},
    {"CDATA with markup", ANY,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record obligation=\"o\" "
     "status=\"done\" date=\"2013-01-01\"><note><![CDATA[<script>x"
     "</script>&]]></note></record></progress>"},
    {"control character in a note", ERR,
     "<progress xmlns=\"urn:wsisc:progress:1\"><record obligation=\"o\" "
     "status=\"done\" date=\"2013-01-01\"><note>&#1;</note></record>"
     "</progress>"},
};

enum { NXML = sizeof xmls / sizeof xmls[0] };

/* ---- generated cases ---- */

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static void add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void adds(Buf *b, const char *s)
{
    add(b, s, strlen(s));
}

static void repeat(Buf *b, const char *s, int n)
{
    for (int i = 0; i < n; i++)
        adds(b, s);
}

static void fmt(Buf *b, const char *f, int i)
{
    char tmp[256];
    snprintf(tmp, sizeof tmp, f, i, i);
    adds(b, tmp);
}

typedef struct Gen {
    const char *name;
    Expect expect;
    int n;                 /* a size for the generator */
    void (*make)(Buf *, int);
} Gen;

static void g_name(Buf *b, int n)             /* a name of n bytes */
{
    adds(b, "entity ");
    repeat(b, "N", n);
    adds(b, " { name en \"x\" }\n");
}

static void g_string(Buf *b, int n)           /* a string of n bytes */
{
    adds(b, "entity A { name en \"");
    repeat(b, "s", n);
    adds(b, "\" }\n");
}

static void g_line(Buf *b, int n)             /* a line of n bytes */
{
    repeat(b, "x", n);
}

static void g_braces(Buf *b, int n)
{
    repeat(b, "{", n);
}

static void g_nested_names(Buf *b, int n)
{
    for (int i = 0; i < n; i++)
        adds(b, "entity { ");
}

static void g_entities(Buf *b, int n)
{
    for (int i = 0; i < n; i++)
        fmt(b, "entity E%d { name en \"e%d\" }\n", i);
}

static void g_fields(Buf *b, int n)
{
    adds(b, PRE "event e { title en \"x\" on 2013-01-01 cites para 1\n");
    repeat(b, " note en \"n\"\n", n);
    adds(b, "}\n");
}

static void g_list(Buf *b, int n)
{
    adds(b, PRE "event e { title en \"x\" on 2013-01-01 cites para 1\n"
                " hosts ITU");
    repeat(b, ", ITU", n);
    adds(b, " }\n");
}

static void g_chain(Buf *b, int n)            /* after, after, ... */
{
    adds(b, PRE "paragraph 1 requests\n");
    for (int i = 0; i < n; i++) {
        fmt(b, "obligation o%d { cites para 1\n requests SG\n action en "
               "\"x\"\n", i);
        if (i == 0)
            adds(b, " due by 2013-01-01 }\n");
        else
            fmt(b, " due after o%d }\n", i - 1);
    }
}

static void g_cycle(Buf *b, int n)            /* one long cycle */
{
    adds(b, PRE "paragraph 1 requests\n");
    for (int i = 0; i < n; i++) {
        fmt(b, "obligation o%d { cites para 1\n requests SG\n action en "
               "\"x\"\n", i);
        fmt(b, " due before o%d }\n", (i + 1) % n);
    }
}

static void g_errors(Buf *b, int n)           /* n syntax errors */
{
    for (int i = 0; i < n; i++)
        adds(b, "entity A { name }\n");
}

static void g_dup(Buf *b, int n)              /* n duplicate markers */
{
    adds(b, PRE);
    for (int i = 0; i < n; i++)
        adds(b, "paragraph 1 notes\n");
}

static void g_progress(Buf *b, int n)         /* n progress records */
{
    adds(b, PRE OBL(" every year from 2013 until 2015\n due by 2013-03-31"));
    for (int i = 0; i < n; i++)
        fmt(b, "progress o %d { done 2013-01-01 }\n", 2013 + i % 3);
    adds(b, "progress nothing { done 2013-01-01 }\n");
}

static void g_recurrences(Buf *b, int n)      /* n x 100 occurrences */
{
    adds(b, PRE "paragraph 1 requests\n");
    for (int i = 0; i < n; i++)
        fmt(b, "obligation o%d { cites para 1\n requests SG\n action en "
               "\"x\"\n every month from 2013-01-31 until 2021-04-30\n"
               " due by 2013-01-31\n rounding down }\n", i);
}

static void g_actors(Buf *b, int n)           /* n actors, one each */
{
    adds(b, PRE "paragraph 1 requests\n");
    for (int i = 0; i < n; i++) {
        fmt(b, "entity A%d { name en \"a%d\" }\n", i);
        fmt(b, "obligation o%d { cites para 1\n requests A%d\n", i);
        adds(b, " action en \"x\"\n due by 2013-01-01 }\n");
    }
}

static void g_records(Buf *b, int n)          /* n obligations, a record each */
{
    adds(b, PRE "paragraph 1 requests\n");
    for (int i = 0; i < n; i++) {
        fmt(b, "obligation o%d { cites para 1\n requests SG\n", i);
        adds(b, " action en \"x\"\n due by 2013-01-01 }\n");
        fmt(b, "progress o%d { done 2012-12-01 }\n", i);
    }
}

static const Gen gens[] = {
    /* the name limit: 255 bytes */
    {"name of 254 bytes", OK, 254, g_name},
    {"name of 255 bytes", OK, 255, g_name},
    {"name of 256 bytes", ERR, 256, g_name},
    {"1 MB line", ERR, 1 << 20, g_line},
    /* the string limit: 1 MiB */
    {"string of 1 MiB - 1", OK, (1 << 20) - 1, g_string},
    {"string of 1 MiB", OK, 1 << 20, g_string},
    {"string of 1 MiB + 1", ERR, (1 << 20) + 1, g_string},
    {"10 MB string", ERR, 10 << 20, g_string},
    {"100 000 braces", ERR, 100000, g_braces},
    {"100 000 nested declarations", ERR, 100000, g_nested_names},
    {"100 000 entities", OK, 100000, g_entities},
    {"100 000 fields", OK, 100000, g_fields},
    {"100 000 names in a list", OK, 100000, g_list},
    {"100 000 obligations in a chain", OK, 100000, g_chain},
    {"a cycle of 10 000 obligations", ERR, 10000, g_cycle},
    {"100 000 duplicate markers", ERR, 100000, g_dup},
    {"100 000 progress records", ERR, 100000, g_progress},
    {"100 recurrences of 100 months", OK, 100, g_recurrences},
    {"50 000 actors, an obligation each", OK, 50000, g_actors},
    {"100 000 obligations with a record each", OK, 100000, g_records},
    /* the error limit: 20 reported */
    {"19 syntax errors", ERR, 19, g_errors},
    {"20 syntax errors", ERR, 20, g_errors},
    {"21 syntax errors", ERR, 21, g_errors},
    {"100 000 syntax errors", ERR, 100000, g_errors},
};

enum { NGEN = sizeof gens / sizeof gens[0] };

/* ---- running a case ---- */

typedef struct Result {
    WsisStatus status;
    char *out;
    int nerrors;
} Result;

/* Load, check and write every output, as the command line would. */
static Result pipeline(Kind kind, const char *text, size_t len,
                       const char *path)
{
    Result r = {WSIS_OK, NULL, 0};
    size_t outlen;
    FILE *out = open_memstream(&r.out, &outlen);
    FILE *null = fopen("/dev/null", "w");
    DiagSink d;
    diag_init(&d, out, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    wsis_add_search_dir(w, "stdlib");
    wsis_set_today(w, 20000);
    WsisStatus st;
    if (kind == SPEC) {
        st = wsis_load_string(w, "hostile.wsis", text, len);
    } else if (kind == XML) {
        static const char spec[] = PRE OBL(" due by 2013-06-30");
        st = wsis_load_string(w, "spec.wsis", spec, strlen(spec));
        if (st == WSIS_OK)
            st = wsis_load_progress_xml_mem(w, "hostile.xml", text, len);
    } else {
        st = wsis_load_file(w, path);
    }
    if (st == WSIS_OK)
        st = wsis_check(w);
    if (st == WSIS_OK) {
        WsisIcalOptions io = {"zh", NULL, 0, 0, 3, 1372550400};
        WsisReportOptions ro = {16000, 30, 365};
        ck_assert_int_eq(wsis_dates(w, null, WSIS_FORMAT_JSON, 16000),
                         WSIS_OK);
        ck_assert_int_eq(wsis_ical(w, null, &io), WSIS_OK);
        ck_assert_int_eq(wsis_report(w, null, WSIS_REPORT_XML, &ro),
                         WSIS_OK);
        ck_assert_int_eq(wsis_report(w, null, WSIS_REPORT_HTML, &ro),
                         WSIS_OK);
    }
    r.status = st;
    r.nerrors = d.nerrors;
    wsis_free(w);
    diag_fini(&d);
    fclose(out);
    fclose(null);
    return r;
}

static void judge(const char *name, Expect e, Result *r)
{
    if (e == ERR) {
        ck_assert_msg(r->status == WSIS_ESPEC || r->status == WSIS_EIO,
                      "%s: no error (status %d)", name, (int)r->status);
        ck_assert_msg(r->nerrors > 0 && contains(r->out, "error"),
                      "%s: no diagnostic", name);
    } else if (e == OK) {
        ck_assert_msg(r->status == WSIS_OK, "%s: status %d:\n%.2000s", name,
                      (int)r->status, r->out);
    }
    /* every diagnostic carries a code or comes from wsisc itself */
    for (const char *p = r->out; (p = strstr(p, "error: ")) != NULL; p++) {
        const char *eol = strchr(p, '\n');
        ck_assert_msg(eol && (memchr(p, '[', (size_t)(eol - p)) ||
                              strncmp(p - 7, "wsisc: ", 7) == 0),
                      "%s: a diagnostic without a code", name);
    }
    free(r->out);
}

START_TEST(static_case)
{
    const struct Static *c = &statics[_i];
    size_t len = c->len ? c->len : strlen(c->text);
    Result r = pipeline(SPEC, c->text, len, NULL);
    judge(c->name, c->expect, &r);
}
END_TEST

START_TEST(xml_case)
{
    Result r = pipeline(XML, xmls[_i].text, strlen(xmls[_i].text), NULL);
    ck_assert_msg(!contains(r.out, "root:"), "%s: /etc/passwd leaked",
                  xmls[_i].name);
    judge(xmls[_i].name, xmls[_i].expect, &r);
}
END_TEST

START_TEST(generated_case)
{
    Buf b = {0};
    add(&b, "", 0);
    gens[_i].make(&b, gens[_i].n);
    Result r = pipeline(SPEC, b.p, b.len, NULL);
    if (strstr(gens[_i].name, "syntax errors") && gens[_i].n >= 20) {
        ck_assert_int_eq(count_of(r.out, "[E0001]"), 20);
        ck_assert_int_eq(count_of(r.out, "too many errors"),
                         gens[_i].n > 20 ? 1 : 0);
    }
    judge(gens[_i].name, gens[_i].expect, &r);
    free(b.p);
}
END_TEST

/* Files that are not specs: each an I/O error, none a hang. */
START_TEST(files_that_are_not_specs)
{
    char dir[] = "/tmp/wsisc-hostile-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char fifo[300], loop[300], longp[5000];
    snprintf(fifo, sizeof fifo, "%s/fifo.wsis", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    snprintf(loop, sizeof loop, "%s/loop.wsis", dir);
    ck_assert_int_eq(symlink(loop, loop), 0);
    snprintf(longp, sizeof longp, "%s/", dir);
    for (int i = 0; i < 400; i++)
        strcat(longp, "long/");
    static const char *const devices[] = {"/dev/urandom", "/dev/zero",
                                          "/dev/null", "/tmp", "/"};
    const char *paths[] = {fifo, loop, longp, "no/such/file.wsis", "",
                           devices[0], devices[1], devices[2], devices[3],
                           devices[4]};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        Result r = pipeline(PATH, NULL, 0, paths[i]);
        ck_assert_msg(r.status == WSIS_EIO, "%s: status %d", paths[i],
                      (int)r.status);
        ck_assert(contains(r.out, "wsisc: error: cannot read"));
        free(r.out);
    }
    unlink(fifo);
    unlink(loop);
    rmdir(dir);
}
END_TEST

/* The import limit, 200 deep: 199 and 200 load, 201 does not. */
START_TEST(import_depth_limit)
{
    static const int depths[] = {199, 200, 201, 1000};
    for (size_t k = 0; k < sizeof depths / sizeof depths[0]; k++) {
        int n = depths[k];
        char dir[] = "/tmp/wsisc-imports-XXXXXX";
        ck_assert_ptr_nonnull(mkdtemp(dir));
        char path[300];
        for (int i = 0; i <= n; i++) {
            snprintf(path, sizeof path, "%s/m%d.wsis", dir, i);
            FILE *f = fopen(path, "w");
            if (i < n)
                fprintf(f, "import \"m%d\"\n", i + 1);
            else
                fprintf(f, "entity LAST { name en \"x\" }\n");
            fclose(f);
        }
        snprintf(path, sizeof path, "%s/m0.wsis", dir);
        const char *paths[] = {path};
        Compiled c = compile_files(paths, 1, dir);
        if (n <= 200)
            ck_assert_msg(c.nerrors == 0, "depth %d: %s", n, c.out);
        else
            ck_assert(contains(c.out, "imports nested more than 200 deep"));
        compiled_free(&c);
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
    }
}
END_TEST

/* The file size limit, 64 MiB: a file of the limit loads, one byte more
   is refused before it is read. */
START_TEST(file_size_limit)
{
    static const long sizes[] = {(64L << 20) - 1, 64L << 20, (64L << 20) + 1};
    char path[] = "/tmp/wsisc-size-XXXXXX";
    int fd = mkstemp(path);
    for (size_t k = 0; k < 3; k++) {
        /* a declaration, then blanks to the size */
        ck_assert_int_eq(ftruncate(fd, 0), 0);
        const char *decl = "entity A { name en \"A\" }\n";
        ck_assert(pwrite(fd, decl, strlen(decl), 0) == (ssize_t)strlen(decl));
        static char blanks[1 << 16];
        memset(blanks, ' ', sizeof blanks);
        for (long at = (long)strlen(decl); at < sizes[k];) {
            long n = sizes[k] - at < (long)sizeof blanks ? sizes[k] - at
                                                         : (long)sizeof blanks;
            ck_assert(pwrite(fd, blanks, (size_t)n, at) == n);
            at += n;
        }
        const char *paths[] = {path};
        Compiled c = compile_files(paths, 1, NULL);
        if (sizes[k] <= 64L << 20)
            ck_assert_msg(c.load == WSIS_OK, "%ld bytes: %s", sizes[k], c.out);
        else
            ck_assert(contains(c.out, "it is too large"));
        compiled_free(&c);
        /* a spec in memory has the same limit */
        char *text = malloc((size_t)sizes[k]);
        ck_assert_ptr_nonnull(text);
        ck_assert(pread(fd, text, (size_t)sizes[k], 0) == sizes[k]);
        Result r = pipeline(SPEC, text, (size_t)sizes[k], NULL);
        if (sizes[k] <= 64L << 20) {
            ck_assert_msg(r.status == WSIS_OK, "%ld bytes: %s", sizes[k], r.out);
        } else {
            ck_assert_int_eq(r.status, WSIS_EIO);
            ck_assert(contains(r.out, "it is too large"));
        }
        free(r.out);
        free(text);
    }
    close(fd);
    unlink(path);
}
END_TEST

/* Locations are byte offsets, turned into lines and columns when printed:
   right far into a file of the largest size, past any 16- or 24-bit
   field, and on a line of tens of megabytes. */
START_TEST(places_far_into_a_large_file)
{
    size_t blanks = (size_t)(63L << 20);
    const char *head = "entity A { name en \"A\" }\n";
    const char *tail = "\n\n  entity B { nom en \"B\" }\n";
    size_t n = strlen(head) + blanks + strlen(tail);
    char *text = malloc(n + 1);
    ck_assert_ptr_nonnull(text);
    strcpy(text, head);
    memset(text + strlen(head), ' ', blanks);
    strcpy(text + strlen(head) + blanks, tail);
    Result r = pipeline(SPEC, text, n, NULL);
    ck_assert_int_eq(r.status, WSIS_ESPEC);
    /* line 4: 'nom', not a field, at column 14 */
    ck_assert_msg(contains(r.out, "hostile.wsis:4:14: error: "), "%s", r.out);
    ck_assert(contains(r.out, "    4 |   entity B { nom en \"B\" }\n"
                              "      |              ^~~"));
    free(r.out);
    /* the same text, with the error on the long line itself */
    text[strlen(head) + blanks - 1] = '@';
    r = pipeline(SPEC, text, n, NULL);
    ck_assert_int_eq(r.status, WSIS_ESPEC);
    char want[64];
    snprintf(want, sizeof want, "hostile.wsis:2:%zu: error: ", blanks);
    ck_assert_msg(contains(r.out, want), "%s", r.out);
    free(r.out);
    free(text);
}
END_TEST

Suite *suite_hostile(void)
{
    Suite *s = suite_create("hostile");
    TCase *t = tcase_create("corpus");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, static_case, 0, NSTATIC);
    tcase_add_loop_test(t, xml_case, 0, NXML);
    tcase_add_loop_test(t, generated_case, 0, NGEN);
    tcase_add_test(t, files_that_are_not_specs);
    tcase_add_test(t, import_depth_limit);
    tcase_add_test(t, file_size_limit);
    tcase_add_test(t, places_far_into_a_large_file);
    suite_add_tcase(s, t);
    return s;
}
