#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMutex>
#include <QSet>
#include <QString>

namespace Sitrep::Core {

// Scrubs secrets (tokens, passwords in URLs, keys, Secret data) from text before it is journaled,
// logged or exported. Known secret values (from the keychain) can be added and are scrubbed verbatim.
class Redactor final
{
public:
    static inline const QString kMask = QStringLiteral("[REDACTED]");

    // Pattern-based scrubbing only: what every text goes through.
    static QString redactPatterns(const QString &text);

    void addSecret(const QString &value);
    QString redact(const QString &text) const;
    QJsonValue redact(const QJsonValue &value) const;
    QJsonObject redact(const QJsonObject &object) const;

private:
    mutable QMutex m_mutex;
    QSet<QString> m_secrets;
};

} // namespace Sitrep::Core
