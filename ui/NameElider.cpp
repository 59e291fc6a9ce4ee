#include "NameElider.h"

#include <QFontMetrics>
#include <QSet>

namespace Sitrep::Ui {

namespace {
// Segment starts of name, last first (the positions right after a separator).
QList<int> boundariesFromTheEnd(const QString &name)
{
    QList<int> out;
    for (qsizetype i = name.size() - 1; i > 0; --i) {
        if (NameElider::isSeparator(name[i - 1]))
            out << int(i);
    }
    return out;
}
} // namespace

NameElider::NameElider(const QStringList &names)
{
    setNames(names);
}

void NameElider::setNames(const QStringList &names)
{
    m_tailCounts.clear();
    m_haveNames = !names.isEmpty();
    // Each name counts once per tail even when listed twice.
    const QSet<QString> unique(names.cbegin(), names.cend());
    for (const QString &name : unique) {
        for (int start : boundariesFromTheEnd(name))
            ++m_tailCounts[name.mid(start)];
        ++m_tailCounts[name];
    }
}

bool NameElider::isSeparator(QChar c)
{
    return c == QLatin1Char('-') || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('/') ||
           c == QLatin1Char(':');
}

int NameElider::lastSegmentStart(const QString &name)
{
    const QList<int> b = boundariesFromTheEnd(name);
    return b.isEmpty() ? 0 : b.first();
}

int NameElider::tailStart(const QString &name) const
{
    if (!m_haveNames)
        return lastSegmentStart(name);
    // The name itself is among the counted ones when it is in the list: one ending is then its own.
    const int self = m_tailCounts.value(name) > 0 ? 1 : 0;
    for (int start : boundariesFromTheEnd(name)) {
        if (m_tailCounts.value(name.mid(start)) - self <= 0)
            return start;
    }
    return 0;
}

QString NameElider::elide(const QString &name, const QFontMetrics &metrics, int width) const
{
    return elide(name, metrics, width, tailStart(name));
}

QString NameElider::elide(const QString &name, const QFontMetrics &metrics, int width, int tailStart)
{
    if (metrics.horizontalAdvance(name) <= width)
        return name;
    if (width <= 0)
        return {};
    if (tailStart <= 0 || tailStart >= name.size())
        return metrics.elidedText(name, Qt::ElideMiddle, width);
    // The separator before the tail stays with it: "api-gateway-…-487m9".
    int keepFrom = tailStart;
    if (isSeparator(name[keepFrom - 1]))
        --keepFrom;
    const QString tail = name.mid(keepFrom);
    const QString ellipsis(kEllipsis);
    const int room = width - metrics.horizontalAdvance(tail) - metrics.horizontalAdvance(ellipsis);
    if (keepFrom == 0 || room < metrics.horizontalAdvance(name.left(1))) {
        // Not even one character of the head fits beside the tail: keep as much of the tail as fits.
        return metrics.elidedText(name, Qt::ElideLeft, width);
    }
    // The longest head that fits (advances grow with the length).
    int lo = 1;
    int hi = keepFrom;
    while (lo < hi) {
        const int mid = (lo + hi + 1) / 2;
        if (metrics.horizontalAdvance(name.left(mid)) <= room)
            lo = mid;
        else
            hi = mid - 1;
    }
    return name.left(lo) + ellipsis + tail;
}

} // namespace Sitrep::Ui
