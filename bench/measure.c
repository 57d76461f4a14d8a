/* bench/measure.c - wall time and peak memory of a command.
 *
 *   measure RUNS COMMAND [ARG]...
 *
 * runs COMMAND RUNS times, its standard output sent to /dev/null, and prints
 * one line: the shortest wall time in seconds and the largest peak resident
 * set in KiB (the kernel's ru_maxrss of the child, as /usr/bin/time -v's
 * "Maximum resident set size").  The best of several runs is the usual
 * measure of what a program costs: slower runs are other processes' noise.
 * Exits 1 if any run does not exit 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3 || atoi(argv[1]) < 1) {
        fprintf(stderr, "usage: measure RUNS COMMAND [ARG]...\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    double best = 0;
    long rss = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        pid_t pid = fork();
        if (pid < 0) {
            perror("measure: fork");
            return 2;
        }
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, 1);
            execvp(argv[2], argv + 2);
            fprintf(stderr, "measure: %s: %s\n", argv[2], strerror(errno));
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0) {
            perror("measure: wait4");
            return 2;
        }
        double t = now() - t0;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "measure: %s failed (status %d)\n", argv[2],
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            return 1;
        }
        if (r == 0 || t < best)
            best = t;
        if (ru.ru_maxrss > rss)
            rss = ru.ru_maxrss;
    }
    printf("%.4f %ld\n", best, rss);
    return 0;
}
