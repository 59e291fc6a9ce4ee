// AlertsPane offscreen against a real Prometheus (rules firing and pending) and a real Alertmanager: rows,
// runbook links, alerts journaled once, silence and expire with confirmation, both recorded as actions; the
// active silences listed under the alerts and expired from that list.
#include "PromFixture.h"

#include "AlertsModel.h"
#include "AlertsPane.h"
#include "SilencesModel.h"
#include "SilencesView.h"
#include "core/Clock.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "prom/AlertmanagerClient.h"
#include "prom/PromClient.h"
#include "support/TestEnv.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Prom;
using Sitrep::Ui::AlertsModel;
using Sitrep::Ui::AlertsPane;

class TstAlertsPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rowsFromBothSources();
    void journaledOnce();
    void runbookLink();
    void silenceAndExpire();
    void silencesListedAndExpiredFromTheList();

private:
    int rowOf(const QString &alertName) const;
    void selectAlert(const QString &alertName);
    // Polls until check() holds (Alertmanager applies silences asynchronously); a failure is recorded.
    void pollUntil(const std::function<bool()> &check);
    Test::PromFixture m_fx;
    PromClient m_prom;
    AlertmanagerClient m_am;
    QTemporaryDir m_dir;
    Core::Journal m_journal;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::IncidentSession> m_session;
    std::unique_ptr<AlertsPane> m_pane;
};

int TstAlertsPane::rowOf(const QString &alertName) const
{
    const AlertsModel *m = m_pane->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, 0).data(AlertsModel::AlertNameRole).toString() == alertName)
            return r;
    }
    return -1;
}

void TstAlertsPane::selectAlert(const QString &alertName)
{
    QTableView *view = m_pane->view();
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex i = view->model()->index(r, 0);
        if (i.data(AlertsModel::AlertNameRole).toString() == alertName)
            view->selectionModel()->select(i,
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

void TstAlertsPane::pollUntil(const std::function<bool()> &check)
{
    QSignalSpy refreshed(m_pane.get(), &AlertsPane::refreshed);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_pane->refresh();
            (void)refreshed.wait(10000);
            return check();
        }(),
        15000);
}

void TstAlertsPane::initTestCase()
{
    const QByteArray rules =
        "groups:\n  - name: t\n    interval: 1s\n    rules:\n"
        "      - alert: WebErrorBudgetBurn\n"
        "        expr: sum(rate(http_requests_total{service=\"web\",code=\"500\"}[5m])) / "
        "sum(rate(http_requests_total{service=\"web\"}[5m])) > 0.0144\n"
        "        labels:\n          severity: critical\n          service: web\n"
        "        annotations:\n          summary: web burns its error budget\n"
        "          runbook_url: https://runbooks.example/web-burn\n"
        "      - alert: WebPodRestarting\n"
        "        expr: increase(kube_pod_container_status_restarts_total{pod=\"web-0\"}[15m]) > 1\n"
        "        for: 2h\n        labels:\n          severity: warning\n"
        "        annotations:\n          summary: web-0 restarts\n";
    const QString err = m_fx.start(rules, true);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    ServerConfig pc;
    pc.url = m_fx.prometheusUrl();
    QVERIFY(m_prom.configure(pc).ok());
    ServerConfig ac;
    ac.url = m_fx.alertmanagerUrl();
    QVERIFY(m_am.configure(ac).ok());
    QVERIFY(m_journal.open(m_dir.filePath(QStringLiteral("incident.sitrep"))).ok());
    m_session = std::make_unique<Core::IncidentSession>(m_journal, m_clock, QStringLiteral("ic"));
    QVERIFY(
        m_session->declare({QStringLiteral("Web 5xx"), QStringLiteral("web"), QStringLiteral("P1")}).ok());

    m_pane = std::make_unique<AlertsPane>(&m_prom, &m_am);
    m_pane->setIncidentSession(m_session.get());
    m_pane->setRunbooks(
        {{QStringLiteral("WebPodRestarting"), QStringLiteral("runbooks/api-gateway-crashloop.md")}});
    m_pane->setConfirmer([](const QString &, const QString &text) {
        // The exact request is shown before anything is sent.
        return text.contains(QLatin1String("/api/v2/silence"));
    });
    m_pane->resize(1200, 400);
    m_pane->show();
}

void TstAlertsPane::rowsFromBothSources()
{
    QSignalSpy refreshed(m_pane.get(), &AlertsPane::refreshed);
    // Until Alertmanager has received the firing alert from Prometheus (resend delay 2 s).
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_pane->refresh();
            if (!refreshed.wait(10000))
                return false;
            const int r = rowOf(QStringLiteral("WebErrorBudgetBurn"));
            return r >= 0 && m_pane->model()->index(r, AlertsModel::SourceColumn).data().toString() ==
                                 QLatin1String("alertmanager, prometheus");
        }(),
        30000);
    QVERIFY2(m_pane->errorText().isEmpty(), qPrintable(m_pane->errorText()));
    const AlertsModel *m = m_pane->model();
    const int burn = rowOf(QStringLiteral("WebErrorBudgetBurn"));
    QCOMPARE(m->index(burn, AlertsModel::StateColumn).data().toString(), QStringLiteral("firing"));
    QCOMPARE(m->index(burn, AlertsModel::SeverityColumn).data().toString(), QStringLiteral("critical"));
    QCOMPARE(m->index(burn, AlertsModel::SummaryColumn).data().toString(),
             QStringLiteral("web burns its error budget"));
    const int restart = rowOf(QStringLiteral("WebPodRestarting"));
    QVERIFY(restart >= 0);
    QCOMPARE(m->index(restart, AlertsModel::StateColumn).data().toString(), QStringLiteral("pending"));
    QVERIFY(m_pane->grab().save(Test::outputDir(QStringLiteral("tst_alertspane")) +
                                QStringLiteral("/alerts.png")));
}

void TstAlertsPane::journaledOnce()
{
    QSignalSpy refreshed(m_pane.get(), &AlertsPane::refreshed);
    m_pane->refresh();
    QVERIFY(refreshed.wait(10000));
    int firing = 0;
    for (const auto &e : m_journal.events()) {
        if (e.kind == Core::EventKind::Alert) {
            ++firing;
            QCOMPARE(
                e.summary,
                QStringLiteral("Alert firing: WebErrorBudgetBurn (critical) - web burns its error budget"));
            QCOMPARE(e.payload.value(QStringLiteral("runbook")).toString(),
                     QStringLiteral("https://runbooks.example/web-burn"));
        }
    }
    QCOMPARE(firing, 1); // seen by both sources, several polls: one event; the pending one is not journaled
}

void TstAlertsPane::runbookLink()
{
    QSignalSpy requested(m_pane.get(), &AlertsPane::runbookRequested);
    QTableView *view = m_pane->view();
    const int restart = rowOf(QStringLiteral("WebPodRestarting"));
    // Select the row of WebPodRestarting through the proxy.
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex i = view->model()->index(r, 0);
        if (i.data(AlertsModel::AlertNameRole).toString() == QLatin1String("WebPodRestarting"))
            view->selectionModel()->select(i,
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QVERIFY(restart >= 0);
    m_pane->openSelectedRunbook();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(1).toString(), QStringLiteral("runbooks/api-gateway-crashloop.md"));
}

void TstAlertsPane::silenceAndExpire()
{
    QTableView *view = m_pane->view();
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex i = view->model()->index(r, 0);
        if (i.data(AlertsModel::AlertNameRole).toString() == QLatin1String("WebErrorBudgetBurn"))
            view->selectionModel()->select(i,
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QSignalSpy created(m_pane.get(), &AlertsPane::silenceCreated);
    QSignalSpy refreshed(m_pane.get(), &AlertsPane::refreshed);
    QVERIFY(m_pane->silenceSelected(3600000, QStringLiteral("rolling back")));
    QVERIFY(created.wait(10000));
    const QString id = created.first().first().toString();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_pane->refresh();
            (void)refreshed.wait(10000);
            const int r = rowOf(QStringLiteral("WebErrorBudgetBurn"));
            return r >= 0 && m_pane->model()->index(r, AlertsModel::StateColumn).data().toString() ==
                                 QLatin1String("silenced");
        }(),
        15000);
    QSignalSpy expired(m_pane.get(), &AlertsPane::silenceExpired);
    QVERIFY(m_pane->expireSilence(id));
    QVERIFY(expired.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_pane->refresh();
            (void)refreshed.wait(10000);
            const int r = rowOf(QStringLiteral("WebErrorBudgetBurn"));
            return r >= 0 && m_pane->model()->index(r, AlertsModel::StateColumn).data().toString() ==
                                 QLatin1String("firing");
        }(),
        15000);
    QStringList actions;
    for (const auto &e : m_journal.events()) {
        if (e.kind == Core::EventKind::Action)
            actions << e.summary;
    }
    QCOMPARE(
        actions,
        (QStringList{QStringLiteral("Silenced alert WebErrorBudgetBurn in Alertmanager (silence %1)").arg(id),
                     QStringLiteral("Expired Alertmanager silence %1").arg(id)}));
}

void TstAlertsPane::silencesListedAndExpiredFromTheList()
{
    Ui::SilencesModel *silences = m_pane->silences();
    QAbstractItemModelTester tester(silences, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Ui::SilencesView *list = m_pane->silencesView();
    QVERIFY(list->isVisible()); // there is an Alertmanager
    selectAlert(QStringLiteral("WebErrorBudgetBurn"));
    QSignalSpy created(m_pane.get(), &AlertsPane::silenceCreated);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(m_pane->silenceSelected(2 * 3600000, QStringLiteral("waiting for the rollback to settle")));
    QVERIFY(created.wait(10000));
    const QString id = created.first().first().toString();

    // Listed with what it mutes, who made it, why and until when, as Alertmanager reports it.
    pollUntil([&] { return silences->rowOf(id) >= 0; });
    if (QTest::currentTestFailed())
        return;
    const int row = silences->rowOf(id);
    const QString matchers = silences->index(row, Ui::SilencesModel::MatchersColumn).data().toString();
    QVERIFY2(matchers.contains(QLatin1String("alertname=\"WebErrorBudgetBurn\"")), qPrintable(matchers));
    QVERIFY2(matchers.contains(QLatin1String("severity=\"critical\"")), qPrintable(matchers));
    QCOMPARE(silences->index(row, Ui::SilencesModel::CreatedByColumn).data().toString(),
             QStringLiteral("ic"));
    QCOMPARE(silences->index(row, Ui::SilencesModel::CommentColumn).data().toString(),
             QStringLiteral("waiting for the rollback to settle"));
    QCOMPARE(silences->index(row, Ui::SilencesModel::StateColumn).data().toString(),
             QStringLiteral("active"));
    const qint64 endsMs = silences->index(row, 0).data(Ui::SilencesModel::EndsAtMsRole).toLongLong();
    QVERIFY2(endsMs >= before + 2 * 3600000 - 1000 &&
                 endsMs <= QDateTime::currentMSecsSinceEpoch() + 2 * 3600000,
             qPrintable(QString::number(endsMs - before)));
    QCOMPARE(silences->index(row, Ui::SilencesModel::EndsColumn).data().toString(),
             QDateTime::fromMSecsSinceEpoch(endsMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QVERIFY(m_pane->grab().save(Test::outputDir(QStringLiteral("tst_alertspane")) +
                                QStringLiteral("/silences.png")));

    // Nothing selected: nothing to expire. Selected, then declined: nothing is sent.
    list->view()->clearSelection();
    QVERIFY(!list->expireButton()->isEnabled());
    QVERIFY(list->selectId(id));
    QVERIFY(list->expireButton()->isEnabled());
    QString asked;
    m_pane->setConfirmer([&asked](const QString &, const QString &text) {
        asked = text;
        return false;
    });
    QSignalSpy expired(m_pane.get(), &AlertsPane::silenceExpired);
    list->expireButton()->click();
    QVERIFY2(asked.contains(
                 QStringLiteral("DELETE %1/api/v2/silence/%2").arg(m_fx.alertmanagerUrl().toString(), id)),
             qPrintable(asked));
    QSignalSpy refreshed(m_pane.get(), &AlertsPane::refreshed);
    m_pane->refresh();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(silences->rowOf(id) >= 0);
    QCOMPARE(expired.size(), 0);

    // Confirmed, from the keyboard: Delete on the list expires it, the list drops it, the timeline has it.
    m_pane->setConfirmer(
        [](const QString &, const QString &text) { return text.contains(QLatin1String("/api/v2/silence")); });
    QVERIFY(list->selectId(id));
    QTest::keyClick(list->view(), Qt::Key_Delete);
    QVERIFY(expired.wait(10000));
    QCOMPARE(expired.first().first().toString(), id);
    pollUntil([&] { return silences->rowOf(id) < 0; });
    if (QTest::currentTestFailed())
        return;
    QString last;
    for (const auto &e : m_journal.events()) {
        if (e.kind == Core::EventKind::Action)
            last = e.summary;
    }
    QCOMPARE(last, QStringLiteral("Expired Alertmanager silence %1").arg(id));
}

QTEST_MAIN(TstAlertsPane)
#include "tst_alertspane.moc"
