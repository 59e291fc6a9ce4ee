#include "prom/PromTypes.h"

namespace Sitrep::Prom {

QString labelsToString(const Labels &labels)
{
    QString name = labels.value(QStringLiteral("__name__"));
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (it.key() == QLatin1String("__name__"))
            continue;
        parts << QStringLiteral("%1=\"%2\"").arg(it.key(), it.value());
    }
    if (parts.isEmpty())
        return name.isEmpty() ? QStringLiteral("{}") : name;
    return name + QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString Alert::summary() const
{
    for (const char *key : {"summary", "message", "description"}) {
        const QString v = annotations.value(QLatin1String(key));
        if (!v.isEmpty())
            return v;
    }
    return name;
}

QString fingerprintOf(const Labels &labels)
{
    quint64 h = 14695981039346656037ULL;
    auto mix = [&h](const QString &s) {
        const QByteArray b = s.toUtf8();
        for (char c : b) {
            h ^= quint8(c);
            h *= 1099511628211ULL;
        }
        h ^= 0xff; // separator, so {a="bc"} and {ab="c"} differ
        h *= 1099511628211ULL;
    };
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        mix(it.key());
        mix(it.value());
    }
    return QStringLiteral("%1").arg(h, 16, 16, QLatin1Char('0'));
}

} // namespace Sitrep::Prom
