#include "runbook/RunbookLibrary.h"

#include "runbook/RunbookParser.h"

#include <QDebug>
#include <QDir>
#include <QFileInfo>

namespace Sitrep::Runbook {

QStringList RunbookLibrary::bundled()
{
    QStringList out;
    const QDir dir(QStringLiteral(":/runbooks"));
    for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

RunbookLibrary::Scan RunbookLibrary::scanAll(const QStringList &folders)
{
    QStringList paths = bundled();
    for (const QString &folder : folders) {
        const QDir dir(folder);
        for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
            paths << dir.filePath(name);
    }
    Scan out;
    for (const QString &p : std::as_const(paths)) {
        const auto r = RunbookParser::parseFile(p);
        if (!r.ok()) {
            const QString error = r.error().text();
            qWarning().noquote() << "runbook not loaded:" << error;
            out.failures.append({p, error.startsWith(p) ? error : p + QStringLiteral(": ") + error});
            continue;
        }
        out.entries.append({p, r->title, r->alerts, r->alertLinks});
    }
    return out;
}

std::optional<RunbookLibrary::Suggestion>
RunbookLibrary::suggest(const QList<Entry> &entries, const QString &alertName, const QString &runbookUrl)
{
    // runbook_url: "sitrep://runbooks/x.md", ".../x.md#section" or any URL ending in a known file name.
    if (!runbookUrl.isEmpty()) {
        const QString file = runbookUrl.section(QLatin1Char('#'), 0, 0).section(QLatin1Char('/'), -1);
        const QString anchor =
            runbookUrl.contains(QLatin1Char('#')) ? runbookUrl.section(QLatin1Char('#'), 1) : QString();
        for (const auto &e : entries) {
            if (!file.isEmpty() && QFileInfo(e.path).fileName() == file) {
                QString section = anchor;
                for (const auto &l : e.alertLinks) {
                    if (section.isEmpty() && l.alert == alertName)
                        section = l.section;
                }
                return Suggestion{e.path, section};
            }
        }
    }
    for (const auto &e : entries) {
        for (const auto &l : e.alertLinks) {
            if (l.alert.compare(alertName, Qt::CaseInsensitive) == 0)
                return Suggestion{e.path, l.section};
        }
        for (const auto &a : e.alerts) {
            if (a.compare(alertName, Qt::CaseInsensitive) == 0)
                return Suggestion{e.path, QString()};
        }
    }
    return std::nullopt;
}

} // namespace Sitrep::Runbook
