#include "logs/LogFilter.h"

#include "logs/LineAnalyzer.h"

#include <algorithm>

namespace Sitrep::Logs {

namespace {
inline char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

bool isAscii(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}

bool containsAsciiFold(QByteArrayView hay, const QByteArray &needleLower)
{
    if (needleLower.isEmpty())
        return true;
    const char first = needleLower.at(0);
    const char firstUpper = (first >= 'a' && first <= 'z') ? char(first - 32) : first;
    const qsizetype n = hay.size();
    const qsizetype m = needleLower.size();
    const char *h = hay.data();
    for (qsizetype i = 0; i + m <= n; ++i) {
        if (h[i] != first && h[i] != firstUpper)
            continue;
        qsizetype j = 1;
        while (j < m && lower(h[i + j]) == needleLower.at(j))
            ++j;
        if (j == m)
            return true;
    }
    return false;
}
} // namespace

LogFilter::LogFilter(const FilterSpec &spec)
    : m_spec(spec)
{
    if (!spec.text.isEmpty()) {
        if (spec.regex) {
            m_re.setPattern(spec.text);
            m_re.setPatternOptions(spec.caseSensitive ? QRegularExpression::NoPatternOption
                                                      : QRegularExpression::CaseInsensitiveOption);
            if (!m_re.isValid()) {
                m_error = QStringLiteral("The regular expression is invalid at offset %1: %2")
                              .arg(m_re.patternErrorOffset())
                              .arg(m_re.errorString());
                m_mode = Mode::None;
            } else {
                m_re.optimize();
                m_mode = Mode::Regex;
            }
        } else if (spec.caseSensitive) {
            m_needle = spec.text.toUtf8();
            m_mode = Mode::BytesExact;
        } else if (isAscii(spec.text)) {
            m_needle = spec.text.toLower().toUtf8();
            m_mode = Mode::BytesAsciiFold;
        } else {
            m_mode = Mode::Decoded;
        }
    }
    m_passAll = m_mode == Mode::None && spec.minLevel == LogLevel::Unknown && spec.hiddenSources.isEmpty();
}

bool LogFilter::textMatches(QByteArrayView raw, quint8 flags) const
{
    QByteArray stripped;
    if (flags & AnsiCodes) {
        stripped = LineAnalyzer::stripAnsi(raw);
        raw = stripped;
    }
    switch (m_mode) {
    case Mode::None:
        return true;
    case Mode::BytesExact:
        return raw.indexOf(QByteArrayView(m_needle)) >= 0;
    case Mode::BytesAsciiFold:
        return containsAsciiFold(raw, m_needle);
    case Mode::Decoded:
        return QString::fromUtf8(raw).contains(m_spec.text, Qt::CaseInsensitive);
    case Mode::Regex:
        return m_re.match(QString::fromUtf8(raw)).hasMatch();
    }
    return true;
}

QList<QPair<int, int>> LogFilter::matchRanges(const QString &text, int max) const
{
    QList<QPair<int, int>> out;
    if (m_mode == Mode::None || m_spec.text.isEmpty())
        return out;
    if (m_mode == Mode::Regex) {
        auto it = m_re.globalMatch(text);
        while (it.hasNext() && out.size() < max) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() > 0)
                out.append({int(m.capturedStart()), int(m.capturedLength())});
        }
        return out;
    }
    const Qt::CaseSensitivity cs = m_spec.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    const int len = int(m_spec.text.size());
    for (qsizetype i = text.indexOf(m_spec.text, 0, cs); i >= 0 && out.size() < max;
         i = text.indexOf(m_spec.text, i + len, cs))
        out.append({int(i), len});
    return out;
}

bool LogFilter::accepts(const LogBuffer &buffer, quint64 seq) const
{
    if (m_passAll)
        return true;
    const LogBuffer::Entry &e = buffer.entry(seq);
    if (!m_spec.hiddenSources.isEmpty() && m_spec.hiddenSources.contains(e.source))
        return false;
    if (e.flags & MarkerLine)
        return true;
    if (m_spec.minLevel != LogLevel::Unknown && e.level < m_spec.minLevel)
        return false;
    if (m_mode == Mode::None)
        return true;
    return textMatches(buffer.text(seq), e.flags) != m_spec.exclude;
}

} // namespace Sitrep::Logs
