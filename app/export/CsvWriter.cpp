#include "export/CsvWriter.h"

namespace Sitrep::Export {

QString CsvWriter::quote(const QString &field)
{
    // Cells starting with = + - @ are formulas to a spreadsheet: prefix a quote so they stay text.
    QString f = field;
    if (!f.isEmpty() && QStringLiteral("=+-@").contains(f.front()))
        f.prepend(QLatin1Char('\''));
    if (f.contains(QLatin1Char(',')) || f.contains(QLatin1Char('"')) || f.contains(QLatin1Char('\n')) ||
        f.contains(QLatin1Char('\r')) || f != field) {
        f.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + f + QLatin1Char('"');
    }
    return f;
}

QString CsvWriter::write(const Postmortem &pm)
{
    QString out = QStringLiteral("id,time,kind,author,summary,pinned\r\n");
    for (const auto &e : pm.timeline) {
        out += QStringList{QString::number(e.id),
                           e.time().toString(Qt::ISODateWithMs),
                           e.kindName,
                           quote(e.author),
                           quote(e.summary),
                           e.pinned ? QStringLiteral("true") : QStringLiteral("false")}
                   .join(QLatin1Char(','));
        out += QStringLiteral("\r\n");
    }
    return out;
}

} // namespace Sitrep::Export
