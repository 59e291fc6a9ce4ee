#include "prom/NumberText.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace Sitrep::Prom::NumberText {

namespace {

// The shortest round-trip digits of |v| and its decimal exponent: v = 0.d1d2...dk * 10^n.
struct Digits
{
    QString digits;
    int n = 0;
};

Digits shortestDigits(double v)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, std::abs(v), std::chars_format::scientific);
    const std::string s(buf, res.ptr);
    const auto e = s.find('e');
    QString mantissa = QString::fromLatin1(s.substr(0, e).c_str());
    mantissa.remove(QLatin1Char('.'));
    while (mantissa.size() > 1 && mantissa.endsWith(QLatin1Char('0')))
        mantissa.chop(1);
    const int exp = std::atoi(s.c_str() + e + 1);
    return {mantissa, exp + 1};
}

} // namespace

QString jsNumber(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (v == 0)
        return QStringLiteral("0");
    const Digits d = shortestDigits(v);
    const int k = int(d.digits.size());
    const int n = d.n;
    QString out = v < 0 ? QStringLiteral("-") : QString();
    if (k <= n && n <= 21) {
        out += d.digits + QString(n - k, QLatin1Char('0'));
    } else if (0 < n && n <= 21) {
        out += d.digits.left(n) + QLatin1Char('.') + d.digits.mid(n);
    } else if (-6 < n && n <= 0) {
        out += QStringLiteral("0.") + QString(-n, QLatin1Char('0')) + d.digits;
    } else {
        out += d.digits.left(1);
        if (k > 1)
            out += QLatin1Char('.') + d.digits.mid(1);
        out +=
            QLatin1Char('e') + QString(n - 1 >= 0 ? QStringLiteral("+") : QString()) + QString::number(n - 1);
    }
    return out;
}

double jsRound(double v)
{
    if (!std::isfinite(v))
        return v;
    return std::floor(v + 0.5);
}

int decimalsForValue(double v)
{
    const double log10 = std::floor(std::log(std::abs(v)) / M_LN10);
    double dec = -log10 + 1;
    const double magn = std::pow(10.0, -dec);
    const double norm = v / magn; // between 1.0 and 10.0 for positive values
    if (norm > 2.25)              // 2.5 needs an extra decimal
        ++dec;
    if (std::fmod(v, 1.0) == 0)
        dec = 0;
    if (!std::isfinite(dec))
        return 0;
    return int(std::max(0.0, dec));
}

QString toFixed(double v, int decimals)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("\u221e") : QStringLiteral("-\u221e");
    if (decimals < 0)
        decimals = decimalsForValue(v);
    decimals = std::min(decimals, 20);
    if (v == 0)
        return decimals > 0 ? QStringLiteral("0.") + QString(decimals, QLatin1Char('0'))
                            : QStringLiteral("0");
    const double factor = decimals ? std::pow(10.0, decimals) : 1;
    const QString formatted = jsNumber(jsRound(v * factor) / factor);
    if (formatted.contains(QLatin1Char('e')))
        return formatted;
    const qsizetype dot = formatted.indexOf(QLatin1Char('.'));
    const int precision = dot < 0 ? 0 : int(formatted.size() - dot - 1);
    if (precision < decimals)
        return (precision ? formatted : formatted + QLatin1Char('.')) +
               QString(decimals - precision, QLatin1Char('0'));
    return formatted;
}

QString jsExponential(double v, int decimals)
{
    if (!std::isfinite(v))
        return jsNumber(v);
    char buf[128];
    std::to_chars_result res{};
    if (decimals < 0)
        res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    else
        res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, std::min(decimals, 100));
    QString s = QString::fromLatin1(buf, int(res.ptr - buf));
    // C++ pads the exponent to two digits ("e+04"); JavaScript does not ("e+4").
    const qsizetype e = s.indexOf(QLatin1Char('e'));
    QString exp = s.mid(e + 2);
    while (exp.size() > 1 && exp.startsWith(QLatin1Char('0')))
        exp.remove(0, 1);
    return s.left(e + 2) + exp;
}

QString jsHex(double v)
{
    if (!std::isfinite(v))
        return jsNumber(v);
    const bool negative = v < 0;
    double a = std::abs(v);
    double whole = std::floor(a);
    double frac = a - whole;
    QString intPart;
    if (whole == 0)
        intPart = QStringLiteral("0");
    while (whole >= 1) {
        const int digit = int(std::fmod(whole, 16.0));
        intPart.prepend(QLatin1Char("0123456789ABCDEF"[digit]));
        whole = std::floor(whole / 16.0);
    }
    QString out = (negative ? QStringLiteral("-") : QString()) + intPart;
    if (frac > 0) {
        out += QLatin1Char('.');
        for (int i = 0; i < 13 && frac > 0; ++i) {
            frac *= 16;
            const int digit = int(std::floor(frac));
            out += QLatin1Char("0123456789ABCDEF"[digit]);
            frac -= digit;
        }
    }
    return out;
}

} // namespace Sitrep::Prom::NumberText
