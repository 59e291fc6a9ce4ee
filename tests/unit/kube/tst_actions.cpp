// The exact requests of each action (as kubectl sends them) and rollout history / undo rules.
#include "kube/Actions.h"
#include "kube/RolloutHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Sitrep::Kube;

namespace {

QJsonObject templ(const QString &image, const QString &hash)
{
    QJsonObject labels{{QStringLiteral("app"), QStringLiteral("api")}};
    if (!hash.isEmpty())
        labels.insert(QStringLiteral("pod-template-hash"), hash);
    return QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                       {QStringLiteral("spec"),
                        QJsonObject{{QStringLiteral("containers"),
                                     QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("api")},
                                                            {QStringLiteral("image"), image}}}}}}};
}

QJsonObject deployment(const QString &image, bool paused = false)
{
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("api")},
             {QStringLiteral("namespace"), QStringLiteral("demo")},
             {QStringLiteral("uid"), QStringLiteral("dep-uid")},
             {QStringLiteral("annotations"),
              QJsonObject{{QStringLiteral("deployment.kubernetes.io/revision"), QStringLiteral("3")},
                          {QStringLiteral("kubernetes.io/change-cause"), QStringLiteral("bump to 1.3")},
                          {QStringLiteral("team"), QStringLiteral("payments")}}}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("paused"), paused},
                                             {QStringLiteral("template"), templ(image, QString())}}}};
}

QJsonObject rs(const QString &name, int revision, const QString &image,
               const QString &ownerUid = QStringLiteral("dep-uid"))
{
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("name"), name},
             {QStringLiteral("annotations"),
              QJsonObject{
                  {QStringLiteral("deployment.kubernetes.io/revision"), QString::number(revision)},
                  {QStringLiteral("kubernetes.io/change-cause"), QStringLiteral("deploy %1").arg(image)}}},
             {QStringLiteral("ownerReferences"),
              QJsonArray{
                  QJsonObject{{QStringLiteral("uid"), ownerUid}, {QStringLiteral("controller"), true}}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("template"), templ(image, name.section(QLatin1Char('-'), -1))}}}};
}

QJsonArray history()
{
    return {rs(QStringLiteral("api-aaa"), 1, QStringLiteral("api:1.1")),
            rs(QStringLiteral("api-ccc"), 3, QStringLiteral("api:1.3")),
            rs(QStringLiteral("api-bbb"), 2, QStringLiteral("api:1.2")),
            rs(QStringLiteral("other-zzz"), 9, QStringLiteral("other:9"), QStringLiteral("someone-else"))};
}

} // namespace

class TstActions final : public QObject
{
    Q_OBJECT
private slots:
    void restart();
    void scale();
    void deletePods();
    void cordon();
    void historyFiltersOwned();
    void undo_data();
    void undo();
    void requestText();
};

void TstActions::restart()
{
    const ActionPlan p =
        Actions::rolloutRestart(QStringLiteral("demo"), QStringLiteral("api"),
                                QDateTime::fromString(QStringLiteral("2026-11-23T00:16:43Z"), Qt::ISODate));
    QCOMPARE(p.requests.size(), 1);
    const KubeRequest &r = p.requests.first();
    QCOMPARE(r.method, QByteArray("PATCH"));
    QCOMPARE(r.pathWithQuery(),
             QStringLiteral("/apis/apps/v1/namespaces/demo/deployments/api?fieldManager=kubectl-rollout"));
    QCOMPARE(r.contentType, QByteArray("application/strategic-merge-patch+json"));
    QCOMPARE(
        r.body,
        QByteArray(
            R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-23T00:16:43Z"}}}}})"));
    QCOMPARE(p.title(), QStringLiteral("rollout restart deployment/api in demo"));
    QCOMPARE(p.kubectl, QStringLiteral("kubectl -n demo rollout restart deployment/api"));
}

void TstActions::scale()
{
    const ActionPlan p = Actions::scale(QStringLiteral("demo"), QStringLiteral("api"), 10);
    const KubeRequest &r = p.requests.first();
    QCOMPARE(r.pathWithQuery(), QStringLiteral("/apis/apps/v1/namespaces/demo/deployments/api/scale"));
    QCOMPARE(r.contentType, QByteArray("application/merge-patch+json"));
    QCOMPARE(r.body, QByteArray(R"({"spec":{"replicas":10}})"));
}

void TstActions::deletePods()
{
    const ActionPlan p =
        Actions::deletePods(QStringLiteral("demo"), {QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(p.requests.size(), 2);
    QCOMPARE(p.requests.at(1).method, QByteArray("DELETE"));
    QCOMPARE(p.requests.at(1).path, QStringLiteral("/api/v1/namespaces/demo/pods/b"));
    QCOMPARE(p.requests.at(1).body, QByteArray(R"({"propagationPolicy":"Background"})"));
    QCOMPARE(p.target, QStringLiteral("2 pods"));
    const ActionPlan m =
        Actions::deleteMatchingPods(QStringLiteral("demo"), {QStringLiteral("a")},
                                    QStringLiteral("status.phase=Failed"), QStringLiteral("app=api"));
    QCOMPARE(
        m.kubectl,
        QStringLiteral("kubectl -n demo delete pods -l 'app=api' --field-selector 'status.phase=Failed'"));
    QVERIFY(m.target.contains(QLatin1String("fields status.phase=Failed")));
    QCOMPARE(m.objects, QStringList{QStringLiteral("pod/a")}); // listed in the confirmation
}

void TstActions::cordon()
{
    const ActionPlan c = Actions::cordon(QStringLiteral("node-1"));
    QCOMPARE(c.requests.first().path, QStringLiteral("/api/v1/nodes/node-1"));
    QCOMPARE(c.requests.first().body, QByteArray(R"({"spec":{"unschedulable":true}})"));
    QCOMPARE(c.requests.first().contentType, QByteArray("application/strategic-merge-patch+json"));
    const ActionPlan u = Actions::cordon(QStringLiteral("node-1"), false);
    QCOMPARE(u.requests.first().body, QByteArray(R"({"spec":{"unschedulable":null}})"));
    QVERIFY(!u.destructive);
    QCOMPARE(u.objects, QStringList{QStringLiteral("node/node-1")});
}

void TstActions::historyFiltersOwned()
{
    const QList<Revision> revs =
        RolloutHistory::fromReplicaSets(deployment(QStringLiteral("api:1.3")), history());
    QCOMPARE(revs.size(), 3);
    QCOMPARE(revs.at(0).revision, 1);
    QCOMPARE(revs.at(2).replicaSet, QStringLiteral("api-ccc"));
    QCOMPARE(revs.at(1).images, QStringLiteral("api=api:1.2"));
    QCOMPARE(revs.at(1).changeCause, QStringLiteral("deploy api:1.2"));
}

void TstActions::undo_data()
{
    QTest::addColumn<QString>("currentImage");
    QTest::addColumn<qint64>("toRevision");
    QTest::addColumn<bool>("paused");
    QTest::addColumn<QString>("expect"); // image of the patch or an error fragment
    QTest::newRow("previous") << QStringLiteral("api:1.3") << qint64(0) << false << QStringLiteral("api:1.2");
    QTest::newRow("chosen") << QStringLiteral("api:1.3") << qint64(1) << false << QStringLiteral("api:1.1");
    QTest::newRow("missing revision") << QStringLiteral("api:1.3") << qint64(7) << false
                                      << QStringLiteral("unable to find specified revision 7 in history");
    QTest::newRow("already matches") << QStringLiteral("api:1.2") << qint64(2) << false
                                     << QStringLiteral(
                                            "skipped rollback (current template already matches revision 2)");
    QTest::newRow("paused") << QStringLiteral("api:1.3") << qint64(0) << true
                            << QStringLiteral("paused deployment");
}

void TstActions::undo()
{
    QFETCH(QString, currentImage);
    QFETCH(qint64, toRevision);
    QFETCH(bool, paused);
    QFETCH(QString, expect);
    auto plan = Actions::rolloutUndo(deployment(currentImage, paused), history(), toRevision);
    if (!expect.startsWith(QLatin1String("api:"))) {
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains(expect), qPrintable(plan.error().message));
        return;
    }
    QVERIFY(plan.ok());
    const KubeRequest &r = plan->requests.first();
    QCOMPARE(r.method, QByteArray("PATCH"));
    QCOMPARE(r.contentType, QByteArray("application/json-patch+json"));
    QCOMPARE(r.path, QStringLiteral("/apis/apps/v1/namespaces/demo/deployments/api"));
    const QJsonArray patch = QJsonDocument::fromJson(r.body).array();
    QCOMPARE(patch.size(), 2);
    const QJsonObject t = patch.at(0).toObject();
    QCOMPARE(t.value(QLatin1String("op")).toString(), QStringLiteral("replace"));
    QCOMPARE(t.value(QLatin1String("path")).toString(), QStringLiteral("/spec/template"));
    const QJsonObject value = t.value(QLatin1String("value")).toObject();
    QCOMPARE(value.value(QLatin1String("spec"))
                 .toObject()
                 .value(QLatin1String("containers"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("image"))
                 .toString(),
             expect);
    // pod-template-hash is removed before patching back
    QVERIFY(!value.value(QLatin1String("metadata"))
                 .toObject()
                 .value(QLatin1String("labels"))
                 .toObject()
                 .contains(QLatin1String("pod-template-hash")));
    const QJsonObject ann = patch.at(1).toObject().value(QLatin1String("value")).toObject();
    QCOMPARE(patch.at(1).toObject().value(QLatin1String("path")).toString(),
             QStringLiteral("/metadata/annotations"));
    QCOMPARE(ann.value(QLatin1String("deployment.kubernetes.io/revision")).toString(),
             QStringLiteral("3")); // kept from deployment
    QCOMPARE(ann.value(QLatin1String("kubernetes.io/change-cause")).toString(),
             QStringLiteral("deploy %1").arg(expect)); // from RS
    QVERIFY(!ann.contains(QLatin1String("team"))); // like kubectl: other deployment annotations are replaced
}

void TstActions::requestText()
{
    const ActionPlan p = Actions::scale(QStringLiteral("demo"), QStringLiteral("api"), 0);
    QCOMPARE(
        p.requestText(QUrl(QStringLiteral("https://127.0.0.1:6443"))),
        QStringLiteral("PATCH https://127.0.0.1:6443/apis/apps/v1/namespaces/demo/deployments/api/scale\n"
                       "Content-Type: application/merge-patch+json\n\n{\"spec\":{\"replicas\":0}}"));
}

QTEST_GUILESS_MAIN(TstActions)
#include "tst_actions.moc"
