#pragma once

#include "prom/PromTypes.h"

#include <QAbstractTableModel>

namespace Sitrep::Ui {

// Alertmanager's silences that still mute something (active, or pending: starting later), one row per
// silence. A poll hands over the whole list; it becomes row inserts, removals and dataChanged keyed by the
// silence id, never a reset, so the selection survives while the user reaches for "Expire".
class SilencesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MatchersColumn, StateColumn, EndsColumn, CreatedByColumn, CommentColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole,    // active, pending
        EndsAtMsRole, // qint64, ms since the epoch
    };

    explicit SilencesModel(QObject *parent = nullptr);

    // The complete current list from Alertmanager; expired silences are left out.
    void setSilences(const QList<Sitrep::Prom::Silence> &silences);
    Sitrep::Prom::Silence silenceAt(int row) const;
    int rowOf(const QString &id) const;
    // name="value", name=~"regex", name!="value", name!~"regex", as Alertmanager writes them.
    static QString matchersText(const QList<Sitrep::Prom::Matcher> &matchers);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Sitrep::Prom::Silence> m_rows;
};

} // namespace Sitrep::Ui
