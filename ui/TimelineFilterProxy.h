#pragma once

#include "core/TimelineEvent.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace Sitrep::Ui {

// Filters the timeline by kind, pinned state and text, for the timeline pane and exports' previews.
class TimelineFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TimelineFilterProxy(QObject *parent = nullptr);

    // Empty set = every kind.
    void setKinds(const QSet<Sitrep::Core::EventKind> &kinds);
    QSet<Sitrep::Core::EventKind> kinds() const { return m_kinds; }
    void setPinnedOnly(bool on);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<Sitrep::Core::EventKind> m_kinds;
    bool m_pinnedOnly = false;
    QString m_text;
};

} // namespace Sitrep::Ui
