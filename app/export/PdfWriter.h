#pragma once

#include "core/Result.h"
#include "export/Postmortem.h"

namespace Sitrep::Export {

// The postmortem as an A4 PDF (QTextDocument laid out on QPdfWriter) with page numbers.
// Needs a QGuiApplication (fonts); the CLI starts one on the offscreen platform.
class PdfWriter final
{
public:
    static Sitrep::Core::Result<void> write(const Postmortem &pm, const QString &path);
};

} // namespace Sitrep::Export
