#include "prom/UnitFormat.h"

#include "prom/NumberText.h"
#include "prom/TimeFormat.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Sitrep::Prom {

using NumberText::toFixed;

namespace {

// How a catalogue id formats: the facts of Grafana's valueFormats/categories.ts.
enum class Fn {
    None,
    String,
    Short,
    Fixed,       // number, space, symbol
    SI,          // SI prefixes f..Y stepping by 1000, offset from the base unit
    Binary,      // Ki, Mi, ... stepping by 1024
    Count,       // K, M, B, T then " symbol"
    Currency,    // symbol before, K/M/B/T after
    CurrencyEnd, // K/M/B/T and the symbol after
    Percent,
    PercentUnit,
    Psi,
    Hex,
    Hex0x,
    Sci,
    Locale,
    Bool,
    Ns,
    Us,
    Ms,
    S,
    Min,
    Hour,
    Day,
    DurationMs,
    DurationS,
    Dthms,
    Dtdhms,
    Timeticks,
    ClockMs,
    ClockS,
    DateIso,
    DateIsoToday,
    DateUS,
    DateUSToday,
    DateLocal,
    DateLocalToday,
    DateSystem,
    FromNow,
};

struct Entry
{
    const char *id;
    Fn fn;
    const char *symbol = "";
    int offset = 0;
    const char *other = ""; // the "false" word of a boolean unit
};

// In the order of Grafana's unit picker.
const Entry kCatalogue[] = {
    // Misc
    {"none", Fn::None},
    {"string", Fn::String},
    {"short", Fn::Short},
    {"sishort", Fn::SI, ""},
    {"percent", Fn::Percent},
    {"percentunit", Fn::PercentUnit},
    {"humidity", Fn::Fixed, "%H"},
    {"dB", Fn::Fixed, "dB"},
    {"candela", Fn::SI, "cd"},
    {"hex0x", Fn::Hex0x},
    {"hex", Fn::Hex},
    {"sci", Fn::Sci},
    {"locale", Fn::Locale},
    {"pixel", Fn::Fixed, "px"},
    // Acceleration
    {"accMS2", Fn::Fixed, "m/sec²"},
    {"accFS2", Fn::Fixed, "f/sec²"},
    {"accG", Fn::Fixed, "g"},
    // Angle
    {"degree", Fn::Fixed, "°"},
    {"radian", Fn::Fixed, "rad"},
    {"grad", Fn::Fixed, "grad"},
    {"arcmin", Fn::Fixed, "arcmin"},
    {"arcsec", Fn::Fixed, "arcsec"},
    // Area
    {"areaM2", Fn::Fixed, "m²"},
    {"areaF2", Fn::Fixed, "ft²"},
    {"areaMI2", Fn::Fixed, "mi²"},
    {"acres", Fn::Fixed, "ac"},
    {"hectares", Fn::Fixed, "ha"},
    // Computation
    {"flops", Fn::SI, "FLOPS", 0},
    {"mflops", Fn::SI, "FLOPS", 2},
    {"gflops", Fn::SI, "FLOPS", 3},
    {"tflops", Fn::SI, "FLOPS", 4},
    {"pflops", Fn::SI, "FLOPS", 5},
    {"eflops", Fn::SI, "FLOPS", 6},
    {"zflops", Fn::SI, "FLOPS", 7},
    {"yflops", Fn::SI, "FLOPS", 8},
    // Concentration
    {"ppm", Fn::Fixed, "ppm"},
    {"conppb", Fn::Fixed, "ppb"},
    {"conngm3", Fn::Fixed, "ng/m³"},
    {"conngNm3", Fn::Fixed, "ng/Nm³"},
    {"conμgm3", Fn::Fixed, "μg/m³"},
    {"conμgNm3", Fn::Fixed, "μg/Nm³"},
    {"conmgm3", Fn::Fixed, "mg/m³"},
    {"conmgNm3", Fn::Fixed, "mg/Nm³"},
    {"congm3", Fn::Fixed, "g/m³"},
    {"congNm3", Fn::Fixed, "g/Nm³"},
    {"conmgdL", Fn::Fixed, "mg/dL"},
    {"conmmolL", Fn::Fixed, "mmol/L"},
    // Currency
    {"currencyUSD", Fn::Currency, "$"},
    {"currencyGBP", Fn::Currency, "£"},
    {"currencyEUR", Fn::Currency, "€"},
    {"currencyJPY", Fn::Currency, "¥"},
    {"currencyRUB", Fn::Currency, "₽"},
    {"currencyUAH", Fn::Currency, "₴"},
    {"currencyBRL", Fn::Currency, "R$"},
    {"currencyDKK", Fn::CurrencyEnd, "kr"},
    {"currencyISK", Fn::CurrencyEnd, "kr"},
    {"currencyNOK", Fn::CurrencyEnd, "kr"},
    {"currencySEK", Fn::CurrencyEnd, "kr"},
    {"currencyCZK", Fn::Currency, "czk"},
    {"currencyCHF", Fn::Currency, "CHF"},
    {"currencyPLN", Fn::Currency, "PLN"},
    {"currencyBTC", Fn::Currency, "฿"},
    {"currencymBTC", Fn::Currency, "mBTC"},
    {"currencyμBTC", Fn::Currency, "μBTC"},
    {"currencyZAR", Fn::Currency, "R"},
    {"currencyINR", Fn::Currency, "₹"},
    {"currencyKRW", Fn::Currency, "₩"},
    {"currencyIDR", Fn::Currency, "Rp"},
    {"currencyPHP", Fn::Currency, "PHP"},
    {"currencyVND", Fn::CurrencyEnd, "đ"},
    {"currencyTRY", Fn::CurrencyEnd, "₺"},
    {"currencyMYR", Fn::Currency, "RM"},
    {"currencyXPF", Fn::Currency, "XPF"},
    {"currencyBGN", Fn::Currency, "BGN"},
    {"currencyPYG", Fn::Currency, "₲"},
    {"currencyUYU", Fn::Currency, "UYU"},
    {"currencyILS", Fn::Currency, "₪"},
    // Data
    {"bytes", Fn::Binary, "B", 0},
    {"decbytes", Fn::SI, "B", 0},
    {"bits", Fn::Binary, "b", 0},
    {"decbits", Fn::SI, "b", 0},
    {"kbytes", Fn::Binary, "B", 1},
    {"deckbytes", Fn::SI, "B", 1},
    {"mbytes", Fn::Binary, "B", 2},
    {"decmbytes", Fn::SI, "B", 2},
    {"gbytes", Fn::Binary, "B", 3},
    {"decgbytes", Fn::SI, "B", 3},
    {"tbytes", Fn::Binary, "B", 4},
    {"dectbytes", Fn::SI, "B", 4},
    {"pbytes", Fn::Binary, "B", 5},
    {"decpbytes", Fn::SI, "B", 5},
    // Data rate
    {"pps", Fn::SI, "p/s", 0},
    {"binBps", Fn::Binary, "B/s", 0},
    {"Bps", Fn::SI, "B/s", 0},
    {"binbps", Fn::Binary, "b/s", 0},
    {"bps", Fn::SI, "b/s", 0},
    {"KiBs", Fn::Binary, "B/s", 1},
    {"Kibits", Fn::Binary, "b/s", 1},
    {"KBs", Fn::SI, "B/s", 1},
    {"Kbits", Fn::SI, "b/s", 1},
    {"MiBs", Fn::Binary, "B/s", 2},
    {"Mibits", Fn::Binary, "b/s", 2},
    {"MBs", Fn::SI, "B/s", 2},
    {"Mbits", Fn::SI, "b/s", 2},
    {"GiBs", Fn::Binary, "B/s", 3},
    {"Gibits", Fn::Binary, "b/s", 3},
    {"GBs", Fn::SI, "B/s", 3},
    {"Gbits", Fn::SI, "b/s", 3},
    {"TiBs", Fn::Binary, "B/s", 4},
    {"Tibits", Fn::Binary, "b/s", 4},
    {"TBs", Fn::SI, "B/s", 4},
    {"Tbits", Fn::SI, "b/s", 4},
    {"PiBs", Fn::Binary, "B/s", 5},
    {"Pibits", Fn::Binary, "b/s", 5},
    {"PBs", Fn::SI, "B/s", 5},
    {"Pbits", Fn::SI, "b/s", 5},
    // Date & time
    {"dateTimeAsIso", Fn::DateIso},
    {"dateTimeAsIsoNoDateIfToday", Fn::DateIsoToday},
    {"dateTimeAsUS", Fn::DateUS},
    {"dateTimeAsUSNoDateIfToday", Fn::DateUSToday},
    {"dateTimeAsLocal", Fn::DateLocal},
    {"dateTimeAsLocalNoDateIfToday", Fn::DateLocalToday},
    {"dateTimeAsSystem", Fn::DateSystem},
    {"dateTimeFromNow", Fn::FromNow},
    // Energy
    {"watt", Fn::SI, "W", 0},
    {"kwatt", Fn::SI, "W", 1},
    {"megwatt", Fn::SI, "W", 2},
    {"gwatt", Fn::SI, "W", 3},
    {"mwatt", Fn::SI, "W", -1},
    {"Wm2", Fn::SI, "W/m²", 0},
    {"voltamp", Fn::SI, "VA", 0},
    {"kvoltamp", Fn::SI, "VA", 1},
    {"voltampreact", Fn::SI, "VAr", 0},
    {"kvoltampreact", Fn::SI, "VAr", 1},
    {"watth", Fn::SI, "Wh", 0},
    {"watthperkg", Fn::SI, "Wh/kg", 0},
    {"kwatth", Fn::SI, "Wh", 1},
    {"kwattm", Fn::SI, "W-Min", 1},
    {"mwatth", Fn::SI, "Wh", 2},
    {"amph", Fn::SI, "Ah", 0},
    {"kamph", Fn::SI, "Ah", 1},
    {"mamph", Fn::SI, "Ah", -1},
    {"joule", Fn::SI, "J", 0},
    {"ev", Fn::SI, "eV", 0},
    {"amp", Fn::SI, "A", 0},
    {"kamp", Fn::SI, "A", 1},
    {"mamp", Fn::SI, "A", -1},
    {"volt", Fn::SI, "V", 0},
    {"kvolt", Fn::SI, "V", 1},
    {"mvolt", Fn::SI, "V", -1},
    {"dBm", Fn::SI, "dBm", 0},
    {"mohm", Fn::SI, "Ω", -1},
    {"ohm", Fn::SI, "Ω", 0},
    {"kohm", Fn::SI, "Ω", 1},
    {"Mohm", Fn::SI, "Ω", 2},
    {"farad", Fn::SI, "F", 0},
    {"µfarad", Fn::SI, "F", -2},
    {"nfarad", Fn::SI, "F", -3},
    {"pfarad", Fn::SI, "F", -4},
    {"ffarad", Fn::SI, "F", -5},
    {"henry", Fn::SI, "H", 0},
    {"mhenry", Fn::SI, "H", -1},
    {"µhenry", Fn::SI, "H", -2},
    {"lumens", Fn::SI, "Lm", 0},
    // Flow
    {"flowgpm", Fn::Fixed, "gpm"},
    {"flowcms", Fn::Fixed, "cms"},
    {"flowcfs", Fn::Fixed, "cfs"},
    {"flowcfm", Fn::Fixed, "cfm"},
    {"litreh", Fn::Fixed, "L/h"},
    {"flowlpm", Fn::Fixed, "L/min"},
    {"flowmlpm", Fn::Fixed, "mL/min"},
    {"lux", Fn::Fixed, "lux"},
    // Force
    {"forceNm", Fn::SI, "Nm", 0},
    {"forcekNm", Fn::SI, "Nm", 1},
    {"forceN", Fn::SI, "N", 0},
    {"forcekN", Fn::SI, "N", 1},
    // Hash rate
    {"Hs", Fn::SI, "H/s", 0},
    {"KHs", Fn::SI, "H/s", 1},
    {"MHs", Fn::SI, "H/s", 2},
    {"GHs", Fn::SI, "H/s", 3},
    {"THs", Fn::SI, "H/s", 4},
    {"PHs", Fn::SI, "H/s", 5},
    {"EHs", Fn::SI, "H/s", 6},
    // Mass
    {"massmg", Fn::SI, "g", -1},
    {"massg", Fn::SI, "g", 0},
    {"masslb", Fn::Fixed, "lb"},
    {"masskg", Fn::SI, "g", 1},
    {"masst", Fn::Fixed, "t"},
    // Length
    {"lengthmm", Fn::SI, "m", -1},
    {"lengthin", Fn::Fixed, "in"},
    {"lengthft", Fn::Fixed, "ft"},
    {"lengthm", Fn::SI, "m", 0},
    {"lengthkm", Fn::SI, "m", 1},
    {"lengthmi", Fn::Fixed, "mi"},
    // Pressure
    {"pressurembar", Fn::SI, "bar", -1},
    {"pressurebar", Fn::SI, "bar", 0},
    {"pressurekbar", Fn::SI, "bar", 1},
    {"pressurepa", Fn::SI, "Pa", 0},
    {"pressurehpa", Fn::Fixed, "hPa"},
    {"pressurekpa", Fn::Fixed, "kPa"},
    {"pressurehg", Fn::Fixed, "\"Hg"},
    {"pressurepsi", Fn::Psi},
    // Radiation
    {"radbq", Fn::SI, "Bq", 0},
    {"radci", Fn::SI, "Ci", 0},
    {"radgy", Fn::SI, "Gy", 0},
    {"radrad", Fn::SI, "rad", 0},
    {"radsv", Fn::SI, "Sv", 0},
    {"radmsv", Fn::SI, "Sv", -1},
    {"radusv", Fn::SI, "Sv", -2},
    {"radrem", Fn::SI, "rem", 0},
    {"radexpckg", Fn::SI, "C/kg", 0},
    {"radr", Fn::SI, "R", 0},
    {"radsvh", Fn::SI, "Sv/h", 0},
    {"radmsvh", Fn::SI, "Sv/h", -1},
    {"radusvh", Fn::SI, "Sv/h", -2},
    // Rotational speed
    {"rotrpm", Fn::Fixed, "rpm"},
    {"rothz", Fn::SI, "Hz", 0},
    {"rotkhz", Fn::SI, "Hz", 1},
    {"rotmhz", Fn::SI, "Hz", 2},
    {"rotghz", Fn::SI, "Hz", 3},
    {"rotrads", Fn::Fixed, "rad/s"},
    {"rotdegs", Fn::Fixed, "°/s"},
    // Temperature
    {"celsius", Fn::Fixed, "°C"},
    {"fahrenheit", Fn::Fixed, "°F"},
    {"kelvin", Fn::Fixed, "K"},
    // Time
    {"hertz", Fn::SI, "Hz", 0},
    {"ns", Fn::Ns},
    {"µs", Fn::Us},
    {"ms", Fn::Ms},
    {"s", Fn::S},
    {"m", Fn::Min},
    {"h", Fn::Hour},
    {"d", Fn::Day},
    {"dtdurationms", Fn::DurationMs},
    {"dtdurations", Fn::DurationS},
    {"dthms", Fn::Dthms},
    {"dtdhms", Fn::Dtdhms},
    {"timeticks", Fn::Timeticks},
    {"clockms", Fn::ClockMs},
    {"clocks", Fn::ClockS},
    // Throughput
    {"cps", Fn::Count, "c/s"},
    {"ops", Fn::Count, "ops/s"},
    {"reqps", Fn::Count, "req/s"},
    {"rps", Fn::Count, "rd/s"},
    {"wps", Fn::Count, "wr/s"},
    {"iops", Fn::Count, "io/s"},
    {"eps", Fn::Count, "evt/s"},
    {"mps", Fn::Count, "msg/s"},
    {"recps", Fn::Count, "rec/s"},
    {"rowsps", Fn::Count, "rows/s"},
    {"cpm", Fn::Count, "c/m"},
    {"opm", Fn::Count, "ops/m"},
    {"reqpm", Fn::Count, "req/m"},
    {"rpm", Fn::Count, "rd/m"},
    {"wpm", Fn::Count, "wr/m"},
    {"epm", Fn::Count, "evts/m"},
    {"mpm", Fn::Count, "msgs/m"},
    {"recpm", Fn::Count, "rec/m"},
    {"rowspm", Fn::Count, "rows/m"},
    // Velocity
    {"velocityms", Fn::Fixed, "m/s"},
    {"velocitykmh", Fn::Fixed, "km/h"},
    {"velocitymph", Fn::Fixed, "mph"},
    {"velocityknot", Fn::Fixed, "kn"},
    // Volume
    {"mlitre", Fn::SI, "L", -1},
    {"litre", Fn::SI, "L", 0},
    {"m3", Fn::Fixed, "m³"},
    {"Nm3", Fn::Fixed, "Nm³"},
    {"dm3", Fn::Fixed, "dm³"},
    {"gallons", Fn::Fixed, "gal"},
    // Boolean
    {"bool", Fn::Bool, "True", 0, "False"},
    {"bool_yes_no", Fn::Bool, "Yes", 0, "No"},
    {"bool_on_off", Fn::Bool, "On", 0, "Off"},
};

const QHash<QString, const Entry *> &index()
{
    static const QHash<QString, const Entry *> map = [] {
        QHash<QString, const Entry *> m;
        for (const Entry &e : kCatalogue)
            m.insert(QString::fromUtf8(e.id), &e);
        // Grafana resolves this old misspelling too.
        m.insert(QStringLiteral("farenheit"), m.value(QStringLiteral("fahrenheit")));
        return m;
    }();
    return map;
}

const QStringList kSiPrefixes{
    QStringLiteral("f"), QStringLiteral("p"), QStringLiteral("n"), QStringLiteral("µ"), QStringLiteral("m"),
    QString(),           QStringLiteral("k"), QStringLiteral("M"), QStringLiteral("G"), QStringLiteral("T"),
    QStringLiteral("P"), QStringLiteral("E"), QStringLiteral("Z"), QStringLiteral("Y")};
constexpr int kSiBase = 5;

// Grafana's scaledUnits: the unit is chosen by the power of `factor`, clamped to the list.
FormattedValue scaledUnits(double size, int decimals, double factor, const QStringList &ext, int offset = 0)
{
    if (!std::isfinite(size))
        return {QString(), toFixed(size, -1), QString()};
    const double logb = std::log10(std::abs(size)) / std::log10(factor);
    const int siIndex = size == 0 ? 0 : int(std::floor(logb));
    const int last = int(ext.size()) - 1;
    const QString suffix = ext.at(std::clamp(offset + siIndex, 0, last));
    const int power = std::clamp(siIndex, -offset, int(ext.size()) - offset - 1);
    return {QString(), toFixed(size / std::pow(factor, power), decimals), suffix};
}

FormattedValue siPrefix(double v, int decimals, const QString &unit, int offset)
{
    QStringList ext;
    for (const QString &p : kSiPrefixes)
        ext << QLatin1Char(' ') + p + unit;
    return scaledUnits(v, decimals, 1000, ext, kSiBase + offset);
}

FormattedValue binaryPrefix(double v, int decimals, const QString &unit, int offset)
{
    static const QStringList prefixes{QString(),
                                      QStringLiteral("Ki"),
                                      QStringLiteral("Mi"),
                                      QStringLiteral("Gi"),
                                      QStringLiteral("Ti"),
                                      QStringLiteral("Pi"),
                                      QStringLiteral("Ei"),
                                      QStringLiteral("Zi"),
                                      QStringLiteral("Yi")};
    QStringList ext;
    for (const QString &p : prefixes)
        ext << QLatin1Char(' ') + p + unit;
    return scaledUnits(v, decimals, 1024, ext, offset);
}

FormattedValue countUnit(double v, int decimals, const QString &symbol)
{
    static const QStringList ext{QString(), QStringLiteral("K"), QStringLiteral("M"), QStringLiteral("B"),
                                 QStringLiteral("T")};
    FormattedValue f = scaledUnits(v, decimals, 1000, ext);
    f.suffix += QLatin1Char(' ') + symbol;
    return f;
}

FormattedValue currency(double v, int decimals, const QString &symbol, bool asSuffix)
{
    static const QStringList ext{QString(), QStringLiteral("K"), QStringLiteral("M"), QStringLiteral("B"),
                                 QStringLiteral("T")};
    const bool negative = v < 0;
    FormattedValue f = scaledUnits(std::abs(v), decimals, 1000, ext);
    if (asSuffix)
        f.suffix += symbol;
    else
        f.prefix = symbol;
    if (negative)
        f.prefix = QLatin1Char('-') + f.prefix;
    return f;
}

FormattedValue fixedUnit(double v, int decimals, const QString &unit, bool asPrefix = false)
{
    FormattedValue f{QString(), toFixed(v, decimals), QString()};
    if (!unit.isEmpty()) {
        if (asPrefix)
            f.prefix = unit;
        else
            f.suffix = QLatin1Char(' ') + unit;
    }
    return f;
}

FormattedValue localeFormat(double v, int decimals)
{
    if (!std::isfinite(v))
        return {QString(), toFixed(v, -1), QString()};
    // toLocaleString with maximumFractionDigits (3 when not set): no trailing zeros.
    QString s = QLocale().toString(v, 'f', decimals >= 0 ? decimals : 3);
    const QString dot = QLocale().decimalPoint();
    if (s.contains(dot)) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(dot))
            s.chop(dot.size());
    }
    return {QString(), s, QString()};
}

FormattedValue boolean(double v, const QString &t, const QString &f)
{
    return {QString(), (v != 0 && !std::isnan(v)) ? t : f, QString()};
}

FormattedValue formatEntry(const Entry &e, double v, int decimals)
{
    const QString symbol = QString::fromUtf8(e.symbol);
    switch (e.fn) {
    case Fn::None:
        return {QString(), toFixed(v, decimals), QString()};
    case Fn::String:
        return {QString(), NumberText::jsNumber(v), QString()};
    case Fn::Short:
        return scaledUnits(v, decimals, 1000,
                           {QString(), QStringLiteral(" K"), QStringLiteral(" Mil"), QStringLiteral(" Bil"),
                            QStringLiteral(" Tri"), QStringLiteral(" Quadr"), QStringLiteral(" Quint"),
                            QStringLiteral(" Sext"), QStringLiteral(" Sept")});
    case Fn::Fixed:
        return fixedUnit(v, decimals, symbol);
    case Fn::SI:
        return siPrefix(v, decimals, symbol, e.offset);
    case Fn::Binary:
        return binaryPrefix(v, decimals, symbol, e.offset);
    case Fn::Count:
        return countUnit(v, decimals, symbol);
    case Fn::Currency:
        return currency(v, decimals, symbol, false);
    case Fn::CurrencyEnd:
        return currency(v, decimals, symbol, true);
    case Fn::Percent:
        return {QString(), toFixed(v, decimals), QStringLiteral("%")};
    case Fn::PercentUnit:
        return {QString(), toFixed(100 * v, decimals), QStringLiteral("%")};
    case Fn::Psi:
        return scaledUnits(v, decimals, 1000,
                           {QStringLiteral("psi"), QStringLiteral("ksi"), QStringLiteral("Mpsi")});
    case Fn::Hex: {
        const double rounded = toFixed(v, decimals).toDouble();
        return {QString(), NumberText::jsHex(rounded), QString()};
    }
    case Fn::Hex0x: {
        const QString hex = NumberText::jsHex(toFixed(v, decimals).toDouble());
        return {QString(),
                hex.startsWith(QLatin1Char('-')) ? QStringLiteral("-0x") + hex.mid(1)
                                                 : QStringLiteral("0x") + hex,
                QString()};
    }
    case Fn::Sci:
        return {QString(), NumberText::jsExponential(v, decimals), QString()};
    case Fn::Locale:
        return localeFormat(v, decimals);
    case Fn::Bool:
        return boolean(v, symbol, QString::fromUtf8(e.other));
    case Fn::Ns:
        return TimeFormat::nanoseconds(v, decimals);
    case Fn::Us:
        return TimeFormat::microseconds(v, decimals);
    case Fn::Ms:
        return TimeFormat::milliseconds(v, decimals);
    case Fn::S:
        return TimeFormat::seconds(v, decimals);
    case Fn::Min:
        return TimeFormat::minutes(v, decimals);
    case Fn::Hour:
        return TimeFormat::hours(v, decimals);
    case Fn::Day:
        return TimeFormat::days(v, decimals);
    case Fn::DurationMs:
        return TimeFormat::duration(v, decimals, TimeFormat::Scale::Millisecond);
    case Fn::DurationS:
        return TimeFormat::duration(v, decimals, TimeFormat::Scale::Second);
    case Fn::Dthms:
        return TimeFormat::hoursMinutesSeconds(v);
    case Fn::Dtdhms:
        return TimeFormat::daysHoursMinutesSeconds(v);
    case Fn::Timeticks:
        return TimeFormat::seconds(v / 100, decimals);
    case Fn::ClockMs:
        return TimeFormat::clock(v, decimals);
    case Fn::ClockS:
        return TimeFormat::clock(v * 1000, decimals);
    case Fn::DateIso:
        return TimeFormat::dateTime(v, QStringLiteral("YYYY-MM-DD HH:mm:ss"));
    case Fn::DateIsoToday:
        return TimeFormat::dateTime(v, QStringLiteral("YYYY-MM-DD HH:mm:ss"), QStringLiteral("HH:mm:ss"));
    case Fn::DateUS:
        return TimeFormat::dateTime(v, QStringLiteral("MM/DD/YYYY h:mm:ss a"));
    case Fn::DateUSToday:
        return TimeFormat::dateTime(v, QStringLiteral("MM/DD/YYYY h:mm:ss a"), QStringLiteral("h:mm:ss a"));
    case Fn::DateLocal:
    case Fn::DateSystem:
        return {QString(),
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(v)), QLocale::ShortFormat),
                QString()};
    case Fn::DateLocalToday: {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(v));
        if (t.date() == QDate::currentDate())
            return {QString(), QLocale().toString(t.time(), QLocale::ShortFormat), QString()};
        return {QString(), QLocale().toString(t, QLocale::ShortFormat), QString()};
    }
    case Fn::FromNow:
        return TimeFormat::fromNow(v, QDateTime::currentMSecsSinceEpoch());
    }
    return {QString(), toFixed(v, decimals), QString()};
}

// The custom forms Grafana reads from "key:argument".
std::optional<FormattedValue> custom(const QString &unit, double v, int decimals)
{
    const qsizetype colon = unit.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    const QString key = unit.left(colon);
    const QString sub = unit.mid(colon + 1);
    if (key == QLatin1String("prefix"))
        return fixedUnit(v, decimals, sub, true);
    if (key == QLatin1String("suffix"))
        return fixedUnit(v, decimals, sub, false);
    if (key == QLatin1String("time"))
        return TimeFormat::dateTime(v, sub);
    if (key == QLatin1String("si")) {
        const QString first = sub.left(1);
        const int at = int(kSiPrefixes.indexOf(first == QStringLiteral("μ") ? QStringLiteral("µ") : first));
        const int offset = at < 0 || first.isEmpty() ? 0 : at - kSiBase;
        return siPrefix(v, decimals, offset == 0 ? sub : sub.mid(1), offset);
    }
    if (key == QLatin1String("count"))
        return countUnit(v, decimals, sub);
    if (key == QLatin1String("currency"))
        return currency(v, decimals, sub, false);
    if (key == QLatin1String("bool")) {
        const qsizetype slash = sub.indexOf(QLatin1Char('/'));
        if (slash >= 0)
            return boolean(v, sub.left(slash), sub.mid(slash + 1));
        return boolean(v, sub, QStringLiteral("-"));
    }
    return std::nullopt;
}

bool isCustomKey(const QString &unit)
{
    static const QStringList keys{
        QStringLiteral("prefix"), QStringLiteral("suffix"),   QStringLiteral("time"), QStringLiteral("si"),
        QStringLiteral("count"),  QStringLiteral("currency"), QStringLiteral("bool")};
    const qsizetype colon = unit.indexOf(QLatin1Char(':'));
    return colon > 0 && keys.contains(unit.left(colon));
}

} // namespace

QString UnitFormat::normalize(const QString &unit)
{
    const QString u = unit.trimmed();
    if (u == QLatin1String("%"))
        return QStringLiteral("percent");
    if (u == QLatin1String("req/s"))
        return QStringLiteral("reqps");
    if (u == QLatin1String("seconds"))
        return QStringLiteral("s");
    if (u == QLatin1String("ratio"))
        return QStringLiteral("percentunit");
    if (u == QLatin1String("x"))
        return QStringLiteral("suffix:x");
    return u;
}

UnitFormat::Kind UnitFormat::kind(const QString &unitIn)
{
    const QString unit = normalize(unitIn);
    if (unit.isEmpty())
        return Kind::None;
    if (index().contains(unit))
        return Kind::Catalogue;
    if (isCustomKey(unit))
        return Kind::Custom;
    return Kind::FreeText;
}

bool UnitFormat::isKnown(const QString &unit)
{
    // Free text is Grafana's "custom unit" (typed into its unit picker): written after the number, as here.
    Q_UNUSED(unit);
    return true;
}

QString UnitFormat::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Catalogue:
        return QStringLiteral("catalogue");
    case Kind::Custom:
        return QStringLiteral("custom");
    case Kind::FreeText:
        return QStringLiteral("free-text");
    }
    return {};
}

QStringList UnitFormat::catalogue()
{
    QStringList out;
    for (const Entry &e : kCatalogue)
        out << QString::fromUtf8(e.id);
    return out;
}

bool UnitFormat::isBoolean(const QString &unit)
{
    return normalize(unit).startsWith(QLatin1String("bool"));
}

FormattedValue UnitFormat::formatParts(double value, const QString &unitIn, int decimals)
{
    // NaN and infinities read as themselves, without a unit ("NaN", "∞"), as Grafana's display shows them.
    if (!std::isfinite(value))
        return {QString(), toFixed(value, decimals), QString()};
    const QString unit = normalize(unitIn);
    if (unit.isEmpty())
        return {QString(), toFixed(value, decimals), QString()};
    if (const Entry *e = index().value(unit))
        return formatEntry(*e, value, decimals);
    if (auto c = custom(unit, value, decimals))
        return *c;
    // Grafana's fallback: any other text is a unit written after the number.
    return fixedUnit(value, decimals, unit);
}

QString UnitFormat::format(double value, const QString &unit, int decimals)
{
    return formatParts(value, unit, decimals).toString();
}

} // namespace Sitrep::Prom
