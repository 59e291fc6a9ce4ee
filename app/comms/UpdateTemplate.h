#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Comms {

// One fillable field of a template: its placeholder key, the label a user sees and an optional default.
struct TemplateField
{
    QString key;   // "root_cause": the {{root_cause}} placeholder
    QString label; // "Root Cause"
    QString defaultValue;
    bool multiline = false;
};

enum class TemplateOrigin { BuiltIn, Runbook, User };

// A status-update template: a body with {{field}} placeholders plus the fields a user fills in.
// Body syntax, line based: "# Heading", "Label: {{key}}" (dropped when its fields are empty), free text.
class UpdateTemplate final
{
public:
    UpdateTemplate() = default;
    UpdateTemplate(QString name, QString title, QList<TemplateField> fields, QString body,
                   TemplateOrigin origin = TemplateOrigin::BuiltIn);

    QString name() const { return m_name; }
    QString title() const { return m_title; }
    const QList<TemplateField> &fields() const { return m_fields; }
    QString body() const { return m_body; }
    TemplateOrigin origin() const { return m_origin; }
    QString source() const { return m_source; } // file path or runbook name, for the user
    void setSource(const QString &source) { m_source = source; }
    bool isValid() const { return !m_name.isEmpty(); }
    std::optional<TemplateField> field(const QString &key) const;

    // Keys of the placeholders in body order, each once.
    QStringList placeholders() const;
    QJsonObject toJson() const;

    // {"name", "title", "fields": [{"key","label","default","multiline"}|"key"], "body": "..." | ["line",
    // ...]}
    static Core::Result<UpdateTemplate> fromJson(const QJsonObject &o, const QString &where);
    // A plain body; fields come from its placeholders, labels from "Label: {{key}}" lines.
    static Core::Result<UpdateTemplate> fromText(const QString &text, const QString &name,
                                                 const QString &where);
    // .json -> fromJson, anything else (.txt, .tmpl, .md) -> fromText named after the file.
    static Core::Result<UpdateTemplate> fromFile(const QString &path);

    // "Root Cause" -> "root_cause"; well-known labels map to the keys the auto-fill knows ("Updates" ->
    // "updates_link").
    static QString keyForLabel(const QString &label);
    static QString labelForKey(const QString &key);
    // Checks the placeholders of a body: an unclosed "{{" or an empty key is an error naming the line.
    static Core::Result<QStringList> scanPlaceholders(const QString &body, const QString &where);

private:
    QString m_name;
    QString m_title;
    QList<TemplateField> m_fields;
    QString m_body;
    TemplateOrigin m_origin = TemplateOrigin::BuiltIn;
    QString m_source;
};

} // namespace Sitrep::Comms
