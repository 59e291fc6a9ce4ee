#include "prom/FastMatrixParser.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace Sitrep::Prom::Internal {

namespace {

// Clinger's fast path: up to 15 significant digits and a power of ten within 10^22 convert exactly, so the
// result equals what from_chars gives. Anything longer or stranger falls back to from_chars.
const char *quickDouble(const char *p, const char *end, double &out)
{
    static constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *start = p;
    bool negative = false;
    if (p < end && (*p == '-' || *p == '+')) {
        negative = *p == '-';
        ++p;
    }
    quint64 mantissa = 0;
    int digits = 0;
    int fraction = 0;
    while (p < end && *p >= '0' && *p <= '9') {
        mantissa = mantissa * 10 + quint64(*p - '0');
        ++digits;
        ++p;
    }
    if (p < end && *p == '.') {
        ++p;
        while (p < end && *p >= '0' && *p <= '9') {
            mantissa = mantissa * 10 + quint64(*p - '0');
            ++digits;
            ++fraction;
            ++p;
        }
    }
    if (digits == 0 || digits > 15 || (p < end && (*p == 'e' || *p == 'E')) || fraction > 22) {
        const char *from = start + ((start < end && *start == '+') ? 1 : 0);
        const auto res = std::from_chars(from, end, out);
        return res.ec == std::errc() ? res.ptr : nullptr;
    }
    double v = double(mantissa);
    if (fraction)
        v /= pow10[fraction];
    out = negative ? -v : v;
    return p;
}

} // namespace

FastMatrixParser::FastMatrixParser(const QByteArray &body)
    : m_p(body.constData())
    , m_end(body.constData() + body.size())
{}

std::optional<RangeResult> FastMatrixParser::parse(const QByteArray &body)
{
    FastMatrixParser p(body);
    RangeResult r;
    if (!p.run(r))
        return std::nullopt;
    return r;
}

void FastMatrixParser::ws()
{
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
        ++m_p;
}

bool FastMatrixParser::lit(char c)
{
    ws();
    if (m_p < m_end && *m_p == c) {
        ++m_p;
        return true;
    }
    return false;
}

bool FastMatrixParser::rawString(const char *&begin, const char *&end)
{
    if (!lit('"'))
        return false;
    begin = m_p;
    while (m_p < m_end && *m_p != '"') {
        if (*m_p == '\\')
            return false; // escapes: leave them to the full JSON parser
        ++m_p;
    }
    if (m_p >= m_end)
        return false;
    end = m_p++;
    return true;
}

bool FastMatrixParser::string(QString &out)
{
    const char *b = nullptr;
    const char *e = nullptr;
    if (!rawString(b, e))
        return false;
    out = QString::fromUtf8(b, qsizetype(e - b));
    return true;
}

bool FastMatrixParser::key(const char *expected)
{
    const char *b = nullptr;
    const char *e = nullptr;
    if (!rawString(b, e))
        return false;
    const size_t n = std::strlen(expected);
    return size_t(e - b) == n && std::memcmp(b, expected, n) == 0 && lit(':');
}

bool FastMatrixParser::metric(Labels &labels)
{
    if (!lit('{'))
        return false;
    if (lit('}'))
        return true;
    do {
        QString k;
        QString v;
        if (!string(k) || !lit(':') || !string(v))
            return false;
        labels.insert(k, v);
    } while (lit(','));
    return lit('}');
}

bool FastMatrixParser::number(double &out)
{
    ws();
    const char *next = quickDouble(m_p, m_end, out);
    if (!next)
        return false;
    m_p = next;
    return true;
}

bool FastMatrixParser::values(RangeSeries &s, qint64 &nonFinite)
{
    if (!lit('['))
        return false;
    if (lit(']'))
        return true;
    // One point per "[" up to the closing "]]": reserve once instead of growing 14 times.
    {
        qsizetype count = 0;
        for (const char *q = m_p; q < m_end; ++q) {
            if (*q == '[')
                ++count;
            else if (*q == ']' && q + 1 < m_end && q[1] == ']')
                break;
        }
        s.timesMs.reserve(count);
        s.values.reserve(count);
    }
    do {
        double t = 0;
        if (!lit('[') || !number(t) || !lit(','))
            return false;
        const char *b = nullptr;
        const char *e = nullptr;
        if (!rawString(b, e) || !lit(']'))
            return false;
        double v = 0;
        const char *parsed = quickDouble(b, e, v);
        if (parsed != e) {
            const std::string_view sv(b, size_t(e - b));
            if (sv == "NaN")
                v = std::numeric_limits<double>::quiet_NaN();
            else if (sv == "+Inf" || sv == "Inf")
                v = std::numeric_limits<double>::infinity();
            else if (sv == "-Inf")
                v = -std::numeric_limits<double>::infinity();
            else
                return false;
        }
        if (!std::isfinite(v))
            ++nonFinite;
        s.timesMs.append(std::round(t * 1000.0));
        s.values.append(v);
    } while (lit(','));
    return lit(']');
}

bool FastMatrixParser::run(RangeResult &out)
{
    const char *b = nullptr;
    const char *e = nullptr;
    if (!lit('{') || !key("status") || !rawString(b, e) || std::string_view(b, size_t(e - b)) != "success")
        return false;
    if (!lit(',') || !key("data") || !lit('{') || !key("resultType") || !rawString(b, e) ||
        std::string_view(b, size_t(e - b)) != "matrix")
        return false;
    if (!lit(',') || !key("result") || !lit('['))
        return false;
    if (!lit(']')) {
        do {
            RangeSeries s;
            if (!lit('{') || !key("metric") || !metric(s.labels) || !lit(',') || !key("values"))
                return false;
            if (!values(s, out.nonFinite) || !lit('}'))
                return false;
            out.points += s.values.size();
            out.series.append(std::move(s));
        } while (lit(','));
        if (!lit(']'))
            return false;
    }
    if (!lit('}'))
        return false;
    // Warnings and infos after data are common (PromQL hints); anything else goes to the careful path.
    while (lit(',')) {
        const char *kb = nullptr;
        const char *ke = nullptr;
        if (!rawString(kb, ke) || !lit(':') || !lit('['))
            return false;
        const std::string_view k(kb, size_t(ke - kb));
        if (k != "warnings" && k != "infos")
            return false;
        if (!lit(']')) {
            do {
                QString w;
                if (!string(w))
                    return false;
                out.warnings << w;
            } while (lit(','));
            if (!lit(']'))
                return false;
        }
    }
    if (!lit('}'))
        return false;
    ws();
    return m_p == m_end;
}

} // namespace Sitrep::Prom::Internal
