/*
 * spell.h - "did you mean": how far apart two words are.
 */
#ifndef WSIS_SPELL_H
#define WSIS_SPELL_H

#include <stddef.h>

/*
 * Optimal string alignment distance between a and b (insertions,
 * deletions, substitutions, adjacent transpositions); any result above
 * limit is reported as limit + 1, and words over 64 bytes are not compared.
 */
size_t spell_distance(const char *a, const char *b, size_t limit);

/* How far off a word may be, for its length, to be worth suggesting. */
size_t spell_limit(size_t len);

#endif
