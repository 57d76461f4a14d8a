/*
 * date.h - proleptic Gregorian civil dates.
 *
 * A date is also a day number: days since 1970-01-01 (negative before), so
 * comparing and subtracting dates is integer arithmetic.
 */
#ifndef WSIS_DATE_H
#define WSIS_DATE_H

#include <stdbool.h>
#include <stddef.h>
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
/* The same, of a day number (days since 1970-01-01). */
int date_weekday_days(int64_t z);

/* Writes YYYY-MM-DD into out (at least 11 bytes). */
void date_format(Date dt, char *out);

/* Day number of 9999-12-31 and of 0001-01-01: the range dates live in. */
#define DATE_MIN_DAYS (-719162)
#define DATE_MAX_DAYS 2932896

/*
 * What to do when month arithmetic lands on a day the month lacks (one
 * month after 31 January).  As in Catala, there is no silent default:
 * DATE_EXACT fails, DOWN takes the month's last day, UP the next month's
 * first day.
 */
typedef enum DateRound { DATE_EXACT, DATE_ROUND_DOWN, DATE_ROUND_UP } DateRound;

typedef enum DateStatus {
    DATE_OK,
    DATE_NO_SUCH_DAY,   /* DATE_EXACT and the day does not exist */
    DATE_OUT_OF_RANGE   /* before 0001-01-01 or after 9999-12-31 */
} DateStatus;

/* dt plus n months (n may be negative), under rounding rule r. */
DateStatus date_add_months(Date dt, int64_t n, DateRound r, Date *out);

/* dt plus n days; DATE_OUT_OF_RANGE outside years 1..9999. */
DateStatus date_add_days(Date dt, int64_t n, Date *out);

/*
 * Days off: a set of weekdays (bit 0 = Monday ... bit 6 = Sunday) and a
 * sorted array of holidays as day numbers.
 */
typedef struct DateCalendar {
    unsigned weekend;
    const int64_t *holidays;
    size_t nholidays;
} DateCalendar;

/* Is day z a day off in cal? */
bool date_is_off(const DateCalendar *cal, int64_t z);

/*
 * Moves day z to the nearest working day, earlier (forward false) or later;
 * z itself when it is one.  Fails (returns false) when no working day lies
 * within a year, as with a calendar whose every weekday is off.
 */
bool date_shift(const DateCalendar *cal, int64_t z, bool forward,
                int64_t *out);

#endif
