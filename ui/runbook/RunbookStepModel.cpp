#include "RunbookStepModel.h"

namespace Sitrep::Ui {

using namespace Sitrep::Runbook;

namespace {
// internalId: 0 for a section row, section index + 1 for a step row.
constexpr quintptr kSectionRow = 0;
} // namespace

RunbookStepModel::RunbookStepModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void RunbookStepModel::setRunbook(const Runbook::Runbook &runbook, const QString &key)
{
    beginResetModel();
    m_runbook = runbook;
    m_progress = RunbookProgress(key);
    endResetModel();
    emit progressChanged(finishedCount(), stepCount());
}

int RunbookStepModel::stepCount() const
{
    return int(m_runbook.allSteps().size());
}

void RunbookStepModel::applyEvents(const QList<Core::TimelineEvent> &events)
{
    bool any = false;
    for (const auto &e : events) {
        const QString id = m_progress.apply(e);
        if (!id.isEmpty()) {
            stepChanged(id);
            any = true;
        }
    }
    if (any)
        emit progressChanged(finishedCount(), stepCount());
}

void RunbookStepModel::setRunning(const QString &stepId, bool running)
{
    m_progress.setRunning(stepId, running);
    stepChanged(stepId);
}

void RunbookStepModel::stepChanged(const QString &stepId)
{
    const QModelIndex first = indexForStep(stepId, TextColumn);
    if (!first.isValid())
        return;
    emit dataChanged(first, first.siblingAtColumn(RiskColumn));
    const QModelIndex sectionStatus = index(first.parent().row(), StatusColumn);
    emit dataChanged(sectionStatus, sectionStatus); // "2/5" on the section row
}

QModelIndex RunbookStepModel::indexForStep(const QString &stepId, int column) const
{
    for (int s = 0; s < m_runbook.sections.size(); ++s) {
        const auto &steps = m_runbook.sections.at(s).steps;
        for (int i = 0; i < steps.size(); ++i) {
            if (steps.at(i).id == stepId)
                return createIndex(i, column, quintptr(s + 1));
        }
    }
    return {};
}

const Step *RunbookStepModel::stepAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kSectionRow)
        return nullptr;
    const int s = int(index.internalId()) - 1;
    if (s < 0 || s >= m_runbook.sections.size() || index.row() >= m_runbook.sections.at(s).steps.size())
        return nullptr;
    return &m_runbook.sections.at(s).steps.at(index.row());
}

const Section *RunbookStepModel::sectionAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const int s = index.internalId() == kSectionRow ? index.row() : int(index.internalId()) - 1;
    return s >= 0 && s < m_runbook.sections.size() ? &m_runbook.sections.at(s) : nullptr;
}

QModelIndex RunbookStepModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_runbook.sections.size() ? createIndex(row, column, kSectionRow) : QModelIndex();
    if (parent.internalId() != kSectionRow || parent.row() >= m_runbook.sections.size())
        return {};
    if (row >= m_runbook.sections.at(parent.row()).steps.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RunbookStepModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kSectionRow)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, kSectionRow);
}

int RunbookStepModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_runbook.sections.size());
    if (parent.column() != 0 || parent.internalId() != kSectionRow ||
        parent.row() >= m_runbook.sections.size())
        return 0;
    return int(m_runbook.sections.at(parent.row()).steps.size());
}

int RunbookStepModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RunbookStepModel::sectionData(int s, int column, int role) const
{
    const Section &sec = m_runbook.sections.at(s);
    switch (role) {
    case Qt::DisplayRole:
        if (column == TextColumn)
            return sec.title.isEmpty() ? tr("(Introduction)") : sec.title;
        if (column == StatusColumn) {
            int finished = 0;
            for (const auto &st : sec.steps) {
                const StepStatus status = m_progress.progress(st.id).status;
                finished += status == StepStatus::Done || status == StepStatus::Skipped ||
                                    status == StepStatus::NotApplicable
                                ? 1
                                : 0;
            }
            return sec.steps.isEmpty()
                       ? QVariant()
                       : QVariant(QStringLiteral("%1/%2").arg(finished).arg(sec.steps.size()));
        }
        if (column == RiskColumn)
            return phaseName(sec.phase);
        return {};
    case Qt::ToolTipRole:
        return sec.timeBudgetSeconds > 0 ? tr("Time budget: %1 min").arg(sec.timeBudgetSeconds / 60)
                                         : QVariant();
    case IsSectionRole:
        return true;
    case PhaseRole:
        return phaseName(sec.phase);
    case TimeBudgetRole:
        return sec.timeBudgetSeconds;
    case MarkdownRole:
        return sec.markdown;
    case SectionLevelRole:
        return sec.level;
    default:
        return {};
    }
}

QVariant RunbookStepModel::stepData(const Step &step, int column, int role) const
{
    const StepProgress p = m_progress.progress(step.id);
    switch (role) {
    case Qt::DisplayRole:
        if (column == TextColumn)
            return step.text.section(QLatin1Char('\n'), 0, 0);
        if (column == StatusColumn)
            return stepStatusName(p.status);
        if (column == RiskColumn)
            return step.isRunnable() ? riskName(step.risk) : stepKindName(step.kind);
        return {};
    case Qt::ToolTipRole:
        // On the risk column: the rule that decided it (app/runbook/RiskRules.cpp names it).
        if (column == RiskColumn && step.isRunnable() && !step.riskRule.isEmpty())
            return tr("%1: rule \"%2\"").arg(riskName(step.risk), step.riskRule);
        return step.command.isEmpty() ? step.text : step.command;
    case Qt::CheckStateRole:
        if (column == TextColumn && step.kind == StepKind::Checklist)
            return p.status == StepStatus::Done ? Qt::Checked : Qt::Unchecked;
        return {};
    case IsSectionRole:
        return false;
    case StepIdRole:
        return step.id;
    case KindRole:
        return stepKindName(step.kind);
    case RiskRole:
        return step.isRunnable() ? riskName(step.risk) : QString();
    case StatusRole:
        return stepStatusName(p.status);
    case CommandRole:
        return step.command;
    case PhaseRole:
        return phaseName(step.phase);
    case ExpectedRole:
        return step.expected;
    case OutputRole:
        return p.output;
    case NoteRole:
        return p.note;
    case InteractiveRole:
        return step.interactive;
    case NotesRole:
        return p.notes;
    default:
        return {};
    }
}

QVariant RunbookStepModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kSectionRow)
        return sectionData(index.row(), index.column(), role);
    const Step *step = stepAt(index);
    return step ? stepData(*step, index.column(), role) : QVariant();
}

bool RunbookStepModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Step *step = stepAt(index);
    if (!step || role != Qt::CheckStateRole || step->kind != StepKind::Checklist ||
        index.column() != TextColumn)
        return false;
    emit checkRequested(step->id, value.toInt() == Qt::Checked);
    return true;
}

QVariant RunbookStepModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TextColumn:
        return tr("Step");
    case StatusColumn:
        return tr("State");
    case RiskColumn:
        return tr("Risk / phase");
    default:
        return {};
    }
}

Qt::ItemFlags RunbookStepModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kSectionRow) {
        f |= Qt::ItemNeverHasChildren;
        const Step *step = stepAt(index);
        if (step && step->kind == StepKind::Checklist && index.column() == TextColumn)
            f |= Qt::ItemIsUserCheckable;
    }
    return f;
}

} // namespace Sitrep::Ui
