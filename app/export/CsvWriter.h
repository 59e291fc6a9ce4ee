#pragma once

#include "export/Postmortem.h"

namespace Sitrep::Export {

// The timeline as RFC 4180 CSV (id, time, kind, author, summary, pinned), for spreadsheets.
class CsvWriter final
{
public:
    static QString write(const Postmortem &pm);
    static QString quote(const QString &field);
};

} // namespace Sitrep::Export
