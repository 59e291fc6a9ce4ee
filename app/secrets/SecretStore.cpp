#include "secrets/SecretStore.h"

#include <QLoggingCategory>
#include <QSet>

#include <qt6keychain/keychain.h>

namespace Sitrep::Secrets {

Q_LOGGING_CATEGORY(lcSecrets, "sitrep.secrets")

using Core::makeError;

namespace {
const QString kProbeKey = QStringLiteral("sitrep-keychain-probe");
}

SecretStore::SecretStore(QString service, std::shared_ptr<Core::Redactor> redactor, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_redactor(std::move(redactor))
{}

SecretStore::~SecretStore()
{
    // A running job must outlive us: the libsecret backend's async callback still points at it, so deleting
    // it mid-flight is a use after free. Orphaned, it finishes and deletes itself (autoDelete); its
    // callbacks die with us because they are connected in our context.
    for (QKeychain::Job *job : findChildren<QKeychain::Job *>(Qt::FindDirectChildrenOnly))
        job->setParent(nullptr);
}

bool SecretStore::meansUnavailable(int keychainError, const QString &errorString)
{
    if (keychainError == QKeychain::NoBackendAvailable || keychainError == QKeychain::NotImplemented)
        return true;
    // Secret Service over D-Bus: no session bus, or nothing answering on it.
    return keychainError == QKeychain::OtherError &&
           (errorString.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
            errorString.contains(QLatin1String("DBus"), Qt::CaseInsensitive) ||
            errorString.contains(QLatin1String("org.freedesktop"), Qt::CaseInsensitive) ||
            errorString.contains(QLatin1String("secret service"), Qt::CaseInsensitive) ||
            errorString.contains(QLatin1String("libsecret"), Qt::CaseInsensitive) ||
            errorString.contains(QLatin1String("Could not connect"), Qt::CaseInsensitive) ||
            errorString.contains(QLatin1String("autolaunch"), Qt::CaseInsensitive));
}

QString SecretStore::describe(int keychainError, const QString &errorString, const QString &name)
{
    if (meansUnavailable(keychainError, errorString))
        return QStringLiteral(
                   "No keychain available (%1). Sitrep can keep \"%2\" in memory for this session only; "
                   "it is never written to disk.")
            .arg(errorString, name);
    switch (keychainError) {
    case QKeychain::EntryNotFound:
        return QStringLiteral("No secret named \"%1\" in the keychain: enter it in settings.").arg(name);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral(
                   "The keychain refused access to \"%1\" (%2): unlock the keychain and try again.")
            .arg(name, errorString);
    default:
        return QStringLiteral("Keychain error for \"%1\": %2").arg(name, errorString);
    }
}

void SecretStore::prepare(QKeychain::Job *job, const QString &name)
{
    job->setKey(name);
    job->setAutoDelete(true);
    // Never let QtKeychain fall back to a plain-text QSettings file.
    job->setInsecureFallback(false);
}

void SecretStore::noteFailure(int error, const QString &errorString)
{
    if (meansUnavailable(error, errorString) && m_availability != Availability::Unavailable) {
        m_availability = Availability::Unavailable;
        m_unavailableReason = QStringLiteral("No keychain available: %1").arg(errorString);
        qCWarning(lcSecrets).noquote() << m_unavailableReason;
        emit availabilityChanged(m_availability);
    }
}

void SecretStore::remember(const QString &name, const QString &value)
{
    if (m_redactor)
        m_redactor->addSecret(value);
    m_cache.insert(name, value);
}

void SecretStore::probe()
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    prepare(job, kProbeKey);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        const int err = j->error();
        // "Not found" proves the keychain answered.
        const bool ok = err == QKeychain::NoError || err == QKeychain::EntryNotFound;
        if (ok && m_availability != Availability::Available) {
            m_availability = Availability::Available;
            m_unavailableReason.clear();
            emit availabilityChanged(m_availability);
        } else if (!ok) {
            noteFailure(err, j->errorString());
            if (m_availability == Availability::Unknown) {
                // Locked or refused: a keychain exists, but say what is wrong.
                m_availability = Availability::Unavailable;
                m_unavailableReason = describe(err, j->errorString(), kProbeKey);
                emit availabilityChanged(m_availability);
            }
        }
    });
    job->start();
}

void SecretStore::store(const QString &name, const QString &value, Done done)
{
    if (name.trimmed().isEmpty()) {
        if (done)
            done(makeError(QStringLiteral("a secret needs a name"), QStringLiteral("name")));
        return;
    }
    // Registered before the job runs: whatever happens next, the value is scrubbed from every text.
    if (m_redactor)
        m_redactor->addSecret(value);
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    prepare(job, name);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [this, name, value, done](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            noteFailure(j->error(), j->errorString());
            if (done)
                done(makeError(describe(j->error(), j->errorString(), name), name));
            return;
        }
        m_sessionOnly.remove(name);
        remember(name, value);
        emit secretChanged(name);
        if (done)
            done({});
    });
    job->start();
}

void SecretStore::load(const QString &name, Loaded done)
{
    if (m_cache.contains(name)) {
        const QString v = m_cache.value(name);
        // Asynchronous like a keychain answer, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this, [done, v] { done(v); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    prepare(job, name);
    connect(job, &QKeychain::Job::finished, this, [this, name, done](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() != QKeychain::NoError) {
            noteFailure(read->error(), read->errorString());
            done(makeError(describe(read->error(), read->errorString(), name), name));
            return;
        }
        const QString v = read->textData();
        remember(name, v);
        done(v);
    });
    job->start();
}

void SecretStore::loadAll(const QStringList &names, std::function<void(const QStringList &errors)> done)
{
    if (names.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    auto remaining = std::make_shared<int>(int(names.size()));
    auto errors = std::make_shared<QStringList>();
    for (const auto &n : names) {
        load(n, [remaining, errors, done](const Core::Result<QString> &r) {
            if (!r)
                *errors << r.error().message;
            if (--*remaining == 0)
                done(*errors);
        });
    }
}

void SecretStore::remove(const QString &name, Done done)
{
    m_cache.remove(name);
    if (m_sessionOnly.remove(name)) {
        emit secretChanged(name);
        if (done)
            QMetaObject::invokeMethod(
                this, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    prepare(job, name);
    connect(job, &QKeychain::Job::finished, this, [this, name, done](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            noteFailure(j->error(), j->errorString());
            if (done)
                done(makeError(describe(j->error(), j->errorString(), name), name));
            return;
        }
        emit secretChanged(name);
        if (done)
            done({});
    });
    job->start();
}

void SecretStore::keepForSession(const QString &name, const QString &value)
{
    m_sessionOnly.insert(name);
    remember(name, value);
    emit secretChanged(name);
}

std::function<QString(const QString &)> SecretStore::lookup() const
{
    // The returned function may outlive nothing: the composition root keeps the store alive with the plugins.
    return [this](const QString &name) { return cached(name); };
}

} // namespace Sitrep::Secrets
