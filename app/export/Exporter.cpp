#include "export/Exporter.h"

#include "export/CsvWriter.h"
#include "export/HtmlWriter.h"
#include "export/JsonWriter.h"
#include "export/MarkdownWriter.h"
#include "export/PdfWriter.h"

#include <QSaveFile>

using namespace Sitrep::Core;

namespace Sitrep::Export {

Result<Format> Exporter::parseFormat(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return Format::Markdown;
    if (n == QLatin1String("html"))
        return Format::Html;
    if (n == QLatin1String("pdf"))
        return Format::Pdf;
    if (n == QLatin1String("json"))
        return Format::Json;
    if (n == QLatin1String("csv"))
        return Format::Csv;
    return makeError(
        QStringLiteral("unknown export format \"%1\"; expected md, html, pdf, json or csv").arg(name),
        QStringLiteral("--format"));
}

QString Exporter::extension(Format format)
{
    switch (format) {
    case Format::Markdown:
        return QStringLiteral("md");
    case Format::Html:
        return QStringLiteral("html");
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Json:
        return QStringLiteral("json");
    case Format::Csv:
        return QStringLiteral("csv");
    }
    return {};
}

QList<TimelineEvent> Exporter::redacted(const QList<TimelineEvent> &events, const Redactor &redactor)
{
    QList<TimelineEvent> out = events;
    for (TimelineEvent &e : out) {
        e.summary = redactor.redact(e.summary);
        e.author = redactor.redact(e.author);
        e.payload = redactor.redact(e.payload);
    }
    return out;
}

Result<void> Exporter::write(const QList<TimelineEvent> &events, Format format, const ExportOptions &options,
                             const QString &path, const Redactor &redactor)
{
    const Postmortem pm = Postmortem::build(redacted(events, redactor), options);
    if (!pm.incident.isDeclared())
        return makeError(QStringLiteral("the journal holds no declared incident"));
    if (format == Format::Pdf)
        return PdfWriter::write(pm, path);
    QByteArray bytes;
    switch (format) {
    case Format::Markdown:
        bytes = MarkdownWriter::write(pm).toUtf8();
        break;
    case Format::Html:
        bytes = HtmlWriter::write(pm).toUtf8();
        break;
    case Format::Json:
        bytes = JsonWriter::write(pm);
        break;
    case Format::Csv:
        bytes = CsvWriter::write(pm).toUtf8();
        break;
    case Format::Pdf:
        break;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write: %1").arg(file.errorString()), path);
    file.write(bytes);
    if (!file.commit())
        return makeError(QStringLiteral("cannot write: %1").arg(file.errorString()), path);
    return {};
}

} // namespace Sitrep::Export
