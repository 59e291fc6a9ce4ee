#include "CommsSettingsDialog.h"

#include "comms/CommsSettings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Sitrep::Comms::CadencePolicy;
using Sitrep::Core::makeError;

namespace {
enum Column { Severity, First, Interval, ColumnCount };
}

CommsSettingsDialog::CommsSettingsDialog(const CadencePolicy &policy, const QString &link, QWidget *parent)
    : QDialog(parent)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_view(new QTableView(this))
    , m_monitoring(new QSpinBox(this))
    , m_link(new QLineEdit(link, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Update cadence and link"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Minutes from the declaration to the first update, then between updates, per "
                                "severity. 0 means no reminders for that severity. A runbook that states its "
                                "own rules overrides these while it is open."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_model->setHorizontalHeaderLabels({tr("Severity"), tr("First update (min)"), tr("Then every (min)")});
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_view, 1);
    auto *form = new QFormLayout;
    m_monitoring->setRange(0, 24 * 60);
    m_monitoring->setSuffix(tr(" min"));
    m_monitoring->setSpecialValueText(tr("never"));
    form->addRow(tr("Remind to resolve after monitoring for:"), m_monitoring);
    m_link->setPlaceholderText(tr("https://status.example.com/incidents (shown in every update)"));
    form->addRow(tr("Updates link:"), m_link);
    layout->addLayout(form);
    m_error->setStyleSheet(QStringLiteral("color:#c62828;"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CommsSettingsDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { fill(CadencePolicy::defaults()); });
    layout->addWidget(buttons);
    fill(policy);
    resize(620, 440);
}

void CommsSettingsDialog::fill(const CadencePolicy &policy)
{
    m_model->removeRows(0, m_model->rowCount());
    QStringList severities = policy.severities();
    // The usual four levels are always offered, so a level without a rule can be given one.
    for (const QString &s :
         {QStringLiteral("P0"), QStringLiteral("P1"), QStringLiteral("P2"), QStringLiteral("P3")}) {
        if (!policy.rule(s))
            severities << s;
    }
    std::sort(severities.begin(), severities.end());
    for (const QString &s : severities) {
        const auto rule = policy.rule(s);
        auto *name = new QStandardItem(s);
        name->setEditable(false);
        m_model->appendRow({name, new QStandardItem(QString::number(rule ? rule->firstUpdateMinutes : 0)),
                            new QStandardItem(QString::number(rule ? rule->intervalMinutes : 0))});
    }
    m_monitoring->setValue(policy.monitoringReminderMinutes());
}

Sitrep::Core::Result<CadencePolicy> CommsSettingsDialog::policy() const
{
    CadencePolicy out;
    out.setMonitoringReminderMinutes(m_monitoring->value());
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString severity = m_model->item(r, Severity)->text();
        int values[2] = {0, 0};
        for (const int col : {First, Interval}) {
            bool ok = false;
            const QString text = m_model->item(r, col)->text().trimmed();
            const int v = text.toInt(&ok);
            if (!ok || v < 0 || v > 7 * 24 * 60)
                return makeError(tr("\"%1\" is not a number of minutes (0 to 10080)").arg(text),
                                 QStringLiteral("%1, %2").arg(severity, col == First ? tr("first update")
                                                                                     : tr("then every")));
            values[col - First] = v;
        }
        if (values[0] == 0 && values[1] == 0)
            continue; // no cadence for this severity
        if (values[1] == 0)
            return makeError(tr("give the minutes between updates too (or 0 in both for none)"),
                             QStringLiteral("%1, %2").arg(severity, tr("then every")));
        out.setRule(severity, {values[0], values[1]});
    }
    return out;
}

QString CommsSettingsDialog::link() const
{
    return m_link->text().trimmed();
}

QString CommsSettingsDialog::errorText() const
{
    return m_error->text();
}

void CommsSettingsDialog::tryAccept()
{
    const auto p = policy();
    if (!p) {
        m_error->setText(p.error().text());
        return;
    }
    if (const auto ok = Sitrep::Comms::CommsSettings::validateLink(link()); !ok) {
        m_error->setText(ok.error().text());
        return;
    }
    accept();
}

} // namespace Sitrep::Ui
