#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace Sitrep::Comms {
class Cadence;
struct EscalationPrompt;
} // namespace Sitrep::Comms

namespace Sitrep::Ui {

// Turns the cadence's "update due" and escalation prompts into desktop notifications (tray messages),
// so a commander deep in another pane still hears about them.
class UpdateDueNotifier final : public QObject
{
    Q_OBJECT
public:
    UpdateDueNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);
    void setCadence(Sitrep::Comms::Cadence *cadence); // nullptr when no incident is open

    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }

private:
    void notify(const QString &title, const QString &message);
    QPointer<QSystemTrayIcon> m_tray;
    QPointer<Sitrep::Comms::Cadence> m_cadence;
    QList<QMetaObject::Connection> m_connections;
    QString m_lastTitle;
    QString m_lastMessage;
};

} // namespace Sitrep::Ui
