#include "comms/UpdateTemplate.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace Sitrep::Comms {

using Core::makeError;
using Core::Result;

namespace {

struct KnownField
{
    const char *key;
    const char *label;
};

// Labels of the shared runbooks' INCIDENT TEMPLATE / RESOLVED blocks and the keys auto-fill understands.
constexpr KnownField kKnown[] = {
    {"title", "Title"},
    {"status", "Status"},
    {"severity", "Severity"},
    {"service", "Service"},
    {"impact", "Impact"},
    {"start_time", "Start Time"},
    {"duration", "Duration"},
    {"commander", "Commander"},
    {"root_cause", "Root Cause"},
    {"resolution", "Resolution"},
    {"prevention", "Prevention"},
    {"message", "Message"},
    {"next_update", "Next update"},
    {"updates_link", "Updates"},
    {"conditions", "Conditions"},
    {"actions", "Actions"},
    {"needs", "Needs"},
};

const QRegularExpression &labelLine()
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*([A-Za-z][A-Za-z0-9 /()'-]*):\\s*\\{\\{\\s*([^}]*)\\}\\}\\s*$"));
    return re;
}

} // namespace

UpdateTemplate::UpdateTemplate(QString name, QString title, QList<TemplateField> fields, QString body,
                               TemplateOrigin origin)
    : m_name(std::move(name))
    , m_title(std::move(title))
    , m_fields(std::move(fields))
    , m_body(std::move(body))
    , m_origin(origin)
{
    if (m_title.isEmpty())
        m_title = m_name;
}

std::optional<TemplateField> UpdateTemplate::field(const QString &key) const
{
    for (const auto &f : m_fields) {
        if (f.key == key)
            return f;
    }
    return std::nullopt;
}

QStringList UpdateTemplate::placeholders() const
{
    return scanPlaceholders(m_body, {}).valueOr({});
}

QJsonObject UpdateTemplate::toJson() const
{
    QJsonArray fields;
    for (const auto &f : m_fields) {
        QJsonObject o{{QStringLiteral("key"), f.key}, {QStringLiteral("label"), f.label}};
        if (!f.defaultValue.isEmpty())
            o.insert(QStringLiteral("default"), f.defaultValue);
        if (f.multiline)
            o.insert(QStringLiteral("multiline"), true);
        fields.append(o);
    }
    return {{QStringLiteral("name"), m_name},
            {QStringLiteral("title"), m_title},
            {QStringLiteral("fields"), fields},
            {QStringLiteral("body"), m_body}};
}

QString UpdateTemplate::keyForLabel(const QString &label)
{
    const QString trimmed = label.trimmed();
    for (const auto &k : kKnown) {
        if (trimmed.compare(QLatin1String(k.label), Qt::CaseInsensitive) == 0)
            return QLatin1String(k.key);
    }
    if (trimmed.compare(QLatin1String("Next Update"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("next_update");
    QString key;
    for (const QChar c : trimmed.toLower()) {
        if (c.isLetterOrNumber())
            key += c;
        else if (!key.isEmpty() && !key.endsWith(QLatin1Char('_')))
            key += QLatin1Char('_');
    }
    while (key.endsWith(QLatin1Char('_')))
        key.chop(1);
    return key;
}

QString UpdateTemplate::labelForKey(const QString &key)
{
    for (const auto &k : kKnown) {
        if (key == QLatin1String(k.key))
            return QLatin1String(k.label);
    }
    QString label = key;
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return label;
}

Result<QStringList> UpdateTemplate::scanPlaceholders(const QString &body, const QString &where)
{
    QStringList keys;
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        qsizetype pos = 0;
        while ((pos = line.indexOf(QLatin1String("{{"), pos)) >= 0) {
            const qsizetype end = line.indexOf(QLatin1String("}}"), pos + 2);
            const QString at = where.isEmpty() ? QStringLiteral("line %1").arg(i + 1)
                                               : QStringLiteral("%1:%2").arg(where).arg(i + 1);
            if (end < 0)
                return makeError(QStringLiteral("unclosed placeholder \"{{\" (close it with \"}}\")"), at);
            const QString key = line.mid(pos + 2, end - pos - 2).trimmed();
            static const QRegularExpression valid(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
            if (!valid.match(key).hasMatch())
                return makeError(
                    QStringLiteral("placeholder \"{{%1}}\" is not a field name (letters, digits, _)")
                        .arg(key),
                    at);
            if (!keys.contains(key))
                keys << key;
            pos = end + 2;
        }
    }
    return keys;
}

Result<UpdateTemplate> UpdateTemplate::fromJson(const QJsonObject &o, const QString &where)
{
    const QString name = o.value(QLatin1String("name")).toString().trimmed();
    if (name.isEmpty())
        return makeError(QStringLiteral("template has no \"name\""), where);
    QString body;
    const QJsonValue bodyValue = o.value(QLatin1String("body"));
    if (bodyValue.isArray()) {
        QStringList lines;
        for (const auto &l : bodyValue.toArray())
            lines << l.toString();
        body = lines.join(QLatin1Char('\n'));
    } else if (bodyValue.isString()) {
        body = bodyValue.toString();
    } else {
        return makeError(
            QStringLiteral("template \"%1\" has no \"body\" (a string or an array of lines)").arg(name),
            where);
    }
    const auto keys = scanPlaceholders(body, where);
    if (!keys)
        return keys.error();

    QList<TemplateField> fields;
    const QJsonArray declared = o.value(QLatin1String("fields")).toArray();
    for (int i = 0; i < declared.size(); ++i) {
        TemplateField f;
        if (declared[i].isString()) {
            f.key = declared[i].toString();
        } else {
            const QJsonObject fo = declared[i].toObject();
            f.key = fo.value(QLatin1String("key")).toString();
            f.label = fo.value(QLatin1String("label")).toString();
            f.defaultValue = fo.value(QLatin1String("default")).toString();
            f.multiline = fo.value(QLatin1String("multiline")).toBool();
        }
        if (f.key.isEmpty() && !f.label.isEmpty())
            f.key = keyForLabel(f.label);
        if (f.key.isEmpty())
            return makeError(
                QStringLiteral("field %1 of template \"%2\" has no \"key\"").arg(i + 1).arg(name), where);
        if (f.label.isEmpty())
            f.label = labelForKey(f.key);
        fields << f;
    }
    // Placeholders used in the body but not declared still get a field, so nothing is silently left blank.
    for (const auto &key : *keys) {
        const bool known =
            std::any_of(fields.cbegin(), fields.cend(), [&](const auto &f) { return f.key == key; });
        if (!known)
            fields << TemplateField{key, labelForKey(key), {}, false};
    }
    UpdateTemplate t(name, o.value(QLatin1String("title")).toString(), fields, body, TemplateOrigin::User);
    t.setSource(where);
    return t;
}

Result<UpdateTemplate> UpdateTemplate::fromText(const QString &text, const QString &name,
                                                const QString &where)
{
    const auto keys = scanPlaceholders(text, where);
    if (!keys)
        return keys.error();
    if (keys->isEmpty())
        return makeError(QStringLiteral("template has no {{field}} placeholders"), where);
    QHash<QString, QString> labels;
    for (const auto &line : text.split(QLatin1Char('\n'))) {
        if (const auto m = labelLine().match(line); m.hasMatch())
            labels.insert(m.captured(2).trimmed(), m.captured(1).trimmed());
    }
    QList<TemplateField> fields;
    for (const auto &key : *keys)
        fields << TemplateField{key, labels.value(key, labelForKey(key)), {}, false};
    QString title = name;
    if (text.startsWith(QLatin1String("# ")))
        title = text.section(QLatin1Char('\n'), 0, 0).mid(2).trimmed();
    UpdateTemplate t(name, title, fields, text.trimmed(), TemplateOrigin::User);
    t.setSource(where);
    return t;
}

Result<UpdateTemplate> UpdateTemplate::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read template: %1").arg(f.errorString()), path);
    const QByteArray data = f.readAll();
    const QFileInfo info(path);
    if (info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
        if (err.error != QJsonParseError::NoError) {
            const int line = int(data.left(err.offset).count('\n')) + 1;
            return makeError(QStringLiteral("invalid JSON: %1").arg(err.errorString()),
                             QStringLiteral("%1:%2").arg(path).arg(line));
        }
        if (!doc.isObject())
            return makeError(QStringLiteral("a template file holds one JSON object"), path);
        return fromJson(doc.object(), path);
    }
    return fromText(QString::fromUtf8(data), info.completeBaseName(), path);
}

} // namespace Sitrep::Comms
