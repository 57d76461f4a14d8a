/*
 * bytes16.h - sixteen bytes compared at once.
 *
 * The scanner's strings and the calendar's texts are mostly runs of bytes
 * that need nothing done to them, ended by the first byte of some set (a
 * quote, a byte to escape, a byte that starts a UTF-8 character).  Such a
 * run is found sixteen bytes at a time with GCC's and Clang's vector
 * extensions, which compile to SSE2 on x86-64 and to NEON on AArch64 (and
 * to plain code elsewhere): a comparison with a byte gives a lane of ones
 * where it holds, and the first lane set ends the run.  Sixteen bytes
 * take about twenty instructions, where a loop over bytes took sixty and
 * over words of eight (SWAR) fifty.
 *
 *     Bytes16 v = bytes16_at(s + i);
 *     unsigned k = bytes16_first((Bytes16)((v < 0x20) | (v == ',')));
 *
 * A load reads all sixteen bytes: the caller makes sure they are there.
 */
#ifndef WSIS_BYTES16_H
#define WSIS_BYTES16_H

#include <stdint.h>
#include <string.h>

typedef unsigned char Bytes16 __attribute__((vector_size(16)));
typedef uint64_t Words2 __attribute__((vector_size(16)));

/* The sixteen bytes at p, at any alignment. */
static inline Bytes16 bytes16_at(const void *p)
{
    Bytes16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The first lane of m that is set (each lane all ones or all zeros), or
   16 when none is. */
static inline unsigned bytes16_first(Bytes16 m)
{
    Words2 w = (Words2)m;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (w[0])
        return (unsigned)__builtin_ctzll(w[0]) / 8;
    if (w[1])
        return 8 + (unsigned)__builtin_ctzll(w[1]) / 8;
#else
    if (w[0])
        return (unsigned)__builtin_clzll(w[0]) / 8;
    if (w[1])
        return 8 + (unsigned)__builtin_clzll(w[1]) / 8;
#endif
    return 16;
}

#endif
