#pragma once

#include "core/TimelineEvent.h"
#include "runbook/DatabaseTarget.h"
#include "runbook/RunPolicy.h"
#include "runbook/RunTypes.h"
#include "runbook/Runbook.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QTreeView;

namespace Sitrep::Core {
class IncidentSession;
}
namespace Sitrep::Runbook {
class CommandRunner;
class SqlExecutor;
struct SqlResult;
} // namespace Sitrep::Runbook

namespace Sitrep::Ui {

class RunOutputPanel;
class RunbookStepModel;

// Walks a responder through a runbook: the step list with states and progress, the section's Markdown,
// Run on commands with the output inline and "Expected:" beside it, checklist ticks, skip / N/A with a
// reason, the heading's time budget as a countdown. Runs go through the RunPolicy (confirmation, typed
// confirmation, read-only, dry run) and land in the journal; the wizard's state is read back from there.
class RunbookWizard final : public QWidget
{
    Q_OBJECT
public:
    // Asks the user to confirm a decision; for Typed, what they typed goes to *typed.
    using Confirmer = std::function<bool(const Runbook::RunPolicy::Decision &, QString *typed)>;
    // Asks for a placeholder's value (masked for secrets); nullopt when the user cancels.
    using ValueAsker = std::function<std::optional<QString>(const Runbook::Placeholder &)>;

    explicit RunbookWizard(QWidget *parent = nullptr);
    ~RunbookWizard() override;

    // Services from the composition root; none is owned.
    void setSession(Core::IncidentSession *session);
    void setRunner(Runbook::CommandRunner *runner);
    void setPolicy(Runbook::RunPolicy *policy) { m_policy = policy; }
    void setTarget(const Runbook::RunTarget &target) { m_target = target; }
    const Runbook::RunTarget &target() const { return m_target; }
    // The incident's clusters, when it watches several: a "Cluster" box picks the one commands run against
    // (kubectl gets --context for it). The first is chosen; one or none hides the box.
    void setTargetChoices(const QList<Runbook::RunTarget> &targets);
    QComboBox *clusterBox() const { return m_clusterBox; }
    // Context values (namespace, pod, deployment, context, service). Values the user typed stay until the
    // incident changes; a context value wins over a typed one of the same name.
    void setValues(const QMap<QString, QString> &values)
    {
        m_context = values;
        if (m_targetChoices.size() > 1) { // the picked cluster's, not the first one's
            m_context.insert(QStringLiteral("context"), m_target.kubeContext);
            m_context.insert(QStringLiteral("namespace"), m_target.kubeNamespace);
        }
    }
    QMap<QString, QString> values() const;
    // The environment's database for SQL steps (none: they can only be copied).
    void setDatabase(const Runbook::DatabaseTarget &db)
    {
        m_database = db;
        onCurrentChanged();
    }
    const Runbook::DatabaseTarget &database() const { return m_database; }
    RunOutputPanel *outputPanel() const { return m_output; }
    void setConfirmer(Confirmer c) { m_confirmer = std::move(c); }
    void setValueAsker(ValueAsker a) { m_asker = std::move(a); }

    bool openFile(const QString &path, QString *error = nullptr);
    void openRunbook(const Runbook::Runbook &runbook, const QString &key);
    RunbookStepModel *model() const { return m_model; }
    QTreeView *view() const { return m_tree; }

    bool selectStep(const QString &stepId);
    // Selects the first step of a phase (the demo opens at triage); false when the runbook has none.
    bool selectPhase(Runbook::Phase phase);
    // Selects the first step under the section with this anchor (an alert's quick-reference link).
    bool selectSection(const QString &anchor);
    // The runbook's key (its path) while one is open.
    QString openKey() const { return m_key; }
    QString selectedStepId() const;
    QString statusText() const;
    QString outputText() const;

public slots:
    void runSelected();
    void cancelRun();
    // state: "done", "skipped", "n/a", "todo"
    void markSelected(const QString &state, const QString &note = {});
    void noteSelected(const QString &note);
    // A query step: asks for it to be charted (the charts pane adds a panel with its PromQL).
    void chartSelected();
    // Copies the selected step's command or query (placeholders as written) to the clipboard.
    void copySelected();

signals:
    void runFinished(const Sitrep::Runbook::RunResult &result);
    void chartRequested(const QString &title, const QString &promql);

private:
    void buildUi();
    void onCurrentChanged();
    void scrollTextTo(const Runbook::Step *step);
    void onOutput(const QString &stepId, const QByteArray &chunk, bool isStderr);
    void onFinished(const Runbook::RunResult &result);
    void onSqlFinished(const Runbook::RunResult &result, const Runbook::SqlResult &table);
    void record(const QString &stepId, const QString &state, const QString &text, const QString &note);
    void recordRun(const Runbook::PreparedCommand &prepared, const Runbook::RunResult &result);
    // {runbookTitle, phase, done, total} as they will be once stepId is (or is no longer) finished.
    QJsonObject progressAfter(const QString &stepId, bool finished) const;
    // The text of the step to do next once stepId is (or is no longer) finished; "" when all are finished.
    QString nextStepAfter(const QString &stepId, bool finished) const;
    void applyLocal(const Core::TimelineEvent &event);
    void updateProgress(int finished, int total);
    void updateCountdown();
    void setStatus(const QString &text);
    bool confirm(const Runbook::RunPolicy::Decision &d);
    void chooseTarget(int index);

    RunbookStepModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QTextBrowser *m_text = nullptr;
    QPlainTextEdit *m_command = nullptr;
    RunOutputPanel *m_output = nullptr;
    Runbook::SqlExecutor *m_sql = nullptr;
    Runbook::DatabaseTarget m_database;
    QLabel *m_expected = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_countdown = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_done = nullptr;
    QPushButton *m_skip = nullptr;
    QPushButton *m_na = nullptr;
    QPushButton *m_note = nullptr;
    QPushButton *m_chart = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_notes = nullptr;
    QCheckBox *m_dryRun = nullptr;
    QComboBox *m_clusterBox = nullptr;
    QAction *m_clusterAction = nullptr;
    QList<Runbook::RunTarget> m_targetChoices;
    QString m_chosenCluster; // kubeconfig + context the user picked, kept when the clusters change

    QPointer<Core::IncidentSession> m_session;
    QPointer<Runbook::CommandRunner> m_runner;
    Runbook::RunPolicy *m_policy = nullptr;
    Runbook::RunPolicy m_defaultPolicy;
    Runbook::RunTarget m_target;
    QMap<QString, QString> m_context; // from the connected cluster, the incident and the selected pod
    QMap<QString, QString> m_asked;   // typed by the user during this incident
    Confirmer m_confirmer;
    ValueAsker m_asker;
    QString m_key;
    QString m_runningStep;
    Runbook::PreparedCommand m_runningCommand;
    QHash<QString, qint64> m_sectionEntered; // anchor -> ms since the wizard opened
    QElapsedTimer m_clock;
    QTimer m_tick;
    qint64 m_localEventId = 0;
};

} // namespace Sitrep::Ui
