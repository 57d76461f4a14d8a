/*
 * date.c - civil-date arithmetic with Howard Hinnant's days_from_civil and
 * civil_from_days algorithms (eras of 400 years), exact over the whole
 * proleptic Gregorian calendar.
 */
#include "date.h"


bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_month_days(y, m);
}

int64_t date_to_days(Date dt)
{
    int64_t y = dt.y - (dt.m <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (dt.m + 9) % 12;          /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + dt.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date date_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    Date dt;
    dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
    return dt;
}

int date_weekday(Date dt)
{
    return date_weekday_days(date_to_days(dt));
}

int date_weekday_days(int64_t z)
{
    int64_t w = (z + 3) % 7;        /* 1970-01-01 was a Thursday (3) */
    return (int)(w < 0 ? w + 7 : w);
}

void date_format(Date dt, char *out)
{
    unsigned y = (unsigned)dt.y % 10000u, m = (unsigned)dt.m % 100u,
             d = (unsigned)dt.d % 100u;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

DateStatus date_add_months(Date dt, int64_t n, DateRound r, Date *out)
{
    if (n > 12 * 10000 || n < -12 * 10000)
        return DATE_OUT_OF_RANGE;
    int64_t m0 = (int64_t)dt.y * 12 + (dt.m - 1) + n;
    int64_t y = m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;
    int m = (int)(m0 - y * 12) + 1;
    if (y < 1 || y > 9999)
        return DATE_OUT_OF_RANGE;
    Date res = {(int)y, m, dt.d};
    int last = date_month_days((int)y, m);
    if (dt.d > last) {
        switch (r) {
        case DATE_EXACT:
            return DATE_NO_SUCH_DAY;
        case DATE_ROUND_DOWN:
            res.d = last;
            break;
        case DATE_ROUND_UP:
            if (m == 12 && y == 9999)
                return DATE_OUT_OF_RANGE;
            res.d = 1;
            res.m = m == 12 ? 1 : m + 1;
            res.y = m == 12 ? (int)y + 1 : (int)y;
            break;
        }
    }
    *out = res;
    return DATE_OK;
}

DateStatus date_add_days(Date dt, int64_t n, Date *out)
{
    int64_t z = date_to_days(dt);
    if (n > DATE_MAX_DAYS - z || n < DATE_MIN_DAYS - z)
        return DATE_OUT_OF_RANGE;
    *out = date_from_days(z + n);
    return DATE_OK;
}

bool date_is_off(const DateCalendar *cal, int64_t z)
{
    if (cal->weekend & (1u << date_weekday_days(z)))
        return true;
    size_t lo = 0, hi = cal->nholidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->holidays[mid] < z)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cal->nholidays && cal->holidays[lo] == z;
}

bool date_shift(const DateCalendar *cal, int64_t z, bool forward,
                int64_t *out)
{
    for (int i = 0; i <= 366; i++) {
        int64_t d = forward ? z + i : z - i;
        if (d < DATE_MIN_DAYS || d > DATE_MAX_DAYS)
            return false;
        if (!date_is_off(cal, d)) {
            *out = d;
            return true;
        }
    }
    return false;
}
