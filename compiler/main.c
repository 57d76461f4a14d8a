/*
 * main.c - the wsisc command: parses the command line, builds the import
 * search path, runs the library and maps what happened to an exit status:
 * 0 clean (warnings allowed), 1 errors in the specs, 2 usage or I/O.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "wsisc.h"

#ifndef WSISC_VERSION
#define WSISC_VERSION "dev"
#endif
#ifndef WSISC_STDLIB_DIR
#define WSISC_STDLIB_DIR "/usr/local/share/wsisc/stdlib"
#endif

enum { EXIT_SPEC = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: wsisc COMMAND [OPTION]... FILE...\n"
    "Check .wsis specs of what a UN resolution asks of whom, and by when.\n"
    "\n"
    "Commands:\n"
    "  check FILE...  check the specs and report every problem found\n"
    "  dates FILE...  print every deadline and event with its date and rule\n"
    "  ical FILE...   write the deadlines and meetings as an iCalendar file\n"
    "  report FILE... write what is met, late and coming, as XML or HTML\n"
    "  explain [CODE] say what a diagnostic code means (all codes: none)\n"
    "  help           show this help\n"
    "\n"
    "Options:\n"
    "  -I DIR         look for imports in DIR (may repeat; searched first)\n"
    "  -j, --jobs=N   use up to N threads: to parse the FILEs, to check and\n"
    "                 schedule 20 000 declarations or more, and to write a\n"
    "                 calendar or an XML report of 8 192 items or more\n"
    "                 (default: one per CPU when the FILEs add up to 1 MiB\n"
    "                 or more; 1: one thread)\n"
    "      --strict   treat warnings as errors (also --werror)\n"
    "      --today=YYYY-MM-DD  the day taken as today (default: the\n"
    "                 SOURCE_DATE_EPOCH day, else the system's UTC date)\n"
    "      --format=F dates: table (default), csv or json\n"
    "      --max-errors=N  stop after N errors (default 20, 0: no limit)\n"
    "      --color=WHEN    colour diagnostics: auto (default), always, never\n"
    "      --summary  check: after a clean check, print what the specs hold\n"
    "  -o FILE        ical, report: write to FILE (replaced only once\n"
    "                 complete) instead of standard output\n"
    "      --as-of=YYYY-MM-DD  report: the day reported on (default: today);\n"
    "                 later progress is left out\n"
    "      --progress=FILE.xml report: progress records from another system\n"
    "                 (schema/progress.rng; may repeat)\n"
    "      --format=F report: xml (default) or html\n"
    "      --window=N report: due within N days is 'due soon' (default 30)\n"
    "      --stale-after=N  report: an ongoing duty with no record for N\n"
    "                 days is stale (default 365)\n"
    "      --summary  report: also print the counts by status\n"
    "      --lang=L   ical: titles and texts in language L (en, zh, ...),\n"
    "                 each item falling back to English, else to the\n"
    "                 first text it gives\n"
    "      --actor=ID ical: only deadlines of entity ID or its parts (repeat)\n"
    "      --todo     ical: deadlines as to-dos (VTODO) instead of events\n"
    "      --alarm=N  ical: remind N days before deadlines the spec gives\n"
    "                 no reminder\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "All FILEs are read as one spec; `import \"NAME\"` loads NAME.wsis from\n"
    "the -I directories, then WSIS_PATH (colon-separated), then the stdlib.\n"
    "NO_COLOR, when set and not empty, turns colour off.\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors in the specs,\n"
    "2 usage or I/O errors.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("wsisc: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'wsisc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The stdlib that sits beside this binary in a source tree (build/wsisc,
 * build/asan/wsisc), found by walking up from the executable's directory.
 */
static bool intree_stdlib(char *out, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return false;
    exe[len] = '\0';
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash)
            return false;
        *slash = '\0';
        char probe[PATH_MAX + 32];
        snprintf(probe, sizeof probe, "%s/stdlib/un.wsis", exe);
        if (access(probe, R_OK) == 0) {
            /* Inside the working directory, say it the short way. */
            char cwd[PATH_MAX];
            const char *dir = exe;
            size_t k;
            if (getcwd(cwd, sizeof cwd) && (k = strlen(cwd)) > 0 &&
                strncmp(exe, cwd, k) == 0 && (exe[k] == '/' || !exe[k]))
                dir = exe[k] ? exe + k + 1 : NULL;
            if (dir)
                snprintf(out, n, "%s/stdlib", dir);
            else
                snprintf(out, n, "stdlib");
            return true;
        }
    }
    return false;
}

static int add_search_path(Wsis *w, char **dirs, size_t ndirs)
{
    for (size_t i = 0; i < ndirs; i++)
        if (wsis_add_search_dir(w, dirs[i]) != WSIS_OK)
            return -1;
    const char *env = getenv("WSIS_PATH");
    if (env && *env) {
        char *copy = strdup(env);
        if (!copy)
            return -1;
        for (char *save = NULL, *p = strtok_r(copy, ":", &save); p;
             p = strtok_r(NULL, ":", &save)) {
            if (wsis_add_search_dir(w, p) != WSIS_OK) {
                free(copy);
                return -1;
            }
        }
        free(copy);
    }
    char dir[PATH_MAX + 16];
    if (intree_stdlib(dir, sizeof dir) && wsis_add_search_dir(w, dir))
        return -1;
    if (is_dir(WSISC_STDLIB_DIR) &&
        wsis_add_search_dir(w, WSISC_STDLIB_DIR) != WSIS_OK)
        return -1;
    return 0;
}

/* Parsing ahead on other threads pays once the files hold about a
   megabyte (a thread costs tens of microseconds to start; a megabyte,
   milliseconds to parse): one job per CPU then, none below. */
static long auto_jobs(char **files, int nfiles)
{
    enum { AHEAD_FROM = 1024 * 1024 };
    long long bytes = 0;
    for (int i = 0; i < nfiles && bytes < AHEAD_FROM; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
            bytes += st.st_size;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (bytes < AHEAD_FROM || cpus < 2)
        return 1;
    return cpus > WSIS_MAX_JOBS ? WSIS_MAX_JOBS : cpus;
}

static void print_summary(const Wsis *w, char **files, int nfiles)
{
    WsisStats s;
    wsis_stats(w, &s);
    printf("%s%s: %s, read from %d file%s\n", files[0],
           nfiles > 1 ? " and others" : "",
           s.resolution[0] ? s.resolution : "no resolution", s.files,
           s.files == 1 ? "" : "s");
    printf("  %-22s %d\n", "entities", s.entities);
    printf("  %-22s %d\n", "operative verbs", s.verbs);
    printf("  %-22s %d\n", "sessions", s.sessions);
    printf("  %-22s %d\n", "events", s.events);
    printf("  %-22s %d\n", "obligations", s.obligations);
    printf("  %-22s %d\n", "documents", s.documents);
    printf("  %-22s %d\n", "paragraph markers", s.markers);
    if (s.operative_last > 0)
        printf("  %-22s %d of %d (paragraphs %d to %d)\n",
               "paragraphs covered", s.operative_covered,
               s.operative_last - s.operative_first + 1, s.operative_first,
               s.operative_last);
}

enum {
    OPT_WERROR = 256, OPT_MAX_ERRORS, OPT_COLOR, OPT_SUMMARY, OPT_TODAY,
    OPT_FORMAT, OPT_LANG, OPT_ACTOR, OPT_TODO, OPT_ALARM, OPT_PROGRESS,
    OPT_WINDOW, OPT_STALE, OPT_ASOF
};

typedef enum Command { CMD_CHECK, CMD_DATES, CMD_ICAL, CMD_REPORT } Command;

static const char *const command_names[] = {"check", "dates", "ical",
                                            "report"};

/* "--x is an option of 'ical'" unless cmd is the allowed one (or, with
   also >= 0, that one). */
static int only_for2(Command cmd, Command allowed, int also, const char *opt)
{
    if (cmd == allowed || (also >= 0 && cmd == (Command)also))
        return 0;
    fprintf(stderr, "wsisc: error: %s is an option of 'wsisc %s'\n"
            "Try 'wsisc --help' for more information.\n", opt,
            command_names[allowed]);
    return EXIT_USAGE;
}

static int only_for(Command cmd, Command allowed, const char *opt)
{
    return only_for2(cmd, allowed, -1, opt);
}

/* A count of days from an option: 0 to limit, else a usage error. */
static int days_opt(const char *opt, const char *arg, long limit, long *out)
{
    char *end;
    *out = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || *out < 0 || *out > limit) {
        fprintf(stderr, "wsisc: error: invalid %s '%s' (days, 0 to %ld)\n"
                "Try 'wsisc --help' for more information.\n", opt, arg,
                limit);
        return EXIT_USAGE;
    }
    return 0;
}

/* Today as a day number: --today, else SOURCE_DATE_EPOCH, else the clock. */
static int today_of(const char *opt, int64_t *today)
{
    if (opt)
        return wsis_parse_date(opt, today) ? 0 : -1;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    long long secs;
    if (sde && *sde) {
        char *end;
        secs = strtoll(sde, &end, 10);
        if (*end != '\0' || secs < 0)
            return -2;
    } else {
        secs = (long long)time(NULL);
    }
    *today = secs / 86400;
    return 0;
}

/*
 * DTSTAMP: SOURCE_DATE_EPOCH to the second, else the start of the day
 * taken as today, so the same input on the same day gives the same bytes.
 */
static int64_t stamp_of(const char *today_opt, int64_t today)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (!today_opt && sde && *sde)
        return strtoll(sde, NULL, 10);
    return today * 86400;
}

/* What ical and report write, and how. */
typedef struct Output {
    Command cmd;
    WsisIcalOptions ical;
    WsisReportFormat format;
    WsisReportOptions report;
} Output;

static WsisStatus emit(Wsis *w, FILE *f, const Output *o)
{
    return o->cmd == CMD_ICAL ? wsis_ical(w, f, &o->ical)
                              : wsis_report(w, f, o->format, &o->report);
}

/* The one-screen summary of a report, for people (and make demo). */
static void print_counts(Wsis *w, const WsisReportOptions *opt,
                         int64_t today)
{
    int c[7], stale;
    char day[11];
    wsis_format_date(today, day);
    wsis_report_counts(w, opt, c, &stale);
    printf("As of %s: %d met, %d met late, %d overdue, %d due within %d "
           "days, %d pending later, %d ongoing (%d stale), %d not "
           "applicable.\n", day, c[0], c[1], c[2], c[3], opt->window_days,
           c[4], c[5], stale, c[6]);
}

/* The output file being put in place: write_output starts it, and
   output_placed waits for it once the compilation is freed (replacing a
   large file waits on the device while its blocks are freed). */
static OutFile placing;
static const char *placing_path;

/* Whether the output started by write_output is in place (a message
   when not); true when there is none. */
static bool output_placed(void)
{
    if (!placing_path)
        return true;
    const char *path = placing_path;
    placing_path = NULL;
    if (outfile_commit_wait(&placing) != 0) {
        fprintf(stderr, "wsisc: error: cannot write '%s': %s\n", path,
                strerror(errno));
        return false;
    }
    return true;
}

/* Writes to path (atomically: see output_placed) or to standard output. */
static WsisStatus write_output(const char *path, Wsis *w, const Output *out)
{
    if (!path || strcmp(path, "-") == 0) {
        /* Into a pipe or a file, as -o does: a 1 MiB buffer (in BSS, so
           untouched pages cost nothing), set before anything is written. */
        static char buf[1 << 20];
        if (!isatty(STDOUT_FILENO))
            setvbuf(stdout, buf, _IOFBF, sizeof buf);
        WsisStatus st = emit(w, stdout, out);
        if (st == WSIS_OK && fflush(stdout) != 0) {
            fprintf(stderr, "wsisc: error: cannot write: %s\n",
                    strerror(errno));
            return WSIS_EIO;
        }
        return st;
    }
    OutFile *of = &placing;
    if (outfile_open(of, path) != 0) {
        fprintf(stderr, "wsisc: error: cannot write '%s': %s\n", path,
                strerror(errno));
        return WSIS_EIO;
    }
    WsisStatus st = emit(w, of->fp, out);
    if (st != WSIS_OK) {
        outfile_abort(of);
        if (st == WSIS_EIO)
            fprintf(stderr, "wsisc: error: cannot write '%s'\n", path);
        return st;
    }
    if (outfile_commit_start(of) != 0) {
        fprintf(stderr, "wsisc: error: cannot write '%s': %s\n", path,
                strerror(errno));
        return WSIS_EIO;
    }
    placing_path = path;
    return WSIS_OK;
}

static int run(Command cmd, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"werror", no_argument, NULL, OPT_WERROR},
        {"strict", no_argument, NULL, OPT_WERROR},
        {"today", required_argument, NULL, OPT_TODAY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"actor", required_argument, NULL, OPT_ACTOR},
        {"todo", no_argument, NULL, OPT_TODO},
        {"alarm", required_argument, NULL, OPT_ALARM},
        {"as-of", required_argument, NULL, OPT_ASOF},
        {"progress", required_argument, NULL, OPT_PROGRESS},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"stale-after", required_argument, NULL, OPT_STALE},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"summary", no_argument, NULL, OPT_SUMMARY},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    /* -I, --actor and --progress arguments, at most argc of each: one
       block, freed once on every way out. */
    char **lists = calloc(3 * (size_t)argc, sizeof *lists);
    if (!lists) {
        fputs("wsisc: error: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    char **dirs = lists;
    size_t ndirs = 0;
    bool werror = false, summary = false;
    const char *today_opt = NULL, *out_path = NULL, *lang = "en";
    const char *as_of_opt = NULL;
    WsisFormat format = WSIS_FORMAT_TABLE;
    const char **actors = (const char **)lists + argc;
    size_t nactors = 0;
    bool todo = false;
    long alarm_days = -1, window = 30, stale = 365;
    const char **progress = (const char **)lists + 2 * (size_t)argc;
    size_t nprogress = 0;
    WsisReportFormat rformat = WSIS_REPORT_XML;
    bool help = false;
    long max_errors = 20;
    long jobs = 0;          /* 0: decided by the files' size */
    ColorMode color = COLOR_AUTO;
    int c, rc = 0;
    opterr = 0;
    optind = 1;
    while (rc == 0 && !help &&
           (c = getopt_long(argc, argv, ":I:j:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'I':
            dirs[ndirs++] = optarg;
            break;
        case OPT_WERROR:
            werror = true;
            break;
        case OPT_SUMMARY:
            rc = only_for2(cmd, CMD_CHECK, CMD_REPORT, "--summary");
            summary = true;
            break;
        case OPT_TODAY:
            today_opt = optarg;
            break;
        case 'o':
            rc = only_for2(cmd, CMD_ICAL, CMD_REPORT, "-o");
            out_path = optarg;
            break;
        case OPT_ASOF:
            rc = only_for(cmd, CMD_REPORT, "--as-of");
            as_of_opt = optarg;
            break;
        case OPT_PROGRESS:
            rc = only_for(cmd, CMD_REPORT, "--progress");
            progress[nprogress++] = optarg;
            break;
        case OPT_WINDOW:
            if ((rc = only_for(cmd, CMD_REPORT, "--window")) == 0)
                rc = days_opt("--window", optarg, 3650, &window);
            break;
        case OPT_STALE:
            if ((rc = only_for(cmd, CMD_REPORT, "--stale-after")) == 0)
                rc = days_opt("--stale-after", optarg, 36500, &stale);
            break;
        case OPT_LANG: {
            rc = only_for(cmd, CMD_ICAL, "--lang");
            size_t n = strlen(optarg);
            bool ok = n >= 2 && n <= 3;
            for (size_t k = 0; k < n; k++)
                ok = ok && optarg[k] >= 'a' && optarg[k] <= 'z';
            if (rc == 0 && !ok)
                rc = usage_error("invalid --lang '%s' (an ISO 639 code such "
                                 "as en or zh)", optarg);
            lang = optarg;
            break;
        }
        case OPT_ACTOR:
            rc = only_for(cmd, CMD_ICAL, "--actor");
            actors[nactors++] = optarg;
            break;
        case OPT_TODO:
            rc = only_for(cmd, CMD_ICAL, "--todo");
            todo = true;
            break;
        case OPT_ALARM: {
            rc = only_for(cmd, CMD_ICAL, "--alarm");
            char *end;
            alarm_days = strtol(optarg, &end, 10);
            if (rc == 0 && (*optarg == '\0' || *end != '\0' ||
                            alarm_days < 0 || alarm_days > 3650))
                rc = usage_error("invalid --alarm '%s' (days, 0 to 3650)",
                                 optarg);
            break;
        }
        case OPT_FORMAT:
            if ((rc = only_for2(cmd, CMD_DATES, CMD_REPORT, "--format")) != 0)
                break;
            if (cmd == CMD_REPORT) {
                if (strcmp(optarg, "xml") == 0)
                    rformat = WSIS_REPORT_XML;
                else if (strcmp(optarg, "html") == 0)
                    rformat = WSIS_REPORT_HTML;
                else
                    rc = usage_error("invalid --format '%s' (xml or html)",
                                     optarg);
            } else if (strcmp(optarg, "table") == 0)
                format = WSIS_FORMAT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                format = WSIS_FORMAT_CSV;
            else if (strcmp(optarg, "json") == 0)
                format = WSIS_FORMAT_JSON;
            else
                rc = usage_error("invalid --format '%s' (table, csv or "
                                 "json)", optarg);
            break;
        case 'j': {
            char *end;
            jobs = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || jobs < 1 ||
                jobs > WSIS_MAX_JOBS)
                rc = usage_error("invalid --jobs '%s' (1 to 64)", optarg);
            break;
        }
        case OPT_MAX_ERRORS: {
            char *end;
            max_errors = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || max_errors < 0 ||
                max_errors > INT_MAX)
                rc = usage_error("invalid --max-errors '%s'", optarg);
            break;
        }
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                color = COLOR_AUTO;
            else if (strcmp(optarg, "always") == 0)
                color = COLOR_ALWAYS;
            else if (strcmp(optarg, "never") == 0)
                color = COLOR_NEVER;
            else
                rc = usage_error("invalid --color '%s' (auto, always or "
                                 "never)", optarg);
            break;
        case 'h':
            help = true;
            break;
        case ':':
            rc = usage_error("option '%s' needs an argument",
                             argv[optind - 1]);
            break;
        default:
            rc = usage_error("unknown option '%s'", argv[optind - 1]);
            break;
        }
    }
    if (help) {
        fputs(usage_text, stdout);
        free(lists);
        return 0;
    }
    int64_t today = 0;
    if (rc == 0) {
        int t = today_of(today_opt, &today);
        if (t == -1)
            rc = usage_error("invalid --today '%s': a real day as YYYY-MM-DD",
                             today_opt);
        else if (t == -2)
            rc = usage_error("%s", "invalid SOURCE_DATE_EPOCH");
    }
    int64_t as_of = today;
    if (rc == 0 && as_of_opt && !wsis_parse_date(as_of_opt, &as_of))
        rc = usage_error("invalid --as-of '%s': a real day as YYYY-MM-DD",
                         as_of_opt);
    if (rc == 0 && optind >= argc)
        rc = usage_error("%s", "no input files");
    if (rc != 0) {
        free(lists);
        return rc;
    }

    DiagSink diag;
    diag_init(&diag, stderr, color);
    diag.werror = werror;
    diag.max_errors = (int)max_errors;
    Wsis *w = wsis_new(&diag);
    if (!w || add_search_path(w, dirs, ndirs) != 0) {
        fputs("wsisc: error: out of memory\n", stderr);
        wsis_free(w);
        diag_fini(&diag);
        free(lists);
        return EXIT_USAGE;
    }
    bool io = false, oom = false, spec = false;
    if (jobs == 0)
        jobs = auto_jobs(argv + optind, argc - optind);
    /* What the command writes, said before anything is read (the spec's
       texts are left out as files are parsed): records for a report, the
       texts for a calendar or a report, rules' texts for any output but a
       check's, a series' only where it lists them. */
    wsis_keep(w, cmd == CMD_REPORT ? WSIS_KEEP_ALL
                 : cmd == CMD_CHECK ? 0
                 : cmd == CMD_ICAL  ? WSIS_KEEP_RULES | WSIS_KEEP_TEXTS
                                    : WSIS_KEEP_RULES | WSIS_KEEP_SERIES_RULES);
    /* A calendar keeps only the texts it can print: in its language, in
       English, or first of their kind (wsis_keep_texts_in). */
    if (cmd == CMD_ICAL)
        oom |= wsis_keep_texts_in(w, lang) == WSIS_ENOMEM;
    wsis_read_ahead(w, (const char *const *)argv + optind,
                    (size_t)(argc - optind), (int)jobs);
    for (int i = optind; i < argc && !oom; i++) {
        WsisStatus st = wsis_load_file(w, argv[i]);
        io |= st == WSIS_EIO;
        oom |= st == WSIS_ENOMEM;
        spec |= st == WSIS_ESPEC;
    }
    for (size_t i = 0; i < nprogress && !oom; i++) {
        WsisStatus st = wsis_load_progress_xml(w, progress[i]);
        io |= st == WSIS_EIO;
        oom |= st == WSIS_ENOMEM;
        spec |= st == WSIS_ESPEC;
    }
    wsis_set_today(w, today);
    if (cmd == CMD_REPORT)
        wsis_set_as_of(w, as_of);
    /* Meaning is checked only on what parsed: syntax errors would make
       every later message a guess. */
    if (!io && !oom && !spec) {
        WsisStatus st = wsis_check(w);
        oom |= st == WSIS_ENOMEM;
    }
    if (diag.nerrors == 0 && !io && !oom && summary && cmd == CMD_CHECK)
        print_summary(w, argv + optind, argc - optind);
    if (diag.nerrors == 0 && !io && !oom && cmd == CMD_DATES) {
        WsisStatus st = wsis_dates(w, stdout, format, today);
        oom |= st == WSIS_ENOMEM;
        io |= st == WSIS_EIO;
    }
    for (size_t i = 0; i < nactors && diag.nerrors == 0 && !io && !oom; i++)
        if (!wsis_is_entity(w, actors[i])) {
            fprintf(stderr, "wsisc: error: --actor '%s' is not a declared "
                    "entity\n", actors[i]);
            io = true;
        }
    if (diag.nerrors == 0 && !io && !oom &&
        (cmd == CMD_ICAL || cmd == CMD_REPORT)) {
        Output out = {cmd, {lang, actors, nactors, todo, (int)alarm_days,
                            stamp_of(today_opt, today)},
                      rformat, {as_of, (int)window, (int)stale}};
        WsisStatus st = write_output(out_path, w, &out);
        oom |= st == WSIS_ENOMEM;
        io |= st == WSIS_EIO;
        /* the counts of a report only once it is in place */
        if (st == WSIS_OK && cmd == CMD_REPORT && summary) {
            io |= !output_placed();
            if (!io)
                print_counts(w, &out.report, as_of);
        }
    }
    wsis_free(w);
    io |= !output_placed();
    int status = io || oom ? EXIT_USAGE : diag.nerrors > 0 ? EXIT_SPEC : 0;
    diag_fini(&diag);
    free(lists);
    if (fflush(stdout) != 0 && status == 0)
        status = EXIT_USAGE;
    return status;
}

static void put_indented(const char *text)
{
    fputs("    ", stdout);
    for (const char *p = text; *p; p++) {
        fputc(*p, stdout);
        if (*p == '\n' && p[1])
            fputs("    ", stdout);
    }
    fputc('\n', stdout);
}

/* wsisc explain [CODE]: one code in full, or every code with its title. */
static int explain(int argc, char **argv)
{
    if (argc > 2)
        return usage_error("%s", "explain takes one code, as in 'wsisc "
                                 "explain E0201'");
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
                      strcmp(argv[1], "--help") == 0)) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (argc < 2) {
        const WsisExplain *e;
        for (size_t i = 0; (e = wsis_explain_at(i)) != NULL; i++)
            printf("%s  %s\n", e->code, e->title);
        return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
    }
    char code[8];
    snprintf(code, sizeof code, "%s", argv[1]);
    if (code[0] == 'e' || code[0] == 'w')
        code[0] = (char)(code[0] - 32);
    const WsisExplain *e = wsis_explain(code);
    if (!e)
        return usage_error("unknown diagnostic code '%s' (wsisc explain "
                           "lists them)", argv[1]);
    printf("%s: %s\n\n%s\n\nFor example:\n\n", e->code, e->title, e->text);
    put_indented(e->example);
    printf("\nFix: %s\n", e->fix);
    return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("wsisc %s\n", WSISC_VERSION);
        return 0;
    }
    if (strcmp(cmd, "check") == 0)
        return run(CMD_CHECK, argc - 1, argv + 1);
    if (strcmp(cmd, "dates") == 0)
        return run(CMD_DATES, argc - 1, argv + 1);
    if (strcmp(cmd, "ical") == 0)
        return run(CMD_ICAL, argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return run(CMD_REPORT, argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return explain(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return usage_error("'%s' comes after a command, as in 'wsisc check "
                           "[OPTION]... FILE...'", cmd);
    return usage_error("unknown command '%s'", cmd);
}
