#include "UpdateDueNotifier.h"

#include "comms/Cadence.h"

#include <QSystemTrayIcon>

namespace Sitrep::Ui {

UpdateDueNotifier::UpdateDueNotifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent)
    , m_tray(tray)
{}

void UpdateDueNotifier::setCadence(Sitrep::Comms::Cadence *cadence)
{
    for (const auto &c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_cadence = cadence;
    if (!cadence)
        return;
    m_connections << connect(cadence, &Sitrep::Comms::Cadence::updateDue, this, [this] {
        const auto &s = m_cadence->state();
        notify(QStringLiteral("Stakeholder update due"),
               QStringLiteral("%1 — %2: %3")
                   .arg(m_cadence->incident().severity(), m_cadence->incident().title(), s.countdownText));
    });
    m_connections << connect(
        cadence, &Sitrep::Comms::Cadence::escalationPrompted, this,
        [this](const Sitrep::Comms::EscalationPrompt &p) { notify(QStringLiteral("Escalation"), p.text); });
}

void UpdateDueNotifier::notify(const QString &title, const QString &message)
{
    m_lastTitle = title;
    m_lastMessage = message;
    // No tray (offscreen, some desktops): the countdown and the prompts in the pane still say it.
    if (m_tray && QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 15000);
}

} // namespace Sitrep::Ui
