#include "cli/ExportCommand.h"

#include "core/Journal.h"
#include "export/Exporter.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace Sitrep::Core;
using namespace Sitrep::Export;

namespace Sitrep::Cli {

int ExportCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("format"), QStringLiteral("md, html, pdf, json or csv"), QStringLiteral("F"),
          QStringLiteral("md")},
         {QStringLiteral("pinned-only"), QStringLiteral("Only pinned timeline entries")},
         {QStringLiteral("local-time"), QStringLiteral("Times in local time instead of UTC")},
         {QStringLiteral("updates-due"), QStringLiteral("Updates that were due"), QStringLiteral("N")},
         {{QStringLiteral("o"), QStringLiteral("output")},
          QStringLiteral("Output file"),
          QStringLiteral("OUT")}});
    if (!p.parse(QStringList{QStringLiteral("export")} + args) || p.positionalArguments().size() != 1) {
        m_err << "sitrep: "
              << (p.errorText().isEmpty() ? QStringLiteral("export needs one incident file") : p.errorText())
              << "\nusage: sitrep export FILE --format md|html|pdf|json|csv [--pinned-only] [--local-time] "
                 "[-o OUT]\n";
        return 2;
    }
    const auto format = Exporter::parseFormat(p.value(QStringLiteral("format")));
    if (!format) {
        m_err << "sitrep: " << format.error().text() << "\n";
        return 2;
    }
    const QString input = p.positionalArguments().first();
    Journal journal;
    if (auto r = journal.open(input, Journal::Mode::ReadOnly); !r) {
        m_err << "sitrep: " << r.error().text() << "\n";
        return 1;
    }
    // A postmortem must not be silently short: a damaged file is recovered first, and a big file's
    // integrity check is waited for.
    journal.waitForCheck();
    if (const QString blocker = journal.exportBlocker(); !blocker.isEmpty()) {
        m_err << "sitrep: " << input << ": not exported: " << blocker << ": sitrep incident recover " << input
              << " -o NEW.sitrep\n";
        return 1;
    }
    QString output = p.value(QStringLiteral("output"));
    if (output.isEmpty()) {
        const QFileInfo info(input);
        output = info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('.') +
                 Exporter::extension(*format);
    }
    ExportOptions options;
    options.pinnedOnly = p.isSet(QStringLiteral("pinned-only"));
    options.utc = !p.isSet(QStringLiteral("local-time"));
    if (p.isSet(QStringLiteral("updates-due")))
        options.updatesDue = p.value(QStringLiteral("updates-due")).toInt();
    if (auto r = Exporter::write(journal.events(), *format, options, output, journal.redactor()); !r) {
        m_err << "sitrep: " << r.error().text() << "\n";
        return 1;
    }
    m_out << "wrote " << output << "\n";
    return 0;
}

} // namespace Sitrep::Cli
