#pragma once

#include "core/Status.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace Sitrep::Comms {

// The sentence each status opens an update with ("We are currently investigating this issue."),
// editable by the commander and kept in settings as JSON.
class StockSentences final
{
public:
    StockSentences(); // the defaults

    static QString defaultSentence(Core::Status status);
    QString sentence(Core::Status status) const;
    void setSentence(Core::Status status, const QString &text); // empty restores the default
    bool isDefault(Core::Status status) const { return !m_custom.contains(static_cast<int>(status)); }

    QJsonObject toJson() const; // {"investigating": "...", ...} only the edited ones
    static StockSentences fromJson(const QJsonObject &o);

private:
    QHash<int, QString> m_custom;
};

} // namespace Sitrep::Comms
