#include "FakeLogServer.h"
#include "LogModel.h"
#include "LogsPane.h"
#include "support/TestEnv.h"

#include "LogStreamBar.h"
#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "logs/LogSession.h"
#include "logs/LogTimestamp.h"
#include "logs/PodTargetTracker.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>

using namespace Sitrep::Logs;
using Sitrep::Test::FakeLogServer;
using Sitrep::Ui::LogModel;
using Sitrep::Ui::LogsPane;

class TstLogsPane : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void streamsIntoPaneAndGrab();
    void autoScrollOnlyAtBottom();
    void pinSelectionToJournal();
    void errorShownInPane();
    void errorClearsWhenTheStreamRecovers();
    void severalPodsContainerChoiceAndInit();
    void sinceTimeReachesTheUrl();
    void gapsAndEvictionsAreCounted();
    void bufferSizeIsASetting();
    void matchCountShown();

private:
    static QByteArray linesFor(const QString &pod, int from, int count);
    void startThreePods();

    static QJsonObject pod(const QString &name);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<FakeLogServer> m_server;
    std::unique_ptr<LogSession> m_session;
    std::unique_ptr<LogsPane> m_pane;
};

static const qint64 kT0 = 1763881200LL * 1000000000LL;

QByteArray TstLogsPane::linesFor(const QString &pod, int from, int count)
{
    static const char *const kinds[] = {
        "GET /api/orders 200 12ms",
        "{\"level\":\"info\",\"msg\":\"order placed\",\"order\":%1,\"user\":\"u-17\"}",
        "WARN slow query on orders (1.2s)",
        "ERROR upstream connect error: Connection refused (timeout after 3s)",
        "\x1b[32mINFO\x1b[0m cache warmed in 40ms",
        "{\"level\":\"error\",\"msg\":\"payment failed\",\"order\":%1,\"reason\":\"card declined\"}",
    };
    const int podIndex = pod.endsWith(QLatin1Char('0')) ? 0 : pod.endsWith(QLatin1Char('1')) ? 1 : 2;
    QByteArray out;
    for (int i = from; i < from + count; ++i) {
        const qint64 ts = kT0 + qint64(i) * 7000000 + podIndex * 1000000;
        QByteArray text = QByteArray(kinds[(i + podIndex) % 6]).replace("%1", QByteArray::number(i));
        out += LogTimestamp::format(ts) + ' ' + text + '\n';
    }
    return out;
}

void TstLogsPane::initTestCase()
{
    // The pane keeps its buffer size in QSettings: never in the settings of whoever runs the test.
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_logspane"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings().clear();
}

QJsonObject TstLogsPane::pod(const QString &name)
{
    auto containers = [](std::initializer_list<const char *> names) {
        QJsonArray out;
        for (const char *n : names)
            out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(n)}});
        return out;
    };
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QStringLiteral("demo")}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("initContainers"), containers({"migrate"})},
                                             {QStringLiteral("containers"), containers({"app", "proxy"})}}}};
}

void TstLogsPane::init()
{
    m_server = std::make_unique<FakeLogServer>();
    QVERIFY(m_server->listen());
    m_session = std::make_unique<LogSession>();
    m_session->setConnection(m_server->baseUrl(), {});
    m_session->merger().setWindowMs(20);
    m_pane = std::make_unique<LogsPane>(m_session.get());
    m_pane->resize(1400, 640);
    m_pane->show();
}

void TstLogsPane::cleanup()
{
    m_pane.reset();
    m_session.reset();
    m_server.reset();
}

void TstLogsPane::startThreePods()
{
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        const QString pod = ex.url.path().section(QLatin1Char('/'), 6, 6);
        if (pod == QLatin1String("forbidden-0")) {
            ex.sendError(403,
                         R"({"kind":"Status","message":"pods \"forbidden-0\" is forbidden","code":403})");
            return;
        }
        ex.sendHead();
        ex.sendChunk(linesFor(pod, 0, 40));
    };
    QList<LogTarget> targets;
    for (const char *pod : {"checkout-7f9c4-0", "checkout-7f9c4-1", "payments-5d8b2-2"})
        targets.append({QStringLiteral("demo"), QString::fromLatin1(pod), QStringLiteral("app"), false});
    m_session->setTargets(targets);
    QTRY_COMPARE(m_pane->model()->rowCount(), 120);
}

void TstLogsPane::streamsIntoPaneAndGrab()
{
    startThreePods();
    LogModel *model = m_pane->model();
    // Timestamp order across the three streams.
    qint64 prev = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        const qint64 ts = model->index(r, 0).data(LogModel::TimestampNsRole).toLongLong();
        QVERIFY(ts >= prev);
        prev = ts;
    }
    QCOMPARE(model->index(0, LogModel::PodColumn).data().toString(), QStringLiteral("checkout-7f9c4-0"));
    QCOMPARE(model->index(1, LogModel::PodColumn).data().toString(), QStringLiteral("checkout-7f9c4-1"));
    // ANSI codes are stripped for display.
    bool sawAnsiLine = false;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString t = model->index(r, LogModel::MessageColumn).data().toString();
        QVERIFY(!t.contains(QChar(0x1b)));
        sawAnsiLine |= t == QStringLiteral("INFO cache warmed in 40ms");
    }
    QVERIFY(sawAnsiLine);

    // Filter (hides) and search (highlights) through the widgets.
    m_pane->filterBox()->setText(QStringLiteral("order"));
    m_pane->applyFilter();
    QTRY_VERIFY(model->rowCount() > 0 && model->rowCount() < 120);
    const int filtered = model->rowCount();
    for (int r = 0; r < filtered; ++r)
        QVERIFY(model->index(r, LogModel::MessageColumn)
                    .data(LogModel::FullTextRole)
                    .toString()
                    .contains(QStringLiteral("order"), Qt::CaseInsensitive));
    m_pane->filterBox()->clear();
    m_pane->applyFilter();
    QTRY_COMPARE(model->rowCount(), 120);
    m_pane->searchBox()->setText(QStringLiteral("timeout"));
    m_pane->applySearch();
    m_pane->findNext();
    const QModelIndex cur = m_pane->view()->currentIndex();
    QVERIFY(cur.isValid());
    QVERIFY(cur.data(LogModel::SearchMatchRole).toBool());
    QCOMPARE(model->rowCount(), 120);

    // Pause: lines wait and are counted.
    m_pane->setPaused(true);
    m_server->exchanges().first()->sendChunk(linesFor(QStringLiteral("checkout-7f9c4-0"), 40, 5));
    QTRY_COMPARE(model->waiting(), quint64(5));
    QCOMPARE(model->rowCount(), 120);
    m_pane->setPaused(false);
    QTRY_COMPARE(model->rowCount(), 125);

    m_pane->view()->scrollToBottom();
    QApplication::processEvents();
    const QString dir = Sitrep::Test::outputDir(QStringLiteral("tst_logspane"));
    const QString png = dir + QStringLiteral("/logs-pane.png");
    QVERIFY(m_pane->grab().save(png));
    QVERIFY(QFile::exists(png));
}

void TstLogsPane::autoScrollOnlyAtBottom()
{
    startThreePods();
    QScrollBar *sb = m_pane->view()->verticalScrollBar();
    QTRY_VERIFY(sb->maximum() > 0);
    QTRY_COMPARE(sb->value(), sb->maximum()); // followed the tail while at the bottom
    sb->setValue(0);
    m_server->exchanges().first()->sendChunk(linesFor(QStringLiteral("checkout-7f9c4-0"), 40, 30));
    QTRY_COMPARE(m_pane->model()->rowCount(), 150);
    QCOMPARE(sb->value(), 0); // the user's reading position is kept
    sb->setValue(sb->maximum());
    m_server->exchanges().first()->sendChunk(linesFor(QStringLiteral("checkout-7f9c4-0"), 70, 30));
    QTRY_COMPARE(m_pane->model()->rowCount(), 180);
    QTRY_COMPARE(sb->value(), sb->maximum());
}

void TstLogsPane::pinSelectionToJournal()
{
    QTemporaryDir dir;
    Sitrep::Core::Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    Sitrep::Core::ManualClock clock;
    Sitrep::Core::IncidentSession incident(journal, clock, QStringLiteral("alice"));
    Sitrep::Core::IncidentSession::Declaration d;
    d.title = QStringLiteral("Checkout errors");
    d.service = QStringLiteral("checkout");
    QVERIFY(incident.declare(d).ok());

    startThreePods();
    QVERIFY(!m_pane->pinSelection()); // no incident yet: refused with a message
    m_pane->setIncidentSession(&incident);
    QVERIFY(!m_pane->pinSelection()); // nothing selected
    auto *sel = m_pane->view()->selectionModel();
    for (int r : {3, 4, 5})
        sel->select(m_pane->model()->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(m_pane->pinSelection());
    const auto e = journal.events().last();
    QCOMPARE(e.kind, Sitrep::Core::EventKind::LogExcerpt);
    QCOMPARE(e.payload.value(QStringLiteral("lines")).toArray().size(), 3);
    QVERIFY(e.payload.value(QStringLiteral("lines"))
                .toArray()
                .at(0)
                .toString()
                .contains(QStringLiteral("demo/")));

    const QString file = dir.filePath(QStringLiteral("saved.log"));
    QVERIFY(m_pane->saveSelection(file));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), 3);
}

void TstLogsPane::errorShownInPane()
{
    startThreePods();
    QList<LogTarget> targets = m_session->targets();
    targets.append({QStringLiteral("demo"), QStringLiteral("forbidden-0"), QStringLiteral("app"), false});
    m_session->setTargets(targets);
    // The error is a row in the stream and a sentence in the banner.
    QTRY_COMPARE(m_pane->model()->rowCount(), 121);
    bool found = false;
    for (int r = 0; r < m_pane->model()->rowCount(); ++r)
        found |= m_pane->model()
                     ->index(r, LogModel::MessageColumn)
                     .data()
                     .toString()
                     .contains(QStringLiteral("access denied (403)"));
    QVERIFY(found);
    const auto labels = m_pane->findChildren<QLabel *>();
    bool banner = false;
    for (const QLabel *l : labels)
        banner |= l->isVisible() && l->text().contains(QStringLiteral("access denied"));
    QVERIFY(banner);
    // Removing a pod writes a notice line.
    targets.removeFirst();
    m_session->setTargets(targets);
    QTRY_COMPARE(m_pane->model()->rowCount(), 122);
}

void TstLogsPane::errorClearsWhenTheStreamRecovers()
{
    auto bannerShows = [this](const QString &needle) {
        for (const QLabel *l : m_pane->findChildren<QLabel *>()) {
            if (l->isVisible() && l->text().contains(needle))
                return true;
        }
        return false;
    };
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    const QString why = QStringLiteral("container \"gateway\" is waiting to start: ContainerCreating");
    emit m_session->streamErrorOccurred(7, why);
    QVERIFY(bannerShows(why));
    // Another stream going live leaves the banner; the one that failed going live clears it.
    emit m_session->streamStateChanged(3, LogStream::State::Streaming);
    QVERIFY(bannerShows(why));
    emit m_session->streamStateChanged(7, LogStream::State::Streaming);
    QVERIFY(!bannerShows(why));
}

void TstLogsPane::severalPodsContainerChoiceAndInit()
{
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        ex.sendHead();
        ex.sendChunk(LogTimestamp::format(kT0) + " hello\n");
    };
    PodTargetTracker tracker(m_session.get());
    // As the composition root wires it: the pane's targets go to the tracker.
    connect(m_pane.get(), &LogsPane::targetSelectionChanged, &tracker,
            [&tracker](const QString &ns, const QString &selector) {
                QVERIFY(tracker.setSelection(ns, selector));
            });
    m_pane->setTargetTracker(&tracker);
    tracker.reset({pod(QStringLiteral("api-0")), pod(QStringLiteral("api-1")), pod(QStringLiteral("db-0"))});
    auto streamedPods = [this] {
        QStringList out;
        for (const LogTarget &t : m_session->targets())
            out.append(t.pod + QLatin1Char('/') + t.container);
        out.sort();
        return out;
    };

    // Two pods typed (or sent by the pod table's multi-selection).
    m_pane->setTargetSelection(QStringLiteral("demo"), QStringLiteral("pod/api-0 pod/db-0"));
    m_pane->applyStreamOptions();
    QCOMPARE(streamedPods(), (QStringList{QStringLiteral("api-0/app"), QStringLiteral("api-0/proxy"),
                                          QStringLiteral("db-0/app"), QStringLiteral("db-0/proxy")}));
    m_pane->setTargetSelection(QStringLiteral("demo"), QStringLiteral("pod/api-0,pod/api-1"));
    m_pane->applyStreamOptions();
    QCOMPARE(streamedPods(), (QStringList{QStringLiteral("api-0/app"), QStringLiteral("api-0/proxy"),
                                          QStringLiteral("api-1/app"), QStringLiteral("api-1/proxy")}));

    // The container choice lists what the pods have; picking one narrows the streams to it.
    QComboBox *box = m_pane->streamBar()->containerBox();
    QStringList offered;
    for (int i = 0; i < box->count(); ++i)
        offered.append(box->itemText(i));
    QCOMPARE(offered,
             (QStringList{QStringLiteral("all containers"), QStringLiteral("app"), QStringLiteral("proxy")}));
    box->setFocus();
    box->setCurrentIndex(box->findText(QStringLiteral("proxy")));
    emit box->activated(box->currentIndex()); // what a user's pick emits
    QCOMPARE(tracker.container(), QStringLiteral("proxy"));
    QCOMPARE(streamedPods(), (QStringList{QStringLiteral("api-0/proxy"), QStringLiteral("api-1/proxy")}));

    // Init containers: offered and streamed once asked for.
    box->setCurrentIndex(0);
    emit box->activated(0);
    QCheckBox *init = m_pane->streamBar()->initBox();
    init->click();
    QVERIFY(tracker.includeInit());
    QVERIFY(streamedPods().contains(QStringLiteral("api-1/migrate")));
    QCOMPARE(streamedPods().size(), 6);
    QVERIFY(box->findText(QStringLiteral("migrate")) > 0);
    // Lines of the init container say so in the container column.
    QTRY_VERIFY([this] {
        for (int r = 0; r < m_pane->model()->rowCount(); ++r) {
            if (m_pane->model()->index(r, LogModel::ContainerColumn).data().toString() ==
                QStringLiteral("migrate (init)"))
                return true;
        }
        return false;
    }());
}

void TstLogsPane::sinceTimeReachesTheUrl()
{
    m_server->handler = [](FakeLogServer::Exchange &ex) { ex.sendHead(); };
    const LogTarget t{QStringLiteral("demo"), QStringLiteral("api-0"), QStringLiteral("app"), false};
    m_session->setTargets({t});
    QTRY_COMPARE(m_server->exchanges().size(), 1);
    const QDateTime at = QDateTime::fromString(QStringLiteral("2025-11-23T06:30:15Z"), Qt::ISODate);
    m_pane->streamBar()->setSinceTime(at);
    QVERIFY(m_pane->streamBar()->sinceTimeEdit()->isVisible());
    QCOMPARE(*m_pane->streamOptions().sinceTimeNs, at.toMSecsSinceEpoch() * 1000000LL);
    QVERIFY(!m_pane->streamOptions().sinceSeconds);
    m_pane->applyStreamOptions(); // re-opens the stream with the new options
    QTRY_COMPARE(m_server->exchanges().size(), 2);
    const QUrlQuery q(m_server->last()->url);
    QCOMPARE(q.queryItemValue(QStringLiteral("sinceTime")), QStringLiteral("2025-11-23T06:30:15.000000000Z"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("sinceSeconds")));

    // Back to a duration: the absolute time is gone from the request.
    QComboBox *since = m_pane->streamBar()->sinceBox();
    since->setCurrentIndex(since->findData(300));
    QVERIFY(!m_pane->streamOptions().sinceTimeNs);
    m_pane->applyStreamOptions();
    QTRY_COMPARE(m_server->exchanges().size(), 3);
    QCOMPARE(QUrlQuery(m_server->last()->url).queryItemValue(QStringLiteral("sinceSeconds")),
             QStringLiteral("300"));
    QVERIFY(!QUrlQuery(m_server->last()->url).hasQueryItem(QStringLiteral("sinceTime")));
}

void TstLogsPane::gapsAndEvictionsAreCounted()
{
    m_session->setRetryBaseMs(10);
    // A resume that finds our last lines gone (the log rotated, no previous run): one gap.
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        const QUrlQuery q(ex.url);
        if (q.hasQueryItem(QStringLiteral("previous"))) {
            ex.sendError(400,
                         R"({"message":"previous terminated container \"app\" in pod \"api-0\" not found"})");
        } else if (q.hasQueryItem(QStringLiteral("sinceTime"))) {
            ex.sendHead();
            ex.sendChunk(LogTimestamp::format(kT0 + 5000) + " c\n");
        } else {
            ex.sendHead();
            ex.sendChunk(LogTimestamp::format(kT0 + 1000) + " a\n" + LogTimestamp::format(kT0 + 2000) +
                         " b\n");
        }
    };
    QSignalSpy gaps(m_session.get(), &LogSession::gapsDetectedChanged);
    m_session->setTargets({{QStringLiteral("demo"), QStringLiteral("api-0"), QStringLiteral("app"), false}});
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    QVERIFY(m_pane->droppedText().isEmpty());
    m_server->exchanges().first()->drop();
    QVERIFY(gaps.wait(10000));
    QCOMPARE(m_session->gapsDetected(), quint64(1));
    QTRY_COMPARE(m_pane->droppedText(), QStringLiteral("\u26a0 1 gap on reconnect"));

    // The ring evicts too: both are named.
    m_session->setCapacity(3);
    QTRY_VERIFY(m_session->droppedLines() > 0);
    const QString dropped = QLocale().toString(m_session->droppedLines());
    QTRY_COMPARE(m_pane->droppedText(),
                 QStringLiteral("\u26a0 dropped %1 (ring) \u00b7 1 gap on reconnect").arg(dropped));
}

void TstLogsPane::bufferSizeIsASetting()
{
    QCOMPARE(m_session->buffer().capacity(), qsizetype(1000000)); // the default
    QSpinBox *spin = m_pane->streamBar()->bufferBox();
    QCOMPARE(spin->value(), 1000000);
    // A finished edit applies and stores it.
    spin->setValue(5000);
    QCOMPARE(m_session->buffer().capacity(), qsizetype(5000));
    QCOMPARE(QSettings().value(LogsPane::bufferLinesKey()).toInt(), 5000);

    // The next pane (the next run) starts with it, and the ring then keeps that many lines.
    m_pane.reset();
    m_session = std::make_unique<LogSession>();
    m_pane = std::make_unique<LogsPane>(m_session.get());
    QCOMPARE(m_session->buffer().capacity(), qsizetype(5000));
    QCOMPARE(m_pane->streamBar()->bufferBox()->value(), 5000);
    const quint16 src = m_session->registerSource(
        {QStringLiteral("demo"), QStringLiteral("api-0"), QStringLiteral("app"), false});
    std::vector<LogLine> lines(6000);
    for (int i = 0; i < 6000; ++i) {
        lines[size_t(i)].tsNs = kT0 + i;
        lines[size_t(i)].source = src;
        lines[size_t(i)].text = "line " + QByteArray::number(i);
    }
    m_session->push(src, std::move(lines));
    m_pane->model()->flushAll();
    QCOMPARE(m_session->buffer().size(), 5000);
    QCOMPARE(m_session->droppedLines(), quint64(1000));
    QSettings().remove(LogsPane::bufferLinesKey());
}

void TstLogsPane::matchCountShown()
{
    startThreePods();
    m_pane->searchBox()->setText(QStringLiteral("timeout"));
    m_pane->applySearch();
    QTRY_COMPARE(m_pane->matchText(), QStringLiteral("21 matches")); // 7 of the 40 lines of each pod
    m_pane->findNext();
    QCOMPARE(m_pane->matchText(), QStringLiteral("match 1 of 21"));
    m_pane->findNext();
    QCOMPARE(m_pane->matchText(), QStringLiteral("match 2 of 21"));
    m_pane->findPrevious();
    m_pane->findPrevious();
    QCOMPARE(m_pane->matchText(), QStringLiteral("match 21 of 21")); // wrapped
    // Lines that arrive later are counted.
    m_server->exchanges().first()->sendChunk(linesFor(QStringLiteral("checkout-7f9c4-0"), 40, 6));
    QTRY_COMPARE(m_pane->matchText(), QStringLiteral("match 21 of 22"));
    m_pane->searchBox()->setText(QStringLiteral("no such thing"));
    m_pane->applySearch();
    QTRY_COMPARE(m_pane->matchText(), QStringLiteral("no match"));
}

QTEST_MAIN(TstLogsPane)
#include "tst_logspane.moc"
