#pragma once

#include <QDialog>

class QDateTimeEdit;
class QLabel;

namespace Sitrep::Ui {

// The charts' custom time range: from and to, local time, to the second; refuses an empty or reversed range
// with a sentence instead of closing.
class TimeRangeDialog final : public QDialog
{
    Q_OBJECT
public:
    TimeRangeDialog(qint64 startMs, qint64 endMs, QWidget *parent = nullptr);

    void setRange(qint64 startMs, qint64 endMs);
    qint64 startMs() const;
    qint64 endMs() const;
    QString errorText() const;
    void accept() override;

private:
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLabel *m_error;
};

} // namespace Sitrep::Ui
