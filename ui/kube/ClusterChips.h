#pragma once

#include "kube/ClusterConnection.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QToolButton;

namespace Sitrep::Ui {

// The incident's clusters as a row of chips above a pane's table, each drawn like the environment banner in
// its cluster's colour: its name, what it is doing (live, stale since 10:42:13, failed: ...), an optional
// detail (the pods pane's counts), and a toggle that shows or hides its rows (checked = shown). Hidden when
// the pane follows a single cluster.
class ClusterChips final : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterChips(QWidget *parent = nullptr);

    void setConnections(const QList<Kube::ClusterConnection *> &connections);
    // Words after a cluster's name ("41 pods, 3 CrashLoopBackOff"); refreshed when its census changes.
    void setDetail(std::function<QString(Kube::ClusterConnection *)> detail);
    void refresh();

    QSet<QString> hiddenClusters() const { return m_hidden; }
    void setClusterShown(const QString &name, bool shown);
    QToolButton *chip(const QString &name) const { return m_chips.value(name); }
    // Every chip's text, " · "-joined (what a screen reader and the tests read).
    QString text() const;
    // One chip's text: "prod-eu · live · 41 pods, 3 CrashLoopBackOff"
    static QString chipText(Kube::ClusterConnection *connection, const QString &detail);

signals:
    void hiddenClustersChanged(const QSet<QString> &hidden);

private:
    void rebuild();

    QHBoxLayout *m_layout;
    QList<QPointer<Kube::ClusterConnection>> m_connections;
    QHash<QString, QToolButton *> m_chips;
    QSet<QString> m_hidden;
    std::function<QString(Kube::ClusterConnection *)> m_detail;
};

} // namespace Sitrep::Ui
