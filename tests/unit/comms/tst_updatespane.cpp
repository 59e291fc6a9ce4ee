#include "CadenceLabel.h"
#include "CadencePanel.h"
#include "ChannelModel.h"
#include "CommsPaneHost.h"
#include "DeliveryHistoryModel.h"
#include "FieldEditor.h"
#include "StockSentencesDialog.h"
#include "UpdateDueNotifier.h"
#include "UpdatesPane.h"
#include "comms/Cadence.h"
#include "comms/Publisher.h"
#include "core/IncidentFile.h"
#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "support/TestEnv.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;
using namespace Sitrep::Ui;

namespace {

QDateTime at(const char *hhmmss)
{
    return QDateTime::fromString(QStringLiteral("2026-11-23T") + QLatin1String(hhmmss) + QStringLiteral("Z"),
                                 Qt::ISODate);
}

// Answers later, from a script (default: sent), like a network plugin would.
class ScriptedNotifier final : public NotifierInterface
{
public:
    explicit ScriptedNotifier(QString id)
        : m_id(std::move(id))
    {}
    QString id() const override { return m_id; }
    QString displayName() const override { return m_id; }
    QStringList configKeys() const override { return {}; }
    void initialize(const NotifierContext &) override {}
    void publish(const NotifierUpdate &update, const QJsonObject &, Callback done) override
    {
        received << update;
        const NotifierResult r = script.isEmpty() ? NotifierResult{NotifierResult::Outcome::Sent, 200, {}, {}}
                                                  : script.takeFirst();
        QTimer::singleShot(0, [done, r] { done(r); });
    }
    void abortAll() override {}
    QList<NotifierResult> script;
    QList<NotifierUpdate> received;

private:
    QString m_id;
};

} // namespace

// The updates pane offscreen: models checked by QAbstractItemModelTester, status buttons prefill,
// live preview, publish with per-channel state, countdown text, and a PNG for a human to look at.
class TstUpdatesPane : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cadenceLabelText();
    void dueNotification();
    void channelModel();
    void historyModelFollowsDeliveries();
    void previewFollowsFields();
    void statusButtonsPrefill();
    void publishFromPane();
    void snoozeAndPromptsFromPanel();
    void hostFollowsIncidentFile();
    void stockSentencesDialog();
    void grabPng();

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<IncidentSession> m_session;
    std::unique_ptr<Cadence> m_cadence;
    std::unique_ptr<Publisher> m_publisher;
    std::unique_ptr<ScriptedNotifier> m_slack;
    std::unique_ptr<ScriptedNotifier> m_page;
};

void TstUpdatesPane::init()
{
    QFile::remove(m_dir.filePath(QStringLiteral("u.sitrep")));
    m_clock.set(at("07:00:00"));
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("u.sitrep"))).ok());
    m_session = std::make_unique<IncidentSession>(*m_journal, m_clock, QStringLiteral("alice"));
    QVERIFY(
        m_session
            ->declare({QStringLiteral("Checkout 502s"), QStringLiteral("api-gateway"), QStringLiteral("P1"),
                       SeverityScheme::defaults(), at("06:50:00"), QStringLiteral("alice")})
            .ok());
    m_cadence = std::make_unique<Cadence>(*m_journal, m_clock);
    m_publisher = std::make_unique<Publisher>(*m_journal, m_clock);
    m_slack = std::make_unique<ScriptedNotifier>(QStringLiteral("slack"));
    m_page = std::make_unique<ScriptedNotifier>(QStringLiteral("statuspage"));
    m_publisher->registerNotifier(m_slack.get());
    m_publisher->registerNotifier(m_page.get());
    m_publisher->setChannels(
        {{QStringLiteral("slack-incidents"), QStringLiteral("slack"), QStringLiteral("#incidents"), {}},
         {QStringLiteral("status-page"), QStringLiteral("statuspage"), QStringLiteral("Status page"), {}},
         {QStringLiteral("teams"), QStringLiteral("msteams"), QStringLiteral("Teams"), {}}});
}

void TstUpdatesPane::cleanup()
{
    m_publisher.reset();
    m_cadence.reset();
    m_session.reset();
    m_journal.reset();
}

void TstUpdatesPane::cadenceLabelText()
{
    CadenceLabel label;
    QCOMPARE(label.text(), QString());
    label.setCadence(m_cadence.get());
    m_clock.set(at("07:11:48"));
    m_cadence->evaluate();
    QCOMPARE(label.text(), QStringLiteral("next update due in 3:12"));
    QVERIFY(!label.isOverdue());
    m_clock.set(at("07:16:05"));
    m_cadence->evaluate();
    // Red, and the words and a sign say it too.
    QCOMPARE(label.text(), QStringLiteral("\u26A0 update overdue by 1:05"));
    QVERIFY(label.isOverdue());
    QVERIFY(label.styleSheet().contains(QStringLiteral("#c62828")));
    QCOMPARE(label.toolTip(), QStringLiteral("Next update due at 2026-11-23 07:15 UTC"));
    label.setCadence(nullptr);
    QCOMPARE(label.text(), QString());
}

void TstUpdatesPane::dueNotification()
{
    UpdateDueNotifier notifier(nullptr); // no tray offscreen: the message is still composed
    notifier.setCadence(m_cadence.get());
    m_clock.set(at("07:15:01"));
    m_cadence->evaluate();
    QCOMPARE(notifier.lastTitle(), QStringLiteral("Stakeholder update due"));
    QCOMPARE(notifier.lastMessage(), QStringLiteral("P1 — Checkout 502s: update overdue by 0:01"));
}

void TstUpdatesPane::channelModel()
{
    ChannelModel model(*m_publisher);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("#incidents (slack)"));
    // Usable channels start checked; one without its plugin is disabled and says why.
    QCOMPARE(model.checkedIds(),
             (QStringList{QStringLiteral("slack-incidents"), QStringLiteral("status-page")}));
    QVERIFY(!(model.flags(model.index(2)) & Qt::ItemIsEnabled));
    QVERIFY(model.index(2)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("\"msteams\" plugin is not loaded")));
    QVERIFY(model.setData(model.index(1), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.checkedIds(), QStringList{QStringLiteral("slack-incidents")});
    model.reload();
    QCOMPARE(model.checkedIds(), QStringList{QStringLiteral("slack-incidents")});
}

void TstUpdatesPane::historyModelFollowsDeliveries()
{
    DeliveryHistoryModel model(*m_publisher);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    m_page->script = {
        {NotifierResult::Outcome::Failed, 401, QStringLiteral("401 Unauthorized: invalid token"), {}}};
    NotifierUpdate u;
    u.heading = QStringLiteral("Incident: Checkout 502s");
    u.status = QStringLiteral("investigating");
    u.plainText = QStringLiteral("text");
    const auto id = m_publisher->publish(
        u, {QStringLiteral("slack-incidents"), QStringLiteral("status-page")}, QStringLiteral("alice"));
    QVERIFY(id.ok());
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex row = model.index(0, 0);
    QCOMPARE(model.rowCount(row), 2);
    QCOMPARE(row.data().toString(), QStringLiteral("07:00:00"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("INVESTIGATING — Incident: Checkout 502s"));
    QTRY_COMPARE(model.index(1, 1, row).data().toString(), QStringLiteral("failed"));
    QCOMPARE(model.index(1, 2, row).data().toString(), QStringLiteral("401 Unauthorized: invalid token"));
    QTRY_COMPARE(model.index(0, 1, row).data().toString(), QStringLiteral("sent"));
    QCOMPARE(model.index(0, 2).data().toString(),
             QStringLiteral("slack-incidents: sent · status-page: failed"));
    QVERIFY(m_publisher->retryNow(*id, QStringLiteral("status-page"), QStringLiteral("alice")).ok());
    QTRY_COMPARE(model.index(1, 1, row).data().toString(), QStringLiteral("sent"));
}

void TstUpdatesPane::previewFollowsFields()
{
    UpdatesPane pane(*m_session, *m_publisher, *m_cadence);
    QCOMPARE(pane.currentTemplate(), QStringLiteral("initial"));
    auto *impact = qobject_cast<QPlainTextEdit *>(pane.fieldEditor()->editor(QStringLiteral("impact")));
    QVERIFY(impact);
    impact->setPlainText(QStringLiteral("EU customers cannot check out"));
    const QString plain = pane.preview(TextFormat::Plain);
    QVERIFY2(plain.startsWith(QStringLiteral(
                 "Incident: Checkout 502s\n-----------------------\nStatus: INVESTIGATING\n"
                 "Severity: P1\nService: api-gateway\nImpact: EU customers cannot check out\n")),
             qPrintable(plain));
    QVERIFY(plain.contains(QStringLiteral("Next update: 2026-11-23 07:30 UTC"))); // P1: 30 min after this one
    QVERIFY(pane.preview(TextFormat::Markdown)
                .contains(QStringLiteral("- **Impact:** EU customers cannot check out")));
    QVERIFY(
        pane.preview(TextFormat::Slack).contains(QStringLiteral("*Impact:* EU customers cannot check out")));
}

void TstUpdatesPane::statusButtonsPrefill()
{
    UpdatesPane pane(*m_session, *m_publisher, *m_cadence);
    auto *identified = pane.findChild<QPushButton *>(QStringLiteral("status_identified"));
    QVERIFY(identified);
    QVERIFY(pane.findChild<QPushButton *>(QStringLiteral("status_investigating"))->isChecked());
    m_clock.set(at("07:05:00"));
    QTest::mouseClick(identified, Qt::LeftButton);
    QCOMPARE(m_session->incident().status(), Status::Identified);
    QVERIFY(identified->isChecked());
    QCOMPARE(pane.fieldEditor()->values().value(QStringLiteral("status")), QStringLiteral("IDENTIFIED"));
    QCOMPARE(pane.fieldEditor()->values().value(QStringLiteral("message")),
             QStringLiteral("The issue has been identified and a fix is being implemented."));
    auto *resolved = pane.findChild<QPushButton *>(QStringLiteral("status_resolved"));
    QTest::mouseClick(resolved, Qt::LeftButton);
    QCOMPARE(pane.currentTemplate(), QStringLiteral("resolved"));
    QVERIFY(pane.preview(TextFormat::Plain).startsWith(QStringLiteral("Incident resolved: Checkout 502s")));
    QVERIFY(pane.preview(TextFormat::Plain).contains(QStringLiteral("This incident has been resolved.")));
}

void TstUpdatesPane::publishFromPane()
{
    UpdatesPane pane(*m_session, *m_publisher, *m_cadence);
    pane.channelModel()->setChecked({QStringLiteral("slack-incidents")});
    auto *impact = qobject_cast<QPlainTextEdit *>(pane.fieldEditor()->editor(QStringLiteral("impact")));
    impact->setPlainText(QStringLiteral("EU checkout down"));
    m_clock.set(at("07:04:00"));
    const QString expected = pane.preview(TextFormat::Plain);
    const auto id = pane.publish();
    QVERIFY(id.ok());
    QTRY_COMPARE(m_slack->received.size(), 1);
    QCOMPARE(m_slack->received[0].plainText, expected);
    QCOMPARE(pane.messageText(), QStringLiteral("Update published to slack-incidents."));
    QCOMPARE(pane.historyModel()->rowCount(), 1);
    // The next draft is an "update" that keeps what was typed; the countdown restarted.
    QCOMPARE(pane.currentTemplate(), QStringLiteral("update"));
    QCOMPARE(pane.fieldEditor()->values().value(QStringLiteral("impact")),
             QStringLiteral("EU checkout down"));
    QCOMPARE(m_cadence->state().countdownText, QStringLiteral("next update due in 30:00"));
    pane.channelModel()->setChecked({});
    QVERIFY(!pane.publish().ok());
    QCOMPARE(pane.messageText(), QStringLiteral("\u2716 Choose at least one channel to publish to."));
}

void TstUpdatesPane::snoozeAndPromptsFromPanel()
{
    EscalationPolicy p;
    p.levels = {{2, 15, QStringLiteral("Platform Team Lead (#platform-oncall)")}};
    m_cadence->setEscalationPolicy(p);
    CadencePanel panel(*m_cadence, QStringLiteral("alice"));
    m_clock.set(at("07:16:00"));
    m_cadence->evaluate();
    QPushButton *acknowledge = nullptr;
    for (auto *b : panel.findChildren<QPushButton *>()) {
        if (b->text() == QLatin1String("Acknowledge"))
            acknowledge = b;
    }
    QVERIFY(acknowledge);
    QTest::mouseClick(acknowledge, Qt::LeftButton);
    QCOMPARE(m_journal->events().last().kind, EventKind::Escalation);
    QVERIFY(m_cadence->state().prompts.isEmpty());
    auto *reason = panel.findChild<QLineEdit *>();
    QVERIFY(reason);
    QTest::keyClicks(reason, QStringLiteral("waiting for vendor"));
    QTest::keyClick(reason, Qt::Key_Return);
    QCOMPARE(m_journal->events().last().kind, EventKind::Reminder);
    QCOMPARE(panel.countdown()->text(), QStringLiteral("next update due in 10:00 (snoozed)"));
}

void TstUpdatesPane::hostFollowsIncidentFile()
{
    IncidentFile file(m_clock, QStringLiteral("alice"));
    CommsPaneHost host(file);
    host.setNotifiers({m_slack.get()});
    host.setChannels(
        {{QStringLiteral("slack-incidents"), QStringLiteral("slack"), QStringLiteral("#incidents"), {}}});
    CadenceLabel header;
    connect(&host, &CommsPaneHost::cadenceChanged, &header, &CadenceLabel::setCadence);
    QVERIFY(!host.cadence());
    QVERIFY(file.create(m_dir.filePath(QStringLiteral("host.sitrep")), {QStringLiteral("DB failover"),
                                                                        QStringLiteral("postgres"),
                                                                        QStringLiteral("P0"),
                                                                        SeverityScheme::defaults(),
                                                                        {},
                                                                        QStringLiteral("alice")})
                .ok());
    QVERIFY(host.cadence());
    QVERIFY(host.pane());
    QCOMPARE(header.text(), QStringLiteral("next update due in 5:00")); // P0: first update within 5 minutes
    QVERIFY(host.pane()->publish().ok());
    QTRY_COMPARE(m_slack->received.size(), 1);
    QCOMPARE(m_slack->received[0].heading, QStringLiteral("Incident: DB failover"));
    file.close();
    QVERIFY(!host.cadence());
    QVERIFY(!host.pane());
    QCOMPARE(header.text(), QString());
}

void TstUpdatesPane::stockSentencesDialog()
{
    StockSentences current;
    current.setSentence(Status::Monitoring, QStringLiteral("Fix is out; watching."));
    StockSentencesDialog dialog(current);
    QCOMPARE(dialog.editor(Status::Monitoring)->text(), QStringLiteral("Fix is out; watching."));
    QCOMPARE(dialog.editor(Status::Investigating)->text(), QString()); // default shown as placeholder
    QCOMPARE(dialog.editor(Status::Investigating)->placeholderText(),
             QStringLiteral("We are currently investigating this issue."));
    dialog.editor(Status::Identified)->setText(QStringLiteral("Cause found: a bad config push."));
    dialog.editor(Status::Monitoring)->clear();
    const StockSentences edited = dialog.sentences();
    QCOMPARE(edited.sentence(Status::Identified), QStringLiteral("Cause found: a bad config push."));
    QVERIFY(edited.isDefault(Status::Monitoring));
    QVERIFY(edited.isDefault(Status::Investigating));
}

void TstUpdatesPane::grabPng()
{
    EscalationPolicy p;
    p.levels = {{2, 15, QStringLiteral("Platform Team Lead (#platform-oncall)")}};
    m_cadence->setEscalationPolicy(p);
    UpdatesPane pane(*m_session, *m_publisher, *m_cadence);
    pane.resize(1280, 820);
    m_page->script = {{NotifierResult::Outcome::Failed,
                       401,
                       QStringLiteral("401 Unauthorized: invalid token — check the API key in settings"),
                       {}}};
    auto *impact = qobject_cast<QPlainTextEdit *>(pane.fieldEditor()->editor(QStringLiteral("impact")));
    impact->setPlainText(QStringLiteral("EU customers cannot check out (502 from the gateway)"));
    m_clock.set(at("07:04:00"));
    QVERIFY(pane.publish().ok());
    QTRY_COMPARE(m_publisher->pendingCount(), 0);
    m_clock.set(at("07:36:10"));
    QTest::mouseClick(pane.findChild<QPushButton *>(QStringLiteral("status_identified")), Qt::LeftButton);
    m_cadence->evaluate();
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    const QString dir = Sitrep::Test::outputDir(QStringLiteral("tst_updatespane"));
    const QString path = QDir(dir).filePath(QStringLiteral("updates-pane.png"));
    QVERIFY(pane.grab().save(path));
    QVERIFY(QFileInfo(path).size() > 10000);
    QVERIFY(pane.cadencePanel()->countdown()->isOverdue());
}

QTEST_MAIN(TstUpdatesPane)
#include "tst_updatespane.moc"
