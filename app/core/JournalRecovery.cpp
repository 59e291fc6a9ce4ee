#include "core/JournalRecovery.h"

#include "core/JournalSalvage.h"

#include <QFileInfo>
#include <QJsonArray>

namespace Sitrep::Core {

QString JournalRecovery::Report::sentence() const
{
    if (damage.isEmpty())
        return QStringLiteral("%1 was intact; copied all %2 events to %3")
            .arg(source)
            .arg(copied)
            .arg(output);
    QString s = QStringLiteral("recovered %1").arg(copied);
    if (expected >= 0)
        s += QStringLiteral(" of %1").arg(expected);
    s += QStringLiteral(" events from %1 into %2").arg(source, output);
    if (!lost.isEmpty())
        s += QStringLiteral(" (%1)").arg(lost);
    return s + QStringLiteral("; the damaged file was left untouched");
}

Result<JournalHealth> JournalRecovery::check(const QString &path)
{
    Journal journal;
    if (auto r = journal.open(path, Journal::Mode::ReadOnly); !r)
        return r.error();
    journal.waitForCheck();
    return journal.health();
}

Result<JournalRecovery::Report> JournalRecovery::recover(const QString &source, const QString &output,
                                                         const QString &author)
{
    if (!QFileInfo::exists(source))
        return makeError(QStringLiteral("no such incident file"), source);
    if (QFileInfo::exists(output))
        return makeError(QStringLiteral("already exists; not overwriting it"), output);
    if (QFileInfo(source).canonicalFilePath() == QFileInfo(output).absoluteFilePath())
        return makeError(QStringLiteral("the recovered copy must be a new file"), output);

    // What the integrity check says, for the record; the salvage reads the file on its own either way.
    QString damage;
    {
        Journal probe;
        if (auto r = probe.open(source, Journal::Mode::ReadOnly); r) {
            probe.waitForCheck();
            if (probe.health().isDamaged())
                damage = probe.health().damage;
        } else {
            damage = r.error().message;
        }
    }
    const JournalSalvage::Result salvage = JournalSalvage::read(source);
    if (salvage.events.isEmpty())
        return makeError(QStringLiteral("no event of this file can be read (%1): nothing to recover")
                             .arg(damage.isEmpty() ? salvage.sqlError : damage),
                         source);

    Journal out;
    if (auto r = out.open(output); !r)
        return r.error();
    QList<TimelineEvent> copies = salvage.events;
    for (auto &e : copies)
        e.id = 0;
    if (auto r = out.appendAll(copies); !r)
        return r.error();

    Report report;
    report.source = source;
    report.output = output;
    report.damage = damage;
    report.copied = copies.size();
    report.expected = salvage.expected;
    report.lost = salvage.lostText();
    QJsonArray lostIds;
    for (qint64 id : salvage.lostIds.mid(0, 1000))
        lostIds.append(id);
    const QJsonObject payload{
        {QStringLiteral("source"), QStringLiteral("recovery")},
        {QStringLiteral("from"), QFileInfo(source).absoluteFilePath()},
        {QStringLiteral("damage"), damage},
        {QStringLiteral("copied"), report.copied},
        {QStringLiteral("expected"), report.expected},
        {QStringLiteral("lostIds"), lostIds},
        {QStringLiteral("fromRawPages"), salvage.fromPages},
    };
    auto note = out.append(makeEvent(EventKind::Note, 0, author, report.sentence(), payload));
    if (!note)
        return note.error();
    return report;
}

} // namespace Sitrep::Core
