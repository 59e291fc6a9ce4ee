#pragma once

#include "core/Environment.h"

#include <QToolBar>

class QComboBox;
class QLabel;
class QPushButton;

namespace Sitrep::Ui {

// The toolbar that says where the console points: a switcher between named environments, a banner in the
// environment's colour (so nobody acts on the wrong cluster), and, when a cluster or Prometheus is missing,
// a sentence saying so with an offer to run the demo instead.
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

signals:
    void environmentChosen(const QString &name);
    void settingsRequested();
    void demoRequested();

private:
    QComboBox *m_box;
    QLabel *m_banner;
    QLabel *m_missing;
    QPushButton *m_demo;
    // A widget in a toolbar is shown and hidden through its action.
    QAction *m_boxAction = nullptr;
    QAction *m_missingAction = nullptr;
    QAction *m_demoAction = nullptr;
    bool m_filling = false;
};

} // namespace Sitrep::Ui
