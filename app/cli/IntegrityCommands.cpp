#include "cli/IntegrityCommands.h"

#include "core/JournalRecovery.h"
#include "core/User.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace Sitrep::Core;

namespace Sitrep::Cli {

int IntegrityCommands::check(const QStringList &args)
{
    if (args.size() != 1) {
        m_err << "usage: sitrep incident check FILE\n";
        return 2;
    }
    const auto health = JournalRecovery::check(args.first());
    if (!health) {
        m_err << "sitrep: " << health.error().text() << "\n";
        return 1;
    }
    if (health->isDamaged()) {
        m_err << "sitrep: " << args.first() << ": " << health->sentence() << "\n"
              << "Recover every readable event into a new file: sitrep incident recover " << args.first()
              << " -o NEW.sitrep\n";
        return 1;
    }
    m_out << args.first() << ": intact, " << health->readableEvents << " events (quick_check "
          << health->checkMs << " ms)\n";
    return 0;
}

int IntegrityCommands::recover(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                 QStringLiteral("The new incident file"),
                 QStringLiteral("NEW")});
    if (!p.parse(QStringList{QStringLiteral("recover")} + args) || p.positionalArguments().size() != 1 ||
        p.value(QStringLiteral("output")).isEmpty()) {
        m_err << "sitrep: "
              << (p.errorText().isEmpty() ? QStringLiteral("recover needs one incident file and -o NEW")
                                          : p.errorText())
              << "\nusage: sitrep incident recover FILE -o NEW.sitrep\n";
        return 2;
    }
    const auto report = JournalRecovery::recover(p.positionalArguments().first(),
                                                 p.value(QStringLiteral("output")), currentUser());
    if (!report) {
        m_err << "sitrep: " << report.error().text() << "\n";
        return 1;
    }
    m_out << report->sentence() << "\n";
    return 0;
}

} // namespace Sitrep::Cli
