#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

class QFontMetrics;

namespace Sitrep::Ui {

// Shortens names where they differ least. Generated Kubernetes names (`api-gateway-5f7c9d8b4-487m9`) share
// their head with their siblings and differ in their tail, so the tail that tells a name apart is kept whole,
// as much of the head as fits, and the shared middle goes: `api-gateway-…-487m9`. The full name stays in the
// model (tooltips and copy use it); only what is drawn is shortened.
class NameElider final
{
public:
    static constexpr QChar kEllipsis = QChar(0x2026);

    NameElider() = default;
    // The names a name is told apart from (e.g. every pod in a list); without them the last segment is kept.
    explicit NameElider(const QStringList &names);
    void setNames(const QStringList &names);

    // Where the shortest tail that no other name ends with starts, at a segment boundary ('-', '.', '_', '/',
    // ':'); 0 when only the whole name is unique (or no name differs from it).
    int tailStart(const QString &name) const;
    QString elide(const QString &name, const QFontMetrics &metrics, int width) const;

    // The drawn form of name in width pixels, keeping name.mid(tailStart) (and its separator) whole.
    static QString elide(const QString &name, const QFontMetrics &metrics, int width, int tailStart);
    // The start of the last segment (the random suffix of a pod, the ordinal of a StatefulSet pod).
    static int lastSegmentStart(const QString &name);
    static bool isSeparator(QChar c);

private:
    QHash<QString, int> m_tailCounts; // every segment-boundary tail of every name -> how many names end so
    bool m_haveNames = false;
};

} // namespace Sitrep::Ui
