// The cluster panes offscreen against a scripted API server: live pods table (PNG for a human), confirmation
// dialogs with the exact request, RBAC gating, describe, rollout history + undo, events, 403 state.
#include "ActionConfirmDialog.h"
#include "DeploymentsModel.h"
#include "DeploymentsPane.h"
#include "DescribeDialog.h"
#include "EventsModel.h"
#include "EventsPane.h"
#include "FakeApiServer.h"
#include "KubeStateLabel.h"
#include "PodsFilterProxy.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/ManualClock.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Sitrep::Ui;
using namespace Sitrep::Kube;
using Sitrep::Test::FakeApiServer;
using Sitrep::Test::FakeRequest;

namespace {

QByteArray listOf(const QString &kind, const QJsonArray &items)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("kind"), kind},
                           {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("100")}}},
                           {QStringLiteral("items"), items}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject templ(const QString &image)
{
    return QJsonObject{{QStringLiteral("metadata"),
                        QJsonObject{{QStringLiteral("labels"),
                                     QJsonObject{{QStringLiteral("app"), QStringLiteral("api")}}}}},
                       {QStringLiteral("spec"),
                        QJsonObject{{QStringLiteral("containers"),
                                     QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("api")},
                                                            {QStringLiteral("image"), image}}}}}}};
}

QJsonObject deployment()
{
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("Deployment")},
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("api")},
             {QStringLiteral("namespace"), QStringLiteral("demo")},
             {QStringLiteral("uid"), QStringLiteral("dep-uid")},
             {QStringLiteral("generation"), 3},
             {QStringLiteral("creationTimestamp"), QStringLiteral("2026-11-20T08:00:00Z")},
             {QStringLiteral("annotations"),
              QJsonObject{{QStringLiteral("deployment.kubernetes.io/revision"), QStringLiteral("3")}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("replicas"), 3},
                     {QStringLiteral("selector"),
                      QJsonObject{{QStringLiteral("matchLabels"),
                                   QJsonObject{{QStringLiteral("app"), QStringLiteral("api")}}}}},
                     {QStringLiteral("template"), templ(QStringLiteral("api:1.3"))}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("observedGeneration"), 3},
                                               {QStringLiteral("replicas"), 3},
                                               {QStringLiteral("updatedReplicas"), 3},
                                               {QStringLiteral("readyReplicas"), 2},
                                               {QStringLiteral("availableReplicas"), 3}}}};
}

QJsonObject replicaSet(int rev, const QString &image)
{
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("api-%1").arg(rev)},
             {QStringLiteral("namespace"), QStringLiteral("demo")},
             {QStringLiteral("annotations"),
              QJsonObject{{QStringLiteral("deployment.kubernetes.io/revision"), QString::number(rev)}}},
             {QStringLiteral("ownerReferences"),
              QJsonArray{QJsonObject{{QStringLiteral("uid"), QStringLiteral("dep-uid")},
                                     {QStringLiteral("controller"), true}}}}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("template"), templ(image)}}}};
}

QJsonObject kubeEvent(const QString &name, const QString &type, const QString &reason, const QString &last)
{
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QStringLiteral("demo")}}},
        {QStringLiteral("type"), type},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("message"), reason + QStringLiteral(" happened")},
        {QStringLiteral("lastTimestamp"), last},
        {QStringLiteral("count"), 2},
        {QStringLiteral("involvedObject"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")},
                     {QStringLiteral("name"), QStringLiteral("p5")},
                     {QStringLiteral("namespace"), QStringLiteral("demo")}}}};
}

} // namespace

class TstKubePanes final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void podsPaneLiveWithPng();
    void deleteShowsExactRequestAndRecords();
    void rbacDisablesDelete();
    void showLogsOfSelectedPods();
    void describeShowsYaml();
    void deploymentsHistoryAndUndo();
    void eventsHighlightWarnings();
    void forbiddenListShowsNotAllowed();

private:
    std::unique_ptr<ClusterConnection> connect();
    Sitrep::Core::ManualClock m_clock{
        QDateTime::fromString(QStringLiteral("2026-11-23T08:00:00Z"), Qt::ISODate)};
    QJsonArray m_pods;
    std::unique_ptr<FakeApiServer> m_server;
    bool m_denyDelete = false;
    bool m_forbidPods = false;
    QTemporaryDir m_dir;
    std::unique_ptr<Sitrep::Core::Journal> m_journal;
    std::unique_ptr<Sitrep::Core::IncidentSession> m_session;
};

void TstKubePanes::initTestCase()
{
    const QByteArray data = Sitrep::Test::readFixture(Sitrep::Test::sourceDir() +
                                                      QStringLiteral("/tests/unit/kube/fixtures/pods.json"));
    for (const auto &c : QJsonDocument::fromJson(data).object().value(QLatin1String("cases")).toArray())
        m_pods.append(c.toObject().value(QLatin1String("pod")));
    QVERIFY(m_pods.size() >= 25);
}

void TstKubePanes::init()
{
    m_denyDelete = false;
    m_forbidPods = false;
    m_server = std::make_unique<FakeApiServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([this](const FakeRequest &r, FakeApiServer &) {
        const bool watch = r.query.queryItemValue(QStringLiteral("watch")) == QLatin1String("true");
        if (watch) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        if (r.method == "POST" && r.path.endsWith(QLatin1String("selfsubjectaccessreviews"))) {
            QJsonObject review = QJsonDocument::fromJson(r.body).object();
            const QString verb = review.value(QLatin1String("spec"))
                                     .toObject()
                                     .value(QLatin1String("resourceAttributes"))
                                     .toObject()
                                     .value(QLatin1String("verb"))
                                     .toString();
            const bool allowed = !(m_denyDelete && verb == QLatin1String("delete"));
            review.insert(
                QStringLiteral("status"),
                QJsonObject{{QStringLiteral("allowed"), allowed},
                            {QStringLiteral("reason"),
                             allowed ? QString() : QStringLiteral("RBAC: role viewer has no delete")}});
            FakeApiServer::reply(r, 201, QJsonDocument(review).toJson(QJsonDocument::Compact));
            return FakeApiServer::Answer::Replied;
        }
        if (r.path == QLatin1String("/api/v1/namespaces/demo/pods")) {
            if (m_forbidPods)
                FakeApiServer::reply(
                    r, 403,
                    FakeApiServer::status(
                        403, QStringLiteral("Forbidden"),
                        QStringLiteral("pods is forbidden: User \"viewer\" cannot list resource \"pods\"")));
            else
                FakeApiServer::reply(r, 200, listOf(QStringLiteral("PodList"), m_pods));
        } else if (r.path.startsWith(QLatin1String("/api/v1/namespaces/demo/pods/"))) {
            const QString name = r.path.section(QLatin1Char('/'), -1);
            QJsonObject found;
            for (const auto &p : m_pods)
                if (p.toObject()
                        .value(QLatin1String("metadata"))
                        .toObject()
                        .value(QLatin1String("name"))
                        .toString() == name)
                    found = p.toObject();
            FakeApiServer::reply(r, 200, QJsonDocument(found).toJson(QJsonDocument::Compact));
        } else if (r.path == QLatin1String("/api/v1/namespaces/demo/events")) {
            FakeApiServer::reply(
                r, 200,
                listOf(QStringLiteral("EventList"),
                       {kubeEvent(QStringLiteral("e1"), QStringLiteral("Normal"), QStringLiteral("Pulled"),
                                  QStringLiteral("2026-11-23T07:50:00Z")),
                        kubeEvent(QStringLiteral("e2"), QStringLiteral("Warning"), QStringLiteral("BackOff"),
                                  QStringLiteral("2026-11-23T07:59:00Z"))}));
        } else if (r.path == QLatin1String("/apis/apps/v1/namespaces/demo/deployments")) {
            FakeApiServer::reply(r, 200, listOf(QStringLiteral("DeploymentList"), {deployment()}));
        } else if (r.path == QLatin1String("/apis/apps/v1/namespaces/demo/deployments/api")) {
            FakeApiServer::reply(r, 200, QJsonDocument(deployment()).toJson(QJsonDocument::Compact));
        } else if (r.path == QLatin1String("/apis/apps/v1/namespaces/demo/replicasets")) {
            FakeApiServer::reply(
                r, 200,
                listOf(QStringLiteral("ReplicaSetList"),
                       {replicaSet(1, QStringLiteral("api:1.1")), replicaSet(2, QStringLiteral("api:1.2")),
                        replicaSet(3, QStringLiteral("api:1.3"))}));
        } else {
            FakeApiServer::reply(
                r, 404, FakeApiServer::status(404, QStringLiteral("NotFound"), QStringLiteral("not here")));
        }
        return FakeApiServer::Answer::Replied;
    });
    m_journal = std::make_unique<Sitrep::Core::Journal>();
    QFile::remove(m_dir.filePath(QStringLiteral("i.sitrep")));
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("i.sitrep"))).ok());
    m_session = std::make_unique<Sitrep::Core::IncidentSession>(*m_journal, m_clock, QStringLiteral("alice"));
    QVERIFY(
        m_session->declare({QStringLiteral("Checkout errors"), QStringLiteral("api"), QStringLiteral("P1")})
            .ok());
}

void TstKubePanes::cleanup()
{
    m_session.reset();
    m_journal.reset();
    m_server.reset();
}

std::unique_ptr<ClusterConnection> TstKubePanes::connect()
{
    ClusterConfig cfg;
    cfg.context.name = QStringLiteral("fake-ctx");
    cfg.cluster.server = m_server->url().toString();
    cfg.user.name = QStringLiteral("alice");
    cfg.ns = QStringLiteral("demo");
    auto c = ClusterConnection::open(cfg, m_clock, m_session.get());
    if (!c)
        return nullptr;
    return std::move(c).value();
}

void TstKubePanes::podsPaneLiveWithPng()
{
    auto conn = connect();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.resize(1400, 720);
    pane.setConnection(conn.get());
    conn->start();
    pane.show();
    QTRY_COMPARE(pane.model()->rowCount(), m_pods.size());
    QTRY_VERIFY(pane.stateLabel()->stateText() == QLatin1String("live"));
    QVERIFY(pane.stateLabel()->text().contains(QStringLiteral("%1 pods").arg(m_pods.size())));
    pane.view()->sortByColumn(PodsModel::Status, Qt::DescendingOrder);
    const QString dir = Sitrep::Test::outputDir(QStringLiteral("tst_kubepanes"));
    QDir().mkpath(dir);
    const QString png = dir + QStringLiteral("/pods-pane.png");
    QVERIFY(pane.grab().save(png));
    QVERIFY(QFileInfo(png).size() > 10000);
    qInfo("pods pane PNG: %s", qPrintable(png));

    pane.statusCombo()->setCurrentIndex(2); // failing only
    QVERIFY(pane.proxy()->rowCount() > 5);
    QVERIFY(pane.proxy()->rowCount() < m_pods.size());
    for (int r = 0; r < pane.proxy()->rowCount(); ++r)
        QCOMPARE(pane.proxy()->index(r, 0).data(PodsModel::HealthRole).toInt(),
                 int(PodSummary::Health::Failing));
    QVERIFY(pane.stateLabel()->text().contains(QLatin1String("pods shown")));
}

void TstKubePanes::deleteShowsExactRequestAndRecords()
{
    auto conn = connect();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_COMPARE(pane.model()->rowCount(), m_pods.size());
    pane.filterEdit()->setText(QStringLiteral("p11"));
    QCOMPARE(pane.proxy()->rowCount(), 2); // p11, p11b
    pane.view()->selectAll();
    QSignalSpy shown(&pane, &PodsPane::confirmationShown);
    QSignalSpy finished(&pane, &PodsPane::actionFinished);
    QTRY_VERIFY(!m_server->requests.isEmpty());
    pane.deleteSelected();
    QCOMPARE(shown.size(), 1);
    auto *dialog = shown.first().first().value<ActionConfirmDialog *>();
    const QString base = m_server->url().toString();
    QVERIFY2(dialog->requestText().contains(
                 QStringLiteral("DELETE %1/api/v1/namespaces/demo/pods/p11\nContent-Type: "
                                "application/json\n\n{\"propagationPolicy\":\"Background\"}")
                     .arg(base)),
             qPrintable(dialog->requestText()));
    QVERIFY(dialog->requestText().contains(QStringLiteral("/pods/p11b")));
    dialog->accept();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("delete 2 pods in demo succeeded"));
    int deletes = 0;
    for (const auto &r : m_server->requests)
        deletes += r.method == "DELETE";
    QCOMPARE(deletes, 2);
    bool recorded = false;
    const auto journalEvents = m_journal->events();
    for (const auto &e : journalEvents)
        if (e.kind == Sitrep::Core::EventKind::Action) {
            recorded = true;
            QCOMPARE(e.summary, QStringLiteral("delete 2 pods in demo succeeded"));
            QCOMPARE(e.payload.value(QLatin1String("who")).toString(), QStringLiteral("alice"));
            QCOMPARE(e.payload.value(QLatin1String("outcome")).toString(), QStringLiteral("succeeded"));
            QCOMPARE(e.payload.value(QLatin1String("requests")).toArray().size(), 2);
        }
    QVERIFY(recorded);

    // Rejecting sends nothing. Accepting would start the requests at once (ActionRunner::run from the
    // dialog's accepted signal); a dialog that finished rejected never emits it, and a request sent after
    // that (describe) reaches the server with no DELETE before it.
    const qsizetype before = m_server->requests.size();
    pane.deleteSelected();
    QCOMPARE(shown.size(), 2);
    auto *rejected = shown.last().first().value<ActionConfirmDialog *>();
    QSignalSpy ended(rejected, &QDialog::finished);
    QSignalSpy accepted(rejected, &QDialog::accepted);
    QSignalSpy described(&pane, &PodsPane::describeShown);
    rejected->reject();
    QCOMPARE(ended.size(), 1); // the dialog is over, as rejected: its accepted signal (which runs) never came
    QCOMPARE(ended.first().first().toInt(), int(QDialog::Rejected));
    QCOMPARE(accepted.size(), 0);
    QCOMPARE(finished.size(), 1); // no second outcome: nothing ran
    QVERIFY(pane.selectPod(QStringLiteral("demo/p11")));
    pane.describeCurrent();
    QVERIFY(described.wait(5000));
    bool described11 = false;
    for (qsizetype i = before; i < m_server->requests.size(); ++i) {
        QVERIFY(m_server->requests.at(i).method != "DELETE");
        described11 = described11 || (m_server->requests.at(i).method == "GET" &&
                                       m_server->requests.at(i).path.contains(QLatin1String("/pods/p11")));
    }
    QVERIFY(described11);
}

void TstKubePanes::showLogsOfSelectedPods()
{
    auto conn = connect();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_COMPARE(pane.model()->rowCount(), m_pods.size());
    QSignalSpy requested(&pane, &PodsPane::logsRequested);
    auto showLogs = [&pane] {
        std::unique_ptr<QMenu> menu(pane.buildContextMenu(&pane));
        for (QAction *a : menu->actions()) {
            if (a->text().startsWith(QLatin1String("Show logs"))) {
                const QString text = a->text();
                if (a->isEnabled())
                    a->trigger();
                return text;
            }
        }
        return QString();
    };
    // Several pods: one request naming them all.
    pane.filterEdit()->setText(QStringLiteral("p11"));
    QCOMPARE(pane.proxy()->rowCount(), 2); // p11, p11b
    pane.view()->selectAll();
    QCOMPARE(showLogs(), QStringLiteral("Show logs of 2 pods"));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.last().at(0).toString(), QStringLiteral("demo"));
    QStringList pods = requested.last().at(1).toStringList();
    pods.sort();
    QCOMPARE(pods, (QStringList{QStringLiteral("p11"), QStringLiteral("p11b")}));
    // One pod, as before.
    pane.view()->clearSelection();
    pane.view()->setCurrentIndex(pane.proxy()->index(0, 0));
    pane.view()->selectionModel()->select(pane.proxy()->index(0, 0),
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(showLogs(), QStringLiteral("Show logs"));
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.last().at(1).toStringList().size(), 1);
}

void TstKubePanes::rbacDisablesDelete()
{
    m_denyDelete = true;
    auto conn = connect();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_COMPARE(pane.model()->rowCount(), m_pods.size());
    pane.view()->setCurrentIndex(pane.proxy()->index(0, 0));
    QTRY_VERIFY([&] {
        std::unique_ptr<QMenu> menu(pane.buildContextMenu(&pane));
        for (QAction *a : menu->actions())
            if (a->text().startsWith(QLatin1String("Delete pod")))
                return !a->isEnabled() && a->text().contains(QLatin1String("not allowed")) &&
                       a->toolTip().contains(QLatin1String("RBAC: role viewer has no delete"));
        return false;
    }());
    QSignalSpy shown(&pane, &PodsPane::confirmationShown);
    pane.deleteSelected();
    QCOMPARE(shown.size(), 0); // the keyboard path is gated too
}

void TstKubePanes::describeShowsYaml()
{
    auto conn = connect();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_COMPARE(pane.model()->rowCount(), m_pods.size());
    pane.filterEdit()->setText(QStringLiteral("p18"));
    pane.view()->setCurrentIndex(pane.proxy()->index(0, 0));
    QSignalSpy shown(&pane, &PodsPane::describeShown);
    pane.describeCurrent();
    QVERIFY(shown.wait(5000));
    auto *d = qobject_cast<DescribeDialog *>(shown.first().first().value<QWidget *>());
    QVERIFY(d);
    QVERIFY2(d->text().contains(QLatin1String("name: p18")), qPrintable(d->text().left(400)));
    QVERIFY(d->text().contains(QLatin1String("reason: Evicted")));
    d->setFormat(false);
    QVERIFY(d->text().contains(QLatin1String("\"reason\": \"Evicted\"")));
}

void TstKubePanes::deploymentsHistoryAndUndo()
{
    auto conn = connect();
    QVERIFY(conn);
    DeploymentsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_COMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->index(0, DeploymentsModel::Ready).data().toString(), QStringLiteral("2/3"));
    QCOMPARE(pane.model()->index(0, DeploymentsModel::Rollout).data().toString(), QStringLiteral("complete"));
    QSignalSpy loaded(&pane, &DeploymentsPane::historyLoaded);
    pane.selectDeployment(QStringLiteral("demo/api"));
    QVERIFY(loaded.wait(5000));
    QCOMPARE(pane.history().size(), 3);
    QCOMPARE(pane.historyView()->topLevelItemCount(), 3);
    QCOMPARE(pane.historyView()->topLevelItem(0)->text(0), QStringLiteral("3 (current)"));
    QSignalSpy shown(&pane, &DeploymentsPane::confirmationShown);
    pane.undoCurrent(1);
    QVERIFY(shown.wait(5000));
    auto *dialog = shown.first().first().value<ActionConfirmDialog *>();
    QVERIFY(dialog->requestText().startsWith(
        QStringLiteral("PATCH %1/apis/apps/v1/namespaces/demo/deployments/api\nContent-Type: "
                       "application/json-patch+json")
            .arg(m_server->url().toString())));
    QVERIFY(dialog->requestText().contains(QLatin1String("api:1.1")));
    QSignalSpy finished(&pane, &DeploymentsPane::actionFinished);
    dialog->accept();
    QVERIFY(finished.wait(5000));
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(0).toString()));
    QCOMPARE(m_server->requests.last().method == "PATCH" ||
                 std::any_of(m_server->requests.begin(), m_server->requests.end(),
                             [](const FakeRequest &r) { return r.method == "PATCH"; }),
             true);
    for (const auto &r : m_server->requests)
        if (r.method == "PATCH")
            QCOMPARE(r.headers.value("content-type"), QByteArray("application/json-patch+json"));

    // Restart shows the annotation patch.
    pane.restartCurrent();
    QTRY_COMPARE(shown.size(), 2);
    QVERIFY(shown.last().first().value<ActionConfirmDialog *>()->requestText().contains(
        QLatin1String("\"kubectl.kubernetes.io/restartedAt\":\"2026-11-23T08:00:00Z\"")));
    shown.last().first().value<ActionConfirmDialog *>()->reject();
}

void TstKubePanes::eventsHighlightWarnings()
{
    auto conn = connect();
    QVERIFY(conn);
    EventsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_COMPARE(pane.model()->rowCount(), 2);
    // Newest first: the warning (07:59) above the normal event (07:50).
    QCOMPARE(pane.proxy()->index(0, EventsModel::Type).data().toString(), QStringLiteral("Warning"));
    QVERIFY(pane.proxy()->index(0, EventsModel::Type).data(Qt::ForegroundRole).isValid());
    QCOMPARE(pane.proxy()->index(0, EventsModel::LastSeen).data().toString(), QStringLiteral("60s"));
    QCOMPARE(pane.proxy()->index(0, EventsModel::Object).data().toString(), QStringLiteral("pod/p5"));
    pane.setWarningsOnly(true);
    QCOMPARE(pane.proxy()->rowCount(), 1);
    QSignalSpy activated(&pane, &EventsPane::objectActivated);
    emit pane.view()->activated(pane.proxy()->index(0, 0));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(2).toString(), QStringLiteral("p5"));
    // The journaler picked the warning up (its lastTimestamp is within the lookback).
    QTRY_VERIFY([this] {
        const auto events = m_journal->events();
        return std::any_of(events.begin(), events.end(), [](const auto &e) {
            return e.kind == Sitrep::Core::EventKind::KubeEvent &&
                   e.summary.startsWith(QLatin1String("Warning BackOff"));
        });
    }());
}

void TstKubePanes::forbiddenListShowsNotAllowed()
{
    m_forbidPods = true;
    auto conn = connect();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_VERIFY(pane.stateLabel()->stateText().startsWith(
        QLatin1String("not allowed: user alice is not allowed to list pods in demo (403)")));
    QCOMPARE(pane.model()->rowCount(), 0);
}

QTEST_MAIN(TstKubePanes)
#include "tst_kubepanes.moc"
