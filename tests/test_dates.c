/*
 * test_dates.c - the schedule: the example's dates in every format against
 * golden files (and again, so the bytes are stable), the dated items the
 * resolution names, and each rule of deadline arithmetic on small specs.
 */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define EXAMPLE "examples/ecosoc-2012-5.wsis"

static const struct {
    WsisFormat fmt;
    const char *golden;
} formats[] = {
    {WSIS_FORMAT_TABLE, "tests/dates/ecosoc-2012-5.txt"},
    {WSIS_FORMAT_CSV, "tests/dates/ecosoc-2012-5.csv"},
    {WSIS_FORMAT_JSON, "tests/dates/ecosoc-2012-5.json"},
};

START_TEST(example_dates_golden)
{
    const char *paths[] = {EXAMPLE};
    char *got = dates_of(paths, 1, NULL, formats[_i].fmt, "2013-06-30", NULL);
    char *want = slurp(formats[_i].golden, NULL);
    ck_assert_msg(want != NULL, "missing %s", formats[_i].golden);
    ck_assert_msg(strcmp(got, want) == 0, "%s differs; got:\n%s",
                  formats[_i].golden, got);
    /* the same input gives the same bytes */
    char *again = dates_of(paths, 1, NULL, formats[_i].fmt, "2013-06-30",
                           NULL);
    ck_assert_str_eq(got, again);
    free(got);
    free(again);
    free(want);
}
END_TEST

/* The rows the resolution's own dates must produce. */
START_TEST(example_has_the_resolved_items)
{
    const char *paths[] = {EXAMPLE};
    char *csv = dates_of(paths, 1, NULL, WSIS_FORMAT_CSV, "2013-06-30", NULL);
    static const char *const rows[] = {
        /* the Secretary-General's yearly report, 30 days before each
           session of the Commission, off Geneva days off */
        "2013-05-03,,deadline,sg_annual_report,2013,34,requests,SG,",
        "2014-04-11,,deadline,sg_annual_report,2014,34,requests,SG,",
        "2015-04-02,,deadline,sg_annual_report,2015,34,requests,SG,",
        /* IGF 2012 in Baku, and the duty to keep the Forum running */
        "2012-11-06,2012-11-09,event,igf_2012,,35,",
        "2012-11-06,,deadline,igf_continuity,,35,urges,SG,",
        /* the GA 67th-session items */
        "2013-09-16,,deadline,transmit_chair_report,,24,decides,ECOSOC,",
        "2012-09-18,2013-09-16,event,review_modalities_ga67,,38,",
        /* the 2015 overall review */
        "2015-12-31,,deadline,overall_review_2015,,\"37,38\",recalls,GA,",
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ck_assert_msg(contains(csv, rows[i]), "no row '%s' in:\n%s", rows[i],
                      csv);
    free(csv);
}
END_TEST

#define RES                                                               \
    "import \"un\"\n"                                                     \
    "resolution R {\n  symbol \"E/RES/2012/5\"\n  title en \"T\"\n"       \
    "  body ECOSOC\n  adopted 2012-07-24\n  operative 1..1\n}\n"          \
    "event igf { title en \"IGF\" from 2012-11-06 to 2012-11-09 "         \
    "cites para 1 }\n"

#define OB(name, rules)                                                   \
    "obligation " name " {\n  cites para 1\n  requests SG\n"             \
    "  action en \"x\"\n" rules "}\n"

/* The CSV rows of a spec, for a line-by-line look. */
static char *csv_of(const char *text)
{
    char *diags = NULL;
    char *out = dates_of(NULL, 0, text, WSIS_FORMAT_CSV, "2013-01-01",
                         &diags);
    ck_assert_msg(strcmp(diags, "") == 0, "diagnostics:\n%s", diags);
    free(diags);
    return out;
}

START_TEST(rules_against_fixed_anchors)
{
    char *csv = csv_of(RES
                       OB("by_date", "  due by 2013-03-31\n")
                       OB("on_date", "  due on 2013-04-02\n")
                       OB("before_event", "  due before igf\n")
                       OB("by_event", "  due by igf\n")
                       OB("after_event", "  due after igf\n")
                       OB("weeks_after", "  due 2 weeks after igf\n")
                       OB("months_before", "  due 3 months before 2013-05-31\n"
                                           "  rounding down\n")
                       OB("during_ga", "  due during session GA 67\n"));
    ck_assert(contains(csv, "2013-03-31,,deadline,by_date,"));
    ck_assert(contains(csv, "2013-04-02,,deadline,on_date,"));
    ck_assert(contains(csv, "2012-11-05,,deadline,before_event,"));
    ck_assert(contains(csv, "2012-11-06,,deadline,by_event,"));
    /* only a lower bound: no deadline, a first possible day */
    ck_assert(contains(csv, "2012-11-10,,not-before,after_event,"));
    ck_assert(contains(csv, "2012-11-23,,deadline,weeks_after,"));
    ck_assert(contains(csv, "2013-02-28,,deadline,months_before,"));
    ck_assert(contains(csv, "2013-09-16,,deadline,during_ga,"));
    free(csv);
}
END_TEST

START_TEST(rules_between_obligations)
{
    char *csv = csv_of(RES
                       OB("report", "  due by 2013-03-31\n")
                       OB("review", "  due 10 days after report\n")
                       OB("comment", "  due before review\n"
                                     "  due after report\n"));
    ck_assert(contains(csv, "2013-04-10,,deadline,review,"));
    ck_assert(contains(csv, "2013-04-09,,deadline,comment,"));
    free(csv);
}
END_TEST

START_TEST(recurrences_move_fixed_dates_and_pick_sessions)
{
    char *csv = csv_of(RES
                       OB("yearly", "  every year from 2013 until 2015\n"
                                    "  due by 2013-03-31\n")
                       OB("sessions", "  every 2 years from 2013 until 2016\n"
                                      "  due 1 week before session CSTD\n")
                       OB("month_ends", "  every month from 2013-01-31 until "
                                        "2013-03-31\n  due by 2013-01-31\n"
                                        "  rounding down\n")
                       OB("period_end", "  every year from 2014 until 2014\n"));
    ck_assert(contains(csv, "2013-03-31,,deadline,yearly,2013,"));
    ck_assert(contains(csv, "2014-03-31,,deadline,yearly,2014,"));
    ck_assert(contains(csv, "2015-03-31,,deadline,yearly,2015,"));
    /* CSTD 16 opens 2013-06-03, CSTD 18 2015-05-04 */
    ck_assert(contains(csv, "2013-05-27,,deadline,sessions,2013,"));
    ck_assert(contains(csv, "2015-04-27,,deadline,sessions,2015,"));
    ck_assert_int_eq(count_of(csv, ",sessions,"), 2);
    ck_assert(contains(csv, "2013-01-31,,deadline,month_ends,1,"));
    ck_assert(contains(csv, "2013-02-28,,deadline,month_ends,2,"));
    ck_assert(contains(csv, "2013-03-31,,deadline,month_ends,3,"));
    ck_assert(contains(csv, "2014-12-31,,deadline,period_end,2014,"));
    free(csv);
}
END_TEST

START_TEST(open_ended_recurrence_lists_ten)
{
    char *diags = NULL;
    char *csv = dates_of(NULL, 0, RES OB("prizes", "  every year from 2013\n"),
                         WSIS_FORMAT_CSV, "2013-01-01", &diags);
    ck_assert(contains(diags, "[W0604]"));
    ck_assert_int_eq(count_of(csv, ",prizes,"), 10);
    ck_assert(contains(csv, "2022-12-31,,deadline,prizes,2022,"));
    free(csv);
    free(diags);
}
END_TEST

START_TEST(shift_moves_off_days_off)
{
    char *csv = csv_of(RES
                       OB("back", "  due by 2015-04-04\n"
                                  "  shift before CH_GENEVA\n")
                       OB("forward", "  due by 2015-04-04\n"
                                "  shift after CH_GENEVA\n")
                       OB("weekend_only", "  due by 2013-05-04\n"
                                          "  shift before\n")
                       OB("working_day", "  due by 2013-05-03\n"
                                         "  shift before CH_GENEVA\n"));
    ck_assert(contains(csv, "2015-04-02,,deadline,back,"));
    ck_assert(contains(csv, "2015-04-07,,deadline,forward,"));
    ck_assert(contains(csv, "2013-05-03,,deadline,weekend_only,"));
    ck_assert(contains(csv, "2013-05-03,,deadline,working_day,,1,requests,SG,"
                            "by 2013-05-03,"));
    free(csv);
}
END_TEST

START_TEST(days_from_today_follow_today)
{
    char *a = dates_of(NULL, 0, RES OB("o", "  due by 2013-01-11\n"),
                       WSIS_FORMAT_CSV, "2013-01-01", NULL);
    char *b = dates_of(NULL, 0, RES OB("o", "  due by 2013-01-11\n"),
                       WSIS_FORMAT_JSON, "2013-01-21", NULL);
    ck_assert(contains(a, ",by 2013-01-11,10\r\n"));
    ck_assert(contains(b, "\"days_from_today\": -10"));
    ck_assert(contains(b, "\"today\": \"2013-01-21\""));
    free(a);
    free(b);
}
END_TEST

START_TEST(a_spec_may_correct_a_stdlib_session)
{
    char *csv = csv_of(RES
                       "session CSTD 16 { title en \"moved\" "
                       "from 2013-06-10 to 2013-06-14 }\n"
                       OB("o", "  every year from 2013 until 2014\n"
                               "  due 30 days before session CSTD\n"));
    ck_assert(contains(csv, "2013-05-11,,deadline,o,2013,"));
    ck_assert(contains(csv, "2014-04-12,,deadline,o,2014,"));
    free(csv);
    /* but a session declared twice by the spec itself is an error */
    Compiled c = compile_text(RES "session X 1 { on 2013-01-01 }\n"
                                  "session X 1 { on 2013-01-02 }\n");
    ck_assert(contains(c.out, "redefinition of session 'X 1' [E0202]"));
    compiled_free(&c);
}
END_TEST

START_TEST(explain_knows_every_documented_code)
{
    char *doc = slurp("docs/language.md", NULL);
    ck_assert_ptr_nonnull(doc);
    int n = 0;
    for (const char *p = doc; (p = strstr(p, "\n| ")) != NULL; p++) {
        const char *c = p + 3;
        if ((c[0] != 'E' && c[0] != 'W') || c[5] != ' ')
            continue;
        char code[6];
        memcpy(code, c, 5);
        code[5] = '\0';
        const WsisExplain *e = wsis_explain(code);
        ck_assert_msg(e != NULL, "wsisc explain does not know %s", code);
        ck_assert(strlen(e->title) > 0 && strlen(e->text) > 0 &&
                  strlen(e->example) > 0 && strlen(e->fix) > 0);
        n++;
    }
    ck_assert_int_ge(n, 35);
    /* and explains nothing the reference lacks */
    const WsisExplain *e;
    for (size_t i = 0; (e = wsis_explain_at(i)) != NULL; i++) {
        char row[16];
        snprintf(row, sizeof row, "\n| %s |", e->code);
        ck_assert_msg(contains(doc, row), "%s is not in docs/language.md",
                      e->code);
    }
    ck_assert_ptr_null(wsis_explain("E9999"));
    free(doc);
}
END_TEST

Suite *suite_dates(void)
{
    Suite *s = suite_create("dates");
    TCase *t = tcase_create("schedule");
    tcase_add_loop_test(t, example_dates_golden, 0,
                        (int)(sizeof formats / sizeof formats[0]));
    tcase_add_test(t, example_has_the_resolved_items);
    tcase_add_test(t, rules_against_fixed_anchors);
    tcase_add_test(t, rules_between_obligations);
    tcase_add_test(t, recurrences_move_fixed_dates_and_pick_sessions);
    tcase_add_test(t, open_ended_recurrence_lists_ten);
    tcase_add_test(t, shift_moves_off_days_off);
    tcase_add_test(t, days_from_today_follow_today);
    tcase_add_test(t, a_spec_may_correct_a_stdlib_session);
    tcase_add_test(t, explain_knows_every_documented_code);
    suite_add_tcase(s, t);
    return s;
}
