#pragma once

#include "core/IncidentSession.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QCheckBox;

namespace Sitrep::Ui {

// Declares an incident: title, service, severity, commander, impact start and where to keep the file.
class NewIncidentDialog final : public QDialog
{
    Q_OBJECT
public:
    // The severity levels offered: the open runbook's table when it has one, else the defaults.
    NewIncidentDialog(const QString &defaultDir, const QString &commander,
                      const Sitrep::Core::SeverityScheme &scheme = Sitrep::Core::SeverityScheme::defaults(),
                      QWidget *parent = nullptr);

    Sitrep::Core::IncidentSession::Declaration declaration() const;
    QString filePath() const;
    // Another module's part of the declaration (the clusters the incident watches), above the file row.
    void addSection(const QString &label, QWidget *widget);

    void accept() override;

private:
    QString suggestedPath() const;

    QString m_dir;
    Sitrep::Core::SeverityScheme m_scheme;
    QLineEdit *m_title;
    QLineEdit *m_service;
    QComboBox *m_severity;
    QLineEdit *m_commander;
    QCheckBox *m_impactKnown;
    QDateTimeEdit *m_impact;
    QLineEdit *m_path;
    QLabel *m_error;
    QFormLayout *m_form = nullptr;
};

} // namespace Sitrep::Ui
