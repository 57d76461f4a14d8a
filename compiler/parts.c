/*
 * parts.c - one pass cut into parts, run at once on threads (parts.h).
 */
#include "parts.h"

#include <pthread.h>
#include <stdlib.h>

bool parts_take(atomic_size_t *next, size_t n, size_t size, size_t *k,
                size_t *from, size_t *to)
{
    *k = atomic_fetch_add(next, 1);
    if (*k >= (n + size - 1) / size)
        return false;
    *from = *k * size;
    *to = n - *from > size ? *from + size : n;
    return true;
}

bool parts_run(void *first, size_t size, int n, void *(*run)(void *part))
{
    pthread_t *thread = n > 1 ? calloc((size_t)n, sizeof *thread) : NULL;
    bool *started = n > 1 ? calloc((size_t)n, sizeof *started) : NULL;
    bool ok = n <= 1 || (thread && started);
    for (int k = 1; ok && k < n; k++)
        started[k] = pthread_create(&thread[k], NULL, run,
                                    (char *)first + (size_t)k * size) == 0;
    if (ok)
        run(first);
    for (int k = 1; thread && started && k < n; k++) {
        if (started[k])
            pthread_join(thread[k], NULL);
        else
            ok = false;
    }
    free(thread);
    free(started);
    return ok;
}
