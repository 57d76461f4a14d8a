/*
 * test_report.c - reports as of a date: a golden per status
 * (tests/report/NAME.wsis beside NAME.xml, the as-of day on the first
 * line), every report valid against schema/report.rng both in-process
 * (xmlRelaxNGValidateDoc) and with xmllint, the example's statuses the
 * same from progress in the language and in XML, and the HTML page
 * rendered by headless Chromium.
 */
#define _DEFAULT_SOURCE 1   /* mkstemps */
#include <dirent.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests.h"

#define EXAMPLE "examples/ecosoc-2012-5.wsis"
#define PROGRESS "examples/ecosoc-2012-5-progress.wsis"
#define PROGRESS_XML "examples/ecosoc-2012-5-progress.xml"

/* 0 when xml is valid against schema/report.rng, in this process. */
static int validate(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "report.xml", NULL,
                                  XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt("schema/report.rng");
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    ck_assert_ptr_nonnull(schema);
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pc);
    xmlFreeDoc(doc);
    return rc;
}

/* The exit status of a command run with the text in a temporary file
   (its path replaces every "%s" argument). */
static int run_on(const char *text, const char *suffix,
                  const char *const *argv)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/wsisc-report-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    pid_t pid = fork();
    if (pid == 0) {
        const char *args[16];
        int n = 0;
        for (; argv[n] && n < 15; n++)
            args[n] = strcmp(argv[n], "%s") == 0 ? path : argv[n];
        args[n] = NULL;
        int nul = open("/dev/null", O_WRONLY);
        dup2(nul, 1);
        dup2(nul, 2);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    unlink(path);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int xmllint(const char *xml)
{
    const char *argv[] = {"/usr/bin/xmllint", "--noout", "--nonet",
                          "--relaxng", "schema/report.rng", "%s", NULL};
    return run_on(xml, ".xml", argv);
}

/* ---- goldens ---- */

static char **goldens;
static int ngoldens;


START_TEST(golden_report)
{
    char spec[256], want_path[256], as_of[16] = "";
    snprintf(spec, sizeof spec, "tests/report/%s.wsis", goldens[_i]);
    snprintf(want_path, sizeof want_path, "tests/report/%s.xml", goldens[_i]);
    char *text = slurp(spec, NULL);
    const char *p = strstr(text, "// as-of: ");
    ck_assert_ptr_nonnull(p);
    sscanf(p + 10, "%10s", as_of);
    free(text);
    const char *paths[] = {spec};
    char *got = report_of(paths, 1, NULL, as_of, WSIS_REPORT_XML, NULL);
    ck_assert_msg(got != NULL, "%s does not compile", spec);
    char *want = slurp(want_path, NULL);
    ck_assert_msg(want != NULL, "missing %s", want_path);
    ck_assert_msg(strcmp(got, want) == 0, "%s differs; got:\n%s", want_path,
                  got);
    ck_assert_int_eq(validate(got), 0);
    ck_assert_int_eq(xmllint(got), 0);
    /* the golden named after a status shows that status */
    char status[64];
    snprintf(status, sizeof status, "status=\"%s\"", goldens[_i]);
    if (strcmp(goldens[_i], "ongoing-stale") == 0)
        snprintf(status, sizeof status, "status=\"ongoing\" stale=\"true\"");
    ck_assert_msg(contains(got, status), "%s lacks %s", want_path, status);
    free(got);
    free(want);
}
END_TEST

/* ---- the example ---- */

/* The status attributes of the occurrences, in order. */
static char *statuses(const char *xml)
{
    size_t n = strlen(xml);
    char *out = calloc(n + 1, 1);
    for (const char *p = xml; (p = strstr(p, "<occurrence ")) != NULL; p++) {
        const char *s = strstr(p, " status=\"");
        const char *e = strchr(s + 9, '"');
        strncat(out, s + 9, (size_t)(e - s - 9));
        strcat(out, "\n");
    }
    return out;
}

START_TEST(example_report_validates_and_agrees)
{
    const char *both[] = {EXAMPLE, PROGRESS};
    const char *spec[] = {EXAMPLE};
    char *diags = NULL;
    char *a = report_of(both, 2, NULL, "2013-06-30", WSIS_REPORT_XML, &diags);
    ck_assert_msg(a != NULL, "%s", diags);
    free(diags);
    char *b = report_of(spec, 1, PROGRESS_XML, "2013-06-30", WSIS_REPORT_XML,
                        NULL);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(validate(a), 0);
    ck_assert_int_eq(validate(b), 0);
    ck_assert_int_eq(xmllint(a), 0);
    ck_assert_int_eq(xmllint(b), 0);
    char *sa = statuses(a), *sb = statuses(b);
    ck_assert_str_eq(sa, sb);
    ck_assert_int_ge(count_of(sa, "\n"), 20);
    /* as of 2013-06-30: the IGF duty and the 2013 report met, on the
       evidence; later years pending */
    ck_assert(contains(a, "<occurrence due=\"2012-11-06\" status=\"met\">"));
    ck_assert(contains(a, "<occurrence period=\"2013\" due=\"2013-05-03\" "
                          "status=\"met\">"));
    ck_assert(contains(a, "<ref>A/68/65-E/2013/11</ref>"));
    ck_assert(contains(a, "<paragraph eId=\"para_34\" num=\"34\"/>"));
    ck_assert(contains(a, "<paragraph eId=\"para_32__point_b\" num=\"32\" "
                          "point=\"b\"/>"));
    ck_assert(contains(a, "illustrative=\"true\""));
    free(sa);
    free(sb);
    free(a);
    free(b);
    /* as of the end of 2015 the real records meet every dated duty but the
       WSIS prizes, which have none */
    a = report_of(both, 2, NULL, "2015-12-31", WSIS_REPORT_XML, NULL);
    ck_assert(contains(a, "<ref>A/RES/70/125</ref>"));
    ck_assert(contains(a, "<occurrence period=\"2015\" due=\"2015-04-02\" "
                          "status=\"met\">"));
    ck_assert(contains(a, "status=\"overdue\""));
    free(a);
}
END_TEST

START_TEST(html_page_is_self_contained)
{
    const char *both[] = {EXAMPLE, PROGRESS};
    char *h = report_of(both, 2, NULL, "2013-06-30", WSIS_REPORT_HTML, NULL);
    ck_assert_ptr_nonnull(h);
    ck_assert(strncmp(h, "<!DOCTYPE html>\n", 16) == 0);
    ck_assert(!contains(h, "<script"));
    ck_assert(!contains(h, "src=\"http"));
    ck_assert(!contains(h, "<link"));
    ck_assert(contains(h, "<h2 id=\"summary\">"));
    ck_assert(contains(h, "<h2 id=\"timeline\">"));
    ck_assert(contains(h, "<svg "));
    ck_assert(contains(h, "<h2 id=\"obligations\">"));
    ck_assert(contains(h, "sg_annual_report"));
    ck_assert(contains(h, "(illustrative)"));
    ck_assert(contains(h, "as of 2013-06-30"));
    free(h);
}
END_TEST

/* Headless Chromium draws the page; the screenshot must show ink and the
   colours of the summary cards, the timeline and the as-of line. */
START_TEST(html_page_renders_in_chromium)
{
    const char *both[] = {EXAMPLE, PROGRESS};
    char *h = report_of(both, 2, NULL, "2013-06-30", WSIS_REPORT_HTML, NULL);
    char page[] = "/tmp/wsisc-page-XXXXXX.html";
    int fd = mkstemps(page, 5);
    ck_assert(write(fd, h, strlen(h)) == (ssize_t)strlen(h));
    close(fd);
    free(h);
    char shot[] = "/tmp/wsisc-shot-XXXXXX.png";
    fd = mkstemps(shot, 4);
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sh tests/render.sh %s %s", page, shot);
    ck_assert_int_eq(system(cmd), 0);
    /* met green, ongoing blue, the red as-of line, pending grey */
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/png_check.py %s "
             "'#2e7d32' '#1565c0' '#c62828' '#546e7a'", shot);
    ck_assert_int_eq(system(cmd), 0);
    unlink(page);
    unlink(shot);
}
END_TEST

START_TEST(report_summary_counts)
{
    const char *both[] = {EXAMPLE, PROGRESS};
    char *x = report_of(both, 2, NULL, "2013-06-30", WSIS_REPORT_XML, NULL);
    ck_assert(contains(x, "<summary obligations=\"22\""));
    ck_assert(contains(x, " met=\"2\" "));
    free(x);
}
END_TEST

/* A compilation keeping only what keep says for the writers, its
   diagnostics in a string, the stdlib on its path. */
typedef struct Lean {
    char *err;
    size_t errlen;
    FILE *fe;
    DiagSink d;
    Wsis *w;
} Lean;

static void lean_open(Lean *l, unsigned keep)
{
    l->err = NULL;
    l->fe = open_memstream(&l->err, &l->errlen);
    diag_init(&l->d, l->fe, COLOR_NEVER);
    l->w = wsis_new(&l->d);
    wsis_add_search_dir(l->w, "stdlib");
    wsis_keep(l->w, keep);
}

/* Its diagnostics so far. */
static const char *lean_said(Lean *l)
{
    fflush(l->fe);
    return l->err;
}

static void lean_close(Lean *l)
{
    wsis_free(l->w);
    diag_fini(&l->d);
    fclose(l->fe);
    free(l->err);
}

/* A compilation told to keep nothing for the writers (as `wsisc check`
   is) checks all the same, and refuses what it could not write right. */
START_TEST(no_report_without_the_records)
{
    Lean l;
    lean_open(&l, 0);
    Wsis *w = l.w;
    ck_assert_int_eq(wsis_load_file(w, EXAMPLE), WSIS_OK);
    ck_assert_int_eq(wsis_load_file(w, PROGRESS), WSIS_OK);
    int64_t day;
    ck_assert(wsis_parse_date("2016-06-30", &day));
    wsis_set_today(w, day);
    ck_assert_int_eq(wsis_check(w), WSIS_OK);
    FILE *null = fopen("/dev/null", "w");
    WsisReportOptions ro = {day, 30, 365};
    ck_assert_int_eq(wsis_report(w, null, WSIS_REPORT_XML, &ro), WSIS_EIO);
    int c[7], stale;
    wsis_report_counts(w, &ro, c, &stale);
    ck_assert_int_eq(c[0], 0);
    /* nor dates, nor a calendar, without the rules' texts */
    ck_assert_int_eq(wsis_dates(w, null, WSIS_FORMAT_TABLE, day), WSIS_EIO);
    WsisIcalOptions io = {"en", NULL, 0, 0, 3, 1372550400};
    ck_assert_int_eq(wsis_ical(w, null, &io), WSIS_EIO);
    fclose(null);
    const char *err = lean_said(&l);
    ck_assert(contains(err, "no report: the check was told not to keep the "
                            "progress records, the rules' texts or the "
                            "spec's texts (wsis_keep)"));
    ck_assert(contains(err, "no dates: the check was told not to keep the "
                            "rules' texts (wsis_keep)"));
    ck_assert(contains(err, "no calendar: the check was told not to keep "
                            "the rules' texts or the spec's texts "
                            "(wsis_keep)"));
    lean_close(&l);
}
END_TEST

/* Texts not kept while the files were read stay lost: keeping them later
   is too late for a calendar or a report, which say so, while dates
   (which print no texts) are written as ever. */
START_TEST(texts_not_kept_while_reading_stay_lost)
{
    Lean l;
    lean_open(&l, WSIS_KEEP_ALL & ~WSIS_KEEP_TEXTS);
    Wsis *w = l.w;
    ck_assert_int_eq(wsis_load_file(w, EXAMPLE), WSIS_OK);
    wsis_keep(w, WSIS_KEEP_ALL);
    int64_t day;
    ck_assert(wsis_parse_date("2013-06-30", &day));
    wsis_set_today(w, day);
    ck_assert_int_eq(wsis_check(w), WSIS_OK);
    FILE *null = fopen("/dev/null", "w");
    WsisIcalOptions io = {"en", NULL, 0, 0, 3, 1372550400};
    ck_assert_int_eq(wsis_ical(w, null, &io), WSIS_EIO);
    WsisReportOptions ro = {day, 30, 365};
    ck_assert_int_eq(wsis_report(w, null, WSIS_REPORT_XML, &ro), WSIS_EIO);
    ck_assert_int_eq(wsis_dates(w, null, WSIS_FORMAT_TABLE, day), WSIS_OK);
    fclose(null);
    const char *err = lean_said(&l);
    ck_assert(contains(err, "no calendar: the check was told not to keep "
                            "the spec's texts (wsis_keep)"));
    ck_assert(contains(err, "no report: the check was told not to keep "
                            "the spec's texts (wsis_keep)"));
    lean_close(&l);
}
END_TEST

/* The calendar of a compilation in lang, in a string (free it); NULL
   when it refused. */
static char *lean_ical(Lean *l, const char *lang)
{
    char *ics = NULL;
    size_t len;
    FILE *f = open_memstream(&ics, &len);
    WsisIcalOptions io = {lang, NULL, 0, 0, 3, 1372550400};
    WsisStatus st = wsis_ical(l->w, f, &io);
    fclose(f);
    if (st == WSIS_OK)
        return ics;
    free(ics);
    return NULL;
}

/* Texts kept only as a calendar in one language prints them (as `wsisc
   ical` keeps them): that calendar, and one in English, are the bytes a
   compilation keeping every text writes; a calendar in another language
   and a report refuse, saying why, and so does a calendar in either
   language once files were read for calendars in two. */
START_TEST(texts_kept_for_one_calendar)
{
    Lean l;
    lean_open(&l, WSIS_KEEP_ALL);
    Wsis *w = l.w;
    ck_assert_int_eq(wsis_keep_texts_in(w, "zh"), WSIS_OK);
    ck_assert_int_eq(wsis_load_file(w, EXAMPLE), WSIS_OK);
    int64_t day;
    ck_assert(wsis_parse_date("2013-06-30", &day));
    wsis_set_today(w, day);
    ck_assert_int_eq(wsis_check(w), WSIS_OK);
    const char *paths[] = {EXAMPLE};
    static const char *const langs[] = {"zh", "en"};
    for (int i = 0; i < 2; i++) {
        WsisIcalOptions io = {langs[i], NULL, 0, 0, 3, 1372550400};
        char *whole = ical_of(paths, 1, NULL, &io);
        char *lean = lean_ical(&l, langs[i]);
        ck_assert_ptr_nonnull(whole);
        ck_assert_ptr_nonnull(lean);
        ck_assert_msg(strcmp(whole, lean) == 0, "the calendar in %s differs",
                      langs[i]);
        free(whole);
        free(lean);
    }
    ck_assert_ptr_null(lean_ical(&l, "fr"));
    FILE *null = fopen("/dev/null", "w");
    WsisReportOptions ro = {day, 30, 365};
    ck_assert_int_eq(wsis_report(w, null, WSIS_REPORT_XML, &ro), WSIS_EIO);
    fclose(null);
    const char *err = lean_said(&l);
    ck_assert(contains(err, "no calendar in 'fr': the spec's texts were kept "
                            "only as a calendar in 'zh' prints them "
                            "(wsis_keep_texts_in)"));
    ck_assert(contains(err, "no report: the spec's texts were kept only as "
                            "a calendar in 'zh' prints them "
                            "(wsis_keep_texts_in)"));
    /* a file read for a calendar in another language: only English is
       whole in both */
    ck_assert_int_eq(wsis_keep_texts_in(w, "fr"), WSIS_OK);
    ck_assert_int_eq(wsis_load_file(w, PROGRESS), WSIS_OK);
    ck_assert_ptr_null(lean_ical(&l, "zh"));
    ck_assert(contains(lean_said(&l), "no calendar: the spec's files were "
                                      "read keeping the texts of calendars "
                                      "in different languages "
                                      "(wsis_keep_texts_in)"));
    lean_close(&l);
}
END_TEST

/* The XML report, as of 2013-06-30, of a spec given as text (written
   to a temporary file, removed again); it must be valid. */
static char *valid_report_of_text(const char *text, WsisReportFormat fmt)
{
    char path[] = "/tmp/wsisc-spec-XXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    const char *paths[] = {path};
    char *x = report_of(paths, 1, NULL, "2013-06-30", fmt, NULL);
    unlink(path);
    ck_assert_ptr_nonnull(x);
    if (fmt == WSIS_REPORT_XML)
        ck_assert_int_eq(validate(x), 0);
    return x;
}

/* Found by fuzzing: a spec with no obligations reported through qsort on
   no array. */
START_TEST(empty_spec_reports)
{
    const char *text = "entity A { name en \"A\" }\n";
    char *x = valid_report_of_text(text, WSIS_REPORT_XML);
    ck_assert(contains(x, "<summary obligations=\"0\" occurrences=\"0\""));
    char *h = valid_report_of_text(text, WSIS_REPORT_HTML);
    free(x);
    free(h);
}
END_TEST

/* Markup, quotes, tabs, newlines and non-ASCII in texts and attributes:
   the report is well formed, valid, and reads back as the spec wrote it
   (tab and newline survive in attributes as character references). */
START_TEST(report_escapes_markup)
{
    const char *text =
        "import \"un\"\n"
        "resolution R {\n"
        "  symbol \"E/<1>/5 & \\\"q\\\" 'a' \\t\\n \u00e9 \u4e2d\"\n"
        "  title en \"A <b> & \\\"x\\\"\\ttab\\nnl \u4e2d\u6587\"\n"
        "  body ECOSOC\n"
        "  adopted 2012-07-24\n"
        "  operative 1..1\n"
        "}\n"
        "obligation o {\n"
        "  cites para 1\n"
        "  requests SG\n"
        "  action en \"]]> & <x/>\"\n"
        "  due by 2013-03-31\n"
        "}\n";
    char *x = valid_report_of_text(text, WSIS_REPORT_XML);
    ck_assert(contains(x, "symbol=\"E/&lt;1&gt;/5 &amp; &quot;q&quot; 'a' "
                          "&#9;&#10; \u00e9 \u4e2d\""));
    xmlDocPtr doc = xmlReadMemory(x, (int)strlen(x), "r.xml", NULL,
                                  XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    xmlNodePtr res = xmlDocGetRootElement(doc)->children;
    while (res && (res->type != XML_ELEMENT_NODE ||
                   strcmp((const char *)res->name, "resolution") != 0))
        res = res->next;
    ck_assert_ptr_nonnull(res);
    xmlChar *sym = xmlGetProp(res, (const xmlChar *)"symbol");
    ck_assert_str_eq((const char *)sym, "E/<1>/5 & \"q\" 'a' \t\n \u00e9 \u4e2d");
    xmlChar *all = xmlNodeGetContent(xmlDocGetRootElement(doc));
    ck_assert(contains((const char *)all, "A <b> & \"x\"\ttab\nnl \u4e2d\u6587"));
    ck_assert(contains((const char *)all, "]]> & <x/>"));
    xmlFree(sym);
    xmlFree(all);
    xmlFreeDoc(doc);
    free(x);
}
END_TEST

Suite *suite_report(void)
{
    ngoldens = list_specs("tests/report", &goldens);
    Suite *s = suite_create("report");
    TCase *t = tcase_create("report");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, golden_report, 0, ngoldens);
    tcase_add_test(t, example_report_validates_and_agrees);
    tcase_add_test(t, html_page_is_self_contained);
    tcase_add_test(t, html_page_renders_in_chromium);
    tcase_add_test(t, report_summary_counts);
    tcase_add_test(t, no_report_without_the_records);
    tcase_add_test(t, texts_not_kept_while_reading_stay_lost);
    tcase_add_test(t, texts_kept_for_one_calendar);
    tcase_add_test(t, empty_spec_reports);
    tcase_add_test(t, report_escapes_markup);
    suite_add_tcase(s, t);
    return s;
}
