#pragma once

#include <QJsonObject>
#include <QString>

namespace Sitrep::Comms {

// Finds a secret typed in plain text into a channel's settings (a token under a header, a password in a
// URL, an API key in a query string), so the settings dialog can refuse it before it reaches a file.
// Secrets belong in the keychain, referred to by name under a "...Secret" key.
class ChannelSecretCheck final
{
public:
    // The path of the first plain secret ("headers.X-Api-Key", "url"), or an empty string.
    static QString findPlainSecret(const QJsonObject &config);

    // Whether a key names a secret ("token", "Authorization", "X-Api-Key"); keys ending in "Secret" or
    // "Secrets" hold keychain names and are not secrets themselves.
    static bool isSecretKey(const QString &key);
    // Whether a value looks like a secret: a known token format, a URL with a password, or a URL whose
    // query carries a token, key or signature.
    static bool isSecretValue(const QString &value);
};

} // namespace Sitrep::Comms
