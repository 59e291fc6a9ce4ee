#include "CadenceLabel.h"

#include "comms/Cadence.h"
#include "comms/DraftFiller.h"

namespace Sitrep::Ui {

CadenceLabel::CadenceLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("cadenceLabel"));
    setTextFormat(Qt::PlainText);
    refresh();
}

void CadenceLabel::setCadence(Sitrep::Comms::Cadence *cadence)
{
    for (const auto &c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_cadence = cadence;
    if (cadence) {
        m_connections << connect(cadence, &Sitrep::Comms::Cadence::stateChanged, this,
                                 &CadenceLabel::refresh);
        // An incident closed without telling us must not leave a stale countdown behind.
        m_connections << connect(cadence, &QObject::destroyed, this, [this] {
            m_cadence.clear();
            refresh();
        });
    }
    refresh();
}

void CadenceLabel::setScale(double factor)
{
    QFont f = font();
    f.setPointSizeF(QFont().pointSizeF() * factor);
    setFont(f);
}

void CadenceLabel::refresh()
{
    QString text;
    QString tip;
    bool overdue = false;
    if (m_cadence) {
        const auto &s = m_cadence->state();
        overdue = s.active && s.overdue;
        if (s.active) {
            text = s.countdownText;
            if (s.snoozedUntilMs > 0)
                text += QStringLiteral(" (snoozed)");
            tip = QStringLiteral("Next update due at %1")
                      .arg(Sitrep::Comms::DraftFiller::formatTime(
                          QDateTime::fromMSecsSinceEpoch(s.dueMs, Qt::UTC)));
            if (!s.snoozeReason.isEmpty())
                tip += QStringLiteral("\nSnoozed: ") + s.snoozeReason;
        } else {
            text = s.statusText;
        }
    }
    // A warning sign as well as red: the state must read without colour.
    setText(overdue ? QStringLiteral("\u26A0 ") + text : text);
    setToolTip(tip);
    setAccessibleName(text);
    setStyleSheet(overdue ? QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold; "
                                           "padding: 2px 6px; border-radius: 3px; }")
                          : QString());
    if (overdue != m_overdue) {
        m_overdue = overdue;
        emit overdueChanged(overdue);
    }
}

} // namespace Sitrep::Ui
