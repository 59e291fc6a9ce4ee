#pragma once

#include "core/Redactor.h"
#include "core/Result.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

namespace QKeychain {
class Job;
}

namespace Sitrep::Secrets {

// Webhook URLs, API tokens, passwords and passphrases, kept in the system keychain (QtKeychain: Secret
// Service / KWallet) and referenced by name from settings. Jobs are asynchronous (no nested event loop).
// Every value seen is registered with the Redactor so it is scrubbed from the journal, logs and exports.
// Without a keychain the store says so and can keep a secret in memory for this session only; it never
// writes a secret to disk itself and never enables QtKeychain's plain-text fallback.
class SecretStore final : public QObject
{
    Q_OBJECT
public:
    enum class Availability { Unknown, Available, Unavailable };

    using Done = std::function<void(const Core::Result<void> &result)>;
    using Loaded = std::function<void(const Core::Result<QString> &value)>;

    // service: the keychain "service" the entries are filed under ("sitrep"; tests use their own).
    SecretStore(QString service, std::shared_ptr<Core::Redactor> redactor, QObject *parent = nullptr);
    ~SecretStore() override;

    QString service() const { return m_service; }
    Availability availability() const { return m_availability; }
    // Why the keychain is unavailable, as a sentence for the settings page.
    QString unavailableReason() const { return m_unavailableReason; }

    // Checks the keychain once (a read of a probe entry); emits availabilityChanged.
    void probe();
    // Writes to the keychain. Without a keychain the result is an error that says so; call
    // keepForSession() if the user accepts a session-only secret.
    void store(const QString &name, const QString &value, Done done = {});
    // Reads from the session cache, else the keychain (and caches the value for lookups).
    void load(const QString &name, Loaded done);
    // Loads several names (e.g. every secret the channels refer to); done once all finished.
    void loadAll(const QStringList &names, std::function<void(const QStringList &errors)> done);
    void remove(const QString &name, Done done = {});
    // Session-only: in memory until the program ends, never on disk.
    void keepForSession(const QString &name, const QString &value);
    bool isSessionOnly(const QString &name) const { return m_sessionOnly.contains(name); }

    // Synchronous lookup of a value already loaded/stored (the Notifier context's secret function).
    QString cached(const QString &name) const { return m_cache.value(name); }
    bool has(const QString &name) const { return m_cache.contains(name); }
    std::function<QString(const QString &)> lookup() const;

    // Error sentence for a QtKeychain failure, and whether it means "no keychain at all".
    static QString describe(int keychainError, const QString &errorString, const QString &name);
    static bool meansUnavailable(int keychainError, const QString &errorString);

signals:
    void availabilityChanged(Sitrep::Secrets::SecretStore::Availability availability);
    void secretChanged(const QString &name);

private:
    void remember(const QString &name, const QString &value);
    void noteFailure(int error, const QString &errorString);
    void prepare(QKeychain::Job *job, const QString &name);

    QString m_service;
    std::shared_ptr<Core::Redactor> m_redactor;
    QHash<QString, QString> m_cache;
    QSet<QString> m_sessionOnly;
    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
};

} // namespace Sitrep::Secrets
