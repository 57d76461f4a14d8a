#define _DEFAULT_SOURCE 1   /* usleep */
/*
 * test_cli.c - the wsisc command as a user runs it: exit statuses, what
 * goes to stdout and stderr, options, and files that are not files.
 * The binary is $WSISC (make check sets it), else build/wsisc.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests.h"

typedef struct Run {
    int status;        /* exit status, or 128 + signal */
    char *out, *err;
} Run;

/* Runs wsisc with args (NULL-terminated) and env additions "K=V". */
static Run wsisc(const char *const *args, const char *const *env)
{
    const char *bin = getenv("WSISC");
    if (!bin)
        bin = "build/wsisc";
    char out[] = "/tmp/wsisc-out-XXXXXX", err[] = "/tmp/wsisc-err-XXXXXX";
    int fo = mkstemp(out), fe = mkstemp(err);
    ck_assert(fo >= 0 && fe >= 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(fo, 1);
        dup2(fe, 2);
        int in = open("/dev/null", O_RDONLY);
        dup2(in, 0);
        for (const char *const *e = env; e && *e; e++)
            putenv((char *)*e);
        const char *argv[32] = {"wsisc"};
        int n = 1;
        for (const char *const *a = args; *a && n < 31; a++)
            argv[n++] = *a;
        argv[n] = NULL;
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    int st;
    ck_assert(waitpid(pid, &st, 0) == pid);
    Run r;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp(out, NULL);
    r.err = slurp(err, NULL);
    close(fo);
    close(fe);
    unlink(out);
    unlink(err);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

#define EXAMPLE_SPEC "examples/ecosoc-2012-5.wsis"
#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

START_TEST(help_and_version)
{
    Run r = wsisc(ARGS("--help"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "Usage: wsisc COMMAND"));
    ck_assert(contains(r.out, "check"));
    ck_assert(contains(r.out, "Exit status"));
    run_free(&r);
    r = wsisc(ARGS("check", "--help"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "-I DIR"));
    run_free(&r);
    r = wsisc(ARGS("--version"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(strncmp(r.out, "wsisc ", 6) == 0);
    run_free(&r);
}
END_TEST

START_TEST(usage_errors_exit_2)
{
    const char *const *cases[] = {
        ARGS("frobnicate"), ARGS("check"), ARGS("check", "--bogus", "x"),
        ARGS("check", "-I"), ARGS("check", "--color=purple", "x"),
        ARGS("check", "--max-errors=-1", "x"), ARGS("--werror"),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run r = wsisc(cases[i], NULL);
        ck_assert_int_eq(r.status, 2);
        ck_assert(contains(r.err, "wsisc: error: "));
        ck_assert(contains(r.err, "Try 'wsisc --help'"));
        ck_assert_str_eq(r.out, "");
        run_free(&r);
    }
    Run r = wsisc((const char *const[]){NULL}, NULL);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
}
END_TEST

START_TEST(files_that_are_not_specs_exit_2)
{
    char fifo[] = "/tmp/wsisc-fifo-XXXXXX";
    int fd = mkstemp(fifo);
    close(fd);
    unlink(fifo);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    static const char *what[] = {"no such file", "is a directory",
                                 "not a regular file", "not a regular file"};
    const char *files[] = {"tests/cases/none.wsis", "tests", "/dev/null",
                           fifo};
    for (int i = 0; i < 4; i++) {
        Run r = wsisc(ARGS("check", files[i]), NULL);
        ck_assert_int_eq(r.status, 2);
        ck_assert_msg(contains(r.err, "wsisc: error: cannot read"), "%s",
                      r.err);
        char low[256];
        size_t n = strlen(r.err) < 255 ? strlen(r.err) : 255;
        for (size_t k = 0; k < n; k++)
            low[k] = (char)(r.err[k] >= 'A' && r.err[k] <= 'Z'
                                ? r.err[k] + 32 : r.err[k]);
        low[n] = '\0';
        ck_assert_msg(contains(low, what[i]) ||
                          (i == 0 && contains(low, "no such file")),
                      "%s", r.err);
        run_free(&r);
    }
    unlink(fifo);
}
END_TEST

START_TEST(clean_example_prints_nothing)
{
    Run r = wsisc(ARGS("check", "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "");
    run_free(&r);
}
END_TEST

START_TEST(summary_counts_paragraphs)
{
    Run r = wsisc(ARGS("check", "--summary", "examples/ecosoc-2012-5.wsis"),
                  NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "E/RES/2012/5"));
    ck_assert(contains(r.out, "44 of 44"));
    run_free(&r);
}
END_TEST

START_TEST(spec_errors_exit_1)
{
    Run r = wsisc(ARGS("check", "-I", "tests/cases/lib",
                       "tests/cases/E0201-unknown-name.wsis"), NULL);
    ck_assert_int_eq(r.status, 1);
    char *want = slurp("tests/cases/E0201-unknown-name.err", NULL);
    ck_assert_str_eq(r.err, want);
    ck_assert_str_eq(r.out, "");
    free(want);
    run_free(&r);
}
END_TEST

START_TEST(warnings_exit_0_unless_werror)
{
    Run r = wsisc(ARGS("check", "tests/cases/W0402-coverage.wsis"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.err, "warning: operative paragraph 2"));
    run_free(&r);
    r = wsisc(ARGS("check", "--werror", "tests/cases/W0402-coverage.wsis"),
              NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert(contains(r.err, "error: operative paragraph 2"));
    run_free(&r);
}
END_TEST

START_TEST(colour_follows_option_and_no_color)
{
    Run r = wsisc(ARGS("check", "--color=always",
                       "tests/cases/W0402-coverage.wsis"), NULL);
    ck_assert(contains(r.err, "\033["));
    run_free(&r);
    r = wsisc(ARGS("check", "tests/cases/W0402-coverage.wsis"),
              ARGS("NO_COLOR=1"));
    ck_assert(!contains(r.err, "\033["));
    run_free(&r);
}
END_TEST

START_TEST(search_path_from_option_and_environment)
{
    /* cyc_a's cycle is only found when tests/cases/lib is searched */
    Run r = wsisc(ARGS("check", "tests/cases/E0102-import-cycle.wsis"), NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert(contains(r.err, "cannot find import 'cyc_a' [E0101]"));
    run_free(&r);
    r = wsisc(ARGS("check", "tests/cases/E0102-import-cycle.wsis"),
              ARGS("WSIS_PATH=/nonexistent:tests/cases/lib"));
    ck_assert_int_eq(r.status, 1);
    ck_assert(contains(r.err, "[E0102]"));
    run_free(&r);
}
END_TEST

START_TEST(max_errors_option)
{
    Run r = wsisc(ARGS("check", "--max-errors=2",
                       "tests/cases/limit-too-many-errors.wsis"), NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_int_eq(count_of(r.err, "[E0301]"), 2);
    ck_assert(contains(r.err, "too many errors (2)"));
    run_free(&r);
}
END_TEST

/* -j: files parsed ahead on other threads give the same output, the same
   diagnostics in the same order and the same status as one thread, with
   errors in files parsed ahead, files that are not there, a byte order
   mark, a file named twice, and lines quoted from files parsed ahead. */
START_TEST(jobs_change_nothing_but_time)
{
    const char *const *cases[] = {
        ARGS("check", "--today=2016-06-30", EXAMPLE_SPEC,
             "examples/ecosoc-2012-5-progress.wsis"),
        ARGS("ical", "--today=2016-06-30", EXAMPLE_SPEC,
             "examples/ecosoc-2012-5-progress.wsis"),
        ARGS("check", EXAMPLE_SPEC, "tests/cases/E0001-three-errors.wsis",
             "tests/cases/no-such-file.wsis", "tests/cases",
             "tests/cases/E0004-bad-escape.wsis",
             "tests/cases/E0009-bom-and-comment.wsis",
             "tests/cases/E0009-empty-file.wsis", EXAMPLE_SPEC),
        ARGS("check", "--max-errors=3", "tests/cases/E0201-unknown-name.wsis",
             "tests/cases/E0202-redefinition.wsis",
             "tests/cases/W0402-coverage.wsis",
             "tests/cases/E0301-invalid-date.wsis"),
        ARGS("check", "tests/cases/E0202-redefinition.wsis",
             "tests/cases/E0201-unknown-verb.wsis",
             "tests/cases/W0603-open-ended.wsis",
             "tests/cases/clean-minimal.wsis"),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *one[32] = {cases[i][0], "-j", "1"};
        const char *many[32] = {cases[i][0], "--jobs=3"};
        size_t n = 1;
        for (; cases[i][n]; n++) {
            one[n + 2] = cases[i][n];
            many[n + 1] = cases[i][n];
        }
        Run a = wsisc(one, NULL), b = wsisc(many, NULL);
        ck_assert_int_eq(a.status, b.status);
        ck_assert_str_eq(a.out, b.out);
        ck_assert_str_eq(a.err, b.err);
        ck_assert_int_eq(a.status, i < 2 ? 0 : i == 2 ? 2 : 1);
        if (i >= 2)
            ck_assert(contains(a.err, ": error: "));
        run_free(&a);
        run_free(&b);
    }
    const char *const *bad[] = {
        ARGS("check", "-j", "0", EXAMPLE_SPEC),
        ARGS("check", "--jobs=65", EXAMPLE_SPEC),
        ARGS("check", "-j", "two", EXAMPLE_SPEC),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Run r = wsisc(bad[i], NULL);
        ck_assert_int_eq(r.status, 2);
        ck_assert(contains(r.err, "invalid --jobs"));
        run_free(&r);
    }
}
END_TEST

/* Makes the temporary directory dir (a mkdtemp template, rewritten in
   place), then, for each pair of arguments up to a NULL, writes into the
   first (64 bytes) the path in it of the file named by the second. */
static void in_temp_dir(char *dir, ...)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    va_list ap;
    va_start(ap, dir);
    char *path;
    while ((path = va_arg(ap, char *)) != NULL) {
        const char *name = va_arg(ap, const char *);
        ck_assert_int_lt(snprintf(path, 64, "%s/%s", dir, name), 64);
    }
    va_end(ap);
}

/* A spec file at path, opened for writing, that begins with the
   resolution R of paragraphs 1..operative (the obligations follow). */
static FILE *large_spec(const char *path, int operative)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "import \"un\"\nresolution R {\n  symbol \"E/RES/2012/5\"\n"
               "  title en \"Large\"\n  body ECOSOC\n  adopted 2012-07-24\n"
               "  operative 1..%d\n}\n", operative);
    return f;
}

/* Writes a spec of n obligations citing paragraphs 1..cited of 1..300 in
   order (the last ones only by the last obligations); bad[k] >= 0 puts an
   error of kind k into obligation bad[k]: an unknown entity, an unknown
   verb, a day that does not exist. */
static void write_big_spec(const char *path, int n, int cited,
                           const int bad[3])
{
    FILE *f = large_spec(path, 300);
    for (int i = 0; i < n; i++) {
        char due[16];
        snprintf(due, sizeof due, "2013-%02d-%02d", i % 12 + 1, i % 28 + 1);
        fprintf(f, "obligation o%05d {\n  cites para %d\n  %s %s\n"
                "  action en \"Report %d\"\n  due by %s\n}\n", i,
                1 + (int)((long)i * cited / n),
                i == bad[1] ? "requestz" : "requests",
                i == bad[0] ? "SGG" : "SG", i,
                i == bad[2] ? "2013-02-30" : due);
    }
    ck_assert_int_eq(fclose(f), 0);
}

/* Runs args with -j 1, -j 2 and --jobs=5 and checks that all three give
   the same status, output and diagnostics; returns the first run. */
static Run same_whatever_jobs(const char *const *args)
{
    const char *one[16] = {args[0], "-j", "1"};
    const char *two[16] = {args[0], "-j", "2"};
    const char *five[16] = {args[0], "--jobs=5"};
    for (size_t n = 1; args[n]; n++) {
        one[n + 2] = two[n + 2] = args[n];
        five[n + 1] = args[n];
    }
    Run a = wsisc(one, NULL), b = wsisc(two, NULL), c = wsisc(five, NULL);
    ck_assert_int_eq(a.status, b.status);
    ck_assert_int_eq(a.status, c.status);
    /* (not ck_assert_str_eq: a calendar is too long for its message) */
    ck_assert_msg(strcmp(a.out, b.out) == 0, "-j 2 printed another output");
    ck_assert_msg(strcmp(a.out, c.out) == 0, "-j 5 printed another output");
    ck_assert_str_eq(a.err, b.err);
    ck_assert_str_eq(a.err, c.err);
    run_free(&b);
    run_free(&c);
    return a;
}

/* A file parsed ahead on another thread is parsed there without
   look-ahead correction (LAC), which changes what a syntax error says is
   expected; the loader parses such a file again, with it: the message is
   LAC's, whatever the jobs. */
START_TEST(syntax_errors_parsed_ahead_say_what_lac_says)
{
    char dir[] = "/tmp/wsisc-lac-XXXXXX";
    char bad[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(bad, sizeof bad, "%s/bad.wsis", dir);
    FILE *f = fopen(bad, "w");
    ck_assert_ptr_nonnull(f);
    /* after `paragraph 3`, LAC finds that a name or a '(' may follow;
       without it, a default reduction leaves only a name (the document
       before it gives the parse a tree to keep) */
    fputs("document memo {\n  symbol \"A/67/1\"\n}\nparagraph 3 }\n", f);
    ck_assert_int_eq(fclose(f), 0);
    Run a = same_whatever_jobs(ARGS("check", EXAMPLE_SPEC,
                                    "tests/cases/clean-minimal.wsis", bad,
                                    "examples/ecosoc-2012-5-progress.wsis"));
    ck_assert_int_eq(a.status, 1);
    ck_assert(contains(a.err, "unexpected '}', expecting name or '('"));
    run_free(&a);
    unlink(bad);
    rmdir(dir);
}
END_TEST

/* Lines of s that start with prefix.  Not count_of: AddressSanitizer's
   strstr measures the rest of the haystack on every call, which on a
   calendar of 20 MB is quadratic. */
static size_t lines_starting(const char *s, const char *prefix)
{
    size_t n = 0, k = strlen(prefix);
    for (const char *p = s; p; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        n += strncmp(p, prefix, k) == 0;
    }
    return n;
}

/* A calendar formatted on several threads (-j, past 8 192 items, in
   chunks of 2 048, more than the eight a writer lets be ahead) is the same
   bytes as from one thread, whatever the options. */
START_TEST(calendars_on_threads_change_nothing)
{
    char dir[] = "/tmp/wsisc-icalj-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char spec[64];
    snprintf(spec, sizeof spec, "%s/big.wsis", dir);
    enum { N = 21000 };
    write_big_spec(spec, N, 300, (const int[3]){-1, -1, -1});
    const char *const *cases[] = {
        ARGS("ical", "--today=2016-06-30", spec),
        ARGS("ical", "--today=2016-06-30", "--lang=zh", "--todo",
             "--alarm=3", spec),
        ARGS("ical", "--today=2016-06-30", "--actor=UN", spec),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run a = same_whatever_jobs(cases[i]);
        ck_assert_int_eq(a.status, 0);
        ck_assert_uint_eq(lines_starting(a.out, i == 1 ? "BEGIN:VTODO"
                                                       : "BEGIN:VEVENT"), N);
        run_free(&a);
    }
    unlink(spec);
    rmdir(dir);
}
END_TEST

/* A spec of n obligations whose schedule has work for the solver's parts:
   every third recurs yearly, due before each year's CSTD session, every
   fifth is counted from one of the two before it; rec_bad recurs past the
   last CSTD session declared, day_bad counts a month from 31 January, and
   the two in nodue have no deadline (a warning) (-1: none). */
/* A spec of n obligations for the solver's parts: rec_bad and day_bad
   give a recurrence and a single deadline that cannot be worked out,
   nodue two obligations with no deadline (warnings), and dates_bad three
   whose dates are found but do not hold: one past the year 9999 (counted
   from the obligation before it, a single deadline), one due
   before its parent (part_of the one before it) and one due before the
   resolution's adoption (-1: none). */
static void write_sched_spec(const char *path, int n, int rec_bad,
                             int day_bad, const int nodue[2],
                             const int dates_bad[3])
{
    FILE *f = large_spec(path, 1);
    for (int i = 0; i < n; i++) {
        fprintf(f, "obligation s%05d {\n  cites para 1\n  requests SG\n"
                "  action en \"Report %d\"\n", i, i);
        if (i == rec_bad)
            fputs("  every year from 2013 until 2030\n"
                  "  due 30 days before session CSTD\n", f);
        else if (i == dates_bad[0])
            fprintf(f, "  due 3000000 days after s%05d\n", i - 1);
        else if (i == dates_bad[1])
            fprintf(f, "  due by 2014-12-31\n  part_of s%05d\n", i - 1);
        else if (i == dates_bad[2])
            fputs("  due by 2011-01-01\n", f);
        else if (i % 3 == 0)
            fputs("  every year from 2013 until 2015\n"
                  "  due 30 days before session CSTD\n", f);
        else if (i == day_bad)
            fputs("  due 1 month after 2013-01-31\n", f);
        else if (i == nodue[0] || i == nodue[1])
            ;
        else if (i % 5 == 0)    /* the one before, unless it recurs */
            fprintf(f, "  due 10 days after s%05d\n",
                    (i - 1) % 3 ? i - 1 : i - 2);
        else
            fprintf(f, "  due by 2013-%02d-%02d\n", i % 12 + 1, i % 28 + 1);
        fputs("}\n", f);
    }
    ck_assert_int_eq(fclose(f), 0);
}

/* The solver's passes over every obligation (recurrences, the rules of
   the others, their deadlines from the bounds found, the checks on the
   dates found) run in parts on threads past 20 000 of them: the same
   dates, and, when a part has something to report, the same diagnostics
   in the same order as from one thread. */
START_TEST(schedules_on_threads_change_nothing)
{
    char dir[] = "/tmp/wsisc-schedj-XXXXXX";
    char clean[64], bad[64], warn[64], dates[64];
    in_temp_dir(dir, clean, "clean.wsis", bad, "bad.wsis", warn,
                "warn.wsis", dates, "dates.wsis", NULL);
    enum { N = 31000 };     /* 20 667 single obligations */
    const int none[3] = {-1, -1, -1};
    write_sched_spec(clean, N, -1, -1, (const int[2]){-1, -1}, none);
    /* an error in the second part of the recurrences, and one in the
       first part of the single deadlines */
    write_sched_spec(bad, N, 20001, 5002, (const int[2]){-1, -1}, none);
    /* warnings, one in each half: the declarations are checked in parts */
    write_sched_spec(warn, N, -1, -1, (const int[2]){2002, 19001}, none);
    /* dates found that do not hold: past 9999 in the first part of the
       single deadlines, then, among the checks on the dates found, a child
       due after its parent in the first part and a deadline before the
       adoption in the second (the parent, s10004, is a single deadline) */
    write_sched_spec(dates, N, -1, -1, (const int[2]){-1, -1},
                     (const int[3]){5003, 10005, 25001});
    const char *const *cases[] = {
        ARGS("dates", "--today=2016-06-30", clean),
        ARGS("ical", "--today=2016-06-30", clean),
        ARGS("check", "--today=2016-06-30", bad),
        ARGS("check", "--max-errors=1", bad),
        ARGS("check", "--today=2016-06-30", warn),
        ARGS("check", "--today=2016-06-30", dates),
        ARGS("check", "--max-errors=2", dates),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run a = same_whatever_jobs(cases[i]);
        ck_assert_int_eq(a.status, i < 2 || i == 4 ? 0 : 1);
        if (i == 5) {   /* the three, in order */
            const char *e1 = strstr(a.err, "'s05003' would be due after");
            const char *e2 = strstr(a.err, "'s10005' is part of 's10004'");
            const char *e3 = strstr(a.err, "'s25001' is due on 2011-01-01");
            ck_assert(strstr(a.err, "falls outside the years 1 to 9999"));
            ck_assert(e1 && e2 && e3 && e1 < e2 && e2 < e3);
        }
        if (i == 4) {   /* both warnings, in order */
            const char *w1 = strstr(a.err, "'s02002' has no deadline");
            const char *w2 = strstr(a.err, "'s19001' has no deadline");
            ck_assert(w1 && w2 && w1 < w2);
        }
        if (i == 0)     /* a recurrence and a deadline counted from another */
            ck_assert(contains(a.out, "s03000") && contains(a.out, "s00010") &&
                      contains(a.out, "10 days after 's00008'"));
        if (i == 2) {   /* both errors, in order */
            const char *e1 = strstr(a.err, "[E0505]");
            const char *e2 = strstr(a.err, "[E0506]");
            ck_assert(e1 && e2 && e1 < e2);
        }
        run_free(&a);
    }
    unlink(clean);
    unlink(bad);
    unlink(warn);
    unlink(dates);
    rmdir(dir);
}
END_TEST

/* The cycle search follows the rules of past 20 000 items on two threads
   (each finding the obligations its half's rules name) before walking
   them: every cycle, reported in the same order and words as from one
   thread, one within the first half, one across the halves and one of
   three within the second, with chains of rules between them. */
START_TEST(cycles_on_threads_change_nothing)
{
    char dir[] = "/tmp/wsisc-cyclej-XXXXXX";
    char spec[64];
    in_temp_dir(dir, spec, "cycles.wsis", NULL);
    FILE *f = large_spec(spec, 1);
    enum { N = 30000 };
    for (int i = 0; i < N; i++) {
        fprintf(f, "obligation c%05d {\n  cites para 1\n  requests SG\n"
                "  action en \"Report %d\"\n", i, i);
        if (i == 1000)
            fputs("  due after c01001\n", f);
        else if (i == 1001)
            fputs("  due before c01000\n", f);
        else if (i == 14000)
            fputs("  due 5 days after c16000\n", f);
        else if (i == 16000)
            fputs("  due by c14000\n", f);
        else if (i >= 20000 && i <= 20002)
            fprintf(f, "  due 2 days after c%05d\n",
                    i == 20002 ? 20000 : i + 1);
        else if (i % 7 == 0 && i > 0)
            fprintf(f, "  due 3 days after c%05d\n", i - 1);
        else
            fprintf(f, "  due by 2014-%02d-%02d\n", i % 12 + 1, i % 28 + 1);
        fputs("}\n", f);
    }
    ck_assert_int_eq(fclose(f), 0);
    Run a = same_whatever_jobs(ARGS("check", "--today=2016-06-30", spec));
    ck_assert_int_eq(a.status, 1);
    const char *c1 = strstr(a.err, "'c01000' and 'c01001' depend on each "
                                   "other in a cycle");
    const char *c2 = strstr(a.err, "'c14000' and 'c16000' depend on each "
                                   "other in a cycle");
    const char *c3 = strstr(a.err, "'c20000', 'c20001' and 'c20002' depend "
                                   "on each other in a cycle");
    ck_assert(c1 && c2 && c3 && c1 < c2 && c2 < c3);
    ck_assert_int_eq(count_of(a.err, "[E0501]"), 3);
    run_free(&a);
    unlink(spec);
    rmdir(dir);
}
END_TEST

/* An obligation whose rule gives no day leaves the solver with all its
   rules (tests/cases/E0506-failed-rule-drops-its-edges), past 20 000
   items too, where fixed bounds are set on two threads and a half that
   fails is done again on one: nine such, each between two others whose
   rules it would otherwise chain into deadlines that cannot hold, give
   nine errors and nothing else, whatever the jobs. */
START_TEST(failed_rules_on_threads_drop_their_edges)
{
    char dir[] = "/tmp/wsisc-failj-XXXXXX";
    char spec[64];
    in_temp_dir(dir, spec, "failed.wsis", NULL);
    FILE *f = large_spec(spec, 1);
    enum { N = 8000 };
    for (int k = 0; k < N; k++) {
        bool bad = k % 997 == 5;
        fprintf(f, "obligation a%d {\n  cites para 1\n  requests SG\n"
                "  action en \"Report\"\n  due before b%d\n"
                "  due after y%d\n  %s\n}\n", k, k, k,
                bad ? "due 1 month after 2013-01-31" : "due by 2013-07-01");
        fprintf(f, "obligation b%d {\n  cites para 1\n  requests SG\n"
                "  action en \"Report first\"\n  due by %s\n}\n", k,
                bad ? "2013-05-01" : "2013-08-01");
        fprintf(f, "obligation y%d {\n  cites para 1\n  requests SG\n"
                "  action en \"Report later\"\n"
                "  due after 2013-06-01\n}\n", k);
    }
    ck_assert_int_eq(fclose(f), 0);
    Run a = same_whatever_jobs(ARGS("check", "--today=2016-06-30",
                                    "--max-errors=0", spec));
    ck_assert_int_eq(a.status, 1);
    ck_assert_int_eq(count_of(a.err, "[E0506]"), 9);
    ck_assert_int_eq(count_of(a.err, "error:"), 9);
    run_free(&a);
    unlink(spec);
    rmdir(dir);
}
END_TEST

/* Progress records for n obligations of write_sched_spec (recurring ones
   by year); bad_occ leaves its occurrence out, bad_name names no
   obligation (-1: none). */
static void write_progress(const char *path, int n, int bad_occ,
                           int bad_name)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < n; i++) {
        if (i == bad_name)
            fprintf(f, "progress nobody%d {\n", i);
        else if (i % 3 == 0 && i != bad_occ)
            fprintf(f, "progress s%05d 2014 {\n", i);
        else
            fprintf(f, "progress s%05d {\n", i);
        fprintf(f, "  %s 2014-%02d-%02d\n  ref \"A/69/%d\"\n}\n",
                i % 4 ? "done" : "in_progress", i % 12 + 1, i % 28 + 1, i);
    }
    ck_assert_int_eq(fclose(f), 0);
}

/* Progress records matched in parts on threads (-j, past 10 000 of them):
   the same report, and the same diagnostics when a part has something to
   say, as from one thread. */
START_TEST(progress_on_threads_changes_nothing)
{
    char dir[] = "/tmp/wsisc-progj-XXXXXX";
    char spec[64], good[64], bad[64];
    in_temp_dir(dir, spec, "spec.wsis", good, "good.wsis", bad, "bad.wsis",
                NULL);
    enum { N = 24000, P = 12000 };
    write_sched_spec(spec, N, -1, -1, (const int[2]){-1, -1},
                     (const int[3]){-1, -1, -1});
    write_progress(good, P, -1, -1);
    /* an error in the first part and one in the second */
    write_progress(bad, P, 2001, 9001);
    const char *const *cases[] = {
        ARGS("check", "--today=2016-06-30", spec, good),
        ARGS("report", "--today=2016-06-30", "--as-of=2016-06-30", spec,
             good),
        ARGS("check", "--today=2016-06-30", spec, bad),
        ARGS("check", "--max-errors=1", "--today=2016-06-30", spec, bad),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run a = same_whatever_jobs(cases[i]);
        ck_assert_int_eq(a.status, i < 2 ? 0 : 1);
        if (i == 1)     /* records of both parts reached the report */
            ck_assert(contains(a.out, "A/69/17") &&
                      contains(a.out, "A/69/11998"));
        if (i == 2) {   /* both errors, in order */
            const char *e1 = strstr(a.err, "[E0701]");
            const char *e2 = strstr(a.err, "[E0201]");
            ck_assert(e1 && e2 && e1 < e2);
        }
        run_free(&a);
    }
    unlink(spec);
    unlink(good);
    unlink(bad);
    rmdir(dir);
}
END_TEST

/* Progress records for the n obligations of write_sched_spec in the
   spec's order, a few at a time: every seventh is left out, every fourth
   block of 100 runs backwards, and each block of 1 000 ends with a record
   for an obligation long past.  Returns how many were written. */
static int write_progress_mostly_in_order(const char *path, int n)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    int count = 0;
    for (int b = 0; b < n; b += 100) {
        for (int k = 0; k < 100 && b + k < n; k++) {
            int i = (b / 100) % 4 == 3 ? b + 99 - k : b + k;
            if (i >= n || i % 7 == 3)
                continue;
            if (k == 99 && b % 1000 == 900 && b >= 2000) {
                i = b - 1990;   /* long past, one left out above */
                i -= (i % 7 + 4) % 7;
            }
            fprintf(f, "progress s%05d%s {\n  done 2014-%02d-%02d\n"
                    "  ref \"A/69/%d\"\n}\n", i, i % 3 ? "" : " 2014",
                    i % 12 + 1, i % 28 + 1, i);
            count++;
        }
    }
    ck_assert_int_eq(fclose(f), 0);
    return count;
}

/* Where needle is within the len bytes at line, or NULL. */
static const char *in_line(const char *line, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= len; i++)
        if (memcmp(line + i, needle, k) == 0)
            return line + i;
    return NULL;
}

/* Records that follow their spec's order are found by looking just past
   the last one's obligation (progress.c): each must still reach its own
   obligation, whether in order, backwards, after a gap or far out of
   order, on one thread or in parts.  Obligations s00000.. differ only in
   their last digits. */
START_TEST(records_in_spec_order_reach_their_own_obligation)
{
    char dir[] = "/tmp/wsisc-order-XXXXXX";
    char spec[64], prog[64];
    in_temp_dir(dir, spec, "spec.wsis", prog, "progress.wsis", NULL);
    enum { N = 24000 };
    write_sched_spec(spec, N, -1, -1, (const int[2]){-1, -1},
                     (const int[3]){-1, -1, -1});
    int records = write_progress_mostly_in_order(prog, N);
    ck_assert_int_gt(records, 10000);   /* enough to be matched in parts */
    Run a = same_whatever_jobs(ARGS("report", "--today=2016-06-30",
                                     "--as-of=2016-06-30", spec, prog));
    ck_assert_int_eq(a.status, 0);
    /* each record's ref names the obligation it is for */
    int current = -1, refs = 0;
    for (const char *line = a.out; *line;) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        const char *ob = in_line(line, len, "<obligation id=\"s");
        const char *ref = in_line(line, len, "<ref>A/69/");
        if (ob)
            current = atoi(ob + 17);
        if (ref) {
            ck_assert_msg(atoi(ref + 10) == current,
                          "the record for s%05d reached s%05d",
                          atoi(ref + 10), current);
            refs++;
        }
        line += len + (eol != NULL);
    }
    ck_assert_int_eq(refs, records);
    run_free(&a);
    unlink(spec);
    unlink(prog);
    rmdir(dir);
}
END_TEST

/* Checking declarations on several threads (-j, past 20 000 of them) gives
   the same diagnostics in the same order, the same coverage of operative
   paragraphs and the same status as one thread, with errors in each part
   and a limit on errors that stops in the middle. */
START_TEST(checks_on_threads_change_nothing)
{
    char dir[] = "/tmp/wsisc-split-XXXXXX";
    char clean[64], bad[64], holes[64];
    in_temp_dir(dir, clean, "clean.wsis", bad, "bad.wsis", holes,
                "holes.wsis", NULL);
    enum { N = 21000 };     /* just past where checks are split */
    /* the later paragraphs are cited only from the later parts: the
       coverage each thread saw must add up (W0402 otherwise) */
    write_big_spec(clean, N, 300, (const int[3]){-1, -1, -1});
    write_big_spec(bad, N, 300, (const int[3]){7, 10501, 20998});
    write_big_spec(holes, N, 299, (const int[3]){-1, -1, -1});
    const char *const *cases[] = {
        ARGS("check", "--today=2016-06-30", clean),
        ARGS("dates", "--today=2016-06-30", clean),
        ARGS("check", "--today=2016-06-30", bad),
        ARGS("check", "--max-errors=2", bad),
        ARGS("check", "--max-errors=1", bad),
        ARGS("check", "--today=2016-06-30", holes),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *one[16] = {cases[i][0], "-j", "1"};
        const char *two[16] = {cases[i][0], "-j", "2"};
        const char *five[16] = {cases[i][0], "--jobs=5"};
        size_t n = 1;
        for (; cases[i][n]; n++) {
            one[n + 2] = two[n + 2] = cases[i][n];
            five[n + 1] = cases[i][n];
        }
        /* five threads (more parts, more boundaries) for the errors */
        Run a = wsisc(one, NULL), b = wsisc(two, NULL);
        Run c = i == 2 || i == 3 ? wsisc(five, NULL) : b;
        ck_assert_int_eq(a.status, b.status);
        ck_assert_int_eq(a.status, c.status);
        ck_assert_str_eq(a.out, b.out);
        ck_assert_str_eq(a.out, c.out);
        ck_assert_str_eq(a.err, b.err);
        ck_assert_str_eq(a.err, c.err);
        ck_assert_int_eq(a.status, i >= 2 && i <= 4 ? 1 : 0);
        if (i == 2) {       /* one error from each part, in order */
            const char *e1 = strstr(a.err, "unknown entity 'SGG'");
            const char *e2 = strstr(a.err, "unknown verb 'requestz'");
            const char *e3 = strstr(a.err, "invalid date");
            ck_assert(e1 && e2 && e3 && e1 < e2 && e2 < e3);
        }
        if (i == 5)
            ck_assert(contains(a.err, "[W0402]"));
        else
            ck_assert(!contains(a.err, "[W0402]"));
        if (i == 2 || i == 3)
            run_free(&c);
        run_free(&a);
        run_free(&b);
    }
    unlink(clean);
    unlink(bad);
    unlink(holes);
    rmdir(dir);
}
END_TEST

/* Names declared on several threads at once (-j, past 20 000 of them):
   where a key comes twice (a redefinition; a session that a spec declares
   again over the library's) they are declared again on one thread, so the
   first declaration wins and the diagnostics are those of one thread. */
START_TEST(names_declared_on_threads_change_nothing)
{
    char dir[] = "/tmp/wsisc-decl-XXXXXX";
    char big[64], twice[64], again[64];
    in_temp_dir(dir, big, "big.wsis", twice, "twice.wsis", again,
                "again.wsis", NULL);
    write_big_spec(big, 21000, 300, (const int[3]){-1, -1, -1});
    FILE *f = fopen(twice, "w");
    ck_assert_ptr_nonnull(f);
    fputs("import \"un\"\n"
          "obligation o20999 {\n  cites para 1\n  requests SG\n"
          "  action en \"Again\"\n  due by 2014-01-01\n}\n"
          "event o00002 {\n  on 2014-02-02\n}\n", f);
    ck_assert_int_eq(fclose(f), 0);
    f = fopen(again, "w");
    ck_assert_ptr_nonnull(f);
    fputs("import \"un\"\n"
          "session GA 68 {\n  from 2013-09-10 to 2014-09-15\n}\n"
          "obligation late {\n  cites para 1\n  requests SG\n"
          "  action en \"Late\"\n  due during session GA 68\n}\n", f);
    ck_assert_int_eq(fclose(f), 0);
    const char *const *cases[] = {
        ARGS("check", "--today=2016-06-30", big),
        ARGS("check", "--today=2016-06-30", big, twice),
        ARGS("dates", "--today=2016-06-30", big, again),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run a = same_whatever_jobs(cases[i]);
        ck_assert_int_eq(a.status, i == 1 ? 1 : 0);
        if (i == 1) {   /* the second of each is the one reported */
            const char *e1 = strstr(a.err, "redefinition of obligation "
                                           "'o20999'");
            const char *e2 = strstr(a.err, "'o00002' redeclared as an "
                                           "event");
            ck_assert(e1 && e2 && e1 < e2);
            ck_assert(contains(a.err, "twice.wsis:2:12: error"));
        }
        if (i == 2)     /* the spec's session, not the library's */
            ck_assert(contains(a.out, "late") &&
                      contains(a.out, "2014-09-15"));
        run_free(&a);
    }
    unlink(big);
    unlink(twice);
    unlink(again);
    rmdir(dir);
}
END_TEST

START_TEST(dates_command)
{
    Run r = wsisc(ARGS("dates", "--today=2013-06-30",
                       "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    char *want = slurp("tests/dates/ecosoc-2012-5.txt", NULL);
    ck_assert_str_eq(r.out, want);
    free(want);
    run_free(&r);
    r = wsisc(ARGS("dates", "--format=json", "--today", "2013-06-30",
                   "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 0);
    want = slurp("tests/dates/ecosoc-2012-5.json", NULL);
    ck_assert_str_eq(r.out, want);
    free(want);
    run_free(&r);
    /* a spec with errors prints no schedule, only the errors */
    r = wsisc(ARGS("dates", "tests/cases/E0502-infeasible-chain.wsis"), NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(r.out, "");
    ck_assert(contains(r.err, "[E0502]"));
    run_free(&r);
}
END_TEST

START_TEST(today_from_option_or_source_date_epoch)
{
    /* 1372550400 is 2013-06-30T00:00:00Z */
    Run a = wsisc(ARGS("dates", "--format=csv", "examples/ecosoc-2012-5.wsis"),
                  ARGS("SOURCE_DATE_EPOCH=1372550400"));
    Run b = wsisc(ARGS("dates", "--format=csv", "--today=2013-06-30",
                       "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(a.status, 0);
    ck_assert_str_eq(a.out, b.out);
    run_free(&a);
    run_free(&b);
    static const char *const bad[] = {"2013-02-29", "2013-6-30", "today",
                                      "2013-06-30x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char opt[64];
        snprintf(opt, sizeof opt, "--today=%s", bad[i]);
        Run r = wsisc(ARGS("dates", opt, "examples/ecosoc-2012-5.wsis"),
                      NULL);
        ck_assert_int_eq(r.status, 2);
        ck_assert(contains(r.err, "invalid --today"));
        run_free(&r);
    }
    Run r = wsisc(ARGS("dates", "--format=xml", "examples/ecosoc-2012-5.wsis"),
                  NULL);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
}
END_TEST

START_TEST(strict_makes_warnings_errors)
{
    Run r = wsisc(ARGS("check", "--strict", "examples/ecosoc-2012-5.wsis"),
                  NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    r = wsisc(ARGS("check", "--strict", "tests/cases/W0603-open-ended.wsis"),
              NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert(contains(r.err, "error: 'o' has no deadline"));
    run_free(&r);
}
END_TEST

START_TEST(explain_command)
{
    Run r = wsisc(ARGS("explain", "E0502"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(strncmp(r.out, "E0502: deadlines that cannot all hold\n", 38)
              == 0);
    ck_assert(contains(r.out, "For example:"));
    ck_assert(contains(r.out, "Fix: "));
    run_free(&r);
    r = wsisc(ARGS("explain", "w0604"), NULL);   /* any case */
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "W0604: recurrence with no end"));
    run_free(&r);
    r = wsisc(ARGS("explain"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "E0001  syntax error\n"));
    ck_assert(contains(r.out, "W0604  recurrence with no end\n"));
    run_free(&r);
    r = wsisc(ARGS("explain", "E9999"), NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(contains(r.err, "unknown diagnostic code 'E9999'"));
    run_free(&r);
}
END_TEST

START_TEST(ical_writes_atomically)
{
    char dir[] = "/tmp/wsisc-ical-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char out[256];
    snprintf(out, sizeof out, "%s/x.ics", dir);
    Run r = wsisc(ARGS("ical", "-o", out, "examples/ecosoc-2012-5.wsis"),
                  ARGS("SOURCE_DATE_EPOCH=1372550400"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    char *first = slurp(out, NULL);
    ck_assert(strncmp(first, "BEGIN:VCALENDAR\r\n", 17) == 0);
    /* two runs, identical bytes */
    r = wsisc(ARGS("ical", "-o", out, "examples/ecosoc-2012-5.wsis"),
              ARGS("SOURCE_DATE_EPOCH=1372550400"));
    char *second = slurp(out, NULL);
    ck_assert_str_eq(first, second);
    run_free(&r);
    /* a spec with errors leaves the calendar as it was, and no temp file */
    r = wsisc(ARGS("ical", "-o", out, "tests/cases/E0502-infeasible-chain.wsis"),
              NULL);
    ck_assert_int_eq(r.status, 1);
    run_free(&r);
    char *third = slurp(out, NULL);
    ck_assert_str_eq(first, third);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1", dir);
    ck_assert_int_eq(system(cmd), 0);
    /* a directory that does not exist: an I/O error */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/no/such/dir/x.ics", dir);
    r = wsisc(ARGS("ical", "-o", bad, "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(contains(r.err, "wsisc: error: cannot write"));
    run_free(&r);
    free(first);
    free(second);
    free(third);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(ical_to_a_full_device_fails)
{
    /* standard output on /dev/full: the write error is reported */
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/full", O_WRONLY);
        dup2(fd, 1);
        int nul = open("/dev/null", O_WRONLY);
        dup2(nul, 2);
        const char *bin = getenv("WSISC") ? getenv("WSISC") : "build/wsisc";
        execl(bin, "wsisc", "ical", "examples/ecosoc-2012-5.wsis",
              (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), 2);
}
END_TEST

START_TEST(ical_options)
{
    Run r = wsisc(ARGS("ical", "--actor=NOBODY", "examples/ecosoc-2012-5.wsis"),
                  NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(contains(r.err, "--actor 'NOBODY' is not a declared entity"));
    run_free(&r);
    r = wsisc(ARGS("ical", "--lang=Chinese", "examples/ecosoc-2012-5.wsis"),
              NULL);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    r = wsisc(ARGS("ical", "--alarm=-3", "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    r = wsisc(ARGS("check", "--todo", "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(contains(r.err, "--todo is an option of 'wsisc ical'"));
    run_free(&r);
    r = wsisc(ARGS("ical", "--actor=SG", "--todo", "--alarm=3",
                   "--lang=zh", "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "BEGIN:VTODO"));
    ck_assert(!contains(r.out, "UID:todo-wsis_prize_nominations"));
    ck_assert(contains(r.out, "UID:todo-sg_annual_report"));
    run_free(&r);
}
END_TEST

/*
 * The golden calendars of tests/ical, as the command writes them: the
 * library's goldens (test_ical.c) keep everything, while `wsisc ical`
 * keeps only what a calendar in its language prints (wsis_keep,
 * wsis_keep_texts_in), and the schedule keeps the rule texts it prints
 * differently then (sched.c, Sched.copy_texts).
 * The spec's "// options:" line gives the command's options.
 */
START_TEST(ical_command_writes_the_golden_calendars)
{
    char **names;
    int n = list_specs("tests/ical", &names);
    ck_assert_int_gt(n, 0);
    char dir[] = "/tmp/wsisc-golden-XXXXXX", out[64];
    in_temp_dir(dir, out, "out.ics", NULL);
    for (int i = 0; i < n; i++) {
        char spec[256], want_path[256], opts[256];
        snprintf(spec, sizeof spec, "tests/ical/%s.wsis", names[i]);
        snprintf(want_path, sizeof want_path, "tests/ical/%s.ics", names[i]);
        char *text = slurp(spec, NULL);
        ck_assert_ptr_nonnull(text);
        const char *o = strstr(text, "// options:");
        ck_assert_ptr_nonnull(o);
        snprintf(opts, sizeof opts, "%.*s", (int)strcspn(o + 11, "\n"),
                 o + 11);
        /* the library's goldens are stamped 2013-06-30 */
        const char *args[16] = {"ical", "--today=2013-06-30", "-o", out};
        char flags[8][64];
        int na = 4, nf = 0;
        for (char *save = NULL, *t = strtok_r(opts, " ", &save); t && nf < 8;
             t = strtok_r(NULL, " ", &save), nf++) {
            snprintf(flags[nf], sizeof flags[nf], "--%s", t);
            args[na++] = flags[nf];
        }
        args[na++] = spec;
        args[na] = NULL;
        Run r = wsisc(args, NULL);
        ck_assert_msg(r.status == 0, "%s: %s", spec, r.err);
        char *got = slurp(out, NULL), *want = slurp(want_path, NULL);
        ck_assert_ptr_nonnull(got);
        ck_assert_ptr_nonnull(want);
        ck_assert_msg(strcmp(got, want) == 0, "wsisc ical %s differs from %s",
                      spec, want_path);
        free(got);
        free(want);
        free(text);
        run_free(&r);
        free(names[i]);
    }
    free(names);
    unlink(out);
    rmdir(dir);
}
END_TEST

START_TEST(report_command)
{
    char dir[] = "/tmp/wsisc-report-XXXXXX";
    char xml[64], html[64];
    in_temp_dir(dir, xml, "r.xml", html, "r.html", NULL);
    Run r = wsisc(ARGS("report", "--as-of=2013-06-30", "-o", xml,
                       "examples/ecosoc-2012-5.wsis",
                       "examples/ecosoc-2012-5-progress.wsis"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.err, "[W0705]"));   /* later records left out */
    run_free(&r);
    char *a = slurp(xml, NULL);
    ck_assert(contains(a, "as-of=\"2013-06-30\""));
    r = wsisc(ARGS("report", "--as-of=2013-06-30", "--format=html",
                   "--summary", "-o", html, "examples/ecosoc-2012-5.wsis",
                   "--progress", "examples/ecosoc-2012-5-progress.xml"), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert(contains(r.out, "As of 2013-06-30: 2 met, 0 met late, "
                              "0 overdue"));
    run_free(&r);
    char *h = slurp(html, NULL);
    ck_assert(strncmp(h, "<!DOCTYPE html>", 15) == 0);
    /* hostile progress: an error, and the old report stays as it was */
    r = wsisc(ARGS("report", "--as-of=2013-06-30", "-o", xml,
                   "--progress=tests/cases/lib/xxe.xml",
                   "examples/ecosoc-2012-5.wsis"), NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert(contains(r.err, "a DTD is not allowed [E0704]"));
    ck_assert(!contains(r.err, "root:"));
    run_free(&r);
    char *b = slurp(xml, NULL);
    ck_assert_str_eq(a, b);
    ck_assert(!contains(b, "root:"));
    free(a);
    free(b);
    free(h);
    /* a bad --as-of, a missing progress file */
    r = wsisc(ARGS("report", "--as-of=2013-02-30", EXAMPLE_SPEC), NULL);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    r = wsisc(ARGS("report", "--progress=nowhere.xml", EXAMPLE_SPEC), NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(contains(r.err, "cannot read 'nowhere.xml'"));
    run_free(&r);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A kill at any moment of a write leaves the old file whole and nothing
   else in the directory. */
START_TEST(kill_during_write_leaves_old_output)
{
    char dir[] = "/tmp/wsisc-kill-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char out[256];
    snprintf(out, sizeof out, "%s/r.html", dir);
    FILE *f = fopen(out, "w");
    fputs("the previous report\n", f);
    fclose(f);
    const char *bin = getenv("WSISC") ? getenv("WSISC") : "build/wsisc";
    for (int i = 0; i < 40; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            int nul = open("/dev/null", O_WRONLY);
            dup2(nul, 1);
            dup2(nul, 2);
            execl(bin, "wsisc", "report", "--format=html", "-o", out,
                  "--as-of=2013-06-30", "examples/ecosoc-2012-5.wsis",
                  "examples/ecosoc-2012-5-progress.wsis", (char *)NULL);
            _exit(127);
        }
        usleep((useconds_t)(i * 250));
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        char *now = slurp(out, NULL);
        /* either untouched, or the complete new report */
        ck_assert(strcmp(now, "the previous report\n") == 0 ||
                  contains(now, "</html>\n"));
        free(now);
        /* Nothing else, but for one moment: a kill between naming the
           finished temporary (linkat) and renaming it over the target
           leaves that name behind.  Such a file must then be the whole
           new report, never a part. */
        DIR *dd = opendir(dir);
        ck_assert_ptr_nonnull(dd);
        for (struct dirent *e; (e = readdir(dd)) != NULL;) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
                strcmp(e->d_name, "r.html") == 0)
                continue;
            char left[512];
            snprintf(left, sizeof left, "%s/%s", dir, e->d_name);
            ck_assert_msg(strncmp(e->d_name, ".r.html.", 8) == 0,
                          "%s was left behind", left);
            char *t = slurp(left, NULL);
            ck_assert_msg(t && contains(t, "</html>\n"),
                          "a partial temporary %s was left behind", left);
            free(t);
            unlink(left);
        }
        closedir(dd);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A directory the user cannot write to: an I/O error, the old file kept. */
START_TEST(read_only_directory)
{
    char dir[] = "/tmp/wsisc-ro-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char out[256];
    snprintf(out, sizeof out, "%s/x.ics", dir);
    FILE *f = fopen(out, "w");
    fputs("old\n", f);
    fclose(f);
    ck_assert_int_eq(chmod(out, 0644), 0);
    ck_assert_int_eq(chmod(dir, 0555), 0);
    pid_t pid = fork();
    if (pid == 0) {
        /* root may write anywhere: be somebody else for this */
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(99);
        int nul = open("/dev/null", O_WRONLY);
        dup2(nul, 2);
        const char *bin = getenv("WSISC") ? getenv("WSISC") : "build/wsisc";
        /* -I stdlib: the tree may sit where this user cannot look
           (under /root), and only the write is under test */
        execl(bin, "wsisc", "ical", "-I", "stdlib", "-o", out,
              "examples/ecosoc-2012-5.wsis", (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), 2);
    char *now = slurp(out, NULL);
    ck_assert_str_eq(now, "old\n");
    free(now);
    chmod(dir, 0755);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A spec the user may not read: an I/O error, exit 2. */
START_TEST(unreadable_input)
{
    char path[] = "/tmp/wsisc-secret-XXXXXX";
    int fd = mkstemp(path);
    ck_assert(write(fd, "entity A { name en \"A\" }\n", 26) == 26);
    close(fd);
    ck_assert_int_eq(chmod(path, 0000), 0);
    pid_t pid = fork();
    if (pid == 0) {
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(99);
        int nul = open("/dev/null", O_WRONLY);
        dup2(nul, 2);
        const char *bin = getenv("WSISC") ? getenv("WSISC") : "build/wsisc";
        execl(bin, "wsisc", "check", path, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), 2);
    unlink(path);
}
END_TEST

/* A large output (several MiB: written around the page cache in 4 MiB
   chunks where the file system allows) is the same file as the same
   output sent to standard output. */
START_TEST(large_outputs_written_whole)
{
    char dir[] = "/tmp/wsisc-large-XXXXXX";
    char spec[64], ics[64], xml[64];
    in_temp_dir(dir, spec, "big.wsis", ics, "big.ics", xml, "big.xml", NULL);
    FILE *f = large_spec(spec, 1);
    for (int i = 0; i < 16000; i++)
        fprintf(f, "obligation o%05d {\n  cites para 1\n  requests SG\n"
                "  action en \"Report number %d on the implementation of the "
                "outcomes of the World Summit on the Information Society at "
                "the regional and international levels, with the data "
                "collected and the lessons learned, to the Commission\"\n"
                "  due by 2013-%02d-%02d\n}\n", i, i, i % 12 + 1, i % 28 + 1);
    ck_assert_int_eq(fclose(f), 0);
    Run a = wsisc(ARGS("ical", "--today=2013-01-01", "-o", ics, spec), NULL);
    Run b = wsisc(ARGS("ical", "--today=2013-01-01", spec), NULL);
    ck_assert_int_eq(a.status, 0);
    ck_assert_int_eq(b.status, 0);
    size_t n = 0;
    char *got = slurp(ics, &n);
    ck_assert_ptr_nonnull(got);
    ck_assert_uint_gt(n, 2 * 4 * 1024 * 1024);
    ck_assert_uint_eq(n, strlen(b.out));
    ck_assert(memcmp(got, b.out, n) == 0);
    free(got);
    run_free(&a);
    run_free(&b);
    a = wsisc(ARGS("report", "--as-of=2013-06-30", "-o", xml, spec), NULL);
    b = wsisc(ARGS("report", "--as-of=2013-06-30", spec), NULL);
    ck_assert_int_eq(a.status, 0);
    got = slurp(xml, &n);
    ck_assert_ptr_nonnull(got);
    ck_assert_uint_gt(n, 4 * 1024 * 1024);
    ck_assert_uint_eq(n, strlen(b.out));
    ck_assert(memcmp(got, b.out, n) == 0);
    free(got);
    run_free(&a);
    run_free(&b);
    unlink(spec);
    unlink(ics);
    unlink(xml);
    rmdir(dir);
}
END_TEST

START_TEST(output_on_a_full_device)
{
    Run r = wsisc(ARGS("ical", "-o", "/dev/full", EXAMPLE_SPEC), NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert(contains(r.err, "cannot write '/dev/full'"));
    run_free(&r);
    r = wsisc(ARGS("report", "-o", "/dev/full", EXAMPLE_SPEC), NULL);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    /* and /dev/null stays a device */
    r = wsisc(ARGS("ical", "-o", "/dev/null", EXAMPLE_SPEC), NULL);
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    struct stat st;
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

/* The corners of the command line: each status and message as a user
   would meet them. */
START_TEST(command_line_corners)
{
    static const struct {
        const char *args[8];
        int status;
        const char *says;      /* in stdout or stderr */
    } cases[] = {
        {{"help"}, 0, "Usage: wsisc"},
        {{"-h"}, 0, "Usage: wsisc"},
        {{"-V"}, 0, "wsisc "},
        {{"-x"}, 2, "comes after a command"},
        {{"explain", "E0201", "E0202"}, 2, "explain takes one code"},
        {{"explain", "--help"}, 0, "Usage: wsisc"},
        {{"check", "--color=never", EXAMPLE_SPEC}, 0, ""},
        {{"check", "--colour=always", "tests/cases/W0402-coverage.wsis"}, 0,
         "\033["},
        {{"check", "--color=auto", EXAMPLE_SPEC}, 0, ""},
        {{"check", "--max-errors=abc", EXAMPLE_SPEC}, 2, "--max-errors"},
        {{"check", "--max-errors=0", "tests/cases/limit-too-many-errors.wsis"},
         1, "2013-02-31"},
        {{"check", "--strict", "--werror", EXAMPLE_SPEC}, 0, ""},
        {{"dates", "--summary", EXAMPLE_SPEC}, 2, "an option of 'wsisc check'"},
        {{"check", "--format=csv", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--as-of=2013-01-01", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--progress=x.xml", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--window=3", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--stale-after=3", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--lang=zh", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--actor=SG", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "--alarm=3", EXAMPLE_SPEC}, 2, "an option of"},
        {{"check", "-o", "x", EXAMPLE_SPEC}, 2, "an option of"},
        {{"report", "--window=abc", EXAMPLE_SPEC}, 2, "--window"},
        {{"report", "--stale-after=99999999", EXAMPLE_SPEC}, 2, "--stale"},
        {{"report", "--format=pdf", EXAMPLE_SPEC}, 2, "xml or html"},
        {{"report", "--window=10", "--stale-after=30", "-o", "-",
          EXAMPLE_SPEC}, 0, "window=\"10\""},
        {{"report", "-o", "tests", EXAMPLE_SPEC}, 2, "cannot write"},
        {{"ical", "-o", "-", EXAMPLE_SPEC}, 0, "BEGIN:VCALENDAR"},
        {{"ical", "--lang=e", EXAMPLE_SPEC}, 2, "--lang"},
        {{"dates", "--format=csv", "--today=2013-01-01", EXAMPLE_SPEC}, 0,
         "date,end,kind"},
        {{"dates", "tests/cases/W0402-coverage.wsis"}, 0, "warning"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[9];
        size_t n = 0;
        for (; n < 8 && cases[i].args[n]; n++)
            args[n] = cases[i].args[n];
        args[n] = NULL;
        Run r = wsisc(args, NULL);
        ck_assert_msg(r.status == cases[i].status, "%s %s: status %d, not %d",
                      args[0], args[1] ? args[1] : "", r.status,
                      cases[i].status);
        ck_assert_msg(contains(r.out, cases[i].says) ||
                          contains(r.err, cases[i].says),
                      "%s %s: no '%s' in\n%s%s", args[0],
                      args[1] ? args[1] : "", cases[i].says, r.out, r.err);
        run_free(&r);
    }
    /* the environment: a bad SOURCE_DATE_EPOCH, an empty WSIS_PATH part */
    Run r = wsisc(ARGS("dates", EXAMPLE_SPEC), ARGS("SOURCE_DATE_EPOCH=soon"));
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    r = wsisc(ARGS("check", EXAMPLE_SPEC), ARGS("WSIS_PATH=::/nonexistent:"));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
}
END_TEST

Suite *suite_cli(void)
{
    Suite *s = suite_create("cli");
    TCase *t = tcase_create("wsisc");
    tcase_set_timeout(t, 20);
    tcase_add_test(t, help_and_version);
    tcase_add_test(t, usage_errors_exit_2);
    tcase_add_test(t, files_that_are_not_specs_exit_2);
    tcase_add_test(t, clean_example_prints_nothing);
    tcase_add_test(t, summary_counts_paragraphs);
    tcase_add_test(t, spec_errors_exit_1);
    tcase_add_test(t, warnings_exit_0_unless_werror);
    tcase_add_test(t, colour_follows_option_and_no_color);
    tcase_add_test(t, search_path_from_option_and_environment);
    tcase_add_test(t, max_errors_option);
    tcase_add_test(t, jobs_change_nothing_but_time);
    tcase_add_test(t, checks_on_threads_change_nothing);
    tcase_add_test(t, calendars_on_threads_change_nothing);
    tcase_add_test(t, schedules_on_threads_change_nothing);
    tcase_add_test(t, cycles_on_threads_change_nothing);
    tcase_add_test(t, failed_rules_on_threads_drop_their_edges);
    tcase_add_test(t, syntax_errors_parsed_ahead_say_what_lac_says);
    tcase_add_test(t, names_declared_on_threads_change_nothing);
    tcase_add_test(t, progress_on_threads_changes_nothing);
    tcase_add_test(t, records_in_spec_order_reach_their_own_obligation);
    tcase_add_test(t, dates_command);
    tcase_add_test(t, today_from_option_or_source_date_epoch);
    tcase_add_test(t, strict_makes_warnings_errors);
    tcase_add_test(t, explain_command);
    tcase_add_test(t, ical_writes_atomically);
    tcase_add_test(t, ical_to_a_full_device_fails);
    tcase_add_test(t, ical_options);
    tcase_add_test(t, ical_command_writes_the_golden_calendars);
    tcase_add_test(t, report_command);
    tcase_add_test(t, kill_during_write_leaves_old_output);
    tcase_add_test(t, read_only_directory);
    tcase_add_test(t, output_on_a_full_device);
    tcase_add_test(t, large_outputs_written_whole);
    tcase_add_test(t, unreadable_input);
    tcase_add_test(t, command_line_corners);
    suite_add_tcase(s, t);
    return s;
}
