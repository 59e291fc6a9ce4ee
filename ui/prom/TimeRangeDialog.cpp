#include "TimeRangeDialog.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>

namespace Sitrep::Ui {

TimeRangeDialog::TimeRangeDialog(qint64 startMs, qint64 endMs, QWidget *parent)
    : QDialog(parent)
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Custom time range"));
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        e->setCalendarPopup(true);
    }
    m_error->setStyleSheet(QStringLiteral("color:#d62d2d;"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &TimeRangeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&From"), m_from);
    form->addRow(tr("&To"), m_to);
    form->addRow(m_error);
    form->addRow(buttons);
    setRange(startMs, endMs);
}

void TimeRangeDialog::setRange(qint64 startMs, qint64 endMs)
{
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(startMs));
    m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(endMs));
}

qint64 TimeRangeDialog::startMs() const
{
    return m_from->dateTime().toMSecsSinceEpoch();
}

qint64 TimeRangeDialog::endMs() const
{
    return m_to->dateTime().toMSecsSinceEpoch();
}

QString TimeRangeDialog::errorText() const
{
    return m_error->text();
}

void TimeRangeDialog::accept()
{
    if (endMs() - startMs() < 1000) {
        m_error->setText(tr("\"To\" must be at least a second after \"From\"."));
        return;
    }
    m_error->clear();
    QDialog::accept();
}

} // namespace Sitrep::Ui
