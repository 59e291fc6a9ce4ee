#include "logs/LineAnalyzer.h"

#include "logs/AnsiText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cstring>

namespace Sitrep::Logs {

QString levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace:
        return QStringLiteral("TRACE");
    case LogLevel::Debug:
        return QStringLiteral("DEBUG");
    case LogLevel::Info:
        return QStringLiteral("INFO");
    case LogLevel::Warn:
        return QStringLiteral("WARN");
    case LogLevel::Error:
        return QStringLiteral("ERROR");
    case LogLevel::Fatal:
        return QStringLiteral("FATAL");
    case LogLevel::Unknown:
        break;
    }
    return {};
}

namespace {

inline char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

inline bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline bool isUpper(const char *p, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        if (p[i] >= 'a' && p[i] <= 'z')
            return false;
    }
    return true;
}

inline bool equalsLower(const char *p, qsizetype n, const char *lit)
{
    const qsizetype m = qsizetype(std::strlen(lit));
    if (n != m)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        if (lower(p[i]) != lit[i])
            return false;
    }
    return true;
}

// Value after a key inside the first part of the line: `"key":"value"`, `"key": "value"` or `key=value`.
QByteArrayView valueAfter(QByteArrayView text, qsizetype keyEnd)
{
    qsizetype i = keyEnd;
    const qsizetype n = text.size();
    while (i < n && (text[i] == ' ' || text[i] == ':' || text[i] == '='))
        ++i;
    if (i < n && text[i] == '"')
        ++i;
    const qsizetype start = i;
    while (i < n && isWordChar(text[i]))
        ++i;
    return text.sliced(start, i - start);
}

bool isKey(QByteArrayView key, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (key == QByteArrayView(n))
            return true;
    }
    return false;
}

// One pass over the line's '=' signs (memchr hops): the key before each is compared, instead of a
// search of the whole line per key name.
LogLevel logfmtLevel(QByteArrayView text)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const void *eq = std::memchr(p + i, '=', size_t(n - i));
        if (!eq)
            break;
        const qsizetype e = static_cast<const char *>(eq) - p;
        qsizetype k = e;
        while (k > 0 && isWordChar(p[k - 1]))
            --k;
        if (isKey(text.sliced(k, e - k), {"level", "lvl", "severity"})) {
            const LogLevel l = LineAnalyzer::levelFromWord(valueAfter(text, e + 1));
            if (l != LogLevel::Unknown)
                return l;
        }
        i = e + 1;
    }
    return LogLevel::Unknown;
}

// One pass over the object's quoted strings: a key is a string followed by ':'.
LogLevel jsonLevel(QByteArrayView text)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const void *open = std::memchr(p + i, '"', size_t(n - i));
        if (!open)
            break;
        const qsizetype start = static_cast<const char *>(open) - p + 1;
        qsizetype end = start;
        while (end < n && p[end] != '"')
            end += p[end] == '\\' ? 2 : 1;
        if (end >= n)
            break;
        qsizetype after = end + 1;
        while (after < n && p[after] == ' ')
            ++after;
        if (after < n && p[after] == ':' &&
            isKey(text.sliced(start, end - start), {"level", "severity", "lvl", "loglevel", "log.level"})) {
            const LogLevel l = LineAnalyzer::levelFromWord(valueAfter(text, after + 1));
            if (l != LogLevel::Unknown)
                return l;
        }
        i = end + 1;
    }
    return LogLevel::Unknown;
}

LogLevel fieldLevel(QByteArrayView text, bool json)
{
    return json ? jsonLevel(text) : logfmtLevel(text);
}

// klog/glog: "E1123 07:00:00.000000 ..." (severity letter, MMDD, space)
LogLevel klogLevel(QByteArrayView t)
{
    if (t.size() < 6 || t[5] != ' ')
        return LogLevel::Unknown;
    for (int i = 1; i < 5; ++i) {
        if (unsigned(t[i]) - '0' > 9)
            return LogLevel::Unknown;
    }
    switch (t[0]) {
    case 'I':
        return LogLevel::Info;
    case 'W':
        return LogLevel::Warn;
    case 'E':
        return LogLevel::Error;
    case 'F':
        return LogLevel::Fatal;
    default:
        return LogLevel::Unknown;
    }
}

LogLevel wordScan(QByteArrayView t)
{
    // Long lines: the level word, if any, is near the start.
    const qsizetype n = qMin<qsizetype>(t.size(), 2048);
    const char *p = t.data();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && !isWordChar(p[i]))
            ++i;
        const qsizetype start = i;
        while (i < n && isWordChar(p[i]))
            ++i;
        const qsizetype len = i - start;
        if (len < 3)
            continue;
        const char c = lower(p[start]);
        // Cheap first-letter filter before any comparison.
        if (c == 'e' || c == 'w' || c == 'f' || c == 'p' || c == 'i' || c == 'd' || c == 't' || c == 'c') {
            if (len <= 8) {
                const LogLevel l = LineAnalyzer::levelFromWord(QByteArrayView(p + start, len));
                // "stack trace", "for info": quiet levels count in free text only when shouted.
                if (l >= LogLevel::Warn || (l != LogLevel::Unknown && isUpper(p + start, len)))
                    return l;
            }
        }
        if (len >= 9 && std::memcmp(p + i - 9, "Exception", 9) == 0)
            return LogLevel::Error;
    }
    return LogLevel::Unknown;
}

} // namespace

LogLevel LineAnalyzer::levelFromWord(QByteArrayView w)
{
    const char *p = w.data();
    const qsizetype n = w.size();
    if (n == 0)
        return LogLevel::Unknown;
    switch (lower(p[0])) {
    case 'e':
        if (equalsLower(p, n, "error") || equalsLower(p, n, "err") || (n == 1))
            return LogLevel::Error;
        if (equalsLower(p, n, "emerg") || equalsLower(p, n, "emergency"))
            return LogLevel::Fatal;
        break;
    case 'w':
        if (equalsLower(p, n, "warn") || equalsLower(p, n, "warning") || n == 1)
            return LogLevel::Warn;
        break;
    case 'f':
        if (equalsLower(p, n, "fatal") || n == 1)
            return LogLevel::Fatal;
        break;
    case 'p':
        if (equalsLower(p, n, "panic"))
            return LogLevel::Fatal;
        break;
    case 'c':
        if (equalsLower(p, n, "crit") || equalsLower(p, n, "critical"))
            return LogLevel::Fatal;
        break;
    case 'a':
        if (equalsLower(p, n, "alert"))
            return LogLevel::Fatal;
        break;
    case 'i':
        if (equalsLower(p, n, "info") || n == 1)
            return LogLevel::Info;
        break;
    case 'n':
        if (equalsLower(p, n, "notice"))
            return LogLevel::Info;
        break;
    case 'd':
        if (equalsLower(p, n, "debug") || equalsLower(p, n, "dbg") || n == 1)
            return LogLevel::Debug;
        break;
    case 't':
        if (equalsLower(p, n, "trace") || n == 1)
            return LogLevel::Trace;
        break;
    default:
        break;
    }
    return LogLevel::Unknown;
}

LogLevel LineAnalyzer::detect(QByteArrayView text, quint8 *flags)
{
    quint8 f = 0;
    QByteArray stripped;
    if (std::memchr(text.data(), '\x1b', size_t(text.size()))) {
        f |= AnsiCodes;
        stripped = stripAnsi(text);
        text = stripped;
    }
    qsizetype s = 0;
    while (s < text.size() && (text[s] == ' ' || text[s] == '\t'))
        ++s;
    const bool json = s < text.size() && text[s] == '{' && text.back() == '}';
    if (json)
        f |= JsonLine;
    if (flags)
        *flags |= f;
    LogLevel l = fieldLevel(text, json);
    if (l != LogLevel::Unknown || json)
        return l;
    l = klogLevel(text.sliced(s));
    if (l != LogLevel::Unknown)
        return l;
    return wordScan(text);
}

QByteArray LineAnalyzer::stripAnsi(QByteArrayView t)
{
    QByteArray out;
    out.reserve(t.size());
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t[i] == '\x1b')
            i = AnsiText::sequenceEnd(t, i);
        else
            out.append(t[i]);
    }
    return out;
}

QString LineAnalyzer::displayText(QByteArrayView raw, quint8 flags, int maxChars)
{
    QByteArray stripped;
    if (flags & AnsiCodes) {
        stripped = stripAnsi(raw);
        raw = stripped;
    }
    bool cut = false;
    // Decoding a megabyte to show a few thousand characters is waste: cut the bytes first
    // (4 bytes per character at most), the decoder replaces a split sequence at the end.
    if (raw.size() > qsizetype(maxChars) * 4) {
        raw = raw.first(qsizetype(maxChars) * 4);
        cut = true;
    }
    QString s = QString::fromUtf8(raw);
    if (s.size() > maxChars) {
        s.truncate(maxChars);
        cut = true;
    }
    QChar *d = s.data();
    for (qsizetype i = 0, n = s.size(); i < n; ++i) {
        const char16_t u = d[i].unicode();
        if (u < 0x20 && u != '\t')
            d[i] = QChar(char16_t(0x2400 + u));
        else if (u == 0x7f)
            d[i] = QChar(char16_t(0x2421));
    }
    if (cut)
        s += QStringLiteral(" \u2026");
    return s;
}

LineAnalyzer::JsonSummary LineAnalyzer::parseJson(QByteArrayView text)
{
    JsonSummary s;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return s;
    s.ok = true;
    s.object = doc.object();
    for (const char *k : {"level", "severity", "lvl", "loglevel", "log.level"}) {
        const QJsonValue v = s.object.value(QLatin1String(k));
        if (v.isString()) {
            s.level = levelFromWord(v.toString().toUtf8());
            if (s.level != LogLevel::Unknown)
                break;
        }
    }
    for (const char *k : {"msg", "message", "MESSAGE", "log", "text"}) {
        const QJsonValue v = s.object.value(QLatin1String(k));
        if (v.isString()) {
            s.message = v.toString();
            break;
        }
    }
    return s;
}

QString LineAnalyzer::jsonDisplay(const JsonSummary &s, int maxChars)
{
    QString out = s.message;
    static const QStringList skip = {QStringLiteral("msg"),       QStringLiteral("message"),
                                     QStringLiteral("MESSAGE"),   QStringLiteral("level"),
                                     QStringLiteral("severity"),  QStringLiteral("lvl"),
                                     QStringLiteral("time"),      QStringLiteral("ts"),
                                     QStringLiteral("timestamp"), QStringLiteral("@timestamp")};
    for (auto it = s.object.begin(); it != s.object.end() && out.size() < maxChars; ++it) {
        if (skip.contains(it.key()))
            continue;
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += it.key() + QLatin1Char('=');
        const QJsonValue v = it.value();
        if (v.isString())
            out += v.toString();
        else if (v.isObject())
            out += QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else if (v.isArray())
            out += QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        else if (v.isBool())
            out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (v.isNull())
            out += QStringLiteral("null");
        else
            out += QString::number(v.toDouble(), 'g', 15);
    }
    if (out.size() > maxChars) {
        out.truncate(maxChars);
        out += QStringLiteral(" \u2026");
    }
    return out;
}

} // namespace Sitrep::Logs
