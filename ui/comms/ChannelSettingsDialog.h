#pragma once

#include "comms/Channel.h"
#include "core/Result.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QTableWidget;

namespace Sitrep::Secrets {
class SecretStore;
}

namespace Sitrep::Ui {

// Edits the channels updates go to: id, plugin, display name and the channel's settings as JSON.
// Secrets are referenced by name ("urlSecret": "slack-incidents") and entered through the keychain
// dialog; a settings value that looks like a secret is refused with a sentence saying what to do.
class ChannelSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    // plugins: loaded plugin id -> its configKeys(), used to prefill a new channel.
    ChannelSettingsDialog(const QList<Sitrep::Comms::Channel> &channels,
                          const QHash<QString, QStringList> &plugins, Sitrep::Secrets::SecretStore *store,
                          QWidget *parent = nullptr);

    // The edited list, or the first problem ("row 2, config: ...").
    Sitrep::Core::Result<QList<Sitrep::Comms::Channel>> channels() const;
    void addChannel(const QString &plugin);
    QTableWidget *table() const { return m_table; }

private:
    void addRow(const Sitrep::Comms::Channel &c);
    void enterSecrets();
    void tryAccept();

    QHash<QString, QStringList> m_plugins;
    Sitrep::Secrets::SecretStore *m_store;
    QTableWidget *m_table;
    QLabel *m_error;
};

} // namespace Sitrep::Ui
