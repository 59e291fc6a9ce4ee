#pragma once

#include "comms/CadencePolicy.h"
#include "comms/Channel.h"
#include "comms/StockSentences.h"
#include "core/Result.h"

#include <QString>

class QSettings;

namespace Sitrep::Comms {

// The commander's update settings that outlive a session: the channels (secrets only by keychain name),
// the cadence per severity, the edited stock sentences and the link to the public updates page. Kept in
// QSettings; never holds a secret.
class CommsSettings final
{
public:
    explicit CommsSettings(QSettings &settings)
        : m_settings(settings)
    {}

    // The configured cadence, or the defaults when none is saved. A damaged entry is an error that names
    // the setting and the field; the caller goes on with the defaults.
    QList<Channel> channels() const;
    void setChannels(const QList<Channel> &channels);

    Core::Result<CadencePolicy> cadence() const;
    void setCadence(const CadencePolicy &policy);
    bool hasCadence() const;
    void resetCadence();

    StockSentences stockSentences() const;
    void setStockSentences(const StockSentences &sentences);

    QString updatesLink() const;
    // Refuses a link that is not an http(s) URL or carries credentials (it is published in every update).
    Core::Result<void> setUpdatesLink(const QString &link);
    static Core::Result<void> validateLink(const QString &link);

private:
    QSettings &m_settings;
};

} // namespace Sitrep::Comms
