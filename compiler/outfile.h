/*
 * outfile.h - writing an output file so that a failed run leaves the old
 * one untouched: a temporary file beside it, every write checked, fsync,
 * rename over the target, fsync of the directory.  An existing target
 * that is not a regular file (a device, a FIFO) is written in place.
 */
#ifndef WSIS_OUTFILE_H
#define WSIS_OUTFILE_H

#include <pthread.h>
#include <stdio.h>

typedef struct OutFile {
    FILE *fp;              /* write here */
    int fd;                /* the temporary's descriptor, under fp */
    void *sink;            /* fp's cookie (outfile.c) */
    char *path;            /* the target */
    char *tmp;             /* the temporary beside it */
    int anon;              /* tmp is unnamed (O_TMPFILE) until commit */
    char *buf;             /* fp's buffer: large, so output is written in
                              few system calls (NULL: stdio's own) */
    /* putting it in place (outfile_commit_start) */
    pthread_t placer;
    int placing;           /* placer runs */
    int err;               /* how it went: 0 or an errno */
    unsigned seed;         /* for the temporary's name */
} OutFile;

/* Opens a temporary beside path; -1 with errno set on failure. */
int outfile_open(OutFile *o, const char *path);

/* Puts the file in place, in two steps.  start flushes and syncs (-1
   with errno set on a failure there, everything cleaned up), then names
   the file and renames it over the target on a thread of its own; wait
   joins it: -1 with errno set if that failed (the temporary is removed
   and the target left as it was).  In between, o must stay where it is,
   and the caller may do other work (free its memory) while the rename
   waits on the device. */
int outfile_commit_start(OutFile *o);
int outfile_commit_wait(OutFile *o);

/* Drops the temporary; the target is left as it was. */
void outfile_abort(OutFile *o);

#endif
