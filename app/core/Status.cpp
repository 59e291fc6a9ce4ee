#include "core/Status.h"

#include <array>

namespace Sitrep::Core {

namespace {
constexpr std::array kStatusNames = {"investigating", "identified", "monitoring", "resolved"};
}

QString statusName(Status s)
{
    return QString::fromLatin1(kStatusNames[static_cast<size_t>(s)]);
}

QString statusTitle(Status s)
{
    QString n = statusName(s);
    n[0] = n[0].toUpper();
    return n;
}

QStringList statusNames()
{
    QStringList out;
    for (const char *n : kStatusNames)
        out << QString::fromLatin1(n);
    return out;
}

Result<Status> parseStatus(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (size_t i = 0; i < kStatusNames.size(); ++i) {
        if (t == QLatin1String(kStatusNames[i]))
            return static_cast<Status>(i);
    }
    return makeError(QStringLiteral("unknown status \"%1\"; expected one of %2")
                         .arg(text, statusNames().join(QStringLiteral(", "))));
}

bool isReopen(Status from, Status to)
{
    return from == Status::Resolved && to != Status::Resolved;
}

} // namespace Sitrep::Core
