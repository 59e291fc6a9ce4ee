#include "logs/LogMerger.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep::Logs;

class TstLogMerger : public QObject
{
    Q_OBJECT
private slots:
    void ordersAcrossStreams();
    void watermarkReleasesWithoutWaiting();
    void windowReleasesQuietStreams();
    void twoHundredStreams();
};

static std::vector<LogLine> lines(quint16 src, std::initializer_list<qint64> ts)
{
    std::vector<LogLine> v;
    for (qint64 t : ts) {
        LogLine l;
        l.tsNs = t;
        l.source = src;
        l.text = QByteArray::number(src) + ":" + QByteArray::number(t);
        v.push_back(std::move(l));
    }
    return v;
}

void TstLogMerger::ordersAcrossStreams()
{
    LogMerger m;
    m.push(0, lines(0, {10, 40, 70}));
    m.push(1, lines(1, {5, 41, 41}));
    m.push(2, lines(2, {1000000001, 1000000002}));
    m.push(1, lines(1, {69}));
    const auto out = m.takeReady(0, true);
    QCOMPARE(out.size(), size_t(9));
    for (size_t i = 1; i < out.size(); ++i)
        QVERIFY(out[i - 1].tsNs <= out[i].tsNs);
    QCOMPARE(out.front().text, QByteArray("1:5"));
    QCOMPARE(out.back().text, QByteArray("2:1000000002"));
    QCOMPARE(m.pendingLines(), 0);
    QCOMPARE(m.lateLines(), quint64(0));
}

void TstLogMerger::watermarkReleasesWithoutWaiting()
{
    LogMerger m;
    m.setWindowMs(60000); // the window never expires in this test
    m.setSourceLive(0, true);
    m.setSourceLive(1, true);
    m.push(0, lines(0, {10, 20, 30}));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Source 1 has not spoken: it could still send ts 1, so nothing may go.
    QCOMPARE(m.takeReady(now).size(), size_t(0));
    m.push(1, lines(1, {25}));
    // Both spoke: everything up to 25 is safe.
    auto out = m.takeReady(now);
    QCOMPARE(out.size(), size_t(3));
    QCOMPARE(out[2].tsNs, 25);
    // Source 1 ends: 30 is released.
    m.setSourceLive(1, false);
    out = m.takeReady(now);
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].tsNs, 30);
}

void TstLogMerger::windowReleasesQuietStreams()
{
    LogMerger m;
    m.setWindowMs(50);
    m.setSourceLive(0, true);
    m.setSourceLive(1, true); // never speaks
    std::vector<LogLine> got;
    m.setOutput([&](const LogMerger::Merged &l) {
        for (const auto &[b, i] : l)
            got.push_back(b->line(i));
    });
    m.push(0, lines(0, {3, 2000}));
    QTRY_COMPARE(got.size(), size_t(2)); // released by the timer once the window passed
    QCOMPARE(got[0].tsNs, 3);
}

void TstLogMerger::twoHundredStreams()
{
    LogMerger m;
    QRandomGenerator rng(7);
    std::vector<qint64> next(200, 0);
    size_t total = 0;
    for (int round = 0; round < 50; ++round) {
        for (quint16 s = 0; s < 200; ++s) {
            std::vector<LogLine> v;
            for (int k = 0; k < 5; ++k) {
                next[s] += rng.bounded(1000) + 1;
                LogLine l;
                l.tsNs = next[s];
                l.source = s;
                v.push_back(l);
            }
            total += v.size();
            m.push(s, std::move(v));
        }
    }
    const auto out = m.takeReady(0, true);
    QCOMPARE(out.size(), total);
    for (size_t i = 1; i < out.size(); ++i)
        QVERIFY(out[i - 1].tsNs <= out[i].tsNs);
}

QTEST_GUILESS_MAIN(TstLogMerger)
#include "tst_logmerger.moc"
