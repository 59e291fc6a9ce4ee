#include "TimelineFilterProxy.h"
#include "TimelineModel.h"
#include "core/Journal.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Ui;

class TstTimelineModel : public QObject
{
    Q_OBJECT
private slots:
    void batchesAppends();
    void pinsUpdateRows();
    void filters();
    void journalGoesAway();

private:
    QTemporaryDir m_dir;
};

void TstTimelineModel::batchesAppends()
{
    Journal j;
    QVERIFY(j.open(m_dir.filePath(QStringLiteral("b.sitrep"))).ok());
    QVERIFY(
        j.append(makeEvent(EventKind::Declared, 1, QStringLiteral("a"), QStringLiteral("declared"))).ok());
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJournal(&j);
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 100; ++i)
        QVERIFY(j.append(makeEvent(EventKind::Note, 2 + i, QStringLiteral("a"), QStringLiteral("n%1").arg(i)))
                    .ok());
    QCOMPARE(model.rowCount(), 1); // queued, not yet inserted
    QTRY_COMPARE(model.rowCount(), 101);
    QCOMPARE(inserted.count(), 1); // one insert for the whole burst
    QCOMPARE(model.index(100, TimelineModel::SummaryColumn).data().toString(), QStringLiteral("n99"));
    QCOMPARE(model.index(0, TimelineModel::KindColumn).data().toString(), QStringLiteral("Declared"));
    QCOMPARE(model.rowForId(50), 49);
}

void TstTimelineModel::pinsUpdateRows()
{
    Journal j;
    QVERIFY(j.open(m_dir.filePath(QStringLiteral("p.sitrep"))).ok());
    auto e = j.append(makeEvent(EventKind::LogExcerpt, 1, QStringLiteral("a"), QStringLiteral("FATAL")));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJournal(&j);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(j.setPinned(e->id, true).ok());
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.index(0, 0).data(TimelineModel::PinnedRole).toBool());
    QVERIFY(model.index(0, TimelineModel::KindColumn).data().toString().startsWith(QStringLiteral("\u2605")));
}

void TstTimelineModel::filters()
{
    Journal j;
    QVERIFY(j.open(m_dir.filePath(QStringLiteral("f.sitrep"))).ok());
    QVERIFY(j.append(makeEvent(EventKind::Note, 1, QStringLiteral("alice"), QStringLiteral("db looks fine")))
                .ok());
    QVERIFY(j.append(makeEvent(EventKind::Alert, 2, QStringLiteral("prom"), QStringLiteral("HighErrorRate")))
                .ok());
    auto pinned = j.append(makeEvent(EventKind::Note, 3, QStringLiteral("bob"), QStringLiteral("rollback")));
    QVERIFY(j.setPinned(pinned->id, true).ok());
    TimelineModel model;
    model.setJournal(&j);
    TimelineFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setKinds({EventKind::Alert});
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setKinds({});
    proxy.setText(QStringLiteral("BOB"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText({});
    proxy.setPinnedOnly(true);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, TimelineModel::SummaryColumn).data().toString(), QStringLiteral("rollback"));
}

void TstTimelineModel::journalGoesAway()
{
    TimelineModel model;
    {
        Journal j;
        QVERIFY(j.open(m_dir.filePath(QStringLiteral("g.sitrep"))).ok());
        QVERIFY(j.append(makeEvent(EventKind::Note, 1, QStringLiteral("a"), QStringLiteral("x"))).ok());
        model.setJournal(&j);
        QCOMPARE(model.rowCount(), 1);
    }
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TstTimelineModel)
#include "tst_timelinemodel.moc"
