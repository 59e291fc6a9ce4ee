#pragma once

#include "runbook/RunbookLibrary.h"

#include <QDialog>

class QLabel;
class QTableView;

namespace Sitrep::Ui {

class RunbookListModel;

// Incident > Open runbook: the runbooks of the library (bundled and the team's folder) with the alerts they
// handle, the files that failed to parse with their error, and Browse… for any other file.
class RunbookPickerDialog final : public QDialog
{
    Q_OBJECT
public:
    RunbookPickerDialog(Sitrep::Runbook::RunbookLibrary::Scan scan, QString browseFrom,
                        QWidget *parent = nullptr);

    RunbookListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summaryText() const;
    // The runbook chosen (after accept): a library entry or a browsed file.
    QString selectedPath() const { return m_chosen; }
    void choose(const QString &path);

private:
    void acceptCurrent();

    RunbookListModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QString m_browseFrom;
    QString m_chosen;
};

} // namespace Sitrep::Ui
