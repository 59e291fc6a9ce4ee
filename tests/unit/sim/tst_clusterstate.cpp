#include "core/ManualClock.h"
#include "sim/ClusterState.h"
#include "sim/ResourceHandler.h"

#include <QSignalSpy>
#include <QtTest>

using Sitrep::Sim::ClusterState;

namespace {
QJsonObject pod(const QString &ns, const QString &name, const QString &app = QStringLiteral("a"))
{
    return {{QStringLiteral("kind"), QStringLiteral("Pod")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), name},
                         {QStringLiteral("namespace"), ns},
                         {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), app}}}}}};
}
QString nameOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}
} // namespace

class TstClusterState final : public QObject
{
    Q_OBJECT
private slots:
    void createFillsServerFields();
    void pagingWalksOneNamespaceInKeyOrder();
    void pagingWithFilterHasNoEmptyLastPage();
    void replayFromResourceVersion();
    void tooOldVersionIsNotReplayable();
    void continueTokenRoundTrip();
};

void TstClusterState::createFillsServerFields()
{
    Sitrep::Core::ManualClock clock;
    ClusterState state(clock);
    QSignalSpy changed(&state, &ClusterState::changed);
    const QJsonObject created =
        state.create(QStringLiteral("pods"), pod(QStringLiteral("demo"), QStringLiteral("p1")));
    const QJsonObject meta = created.value(QLatin1String("metadata")).toObject();
    QCOMPARE(meta.value(QLatin1String("uid")).toString().size(), 36);
    QCOMPARE(meta.value(QLatin1String("creationTimestamp")).toString(),
             QStringLiteral("2026-11-18T11:06:40Z"));
    QCOMPARE(meta.value(QLatin1String("resourceVersion")).toString(),
             QString::number(state.resourceVersion()));
    QCOMPARE(changed.count(), 1);
    QVERIFY(state.remove(QStringLiteral("pods"), QStringLiteral("demo"), QStringLiteral("p1")).has_value());
    QVERIFY(!state.get(QStringLiteral("pods"), QStringLiteral("demo"), QStringLiteral("p1")).has_value());
    QCOMPARE(changed.last().at(0).value<Sitrep::Sim::WatchEvent>().type, QStringLiteral("DELETED"));
}

void TstClusterState::pagingWalksOneNamespaceInKeyOrder()
{
    Sitrep::Core::ManualClock clock;
    ClusterState state(clock);
    for (int i = 0; i < 25; ++i)
        state.create(QStringLiteral("pods"),
                     pod(QStringLiteral("b"), QStringLiteral("p%1").arg(i, 2, 10, QLatin1Char('0'))));
    state.create(QStringLiteral("pods"), pod(QStringLiteral("a"), QStringLiteral("zz")));
    state.create(QStringLiteral("pods"), pod(QStringLiteral("c"), QStringLiteral("aa")));
    QStringList seen;
    QString after, next;
    int pages = 0;
    do {
        const auto page = state.listPage(QStringLiteral("pods"), QStringLiteral("b"), after, 10, {}, &next);
        for (const QJsonObject &o : page)
            seen << nameOf(o);
        after = next;
        ++pages;
    } while (!next.isEmpty());
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 25);
    QCOMPARE(seen.first(), QStringLiteral("p00"));
    QCOMPARE(seen.last(), QStringLiteral("p24"));
    QCOMPARE(state.list(QStringLiteral("pods")).size(), 27);
}

void TstClusterState::pagingWithFilterHasNoEmptyLastPage()
{
    Sitrep::Core::ManualClock clock;
    ClusterState state(clock);
    for (int i = 0; i < 10; ++i)
        state.create(QStringLiteral("pods"), pod(QStringLiteral("n"), QStringLiteral("p%1").arg(i),
                                                 i < 4 ? QStringLiteral("x") : QStringLiteral("y")));
    QString next;
    const auto page = state.listPage(
        QStringLiteral("pods"), QStringLiteral("n"), {}, 4,
        [](const QJsonObject &o) {
            return o.value(QLatin1String("metadata"))
                       .toObject()
                       .value(QLatin1String("labels"))
                       .toObject()
                       .value(QLatin1String("app"))
                       .toString() == QLatin1String("x");
        },
        &next);
    QCOMPARE(page.size(), 4);
    QVERIFY(next.isEmpty());
}

void TstClusterState::replayFromResourceVersion()
{
    Sitrep::Core::ManualClock clock;
    ClusterState state(clock);
    state.create(QStringLiteral("pods"), pod(QStringLiteral("n"), QStringLiteral("p1")));
    const qint64 rv = state.resourceVersion();
    QJsonObject p2 = state.create(QStringLiteral("pods"), pod(QStringLiteral("n"), QStringLiteral("p2")));
    state.create(QStringLiteral("services"), pod(QStringLiteral("n"), QStringLiteral("s1")));
    state.update(QStringLiteral("pods"), p2);
    const auto events = state.eventsSince(QStringLiteral("pods"), rv);
    QVERIFY(events.has_value());
    QCOMPARE(events->size(), 2);
    QCOMPARE(events->at(0).type, QStringLiteral("ADDED"));
    QCOMPARE(events->at(1).type, QStringLiteral("MODIFIED"));
    QVERIFY(events->at(1).resourceVersion > events->at(0).resourceVersion);
}

void TstClusterState::tooOldVersionIsNotReplayable()
{
    Sitrep::Core::ManualClock clock;
    ClusterState state(clock);
    state.setHistoryLimit(3);
    const qint64 start = state.resourceVersion();
    for (int i = 0; i < 5; ++i)
        state.create(QStringLiteral("pods"), pod(QStringLiteral("n"), QStringLiteral("p%1").arg(i)));
    QVERIFY(!state.eventsSince(QStringLiteral("pods"), start).has_value()); // -> 410 Expired
    QCOMPARE(state.eventsSince(QStringLiteral("pods"), state.resourceVersion() - 2)->size(), 2);
    state.compactHistory(state.resourceVersion());
    QVERIFY(!state.eventsSince(QStringLiteral("pods"), state.resourceVersion() - 1).has_value());
    QVERIFY(state.eventsSince(QStringLiteral("pods"), state.resourceVersion())->isEmpty());
}

void TstClusterState::continueTokenRoundTrip()
{
    const QString token = Sitrep::Sim::ResourceHandler::encodeContinue(QStringLiteral("load/pod-001"), 4242);
    QString key;
    qint64 rv = 0;
    QVERIFY(Sitrep::Sim::ResourceHandler::decodeContinue(token, &key, &rv));
    QCOMPARE(key, QStringLiteral("load/pod-001"));
    QCOMPARE(rv, 4242);
    QVERIFY(!Sitrep::Sim::ResourceHandler::decodeContinue(QStringLiteral("%%%"), &key, &rv));
}

QTEST_GUILESS_MAIN(TstClusterState)
#include "tst_clusterstate.moc"
