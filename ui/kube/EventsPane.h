#pragma once

#include "kube/ClusterConnection.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace Sitrep::Ui {

class EventsModel;
class KubeStateLabel;

// The events pane: newest first, warnings highlighted (colour and bold "Warning"), filterable, and each row
// linked to its object (activate a row to jump to the pod).
class EventsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventsPane(const Core::Clock &clock, QWidget *parent = nullptr);
    void setConnection(Kube::ClusterConnection *connection);
    EventsModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    KubeStateLabel *stateLabel() const { return m_state; }
    void setWarningsOnly(bool on);

signals:
    void objectActivated(const QString &kind, const QString &ns, const QString &name);

private:
    void bindInformer();

    QPointer<Kube::ClusterConnection> m_connection;
    EventsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    KubeStateLabel *m_state = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_warningsOnly = nullptr;
};

} // namespace Sitrep::Ui
