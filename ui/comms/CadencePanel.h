#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class QVBoxLayout;

namespace Sitrep::Comms {
class Cadence;
}

namespace Sitrep::Ui {

class CadenceLabel;

// The countdown with snooze (minutes and a reason, both recorded), the smart reminders, and the
// escalation prompts with Acknowledge / Escalate buttons.
class CadencePanel final : public QWidget
{
    Q_OBJECT
public:
    CadencePanel(Sitrep::Comms::Cadence &cadence, QString author, QWidget *parent = nullptr);

    CadenceLabel *countdown() const { return m_countdown; }
    QString reminderText() const;

signals:
    void message(const QString &text, bool error);

private:
    void rebuild();
    void snooze();
    Sitrep::Comms::Cadence &m_cadence;
    QString m_author;
    CadenceLabel *m_countdown;
    QSpinBox *m_snoozeMinutes;
    QLineEdit *m_snoozeReason;
    QLabel *m_reminders;
    QVBoxLayout *m_prompts;
    QStringList m_promptKeys;
    QStringList m_reminderIds;
};

} // namespace Sitrep::Ui
