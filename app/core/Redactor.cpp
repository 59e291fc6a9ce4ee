#include "core/Redactor.h"

#include <QMutexLocker>
#include <QRegularExpression>

namespace Sitrep::Core {

namespace {

using RE = QRegularExpression;

struct Rule
{
    RE re;
    QString replacement;
};

const QList<Rule> &rules()
{
    static const QList<Rule> r = {
        // PEM private keys, whole block
        {RE(QStringLiteral(
             "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)")),
         QStringLiteral("-----BEGIN \\1PRIVATE KEY----- [REDACTED] -----END \\1PRIVATE KEY-----")},
        // Authorization headers and bearer tokens
        {RE(QStringLiteral("\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{6,}"), RE::CaseInsensitiveOption),
         QStringLiteral("\\1 [REDACTED]")},
        // JSON Web Tokens anywhere
        {RE(QStringLiteral("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}")),
         QStringLiteral("[REDACTED]")},
        // credentials in URLs: scheme://user:password@host
        {RE(QStringLiteral("\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:)[^@\\s/]+@")),
         QStringLiteral("\\1[REDACTED]@")},
        // AWS access key ids
        {RE(QStringLiteral("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b")), QStringLiteral("[REDACTED]")},
        // Slack / GitHub / GitLab tokens
        {RE(QStringLiteral("\\bxox[abposr]-[A-Za-z0-9-]{10,}")), QStringLiteral("[REDACTED]")},
        {RE(QStringLiteral("\\b(?:ghp|gho|ghu|ghs|ghr|glpat)[_-][A-Za-z0-9_]{16,}")),
         QStringLiteral("[REDACTED]")},
        // webhook URLs carry their secret in the path
        {RE(QStringLiteral("(https://hooks\\.slack\\.com/services/)[A-Za-z0-9/_-]+")),
         QStringLiteral("\\1[REDACTED]")},
        {RE(QStringLiteral("(https?://[^\\s/]+/hooks/)[A-Za-z0-9]{10,}")), QStringLiteral("\\1[REDACTED]")},
        // key = value / key: value / --key=value for names that hold secrets
        {RE(QStringLiteral(
                "((?:^|[\\s\"'{,;&?-])(?:[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|"
                "api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_]*)[\"']?\\s*[:=]\\s*[\"']?)"
                "(?!\\[REDACTED\\])([^\\s\"',;&}]{3,})"),
            RE::CaseInsensitiveOption),
         QStringLiteral("\\1[REDACTED]")},
        // PGPASSWORD=... and MYSQL_PWD=... style environment assignments
        {RE(QStringLiteral("\\b(PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH)=(?!\\[REDACTED\\])\\S+")),
         QStringLiteral("\\1=[REDACTED]")},
        // redis-cli -a PASSWORD
        {RE(QStringLiteral("(redis-cli\\b[^\\n]*?\\s-a\\s+)(?!\\[REDACTED\\])\\S+")),
         QStringLiteral("\\1[REDACTED]")},
    };
    return r;
}

// Secret objects: every value under data:/stringData: is secret, whatever its key.
QString redactSecretYaml(const QString &text)
{
    static const RE secretKind(QStringLiteral("^\\s*kind:\\s*Secret\\s*$"), RE::MultilineOption);
    if (!secretKind.match(text).hasMatch())
        return text;
    QStringList lines = text.split(QLatin1Char('\n'));
    int dataIndent = -1;
    static const RE dataKey(QStringLiteral("^(\\s*)(data|stringData):\\s*$"));
    static const RE entry(QStringLiteral("^(\\s*[^:#\\s][^:]*:\\s*)(.+)$"));
    for (QString &line : lines) {
        const int indent = int(line.size() - QString(line).remove(RE(QStringLiteral("^\\s+"))).size());
        if (const auto m = dataKey.match(line); m.hasMatch()) {
            dataIndent = int(m.captured(1).size());
            continue;
        }
        if (dataIndent >= 0) {
            if (!line.trimmed().isEmpty() && indent <= dataIndent) {
                dataIndent = -1;
                continue;
            }
            if (const auto m = entry.match(line); m.hasMatch() && m.captured(2) != Redactor::kMask)
                line = m.captured(1) + Redactor::kMask;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString redactSecretJson(const QString &text)
{
    static const RE secretKind(QStringLiteral("\"kind\"\\s*:\\s*\"Secret\""));
    if (!secretKind.match(text).hasMatch())
        return text;
    static const RE dataBlock(QStringLiteral("(\"(?:data|stringData)\"\\s*:\\s*\\{)([^{}]*)(\\})"));
    static const RE pair(QStringLiteral("(\"[^\"]*\"\\s*:\\s*)\"[^\"]*\""));
    QString out;
    qsizetype last = 0;
    auto it = dataBlock.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        QString inner = m.captured(2);
        inner.replace(pair, QStringLiteral("\\1\"[REDACTED]\""));
        out += m.captured(1) + inner + m.captured(3);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

} // namespace

QString Redactor::redactPatterns(const QString &text)
{
    if (text.isEmpty())
        return text;
    QString out = redactSecretJson(redactSecretYaml(text));
    for (const auto &rule : rules())
        out.replace(rule.re, rule.replacement);
    return out;
}

void Redactor::addSecret(const QString &value)
{
    // Very short values would mask ordinary words everywhere.
    if (value.size() < 4)
        return;
    QMutexLocker lock(&m_mutex);
    m_secrets.insert(value);
}

QString Redactor::redact(const QString &text) const
{
    QString out = text;
    {
        QMutexLocker lock(&m_mutex);
        for (const auto &s : m_secrets)
            out.replace(s, kMask);
    }
    return redactPatterns(out);
}

QJsonValue Redactor::redact(const QJsonValue &value) const
{
    switch (value.type()) {
    case QJsonValue::String:
        return redact(value.toString());
    case QJsonValue::Object:
        return redact(value.toObject());
    case QJsonValue::Array: {
        QJsonArray out;
        for (const auto &v : value.toArray())
            out.append(redact(v));
        return out;
    }
    default:
        return value;
    }
}

QJsonObject Redactor::redact(const QJsonObject &object) const
{
    static const RE secretKey(
        QStringLiteral("password|passwd|passphrase|secret|token|api[_-]?key|authorization"),
        RE::CaseInsensitiveOption);
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isString() && secretKey.match(it.key()).hasMatch() && !it.value().toString().isEmpty())
            out.insert(it.key(), kMask);
        else
            out.insert(it.key(), redact(it.value()));
    }
    return out;
}

} // namespace Sitrep::Core
