#pragma once

#include "core/Environment.h"

#include <QToolBar>

class QComboBox;
class QLabel;
class QPushButton;

namespace Sitrep::Kube {
class ClusterConnection;
}

namespace Sitrep::Ui {

class ClusterBar;

// The toolbar that says where the console points: a switcher between named environments, a banner in the
// environment's colour (so nobody acts on the wrong cluster), and, when a cluster or Prometheus is missing,
// a sentence saying so with an offer to run the demo instead. Once a cluster is open, its namespace selector
// ("All namespaces" too) and its connection warnings (insecure-skip-tls-verify ...) sit next to the banner,
// so they are in view whichever pane is in front.
class EnvironmentBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit EnvironmentBar(QWidget *parent = nullptr);

    void setEnvironments(const QList<Sitrep::Core::Environment> &environments, const QString &active);
    // What the console is connected to now (the active environment, or the demo).
    void showActive(const Sitrep::Core::Environment &environment);
    QString bannerText() const;
    QString missingText() const;
    // The open cluster (nullptr: none) whose namespace selector and warnings the bar shows.
    void showCluster(Sitrep::Kube::ClusterConnection *connection);
    ClusterBar *clusterBar() const { return m_cluster; }

signals:
    void environmentChosen(const QString &name);
    void settingsRequested();
    void demoRequested();

private:
    QComboBox *m_box;
    QLabel *m_banner;
    QLabel *m_missing;
    QPushButton *m_demo;
    ClusterBar *m_cluster;
    // A widget in a toolbar is shown and hidden through its action.
    QAction *m_boxAction = nullptr;
    QAction *m_missingAction = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_clusterAction = nullptr;
    bool m_filling = false;
};

} // namespace Sitrep::Ui
