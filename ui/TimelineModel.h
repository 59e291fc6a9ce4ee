#pragma once

#include "core/TimelineEvent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

namespace Sitrep::Core {
class Journal;
}

namespace Sitrep::Ui {

// The incident timeline as a table. Events arrive from the journal in bursts; they are queued and
// inserted with one beginInsertRows per batch on a zero-timeout timer (Wireshark's packet list pattern).
class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, AuthorColumn, SummaryColumn, ColumnCount };
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        KindRole,      // int(EventKind)
        KindNameRole,  // QString
        PinnedRole,    // bool
        TimestampRole, // qint64 ms
        PayloadRole,   // QJsonObject
        OriginRole,    // QString user@host that wrote it
        SharedRole,    // bool: the team server has it (always true outside team incidents)
    };

    explicit TimelineModel(QObject *parent = nullptr);

    // Shows this journal's events (null clears) and follows its appends and pin changes.
    void setJournal(Sitrep::Core::Journal *journal);
    void setUtc(bool utc);
    // A team incident: the Who column says from where (user@host), and events the server has not yet
    // acknowledged are marked "not yet shared".
    void setTeamMode(bool team);
    bool teamMode() const { return m_team; }
    const Sitrep::Core::TimelineEvent &eventAt(int row) const { return m_events.at(row); }
    int rowForId(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Flushes queued appends now (tests and views that need the rows immediately).
    void flush();

private:
    void enqueue(const QList<Sitrep::Core::TimelineEvent> &events);
    void reload(); // every event again, in timeline order (a team incident's order changed)
    void onChanged(const Sitrep::Core::TimelineEvent &event);

    QList<Sitrep::Core::TimelineEvent> m_events;
    QList<Sitrep::Core::TimelineEvent> m_pending;
    QTimer m_flushTimer;
    Sitrep::Core::Journal *m_journal = nullptr;
    QMetaObject::Connection m_appendConn;
    QMetaObject::Connection m_changeConn;
    QMetaObject::Connection m_reorderConn;
    QHash<qint64, int> m_rowOfId; // rows are in timeline order, which is not id order in a team incident
    bool m_utc = true;
    bool m_team = false;
};

} // namespace Sitrep::Ui
