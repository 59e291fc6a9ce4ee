#include "comms/StockSentences.h"

namespace Sitrep::Comms {

using Core::Status;

StockSentences::StockSentences() = default;

QString StockSentences::defaultSentence(Status status)
{
    switch (status) {
    case Status::Investigating:
        return QStringLiteral("We are currently investigating this issue.");
    case Status::Identified:
        return QStringLiteral("The issue has been identified and a fix is being implemented.");
    case Status::Monitoring:
        return QStringLiteral("A fix has been implemented and we are monitoring the results.");
    case Status::Resolved:
        return QStringLiteral("This incident has been resolved.");
    }
    return {};
}

QString StockSentences::sentence(Status status) const
{
    return m_custom.value(static_cast<int>(status), defaultSentence(status));
}

void StockSentences::setSentence(Status status, const QString &text)
{
    if (text.trimmed().isEmpty() || text.trimmed() == defaultSentence(status))
        m_custom.remove(static_cast<int>(status));
    else
        m_custom.insert(static_cast<int>(status), text.trimmed());
}

QJsonObject StockSentences::toJson() const
{
    QJsonObject o;
    for (auto it = m_custom.cbegin(); it != m_custom.cend(); ++it)
        o.insert(Core::statusName(static_cast<Status>(it.key())), it.value());
    return o;
}

StockSentences StockSentences::fromJson(const QJsonObject &o)
{
    StockSentences s;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (const auto status = Core::parseStatus(it.key()); status)
            s.setSentence(*status, it.value().toString());
    }
    return s;
}

} // namespace Sitrep::Comms
