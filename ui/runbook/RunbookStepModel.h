#pragma once

#include "core/TimelineEvent.h"
#include "runbook/Runbook.h"
#include "runbook/RunbookProgress.h"

#include <QAbstractItemModel>

namespace Sitrep::Ui {

// A runbook as a two-level tree for the wizard: sections (in document order, level in SectionLevelRole)
// with their steps as children. Step state comes from RunbookProgress, fed with journal events; ticking a
// checklist box only asks (checkRequested) - the tick appears once the journal has it.
class RunbookStepModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { TextColumn, StatusColumn, RiskColumn, ColumnCount };
    enum Role {
        IsSectionRole = Qt::UserRole + 1, // bool
        StepIdRole,                       // QString
        KindRole,                         // QString: command, sql, query, checklist, manual, template
        RiskRole,                         // QString: read, change, destructive ("" for other kinds)
        StatusRole,                       // QString: todo, running, done, failed, skipped, n/a
        CommandRole,                      // QString
        PhaseRole,                        // QString
        ExpectedRole,                     // QString
        OutputRole,                       // QString: excerpt of the last run
        NoteRole,                         // QString: reason for skipped / N/A
        TimeBudgetRole,                   // int seconds (sections)
        MarkdownRole,                     // QString: the section's Markdown
        SectionLevelRole,                 // int
        InteractiveRole,                  // bool
        NotesRole,                        // QStringList: responders' notes on the step
    };

    explicit RunbookStepModel(QObject *parent = nullptr);

    void setRunbook(const Runbook::Runbook &runbook, const QString &key);
    const Runbook::Runbook &runbook() const { return m_runbook; }
    const Runbook::RunbookProgress &progress() const { return m_progress; }
    // Folds journal events in; rows whose state changed emit dataChanged.
    void applyEvents(const QList<Core::TimelineEvent> &events);
    void setRunning(const QString &stepId, bool running);

    QModelIndex indexForStep(const QString &stepId, int column = TextColumn) const;
    const Runbook::Step *stepAt(const QModelIndex &index) const;
    const Runbook::Section *sectionAt(const QModelIndex &index) const; // also for a step: its section
    int stepCount() const;
    int finishedCount() const { return m_progress.finishedCount(m_runbook); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    void checkRequested(const QString &stepId, bool checked);
    void progressChanged(int finished, int total);

private:
    void stepChanged(const QString &stepId);
    QVariant sectionData(int section, int column, int role) const;
    QVariant stepData(const Runbook::Step &step, int column, int role) const;

    Runbook::Runbook m_runbook;
    Runbook::RunbookProgress m_progress;
};

} // namespace Sitrep::Ui
