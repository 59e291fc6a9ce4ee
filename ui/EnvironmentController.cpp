#include "EnvironmentController.h"

#include "ConnectionChecks.h"
#include "ConnectionDialog.h"
#include "EnvironmentBar.h"
#include "MainWindow.h"

#include <QMenu>
#include <QSettings>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

EnvironmentController::EnvironmentController(MainWindow &window, ConnectionChecks *checks, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_checks(checks)
    , m_bar(new EnvironmentBar(&window))
{
    m_window.addToolBar(Qt::TopToolBarArea, m_bar);
    QSettings settings;
    EnvironmentStore store(settings);
    m_bar->setEnvironments(store.load(), store.activeName());
    connect(m_bar, &EnvironmentBar::settingsRequested, this, &EnvironmentController::showConnections);
    connect(m_bar, &EnvironmentBar::demoRequested, this, &EnvironmentController::demoRequested);
    connect(m_bar, &EnvironmentBar::environmentChosen, this, [this](const QString &name) {
        QSettings settings;
        EnvironmentStore store(settings);
        for (const Environment &e : store.load()) {
            if (e.name == name) {
                store.setActiveName(name);
                emit environmentChosen(e);
            }
        }
    });
    m_window.incidentMenu()->addAction(tr("&Connections\u2026"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                                       &EnvironmentController::showConnections);
}

bool EnvironmentController::isFirstRun() const
{
    QSettings settings;
    return EnvironmentStore(settings).isFirstRun();
}

void EnvironmentController::restoreActive()
{
    QSettings settings;
    if (const auto active = EnvironmentStore(settings).active())
        emit environmentChosen(*active);
    else
        m_bar->showActive({});
}

ConnectionDialog *EnvironmentController::showConnections()
{
    QSettings settings;
    EnvironmentStore store(settings);
    ConnectionTesters testers = m_checks->testers();
    testers.editChannels = m_editChannels;
    auto *dialog = new ConnectionDialog(store.load(), testers, &m_window);
    dialog->setObjectName(QStringLiteral("connectionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionDialog::demoRequested, this, &EnvironmentController::demoRequested);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QSettings settings;
        EnvironmentStore store(settings);
        store.save(dialog->environments());
        store.setActiveName(dialog->activeName());
        m_bar->setEnvironments(dialog->environments(), dialog->activeName());
        if (const auto active = store.active())
            emit environmentChosen(*active);
    });
    dialog->open();
    return dialog;
}

} // namespace Sitrep::Ui
