#pragma once

#include "core/Clock.h"
#include "prom/PromTypes.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Sitrep::Ui {

// Firing and pending alerts from Prometheus and Alertmanager, one row per alert (the same label set seen by
// both sources is one row). Updates arrive as whole per-source lists and become row inserts, removals and
// dataChanged, never a reset, so selections survive a poll.
class AlertsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        NameColumn,
        StateColumn,
        SinceColumn,
        SummaryColumn,
        LabelsColumn,
        SourceColumn,
        RunbookColumn,
        ColumnCount
    };
    enum Role {
        KeyRole = Qt::UserRole + 1, // fingerprint of the labels
        SeverityRankRole,           // 0 critical/page ... 4 none, for sorting
        StateRole,                  // firing, pending, silenced, inhibited
        AlertNameRole,
        RunbookRole, // runbook_url annotation, else the caller's map by alert name
        LabelsRole,  // QVariantMap
        SinceMsRole,
    };

    explicit AlertsModel(const Sitrep::Core::Clock *clock = nullptr, QObject *parent = nullptr);

    // The complete current list from one source ("prometheus" or "alertmanager").
    void setAlerts(const QString &source, const QList<Sitrep::Prom::Alert> &alerts);
    void setRunbooks(const QHash<QString, QString> &runbooks);
    Sitrep::Prom::Alert alertAt(int row) const;
    int firingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static int severityRank(const QString &severity);

private:
    struct Row
    {
        QString key;
        QHash<QString, Sitrep::Prom::Alert> bySource;
        Sitrep::Prom::Alert merged() const;
        QString state() const;
    };
    QString runbookFor(const Sitrep::Prom::Alert &a) const;

    const Sitrep::Core::Clock *m_clock;
    QList<Row> m_rows;
    QHash<QString, QString> m_runbooks;
};

} // namespace Sitrep::Ui
