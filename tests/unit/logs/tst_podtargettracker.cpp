#include "logs/LogSession.h"
#include "logs/PodTargetTracker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep::Logs;

class TstPodTargetTracker : public QObject
{
    Q_OBJECT
private slots:
    void selection_data();
    void selection();
    void badSelector();
    void containersAndInit();
    void restartsAndDeletes();

private:
    static QJsonObject pod(const QString &name, const QString &labels, const QString &rs = {},
                           int restarts = 0, const QString &ns = QStringLiteral("demo"));
};

QJsonObject TstPodTargetTracker::pod(const QString &name, const QString &labels, const QString &rs,
                                     int restarts, const QString &ns)
{
    QJsonObject l;
    for (const QString &kv : labels.split(QLatin1Char(','), Qt::SkipEmptyParts))
        l.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    QJsonObject meta{
        {QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}, {QStringLiteral("labels"), l}};
    if (!rs.isEmpty())
        meta.insert(QStringLiteral("ownerReferences"),
                    QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                                           {QStringLiteral("name"), rs},
                                           {QStringLiteral("controller"), true}}});
    const QJsonObject spec{{QStringLiteral("initContainers"),
                            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("migrate")}}}},
                           {QStringLiteral("containers"),
                            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")}},
                                       QJsonObject{{QStringLiteral("name"), QStringLiteral("proxy")}}}}};
    const QJsonObject status{{QStringLiteral("containerStatuses"),
                              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                                     {QStringLiteral("restartCount"), restarts}},
                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("proxy")},
                                                     {QStringLiteral("restartCount"), 0}}}}};
    return {{QStringLiteral("metadata"), meta},
            {QStringLiteral("spec"), spec},
            {QStringLiteral("status"), status}};
}

void TstPodTargetTracker::selection_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QStringList>("pods");
    QTest::newRow("whole namespace") << QStringLiteral("demo") << QString()
                                     << QStringList{QStringLiteral("api-7f9c4d-a"),
                                                    QStringLiteral("api-7f9c4d-b"), QStringLiteral("db-0"),
                                                    QStringLiteral("worker-x")};
    QTest::newRow("pod name") << QStringLiteral("demo") << QStringLiteral("db-0")
                              << QStringList{QStringLiteral("db-0")};
    QTest::newRow("pod/ name") << QStringLiteral("demo") << QStringLiteral("pod/db-0")
                               << QStringList{QStringLiteral("db-0")};
    QTest::newRow("pods, spaces") << QStringLiteral("demo") << QStringLiteral("pod/db-0 pod/worker-x")
                                  << QStringList{QStringLiteral("db-0"), QStringLiteral("worker-x")};
    QTest::newRow("pods, commas") << QStringLiteral("demo") << QStringLiteral("pod/db-0,po/api-7f9c4d-b")
                                  << QStringList{QStringLiteral("api-7f9c4d-b"), QStringLiteral("db-0")};
    QTest::newRow("bare names") << QStringLiteral("demo") << QStringLiteral("db-0  worker-x")
                                << QStringList{QStringLiteral("db-0"), QStringLiteral("worker-x")};
    QTest::newRow("label") << QStringLiteral("demo") << QStringLiteral("app=api")
                           << QStringList{QStringLiteral("api-7f9c4d-a"), QStringLiteral("api-7f9c4d-b")};
    QTest::newRow("label and not") << QStringLiteral("demo") << QStringLiteral("app=api,track!=canary")
                                   << QStringList{QStringLiteral("api-7f9c4d-a")};
    QTest::newRow("in") << QStringLiteral("demo") << QStringLiteral("app in (db, worker)")
                        << QStringList{QStringLiteral("db-0"), QStringLiteral("worker-x")};
    QTest::newRow("exists") << QStringLiteral("demo") << QStringLiteral("app,track")
                            << QStringList{QStringLiteral("api-7f9c4d-b")};
    QTest::newRow("not exists") << QStringLiteral("demo") << QStringLiteral("!app") << QStringList{};
    QTest::newRow("deployment") << QStringLiteral("demo") << QStringLiteral("deployment/api")
                                << QStringList{QStringLiteral("api-7f9c4d-a"),
                                               QStringLiteral("api-7f9c4d-b")};
    QTest::newRow("other namespace") << QStringLiteral("prod") << QString()
                                     << QStringList{QStringLiteral("api-p")};
}

void TstPodTargetTracker::selection()
{
    QFETCH(QString, ns);
    QFETCH(QString, selector);
    QFETCH(QStringList, pods);
    PodTargetTracker t(nullptr);
    t.reset({pod(QStringLiteral("api-7f9c4d-a"), QStringLiteral("app=api"), QStringLiteral("api-7f9c4d")),
             pod(QStringLiteral("api-7f9c4d-b"), QStringLiteral("app=api,track=canary"),
                 QStringLiteral("api-7f9c4d")),
             pod(QStringLiteral("db-0"), QStringLiteral("app=db")),
             pod(QStringLiteral("worker-x"), QStringLiteral("app=worker"), QStringLiteral("api-worker-5b")),
             pod(QStringLiteral("api-p"), QStringLiteral("app=api"), {}, 0, QStringLiteral("prod"))});
    QString error;
    QVERIFY2(t.setSelection(ns, selector, &error), qPrintable(error));
    QStringList got;
    for (const LogTarget &target : t.targets()) {
        if (!got.contains(target.pod))
            got.append(target.pod);
    }
    QCOMPARE(got, pods);
}

void TstPodTargetTracker::badSelector()
{
    PodTargetTracker t(nullptr);
    QString error;
    QVERIFY(!t.setSelection(QStringLiteral("demo"), QStringLiteral("app=api,=oops"), &error));
    QVERIFY(error.contains(QStringLiteral("=oops")));
}

void TstPodTargetTracker::containersAndInit()
{
    PodTargetTracker t(nullptr);
    QVERIFY(t.setSelection(QStringLiteral("demo"), QStringLiteral("db-0")));
    t.upsert(pod(QStringLiteral("db-0"), QStringLiteral("app=db")));
    QCOMPARE(t.targets().size(), 2);
    t.setIncludeInit(true);
    QCOMPARE(t.targets().size(), 3);
    QVERIFY(t.targets().first().isInit);
    QCOMPARE(t.targets().first().container, QStringLiteral("migrate"));
    t.setContainer(QStringLiteral("proxy"));
    QCOMPARE(t.targets().size(), 1);
    QCOMPARE(t.targets().first().container, QStringLiteral("proxy"));
}

void TstPodTargetTracker::restartsAndDeletes()
{
    // With a real session: targets reach it (streams are created; no server is needed for this).
    LogSession session;
    session.setConnection(QUrl(QStringLiteral("http://127.0.0.1:9")), {});
    PodTargetTracker t(&session);
    QSignalSpy changed(&t, &PodTargetTracker::targetsChanged);
    QVERIFY(t.setSelection(QStringLiteral("demo"), QStringLiteral("app=api")));
    t.upsert(pod(QStringLiteral("api-1"), QStringLiteral("app=api")));
    QCOMPARE(session.targets().size(), 2);
    t.upsert(pod(QStringLiteral("api-2"), QStringLiteral("app=api")));
    QCOMPARE(session.targets().size(), 4);
    // A restart of api-1/app: the stream is told (it fetches the previous logs and divides).
    t.upsert(pod(QStringLiteral("api-1"), QStringLiteral("app=api"), {}, 1));
    QCOMPARE(session.targets().size(), 4);
    t.remove(pod(QStringLiteral("api-2"), QStringLiteral("app=api")));
    QCOMPARE(session.targets().size(), 2);
    // Relabelled out of the selection.
    t.upsert(pod(QStringLiteral("api-1"), QStringLiteral("app=other")));
    QCOMPARE(session.targets().size(), 0);
    QVERIFY(changed.size() >= 5);
    // A status update that changes no target is not passed on: the session is not touched per event.
    const qsizetype before = changed.size();
    t.upsert(pod(QStringLiteral("api-1"), QStringLiteral("app=other")));
    QCOMPARE(changed.size(), before);
    QVERIFY(t.setSelection(QStringLiteral("demo"), QStringLiteral("app=other"))); // explicit: always
    QCOMPARE(changed.size(), before + 1);
    QCOMPARE(t.containerNames(), (QStringList{QStringLiteral("app"), QStringLiteral("proxy")}));
    t.setContainer(QStringLiteral("proxy"));
    QCOMPARE(session.targets().size(), 1);
    QCOMPARE(t.containerNames(),
             (QStringList{QStringLiteral("app"), QStringLiteral("proxy")})); // still offered
}

QTEST_GUILESS_MAIN(TstPodTargetTracker)
#include "tst_podtargettracker.moc"
