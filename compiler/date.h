/*
 * date.h - proleptic Gregorian civil dates.
 *
 * A date is also a day number: days since 1970-01-01 (negative before), so
 * comparing and subtracting dates is integer arithmetic.
 */
#ifndef WSIS_DATE_H
#define WSIS_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Date {
    int y, m, d;
} Date;

bool date_is_leap(int y);

/* Days in month m (1-12) of year y. */
int date_month_days(int y, int m);

/* Is y-m-d a real day in years 1..9999? */
bool date_valid(int y, int m, int d);

/* Day number of a valid date, and back. */
int64_t date_to_days(Date dt);
Date date_from_days(int64_t days);

/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int date_weekday(Date dt);

/* Writes YYYY-MM-DD into out (at least 11 bytes). */
void date_format(Date dt, char *out);

#endif
