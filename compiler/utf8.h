/*
 * utf8.h - the little UTF-8 the compiler needs: decoding one character,
 * validating a string, and how many terminal cells a character takes.
 */
#ifndef WSIS_UTF8_H
#define WSIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the character at s (n bytes available) into *cp and returns its
 * length in bytes, or 0 when the bytes there are not well-formed UTF-8
 * (overlong forms, surrogates and values past U+10FFFF included).
 */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Offset of the first ill-formed byte in s[0..n), or n when all is valid. */
size_t utf8_check(const char *s, size_t n);

/* Encodes cp into out (at least 4 bytes); returns the length, 0 if invalid. */
size_t utf8_encode(uint32_t cp, char *out);

/* Terminal cells for cp: 0 (combining), 1, or 2 (East Asian wide). */
int utf8_width(uint32_t cp);

#endif
