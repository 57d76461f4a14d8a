/*
 * outfile.c - atomic replacement of an output file (see outfile.h).  The
 * temporary lives in the target's directory so that rename(2) stays on one
 * file system and is atomic; its mode follows the umask, as a file created
 * with fopen would.  Where the file system allows, it is an unnamed
 * O_TMPFILE that only gets a name once complete, so even a kill -9 leaves
 * nothing behind; elsewhere a mkstemp file, removed on every failure.
 */
#define _GNU_SOURCE 1   /* O_TMPFILE, linkat */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
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
 * The temporary is written through a stdio cookie that, every 8 MiB,
 * asks the kernel to start writing back what is complete
 * (sync_file_range): the disk works while wsisc goes on, and the fsync
 * before the rename waits only for the last stretch.  A report of a
 * million obligations (900 MB) spent 0.37 s in that fsync before.
 */
typedef struct Sink {
    int fd;
    off_t written, kicked;
} Sink;

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    Sink *s = cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(s->fd, buf + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return done ? (ssize_t)done : -1;
        done += (size_t)k;
    }
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
    free(s);
    return rc;
}

/* A stream over fd (which it then owns), writing behind; NULL on failure
   (fd left open). */
static FILE *open_sink(int fd)
{
    Sink *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fd = fd;
    cookie_io_functions_t io = {NULL, sink_write, NULL, sink_close};
    FILE *fp = fopencookie(s, "wb", io);
    if (!fp)
        free(s);
    return fp;
}

/* A 1 MiB buffer instead of stdio's 4 KiB one: a calendar of a million
   events is written in a few hundred system calls.  Without the memory,
   stdio's own buffer does. */
static int buffered(OutFile *o)
{
    if (!o->fp)
        return 0;
    o->buf = malloc(OUT_BUFFER);
    if (o->buf && setvbuf(o->fp, o->buf, _IOFBF, OUT_BUFFER) != 0) {
        free(o->buf);
        o->buf = NULL;
    }
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
        o->fp = open_sink(fd);
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
    o->fp = open_sink(fd);
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

int outfile_commit(OutFile *o)
{
    int e = 0;
    if (!o->tmp) {             /* written in place: a device */
        if (fflush(o->fp) != 0 || ferror(o->fp))
            e = errno ? errno : EIO;
        if (fclose(o->fp) != 0 && !e)
            e = errno ? errno : EIO;
        o->fp = NULL;
        free(o->buf);
        o->buf = NULL;
        errno = e;
        return e ? -1 : 0;
    }
    if (fflush(o->fp) != 0 || ferror(o->fp))
        e = errno ? errno : EIO;
    if (!e && fsync(o->fd) != 0)
        e = errno;
    if (!e && o->anon) {
        /* Name the finished file, then move it over the target. */
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
        size_t k = strlen(o->tmp) - 6;
        for (int tries = 0; tries < 100; tries++) {
            for (size_t i = 0; i < 6; i++)
                o->tmp[k + i] = "abcdefghijklmnopqrstuvwxyz0123456789"
                    [(unsigned)rand() % 36];
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
    free(o->buf);
    o->buf = NULL;
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
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
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
