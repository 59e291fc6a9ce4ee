#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Comms {

// A configured destination for updates: which plugin, and that channel's settings. Secrets are never
// in config itself, only their names ("urlSecret": "slack-incidents"); the journal records only the id.
struct Channel
{
    QString id;     // "slack-incidents": what the journal and the UI show
    QString plugin; // "slack"
    QString name;   // "#incidents on Slack"
    QJsonObject config;

    QJsonObject toJson() const
    {
        return {{QStringLiteral("id"), id},
                {QStringLiteral("plugin"), plugin},
                {QStringLiteral("name"), name},
                {QStringLiteral("config"), config}};
    }
    static Channel fromJson(const QJsonObject &o)
    {
        return {o.value(QLatin1String("id")).toString(), o.value(QLatin1String("plugin")).toString(),
                o.value(QLatin1String("name")).toString(), o.value(QLatin1String("config")).toObject()};
    }
    // The secret names this channel refers to ("urlSecret", "apiKeySecret", "headerSecrets" values), so the
    // application can load them from the keychain before publishing.
    QStringList secretNames() const
    {
        QStringList out;
        for (auto it = config.begin(); it != config.end(); ++it) {
            if (it.key().endsWith(QLatin1String("Secret")) && it.value().isString())
                out << it.value().toString();
        }
        const QJsonObject headers = config.value(QLatin1String("headerSecrets")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            out << it.value().toString();
        out.removeAll(QString());
        out.removeDuplicates();
        return out;
    }
    static QJsonArray listToJson(const QList<Channel> &channels)
    {
        QJsonArray a;
        for (const auto &c : channels)
            a.append(c.toJson());
        return a;
    }
    static QList<Channel> listFromJson(const QJsonArray &a)
    {
        QList<Channel> out;
        for (const auto &v : a)
            out << fromJson(v.toObject());
        return out;
    }
};

} // namespace Sitrep::Comms
