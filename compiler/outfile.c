/*
 * outfile.c - atomic replacement of an output file (see outfile.h).  The
 * temporary lives in the target's directory so that rename(2) stays on one
 * file system and is atomic; its mode follows the umask, as a file created
 * with fopen would.  Where the file system allows, it is an unnamed
 * O_TMPFILE that only gets a name once complete, so even a kill -9 leaves
 * nothing behind (but in the microseconds between naming it and renaming
 * it over the target, when what it leaves is the complete file); elsewhere
 * a mkstemp file, removed on every failure.
 */
#define _GNU_SOURCE 1   /* O_TMPFILE, linkat */
#include "outfile.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

enum { OUT_BUFFER = 1 << 20, WRITE_BEHIND = 8 << 20 };

/*
 * The temporary is written through a stdio cookie, in one of two ways.
 *
 * Large outputs go around the page cache (O_DIRECT), in aligned 4 MiB
 * chunks: on Linux, copying a 900 MB report into fresh page-cache pages
 * cost 2.7 s, where the device took the same bytes directly in about
 * 0.6 s (docs/performance.md).  stdio's buffer is then itself an aligned
 * chunk, and each time it is full it goes to the device as it is; other
 * writes (a partial buffer, a block stdio writes from its caller's
 * memory) are copied into the sink's own chunk first.  The last, partial
 * chunk is written normally, once O_DIRECT is turned off again.  Where the file system
 * refuses O_DIRECT, or memory for the aligned buffer is short, writes are
 * ordinary ones, and every 8 MiB the kernel is asked to start writing back
 * what is complete (sync_file_range), so the fsync before the rename
 * waits only for the last stretch.
 */
enum { DIRECT_CHUNK = 4 << 20, DIRECT_ALIGN = 4096 };

typedef struct Sink {
    int fd;
    off_t written, kicked;
    char *chunk;           /* aligned, DIRECT_CHUNK bytes; NULL: no O_DIRECT */
    size_t held;           /* bytes waiting in chunk */
    const char *sbuf;      /* stdio's buffer, when an aligned chunk too */
} Sink;

static void direct_off(Sink *s)
{
    int fl = fcntl(s->fd, F_GETFL);
    if (fl >= 0)
        fcntl(s->fd, F_SETFL, fl & ~O_DIRECT);
}

/* Writes n bytes; where O_DIRECT is refused (EINVAL: a file system
   without it, or a short write that left the offset unaligned), the rest
   goes out normally. */
static int write_all(Sink *s, const char *buf, size_t n)
{
    size_t done = 0;
    bool direct = s->chunk != NULL;
    while (done < n) {
        ssize_t k = write(s->fd, buf + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && errno == EINVAL && direct) {
            direct_off(s);
            direct = false;
            continue;
        }
        if (k <= 0) {
            if (k == 0)
                errno = EIO;
            return -1;
        }
        done += (size_t)k;
    }
    return 0;
}

/* Writes what the chunk holds: a full chunk directly, a partial one (the
   end of the output) normally. */
static int drain(Sink *s)
{
    if (!s->held)
        return 0;
    if (s->held < DIRECT_CHUNK)
        direct_off(s);
    if (write_all(s, s->chunk, s->held) != 0)
        return -1;
    s->held = 0;
    return 0;
}

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    Sink *s = cookie;
    if (s->chunk && s->held == 0 && buf == s->sbuf && n == DIRECT_CHUNK)
        return write_all(s, buf, n) == 0 ? (ssize_t)n : -1;
    if (s->chunk) {
        size_t done = 0;
        while (done < n) {
            size_t k = DIRECT_CHUNK - s->held;
            if (k > n - done)
                k = n - done;
            memcpy(s->chunk + s->held, buf + done, k);
            s->held += k;
            done += k;
            if (s->held == DIRECT_CHUNK && drain(s) != 0)
                return -1;
        }
        return (ssize_t)n;
    }
    if (write_all(s, buf, n) != 0)
        return -1;
    s->written += (off_t)n;
#ifdef SYNC_FILE_RANGE_WRITE
    if (s->written - s->kicked >= WRITE_BEHIND) {
        /* only a hint: the fsync at the end is what is checked */
        sync_file_range(s->fd, s->kicked, s->written - s->kicked,
                        SYNC_FILE_RANGE_WRITE);
        s->kicked = s->written;
    }
#endif
    return (ssize_t)n;
}

static int sink_close(void *cookie)
{
    Sink *s = cookie;
    int rc = close(s->fd);
    free(s->chunk);
    free(s);
    return rc;
}

/* A stream over fd (which it then owns); NULL on failure (fd left open). */
static FILE *open_sink(OutFile *o, int fd)
{
    Sink *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fd = fd;
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0 && posix_memalign((void **)&s->chunk, DIRECT_ALIGN,
                                  DIRECT_CHUNK) == 0) {
        if (fcntl(fd, F_SETFL, fl | O_DIRECT) != 0) {
            free(s->chunk);
            s->chunk = NULL;
        }
    } else {
        s->chunk = NULL;
    }
    cookie_io_functions_t io = {NULL, sink_write, NULL, sink_close};
    FILE *fp = fopencookie(s, "wb", io);
    if (!fp) {
        free(s->chunk);
        free(s);
        return NULL;
    }
    o->sink = s;
    return fp;
}

/* A 1 MiB buffer instead of stdio's 4 KiB one: a calendar of a million
   events is written in a few hundred system calls.  Where the file takes
   O_DIRECT, an aligned chunk instead, which the sink writes as it is.
   Without the memory, stdio's own buffer does. */
static int buffered(OutFile *o)
{
    if (!o->fp)
        return 0;
    Sink *s = o->sink;
    size_t size = OUT_BUFFER;
    if (s && s->chunk &&
        posix_memalign((void **)&o->buf, DIRECT_ALIGN, DIRECT_CHUNK) == 0)
        size = DIRECT_CHUNK;
    else
        o->buf = malloc(OUT_BUFFER);
    if (o->buf && setvbuf(o->fp, o->buf, _IOFBF, size) != 0) {
        free(o->buf);
        o->buf = NULL;
    }
    if (o->buf && size == DIRECT_CHUNK)
        s->sbuf = o->buf;
    return 1;
}

int outfile_open(OutFile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    /* A device or a FIFO (/dev/null, /dev/stdout) is written to directly:
       renaming a file over it would replace the device itself. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return -1;
        }
        o->fp = fopen(path, "wb");
        return buffered(o) ? 0 : -1;
    }
    char *dir = dir_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strlen(dir) + strlen(base) + 16;
    o->tmp = dir ? malloc(n) : NULL;
    o->path = strdup(path);
    if (!dir || !o->tmp || !o->path) {
        free(dir);
        free(o->tmp);
        free(o->path);
        errno = ENOMEM;
        return -1;
    }
    snprintf(o->tmp, n, "%s/.%s.XXXXXX", dir, base);
    mode_t mask = umask(0);
    umask(mask);
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666 & ~mask);
    free(dir);
    if (fd >= 0) {
        o->anon = 1;
        o->fd = fd;
        o->fp = open_sink(o, fd);
        if (buffered(o))
            return 0;
        close(fd);
        o->anon = 0;
    }
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        free(o->path);
        errno = e;
        return -1;
    }
    fchmod(fd, 0666 & ~mask);
    o->fd = fd;
    o->fp = open_sink(o, fd);
    if (!o->fp) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        free(o->path);
        errno = e;
        return -1;
    }
    buffered(o);
    return 0;
}

/* Names the finished temporary (when unnamed), renames it over the
   target and makes the rename durable; o->err says how it went.  Run on a
   thread of its own by outfile_commit_start. */
static void place(OutFile *o)
{
    int e = 0;
    if (o->anon) {
        /* Name the finished file, then move it over the target. */
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
        size_t k = strlen(o->tmp) - 6;
        for (int tries = 0; tries < 100; tries++) {
            for (size_t i = 0; i < 6; i++)
                o->tmp[k + i] = "abcdefghijklmnopqrstuvwxyz0123456789"
                    [(unsigned)rand_r(&o->seed) % 36];
            if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp,
                       AT_SYMLINK_FOLLOW) == 0) {
                e = 0;
                break;
            }
            e = errno;
            if (e != EEXIST)
                break;
        }
    }
    /* rename straight after naming it: the only moment a kill could
       leave the temporary's name behind is between these two calls */
    if (!e && rename(o->tmp, o->path) != 0)
        e = errno;
    if (fclose(o->fp) != 0 && !e)
        e = errno ? errno : EIO;
    o->fp = NULL;
    if (e) {
        unlink(o->tmp);
    } else {
        /* Make the rename itself durable. */
        char *dir = dir_of(o->path);
        int dfd = dir ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    o->err = e;
}

static void *place_thread(void *arg)
{
    place(arg);
    return NULL;
}

int outfile_commit_start(OutFile *o)
{
    int e = 0;
    o->placing = 0;
    if (!o->tmp) {             /* written in place: a device */
        if (fflush(o->fp) != 0 || ferror(o->fp))
            e = errno ? errno : EIO;
        if (fclose(o->fp) != 0 && !e)
            e = errno ? errno : EIO;
        o->fp = NULL;
        free(o->buf);
        o->buf = NULL;
        o->err = e;
        errno = e;
        return e ? -1 : 0;
    }
    if (fflush(o->fp) != 0 || ferror(o->fp))
        e = errno ? errno : EIO;
    if (!e && o->sink && ((Sink *)o->sink)->chunk && drain(o->sink) != 0)
        e = errno ? errno : EIO;
    if (!e && fsync(o->fd) != 0)
        e = errno;
    if (e) {
        fclose(o->fp);
        o->fp = NULL;
        if (!o->anon)
            unlink(o->tmp);
        free(o->buf);
        free(o->tmp);
        free(o->path);
        o->buf = o->tmp = o->path = NULL;
        errno = e;
        return -1;
    }
    /* Replacing a large file waits while the file system frees its
       blocks (0.09 s for a 480 MiB calendar on a disk that discards
       them): on a thread, it overlaps the caller's freeing of its memory.
       Without a thread, here. */
    o->seed = (unsigned)rand();
    o->placing = pthread_create(&o->placer, NULL, place_thread, o) == 0;
    if (!o->placing)
        place(o);
    return 0;
}

int outfile_commit_wait(OutFile *o)
{
    if (o->placing)
        pthread_join(o->placer, NULL);
    o->placing = 0;
    int e = o->err;
    free(o->buf);
    free(o->tmp);
    free(o->path);
    o->buf = o->tmp = o->path = NULL;
    errno = e;
    return e ? -1 : 0;
}

void outfile_abort(OutFile *o)
{
    if (o->fp)
        fclose(o->fp);
    free(o->buf);
    if (o->tmp && !o->anon)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
