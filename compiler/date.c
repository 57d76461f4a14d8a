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
    int64_t z = date_to_days(dt);   /* 1970-01-01 was a Thursday (3) */
    int64_t w = (z + 3) % 7;
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
