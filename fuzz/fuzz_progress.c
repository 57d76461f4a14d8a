/*
 * fuzz_progress.c - libFuzzer target: any bytes as a progress XML file,
 * read against a small spec, then reported on.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "wsisc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char spec[] =
    "import \"un\"\n"
    "resolution R { symbol \"E/RES/2012/5\" title en \"T\" body ECOSOC\n"
    "  adopted 2012-07-24 operative 1..2 }\n"
    "paragraph 2 notes\n"
    "obligation single { cites para 1\n requests SG\n action en \"x\"\n"
    "  due by 2013-06-30 }\n"
    "obligation yearly { cites para 1\n requests SG\n action en \"y\"\n"
    "  every year from 2013 until 2015\n  due by 2013-03-31 }\n"
    "obligation duty { cites para 1\n calls_upon ALL_STATES\n"
    "  action en \"z\"\n  ongoing }\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    DiagSink d;
    diag_init(&d, sink, COLOR_NEVER);
    Wsis *w = wsis_new(&d);
    if (!w)
        return 0;
    wsis_add_search_dir(w, "stdlib");
    wsis_set_today(w, 20000);
    wsis_set_as_of(w, 16000);
    if (wsis_load_string(w, "spec.wsis", spec, strlen(spec)) == WSIS_OK &&
        wsis_load_progress_xml_mem(w, "fuzz.xml", (const char *)data, size) ==
            WSIS_OK &&
        wsis_check(w) == WSIS_OK) {
        WsisReportOptions ro = {16000, 30, 365};
        wsis_report(w, sink, WSIS_REPORT_XML, &ro);
    }
    wsis_free(w);
    diag_fini(&d);
    return 0;
}
