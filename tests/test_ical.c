/*
 * test_ical.c - the calendars wsisc writes, read back as their users'
 * software would: goldens per feature (tests/ical/NAME.wsis beside
 * NAME.ics, options on the first line), the octet-level rules of RFC 5545
 * checked directly, libical's parser and recurrence iterator, and
 * python3-icalendar and python3-vobject (validate=True) via ical_check.py.
 */
#include <dirent.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests.h"
#include "utf8.h"

#define EXAMPLE "examples/ecosoc-2012-5.wsis"
#define STAMP 1372550400   /* 2013-06-30T00:00:00Z */

static WsisIcalOptions options(const char *lang)
{
    WsisIcalOptions o = {lang, NULL, 0, 0, -1, STAMP};
    return o;
}

/* The rules RFC 5545 sets on the bytes, which parsers forgive. */
static void check_octets(const char *ics, const char *what)
{
    ck_assert_msg(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0,
                  "%s: no VCALENDAR", what);
    const char *p = ics;
    int line = 1;
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        ck_assert_msg(eol != NULL, "%s:%d: no CRLF at the end", what, line);
        size_t len = (size_t)(eol - p);
        ck_assert_msg(memchr(p, '\n', len) == NULL &&
                          memchr(p, '\r', len) == NULL,
                      "%s:%d: a bare CR or LF", what, line);
        ck_assert_msg(len <= 75, "%s:%d: %zu octets", what, line, len);
        /* each physical line is whole UTF-8: no fold inside a character */
        ck_assert_msg(utf8_check(p, len) == len, "%s:%d: fold splits a "
                      "character", what, line);
        /* a fold never separates a backslash from what it escapes */
        if (eol[2] == ' ') {
            size_t bs = 0;
            while (bs < len && p[len - 1 - bs] == '\\')
                bs++;
            ck_assert_msg(bs % 2 == 0, "%s:%d: fold inside an escape", what,
                          line);
        }
        p = eol + 2;
        line++;
    }
    ck_assert(contains(ics, "\r\nPRODID:"));
    ck_assert(contains(ics, "\r\nVERSION:2.0\r\n"));
    ck_assert(!contains(ics, "\r\nMETHOD:"));
    ck_assert_int_eq(count_of(ics, "BEGIN:VEVENT") + count_of(ics, "BEGIN:VTODO"),
                     count_of(ics, "\r\nUID:"));
    ck_assert_int_eq(count_of(ics, "\r\nUID:"), count_of(ics, "\r\nDTSTAMP:"));
}

/* libical reads it with no error; returns the calendar (free it). */
static icalcomponent *libical_read(const char *ics)
{
    icalcomponent *cal = icalparser_parse_string(ics);
    ck_assert_ptr_nonnull(cal);
    ck_assert_int_eq(icalcomponent_count_errors(cal), 0);
    for (icalcomponent *c = icalcomponent_get_first_component(
             cal, ICAL_ANY_COMPONENT);
         c; c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
        ck_assert_ptr_nonnull(icalcomponent_get_uid(c));
        ck_assert_ptr_nonnull(
            icalcomponent_get_first_property(c, ICAL_DTSTAMP_PROPERTY));
    }
    return cal;
}

/* Runs the Python readers on the text; their exit status. */
static int python_read(const char *ics)
{
    char path[] = "/tmp/wsisc-ics-XXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    ck_assert(write(fd, ics, strlen(ics)) == (ssize_t)strlen(ics));
    close(fd);
    pid_t pid = fork();
    if (pid == 0) {
        execl("/usr/bin/python3", "python3", "tests/ical_check.py", path,
              (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    unlink(path);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* ---- goldens ---- */

static char **goldens;
static int ngoldens;


/* Options from the spec's first line: "// options: todo alarm=7 ...". */
static WsisIcalOptions options_of(const char *text, char *buf, size_t cap,
                                  const char **actors)
{
    WsisIcalOptions o = options("en");
    const char *p = strstr(text, "// options:");
    ck_assert_ptr_nonnull(p);
    const char *eol = strchr(p, '\n');
    snprintf(buf, cap, "%.*s", (int)(eol - p - 11), p + 11);
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t;
         t = strtok_r(NULL, " ", &save)) {
        if (strcmp(t, "todo") == 0)
            o.todo = 1;
        else if (strncmp(t, "alarm=", 6) == 0)
            o.alarm_days = atoi(t + 6);
        else if (strncmp(t, "lang=", 5) == 0)
            o.lang = t + 5;
        else if (strncmp(t, "actor=", 6) == 0)
            actors[o.nactors++] = t + 6;
    }
    o.actors = actors;
    return o;
}

START_TEST(golden_calendar)
{
    char spec[256], want_path[256], buf[256];
    const char *actors[8];
    snprintf(spec, sizeof spec, "tests/ical/%s.wsis", goldens[_i]);
    snprintf(want_path, sizeof want_path, "tests/ical/%s.ics", goldens[_i]);
    char *text = slurp(spec, NULL);
    WsisIcalOptions o = options_of(text, buf, sizeof buf, actors);
    const char *paths[] = {spec};
    char *got = ical_of(paths, 1, NULL, &o);
    ck_assert_msg(got != NULL, "%s does not compile", spec);
    char *want = slurp(want_path, NULL);
    ck_assert_msg(want != NULL, "missing %s", want_path);
    ck_assert_msg(strcmp(got, want) == 0, "%s differs; got:\n%s", want_path,
                  got);
    check_octets(got, spec);
    icalcomponent_free(libical_read(got));
    ck_assert_int_eq(python_read(got), 0);
    free(text);
    free(got);
    free(want);
}
END_TEST

/* ---- the example ---- */

START_TEST(example_calendars_read_back)
{
    const char *paths[] = {EXAMPLE};
    static const char *const langs[] = {"en", "zh"};
    for (int todo = 0; todo < 2; todo++)
        for (int l = 0; l < 2; l++) {
            WsisIcalOptions o = options(langs[l]);
            o.todo = todo;
            char *ics = ical_of(paths, 1, NULL, &o);
            ck_assert_ptr_nonnull(ics);
            check_octets(ics, langs[l]);
            icalcomponent_free(libical_read(ics));
            ck_assert_int_eq(python_read(ics), 0);
            /* same input, same bytes */
            char *again = ical_of(paths, 1, NULL, &o);
            ck_assert_str_eq(ics, again);
            free(again);
            free(ics);
        }
}
END_TEST

START_TEST(igf_is_an_all_day_event_with_exclusive_end)
{
    const char *paths[] = {EXAMPLE};
    WsisIcalOptions o = options("en");
    char *ics = ical_of(paths, 1, NULL, &o);
    const char *ev = strstr(ics, "UID:event-igf_2012.e-res-2012-5@wsisc\r\n");
    ck_assert_ptr_nonnull(ev);
    const char *end = strstr(ev, "END:VEVENT");
    char *comp = strndup(ev, (size_t)(end - ev));
    ck_assert(contains(comp, "\r\nDTSTART;VALUE=DATE:20121106\r\n"));
    ck_assert(contains(comp, "\r\nDTEND;VALUE=DATE:20121110\r\n"));
    ck_assert(contains(comp, "\r\nLOCATION:Baku\r\n"));
    ck_assert(contains(comp, "\r\nURL:https://undocs.org/E/RES/2012/5\r\n"));
    ck_assert(contains(comp, "\r\nCATEGORIES:Meeting\r\n"));
    free(comp);
    free(ics);
}
END_TEST

/* The days a component stands for: RRULE from DTSTART by libical's
   iterator, plus RDATE, minus EXDATE. */
static int expand(icalcomponent *c, struct icaltimetype *out, int cap)
{
    struct icaltimetype start = icalcomponent_get_dtstart(c);
    int n = 0;
    icalproperty *rr = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY);
    if (rr) {
        struct icalrecurrencetype rule = icalproperty_get_rrule(rr);
        icalrecur_iterator *it = icalrecur_iterator_new(rule, start);
        ck_assert_ptr_nonnull(it);
        for (struct icaltimetype t = icalrecur_iterator_next(it);
             !icaltime_is_null_time(t) && n < cap;
             t = icalrecur_iterator_next(it))
            out[n++] = t;
        icalrecur_iterator_free(it);
    } else {
        out[n++] = start;
    }
    for (icalproperty *p = icalcomponent_get_first_property(c,
                                                            ICAL_RDATE_PROPERTY);
         p && n < cap;
         p = icalcomponent_get_next_property(c, ICAL_RDATE_PROPERTY))
        out[n++] = icalproperty_get_rdate(p).time;
    for (icalproperty *p = icalcomponent_get_first_property(c,
                                                            ICAL_EXDATE_PROPERTY);
         p; p = icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY)) {
        struct icaltimetype x = icalproperty_get_exdate(p);
        for (int i = 0; i < n; i++)
            if (icaltime_compare_date_only(out[i], x) == 0)
                out[i--] = out[--n];
    }
    return n;
}

/* Every recurring deadline expands, in libical, to the days that `wsisc
   dates` resolved for it. */
START_TEST(rrule_expansion_matches_dates)
{
    const char *paths[] = {EXAMPLE, "tests/ical/rrule.wsis"};
    for (int f = 0; f < 2; f++) {
        const char *one[] = {paths[f]};
        WsisIcalOptions o = options("en");
        char *ics = ical_of(one, 1, NULL, &o);
        char *csv = dates_of(one, 1, NULL, WSIS_FORMAT_CSV, "2013-06-30",
                             NULL);
        icalcomponent *cal = libical_read(ics);
        int recurring = 0;
        for (icalcomponent *c = icalcomponent_get_first_component(
                 cal, ICAL_VEVENT_COMPONENT);
             c; c = icalcomponent_get_next_component(cal,
                                                     ICAL_VEVENT_COMPONENT)) {
            if (!icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY))
                continue;
            recurring++;
            /* deadline-NAME.slug@wsisc */
            const char *uid = icalcomponent_get_uid(c);
            char item[128];
            snprintf(item, sizeof item, ",deadline,%.*s,",
                     (int)(strchr(uid, '.') - uid - 9), uid + 9);
            struct icaltimetype days[64];
            int n = expand(c, days, 64);
            ck_assert_int_eq(n, count_of(csv, item));
            for (int i = 0; i < n; i++) {
                char row[160];
                snprintf(row, sizeof row, "\n%04d-%02d-%02d,%s", days[i].year,
                         days[i].month, days[i].day, item);
                ck_assert_msg(contains(csv, row), "%s: %s not in wsisc dates",
                              uid, row + 1);
            }
        }
        ck_assert_int_ge(recurring, 2);
        icalcomponent_free(cal);
        free(ics);
        free(csv);
    }
}
END_TEST

START_TEST(sg_report_is_one_component_with_rrule)
{
    const char *paths[] = {EXAMPLE};
    WsisIcalOptions o = options("en");
    char *ics = ical_of(paths, 1, NULL, &o);
    ck_assert_int_eq(count_of(ics, "UID:deadline-sg_annual_report."), 1);
    const char *c = strstr(ics, "UID:deadline-sg_annual_report.");
    ck_assert(contains(c, "\r\nRRULE:FREQ=YEARLY;COUNT=3\r\n"));
    ck_assert(contains(c, "\r\nTRIGGER;RELATED=START:-P14D\r\n"));
    free(ics);
}
END_TEST

/* The calendar with its lines unfolded (free it). */
static char *unfolded(const char *ics)
{
    char *flat = malloc(strlen(ics) + 1), *q = flat;
    ck_assert_ptr_nonnull(flat);
    for (const char *p = ics; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        *q++ = *p;
    }
    *q = '\0';
    return flat;
}

START_TEST(chinese_titles_with_english_fallback)
{
    const char *paths[] = {EXAMPLE};
    WsisIcalOptions o = options("zh");
    char *ics = ical_of(paths, 1, NULL, &o);
    /* unfold, then look for the Chinese titles */
    char *flat = unfolded(ics);
    ck_assert(contains(flat, "SUMMARY:因特网治理论坛第七次会议\r\n"));
    ck_assert(contains(flat, "LOCATION:巴库\r\n"));
    ck_assert(contains(flat, "SUMMARY:大会第六十七届会议\r\n"));
    ck_assert(contains(flat, "X-WR-CALNAME:E/RES/2012/5: "
                             "信息社会世界首脑会议成果文件执行和后续行动方面"
                             "进展情况评估\r\n"));
    /* and long Chinese lines were folded */
    ck_assert(count_of(ics, "\r\n ") > 10);
    free(flat);
    free(ics);
}
END_TEST

/* Days 4 096 apart (2013-01-01 and 2024-03-20, and the days after each)
   share a slot of a formatter's days met (iso_day): each is written as
   itself, in the order met, a series' occurrences too. */
START_TEST(days_far_apart_written_as_themselves)
{
    const char *spec =
        "import \"un\"\n"
        "resolution R {\n  symbol \"E/RES/2012/5\"\n  title en \"R\"\n"
        "  body ECOSOC\n  adopted 2012-07-24\n  operative 1..1\n}\n"
        "obligation a {\n  cites para 1\n  requests SG\n"
        "  action en \"A\"\n  due by 2013-01-01\n}\n"
        "obligation b {\n  cites para 1\n  requests SG\n"
        "  action en \"B\"\n  due by 2024-03-20\n}\n"
        "obligation c {\n  cites para 1\n  requests SG\n"
        "  action en \"C\"\n  due by 2013-01-02\n}\n"
        "obligation d {\n  cites para 1\n  requests SG\n"
        "  action en \"D\"\n  due by 2024-03-21\n}\n";
    WsisIcalOptions o = options("en");
    char *ics = ical_of(NULL, 0, spec, &o);
    ck_assert_ptr_nonnull(ics);
    const char *want[][3] = {{"UID:deadline-a.", "20130101", "20130102"},
                             {"UID:deadline-b.", "20240320", "20240321"},
                             {"UID:deadline-c.", "20130102", "20130103"},
                             {"UID:deadline-d.", "20240321", "20240322"}};
    for (size_t i = 0; i < 4; i++) {
        const char *c = strstr(ics, want[i][0]);
        ck_assert_ptr_nonnull(c);
        char start[64], end[64];
        snprintf(start, sizeof start, "\r\nDTSTART;VALUE=DATE:%s\r\n",
                 want[i][1]);
        snprintf(end, sizeof end, "\r\nDTEND;VALUE=DATE:%s\r\n",
                 want[i][2]);
        const char *next = strstr(c, "END:VEVENT");
        const char *s = strstr(c, start), *e = strstr(c, end);
        ck_assert(s && e && s < next && e < next);
    }
    free(ics);
}
END_TEST

/* The octets of the unit (a character, or an escape pair) at p. */
static size_t unit_at(const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (c == '\\')
        return 2;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Folds are whole (check_octets) and as late as they can be: a line that
   is continued could not have taken the next unit without passing 75
   octets.  Texts of ASCII, escapes and characters of two, three and four
   bytes, mixed at random (a fixed seed) so that folds fall on every kind
   of unit and at every offset in one. */
START_TEST(folds_whole_and_full)
{
    static const char *const pieces[] = {
        "a", "b", " ", "Z", ",", ";", "\\\\", "\\n", "é", "中", "😀", "¶"};
    enum { N = 400 };
    size_t cap = 600 * N + 4096, n = 0;
    char *spec = malloc(cap);
    n += (size_t)snprintf(spec + n, cap - n,
        "import \"un\"\n"
        "resolution R {\n  symbol \"E/RES/2012/5\"\n  title en \"R\"\n"
        "  body ECOSOC\n  adopted 2012-07-24\n  operative 1..1\n}\n");
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        n += (size_t)snprintf(spec + n, cap - n,
                              "obligation o%d {\n  cites para 1\n"
                              "  requests SG\n  action en \"", i);
        int len = 20 + i % 200;
        for (int k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % 12];
            /* runs of one kind too, so that long stretches of two-, three-
               and four-byte units meet a fold */
            int reps = (seed >> 28) == 0 ? 20 : 1;
            for (int r = 0; r < reps; r++)
                n += (size_t)snprintf(spec + n, cap - n, "%s", piece);
        }
        n += (size_t)snprintf(spec + n, cap - n,
                              "\"\n  due by 2013-01-01\n}\n");
        ck_assert(n < cap);
    }
    WsisIcalOptions o = options("en");
    char *ics = ical_of(NULL, 0, spec, &o);
    ck_assert_ptr_nonnull(ics);
    check_octets(ics, "random texts");
    size_t folds = 0;
    for (const char *p = ics; *p;) {
        const char *eol = strstr(p, "\r\n");
        if (eol[2] == ' ') {
            size_t len = (size_t)(eol - p);
            ck_assert_msg(len + unit_at(eol + 3) > 75,
                          "a fold after %zu octets, before a unit of %zu: "
                          "%.*s", len, unit_at(eol + 3), (int)len, p);
            folds++;
        }
        p = eol + 2;
    }
    ck_assert_uint_gt(folds, 2 * N);
    free(ics);
    free(spec);
}
END_TEST

/* An obligation with no summary is summed up by its action, cut to 72
   characters (40 in Chinese) at the last space past half of them, or
   else right there, with an ellipsis; characters are counted, not
   bytes. */
START_TEST(long_actions_cut_at_a_word)
{
    static const char *const actions[][3] = {
        {"en", "Submit to the Commission a yearly report on progress made in "
               "the implementation of the outcomes of the Summit",
         "SUMMARY:SG: Submit to the Commission a yearly report on progress "
         "made in the…\r\n"},
        {"en", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
               "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
         "SUMMARY:SG: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyy"
         "yyyyyyyyyyyyyyyyyy…\r\n"},
        {"en", "Seventy-two characters exactly: no cut and no ellipsis after"
               " it. 1234567",
         "SUMMARY:SG: Seventy-two characters exactly: no cut and no "
         "ellipsis after it. 1234567\r\n"},
        {"en", "Café-débat on the réseau numérique and the ciudadanía digital"
               " in the least developed countries",
         "SUMMARY:SG: Café-débat on the réseau numérique and the ciudadanía "
         "digital in the…\r\n"},
        {"en", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxécole",
         "SUMMARY:SG: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
         "xxxxxxxxxxxxxxé…\r\n"},
        {"zh", "信息社会世界首脑会议成果文件执行和后续行动方面进展情况评估以及"
               "互联网治理论坛的工作方法和成果的改进",
         "SUMMARY:秘书长：信息社会世界首脑会议成果文件执行和后续行动方面进展"
         "情况评估以及互联网治理论坛的工…\r\n"},
    };
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        char spec[1024];
        snprintf(spec, sizeof spec,
                 "import \"un\"\n"
                 "resolution R {\n  symbol \"E/RES/2012/5\"\n"
                 "  title en \"R\"\n  body ECOSOC\n  adopted 2012-07-24\n"
                 "  operative 1..1\n}\n"
                 "obligation a {\n  cites para 1\n  requests SG\n"
                 "  action %s \"%s\"\n  due by 2013-01-01\n}\n",
                 actions[i][0], actions[i][1]);
        WsisIcalOptions o = options(actions[i][0]);
        char *ics = ical_of(NULL, 0, spec, &o);
        ck_assert_ptr_nonnull(ics);
        char *flat = unfolded(ics);
        ck_assert_msg(contains(flat, actions[i][2]), "no %s in:\n%s",
                      actions[i][2], flat);
        free(flat);
        free(ics);
    }
}
END_TEST

START_TEST(uids_are_stable_and_unique)
{
    const char *paths[] = {EXAMPLE};
    WsisIcalOptions a = options("en"), b = options("zh");
    b.stamp = STAMP + 86400;
    char *x = ical_of(paths, 1, NULL, &a);
    char *y = ical_of(paths, 1, NULL, &b);
    /* the same UIDs whatever the language or the day: an update, not a
       duplicate; and a later run has a higher SEQUENCE */
    int n = 0;
    for (const char *p = x; (p = strstr(p, "\r\nUID:")) != NULL; p += 6, n++) {
        const char *e = strstr(p + 2, "\r\n");
        char uid[200];
        snprintf(uid, sizeof uid, "%.*s", (int)(e - p), p);
        ck_assert_int_eq(count_of(x, uid), 1);
        ck_assert_int_eq(count_of(y, uid), 1);
    }
    ck_assert_int_ge(n, 15);
    ck_assert(contains(x, "\r\nSEQUENCE:7097760\r\n"));
    ck_assert(contains(y, "\r\nSEQUENCE:7099200\r\n"));
    ck_assert(contains(y, "\r\nDTSTAMP:20130701T000000Z\r\n"));
    free(x);
    free(y);
}
END_TEST

Suite *suite_ical(void)
{
    ngoldens = list_specs("tests/ical", &goldens);
    Suite *s = suite_create("ical");
    TCase *t = tcase_create("calendar");
    tcase_set_timeout(t, 60);
    tcase_add_loop_test(t, golden_calendar, 0, ngoldens);
    tcase_add_test(t, example_calendars_read_back);
    tcase_add_test(t, igf_is_an_all_day_event_with_exclusive_end);
    tcase_add_test(t, rrule_expansion_matches_dates);
    tcase_add_test(t, sg_report_is_one_component_with_rrule);
    tcase_add_test(t, chinese_titles_with_english_fallback);
    tcase_add_test(t, days_far_apart_written_as_themselves);
    tcase_add_test(t, uids_are_stable_and_unique);
    tcase_add_test(t, folds_whole_and_full);
    tcase_add_test(t, long_actions_cut_at_a_word);
    suite_add_tcase(s, t);
    return s;
}
