#pragma once

#include "core/Redactor.h"
#include "core/Result.h"
#include "export/Postmortem.h"

namespace Sitrep::Export {

enum class Format { Markdown, Html, Pdf, Json, Csv };

// Writes an incident in one format, redacted, to a file: the one entry point the CLI and the UI use.
class Exporter final
{
public:
    static Sitrep::Core::Result<Format> parseFormat(const QString &name);
    static QString extension(Format format);
    // Redacts every event again (defence in depth: an old journal may predate a redaction rule).
    static QList<Sitrep::Core::TimelineEvent> redacted(const QList<Sitrep::Core::TimelineEvent> &events,
                                                       const Sitrep::Core::Redactor &redactor);
    static Sitrep::Core::Result<void> write(const QList<Sitrep::Core::TimelineEvent> &events, Format format,
                                            const ExportOptions &options, const QString &path,
                                            const Sitrep::Core::Redactor &redactor);
};

} // namespace Sitrep::Export
