#include "LogItemDelegate.h"
#include "LogModel.h"

#include "logs/AnsiText.h"

#include "logs/LineAnalyzer.h"
#include "logs/LogSession.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QHashSeed>
#include <QTest>

using namespace Sitrep::Logs;
using Sitrep::Ui::LogModel;

class TstLogModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void batchesAndTester();
    void filterWholeBufferAndNewLines();
    void evictionMarkerRow();
    void pauseCountsWaiting();
    void searchFindsMatches();
    void jsonAndMarkers();
    void podColoursAreStable();
    void ansiColoursAreDrawn();
    void searchMarksMatchesInsideTheLine();
    void matchCountFollowsNewLinesAndEviction();

private:
    void feed(quint16 src, int from, int count, const QByteArray &prefix = "line");

    std::unique_ptr<LogSession> m_session;
    quint16 m_a = 0;
    quint16 m_b = 0;
};

void TstLogModel::init()
{
    m_session = std::make_unique<LogSession>();
    m_a = m_session->registerSource(
        {QStringLiteral("demo"), QStringLiteral("api-1"), QStringLiteral("app"), false});
    m_b = m_session->registerSource(
        {QStringLiteral("demo"), QStringLiteral("db-0"), QStringLiteral("pg"), false});
}

void TstLogModel::cleanup()
{
    m_session.reset();
}

void TstLogModel::feed(quint16 src, int from, int count, const QByteArray &prefix)
{
    std::vector<LogLine> v;
    for (int i = from; i < from + count; ++i) {
        LogLine l;
        l.tsNs = qint64(i) * 1000;
        l.source = src;
        l.text = prefix + ' ' + QByteArray::number(i) + ((i % 10 == 0) ? " ERROR boom" : " ok");
        l.level = LineAnalyzer::detect(l.text, &l.flags);
        v.push_back(std::move(l));
    }
    m_session->push(src, std::move(v));
}

void TstLogModel::batchesAndTester()
{
    LogModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    feed(m_a, 0, 500);
    feed(m_b, 0, 500);
    m_session->flush();
    QTRY_COMPARE(model.rowCount(), 1000);
    QCOMPARE(inserted.size(), 1); // one beginInsertRows for the whole batch
    // Merged in time order across the two pods.
    QCOMPARE(model.index(0, LogModel::PodColumn).data().toString(), QStringLiteral("api-1"));
    QCOMPARE(model.index(1, LogModel::PodColumn).data().toString(), QStringLiteral("db-0"));
    QCOMPARE(model.index(1, LogModel::ContainerColumn).data().toString(), QStringLiteral("pg"));
    QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("line 0 ERROR boom"));
    QCOMPARE(model.index(0, LogModel::LevelColumn).data().toString(), QStringLiteral("ERROR"));
    QCOMPARE(model.index(2, LogModel::LevelColumn).data().toString(), QString());
}

void TstLogModel::filterWholeBufferAndNewLines()
{
    LogModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feed(m_a, 0, 1000);
    model.flushAll();
    QCOMPARE(model.rowCount(), 1000);
    FilterSpec spec;
    spec.text = QStringLiteral("ERROR");
    model.setFilter(spec);
    model.flushAll();
    QCOMPARE(model.rowCount(), 100);
    feed(m_a, 1000, 100);
    model.flushAll();
    QCOMPARE(model.rowCount(), 110);
    spec.exclude = true;
    model.setFilter(spec);
    model.flushAll();
    QCOMPARE(model.rowCount(), 990);
    // Per-pod toggle.
    feed(m_b, 2000, 10);
    model.flushAll();
    QCOMPARE(model.rowCount(), 999);
    FilterSpec pods;
    pods.hiddenSources = {m_a};
    model.setFilter(pods);
    model.flushAll();
    QCOMPARE(model.rowCount(), 10);
    // A slow filter runs in slices without blocking: the rows come over several event-loop turns.
    FilterSpec re;
    re.text = QStringLiteral("line \\d+5 ");
    re.regex = true;
    model.setSliceBudgetMs(0);
    model.setFilter(re);
    QVERIFY(model.pendingFilter() > 0);
    QTRY_COMPARE(model.pendingFilter(), quint64(0));
    QCOMPARE(model.rowCount(), 110); // 5,15,...,1095 (lines 0-1099 of api-1); db lines 2000+ end in 0..9
}

void TstLogModel::evictionMarkerRow()
{
    m_session->setCapacity(100);
    LogModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy dropped(&model, &LogModel::droppedChanged);
    feed(m_a, 0, 80);
    model.flushAll();
    QCOMPARE(model.rowCount(), 80);
    QVERIFY(!model.hasDroppedRow());
    feed(m_a, 80, 50);
    model.flushAll();
    QVERIFY(model.hasDroppedRow());
    QCOMPARE(model.rowCount(), 101); // marker + 100 lines
    QVERIFY(model.index(0, 0).data(LogModel::MarkerRole).toBool());
    QVERIFY(
        model.index(0, LogModel::MessageColumn).data().toString().contains(QStringLiteral("30 older lines")));
    QCOMPARE(model.index(1, LogModel::MessageColumn).data().toString(), QStringLiteral("line 30 ERROR boom"));
    QCOMPARE(dropped.last().first().toULongLong(), quint64(30));
    QCOMPARE(m_session->droppedLines(), quint64(30));
    m_session->clear();
    QCOMPARE(model.rowCount(), 0);
}

void TstLogModel::pauseCountsWaiting()
{
    LogModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feed(m_a, 0, 10);
    model.flushAll();
    model.setPaused(true);
    feed(m_a, 10, 25);
    model.flushAll();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.waiting(), quint64(25));
    model.setPaused(false);
    model.flushAll();
    QCOMPARE(model.rowCount(), 35);
    QCOMPARE(model.waiting(), quint64(0));
}

void TstLogModel::searchFindsMatches()
{
    LogModel model(m_session.get());
    feed(m_a, 0, 100);
    model.flushAll();
    FilterSpec s;
    s.text = QStringLiteral("line 4");
    model.setSearch(s);
    QCOMPARE(model.findMatch(-1, false), 4);
    QCOMPARE(model.findMatch(4, false), 40);
    QCOMPARE(model.findMatch(49, false), 4); // wraps
    QCOMPARE(model.findMatch(4, true), 49);
    QVERIFY(model.index(40, 0).data(LogModel::SearchMatchRole).toBool());
    QVERIFY(!model.index(50, 0).data(LogModel::SearchMatchRole).toBool());
    QCOMPARE(model.rowCount(), 100); // search hides nothing
}

void TstLogModel::jsonAndMarkers()
{
    LogModel model(m_session.get());
    std::vector<LogLine> v;
    LogLine j;
    j.tsNs = 1;
    j.source = m_a;
    j.text = R"({"level":"error","msg":"payment failed","order":7})";
    j.level = LineAnalyzer::detect(j.text, &j.flags);
    v.push_back(j);
    LogLine m;
    m.tsNs = 2;
    m.source = m_a;
    m.flags = MarkerLine;
    m.text = "-- container restarted --";
    v.push_back(m);
    m_session->push(m_a, std::move(v));
    model.flushAll();
    QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(),
             QStringLiteral("payment failed order=7"));
    QCOMPARE(model.index(0, LogModel::LevelColumn).data().toString(), QStringLiteral("ERROR"));
    QVERIFY(model.index(0, LogModel::MessageColumn)
                .data(LogModel::FullTextRole)
                .toString()
                .contains(QStringLiteral("\"order\": 7")));
    QVERIFY(model.index(1, 0).data(LogModel::MarkerRole).toBool());
    QCOMPARE(model.index(1, LogModel::LevelColumn).data().toString(), QStringLiteral("NOTE"));
}

void TstLogModel::podColoursAreStable()
{
    // The same pod keeps its colour from run to run: nothing may depend on the per-process hash seed.
    const QStringList pods{QStringLiteral("api-7f9c"), QStringLiteral("api-gateway-5d8c7b6f4-487m9"),
                           QStringLiteral("order-worker-0"), QStringLiteral("ingress-nginx-controller-x2")};
    QList<QColor> first;
    for (const QString &p : pods)
        first << LogModel::podColor(p);
    QHashSeed::setDeterministicGlobalSeed();
    for (int i = 0; i < pods.size(); ++i)
        QCOMPARE(LogModel::podColor(pods.at(i)), first.at(i));
    QHashSeed::resetRandomGlobalSeed();
    for (int i = 0; i < pods.size(); ++i)
        QCOMPARE(LogModel::podColor(pods.at(i)), first.at(i));
    // Pods a letter apart are told apart, and every colour stays readable on the dark theme.
    QVERIFY(LogModel::podColor(QStringLiteral("api-7f9c")) != LogModel::podColor(QStringLiteral("api-7f9d")));
    for (const QColor &c : first)
        QVERIFY2(c.value() >= 200 && c.saturation() >= 150, qPrintable(c.name()));
}

void TstLogModel::ansiColoursAreDrawn()
{
    LogModel model(m_session.get());
    std::vector<LogLine> v;
    LogLine l;
    l.tsNs = 1;
    l.source = m_a;
    l.text = "\x1b[41;97m FATAL \x1b[0m no pg_hba.conf entry";
    l.level = LineAnalyzer::detect(l.text, &l.flags);
    v.push_back(l);
    m_session->push(m_a, std::move(v));
    model.flushAll();
    const QModelIndex msg = model.index(0, LogModel::MessageColumn);
    QCOMPARE(msg.data().toString(), QStringLiteral(" FATAL  no pg_hba.conf entry")); // what search sees
    const auto spans = msg.data(LogModel::AnsiSpansRole).value<QList<AnsiSpan>>();
    QCOMPARE(spans.size(), 2);
    QCOMPARE(spans[0].bg, AnsiText::xtermColor(1));
    QVERIFY(!model.index(0, LogModel::PodColumn).data(LogModel::AnsiSpansRole).isValid());

    // The view draws it: the red background of " FATAL " is on screen.
    QTableView view;
    view.setModel(&model);
    view.setItemDelegate(new Sitrep::Ui::LogItemDelegate(&view));
    view.resize(900, 200);
    view.setColumnWidth(LogModel::MessageColumn, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect cell = view.visualRect(msg);
    const QImage shot = view.viewport()->grab(cell).toImage();
    int red = 0;
    for (int y = 0; y < shot.height(); ++y) {
        for (int x = 0; x < shot.width(); ++x)
            red += QColor(shot.pixel(x, y)) == QColor(0xcd, 0x00, 0x00) ? 1 : 0;
    }
    QVERIFY2(red > 50, qPrintable(QString::number(red)));
}

void TstLogModel::searchMarksMatchesInsideTheLine()
{
    LogModel model(m_session.get());
    feed(m_a, 0, 20);
    model.flushAll();
    FilterSpec s;
    s.text = QStringLiteral("error");
    model.setSearch(s);
    model.flushAll();
    // Where in the displayed text: "line 10 ERROR boom" matches at 8..13, case folded.
    const QModelIndex hit = model.index(10, LogModel::MessageColumn);
    QCOMPARE(hit.data().toString(), QStringLiteral("line 10 ERROR boom"));
    const auto ranges = hit.data(LogModel::SearchRangesRole).value<QList<QPair<int, int>>>();
    QCOMPARE(ranges.size(), 1);
    QCOMPARE(ranges.first(), qMakePair(8, 5));
    using Ranges = QList<QPair<int, int>>;
    QVERIFY(
        model.index(11, LogModel::MessageColumn).data(LogModel::SearchRangesRole).value<Ranges>().isEmpty());
    QVERIFY(!model.index(10, LogModel::PodColumn).data(LogModel::SearchRangesRole).isValid());
    QCOMPARE(model.matchCount(), 2); // lines 0 and 10
    QCOMPARE(model.matchOrdinal(10), 2);
    QCOMPARE(model.matchOrdinal(11), 0);

    // The delegate draws the mark behind "ERROR" only, not across the whole line.
    QTableView view;
    view.setModel(&model);
    view.setItemDelegate(new Sitrep::Ui::LogItemDelegate(&view));
    view.resize(900, 300);
    view.setColumnWidth(LogModel::MessageColumn, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto markedColumns = [&](int row) {
        view.scrollTo(model.index(row, LogModel::MessageColumn));
        const QImage shot =
            view.viewport()->grab(view.visualRect(model.index(row, LogModel::MessageColumn))).toImage();
        QList<int> xs;
        for (int x = 0; x < shot.width(); ++x) {
            for (int y = 0; y < shot.height(); ++y) {
                if (QColor(shot.pixel(x, y)) == Sitrep::Ui::LogItemDelegate::matchColor()) {
                    xs.append(x);
                    break;
                }
            }
        }
        return xs;
    };
    const QList<int> marked = markedColumns(10);
    const QFontMetrics fm(view.font());
    const int charW = fm.horizontalAdvance(QLatin1Char('x'));
    QVERIFY2(marked.size() >= 3 * charW, qPrintable(QString::number(marked.size())));
    // Starts about 8 characters in and spans about 5: the word, not the row.
    QVERIFY2(marked.first() >= fm.horizontalAdvance(QStringLiteral("line 10 ")),
             qPrintable(QString::number(marked.first())));
    QVERIFY2(marked.last() <= fm.horizontalAdvance(QStringLiteral("line 10 ERROR")) + 8,
             qPrintable(QString::number(marked.last())));
    QVERIFY(markedColumns(11).isEmpty());
}

void TstLogModel::matchCountFollowsNewLinesAndEviction()
{
    m_session->setCapacity(50);
    LogModel model(m_session.get());
    QSignalSpy changed(&model, &LogModel::matchesChanged);
    FilterSpec s;
    s.text = QStringLiteral("ERROR");
    s.caseSensitive = true;
    model.setSearch(s);
    feed(m_a, 0, 40);
    model.flushAll();
    QCOMPARE(model.matchCount(), 4); // 0, 10, 20, 30
    QVERIFY(model.matchCountComplete());
    // Lines arriving later are counted without a new search (in the model's own slices).
    feed(m_a, 40, 10);
    m_session->flush();
    QTRY_COMPARE(model.matchCount(), 5);
    QVERIFY(!changed.isEmpty());
    // Evicted lines leave the count: the ring keeps 50, so 0..19 go (matches 0 and 10).
    feed(m_a, 50, 20);
    model.flushAll();
    QCOMPARE(model.matchCount(), 5);                                                  // 20, 30, 40, 50, 60
    QCOMPARE(model.matchOrdinal(model.rowForSeq(m_session->buffer().firstSeq())), 1); // line 20
    model.setSearch({});
    QCOMPARE(model.matchCount(), 0);
}

QTEST_MAIN(TstLogModel)
#include "tst_logmodel.moc"
