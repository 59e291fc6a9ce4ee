#pragma once

#include "comms/CadencePolicy.h"
#include "core/Result.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace Sitrep::Ui {

// Edits the update cadence per severity (minutes to the first update, then between updates; 0 = none),
// the monitoring reminder and the public updates link. OK is refused while a value is wrong, saying which.
class CommsSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    CommsSettingsDialog(const Sitrep::Comms::CadencePolicy &policy, const QString &link,
                        QWidget *parent = nullptr);

    // The table as a policy, or what is wrong with it ("P1, first update: ...").
    Sitrep::Core::Result<Sitrep::Comms::CadencePolicy> policy() const;
    QString link() const;

    QStandardItemModel *model() const { return m_model; }
    QLineEdit *linkEdit() const { return m_link; }
    QSpinBox *monitoringEdit() const { return m_monitoring; }
    QString errorText() const;
    void tryAccept();

private:
    void fill(const Sitrep::Comms::CadencePolicy &policy);

    QStandardItemModel *m_model;
    QTableView *m_view;
    QSpinBox *m_monitoring;
    QLineEdit *m_link;
    QLabel *m_error;
};

} // namespace Sitrep::Ui
