/* bench/gen.c - synthetic follow-up specs of N obligations, in two forms.
 *
 *   gen N DIR
 *
 * writes into DIR (which must exist):
 *   actors.wsis, events.wsis   entities and meetings, imported by the shards
 *   spec-NNN.wsis              the resolution, paragraph markers and the
 *                              obligations, SHARD obligations a file (a
 *                              source file is limited to 64 MiB)
 *   progress-NNN.wsis          progress records for about half of them
 *   spec.xml                   the same records as one XML document, the
 *                              form another system would export
 *
 * The mix follows ECOSOC resolution 2012/5 and what follow-up specs hold:
 * ongoing duties; deadlines by a date, by or during a meeting, some days
 * after a meeting, during a General Assembly session, before another
 * obligation; yearly duties due before the Commission's session, moved off
 * Geneva's days off; monthly duties; sub-obligations; English and Chinese
 * texts. Everything is drawn from a fixed-seed generator, so the same N gives
 * the same bytes. Every spec it writes checks cleanly with --today 2016-06-30.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

#define SHARD 50000 /* obligations per spec shard: ~20 MB, well under 64 MiB */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* splitmix64: small, fast and the same on every platform. */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int pick(int n) { return (int)(rnd() % (uint64_t)n); }

/* ---------------------------------------------------------------- dates */

/* Dates are the compiler's own (compiler/date.c): the generator and wsisc
   count days the same way. */
static long days_from_civil(int y, int m, int d)
{
    return (long)date_to_days((Date){y, m, d});
}

static Date civil_from_days(long z)
{
    return date_from_days(z);
}

static long day0, day_today, day_end;

static const char *fmt_day(long z, char *buf)
{
    date_format(civil_from_days(z), buf);
    return buf;
}

/* ---------------------------------------------------------------- words */

static const char *const verbs[] = {"decides",    "requests",   "urges",
                                    "calls_upon", "invites",    "encourages",
                                    "recommends"};
#define NVERBS (int)(sizeof verbs / sizeof *verbs)

static const char *const kinds[] = {"agency", "commission", "forum", "group",
                                    "office", "organization", "partnership",
                                    "programme", "state"};

static const char *const en_do[] = {
    "Submit to the Commission a report on",
    "Continue to contribute information on",
    "Strengthen cooperation and coordination on",
    "Provide adequate resources for",
    "Review and revise the methodologies for",
    "Assess and report on a regular basis on",
    "Make voluntary contributions to support the work on",
    "Promote multi-stakeholder partnerships for",
    "Collect and share data at the national level on",
    "Prepare an overview of progress in"};
static const char *const zh_do[] = {
    "向委员会提交关于", "继续提供关于", "加强协调与合作，推进",
    "提供适当资源，支持", "定期审查和修改",   "定期评估并报告",
    "作出自愿捐助，支持", "促进多利益攸关方伙伴关系，推动",
    "在国家一级收集和分享", "编写进展概述，说明"};
static const char *const en_what[] = {
    "broadband access in rural areas",
    "the implementation of the WSIS action lines",
    "ICT indicators and their harmonization",
    "capacity-building in the least developed countries",
    "affordable access to information and communication technologies",
    "e-government strategies and pro-poor ICT policies",
    "the digital divide between and within countries",
    "the Internet Governance Forum and its structures",
    "cybersecurity and confidence in the use of ICT",
    "the WSIS stocktaking database"};
static const char *const zh_what[] = {
    "农村地区宽带接入的报告",   "信息社会世界首脑会议各行动方针的执行情况",
    "信息和通信技术指标的统一", "最不发达国家的能力建设",
    "负担得起的信息和通信技术", "电子政务战略和有利于穷人的政策",
    "国家之间和国家内部的数字鸿沟", "因特网治理论坛及其结构",
    "网络安全和使用信息和通信技术的信心", "首脑会议评估数据库"};
static const char *const en_org[] = {"Ministry of Communications",
                                     "National ICT Agency",
                                     "Regional Broadband Office",
                                     "Digital Inclusion Programme",
                                     "Statistics Partnership",
                                     "Internet Society Chapter",
                                     "Telecommunication Regulator",
                                     "E-Government Unit"};
static const char *const zh_org[] = {"通信部",       "国家信息通信技术署",
                                     "区域宽带办公室", "数字包容方案",
                                     "统计伙伴关系",   "因特网协会分会",
                                     "电信管理机构",   "电子政务股"};
static const char *const en_city[] = {"Geneva", "New York", "Tunis",
                                      "Baku",   "Nairobi",  "Bangkok",
                                      "Santiago", "Addis Ababa"};
static const char *const zh_city[] = {"日内瓦", "纽约",   "突尼斯",
                                      "巴库",   "内罗毕", "曼谷",
                                      "圣地亚哥", "亚的斯亚贝巴"};
static const char *const en_meeting[] = {"Regional review meeting",
                                         "Expert group meeting",
                                         "Open consultation",
                                         "Capacity-building workshop",
                                         "High-level dialogue"};
static const char *const zh_meeting[] = {"区域审查会议", "专家组会议",
                                         "公开协商会议", "能力建设讲习班",
                                         "高级别对话"};
#define N_OF(a) (int)(sizeof a / sizeof *a)

/* --------------------------------------------------------------- output */

typedef struct {
    FILE *f;
    char *buf;
} Out;

static const char *dir;

static void die(const char *what)
{
    fprintf(stderr, "gen: %s: %s\n", what, strerror(errno));
    exit(2);
}

static Out out_open(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Out o;
    o.f = fopen(path, "w");
    if (!o.f)
        die(path);
    o.buf = malloc(1 << 20);
    if (!o.buf)
        die("malloc");
    setvbuf(o.f, o.buf, _IOFBF, 1 << 20);
    return o;
}

static void out_close(Out *o)
{
    if (fclose(o->f) != 0)
        die("write");
    free(o->buf);
}

#define P(o, ...) fprintf((o)->f, __VA_ARGS__)

/* ------------------------------------------------------------- the model */

enum when {
    W_ONGOING,
    W_BY_DATE,
    W_BY_EVENT,
    W_DURING_EVENT,
    W_AFTER_EVENT,
    W_DURING_GA,
    W_YEARLY,
    W_MONTHLY,
    W_BEFORE_OBL,
    W_SUB
};

typedef struct {
    enum when when;
    int para;
    int actor[3], nactor, to;
    int what, how;
    long day;  /* W_BY_DATE, W_SUB: the date; else the known day or -1 */
    int ref;   /* event, GA session, other obligation or parent */
    int count; /* days */
    int shift, remind;
} Obl;

static long n_obl, n_ent, n_ev, n_para;
static Obl *obl;
static long *ev_from, *ev_to;

static int para_verb(int p) { return (int)((p * 2654435761u) >> 8) % NVERBS; }

/* An actor: a generated entity, or now and then one of the stdlib's. */
static const char *const std_actors[] = {"SG", "CSTD", "ITU", "UNESCO",
                                         "UNCTAD", "UNDP", "ALL_STAKEHOLDERS",
                                         "GOVERNMENTS"};

static const char *actor_name(int a, char *buf)
{
    if (a < 0)
        return std_actors[-a - 1];
    snprintf(buf, 16, "A%06d", a + 1);
    return buf;
}

static int some_actor(void)
{
    return pick(10) == 0 ? -1 - pick(N_OF(std_actors)) : pick((int)n_ent);
}

static void make_model(void)
{
    long last_fixed = -1, last_ongoing = -1;
    for (long i = 0; i < n_obl; i++) {
        Obl *o = &obl[i];
        memset(o, 0, sizeof *o);
        o->para = (int)(i % n_para) + 1;
        o->nactor = 1 + (pick(4) == 0) + (pick(8) == 0);
        for (int k = 0; k < o->nactor; k++)
            o->actor[k] = some_actor();
        o->to = pick(3) == 0 ? some_actor() : -100;
        o->what = pick(N_OF(en_what));
        o->how = pick(N_OF(en_do));
        o->day = -1;
        int r = pick(100);
        if (r < 28) {
            o->when = W_ONGOING;
            last_ongoing = i;
        } else if (r < 48) {
            o->when = W_BY_DATE;
            o->day = day0 + 40 + pick((int)(day_end - day0 - 40));
            o->shift = pick(5) == 0;
            o->remind = pick(3) == 0 ? 7 * (1 + pick(4)) : 0;
            last_fixed = i;
        } else if (r < 54) {
            o->when = W_BY_EVENT;
            o->ref = pick((int)n_ev);
        } else if (r < 58) {
            o->when = W_DURING_EVENT;
            o->ref = pick((int)n_ev);
        } else if (r < 65) {
            o->when = W_AFTER_EVENT;
            o->ref = pick((int)n_ev);
            o->count = 10 * (1 + pick(9));
        } else if (r < 70) {
            o->when = W_DURING_GA;
            o->ref = 67 + pick(4);
        } else if (r < 80) {
            o->when = W_YEARLY;
            o->remind = 14;
        } else if (r < 84) {
            o->when = W_MONTHLY;
        } else if (r < 94 && last_fixed >= 0) {
            o->when = W_BEFORE_OBL;
            o->ref = (int)last_fixed;
            o->count = 7 * (1 + pick(4));
            /* Keep it after adoption: the other is at least 40 days in. */
            if (obl[last_fixed].day - o->count <= day0)
                o->count = 1;
        } else if (last_ongoing >= 0) {
            o->when = W_SUB;
            o->ref = (int)last_ongoing;
            o->day = day0 + 40 + pick((int)(day_end - day0 - 40));
        } else {
            o->when = W_ONGOING;
            last_ongoing = i;
        }
    }
}

/* ------------------------------------------------------------ .wsis form */

static void wsis_entities(void)
{
    Out o = out_open("actors.wsis");
    char b[16];
    P(&o, "// Actors of the synthetic benchmark spec.\n\nimport \"un\"\n");
    for (long i = 0; i < n_ent; i++) {
        int w = pick(N_OF(en_org)), c = pick(N_OF(en_city));
        P(&o, "\nentity %s {\n", actor_name((int)i, b));
        P(&o, "  name    en \"%s, %s (%ld)\"\n", en_org[w], en_city[c], i + 1);
        P(&o, "  name    zh \"%s%s（%ld）\"\n", zh_city[c], zh_org[w], i + 1);
        P(&o, "  kind    %s\n", kinds[pick(N_OF(kinds))]);
        if (i > 10 && pick(4) == 0)
            P(&o, "  part_of %s\n", actor_name(pick((int)i), b));
        P(&o, "}\n");
    }
    out_close(&o);
}

static void wsis_events(void)
{
    Out o = out_open("events.wsis");
    char b[16], d1[11], d2[11];
    P(&o, "// Meetings of the synthetic benchmark spec.\n\nimport \"actors\"\n");
    for (long i = 0; i < n_ev; i++) {
        int m = pick(N_OF(en_meeting)), c = pick(N_OF(en_city));
        P(&o, "\nevent ev%06ld {\n", i + 1);
        P(&o, "  title  en \"%s on %s (%ld)\"\n", en_meeting[m],
          en_what[pick(N_OF(en_what))], i + 1);
        P(&o, "  title  zh \"%s（%ld）\"\n", zh_meeting[m], i + 1);
        P(&o, "  at     en \"%s\"\n  at     zh \"%s\"\n", en_city[c],
          zh_city[c]);
        P(&o, "  from   %s to %s\n", fmt_day(ev_from[i], d1),
          fmt_day(ev_to[i], d2));
        P(&o, "  hosts  %s\n", actor_name(some_actor(), b));
        P(&o, "}\n");
    }
    out_close(&o);
}

static void wsis_obligation(Out *o, long i)
{
    const Obl *x = &obl[i];
    char b[16], d[11];
    P(o, "\nobligation ob%07ld {\n", i + 1);
    P(o, "  cites      para %d\n", x->para);
    P(o, "  %-10s ", verbs[para_verb(x->para)]);
    for (int k = 0; k < x->nactor; k++)
        P(o, "%s%s", k ? ", " : "", actor_name(x->actor[k], b));
    P(o, "\n");
    if (x->to != -100)
        P(o, "  to         %s\n", actor_name(x->to, b));
    P(o, "  action     en \"%s %s\"\n", en_do[x->how], en_what[x->what]);
    P(o, "  action     zh \"%s%s\"\n", zh_do[x->how], zh_what[x->what]);
    switch (x->when) {
    case W_ONGOING:
        P(o, "  ongoing\n");
        break;
    case W_BY_DATE:
        P(o, "  due        by %s\n", fmt_day(x->day, d));
        break;
    case W_BY_EVENT:
        P(o, "  due        by ev%06d\n", x->ref + 1);
        break;
    case W_DURING_EVENT:
        P(o, "  due        during ev%06d\n", x->ref + 1);
        break;
    case W_AFTER_EVENT:
        P(o, "  due        %d days after ev%06d\n", x->count, x->ref + 1);
        break;
    case W_DURING_GA:
        P(o, "  due        during session GA %d\n", x->ref);
        break;
    case W_YEARLY:
        P(o, "  every      year from 2013 until 2015\n");
        P(o, "  due        30 days before session CSTD\n");
        P(o, "  shift      before CH_GENEVA\n");
        break;
    case W_MONTHLY:
        P(o, "  every      month from 2013-01-01 until 2013-12-31\n");
        break;
    case W_BEFORE_OBL:
        P(o, "  due        %d days before ob%07d\n", x->count, x->ref + 1);
        break;
    case W_SUB:
        P(o, "  due        by %s\n", fmt_day(x->day, d));
        P(o, "  part_of    ob%07d\n", x->ref + 1);
        break;
    }
    if (x->shift)
        P(o, "  shift      after CH_GENEVA\n");
    if (x->remind)
        P(o, "  remind     %d days\n", x->remind);
    P(o, "}\n");
}

/* The progress records are drawn once, then written in both forms. */
typedef struct {
    long obl;
    int occurrence; /* 0: none */
    const char *status;
    long day;
    int ref;
} Rec;

static Rec *recs;
static long n_recs, cap_recs;

static void add_rec(long i, int occ, const char *status, long day)
{
    if (n_recs == cap_recs) {
        cap_recs = cap_recs ? 2 * cap_recs : 1024;
        recs = realloc(recs, (size_t)cap_recs * sizeof *recs);
        if (!recs)
            die("realloc");
    }
    if (day > day_today)
        day = day_today;
    if (day <= day0)
        day = day0 + 1;
    recs[n_recs++] = (Rec){i, occ, status, day, pick(3) ? 60 + pick(20) : 0};
}

static void make_records(void)
{
    for (long i = 0; i < n_obl; i++) {
        const Obl *x = &obl[i];
        if (pick(100) >= 50)
            continue;
        long any = day0 + 30 + pick((int)(day_today - day0 - 30));
        switch (x->when) {
        case W_ONGOING:
            add_rec(i, 0, pick(2) ? "in_progress" : "partly", any);
            break;
        case W_BY_DATE:
        case W_SUB:
            if (x->day > day_today)
                add_rec(i, 0, "in_progress", any);
            else if (pick(10) == 0)
                add_rec(i, 0, "not_done", x->day + 1);
            else
                add_rec(i, 0, "done", x->day - 20 + pick(40));
            break;
        case W_YEARLY:
            for (int y = 2013; y <= 2015; y++)
                if (pick(4))
                    add_rec(i, y, "done",
                            days_from_civil(y, 3, 1) + pick(90));
            break;
        case W_MONTHLY:
            for (int m = 1; m <= 12; m += 1 + pick(3))
                add_rec(i, m, "done", days_from_civil(2013, m, 1) + pick(40));
            break;
        default:
            add_rec(i, 0, pick(5) ? "done" : "in_progress", any);
            break;
        }
    }
}

static void wsis_record(Out *o, const Rec *r)
{
    char d[11];
    P(o, "\nprogress ob%07ld", r->obl + 1);
    if (r->occurrence)
        P(o, " %d", r->occurrence);
    P(o, " {\n  %s %s\n", r->status, fmt_day(r->day, d));
    if (r->ref)
        P(o, "  ref  \"A/%d/%ld\"\n  url  \"https://undocs.org/A/%d/%ld\"\n",
          r->ref, r->obl % 1000 + 1, r->ref, r->obl % 1000 + 1);
    if (r->obl % 5 == 0)
        P(o, "  note en \"Reported by the focal point\"\n"
             "  note zh \"由协调中心报告\"\n");
    P(o, "}\n");
}

static void wsis_spec(void)
{
    long shards = (n_obl + SHARD - 1) / SHARD;
    long r = 0;
    for (long s = 0; s < shards; s++) {
        char name[64];
        snprintf(name, sizeof name, "spec-%03ld.wsis", s + 1);
        Out o = out_open(name);
        P(&o, "// Synthetic benchmark spec, part %ld of %ld.\n\n", s + 1,
          shards);
        P(&o, "import \"un\"\nimport \"actors\"\nimport \"events\"\n");
        if (s == 0) {
            P(&o, "\nresolution BENCH_RES {\n"
                  "  symbol    \"E/RES/2012/99\"\n"
                  "  title     en \"Synthetic follow-up resolution\"\n"
                  "  title     zh \"合成的后续行动决议\"\n"
                  "  body      ECOSOC\n"
                  "  adopted   2012-07-24\n"
                  "  operative 1..%ld\n}\n",
              n_para);
            for (long p = 1; p <= n_para; p++)
                P(&o,
                  "\nparagraph %ld %s {\n  summary en \"What paragraph %ld "
                  "asks\"\n}\n",
                  p, verbs[para_verb((int)p)], p);
        }
        long end = (s + 1) * SHARD < n_obl ? (s + 1) * SHARD : n_obl;
        for (long i = s * SHARD; i < end; i++)
            wsis_obligation(&o, i);
        out_close(&o);

        snprintf(name, sizeof name, "progress-%03ld.wsis", s + 1);
        o = out_open(name);
        P(&o, "// Progress records of part %ld.\n", s + 1);
        for (; r < n_recs && recs[r].obl < end; r++)
            wsis_record(&o, &recs[r]);
        out_close(&o);
    }
}

/* -------------------------------------------------------------- XML form */

static void xml_spec(void)
{
    Out o = out_open("spec.xml");
    char b[16], d1[11], d2[11];
    P(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<spec xmlns=\"urn:wsisc:bench:1\">\n"
          "  <import name=\"un\"/>\n"
          "  <resolution id=\"BENCH_RES\" body=\"ECOSOC\" "
          "adopted=\"2012-07-24\" operative=\"1..%ld\">\n"
          "    <symbol>E/RES/2012/99</symbol>\n"
          "    <title xml:lang=\"en\">Synthetic follow-up resolution</title>\n"
          "    <title xml:lang=\"zh\">合成的后续行动决议</title>\n"
          "  </resolution>\n",
      n_para);
    rng_state = 1; /* replay the entity and event draws */
    for (long i = 0; i < n_ent; i++) {
        int w = pick(N_OF(en_org)), c = pick(N_OF(en_city));
        P(&o, "  <entity id=\"%s\" kind=\"%s\"", actor_name((int)i, b),
          kinds[pick(N_OF(kinds))]);
        if (i > 10 && pick(4) == 0)
            P(&o, " part-of=\"%s\"", actor_name(pick((int)i), b));
        P(&o, ">\n    <name xml:lang=\"en\">%s, %s (%ld)</name>\n", en_org[w],
          en_city[c], i + 1);
        P(&o, "    <name xml:lang=\"zh\">%s%s（%ld）</name>\n  </entity>\n",
          zh_city[c], zh_org[w], i + 1);
    }
    for (long i = 0; i < n_ev; i++) {
        int m = pick(N_OF(en_meeting)), c = pick(N_OF(en_city));
        int what = pick(N_OF(en_what));
        P(&o, "  <event id=\"ev%06ld\" from=\"%s\" to=\"%s\" hosts=\"%s\">\n",
          i + 1, fmt_day(ev_from[i], d1), fmt_day(ev_to[i], d2),
          actor_name(some_actor(), b));
        P(&o, "    <title xml:lang=\"en\">%s on %s (%ld)</title>\n",
          en_meeting[m], en_what[what], i + 1);
        P(&o, "    <title xml:lang=\"zh\">%s（%ld）</title>\n", zh_meeting[m],
          i + 1);
        P(&o, "    <at xml:lang=\"en\">%s</at>\n    <at xml:lang=\"zh\">%s"
              "</at>\n  </event>\n",
          en_city[c], zh_city[c]);
    }
    for (long p = 1; p <= n_para; p++)
        P(&o,
          "  <paragraph number=\"%ld\" verb=\"%s\">\n    <summary "
          "xml:lang=\"en\">What paragraph %ld asks</summary>\n  "
          "</paragraph>\n",
          p, verbs[para_verb((int)p)], p);
    for (long i = 0; i < n_obl; i++) {
        const Obl *x = &obl[i];
        P(&o, "  <obligation id=\"ob%07ld\" cites=\"%d\" verb=\"%s\" "
              "addressed=\"",
          i + 1, x->para, verbs[para_verb(x->para)]);
        for (int k = 0; k < x->nactor; k++)
            P(&o, "%s%s", k ? " " : "", actor_name(x->actor[k], b));
        P(&o, "\"");
        if (x->to != -100)
            P(&o, " to=\"%s\"", actor_name(x->to, b));
        P(&o, ">\n    <action xml:lang=\"en\">%s %s</action>\n", en_do[x->how],
          en_what[x->what]);
        P(&o, "    <action xml:lang=\"zh\">%s%s</action>\n", zh_do[x->how],
          zh_what[x->what]);
        switch (x->when) {
        case W_ONGOING:
            P(&o, "    <ongoing/>\n");
            break;
        case W_BY_DATE:
            P(&o, "    <due rule=\"by\" date=\"%s\"/>\n", fmt_day(x->day, d1));
            break;
        case W_BY_EVENT:
            P(&o, "    <due rule=\"by\" event=\"ev%06d\"/>\n", x->ref + 1);
            break;
        case W_DURING_EVENT:
            P(&o, "    <due rule=\"during\" event=\"ev%06d\"/>\n", x->ref + 1);
            break;
        case W_AFTER_EVENT:
            P(&o, "    <due rule=\"after\" days=\"%d\" event=\"ev%06d\"/>\n",
              x->count, x->ref + 1);
            break;
        case W_DURING_GA:
            P(&o, "    <due rule=\"during\" session=\"GA\" number=\"%d\"/>\n",
              x->ref);
            break;
        case W_YEARLY:
            P(&o, "    <every unit=\"year\" from=\"2013\" until=\"2015\"/>\n"
                  "    <due rule=\"before\" days=\"30\" session=\"CSTD\"/>\n"
                  "    <shift direction=\"before\" calendar=\"CH_GENEVA\"/>\n");
            break;
        case W_MONTHLY:
            P(&o, "    <every unit=\"month\" from=\"2013-01-01\" "
                  "until=\"2013-12-31\"/>\n");
            break;
        case W_BEFORE_OBL:
            P(&o,
              "    <due rule=\"before\" days=\"%d\" obligation=\"ob%07d\"/>\n",
              x->count, x->ref + 1);
            break;
        case W_SUB:
            P(&o,
              "    <due rule=\"by\" date=\"%s\"/>\n    <part-of "
              "obligation=\"ob%07d\"/>\n",
              fmt_day(x->day, d1), x->ref + 1);
            break;
        }
        if (x->shift)
            P(&o, "    <shift direction=\"after\" calendar=\"CH_GENEVA\"/>\n");
        if (x->remind)
            P(&o, "    <remind days=\"%d\"/>\n", x->remind);
        P(&o, "  </obligation>\n");
    }
    for (long k = 0; k < n_recs; k++) {
        const Rec *r = &recs[k];
        P(&o, "  <record obligation=\"ob%07ld\"", r->obl + 1);
        if (r->occurrence)
            P(&o, " occurrence=\"%d\"", r->occurrence);
        P(&o, " status=\"%s\" date=\"%s\"", r->status, fmt_day(r->day, d1));
        if (!r->ref && r->obl % 5)
            P(&o, "/>\n");
        else {
            P(&o, ">\n");
            if (r->ref)
                P(&o,
                  "    <ref>A/%d/%ld</ref>\n    "
                  "<url>https://undocs.org/A/%d/%ld</url>\n",
                  r->ref, r->obl % 1000 + 1, r->ref, r->obl % 1000 + 1);
            if (r->obl % 5 == 0)
                P(&o, "    <note xml:lang=\"en\">Reported by the focal "
                      "point</note>\n    <note xml:lang=\"zh\">由协调中心报告"
                      "</note>\n");
            P(&o, "  </record>\n");
        }
    }
    P(&o, "</spec>\n");
    out_close(&o);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen N DIR\n");
        return 2;
    }
    char *end;
    errno = 0;
    n_obl = strtol(argv[1], &end, 10);
    if (errno || *end || n_obl < 1 || n_obl > 100000000) {
        fprintf(stderr, "gen: N must be 1 to 100000000\n");
        return 2;
    }
    dir = argv[2];
    n_ent = n_obl / 100 > 50 ? n_obl / 100 : 50;
    n_ev = n_obl / 20 > 20 ? n_obl / 20 : 20;
    n_para = n_obl < 10000 ? n_obl : 10000;
    day0 = days_from_civil(2012, 7, 24);
    day_today = days_from_civil(2016, 6, 30);
    day_end = days_from_civil(2016, 12, 31);

    obl = malloc((size_t)n_obl * sizeof *obl);
    ev_from = malloc((size_t)n_ev * sizeof *ev_from);
    ev_to = malloc((size_t)n_ev * sizeof *ev_to);
    if (!obl || !ev_from || !ev_to)
        die("malloc");
    for (long i = 0; i < n_ev; i++) {
        ev_from[i] = day0 + 30 + pick((int)(day_end - day0 - 30));
        ev_to[i] = ev_from[i] + pick(5);
    }
    make_model();
    make_records();

    /* Entities and events are drawn as they are written; the XML writer
       replays the same draws from the same seed. */
    uint64_t saved = rng_state;
    rng_state = 1;
    wsis_entities();
    wsis_events();
    rng_state = saved;
    wsis_spec();
    xml_spec();
    return 0;
}
