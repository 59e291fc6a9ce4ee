#include "CadencePanel.h"

#include "CadenceLabel.h"
#include "comms/Cadence.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace Sitrep::Ui {

CadencePanel::CadencePanel(Sitrep::Comms::Cadence &cadence, QString author, QWidget *parent)
    : QWidget(parent)
    , m_cadence(cadence)
    , m_author(std::move(author))
    , m_countdown(new CadenceLabel(this))
    , m_snoozeMinutes(new QSpinBox(this))
    , m_snoozeReason(new QLineEdit(this))
    , m_reminders(new QLabel(this))
    , m_prompts(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_countdown, 1);
    m_snoozeMinutes->setRange(1, 240);
    m_snoozeMinutes->setValue(10);
    m_snoozeMinutes->setSuffix(QStringLiteral(" min"));
    m_snoozeMinutes->setAccessibleName(QStringLiteral("Snooze minutes"));
    m_snoozeReason->setPlaceholderText(QStringLiteral("Why can the update wait?"));
    m_snoozeReason->setAccessibleName(QStringLiteral("Snooze reason"));
    auto *snooze = new QPushButton(QStringLiteral("&Snooze"), this);
    connect(snooze, &QPushButton::clicked, this, &CadencePanel::snooze);
    connect(m_snoozeReason, &QLineEdit::returnPressed, this, &CadencePanel::snooze);
    top->addWidget(m_snoozeMinutes);
    top->addWidget(m_snoozeReason, 1);
    top->addWidget(snooze);
    layout->addLayout(top);
    m_reminders->setWordWrap(true);
    m_reminders->setTextFormat(Qt::PlainText);
    layout->addWidget(m_reminders);
    layout->addLayout(m_prompts);
    m_countdown->setCadence(&m_cadence);
    connect(&m_cadence, &Sitrep::Comms::Cadence::stateChanged, this, &CadencePanel::rebuild);
    rebuild();
}

QString CadencePanel::reminderText() const
{
    return m_reminders->text();
}

void CadencePanel::snooze()
{
    const auto r = m_cadence.snooze(m_snoozeMinutes->value(), m_snoozeReason->text(), m_author);
    if (!r) {
        emit message(r.error().text(), true);
        return;
    }
    m_snoozeReason->clear();
    emit message(QStringLiteral("Update reminder snoozed for %1 min.").arg(m_snoozeMinutes->value()), false);
}

void CadencePanel::rebuild()
{
    const auto &s = m_cadence.state();
    QStringList reminderIds;
    QStringList lines;
    for (const auto &r : s.reminders) {
        reminderIds << r.id;
        lines << QStringLiteral("\u2022 ") + r.text;
    }
    if (reminderIds != m_reminderIds || m_reminders->text() != lines.join(QLatin1Char('\n'))) {
        m_reminderIds = reminderIds;
        m_reminders->setText(lines.join(QLatin1Char('\n')));
        m_reminders->setVisible(!lines.isEmpty());
    }
    QStringList promptKeys;
    for (const auto &p : s.prompts)
        promptKeys << p.id + p.text;
    if (promptKeys == m_promptKeys)
        return; // rebuilt only when the prompts change, not on every countdown tick
    m_promptKeys = promptKeys;
    while (QLayoutItem *item = m_prompts->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    for (const auto &p : s.prompts) {
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *text = new QLabel(QStringLiteral("\u2191 ") + p.text, row); // an arrow, not only a colour
        text->setWordWrap(true);
        text->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
        auto *ack = new QPushButton(QStringLiteral("Acknowledge"), row);
        auto *esc = new QPushButton(QStringLiteral("Escalated"), row);
        esc->setToolTip(QStringLiteral("Record that you escalated to %1").arg(p.contact));
        const QString id = p.id;
        connect(ack, &QPushButton::clicked, this, [this, id] {
            if (const auto r = m_cadence.acknowledge(id, m_author); !r)
                emit message(r.error().text(), true);
        });
        connect(esc, &QPushButton::clicked, this, [this, id] {
            if (const auto r = m_cadence.escalate(id, m_author); !r)
                emit message(r.error().text(), true);
        });
        h->addWidget(text, 1);
        h->addWidget(ack);
        h->addWidget(esc);
        m_prompts->addWidget(row);
    }
}

} // namespace Sitrep::Ui
