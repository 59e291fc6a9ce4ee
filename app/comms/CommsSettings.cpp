#include "comms/CommsSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QUrl>

namespace Sitrep::Comms {

namespace {
const QString kCadence = QStringLiteral("comms/cadence");
const QString kSentences = QStringLiteral("comms/stockSentences");
const QString kLink = QStringLiteral("comms/updatesLink");
const QString kChannels = QStringLiteral("comms/channels");

QJsonObject objectAt(const QSettings &s, const QString &key, QString *error)
{
    const QByteArray raw = s.value(key).toByteArray();
    if (raw.isEmpty())
        return {};
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = err.error != QJsonParseError::NoError ? err.errorString()
                                                           : QStringLiteral("expected a JSON object");
        return {};
    }
    return doc.object();
}
} // namespace

Core::Result<CadencePolicy> CommsSettings::cadence() const
{
    if (!hasCadence())
        return CadencePolicy::defaults();
    QString error;
    const QJsonObject o = objectAt(m_settings, kCadence, &error);
    if (!error.isEmpty())
        return Core::makeError(QStringLiteral("the saved update cadence is damaged (%1)").arg(error),
                               kCadence);
    return CadencePolicy::fromJson(o, kCadence);
}

void CommsSettings::setCadence(const CadencePolicy &policy)
{
    m_settings.setValue(kCadence, QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact));
}

bool CommsSettings::hasCadence() const
{
    return m_settings.contains(kCadence);
}

void CommsSettings::resetCadence()
{
    m_settings.remove(kCadence);
}

StockSentences CommsSettings::stockSentences() const
{
    // A damaged entry falls back to the defaults: the sentences are a convenience, not a record.
    return StockSentences::fromJson(objectAt(m_settings, kSentences, nullptr));
}

void CommsSettings::setStockSentences(const StockSentences &sentences)
{
    m_settings.setValue(kSentences, QJsonDocument(sentences.toJson()).toJson(QJsonDocument::Compact));
}

QString CommsSettings::updatesLink() const
{
    return m_settings.value(kLink).toString();
}

Core::Result<void> CommsSettings::validateLink(const QString &link)
{
    if (link.isEmpty())
        return {};
    const QUrl url(link, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return Core::makeError(QStringLiteral("\"%1\" is not an http(s) URL").arg(link),
                               QStringLiteral("link"));
    if (!url.userInfo().isEmpty())
        return Core::makeError(QStringLiteral("the updates link is published in every update: it must not "
                                              "carry a user name or password"),
                               QStringLiteral("link"));
    return {};
}

QList<Channel> CommsSettings::channels() const
{
    return Channel::listFromJson(QJsonDocument::fromJson(m_settings.value(kChannels).toByteArray()).array());
}

void CommsSettings::setChannels(const QList<Channel> &channels)
{
    m_settings.setValue(kChannels, QJsonDocument(Channel::listToJson(channels)).toJson(QJsonDocument::Compact));
}

Core::Result<void> CommsSettings::setUpdatesLink(const QString &link)
{
    const QString trimmed = link.trimmed();
    if (auto ok = validateLink(trimmed); !ok)
        return ok;
    if (trimmed.isEmpty())
        m_settings.remove(kLink);
    else
        m_settings.setValue(kLink, trimmed);
    return {};
}

} // namespace Sitrep::Comms
