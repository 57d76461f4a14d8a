/*
 * parts.h - one pass cut into parts, run at once on threads.
 *
 * The solver's passes (sched.c) and the matching of progress records
 * (progress.c) each make an array of parts, one per job, every part
 * carrying what its run needs; parts_run runs them all and waits.  What a
 * part may write, and what is done with a part that reported anything, is
 * each caller's (see run_parts in sched.c).
 */
#ifndef WSIS_PARTS_H
#define WSIS_PARTS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* Runs run(part k) for the n parts of size bytes from first: part 0 on
   this thread, each other on a thread of its own, and returns once all
   are done.  false when a thread could not be started (its part has not
   run). */
bool parts_run(void *first, size_t size, int n, void *(*run)(void *part));

/* For passes whose threads take chunks of size items in turn, out of n,
   with *next their shared counter (from 0): the next chunk's index in *k
   and its items [*from, *to); false when none is left. */
bool parts_take(atomic_size_t *next, size_t n, size_t size, size_t *k,
                size_t *from, size_t *to);

#endif
