/*
 * wsisc.h - the wsisc library: load .wsis specs, check them, ask what they
 * hold.  The driver (main.c) is one client; the tests are another.
 *
 *   DiagSink d;  diag_init(&d, stderr, COLOR_AUTO);
 *   Wsis *w = wsis_new(&d);
 *   wsis_add_search_dir(w, "stdlib");
 *   if (wsis_load_file(w, "spec.wsis") == WSIS_OK) wsis_check(w);
 *   ... d.nerrors ...;  wsis_free(w);  diag_fini(&d);
 */
#ifndef WSISC_H
#define WSISC_H

#include <stddef.h>

#include "diag.h"

typedef struct Wsis Wsis;

typedef enum WsisStatus {
    WSIS_OK = 0,       /* nothing wrong (warnings allowed) */
    WSIS_ESPEC = 1,    /* errors in the specs, reported to the sink */
    WSIS_EIO = 2,      /* a file could not be read, reported to the sink */
    WSIS_ENOMEM = 3    /* out of memory, reported to the sink */
} WsisStatus;

/* A compilation reporting into diag (which must outlive it); NULL if OOM. */
Wsis *wsis_new(DiagSink *diag);
void wsis_free(Wsis *w);

/* Appends a directory to the import search path (searched in order). */
WsisStatus wsis_add_search_dir(Wsis *w, const char *dir);

/* Loads a spec file given by the user, then everything it imports. */
WsisStatus wsis_load_file(Wsis *w, const char *path);

/* Loads a spec from memory; name is what diagnostics call it. */
WsisStatus wsis_load_string(Wsis *w, const char *name, const char *text,
                            size_t len);

/* Checks names and meaning of everything loaded; call once, after loading. */
WsisStatus wsis_check(Wsis *w);

typedef struct WsisStats {
    char resolution[128];     /* its symbol, or "" without one */
    int files;
    int entities, verbs, sessions, events, obligations, documents, markers;
    int operative_first, operative_last;
    int operative_covered;    /* paragraphs accounted for */
} WsisStats;

/* What the loaded specs hold (after wsis_check). */
void wsis_stats(const Wsis *w, WsisStats *out);

#endif
