#pragma once

#include "prom/FormattedValue.h"

#include <QString>

namespace Sitrep::Prom::TimeFormat {

// Grafana's time units: a value in the unit, scaled to the unit that reads best ("1.50 s", "2.5 hour").
FormattedValue nanoseconds(double v, int decimals);
FormattedValue microseconds(double v, int decimals);
FormattedValue milliseconds(double v, int decimals);
FormattedValue seconds(double v, int decimals);
FormattedValue minutes(double v, int decimals);
FormattedValue hours(double v, int decimals);
FormattedValue days(double v, int decimals);

// "1 day, 12 hours, 0 minutes": the first non-zero unit and `decimals` more (dtdurationms, dtdurations).
enum class Scale { Millisecond, Second };
FormattedValue duration(double v, int decimals, Scale scale);
// "01:02:03" (dthms) and "3 d 01:02:03" (dtdhms), from seconds.
FormattedValue hoursMinutesSeconds(double seconds);
FormattedValue daysHoursMinutesSeconds(double seconds);
// "01h:59m:59s:999ms" (clockms, clocks), shortened by decimals 0..2.
FormattedValue clock(double milliseconds, int decimals);

// Epoch milliseconds as a date: a moment.js pattern ("YYYY-MM-DD HH:mm:ss"), optionally a shorter one when
// the date is today; local time.
FormattedValue dateTime(double epochMs, const QString &momentPattern, const QString &todayPattern = {});
// "7 days ago", "in 2 minutes" (moment's fromNow wording).
FormattedValue fromNow(double epochMs, qint64 nowMs);
// A moment.js pattern in Qt's QDateTime::toString syntax.
QString momentToQt(const QString &pattern);

} // namespace Sitrep::Prom::TimeFormat
