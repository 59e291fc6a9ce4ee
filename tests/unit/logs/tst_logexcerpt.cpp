#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "logs/LogExcerpt.h"
#include "logs/LogSession.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Logs;
using namespace Sitrep::Core;

class TstLogExcerpt : public QObject
{
    Q_OBJECT
private slots:
    void pinLandsRedactedInJournal();
    void emptySelectionIsAnError();
    void saveToFile();

private:
    static QList<LogExcerpt::Line> sample();
};

QList<LogExcerpt::Line> TstLogExcerpt::sample()
{
    LogSession session;
    // Lines go straight into the buffer: the excerpt works on whatever the pane holds.
    LogBuffer &b = session.buffer();
    Q_UNUSED(b);
    QList<LogExcerpt::Line> lines;
    const LogTarget a{QStringLiteral("demo"), QStringLiteral("api-1"), QStringLiteral("app"), false};
    const LogTarget c{QStringLiteral("demo"), QStringLiteral("db-0"), QStringLiteral("postgres"), false};
    lines.append({1763881200123456789, a, LogLevel::Error,
                  QStringLiteral("upstream failed: Authorization: Bearer sk_live_abcdefghijkl1234")});
    lines.append({1763881201000000000, c, LogLevel::Fatal,
                  QStringLiteral("FATAL connecting to postgres://app:hunter2@db:5432/orders")});
    lines.append({1763881202000000000, a, LogLevel::Info, QStringLiteral("retrying")});
    return lines;
}

void TstLogExcerpt::pinLandsRedactedInJournal()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    ManualClock clock;
    IncidentSession s(journal, clock, QStringLiteral("alice"));
    IncidentSession::Declaration d;
    d.title = QStringLiteral("Checkout down");
    d.service = QStringLiteral("api");
    QVERIFY(s.declare(d).ok());

    const auto r = LogExcerpt::pin(s, sample());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().text()));
    const QList<TimelineEvent> events = journal.events();
    const TimelineEvent &e = events.last();
    QCOMPARE(e.kind, EventKind::LogExcerpt);
    QVERIFY(e.pinned);
    QVERIFY2(e.summary.contains(QStringLiteral("3 lines from api-1, db-0")), qPrintable(e.summary));
    const QJsonArray lines = e.payload.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 3);
    const QString all = lines[0].toString() + lines[1].toString();
    QVERIFY2(!all.contains(QStringLiteral("sk_live_abcdefghijkl1234")), qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("hunter2")), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("[REDACTED]")));
    QVERIFY(lines[0].toString().startsWith(
        QStringLiteral("2025-11-23T07:00:00.123456789Z demo/api-1/app ERROR ")));
    QCOMPARE(e.payload.value(QStringLiteral("pods")).toArray().size(), 2);
    QCOMPARE(e.payload.value(QStringLiteral("count")).toInt(), 3);
}

void TstLogExcerpt::emptySelectionIsAnError()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    ManualClock clock;
    IncidentSession s(journal, clock, QStringLiteral("alice"));
    const auto r = LogExcerpt::pin(s, {});
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QStringLiteral("Select at least one")));
}

void TstLogExcerpt::saveToFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("excerpt.log"));
    QVERIFY(LogExcerpt::save(path, sample()).ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // 3 lines + trailing newline
    QVERIFY(lines[2].endsWith("INFO retrying"));
    QVERIFY(!lines[1].contains("hunter2"));
    QVERIFY(!LogExcerpt::save(dir.filePath(QStringLiteral("no/such/dir/x.log")), sample()).ok());
}

QTEST_GUILESS_MAIN(TstLogExcerpt)
#include "tst_logexcerpt.moc"
