#include "comms/ChannelSecretCheck.h"

#include "core/Redactor.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Sitrep::Comms {

namespace {

QString walk(const QJsonValue &value, const QString &path)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString sub = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
            if (it.key().endsWith(QLatin1String("Secret")) || it.key().endsWith(QLatin1String("Secrets")))
                continue; // keychain names ("headerSecrets": {"Authorization": "hook-key"}), not secrets
            if (it.value().isString() && !it.value().toString().isEmpty() &&
                ChannelSecretCheck::isSecretKey(it.key()))
                return sub;
            if (QString found = walk(it.value(), sub); !found.isEmpty())
                return found;
        }
        return {};
    }
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (QString found = walk(a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i)); !found.isEmpty())
                return found;
        }
        return {};
    }
    if (value.isString() && ChannelSecretCheck::isSecretValue(value.toString()))
        return path;
    return {};
}

bool secretWord(const QString &name)
{
    // Matched on the name with separators removed: "X-Api-Key", "api_key" and "apiKey" are one word.
    static const QRegularExpression re(
        QStringLiteral("(token|password|passwd|secret|apikey|accesskey|privatekey|authorization|auth$|"
                       "cookie|signature|^sig$|credential|^key$)"),
        QRegularExpression::CaseInsensitiveOption);
    QString flat = name;
    flat.remove(QLatin1Char('-')).remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    if (flat.startsWith(QLatin1String("x"), Qt::CaseInsensitive) && name.startsWith(QLatin1String("X-")))
        flat = flat.mid(1);
    return re.match(flat).hasMatch();
}

} // namespace

bool ChannelSecretCheck::isSecretKey(const QString &key)
{
    if (key.endsWith(QLatin1String("Secret")) || key.endsWith(QLatin1String("Secrets")))
        return false; // a keychain name, not the secret
    return secretWord(key);
}

bool ChannelSecretCheck::isSecretValue(const QString &value)
{
    if (value.isEmpty())
        return false;
    if (Core::Redactor::redactPatterns(value) != value)
        return true;
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (!url.password().isEmpty())
        return true;
    const QUrlQuery query(url);
    for (const auto &[name, v] : query.queryItems()) {
        if (!v.isEmpty() && secretWord(name))
            return true;
    }
    return false;
}

QString ChannelSecretCheck::findPlainSecret(const QJsonObject &config)
{
    return walk(config, {});
}

} // namespace Sitrep::Comms
