// The runbook picker lists the library's runbooks and, in red with their error, the files that failed to
// parse; a broken one cannot be opened from it, a good one opens with Enter.
#include "RunbookListModel.h"
#include "RunbookPickerDialog.h"
#include "support/TestEnv.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFile>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Sitrep::Runbook::RunbookLibrary;
using Sitrep::Ui::RunbookListModel;
using Sitrep::Ui::RunbookPickerDialog;

class TstRunbookPicker final : public QObject
{
    Q_OBJECT
private slots:
    void listsRunbooksAndFailures();
};

void TstRunbookPicker::listsRunbooksAndFailures()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("queue.md"));
    QVERIFY(Sitrep::Test::writeFile(
        good, "# Queue backlog\n\n- Alert: `QueueBacklogHigh`\n\n```bash\nredis-cli LLEN jobs\n```\n"));
    QVERIFY(
        Sitrep::Test::writeFile(dir.filePath(QStringLiteral("huge.md")), QByteArray(9 * 1024 * 1024, 'x')));

    RunbookPickerDialog picker(RunbookLibrary::scanAll({dir.path()}), dir.path());
    QAbstractItemModelTester tester(picker.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    RunbookListModel *m = picker.model();
    QCOMPARE(m->failureCount(), 1);
    QVERIFY(picker.summaryText().contains(QLatin1String("1 could not be read")));
    const int last = m->rowCount() - 1;
    const QModelIndex broken = m->index(last, RunbookListModel::Title);
    QVERIFY(broken.data().toString().contains(QLatin1String("not readable")));
    QVERIFY(m->index(last, RunbookListModel::Alerts).data().toString().contains(QLatin1String("8 MiB")));
    QVERIFY(broken.data(Qt::ToolTipRole).toString().contains(QLatin1String("huge.md")));
    QCOMPARE(broken.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    QVERIFY(!(m->flags(broken) & Qt::ItemIsSelectable));

    int queueRow = -1;
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, RunbookListModel::Title).data().toString() == QLatin1String("Queue backlog"))
            queueRow = r;
    }
    QVERIFY(queueRow >= 0);
    QCOMPARE(m->index(queueRow, RunbookListModel::Alerts).data().toString(),
             QStringLiteral("QueueBacklogHigh"));
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    QVERIFY(picker.grab().save(Sitrep::Test::outputDir(QStringLiteral("tst_runbookpicker")) +
                               QStringLiteral("/picker.png")));
    // Enter on the broken row opens nothing; on the good one it opens that file.
    picker.view()->setCurrentIndex(broken);
    QTest::keyClick(picker.view(), Qt::Key_Return);
    QVERIFY(picker.isVisible());
    picker.view()->setCurrentIndex(m->index(queueRow, 0));
    QTest::keyClick(picker.view(), Qt::Key_Return);
    QCOMPARE(picker.result(), int(QDialog::Accepted));
    QCOMPARE(picker.selectedPath(), good);
}

QTEST_MAIN(TstRunbookPicker)
#include "tst_runbookpicker.moc"
